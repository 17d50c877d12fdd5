"""End to end: leave, ``/cover``, the calendar feed and alert routing, through the fake Bot API."""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
import pytest
from sqlalchemy import select

from chatbot.core.dates import shown_day
from chatbot.db.database import Database
from chatbot.db.models import RecordEntry
from policy_checks import PolicyEngine
from testing.fakes.telegram import Call, FakeTelegram
from tests.chatbot.e2e.conftest import (
    GROUP,
    RunningBot,
    free_port,
    make_settings,
    start_bot,
    stop_bot,
)
from tests.chatbot.e2e.pressing import confirm

LONDON = ZoneInfo("Europe/London")
CLERK, CHAIR, ASSISTANT, COUNCILLOR, MONITOR, SPARE, OTHER = (
    1001,
    1002,
    1003,
    1004,
    1005,
    1006,
    1007,
)
BREACH = "Mrs Thornton's number is 07911 123456, please call her"

COVER_COUNCIL = f"""
[council]
name = "Barton-le-Clay Parish Council"
timezone = "Europe/London"
clerk_email = "theparishclerk@bartonleclay-pc.gov.uk"
website_domains = ["bartonleclay-pc.gov.uk", "gov.uk"]

[[members]]
telegram_id = {CLERK}
name = "Jane Smith"
role = "clerk"

[[members]]
telegram_id = {CHAIR}
name = "Peter Hughes"
role = "chair"

[[members]]
telegram_id = {ASSISTANT}
name = "Bob Jones"
role = "assistant_clerk"

[[members]]
telegram_id = {COUNCILLOR}
name = "Helen Moss"
role = "councillor"

[[members]]
telegram_id = {MONITOR}
name = "Sam Lee"
role = "councillor"
monitor = true

[[members]]
telegram_id = {SPARE}
name = "Ann Price"
role = "councillor"

[[members]]
telegram_id = {OTHER}
name = "Tom Green"
role = "councillor"

[[chats]]
telegram_id = {GROUP}
title = "Councillors"
official = true
moderate = true
"""


def _chat(call: Call) -> int:
    return int(str(call.params.get("chat_id")))


def _text(call: Call) -> str:
    return str(call.params.get("text", ""))


def _today() -> date:
    return datetime.now(UTC).astimezone(LONDON).date()


@pytest.fixture
async def cover_bot(
    tmp_path: Path, fake_telegram: FakeTelegram, engine: PolicyEngine, database_url: str
) -> AsyncIterator[RunningBot]:
    """The bot with an Assistant Clerk and a monitor, polling, its HTTP server on PUBLIC_URL."""
    council = tmp_path / "cover-council.toml"
    council.write_text(COVER_COUNCIL, encoding="utf-8")
    port = free_port()
    settings = make_settings(
        tmp_path,
        fake_telegram,
        database_url,
        council_config=council,
        http_port=port,
        public_url=f"http://127.0.0.1:{port}/",
    )
    bot = await start_bot(settings, fake_telegram, engine)
    await fake_telegram.wait_for("getUpdates", timeout=10)
    yield bot
    await stop_bot(bot)


async def _ask(bot: RunningBot, user: int, text: str, *, method: str = "sendMessage") -> Call:
    """Send ``text`` privately as ``user``; the bot's next answer to them."""
    fake = bot.fake
    before = len([c for c in fake.calls_to(method) if _chat(c) == user])
    fake.push_update(fake.message_update(user, user, text, chat_type="private"))
    for _ in range(200):
        answers = [c for c in fake.calls_to(method) if _chat(c) == user]
        if len(answers) > before:
            return answers[before]
        await asyncio.sleep(0.05)
    raise AssertionError(f"no answer to {text!r}")


async def _says(bot: RunningBot, user: int, text: str) -> str:
    return _text(await _ask(bot, user, text))


def _christmas() -> tuple[date, date]:
    """What ``21/12 2/1`` means today: the next 21 December, to 2 January after it."""
    today = _today()
    year = today.year if date(today.year, 12, 21) >= today else today.year + 1
    return date(year, 12, 21), date(year + 1, 1, 2)


async def test_when_the_clerk_adds_leave_then_it_is_confirmed_with_who_covers(
    cover_bot: RunningBot,
) -> None:
    first, last = _christmas()
    reply = await _says(cover_bot, CLERK, "/leave add 21/12 2/1 Christmas")
    assert re.fullmatch(
        rf"Leave \d+ recorded: Jane Smith, {shown_day(first)} to {shown_day(last)} \(13 days\), "
        r"Christmas\.\nWhile you are away: Assistant Clerk Bob Jones is on duty\.",
        reply,
    ), reply


