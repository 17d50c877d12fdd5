"""The cover calendar file: RFC 5545 structure, folding, escaping, stable UIDs."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from hypothesis import given
from hypothesis import strategies as st

from chatbot.cover.duty import DutyBy, Gap, OnDuty, Period
from chatbot.cover.ical import DayEvent, calendar, escape_text, fold
from chatbot.cover.schedule import AwayEvent, events, table

NOW = datetime(2026, 12, 1, 13, 5, 9, tzinfo=UTC)
NAMES = {1001: "Jane Smith", 1003: "Bob Jones", 1005: "Sam Lee", 1006: "Ann Price"}


def unfold(data: bytes) -> list[str]:
    """The content lines of an iCalendar file (RFC 5545 §3.1), checking CRLF on the way."""
    text = data.decode("utf-8")
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")
    return text.replace("\r\n ", "").split("\r\n")[:-1]


def unescape(value: str) -> str:
    """A TEXT value read back."""
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], value)


def parse(data: bytes) -> list[dict[str, str]]:
    """The VEVENTs as property dicts (name with its parameters -> raw value)."""
    found: list[dict[str, str]] = []
    stack: list[str] = []
    for line in unfold(data):
        name, _, value = line.partition(":")
        if name == "BEGIN":
            stack.append(value)
            if value == "VEVENT":
                found.append({})
        elif name == "END":
            assert stack.pop() == value
        elif stack[-1] == "VEVENT":
            found[-1][name] = value
    assert stack == []
    return found


def test_when_a_calendar_is_written_then_it_is_a_vcalendar_of_all_day_vevents() -> None:
    event = DayEvent(
        uid="absence-4@councilbot",
        first=date(2026, 12, 21),
        last=date(2027, 1, 2),
        summary="Leave: Jane Smith",
    )
    data = calendar([event], name="Barton-le-Clay Parish Council: leave cover", now=NOW)
    lines = unfold(data)
    assert lines[:2] == ["BEGIN:VCALENDAR", "VERSION:2.0"]
    assert lines[-1] == "END:VCALENDAR"
    assert any(line.startswith("PRODID:") for line in lines)
    (parsed,) = parse(data)
    assert parsed["UID"] == "absence-4@councilbot"
    assert parsed["DTSTAMP"] == "20261201T130509Z"
    assert parsed["DTSTART;VALUE=DATE"] == "20261221"
    assert parsed["DTEND;VALUE=DATE"] == "20270103"  # exclusive: the day after the last
    assert parsed["SUMMARY"] == "Leave: Jane Smith"


def test_when_a_line_is_longer_than_75_octets_then_it_is_folded_without_splitting_a_character() -> (
    None
):
    line = "DESCRIPTION:" + "Gwaith cynnal a chadw — ŵyl y banc " * 6
    folded = fold(line)
    physical = folded.split("\r\n")[:-1]
    assert len(physical) > 1
    assert all(len(p.encode("utf-8")) <= 75 for p in physical)
    assert all(p.startswith(" ") for p in physical[1:])
    assert "".join(p[1:] if i else p for i, p in enumerate(physical)) == line


def test_when_a_line_fits_then_it_is_not_folded() -> None:
    assert fold("SUMMARY:Leave") == "SUMMARY:Leave\r\n"
    assert fold("X:" + "a" * 73) == "X:" + "a" * 73 + "\r\n"


def test_when_text_has_special_characters_then_they_are_escaped() -> None:
    assert escape_text("a,b;c\\d\ne\r\nf") == "a\\,b\\;c\\\\d\\ne\\nf"


def test_when_text_has_control_characters_then_they_are_dropped() -> None:
    assert escape_text("a\x00b\x1bc\td") == "abc\td"


@given(
    summary=st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=200),
    description=st.text(
        st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("\n\t"),
        max_size=300,
    ),
)
def test_when_any_text_is_written_then_it_reads_back_the_same(
    summary: str, description: str
) -> None:
    event = DayEvent(
        uid="x@councilbot",
        first=date(2027, 3, 28),
        last=date(2027, 3, 28),
        summary=summary,
        description=description,
    )
    data = calendar([event], name="Test", now=NOW)
    for physical in data.decode("utf-8").split("\r\n"):
        assert len(physical.encode("utf-8")) <= 75
    (parsed,) = parse(data)
    assert unescape(parsed["SUMMARY"]) == summary
    assert unescape(parsed.get("DESCRIPTION", "")) == description


def _schedule() -> list[Period]:
    return [
        Period(date(2026, 12, 1), date(2026, 12, 20), OnDuty(frozenset({1001}), DutyBy.CLERK)),
        Period(
            date(2026, 12, 21),
            date(2026, 12, 27),
            OnDuty(frozenset({1003}), DutyBy.ASSISTANT_CLERK),
        ),
        Period(
            date(2026, 12, 28),
            date(2026, 12, 30),
            OnDuty(frozenset({1005, 1006}), DutyBy.MONITORS),
        ),
        Period(date(2026, 12, 31), date(2027, 1, 2), Gap("every monitor is unavailable")),
    ]


def test_when_the_schedule_is_a_calendar_then_leave_cover_and_gaps_are_events() -> None:
    away = [
        AwayEvent(
            id=4,
            member_id=1001,
            unavailable=False,
            starts_on=date(2026, 12, 21),
            ends_on=date(2027, 1, 2),
        )
    ]
    found = events(_schedule(), away, NAMES)
    summaries = [e.summary for e in found]
    assert summaries == [
        "Leave: Jane Smith",
        "On duty: Assistant Clerk Bob Jones",
        "On duty: Monitors Ann Price and Sam Lee",
        "GAP: nobody on duty",
    ]
    assert [e.uid for e in found] == [
        "absence-4@councilbot",
        "cover-2026-12-21-assistant_clerk@councilbot",
        "cover-2026-12-28-monitors@councilbot",
        "cover-2026-12-31-gap@councilbot",
    ]


def test_when_a_period_grows_then_its_uid_stays_the_same() -> None:
    shorter = Period(date(2026, 12, 21), date(2026, 12, 22), Gap("none nominated"))
    longer = Period(date(2026, 12, 21), date(2026, 12, 29), Gap("none nominated"))
    assert events([shorter], [], NAMES)[0].uid == events([longer], [], NAMES)[0].uid


def test_when_the_schedule_is_a_table_then_gaps_are_flagged_with_the_reason() -> None:
    assert table(_schedule(), NAMES) == [
        "• Tue 01 Dec 2026 to Sun 20 Dec 2026: Clerk Jane Smith",
        "• Mon 21 Dec 2026 to Sun 27 Dec 2026: Assistant Clerk Bob Jones",
        "• Mon 28 Dec 2026 to Wed 30 Dec 2026: Monitors Ann Price and Sam Lee",
        "✗ Thu 31 Dec 2026 to Sat 02 Jan 2027: NOBODY on duty — every monitor is unavailable",
    ]
