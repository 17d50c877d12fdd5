"""Dates and times as British users write them. Pure: text in, dates out.

The one reader of dates typed by people. Days: ``2026-12-21``, ``21/12/2026``, ``21/12/26``
(a two-digit year is 20xx), ``21.12.2026``, ``21/12``, ``21 Dec``, ``21st December 2026``,
``today``, ``now``, ``tomorrow``, ``yesterday``, ``Monday``, ``next Monday``, ``last Monday``;
moments: any of those followed by ``14:30``; spans (:func:`parse_span`): ``21/12 to 2/1``,
``21/12 - 2/1``, ``21/12-2/1``, ``21/12 until 2/1``, ``21/12 2/1``, ``from 21/12 to 2/1``,
``until 2/1`` (from today) and ``since 1/12`` (to today).

A date without a year, and a weekday on its own, is the nearest such day in the direction
asked for: the past for what has happened (a note, a request received, an export), the future
for what is planned (leave). A date without a year is today if today is that date; a weekday
on its own never is (on a Monday, "Monday" is a week away, or a week ago). ``next Monday`` is
always the first Monday after today and ``last Monday`` the last one before it, whichever the
direction. In a span the end is read from the start onwards, so ``21/12 to 2/1`` spans the new
year; ``today``, ``tomorrow`` and ``next …`` in it still count from today.

Only the years :data:`FIRST_YEAR` to :data:`LAST_YEAR` are read: ``01/01/0001`` or
``31/12/9999`` is a real date, but one nothing here can sensibly mean, and the day after the
last date there is overflows the calendar (an export or search of it failed without a reply).
:func:`range_problem` and :func:`leading_span_problem` say so in a sentence for a reply.
:func:`span_doubts` says what is implausible about a span read for planning (leave), so the
command can ask before acting on it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Final, Literal, Protocol
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
_WEEKDAYS: Final[dict[str, int]] = {
    name: number
    for number, names in enumerate(
        (
            ("mon", "monday"), ("tue", "tues", "tuesday"), ("wed", "weds", "wednesday"),
            ("thu", "thur", "thurs", "thursday"), ("fri", "friday"), ("sat", "saturday"),
            ("sun", "sunday"),
        )
    )
    for name in names
}  # fmt: skip
_ISO: Final = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_NUMERIC: Final = re.compile(r"(\d{1,2})([/.])(\d{1,2})(?:\2(\d{4}|\d{2}))?")
_WORDS: Final = re.compile(
    r"(?:[a-z]{3,9},?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3,9})\.?(?:\s+(\d{4}))?"
)
_WEEKDAY: Final = re.compile(r"(?:(next|last|this)\s+)?([a-z]{3,9})")
_RELATIVE: Final[dict[str, int]] = {"yesterday": -1, "today": 0, "now": 0, "tomorrow": 1}
_CLOCK: Final = re.compile(r"(.*?)\s+(\d{1,2})[:.](\d{2})")
_NOON: Final[time] = time(12, 0)
_CENTURY: Final[int] = 2000  # "21/12/26" is 2026
_WEEK: Final[int] = 7
_YEAR_DAYS: Final[int] = 366
# Between the start and the end of a span: " to ", " until ", " till ", or a dash (spaced or not).
_SEPARATOR: Final = re.compile(
    r"\s+(?:to|until|till|til|through|thru)\s+|\s*[-\u2013\u2014]\s*", re.IGNORECASE
)
_UNTIL: Final = re.compile(r"(?:until|till|til)\s+(.+)", re.I)
_SINCE: Final = re.compile(r"since\s+(.+)", re.I)
_FROM: Final = re.compile(r"from\s+(.+)", re.I)
FIRST_YEAR: Final[int] = 1900
LAST_YEAR: Final[int] = 2999
MAX_SPAN_WORDS: Final[int] = 10  # "from Mon 21st December 2026 to Sat 2nd January 2027"
PLAUSIBLE_DAYS: Final[int] = 60
"""A planned span longer than this is questioned before it is acted on."""


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


def _weekday(weekday: int, today: date, direction: Direction) -> date:
    """The first ``weekday`` after (future) or the last before (past) today, never today."""
    if direction == "future":
        return today + timedelta(days=(weekday - today.weekday() - 1) % _WEEK + 1)
    return today - timedelta(days=(today.weekday() - weekday - 1) % _WEEK + 1)


def in_range(day: date) -> bool:
    """Whether ``day`` falls in the years the bot works with."""
    return FIRST_YEAR <= day.year <= LAST_YEAR


def parse_day(
    text: str, *, today: date | None = None, direction: Direction = "past"
) -> date | None:
    """The calendar day ``text`` names, or ``None`` (also for a day outside the years read).

    Relative days, weekdays and dates without a year need ``today`` (without it they are not
    read).
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
    return _outside(text)