async def test_when_one_date_is_given_then_the_leave_is_a_single_day(
    cover_bot: RunningBot,
) -> None:
    tomorrow = _today() + timedelta(days=1)
    reply = await _says(cover_bot, ASSISTANT, "/leave add tomorrow dentist")
    assert f"Bob Jones, {shown_day(tomorrow)} (1 day), dentist." in reply
    assert "While you are away: Clerk Jane Smith is on duty." in reply


async def test_when_leave_leaves_nobody_on_duty_then_the_gap_is_warned_at_once(
    cover_bot: RunningBot,
) -> None:
    day = (_today() + timedelta(days=10)).isoformat()
    monitor = await _says(cover_bot, MONITOR, f"/leave add {day} {day}")
    assert monitor.startswith("Unavailability ")
    assert "Clerk Jane Smith is on duty" in monitor
    await _says(cover_bot, ASSISTANT, f"/leave add {day}")
    reply = await _says(cover_bot, CLERK, f"/leave add {day} conference")
    assert "While you are away: nobody is on duty" in reply
    assert "⚠ Gap: nobody is on duty" in reply
    assert "every monitor is unavailable" in reply


async def test_when_leave_is_listed_and_cancelled_then_each_step_is_confirmed(
    cover_bot: RunningBot,
) -> None:
    added = await _says(cover_bot, CLERK, "/leave add 21 Dec 2 Jan Christmas")
    assert added.startswith("Leave"), added
    number = int(added.split()[1])
    listed = await _says(cover_bot, CLERK, "/leave list")
    assert f"{number} — Jane Smith, leave, " in listed
    assert "(13 days), Christmas" in listed
    cancelled = await _says(cover_bot, CLERK, f"/leave cancel {number}")
    first, last = _christmas()
    assert cancelled == (
        f"Cancelled leave {number}: Jane Smith, {shown_day(first)} to {shown_day(last)}."
    )
    assert "No leave" in await _says(cover_bot, CLERK, "/leave list")


async def test_when_the_clerk_records_leave_for_the_assistant_clerk_then_it_is_theirs(
    cover_bot: RunningBot,
) -> None:
    reply = await _says(cover_bot, CLERK, f"/leave add {ASSISTANT} 21/12 2/1 Christmas")
    assert "Leave" in reply
    assert "recorded: Bob Jones," in reply
    assert "While Bob Jones is away: Clerk Jane Smith is on duty." in reply
    mine = await _says(cover_bot, ASSISTANT, "/leave list")
    assert "Bob Jones, leave" in mine


@pytest.mark.parametrize("named", ["Bob Jones", "bob", "jones"])
async def test_when_the_clerk_names_the_assistant_clerk_then_the_leave_is_theirs(
    cover_bot: RunningBot, named: str
) -> None:
    reply = await _says(cover_bot, CLERK, f"/leave add {named} 21/12 to 2/1 Christmas")
    assert "recorded: Bob Jones," in reply
    assert "Christmas" in reply


async def test_when_the_clerk_names_nobody_known_then_the_closest_names_are_offered(
    cover_bot: RunningBot,
) -> None:
    reply = await _says(cover_bot, CLERK, "/leave add Bobby Jonas 21/12 to 2/1")
    assert reply.startswith("No member is called “Bobby Jonas”.")
    assert "Leave" not in reply


async def test_when_someone_else_records_leave_for_another_then_it_is_refused(
    cover_bot: RunningBot,
) -> None:
    reply = await _says(cover_bot, ASSISTANT, f"/leave add {CLERK} 21/12 2/1")
    assert reply == "Only the Clerk records leave for someone else."


async def test_when_a_councillor_adds_leave_then_they_are_refused_with_the_reason(
    cover_bot: RunningBot,
) -> None:
    reply = await _says(cover_bot, COUNCILLOR, "/leave add 21/12 2/1")
    assert reply == "/leave is for: Assistant clerk, Clerk, nominated monitors."
    for_them = await _says(cover_bot, CLERK, f"/leave add {COUNCILLOR} 21/12")
    assert "Helen Moss is not the Clerk, the Assistant Clerk or a nominated monitor" in for_them


