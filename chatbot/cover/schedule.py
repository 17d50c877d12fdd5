"""The cover schedule as people read it: duty in words, the ``/cover`` table, calendar events.

Pure: periods and absences in, text and :class:`~chatbot.cover.ical.DayEvent` out. Leave
reasons are not shown here (the table and the calendar may be seen by every officer and
monitor); ``/leave list`` shows them to the people who may see them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final

from chatbot.core.dates import shown_day
from chatbot.cover.duty import Cover, DutyBy, Gap, Period
from chatbot.cover.ical import DayEvent

UID_DOMAIN: Final[str] = "councilbot"
_CAPACITY: Final[dict[DutyBy, tuple[str, str]]] = {
    DutyBy.CLERK: ("Clerk", "Clerks"),
    DutyBy.ASSISTANT_CLERK: ("Assistant Clerk", "Assistant Clerks"),
    DutyBy.MONITORS: ("Monitor", "Monitors"),
}


@dataclass(frozen=True, slots=True)
class AwayEvent:
    """A recorded absence, as the calendar shows it."""

    id: int
    member_id: int
    unavailable: bool  # a monitor's unavailability, not a clerk's leave
    starts_on: date
    ends_on: date


def name_of(member_id: int, names: Mapping[int, str]) -> str:
    """A member's name, or their id when they are no longer registered."""
    return names.get(member_id) or f"id {member_id}"


def _joined(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def who(cover: Cover, names: Mapping[int, str]) -> str:
    """Who is on duty, in what capacity: ``Assistant Clerk Bob Jones``; a gap says so."""
    if isinstance(cover, Gap):
        return f"nobody is on duty ({cover.reason})"
    people = sorted(name_of(person, names) for person in cover.people)
    one, many = _CAPACITY[cover.by]
    return f"{one if len(people) == 1 else many} {_joined(people)}"


def on_duty_sentence(cover: Cover, names: Mapping[int, str]) -> str:
    """``Assistant Clerk Bob Jones is on duty``, or that nobody is and why."""
    if isinstance(cover, Gap):
        return who(cover, names)
    verb = "is" if len(cover.people) == 1 else "are"
    return f"{who(cover, names)} {verb} on duty"


def days_shown(first: date, last: date) -> str:
    """``Mon 21 Dec 2026`` or ``Mon 21 Dec 2026 to Sat 02 Jan 2027``."""
    return shown_day(first) if first == last else f"{shown_day(first)} to {shown_day(last)}"


def table(periods: Iterable[Period], names: Mapping[int, str]) -> list[str]:
    """One line per period: its days and who is on duty; a gap is flagged ✗ with its reason."""
    lines = []
    for period in periods:
        when = days_shown(period.first, period.last)
        if isinstance(period.cover, Gap):
            lines.append(f"✗ {when}: NOBODY on duty — {period.cover.reason}")
        else:
            lines.append(f"• {when}: {who(period.cover, names)}")
    return lines


def _period_uid(period: Period) -> str:
    kind = "gap" if isinstance(period.cover, Gap) else period.cover.by.value
    return f"cover-{period.first.isoformat()}-{kind}@{UID_DOMAIN}"


def events(
    periods: Iterable[Period], away: Iterable[AwayEvent], names: Mapping[int, str]
) -> list[DayEvent]:
    """Calendar events: every absence, every period of cover (not the Clerk's own), every gap.

    UIDs are stable: an absence's is its number; a period's is its first day and who holds it,
    so a subscribed calendar updates the event when the period grows or shrinks.
    """
    found = [
        DayEvent(
            uid=f"absence-{a.id}@{UID_DOMAIN}",
            first=a.starts_on,
            last=a.ends_on,
            summary=f"{'Unavailable' if a.unavailable else 'Leave'}: {name_of(a.member_id, names)}",
            description=f"Recorded as number {a.id}; /leave list in the bot shows it.",
            categories=("Leave",),
        )
        for a in away
    ]
    for period in periods:
        if isinstance(period.cover, Gap):
            found.append(
                DayEvent(
                    uid=_period_uid(period),
                    first=period.first,
                    last=period.last,
                    summary="GAP: nobody on duty",
                    description=f"Nobody is on duty for monitoring: {period.cover.reason}.",
                    categories=("Cover", "Gap"),
                )
            )
        elif period.cover.is_cover:
            found.append(
                DayEvent(
                    uid=_period_uid(period),
                    first=period.first,
                    last=period.last,
                    summary=f"On duty: {who(period.cover, names)}",
                    description=f"Covering for the Clerk: {on_duty_sentence(period.cover, names)}.",
                    categories=("Cover",),
                )
            )
    return found
