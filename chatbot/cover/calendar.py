"""The cover schedule's iCalendar file, from the database (for ``/cover ics`` and the feed URL)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Final

from chatbot.cover.duty import Period
from chatbot.cover.ical import calendar
from chatbot.cover.schedule import AwayEvent, events
from chatbot.cover.service import AbsenceKind, AbsenceView, CoverService
from chatbot.members.service import MemberService

SCHEDULE_DAYS: Final[int] = 60


async def schedule_periods(
    cover: CoverService, absences: list[AbsenceView], *, today: date, days: int = SCHEDULE_DAYS
) -> list[Period]:
    """The periods to today + ``days``, from the start of any absence already running.

    Starting there keeps a running period's first day (and so its calendar UID) the same from
    one day to the next.
    """
    first = min([today, *(a.starts_on for a in absences)])
    last = today + timedelta(days=days - 1)
    return await cover.periods(first=first, days=(last - first).days + 1)


async def schedule_file(
    cover: CoverService, members: MemberService, *, council: str, now: datetime
) -> bytes:
    """The iCalendar file: absences not yet over, cover periods and gaps for 60 days."""
    absences = await cover.upcoming()
    periods = await schedule_periods(cover, absences, today=cover.today(now))
    names = {m.telegram_id: m.name for m in await members.members()}
    away = [
        AwayEvent(
            id=a.id,
            member_id=a.member_id,
            unavailable=a.kind is AbsenceKind.UNAVAILABLE,
            starts_on=a.starts_on,
            ends_on=a.ends_on,
        )
        for a in absences
    ]
    return calendar(events(periods, away, names), name=f"{council}: leave cover", now=now)