async def test_when_a_date_cannot_be_read_then_the_usage_is_shown(cover_bot: RunningBot) -> None:
    reply = await _says(cover_bot, CLERK, "/leave add someday")
    assert reply.startswith("I could not read the date 'someday'.")
    assert "/leave add <from> <to> [reason]" in reply


async def test_when_a_third_monitor_is_nominated_then_it_is_refused_and_nominations_are_recorded(
    cover_bot: RunningBot,
) -> None:
    assert await _says(cover_bot, CLERK, f"/monitor {SPARE} on") == (
        "Ann Price is now a monitor (on the council record: entry 1)."
    )
    refused = await _says(cover_bot, CLERK, f"/monitor {OTHER} on")
    assert refused.startswith("The policy allows up to two nominated monitors;")
    assert "Sam Lee" in refused
    assert "Ann Price" in refused
    stood_down = await _says(cover_bot, CLERK, f"/monitor {SPARE} off")
    assert stood_down == "Ann Price is no longer a monitor (on the council record: entry 2)."
    database = Database(cover_bot.settings.database_url)
    try:
        entries = database.call(
            lambda s: [
                (e.kind, e.reason, e.sender_telegram_id, json.loads(e.content or "{}")["text"])
                for e in s.scalars(select(RecordEntry).order_by(RecordEntry.seq))
            ]
        )
    finally:
        database.dispose()
    assert entries == [
        (
            "note",
            "monitor nominated",
            CLERK,
            f"Jane Smith (Clerk) nominated Ann Price (id {SPARE}) as a social-media monitor.",
        ),
        (
            "note",
            "monitor stood down",
            CLERK,
            f"Jane Smith (Clerk) stood down Ann Price (id {SPARE}) as a social-media monitor.",
        ),
    ]


async def test_when_cover_is_asked_then_the_next_60_days_are_a_table_with_gaps_flagged(
    cover_bot: RunningBot,
) -> None:
    start = _today() + timedelta(days=5)
    end = start + timedelta(days=2)
    await _says(cover_bot, MONITOR, f"/leave add {start.isoformat()} {end.isoformat()}")
    await _says(cover_bot, ASSISTANT, f"/leave add {start.isoformat()} {end.isoformat()}")
    await _says(cover_bot, CLERK, f"/leave add {start.isoformat()} {start.isoformat()}")
    table = (await _says(cover_bot, MONITOR, "/cover")).splitlines()
    last = _today() + timedelta(days=59)
    assert table[0] == (
        f"Who is on duty, {shown_day(_today())} to {shown_day(last)} (days in Europe/London):"
    )
    day = timedelta(days=1)
    # The Clerk is back after one day, so the days after are one period, however the others are.
    assert table[1:5] == [
        f"• {shown_day(_today())} to {shown_day(start - day)}: Clerk Jane Smith",
        (
            f"✗ {shown_day(start)}: NOBODY on duty — the Clerk and Assistant Clerk are away and "
            "every monitor is unavailable"
        ),
        f"• {shown_day(start + day)} to {shown_day(last)}: Clerk Jane Smith",
        "",
    ], table


async def test_when_a_councillor_asks_for_cover_then_they_are_refused(
    cover_bot: RunningBot,
) -> None:
    reply = await _says(cover_bot, COUNCILLOR, "/cover")
    assert reply.startswith("/cover is for: ")
    assert "nominated monitors" in reply


async def test_when_cover_ics_is_asked_then_a_calendar_file_is_sent(
    cover_bot: RunningBot,
) -> None:
    await _says(cover_bot, CLERK, "/leave add 21/12 2/1 Christmas")
    sent = await _ask(cover_bot, CLERK, "/cover ics", method="sendDocument")
    document = sent.params["document"]
    assert str(document["filename"]).endswith(".ics")
    text = bytes(document["content"]).decode("utf-8")
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert "SUMMARY:Leave: Jane Smith\r\n" in text
    first, _ = _christmas()
    if first - _today() < timedelta(days=60):
        assert "SUMMARY:On duty: Assistant Clerk Bob Jones\r\n" in text
    assert "Christmas" not in text  # reasons are not shown beyond /leave list


