"""End to end: the FOI / SAR register through the fake Bot API, and its reminders."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from sqlalchemy import select

from chatbot.db.database import Database
from chatbot.db.models import SentNotice
from policy_checks import PolicyEngine
from testing.fakes.telegram import Call, FakeTelegram
from tests.chatbot.e2e.conftest import (
    CHAIR,
    CLERK,
    COUNCILLOR,
    RunningBot,
    make_settings,
    start_bot,
    stop_bot,
)

TICK_S = 0.2
# Received well in the past, so the test does not depend on today's date.
FOI = "/foi Mrs A Example | minutes of the planning committee | 01/10/2026"
# Sent by scheduled jobs (reminders, the record digest), not in reply to a command.
JOB_NOTICES = ("Reminder", "Late reminder", "Official record digest")


def _text(call: Call) -> str:
    return str(call.params.get("text", ""))


def _chat(call: Call) -> int:
    return int(str(call.params.get("chat_id")))


def _replies(fake: FakeTelegram, user: int) -> list[str]:
    """What the bot said in ``user``'s private chat, leaving out what jobs send on their own."""
    texts = [_text(c) for c in fake.calls_to("sendMessage") if _chat(c) == user]
    return [t for t in texts if not t.startswith(JOB_NOTICES)]


async def _say(fake: FakeTelegram, user: int, text: str) -> str:
    """Send ``text`` in ``user``'s private chat; the bot's next reply there."""
    seen = len(_replies(fake, user))
    fake.push_update(fake.message_update(user, user, text, chat_type="private"))
    await fake.wait_for("sendMessage", lambda _c: len(_replies(fake, user)) > seen, timeout=10)
    return _replies(fake, user)[seen]


def _reminders(fake: FakeTelegram) -> list[str]:
    return [
        _text(c)
        for c in fake.calls_to("sendMessage")
        if _chat(c) == CLERK and _text(c).startswith("Reminder")
    ]


def _sent_keys(database_url: str) -> list[str]:
    """The request reminders marked sent (other jobs keep their notices in the same table)."""
    database = Database(database_url)
    keys = database.call(
        lambda s: list(s.scalars(select(SentNotice.key).where(SentNotice.key.like("request:%"))))
    )
    database.dispose()
    return keys


async def test_when_the_clerk_opens_lists_and_closes_requests_then_each_is_confirmed(
    polling_bot: RunningBot,
) -> None:
    fake = polling_bot.fake
    opened = await _say(fake, CLERK, FOI)
    assert opened == (
        "FOI-2026-001 opened: due Thu 29 Oct 2026 (20 working days). Received Thu 01 Oct 2026."
    )
    sar = await _say(fake, CLERK, "/sar John Example | Johnny Example, J Example | 13/10/2026")
    assert sar.startswith("SAR-2026-001 opened: due Fri 13 Nov 2026 (one calendar month)")
    listing = await _say(fake, CHAIR, "/requests")
    lines = listing.splitlines()
    assert lines[0] == "Open requests (2):"
    assert lines[1].startswith(
        "FOI-2026-001 · FOI · Mrs A Example · received Thu 01 Oct 2026 · due Thu 29 Oct 2026 · "
        "OVERDUE by"
    )
    assert lines[2].startswith("SAR-2026-001 · SAR · John Example · received Tue 13 Oct 2026")
    assert "calendar day" in lines[2]
    closed = await _say(fake, CLERK, "/close foi-2026-001")
    assert closed == "FOI-2026-001 closed (it was due Thu 29 Oct 2026)."
    again = await _say(fake, CLERK, "/close FOI-2026-001")
    assert again == "FOI-2026-001 is already closed."
    listing = await _say(fake, CHAIR, "/requests")
    assert listing.splitlines()[0] == "Open requests (1):"
    assert "FOI-2026-001" not in listing


async def test_when_a_request_is_malformed_then_the_usage_is_shown(
    polling_bot: RunningBot,
) -> None:
    fake = polling_bot.fake
    assert (await _say(fake, CLERK, "/foi Mrs A Example")).startswith("Usage: /foi")
    assert (await _say(fake, CLERK, "/sar Ann | | 31/31/2026")).startswith(
        "I could not read the date '31/31/2026'."
    )
    assert (await _say(fake, CHAIR, "/requests")) == "No open FOI or subject-access requests."


async def test_when_a_councillor_opens_or_lists_requests_then_they_are_refused(
    polling_bot: RunningBot,
) -> None:
    fake = polling_bot.fake
    assert (await _say(fake, COUNCILLOR, FOI)) == "/foi is for: Assistant clerk, Clerk."
    assert (await _say(fake, COUNCILLOR, "/requests")).startswith("/requests is for:")
    assert (await _say(fake, CHAIR, FOI)) == "/foi is for: Assistant clerk, Clerk."
    assert (await _say(fake, CLERK, "/requests")) == "No open FOI or subject-access requests."


async def test_when_a_request_is_overdue_then_the_clerk_is_reminded_once_even_after_a_restart(
    tmp_path: Path, fake_telegram: FakeTelegram, engine: PolicyEngine, database_url: str
) -> None:
    settings = make_settings(tmp_path, fake_telegram, database_url)
    bot = await start_bot(settings, fake_telegram, engine, tick=TICK_S)
    try:
        await fake_telegram.wait_for("getUpdates", timeout=10)
        await _say(fake_telegram, CLERK, FOI)
        reminder = await fake_telegram.wait_for(
            "sendMessage", lambda c: _chat(c) == CLERK and _text(c).startswith("Reminder")
        )
        assert "FOI-2026-001 (FOI request) is overdue: it was due Thu 29 Oct 2026" in _text(
            reminder
        )
        assert "Mrs A Example" not in _text(reminder)
        deadline = time.monotonic() + 5
        while _sent_keys(database_url) != ["request:FOI-2026-001:overdue"]:
            assert time.monotonic() < deadline, _sent_keys(database_url)
            await asyncio.sleep(TICK_S)
        await asyncio.sleep(5 * TICK_S)  # several more ticks
    finally:
        await stop_bot(bot)
    restarted = time.monotonic()
    bot = await start_bot(settings, fake_telegram, engine, tick=TICK_S)
    try:
        await fake_telegram.wait_for("getUpdates", lambda c: c.at > restarted, timeout=10)
        await asyncio.sleep(5 * TICK_S)
    finally:
        await stop_bot(bot)
    assert len(_reminders(fake_telegram)) == 1
