"""End to end: a date outside the years the bot works with gets a clear reply, in every command.

``/export 01/01/0001 31/12/9999`` raised ``OverflowError`` (the day after 31/12/9999) and the
Clerk got no answer; ``/search`` the same; ``/note``, ``/foi`` and ``/sar`` put year 1 on the
record and ``/leave add`` booked leave in 9999.
"""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from chatbot.core.dates import FIRST_YEAR, LAST_YEAR
from testing.fakes.telegram import Call
from tests.chatbot.e2e.conftest import CLERK, RunningBot

YEARS = f"outside the years I work with ({FIRST_YEAR} to {LAST_YEAR})"


def _answers(calls: list[Call]) -> list[str]:
    return [
        str(c.params.get("text") or c.params.get("caption"))
        for c in calls
        if c.method in {"sendMessage", "sendDocument"}
    ]


async def _ask(bot: RunningBot, text: str) -> list[str]:
    """Send ``text`` to the bot in private; every answer it gets within a few seconds."""
    fake = bot.fake
    before = len(fake.calls)
    fake.push_update(fake.message_update(CLERK, CLERK, text, chat_type="private"))
    deadline = time.monotonic() + 10
    while not _answers(fake.calls[before:]) and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    await asyncio.sleep(0.3)  # and nothing more after the first answer
    return _answers(fake.calls[before:])


@pytest.mark.parametrize(
    ("command", "told"),
    [
        ("/export 01/01/0001 31/12/9999", f"01/01/0001 is {YEARS}"),
        ("/export 01/01/2026 31/12/9999 pdf", f"31/12/9999 is {YEARS}"),
        ("/search hedge from:01/01/0001", f"01/01/0001 is {YEARS}"),
        ("/search hedge to:31/12/9999", f"31/12/9999 is {YEARS}"),
        ("/note Mrs Thornton | 01/01/0001 10:00 | rang about the hedge", f"01/01/0001 is {YEARS}"),
        ("/leave add 30/12/9999 away", f"30/12/9999 is {YEARS}"),
        ("/foi Mr Hughes | hedge cutting costs | 01/01/0001", f"01/01/0001 is {YEARS}"),
        ("/sar Mr Hughes | Peter Hughes | 01/01/0001", f"01/01/0001 is {YEARS}"),
    ],
)
async def test_when_a_date_is_out_of_range_then_the_command_says_so_in_one_reply(
    polling_bot: RunningBot, command: str, told: str
) -> None:
    answers = await _ask(polling_bot, command)
    assert len(answers) == 1, answers
    assert told in answers[0]


async def test_when_the_widest_dates_are_asked_for_then_the_export_is_still_made(
    polling_bot: RunningBot,
) -> None:
    answers = await _ask(polling_bot, f"/export 01/01/{FIRST_YEAR} 31/12/{LAST_YEAR} json")
    assert len(answers) == 1, answers
    assert answers[0].startswith("0 entries")


def _last_first_of_december() -> date:
    """What ``1 Dec`` means for an export today: the latest 1 December not after today."""
    today = datetime.now(UTC).astimezone(ZoneInfo("Europe/London")).date()
    year = today.year if date(today.year, 12, 1) <= today else today.year - 1
    return date(year, 12, 1)


@pytest.mark.parametrize(
    "days", ["1 Dec 2 Dec", "1 Dec to 2 Dec", "1/12-2/12", "1st December 2/12"]
)
async def test_when_an_export_is_asked_for_days_as_people_write_them_then_it_is_made(
    polling_bot: RunningBot, days: str
) -> None:
    # #15: "/export 1 Dec 2 Dec" was refused ("I could not read the date '1'").
    first = _last_first_of_december()
    answers = await _ask(polling_bot, f"/export {days}")
    assert len(answers) == 1, answers
    assert answers[0].startswith(f"0 entries, {first:%d/%m/%Y} to 02/12/{first.year}. "), answers
