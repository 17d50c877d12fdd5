from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from chatbot.cover.duty import (
    MONITORS_AWAY,
    NO_MONITORS,
    Absence,
    DutyBy,
    Gap,
    OnDuty,
    Staff,
    cover_periods,
    duty_on,
    gap_reason,
    gaps,
    on_duty,
)
from chatbot.cover.office_hours import OfficeHours

CLERK, ASSISTANT, MONITOR_A, MONITOR_B = 1001, 1003, 1005, 1006
STAFF = Staff(clerks=(CLERK,), assistant_clerks=(ASSISTANT,), monitors=(MONITOR_A, MONITOR_B))
LONDON = ZoneInfo("Europe/London")
HOURS = OfficeHours.parse("Mon-Fri 09:00-17:00")
CHRISTMAS = Absence(CLERK, date(2026, 12, 21), date(2027, 1, 2), "Christmas")


def test_when_the_clerk_is_in_then_the_clerk_is_on_duty() -> None:
    assert duty_on(date(2026, 12, 1), STAFF, [CHRISTMAS]) == OnDuty(
        frozenset({CLERK}), DutyBy.CLERK
    )


def test_when_the_clerk_is_on_leave_then_the_assistant_clerk_covers() -> None:
    cover = duty_on(date(2026, 12, 24), STAFF, [CHRISTMAS])
    assert cover == OnDuty(frozenset({ASSISTANT}), DutyBy.ASSISTANT_CLERK)
    assert cover.is_cover


def test_when_both_clerks_are_away_then_the_available_monitors_cover() -> None:
    absences = [
        CHRISTMAS,
        Absence(ASSISTANT, date(2026, 12, 24), date(2026, 12, 27)),
        Absence(MONITOR_B, date(2026, 12, 25), date(2026, 12, 25)),
    ]
    assert duty_on(date(2026, 12, 24), STAFF, absences).people == {MONITOR_A, MONITOR_B}  # type: ignore[union-attr]
    assert duty_on(date(2026, 12, 25), STAFF, absences) == OnDuty(
        frozenset({MONITOR_A}), DutyBy.MONITORS
    )


def test_when_nobody_can_cover_then_the_gap_says_why() -> None:
    everyone = [
        Absence(p, date(2026, 12, 25), date(2026, 12, 25))
        for p in (CLERK, ASSISTANT, MONITOR_A, MONITOR_B)
    ]
    assert duty_on(date(2026, 12, 25), STAFF, everyone) == Gap(MONITORS_AWAY)
    no_monitors = Staff(clerks=(CLERK,), assistant_clerks=(ASSISTANT,))
    assert duty_on(date(2026, 12, 25), no_monitors, everyone) == Gap(NO_MONITORS)
    assert duty_on(date(2026, 12, 25), Staff(), []) == Gap(
        "the Clerk is away and no monitor is nominated"
    )


def test_when_the_council_has_no_assistant_clerk_then_a_gap_does_not_mention_one() -> None:
    staff = Staff(clerks=(CLERK,), monitors=(MONITOR_A,))
    away = [Absence(p, date(2026, 12, 25), date(2026, 12, 25)) for p in (CLERK, MONITOR_A)]
    reason = duty_on(date(2026, 12, 25), staff, away)
    assert reason == Gap("the Clerk is away and every monitor is unavailable")


def test_when_it_is_evening_then_the_clerk_stays_on_duty_outside_working_time() -> None:
    evening = datetime(2026, 12, 1, 18, 30, tzinfo=UTC)
    now = on_duty(evening, staff=STAFF, absences=[], hours=HOURS, zone=LONDON)
    assert now.cover == OnDuty(frozenset({CLERK}), DutyBy.CLERK)
    assert not now.working_time
    assert now.next_working_time == datetime(2026, 12, 2, 9, 0, tzinfo=LONDON)