async def test_when_a_calendar_link_is_made_then_it_is_served_over_http_until_unlinked(
    cover_bot: RunningBot,
) -> None:
    await _says(cover_bot, CLERK, "/leave add 21/12 2/1 Christmas")
    reply = await _says(cover_bot, CLERK, "/cover link")
    match = re.search(r"(http://127\.0\.0\.1:\d+/calendar/[A-Za-z0-9_-]+\.ics)", reply)
    assert match is not None, reply
    url = match[1]
    base = url.split("/calendar/")[0]
    async with httpx.AsyncClient(timeout=10) as client:
        for _ in range(100):  # the server starts alongside the poller
            try:
                await client.get(f"{base}/healthz")
                break
            except httpx.TransportError:
                await asyncio.sleep(0.1)
        served = await client.get(url)
        assert served.status_code == 200
        assert served.headers["content-type"].startswith("text/calendar")
        assert "SUMMARY:Leave: Jane Smith" in served.text
        guessed = await client.get(f"{base}/calendar/{'A' * 32}.ics")
        assert (guessed.status_code, guessed.content) == (404, b"")
        replaced = await _says(cover_bot, CLERK, "/cover link")
        assert url not in replaced
        assert (await client.get(url)).status_code == 404
        new_url = replaced.rsplit("\n", 1)[-1]
        assert (await client.get(new_url)).status_code == 200
        assert (
            await _says(cover_bot, CLERK, "/cover unlink") == "Your calendar URL no longer works."
        )
        gone = await client.get(new_url)
        assert (gone.status_code, gone.content) == (404, b"")


async def test_when_public_url_is_unset_then_cover_link_explains_it_is_needed(
    polling_bot: RunningBot,
) -> None:
    reply = await _says(polling_bot, CLERK, "/cover link")
    assert "PUBLIC_URL" in reply
    assert "/cover ics" in reply


async def _three_strikes(bot: RunningBot) -> None:
    fake = bot.fake
    for message_id in (40, 41, 42):
        fake.push_update(fake.message_update(GROUP, COUNCILLOR, BREACH, message_id=message_id))


def _alerts(bot: RunningBot) -> list[Call]:
    return [c for c in bot.fake.calls_to("sendMessage") if "Strike alert" in _text(c)]


async def test_when_the_clerk_is_on_leave_then_a_strike_alert_goes_to_the_assistant_clerk(
    cover_bot: RunningBot,
) -> None:
    await _says(cover_bot, CLERK, "/leave add today")
    await _three_strikes(cover_bot)
    alert = await cover_bot.fake.wait_for(
        "sendMessage", lambda c: "Strike alert" in _text(c), timeout=20
    )
    await asyncio.sleep(0.5)
    assert [_chat(c) for c in _alerts(cover_bot)] == [ASSISTANT]
    assert "3 strikes" in _text(alert)


async def test_when_both_clerks_are_away_then_the_strike_alert_goes_to_the_monitors(
    cover_bot: RunningBot,
) -> None:
    await _says(cover_bot, CLERK, f"/monitor {SPARE} on")
    await _says(cover_bot, CLERK, "/leave add today")
    await _says(cover_bot, ASSISTANT, "/leave add today")
    await _three_strikes(cover_bot)
    await cover_bot.fake.wait_for("sendMessage", lambda c: "Strike alert" in _text(c), timeout=20)
    await asyncio.sleep(0.5)
    assert sorted(_chat(c) for c in _alerts(cover_bot)) == [MONITOR, SPARE]


async def test_when_nobody_is_on_duty_then_the_alert_goes_to_the_clerk_and_chair_saying_so(
    cover_bot: RunningBot,
) -> None:
    await _says(cover_bot, CLERK, "/leave add today")
    await _says(cover_bot, ASSISTANT, "/leave add today")
    await _says(cover_bot, MONITOR, "/leave add today")
    await _three_strikes(cover_bot)
    await cover_bot.fake.wait_for("sendMessage", lambda c: "Strike alert" in _text(c), timeout=20)
    await asyncio.sleep(0.5)
    alerts = _alerts(cover_bot)
    assert sorted(_chat(c) for c in alerts) == [CLERK, CHAIR]
    assert all("Nobody is on duty for monitoring today" in _text(c) for c in alerts)


async def test_when_the_clerk_is_on_leave_then_a_review_request_goes_to_the_assistant_clerk(
    cover_bot: RunningBot,
) -> None:
    await _says(cover_bot, CLERK, "/leave add today")
    fake = cover_bot.fake
    # A review request is for a removal the bot recorded: the message is removed first.
    fake.push_update(fake.message_update(GROUP, COUNCILLOR, BREACH, message_id=40))
    await fake.wait_for("deleteMessage", timeout=20)
    message = {"message_id": 99, "date": 0, "chat": {"id": COUNCILLOR, "type": "private"}}
    fake.push_update(fake.callback_update(COUNCILLOR, f"v:{GROUP}:40", message))
    await fake.wait_for("answerCallbackQuery", timeout=20)
    requests = [c for c in fake.calls_to("sendMessage") if "Review requested" in _text(c)]
    assert [_chat(c) for c in requests] == [ASSISTANT]


