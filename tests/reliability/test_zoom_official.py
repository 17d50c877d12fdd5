"""Attack: a meeting's host takes an official meeting off the record.

Through the real bot, the fake Bot API and the fake Zoom API: the Clerk enables a meeting as
official; its host then enables it again (without ``official``) and tries to disable it. Both
are refused in plain words, and the meeting stays checked, official, its alerts with the Clerk.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
from pydantic import SecretStr
from sqlalchemy import select

from chatbot.db.database import Database
from chatbot.db.models import ZoomMeeting
from policy_checks import PolicyEngine
from testing.fakes.telegram import Call, FakeTelegram
from testing.fakes.zoom import ACCOUNT_ID, CLIENT_ID, CLIENT_SECRET, WEBHOOK_SECRET, FakeZoom
from tests.chatbot.e2e.conftest import (
    CHAIR,
    CLERK,
    COUNCIL_TOML,
    COUNCILLOR,
    RunningBot,
    make_settings,
    start_bot,
    stop_bot,
)

MEETING = "85746065432"
HOST_EMAIL = "helen.moss@example.org"
COUNCIL = COUNCIL_TOML.replace(
    'name = "Helen Moss"\nrole = "councillor"',
    f'name = "Helen Moss"\nrole = "councillor"\nemail = "{HOST_EMAIL}"',
)


@pytest.fixture
async def bot(
    tmp_path: Path,
    fake_telegram: FakeTelegram,
    fake_zoom: FakeZoom,
    engine: PolicyEngine,
    database_url: str,
) -> AsyncIterator[RunningBot]:
    fake_zoom.add_meeting(MEETING, host_id="h-helen", host_email=HOST_EMAIL)
    settings = make_settings(
        tmp_path,
        fake_telegram,
        database_url,
        zoom_account_id=ACCOUNT_ID,
        zoom_client_id=CLIENT_ID,
        zoom_client_secret=SecretStr(CLIENT_SECRET),
        zoom_webhook_secret_token=SecretStr(WEBHOOK_SECRET),
        zoom_api_base_url=fake_zoom.api_base_url,
        zoom_oauth_url=fake_zoom.oauth_url,
    )
    settings.council_config.write_text(COUNCIL, encoding="utf-8")
    running = await start_bot(settings, fake_telegram, engine)
    await fake_telegram.wait_for("getUpdates", timeout=10)
    yield running
    await stop_bot(running)


def _to(chat_id: int, *words: str) -> Callable[[Call], bool]:
    def matches(call: Call) -> bool:
        text = str(call.params.get("text", ""))
        return str(call.params.get("chat_id")) == str(chat_id) and all(w in text for w in words)

    return matches


async def _command(bot: RunningBot, user: int, text: str, *expected: str) -> Call:
    bot.fake.push_update(bot.fake.message_update(user, user, text, chat_type="private"))
    return await bot.fake.wait_for("sendMessage", _to(user, *expected), timeout=10)


def _meeting(bot: RunningBot) -> tuple[bool, bool, int]:
    database = Database(bot.settings.database_url)
    try:
        row = database.call(
            lambda s: s.execute(
                select(ZoomMeeting.enabled, ZoomMeeting.official, ZoomMeeting.alert_telegram_id)
            ).one()
        )
        return bool(row[0]), bool(row[1]), int(row[2])
    finally:
        database.dispose()


@pytest.mark.parametrize("officer", [CLERK, CHAIR], ids=["clerk", "chair"])
async def test_when_the_host_enables_an_official_meeting_again_then_it_stays_on_the_record(
    bot: RunningBot, officer: int
) -> None:
    await _command(bot, COUNCILLOR, f"/zoom enable {MEETING}", "Checking the chat")
    await _command(bot, officer, f"/zoom enable {MEETING} official", "official meeting")
    await _command(
        bot,
        COUNCILLOR,
        f"/zoom enable {MEETING}",
        "already checked as an official meeting",
        "Only the Clerk or the Chair can change that.",
    )
    await _command(
        bot, COUNCILLOR, f"/zoom disable {MEETING}", "only the Clerk or the Chair can stop"
    )
    assert _meeting(bot) == (True, True, officer)
    await _command(bot, officer, "/zoom list", MEETING, "official, on the record")
