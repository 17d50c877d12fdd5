"""Who is on duty for monitoring: the one place this is decided. Pure.

For any day: the Clerk, else the Assistant Clerk, else the nominated monitors who are
available — or an explicit gap. Leave and unavailability are whole local days. Office hours
and bank holidays do not move duty (the Clerk outside office hours is still the one to tell);
they say whether it is working time now, and when it next is, for whoever is on duty.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from chatbot.cover.office_hours import OfficeHours


@dataclass(frozen=True, slots=True)
class Absence:
    """A member away for whole days, ``starts_on`` to ``ends_on`` inclusive."""

    member_id: int
    starts_on: date
    ends_on: date
    reason: str = ""

    def covers(self, day: date) -> bool:
        """Whether the member is away on ``day``."""
        return self.starts_on <= day <= self.ends_on


@dataclass(frozen=True, slots=True)
class Staff:
    """The people who can be on duty, by Telegram id, in order of precedence."""

    clerks: tuple[int, ...] = ()
    assistant_clerks: tuple[int, ...] = ()
    monitors: tuple[int, ...] = ()  # at most two nominated councillors


class DutyBy(StrEnum):
    """Who holds the duty."""

    CLERK = "clerk"
    ASSISTANT_CLERK = "assistant_clerk"
    MONITORS = "monitors"


@dataclass(frozen=True, slots=True)
class OnDuty:
    """The people on duty (never empty)."""

    people: frozenset[int]
    by: DutyBy

    @property
    def is_cover(self) -> bool:
        """Whether someone is covering for the Clerk."""
        return self.by is not DutyBy.CLERK


@dataclass(frozen=True, slots=True)
class Gap:
    """Nobody is on duty, and why."""

    reason: str

    is_cover = True


Cover = OnDuty | Gap
NO_MONITORS = "the Clerk and Assistant Clerk are away and no monitor is nominated"
MONITORS_AWAY = "the Clerk and Assistant Clerk are away and every monitor is unavailable"


def gap_reason(staff: Staff) -> str:
    """Why nobody is on duty, naming only the officers the council has."""
    clerks = "the Clerk and Assistant Clerk are" if staff.assistant_clerks else "the Clerk is"
    if staff.monitors:
        return f"{clerks} away and every monitor is unavailable"
    return f"{clerks} away and no monitor is nominated"


def away_on(day: date, absences: Iterable[Absence]) -> frozenset[int]:
    """Who is away on ``day``."""
    return frozenset(a.member_id for a in absences if a.covers(day))


def duty_on(day: date, staff: Staff, absences: Iterable[Absence]) -> Cover:
    """Who is on duty on ``day``."""
    away = away_on(day, absences)
    for people, by in (
        (staff.clerks, DutyBy.CLERK),
        (staff.assistant_clerks, DutyBy.ASSISTANT_CLERK),
        (staff.monitors, DutyBy.MONITORS),
    ):
        present = frozenset(people) - away
        if present:
            return OnDuty(people=present, by=by)
    return Gap(gap_reason(staff))


@dataclass(frozen=True, slots=True)
class DutyNow:
    """Who is on duty at a moment, whether it is working time, and when working time is next."""

    cover: Cover
    working_time: bool
    next_working_time: datetime | None


def on_duty(
    moment: datetime,
    *,
    staff: Staff,
    absences: Iterable[Absence],
    hours: OfficeHours,
    zone: ZoneInfo,
) -> DutyNow:
    """Who is on duty at ``moment`` (its local day in ``zone``)."""
    day = moment.astimezone(zone).date()
    return DutyNow(
        cover=duty_on(day, staff, absences),
        working_time=hours.is_open(moment, zone),
        next_working_time=hours.next_open(moment, zone),
    )


@dataclass(frozen=True, slots=True)
class Period:
    """Consecutive days with the same cover, ``first`` to ``last`` inclusive."""

    first: date
    last: date
    cover: Cover


def cover_periods(
    first: date, days: int, staff: Staff, absences: Sequence[Absence]
) -> list[Period]:
    """The cover of ``days`` days from ``first``, consecutive equal days merged."""
    periods: list[Period] = []
    for offset in range(days):
        day = first + timedelta(days=offset)
        cover = duty_on(day, staff, absences)
        if periods and periods[-1].cover == cover and periods[-1].last == day - timedelta(days=1):
            periods[-1] = Period(periods[-1].first, day, cover)
        else:
            periods.append(Period(day, day, cover))
    return periods


def gaps(periods: Iterable[Period]) -> list[Period]:
    """The periods with nobody on duty."""
    return [p for p in periods if isinstance(p.cover, Gap)]
