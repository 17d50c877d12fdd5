"""Office hours (``Mon-Fri 09:00-17:00``) and the council's working time. Pure.

Working time is office hours on a working day: not a bank holiday in England and Wales (the
same calendar as the request register's deadlines).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Final
from zoneinfo import ZoneInfo

from chatbot.requests.deadlines import is_bank_holiday

_DAYS: Final[tuple[str, ...]] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_SEGMENT: Final = re.compile(
    r"\s*(?P<days>[a-z]{3}(?:\s*[-,]\s*[a-z]{3})*)\s+"
    r"(?P<opens>\d{1,2}:\d{2})\s*-\s*(?P<closes>\d{1,2}:\d{2})\s*"
)
_SEARCH_DAYS: Final[int] = 400  # further than any run of closed days in a year


def _weekdays(text: str) -> set[int]:
    days: set[int] = set()
    for part in text.split(","):
        ends = [p.strip()[:3] for p in part.split("-")]
        if any(e not in _DAYS for e in ends) or len(ends) > 2:
            raise ValueError(f"unknown day in {text!r} (use Mon, Tue, … Sun)")
        first, last = _DAYS.index(ends[0]), _DAYS.index(ends[-1])
        if last < first:
            raise ValueError(f"day range {part.strip()!r} runs backwards")
        days.update(range(first, last + 1))
    return days


def _clock(text: str) -> time:
    hour, minute = (int(p) for p in text.split(":"))
    if hour > 24 or minute > 59 or (hour == 24 and minute):
        raise ValueError(f"{text!r} is not a time of day")
    return time.max if hour == 24 else time(hour, minute)


@dataclass(frozen=True, slots=True)
class OfficeHours:
    """When the office is open, by weekday (Monday is 0)."""

    hours: tuple[tuple[int, time, time], ...]  # (weekday, opens, closes), closes exclusive

    @classmethod
    def parse(cls, text: str) -> OfficeHours:
        """Read ``Mon-Fri 09:00-17:00``; segments may be joined by ``;`` (``Sat 10:00-12:00``)."""
        hours: dict[int, tuple[time, time]] = {}
        for segment in text.lower().split(";"):
            match = _SEGMENT.fullmatch(segment)
            if match is None:
                raise ValueError(f"expected office hours like 'Mon-Fri 09:00-17:00', got {text!r}")
            opens, closes = _clock(match["opens"]), _clock(match["closes"])
            if closes <= opens:
                raise ValueError(f"office hours {segment.strip()!r} close before they open")
            for day in _weekdays(match["days"]):
                hours[day] = (opens, closes)
        return cls(tuple((day, *hours[day]) for day in sorted(hours)))

    def _on(self, day: date) -> tuple[time, time] | None:
        if is_bank_holiday(day):
            return None
        for weekday, opens, closes in self.hours:
            if weekday == day.weekday():
                return opens, closes
        return None

    def is_open(self, moment: datetime, zone: ZoneInfo) -> bool:
        """Whether ``moment`` is working time."""
        local = moment.astimezone(zone)
        hours = self._on(local.date())
        return hours is not None and hours[0] <= local.time().replace(tzinfo=None) < hours[1]

    def next_open(self, moment: datetime, zone: ZoneInfo) -> datetime | None:
        """``moment`` if it is working time, else when working time next begins (None: never)."""
        if self.is_open(moment, zone):
            return moment
        local = moment.astimezone(zone)
        for offset in range(_SEARCH_DAYS):
            day = local.date() + timedelta(days=offset)
            hours = self._on(day)
            if hours is None:
                continue
            start = datetime.combine(day, hours[0], tzinfo=zone)
            if start > local:
                return start
        return None