def _outside(text: str) -> str:
    return f"{text} is outside the years I work with ({FIRST_YEAR} to {LAST_YEAR})."


def _read_day(
    text: str, *, today: date | None, direction: Direction, anchor: date | None = None
) -> date | None:
    """The calendar day ``text`` names, whatever its year, or ``None``.

    A date without a year, or a weekday on its own, is the nearest from ``anchor`` (today by
    default) in ``direction``; relative words always count from ``today``.
    """
    text = " ".join(text.strip().lower().split())
    base = anchor or today
    if text in _RELATIVE:
        return today + timedelta(days=_RELATIVE[text]) if today is not None else None
    if match := _ISO.fullmatch(text):
        return _day(int(match[1]), int(match[2]), int(match[3]))
    if match := _NUMERIC.fullmatch(text):
        day, month, year = int(match[1]), int(match[3]), match[4]
        if year is not None and len(year) == 2:  # "26" in 21/12/26
            year = str(_CENTURY + int(year))
    elif (match := _WORDS.fullmatch(text)) and match[2] in _MONTHS:
        day, month, year = int(match[1]), _MONTHS[match[2]], match[3]
    elif (match := _WEEKDAY.fullmatch(text)) and match[2] in _WEEKDAYS:
        return _named_weekday(match[1], _WEEKDAYS[match[2]], today, base, direction)
    else:
        return None
    if year is not None:
        return _day(int(year), month, day)
    return _without_year(month, day, base, direction) if base is not None else None


def _named_weekday(
    which: str | None, weekday: int, today: date | None, base: date | None, direction: Direction
) -> date | None:
    """``Monday`` (from ``base`` in ``direction``), ``next Monday`` or ``last Monday``."""
    if which == "next":
        return _weekday(weekday, today, "future") if today is not None else None
    if which == "last":
        return _weekday(weekday, today, "past") if today is not None else None
    return _weekday(weekday, base, direction) if base is not None else None


