"""The cover schedule as an iCalendar file (RFC 5545). Pure: events in, bytes out.

Every event is a whole-day ``VEVENT`` (``DTSTART;VALUE=DATE``, ``DTEND`` the day after the
last, as the RFC's exclusive end requires). Text values are escaped (backslash, semicolon,
comma, newline), every line ends in CRLF, and lines longer than 75 octets are folded without
splitting a UTF-8 character. UIDs are given by the caller and must be stable, so a calendar
that subscribes to the feed updates an event in place instead of duplicating it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Final

CRLF: Final[str] = "\r\n"
MAX_OCTETS: Final[int] = 75
PRODID: Final[str] = "-//councilbot//Leave cover//EN"
_ESCAPES: Final[dict[str, str]] = {"\\": "\\\\", ";": "\\;", ",": "\\,", "\n": "\\n"}


@dataclass(frozen=True, slots=True)
class DayEvent:
    """A whole-day event, ``first`` to ``last`` inclusive."""

    uid: str
    first: date
    last: date
    summary: str
    description: str = ""
    categories: tuple[str, ...] = ()


def escape_text(value: str) -> str:
    r"""A TEXT value escaped as RFC 5545 §3.3.11 asks: line breaks written ``\n``.

    Other control characters, which TEXT may not hold (tab aside), are dropped.
    """
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(
        _ESCAPES.get(char, char)
        for char in value
        if char in "\t\n" or unicodedata.category(char) != "Cc"
    )


def fold(line: str) -> str:
    """One content line folded at 75 octets (continuations start with a space), CRLF-ended."""
    pieces: list[str] = []
    current: list[str] = []
    size, limit = 0, MAX_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            pieces.append("".join(current))
            current, size, limit = [], 0, MAX_OCTETS - 1  # the leading space is an octet too
        current.append(char)
        size += width
    pieces.append("".join(current))
    return (CRLF + " ").join(pieces) + CRLF


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _day(day: date) -> str:
    return day.strftime("%Y%m%d")


def _event_lines(event: DayEvent, stamp: str) -> Iterator[str]:
    yield "BEGIN:VEVENT"
    yield f"UID:{escape_text(event.uid)}"
    yield f"DTSTAMP:{stamp}"
    yield f"DTSTART;VALUE=DATE:{_day(event.first)}"
    yield f"DTEND;VALUE=DATE:{_day(event.last + timedelta(days=1))}"
    yield f"SUMMARY:{escape_text(event.summary)}"
    if event.description:
        yield f"DESCRIPTION:{escape_text(event.description)}"
    if event.categories:
        yield f"CATEGORIES:{','.join(escape_text(c) for c in event.categories)}"
    yield "TRANSP:TRANSPARENT"
    yield "END:VEVENT"


def calendar(events: Iterable[DayEvent], *, name: str, now: datetime) -> bytes:
    """A ``VCALENDAR`` holding ``events``, UTF-8; ``now`` is every event's ``DTSTAMP``."""
    stamp = _stamp(now)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    for event in events:
        lines.extend(_event_lines(event, stamp))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) for line in lines).encode("utf-8")
