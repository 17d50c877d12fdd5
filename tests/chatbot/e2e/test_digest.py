"""End to end: the running bot sends the Clerk the daily digest once, by Telegram and e-mail."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pydantic import SecretStr

from chatbot.app import serve
from chatbot.db.database import Database
from chatbot.errors import ConfigError
from chatbot.record.service import NewEntry, RecordService
from chatbot.settings import Settings
from policy_checks import PolicyEngine
from testing.fakes.smtp import SmtpServer
from testing.fakes.telegram import FakeTelegram
from tests.chatbot.e2e.conftest import (
    CLERK,
    COUNCIL_TOML,
    COUNCILLOR,
    GROUP,
    make_settings,
    start_bot,
    stop_bot,
)

TICK = 0.2
SETTLE_S = 1.5  # several ticks
CLERK_EMAIL = "theparishclerk@bartonleclay-pc.gov.uk"


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    with SmtpServer() as server:
        yield server


def _settings(tmp_path: Path, fake: FakeTelegram, database_url: str, smtp: SmtpServer) -> Settings:
    settings = make_settings(
        tmp_path, fake, database_url, smtp_url=SecretStr(f"smtp://127.0.0.1:{smtp.port}")
    )
    # Due at any time of day, so the first tick finds it due.
    council = COUNCIL_TOML.replace("[council]\n", '[council]\ndigest_time = "00:00"\n', 1)
    settings.council_config.write_text(council, encoding="utf-8")
    return settings


async def _record_a_message(database_url: str) -> None:
    database = Database(database_url)
    database.upgrade()
    await RecordService(database).append(
        NewEntry(
            kind="message",
            occurred_at=datetime.now(UTC),
            text="Rent review agreed for the allotments",
            sender_name="Helen Moss",
            sender_id=COUNCILLOR,
            chat_id=GROUP,
            chat_title="Councillors",
            message_id=1,
        )
    )
    database.dispose()


def _digests(fake: FakeTelegram) -> list[str]:
    return [
        str(c.params.get("text", ""))
        for c in fake.calls_to("sendMessage")
        if int(str(c.params.get("chat_id"))) == CLERK
        and str(c.params.get("text", "")).startswith("Official record digest")
    ]


async def _wait_for_digest(fake: FakeTelegram) -> str:
    await fake.wait_for(
        "sendMessage",
        lambda c: str(c.params.get("text", "")).startswith("Official record digest"),
        timeout=20,
    )
    return _digests(fake)[0]


async def test_when_digest_time_comes_then_the_clerk_gets_it_once_even_after_a_restart(
    tmp_path: Path,
    fake_telegram: FakeTelegram,
    engine: PolicyEngine,
    database_url: str,
    smtp: SmtpServer,
) -> None:
    await _record_a_message(database_url)
    settings = _settings(tmp_path, fake_telegram, database_url, smtp)
    bot = await start_bot(settings, fake_telegram, engine, tick=TICK)
    try:
        text = await _wait_for_digest(fake_telegram)
        (mail,) = await smtp.wait_for(1)
        await asyncio.sleep(SETTLE_S)
    finally:
        await stop_bot(bot)
    assert "Rent review agreed for the allotments" in text
    assert "Chain head: entry #1" in text
    assert mail.recipients == [CLERK_EMAIL]
    assert mail.message["Subject"].startswith("Official record digest")
    assert len(_digests(fake_telegram)) == 1
    assert len(smtp.received) == 1

    again = await start_bot(settings, fake_telegram, engine, tick=TICK)
    try:
        await asyncio.sleep(SETTLE_S)
    finally:
        await stop_bot(again)
    assert len(_digests(fake_telegram)) == 1
    assert len(smtp.received) == 1


async def test_when_the_email_is_refused_once_then_it_follows_without_a_second_telegram(
    tmp_path: Path,
    fake_telegram: FakeTelegram,
    engine: PolicyEngine,
    database_url: str,
    smtp: SmtpServer,
) -> None:
    await _record_a_message(database_url)
    smtp.refuse_next("451 Try again later")
    settings = _settings(tmp_path, fake_telegram, database_url, smtp)
    bot = await start_bot(settings, fake_telegram, engine, tick=TICK)
    try:
        await _wait_for_digest(fake_telegram)
        (mail,) = await smtp.wait_for(1)
        await asyncio.sleep(SETTLE_S)
    finally:
        await stop_bot(bot)
    assert len(_digests(fake_telegram)) == 1
    assert len(smtp.received) == 1
    body = mail.message.get_body(preferencelist=("plain",))
    assert body is not None
    assert "Rent review agreed for the allotments" in body.get_content()


async def test_when_smtp_url_is_malformed_then_start_up_stops_naming_the_variable(
    tmp_path: Path,
    fake_telegram: FakeTelegram,
    engine: PolicyEngine,
    database_url: str,
) -> None:
    settings = make_settings(
        tmp_path, fake_telegram, database_url, smtp_url=SecretStr("smtp://clerk:s3cret@")
    )
    with pytest.raises(ConfigError, match=r"^SMTP_URL: ") as caught:
        await serve(settings, engine=engine, poll_timeout=1)
    assert "s3cret" not in str(caught.value)
    assert fake_telegram.calls_to("getUpdates") == []