def parse_when(
    text: str, *, now: datetime, zone: ZoneInfo, direction: Direction = "past"
) -> datetime | None:
    """A moment: a day as :func:`parse_day` reads it, with an optional ``HH:MM``.

    Without a time, a relative day (``now``, today, yesterday, tomorrow) means this time of
    day and any other day means noon, local time.
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


@dataclass(frozen=True, slots=True)
class Span:
    """The days from ``first`` to ``last``, both included, as read (``last`` may be earlier)."""

    first: date
    last: date

    @property
    def days(self) -> int:
        """How many days it lasts (0 or less when it ends before it starts)."""
        return (self.last - self.first).days + 1

    def shown(self) -> str:
        """``Mon 21 Dec 2026 to Sat 02 Jan 2027``, or one day."""
        if self.first == self.last:
            return shown_day(self.first)
        return f"{shown_day(self.first)} to {shown_day(self.last)}"


# What a span's days were read from: the start's text and the end's.
_Pieces = tuple[str, str]


class _Reader(Protocol):
    def __call__(
        self, text: str, *, today: date | None, direction: Direction, anchor: date | None = None
    ) -> date | None: ...


def _read_span(
    text: str, *, today: date, direction: Direction, read: _Reader
) -> tuple[Span, _Pieces] | None:
    """The span ``text`` names and the texts of its two ends, with days from ``read``."""
    text = " ".join(text.split())
    if not text:
        return None
    if match := _UNTIL.fullmatch(text):
        last = read(match[1], today=today, direction="future")
        return (Span(today, last), ("today", match[1])) if last is not None else None
    if match := _SINCE.fullmatch(text):
        first = read(match[1], today=today, direction="past")
        return (Span(first, today), (match[1], "today")) if first is not None else None
    if match := _FROM.fullmatch(text):
        text = match[1]
    if (day := read(text, today=today, direction=direction)) is not None:
        return Span(day, day), (text, text)
    splits = [(text[: m.start()], text[m.end() :]) for m in _SEPARATOR.finditer(text)]
    words = text.split(" ")
    splits += [(" ".join(words[:i]), " ".join(words[i:])) for i in range(1, len(words))]
    for start, end in splits:
        first = read(start, today=today, direction=direction)
        if first is None:
            continue
        # The end is read from the start on: "21/12 to 2/1" is 2 January after it.
        last = read(end, today=today, direction="future", anchor=first)
        if last is None:
            continue
        if (last - first).days >= _YEAR_DAYS and in_range(last):
            # A start without a year before an end with one ("21 Dec to 2 Jan 2027", read
            # for the past): the start is the one before that end, not a year earlier.
            nearer = read(start, today=today, direction="past", anchor=last)
            if nearer is not None and nearer > first:
                first = nearer
        return Span(first, last), (start, end)
    return None


def _bounded(
    text: str, *, today: date | None, direction: Direction, anchor: date | None = None
) -> date | None:
    day = _read_day(text, today=today, direction=direction, anchor=anchor)
    return day if day is not None and in_range(day) else None


def parse_span(text: str, *, today: date, direction: Direction = "future") -> Span | None:
    """The days ``text`` names (one day is a span of one), or ``None``.

    ``21/12 to 2/1``, ``21/12 - 2/1``, ``21/12-2/1``, ``21/12 until 2/1``, ``21/12 2/1``,
    ``from 21/12 to 2/1``, ``1 Dec 2 Dec``, ``Monday to Friday``, ``until 2/1`` (from today),
    ``since 1/12`` (to today), ``tomorrow``. The start is read in ``direction``; the end from
    the start on. A span may end before it starts when both years are written: the caller
    refuses it (it says what was read).
    """
    found = _read_span(text, today=today, direction=direction, read=_bounded)
    return found[0] if found is not None else None


def leading_span(
    words: Sequence[str], *, today: date, direction: Direction = "future"
) -> tuple[Span, int] | None:
    """The longest run of leading ``words`` that is a span, and how many words it takes.

    For commands whose span is followed by more (``/leave add 21/12 to 2/1 Christmas``).
    """
    for size in range(min(MAX_SPAN_WORDS, len(words)), 0, -1):
        span = parse_span(" ".join(words[:size]), today=today, direction=direction)
        if span is not None:
            return span, size
    return None


def leading_span_problem(
    words: Sequence[str], *, today: date, direction: Direction = "future"
) -> str | None:
    """Why the leading ``words`` are refused if they name a span with a day outside the years.

    The longest run of leading words that reads as a span whatever its years is the one
    meant: ``01/01/2026 31/12/9999 pdf`` is refused (``31/12/9999 is outside the years …``),
    not read as one day followed by something else. Ask before :func:`leading_span`.
    """
    for size in range(min(MAX_SPAN_WORDS, len(words)), 0, -1):
        found = _read_span(" ".join(words[:size]), today=today, direction=direction, read=_read_day)
        if found is None:
            continue
        span, (start, end) = found
        if not in_range(span.first):
            return _outside(start)
        return None if in_range(span.last) else _outside(end)
    return None


def span_doubts(span: Span, *, today: date) -> tuple[str, ...]:
    """What is implausible about a span read for something planned, in sentences; () if nothing.

    A span longer than :data:`PLAUSIBLE_DAYS` (``2/1 to 21/12`` is nearly a year), and one that
    starts before today. The command asks before acting on it. A span that ends before it
    starts is not doubtful but wrong: it is refused.
    """
    doubts: list[str] = []
    if span.days > PLAUSIBLE_DAYS:
        doubts.append(f"That is more than {PLAUSIBLE_DAYS} days.")
    if span.first < today:
        doubts.append(f"It starts in the past ({shown_day(span.first)}).")
    return tuple(doubts)
