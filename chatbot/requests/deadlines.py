"""Statutory deadlines of the request register: FOI in working days, SAR in a calendar month.

Pure: dates in, dates out. A working day is Monday to Friday and not a bank holiday in England
and Wales (the ``holidays`` package's ``GB``/``ENG`` calendar, computed offline).

- FOI (Freedom of Information Act 2000, s.10): 20 working days; the first working day after
  the day of receipt is day one (ICO guidance).
- SAR (UK GDPR Art. 12(3)): one calendar month from the day of receipt — the same day of the
  next month, or that month's last day when the day does not exist; a deadline falling on a
  weekend or bank holiday moves to the next working day (ICO guidance).
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from functools import cache
from typing import Final

import holidays

FOI_WORKING_DAYS: Final[int] = 20
_SATURDAY: Final[int] = 5
_DECEMBER: Final[int] = 12
_ONE_DAY: Final[timedelta] = timedelta(days=1)
# Reminders before the due date, in working days: the label ends the notice's key.
REMINDER_OFFSETS: Final[tuple[tuple[str, int], ...]] = (("due-5", 5), ("due-1", 1), ("due", 0))
OVERDUE: Final[str] = "overdue"


@cache
def _bank_holidays(year: int) -> frozenset[date]:
    """England and Wales bank holidays of ``year`` (a pure function of the year, memoised)."""
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def is_bank_holiday(day: date) -> bool:
    """Whether ``day`` is a bank holiday in England and Wales."""
    return day in _bank_holidays(day.year)


def is_working_day(day: date) -> bool:
    """Whether ``day`` is a Monday to Friday that is not a bank holiday in England and Wales."""
    return day.weekday() < _SATURDAY and not is_bank_holiday(day)


def next_working_day(day: date) -> date:
    """``day`` itself if it is a working day, otherwise the first working day after it."""
    while not is_working_day(day):
        day += _ONE_DAY
    return day


def add_working_days(start: date, count: int) -> date:
    """The ``count``-th working day after ``start`` (``start`` itself never counts).

    A negative ``count`` goes back: ``add_working_days(d, -1)`` is the last working day before
    ``d``; ``count == 0`` returns ``start``.
    """
    step = _ONE_DAY if count >= 0 else -_ONE_DAY
    day = start
    for _ in range(abs(count)):
        day += step
        while not is_working_day(day):
            day += step
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days after ``start`` up to and including ``end``.

    When ``end`` is earlier, minus the working days from ``end`` up to (not including)
    ``start``, so ``working_days_between(d, add_working_days(d, n)) == n`` for every ``n``.
    """
    if end < start:
        return -sum(is_working_day(end + timedelta(days=n)) for n in range((start - end).days))
    return sum(is_working_day(start + timedelta(days=n)) for n in range(1, (end - start).days + 1))


def add_one_month(day: date) -> date:
    """The same day of the next month, or that month's last day when the day does not exist."""
    year, month = (day.year + 1, 1) if day.month == _DECEMBER else (day.year, day.month + 1)
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


def foi_due(received: date) -> date:
    """When an FOI request received on ``received`` must be answered: 20 working days."""
    return add_working_days(received, FOI_WORKING_DAYS)


def sar_due(received: date) -> date:
    """When a subject-access request received on ``received`` must be answered.

    One calendar month, moved to the next working day when it falls on a weekend or bank holiday.
    """
    return next_working_day(add_one_month(received))


def reminder_days(due: date) -> tuple[tuple[str, date], ...]:
    """The days a request due on ``due`` is reminded of, oldest first, each with its label.

    Five working days before, one working day before, on the day, and once when overdue (the
    first working day after the due date, when the Clerk is in the office).
    """
    before = tuple((label, add_working_days(due, -offset)) for label, offset in REMINDER_OFFSETS)
    return (*before, (OVERDUE, add_working_days(due, 1)))
