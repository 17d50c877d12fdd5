"""A full scenario with logging at DEBUG: no log line holds a secret or personal data.

Webhook mode with Zoom and SMTP configured; breaches with personal data in the official group,
a ``/note``, a draft, the daily digest (Telegram and e-mail), Zoom live chat deliveries (signed
and forged), a search and an export. Logging is set up as ``councilbot run`` sets it
(``LOG_LEVEL=DEBUG``), and every line from every logger of the process (the fakes' own
loggers aside) is searched for the bot token, the webhook secrets, the SMTP password, the
Zoom client secret and the personal data in the messages.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from pydantic import SecretStr

from chatbot.db.database import Database
from chatbot.ops.logs import TEXT_FORMAT, configure_logging
from chatbot.record.service import NewEntry, RecordService
from policy_checks import PolicyEngine
from testing.fakes.smtp import SmtpServer
from testing.fakes.telegram import FakeTelegram
from testing.fakes.zoom import (
    ACCOUNT_ID,
    CLIENT_ID,
    CLIENT_SECRET,
    WEBHOOK_SECRET,
    FakeZoom,
    chat_message_event,
    meeting_event,
)
from tests.chatbot.e2e.conftest import (
    CLERK,
    COUNCIL_TOML,
    COUNCILLOR,
    GROUP,
    TOKEN,
    make_settings,
    start_bot,
    stop_bot,
)

TELEGRAM_SECRET = "tg-webhook-secret-Qx81"
SMTP_USER, SMTP_PASSWORD = "clerk", "smtp-pa55word-Zr7"
MEETING, UUID = "85746065432", "occ-log-test=="
PERSONAL = (
    "Thornton",
    "Mill Lane",
    "MK45 4QD",
    "07911 123456",
    "07911123456",
    "jane.doe@gmail.com",
    "AB 12 34 56 C",
    "Rosemary Quill",
)
SECRETS = (
    TOKEN,
    TOKEN.split(":")[1],
    TELEGRAM_SECRET,
    WEBHOOK_SECRET,
    SMTP_PASSWORD,
    CLIENT_SECRET,
)
FAKES_LOGGERS = ("mail.log", "tests.")  # aiosmtpd (the fake SMTP server) logs what it receives
TICK = 0.2


class Lines(logging.Handler):
    """Every record, formatted as the bot's own handler formats it (tracebacks included)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.setFormatter(logging.Formatter(TEXT_FORMAT))
        self.lines: list[tuple[str, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        if not record.name.startswith(FAKES_LOGGERS):
            self.lines.append((record.name, self.format(record)))


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    with SmtpServer(users={SMTP_USER: SMTP_PASSWORD}) as server:
        yield server


@pytest.fixture
def captured() -> Iterator[Lines]:
    root = logging.getLogger()
    levels = {name: logging.getLogger(name).level for name in ("", "httpx", "httpcore", "telegram")}
    handler = Lines()
    root.addHandler(handler)
    yield handler
    root.removeHandler(handler)
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)


async def _until(condition: object, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        await asyncio.sleep(0.05)


async def test_when_a_full_scenario_runs_at_debug_then_no_log_line_holds_a_secret_or_personal_data(  # noqa: PLR0917 - fixtures
    tmp_path: Path,
    fake_telegram: FakeTelegram,
    fake_zoom: FakeZoom,
    engine: PolicyEngine,
    database_url: str,
    smtp: SmtpServer,
    captured: Lines,
) -> None:
    fake = fake_telegram
    fake_zoom.add_meeting(MEETING, host_id="h-helen", host_email="helen@example.org", uuid=UUID)
    settings = make_settings(
        tmp_path,
        fake,
        database_url,
        webhook_url="https://bot.example.org",
        telegram_webhook_secret=SecretStr(TELEGRAM_SECRET),
        smtp_url=SecretStr(f"smtp://{SMTP_USER}:{quote(SMTP_PASSWORD)}@127.0.0.1:{smtp.port}"),
        zoom_account_id=ACCOUNT_ID,
        zoom_client_id=CLIENT_ID,
        zoom_client_secret=SecretStr(CLIENT_SECRET),
        zoom_webhook_secret_token=SecretStr(WEBHOOK_SECRET),
        zoom_api_base_url=fake_zoom.api_base_url,
        zoom_oauth_url=fake_zoom.oauth_url,
        log_level="DEBUG",
    )
    council = COUNCIL_TOML.replace("[council]\n", '[council]\ndigest_time = "00:00"\n', 1)
    settings.council_config.write_text(council, encoding="utf-8")
    configure_logging(settings)  # as `councilbot run` does
    database = Database(database_url)
    database.upgrade()
    await RecordService(database).append(  # on the record before start: the digest carries it
        NewEntry(
            kind="message",
            occurred_at=datetime.now(UTC),
            text="Rosemary Quill of 14 Mill Lane rang, NI number AB 12 34 56 C",
            sender_name="Helen Moss",
            sender_id=COUNCILLOR,
            chat_id=GROUP,
            chat_title="Councillors",
            message_id=1,
        )
    )
    database.dispose()
    bot = await start_bot(settings, fake, engine, tick=TICK)
    hook = f"http://127.0.0.1:{settings.http_port}/telegram/webhook"
    zoom_hook = f"http://127.0.0.1:{settings.http_port}/zoom/webhook"
    try:
        await fake.wait_for("setWebhook", timeout=10)

        async def tell(update: dict[str, object], secret: str | None = TELEGRAM_SECRET) -> int:
            return await fake.deliver_to_webhook(hook, update, secret_token=secret)

        breach = "Mrs Thornton at 14 Mill Lane, MK45 4QD, call her on 07911 123456"
        assert await tell(fake.message_update(GROUP, COUNCILLOR, breach, message_id=10)) == 200
        assert (
            await tell(
                fake.message_update(GROUP, COUNCILLOR, "Mail jane.doe@gmail.com", message_id=11)
            )
            == 200
        )
        assert (
            await tell(fake.message_update(GROUP, COUNCILLOR, breach, message_id=12), secret="x")
            == 403
        )
        edited = fake.message_update(
            GROUP, COUNCILLOR, breach + " today", message_id=13, edited=True
        )
        assert await tell(edited) == 200
        private = {"chat_type": "private"}
        for user, text in (
            (CLERK, "/note Mrs Thornton | today | phoned from 07911 123456 about Mill Lane"),
            (COUNCILLOR, "Is it fine to post: ring Mrs Thornton on 07911 123456?"),
            (CLERK, "/search Thornton"),
            (CLERK, "/export 01/01/2020 31/12/2030 json person:Thornton"),
            (CLERK, f"/zoom enable {MEETING}"),
        ):
            assert await tell(fake.message_update(user, user, text, **private)) == 200  # type: ignore[arg-type]
        await _until(lambda: smtp.received)  # the digest, by e-mail (with the password)
        started = meeting_event("meeting.started", meeting_id=MEETING, uuid=UUID, host_id="h-helen")
        assert (await fake_zoom.deliver_webhook(zoom_hook, started)).status_code == 200
        live = chat_message_event(meeting_id=MEETING, uuid=UUID, text=breach, message_id="m-1")
        assert (await fake_zoom.deliver_webhook(zoom_hook, live)).status_code == 200
        assert (
            await fake_zoom.deliver_webhook(zoom_hook, live, secret="forged")
        ).status_code == 401
        async with httpx.AsyncClient() as client:
            junk = await client.post(zoom_hook, content=json.dumps({"event": breach}).encode())
        assert junk.status_code == 401
        await _until(
            lambda: any(
                "breaks the council's policy" in str(c.params.get("text"))
                for c in fake.calls_to("sendMessage")
            )
        )
        await fake.wait_for("sendDocument", timeout=10)
    finally:
        await stop_bot(bot)
    assert fake.calls_to("deleteMessage")
    assert any(" DEBUG " in line for _, line in captured.lines)  # DEBUG really was on
    leaks = [
        (name, secret)
        for name, line in captured.lines
        for secret in (*SECRETS, *PERSONAL)
        if secret.casefold() in line.casefold()
    ]
    assert not leaks, sorted(set(leaks))
