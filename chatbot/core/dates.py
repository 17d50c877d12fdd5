"""Dates and times as British users write them. Pure: text in, dates out.

The one reader of dates typed by people: ``2026-12-21``, ``21/12/2026``, ``21/12``, ``21 Dec``,
``21 December 2026``, ``today``, ``tomorrow``, ``yesterday``; and moments: any of those
followed by ``14:30``. A date without a year is the nearest such day in the direction asked
for: the past for what has happened (a note, a request received), the future for what is
planned (leave).

Only the years :data:`FIRST_YEAR` to :data:`LAST_YEAR` are read: ``01/01/0001`` or
``31/12/9999`` is a real date, but one nothing here can sensibly mean, and the day after the
last date there is overflows the calendar (an export or search of it failed without a reply).
:func:`range_problem` says so in a sentence for a reply.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from typing import Final, Literal
from zoneinfo import ZoneInfo

Direction = Literal["past", "future"]

_MONTHS: Final[dict[str, int]] = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}  # fmt: skip
_ISO: Final = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_NUMERIC: Final = re.compile(r"(\d{1,2})/(\d{1,2})(?:/(\d{4}))?")
_WORDS: Final = re.compile(
    r"(?:[a-z]{3,9},?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3,9})\.?(?:\s+(\d{4}))?"
)
_RELATIVE: Final[dict[str, int]] = {"yesterday": -1, "today": 0, "tomorrow": 1}
_CLOCK: Final = re.compile(r"(.*?)\s+(\d{1,2})[:.](\d{2})")
_NOON: Final[time] = time(12, 0)
FIRST_YEAR: Final[int] = 1900
LAST_YEAR: Final[int] = 2999


def _day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _without_year(month: int, day: int, today: date, direction: Direction) -> date | None:
    """The nearest ``day``/``month`` within a year not after (past) or before (future) today."""
    step = -1 if direction == "past" else 1
    for year in (today.year, today.year + step):
        candidate = _day(year, month, day)
        if candidate is None:
            continue
        if (direction == "past" and candidate <= today) or (
            direction == "future" and candidate >= today
        ):
            return candidate
    return None


def in_range(day: date) -> bool:
    """Whether ``day`` falls in the years the bot works with."""
    return FIRST_YEAR <= day.year <= LAST_YEAR


def parse_day(
    text: str, *, today: date | None = None, direction: Direction = "past"
) -> date | None:
    """The calendar day ``text`` names, or ``None`` (also for a day outside the years read).

    Relative days and dates without a year need ``today`` (without it they are not read).
    """
    day = _read_day(text, today=today, direction=direction)
    return day if day is not None and in_range(day) else None


def range_problem(
    text: str, *, today: date | None = None, direction: Direction = "past"
) -> str | None:
    """Why ``text`` is refused if it is a real day (or moment) outside the years read, else None.

    For a reply: ``01/01/0001 is outside the years I work with (1900 to 2999).``
    """
    text = " ".join(text.strip().split())
    if match := _CLOCK.fullmatch(text):
        text = match[1]
    day = _read_day(text, today=today, direction=direction)
    if day is None or in_range(day):
        return None
    return f"{text} is outside the years I work with ({FIRST_YEAR} to {LAST_YEAR})."


def _read_day(text: str, *, today: date | None, direction: Direction) -> date | None:
    """The calendar day ``text`` names, whatever its year, or ``None``."""
    text = " ".join(text.strip().lower().split())
    if text in _RELATIVE:
        return today + timedelta(days=_RELATIVE[text]) if today is not None else None
    if match := _ISO.fullmatch(text):
        return _day(int(match[1]), int(match[2]), int(match[3]))
    if match := _NUMERIC.fullmatch(text):
        day, month, year = int(match[1]), int(match[2]), match[3]
    elif (match := _WORDS.fullmatch(text)) and match[2] in _MONTHS:
        day, month, year = int(match[1]), _MONTHS[match[2]], match[3]
    else:
        return None
    if year is not None:
        return _day(int(year), month, day)
    return _without_year(month, day, today, direction) if today is not None else None


def parse_when(
    text: str, *, now: datetime, zone: ZoneInfo, direction: Direction = "past"
) -> datetime | None:
    """A moment: a day as :func:`parse_day` reads it, with an optional ``HH:MM``.

    Without a time, a relative day (today, yesterday, tomorrow) means this time of day and
    any other day means noon, local time.
    """
    text = " ".join(text.strip().lower().split())
    local_now = now.astimezone(zone)
    clock: time | None = None
    if match := _CLOCK.fullmatch(text):
        hour, minute = int(match[2]), int(match[3])
        if hour > 23 or minute > 59:
            return None
        text, clock = match[1], time(hour, minute)
    day = parse_day(text, today=local_now.date(), direction=direction)
    if day is None:
        return None
    if clock is None:
        clock = local_now.time() if text in _RELATIVE else _NOON
    return datetime.combine(day, clock, tzinfo=zone).astimezone(UTC)


def shown_day(day: date) -> str:
    """A day as the bot writes it back: ``Mon 21 Dec 2026``."""
    return day.strftime("%a %d %b %Y")
