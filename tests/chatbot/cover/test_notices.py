"""Cover notices, the pure part: stints, leaves, notice times, and who asks for the Clerk."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from chatbot.cover.duty import Absence, OnDuty, Staff, cover_periods
from chatbot.cover.notices import (
    asks_for_clerk,
    at_notice_time,
    is_late,
    leaves,
    stints,
)

CLERK, ASSISTANT, MONITOR_A, MONITOR_B = 1001, 1003, 1005, 1006
STAFF = Staff(clerks=(CLERK,), assistant_clerks=(ASSISTANT,), monitors=(MONITOR_A, MONITOR_B))
LONDON = ZoneInfo("Europe/London")
FIRST = date(2026, 12, 1)
DAYS = 40

absences = st.lists(
    st.builds(
        lambda who, start, length: Absence(
            who, FIRST + timedelta(start), FIRST + timedelta(start + length)
        ),
        st.sampled_from([CLERK, ASSISTANT, MONITOR_A, MONITOR_B]),
        st.integers(0, DAYS - 1),
        st.integers(0, 10),
    ),
    max_size=6,
)


def _covering(day: date, found: list[Absence]) -> set[int]:
    (period,) = cover_periods(day, 1, STAFF, found)
    cover = period.cover
    return set(cover.people) if isinstance(cover, OnDuty) and cover.is_cover else set()


@given(absences)
def test_when_cover_is_worked_out_then_each_covering_day_is_in_exactly_one_maximal_stint(
    found: list[Absence],
) -> None:
    periods = cover_periods(FIRST, DAYS, STAFF, found)
    runs = stints(periods)
    for offset in range(DAYS):
        day = FIRST + timedelta(offset)
        for person in _covering(day, found):
            assert sum(s.person == person and s.first <= day <= s.last for s in runs) == 1
    for stint in runs:
        before, after = stint.first - timedelta(1), stint.last + timedelta(1)
        assert before < FIRST or stint.person not in _covering(before, found)
        assert after >= FIRST + timedelta(DAYS) or stint.person not in _covering(after, found)


@given(absences)
def test_when_cover_is_worked_out_then_leaves_are_exactly_the_days_the_clerk_is_away(
    found: list[Absence],
) -> None:
    periods = cover_periods(FIRST, DAYS, STAFF, found)
    away = {FIRST + timedelta(o) for o in range(DAYS)} - {
        day for p in periods if not p.cover.is_cover for day in _days(p.first, p.last)
    }
    runs = leaves(periods)
    assert {day for leave in runs for day in _days(leave.first, leave.last)} == away
    for earlier, later in pairwise(runs):
        assert later.first > earlier.last + timedelta(1)  # separated by a day the Clerk is in


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(o) for o in range((last - first).days + 1)]


def test_when_the_clocks_change_then_notice_time_is_eight_local() -> None:
    assert at_notice_time(date(2026, 3, 29), LONDON) == datetime(2026, 3, 29, 7, tzinfo=UTC)
    assert at_notice_time(date(2026, 10, 25), LONDON) == datetime(2026, 10, 25, 8, tzinfo=UTC)


def test_when_a_notice_is_sent_soon_after_it_was_due_or_known_then_it_is_not_late() -> None:
    due = datetime(2026, 12, 13, 8, tzinfo=UTC)
    assert not is_late(due + timedelta(minutes=10), due=due)
    assert is_late(due + timedelta(minutes=11), due=due)
    assert not is_late(due + timedelta(hours=6), due=due, known_at=due + timedelta(hours=6))


def test_when_a_message_names_the_clerk_or_is_urgent_then_it_asks_for_the_clerk() -> None:
    names = ["Jane Smith"]
    for text in ("Is the CLERK in?", "urgent!", "Jane, please", "for jane smith", "urgently"):
        assert asks_for_clerk(text, clerk_names=names), text
    for text in ("the clerks' union", "Janet", "emergency", "clerkship"):
        assert not asks_for_clerk(text, clerk_names=names), text
