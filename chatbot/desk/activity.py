"""Posts removed and warned, by rule, week by week: the figures behind the desk's chart.

Weeks are the council's local weeks, Monday to Sunday; the current week is the last. Only
counts are read (the moderation events hold ids and rule names, never text).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Final
from zoneinfo import ZoneInfo

from sqlalchemy import select

from chatbot.db.database import Database
from chatbot.db.models import ModerationEvent
from policy_checks import Action

__all__ = ["WEEKS", "Activity", "WeekCounts"]

WEEKS: Final[int] = 12
_DAYS_IN_WEEK: Final[int] = 7
_COUNTED: Final[dict[str, str]] = {Action.BLOCK.value: "removed", Action.WARN.value: "warned"}


@dataclass(slots=True)
class WeekCounts:
    """One week's posts removed and warned, by rule."""

    starts_on: date
    removed: dict[str, int] = field(default_factory=dict)
    warned: dict[str, int] = field(default_factory=dict)


def week_start(day: date) -> date:
    """The Monday of ``day``'s week."""
    return day - timedelta(days=day.weekday())


class Activity:
    """Counts moderation events for the desk's chart."""

    def __init__(self, database: Database, *, zone: ZoneInfo) -> None:
        self._db = database
        self._zone = zone

    async def weekly(self, now: datetime, *, weeks: int = WEEKS) -> list[WeekCounts]:
        """The last ``weeks`` weeks up to ``now``'s, oldest first."""
        this_week = week_start(now.astimezone(self._zone).date())
        first = this_week - timedelta(days=_DAYS_IN_WEEK * (weeks - 1))
        since = datetime.combine(first, time(0), tzinfo=self._zone)
        statement = select(ModerationEvent.at, ModerationEvent.action, ModerationEvent.rules).where(
            ModerationEvent.at >= since, ModerationEvent.action.in_(list(_COUNTED))
        )
        rows = await self._db.run(lambda session: session.execute(statement).all())
        counts = [WeekCounts(first + timedelta(days=_DAYS_IN_WEEK * n)) for n in range(weeks)]
        for at, action, rules in rows:
            index = (week_start(at.astimezone(self._zone).date()) - first).days // _DAYS_IN_WEEK
            if not 0 <= index < weeks:
                continue
            tally = counts[index].removed if _COUNTED[action] == "removed" else counts[index].warned
            for rule in (r for r in rules.split(",") if r):
                tally[rule] = tally.get(rule, 0) + 1
        return counts