async def test_when_a_monitor_is_removed_then_the_stand_down_is_on_the_record(
    cover_bot: RunningBot,
) -> None:
    assert await _says(cover_bot, CLERK, f"/remove {MONITOR}") == (
        "Remove Sam Lee (Councillor) from the council?"
    )
    assert await confirm(cover_bot.fake, CLERK) == "Sam Lee was removed."
    database = Database(cover_bot.settings.database_url)
    try:
        for _ in range(100):
            reasons = database.call(lambda s: list(s.scalars(select(RecordEntry.reason))))
            if reasons:
                break
            await asyncio.sleep(0.05)
    finally:
        database.dispose()
    assert reasons == ["monitor stood down"]


# Dates as people type them, and leave that is questioned before it is booked (#15) ----------


def _buttons(call: Call) -> dict[str, str]:
    raw = call.params.get("reply_markup") or "{}"
    markup = json.loads(raw) if isinstance(raw, str) else dict(raw)
    return {b["text"]: b["callback_data"] for row in markup.get("inline_keyboard", []) for b in row}


async def _press(bot: RunningBot, user: int, data: str) -> str:
    """``user`` presses a button with ``data`` under a message in their private chat."""
    fake = bot.fake
    before = len(fake.calls_to("answerCallbackQuery"))
    message = {"message_id": 99, "date": 0, "chat": {"id": user, "type": "private"}}
    fake.push_update(fake.callback_update(user, data, message))
    for _ in range(200):
        answers = fake.calls_to("answerCallbackQuery")
        if len(answers) > before:
            return _text(answers[before])
        await asyncio.sleep(0.05)
    raise AssertionError(f"no answer to the press of {data!r}")


async def _told(bot: RunningBot, user: int, count: int) -> str:
    """The ``count``-th message (from 1) the bot sent ``user``, once it is sent."""
    for _ in range(200):
        told = [c for c in bot.fake.calls_to("sendMessage") if _chat(c) == user]
        if len(told) >= count:
            return _text(told[count - 1])
        await asyncio.sleep(0.05)
    raise AssertionError(f"fewer than {count} messages to {user}")


def _next(day: int, month: int, *, on_or_after: date) -> date:
    """The first ``day``/``month`` on or after ``on_or_after``."""
    found = date(on_or_after.year, month, day)
    return found if found >= on_or_after else date(on_or_after.year + 1, month, day)


@pytest.mark.parametrize(
    "days",
    ["21/12 to 2/1", "21/12 - 2/1", "21/12-2/1", "21/12 until 2/1", "21st December to 2nd January"],
)
async def test_when_leave_is_written_as_a_span_then_every_day_of_it_is_booked_with_the_reason(
    cover_bot: RunningBot, days: str
) -> None:
    # #15: "/leave add 21/12 to 2/1 Christmas" booked one day, its reason "to 2/1 Christmas".
    first, last = _christmas()
    reply = await _says(cover_bot, CLERK, f"/leave add {days} Christmas")
    assert reply.startswith(
        f"Leave 1 recorded: Jane Smith, {shown_day(first)} to {shown_day(last)} (13 days), "
        "Christmas.\n"
    ), reply


async def test_when_leave_until_a_day_is_added_then_it_starts_today(
    cover_bot: RunningBot,
) -> None:
    last = _today() + timedelta(days=3)
    reply = await _says(cover_bot, ASSISTANT, f"/leave add until {last:%d/%m/%Y} course")
    assert f"Bob Jones, {shown_day(_today())} to {shown_day(last)} (4 days), course." in reply