def test_when_leave_ends_at_midnight_local_time_then_duty_changes_at_local_midnight() -> None:
    # 25 Oct 2026: the clocks go back; the leave's last day is that Sunday.
    leave = Absence(CLERK, date(2026, 10, 24), date(2026, 10, 25))
    before = datetime(2026, 10, 25, 23, 30, tzinfo=UTC)  # 23:30 GMT on the Sunday
    after = datetime(2026, 10, 26, 0, 30, tzinfo=UTC)
    assert on_duty(before, staff=STAFF, absences=[leave], hours=HOURS, zone=LONDON).cover.is_cover
    assert not on_duty(
        after, staff=STAFF, absences=[leave], hours=HOURS, zone=LONDON
    ).cover.is_cover
    # 29 Mar 2026: the clocks go forward; 23:30 UTC on the Sunday is already Monday in London.
    spring = Absence(CLERK, date(2026, 3, 28), date(2026, 3, 29))
    late = datetime(2026, 3, 29, 23, 30, tzinfo=UTC)
    assert not on_duty(
        late, staff=STAFF, absences=[spring], hours=HOURS, zone=LONDON
    ).cover.is_cover


def test_when_days_are_listed_then_equal_days_merge_into_periods_and_gaps_are_found() -> None:
    absences = [
        CHRISTMAS,
        Absence(ASSISTANT, date(2026, 12, 28), date(2026, 12, 29)),
        Absence(MONITOR_A, date(2026, 12, 29), date(2026, 12, 29)),
        Absence(MONITOR_B, date(2026, 12, 29), date(2026, 12, 29)),
    ]
    periods = cover_periods(date(2026, 12, 20), 15, STAFF, absences)
    assert [(p.first.day, p.last.day, type(p.cover).__name__) for p in periods] == [
        (20, 20, "OnDuty"),
        (21, 27, "OnDuty"),
        (28, 28, "OnDuty"),
        (29, 29, "Gap"),
        (30, 2, "OnDuty"),
        (3, 3, "OnDuty"),
    ]
    assert [p.first for p in gaps(periods)] == [date(2026, 12, 29)]


people = st.sampled_from([CLERK, ASSISTANT, MONITOR_A, MONITOR_B, 2001])
days = st.dates(min_value=date(2026, 1, 1), max_value=date(2027, 12, 31))
absences = st.lists(
    st.builds(
        lambda who, first, length: Absence(who, first, first + timedelta(days=length)),
        people,
        days,
        st.integers(min_value=0, max_value=40),
    ),
    max_size=8,
)
staffs = st.builds(
    Staff,
    clerks=st.lists(st.just(CLERK), max_size=1).map(tuple),
    assistant_clerks=st.lists(st.just(ASSISTANT), max_size=1).map(tuple),
    monitors=st.lists(st.sampled_from([MONITOR_A, MONITOR_B]), max_size=2, unique=True).map(tuple),
)


@given(staffs, absences, days)
def test_when_duty_is_asked_for_any_day_then_it_is_present_people_of_one_rank_or_a_gap(
    staff: Staff, away: list[Absence], day: date
) -> None:
    cover = duty_on(day, staff, away)
    absent = {a.member_id for a in away if a.covers(day)}
    ranks = {
        DutyBy.CLERK: set(staff.clerks),
        DutyBy.ASSISTANT_CLERK: set(staff.assistant_clerks),
        DutyBy.MONITORS: set(staff.monitors),
    }
    if isinstance(cover, Gap):
        assert all(not (rank - absent) for rank in ranks.values())
        assert cover.reason == gap_reason(staff)
        assert ("Assistant Clerk" in cover.reason) == bool(staff.assistant_clerks)
        return
    assert cover.people
    assert cover.people == ranks[cover.by] - absent
    higher = list(DutyBy)[: list(DutyBy).index(cover.by)]
    assert all(not (ranks[rank] - absent) for rank in higher)


@given(staffs, absences, days, st.integers(min_value=1, max_value=60))
def test_when_periods_are_listed_then_they_tile_the_days_and_agree_with_each_day(
    staff: Staff, away: list[Absence], first: date, count: int
) -> None:
    periods = cover_periods(first, count, staff, away)
    assert periods[0].first == first
    assert periods[-1].last == first + timedelta(days=count - 1)
    for earlier, later in pairwise(periods):
        assert later.first == earlier.last + timedelta(days=1)
        assert later.cover != earlier.cover
    for period in periods:
        assert duty_on(period.first, staff, away) == period.cover
        assert duty_on(period.last, staff, away) == period.cover
