"""End to end: the leave cover handover and the out-of-office reply, through the fake Bot API."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from chatbot.core.dates import shown_day
from chatbot.cover.notices import shown_moment
from chatbot.cover.office_hours import OfficeHours
from chatbot.db.database import Database
from chatbot.db.models import Absence
from chatbot.settings import Settings
from policy_checks import PolicyEngine
from testing.fakes.telegram import Call, FakeTelegram
from tests.chatbot.e2e.conftest import (
    CLERK,
    COUNCIL_TOML,
    COUNCILLOR,
    make_settings,
    start_bot,
    stop_bot,
)

LONDON = ZoneInfo("Europe/London")
TICK_S = 0.2
ASSISTANT = 1013  # an Assistant Clerk of this test's own council file
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _office_hours() -> str:
    """Office hours on one day three days off: whenever the test runs, the office is closed."""
    today = datetime.now(LONDON).weekday()
    return f"{_DAYS[(today + 3) % 7]} 09:00-17:00"


def _settings(tmp_path: Path, fake: FakeTelegram, database_url: str) -> Settings:
    """The e2e council, with an Assistant Clerk and office hours closed today."""
    settings = make_settings(tmp_path, fake, database_url)
    council = COUNCIL_TOML.replace(
        "[council]\n", f'[council]\noffice_hours = "{_office_hours()}"\n', 1
    )
    council += f"""
[[members]]
telegram_id = {ASSISTANT}
name = "Sam Lee"
role = "assistant_clerk"
"""
    settings.council_config.write_text(council, encoding="utf-8")
    return settings


def _text(call: Call) -> str:
    return str(call.params.get("text", ""))


def _chat(call: Call) -> int:
    return int(str(call.params.get("chat_id")))


def _to(fake: FakeTelegram, chat: int) -> list[str]:
    return [_text(c) for c in fake.calls_to("sendMessage") if _chat(c) == chat]


def _sent_to(fake: FakeTelegram, chat: int, start: str) -> list[str]:
    return [t for t in _to(fake, chat) if t.startswith(start)]


async def test_when_the_clerk_is_on_leave_then_the_assistant_clerk_gets_the_handover_once(
    tmp_path: Path, fake_telegram: FakeTelegram, engine: PolicyEngine, database_url: str
) -> None:
    settings = _settings(tmp_path, fake_telegram, database_url)
    today = datetime.now(LONDON).date()
    first, last = today - timedelta(days=1), today + timedelta(days=3)
    database = Database(database_url)
    database.upgrade()
    database.call(
        lambda s: s.add(
            Absence(
                member_telegram_id=CLERK,
                kind="leave",
                starts_on=first,
                ends_on=last,
                reason="Christmas",
                recorded_by=CLERK,
                recorded_at=datetime.now(UTC),
            )
        )
    )
    database.dispose()
    bot = await start_bot(settings, fake_telegram, engine, tick=TICK_S)
    try:
        handover = await fake_telegram.wait_for(
            "sendMessage",
            lambda c: _chat(c) == ASSISTANT and _text(c).startswith("Handover"),
            timeout=10,
        )
        await asyncio.sleep(5 * TICK_S)  # several more ticks
    finally:
        await stop_bot(bot)
    restarted = datetime.now(UTC)
    bot = await start_bot(settings, fake_telegram, engine, tick=TICK_S)
    try:
        await asyncio.sleep(5 * TICK_S)
    finally:
        await stop_bot(bot)
    assert datetime.now(UTC) > restarted
    text = _text(handover)
    assert text.startswith("Handover. The Clerk is away (Christmas): you are on duty")
    assert f"as the Assistant Clerk from {shown_day(first)} to {shown_day(last)}" in text
    assert "Posts removed in the last 14 days: none." in text
    assert len(_sent_to(fake_telegram, ASSISTANT, "Handover")) == 1
    assert _sent_to(fake_telegram, ASSISTANT, "Cover starts tomorrow") == []  # cover had begun


async def test_when_a_member_asks_for_the_clerk_out_of_hours_then_the_notice_comes_once(
    tmp_path: Path, fake_telegram: FakeTelegram, engine: PolicyEngine, database_url: str
) -> None:
    settings = _settings(tmp_path, fake_telegram, database_url)
    bot = await start_bot(settings, fake_telegram, engine, tick=TICK_S)
    try:
        await fake_telegram.wait_for("getUpdates", timeout=10)
        for n in (1, 2):

            def answered(_call: Call, n: int = n) -> bool:
                return len(_to(fake_telegram, COUNCILLOR)) == n

            fake_telegram.push_update(
                fake_telegram.message_update(
                    COUNCILLOR,
                    COUNCILLOR,
                    "Could the clerk ring me about the allotments?",
                    chat_type="private",
                )
            )
            await fake_telegram.wait_for(
                "sendMessage",
                answered,
                timeout=10,
            )
        await asyncio.sleep(5 * TICK_S)  # an out-of-office reply would have come by now
    finally:
        await stop_bot(bot)
    next_open = OfficeHours.parse(_office_hours()).next_open(datetime.now(UTC), LONDON)
    assert next_open is not None
    (notice,) = _sent_to(fake_telegram, COUNCILLOR, "Out of office")
    assert f"The Clerk's next working time is {shown_moment(next_open, LONDON)}." in notice
    # A question for the Clerk is answered, not checked as a draft to post (issue #15): once
    # with the out-of-office notice, then with where to reach the Clerk alone.
    assert "do not pass messages on" in notice
    assert len(_sent_to(fake_telegram, COUNCILLOR, "I am the council's bot")) == 1
    assert _sent_to(fake_telegram, COUNCILLOR, "No issues found") == []