async def test_when_the_same_leave_is_booked_twice_then_the_second_is_refused_naming_the_first(
    cover_bot: RunningBot,
) -> None:
    first, last = _christmas()
    assert (await _says(cover_bot, CLERK, "/leave add 21/12 to 2/1 Christmas")).startswith(
        "Leave 1 recorded"
    )
    again = await _says(cover_bot, CLERK, "/leave add 21/12 to 2/1 Christmas")
    assert again == (
        f"You already have leave from {shown_day(first)} to {shown_day(last)} (number 1), "
        "so nothing new was booked. To change it, /leave cancel 1 and book it again."
    )
    inside = await _says(cover_bot, CLERK, f"/leave add {first + timedelta(days=3):%d/%m/%Y}")
    assert inside.startswith(f"You already have leave from {shown_day(first)} to "), inside
    for_her = await _says(cover_bot, CLERK, f"/leave add {ASSISTANT} 21/12 to 2/1")
    assert for_her.startswith("Leave 2 recorded: Bob Jones"), for_her  # someone else's is not
    mine_again = await _says(cover_bot, ASSISTANT, "/leave add 24/12")
    assert mine_again.startswith("You already have leave from "), mine_again
    listed = await _says(cover_bot, CLERK, "/leave list")
    assert listed.count("Jane Smith, leave") == 1


async def test_when_leave_lasts_most_of_a_year_then_it_is_asked_about_and_booked_once_on_yes(
    cover_bot: RunningBot,
) -> None:
    first = _next(2, 1, on_or_after=_today())
    last = _next(21, 12, on_or_after=first)
    days = (last - first).days + 1
    asked = await _ask(cover_bot, CLERK, "/leave add 2/1 to 21/12 Christmas")
    assert _text(asked) == (
        f"I read that as: Leave for Jane Smith, {shown_day(first)} to {shown_day(last)} "
        f"({days} days), Christmas.\nThat is more than 60 days.\nBook it as read?"
    )
    buttons = _buttons(asked)
    assert list(buttons) == ["Yes, book it", "Cancel"]
    assert "No leave" in await _says(cover_bot, CLERK, "/leave list")  # nothing booked yet
    assert await _press(cover_bot, ASSISTANT, buttons["Yes, book it"]) == (
        "This button is not for you."
    )
    assert await _press(cover_bot, CLERK, buttons["Yes, book it"]) == "Booked."
    booked = await _told(cover_bot, CLERK, 3)
    assert booked.startswith(
        f"Leave 1 recorded: Jane Smith, {shown_day(first)} to {shown_day(last)} "
        f"({days} days), Christmas.\nWhile you are away:"
    ), booked
    assert await _press(cover_bot, CLERK, buttons["Yes, book it"]) == "This has already been done."
    assert await _press(cover_bot, CLERK, buttons["Cancel"]) == "This has already been done."
    listed = await _says(cover_bot, CLERK, "/leave list")
    assert listed.count("Jane Smith, leave") == 1


async def test_when_leave_starts_in_the_past_then_it_is_asked_about_and_cancel_books_nothing(
    cover_bot: RunningBot,
) -> None:
    yesterday = _today() - timedelta(days=1)
    asked = await _ask(cover_bot, ASSISTANT, "/leave add yesterday to tomorrow")
    assert f"It starts in the past ({shown_day(yesterday)})." in _text(asked)
    assert await _press(cover_bot, ASSISTANT, _buttons(asked)["Cancel"]) == (
        "Cancelled: nothing was booked."
    )
    assert await _told(cover_bot, ASSISTANT, 2) == "Cancelled: nothing was booked."
    assert "No leave" in await _says(cover_bot, ASSISTANT, "/leave list")


async def test_when_questioned_leave_is_booked_meanwhile_then_yes_says_so_and_books_nothing(
    cover_bot: RunningBot,
) -> None:
    first = _today() + timedelta(days=1)
    last = first + timedelta(days=70)
    asked = await _ask(cover_bot, CLERK, f"/leave add {first:%d/%m/%Y} to {last:%d/%m/%Y}")
    await _says(cover_bot, CLERK, f"/leave add {first + timedelta(days=5):%d/%m/%Y}")
    assert await _press(cover_bot, CLERK, _buttons(asked)["Yes, book it"]) == "Not booked."
    assert (await _told(cover_bot, CLERK, 3)).startswith("You already have leave on ")


async def test_when_leave_ends_before_it_starts_then_it_is_refused_saying_what_was_read(
    cover_bot: RunningBot,
) -> None:
    year = _today().year + 1
    reply = await _says(cover_bot, CLERK, f"/leave add 2/1/{year + 1} to 21/12/{year}")
    assert reply == (
        f"The leave ends before it starts: I read {shown_day(date(year + 1, 1, 2))} to "
        f"{shown_day(date(year, 12, 21))}."
    )
