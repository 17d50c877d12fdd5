"""FOI and SAR due dates: working days in England and Wales, and one calendar month."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chatbot.requests.deadlines import (
    FOI_WORKING_DAYS,
    add_one_month,
    add_working_days,
    foi_due,
    is_working_day,
    next_working_day,
    reminder_days,
    sar_due,
    working_days_between,
)

DAYS = st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31))


@pytest.mark.parametrize(
    ("received", "due"),
    [
        # Christmas 2026: Boxing Day is a Saturday, so Monday 28th is its substitute.
        (date(2026, 12, 14), date(2027, 1, 14)),
        (date(2026, 12, 15), date(2027, 1, 15)),
        # Received on a Saturday: Monday is day one.
        (date(2026, 12, 19), date(2027, 1, 20)),
        # Easter 2027: Good Friday 26 March and Easter Monday 29 March.
        (date(2027, 3, 5), date(2027, 4, 6)),
        (date(2027, 3, 12), date(2027, 4, 13)),
        # An ordinary month: no bank holidays.
        (date(2026, 10, 1), date(2026, 10, 29)),
    ],
)
def test_when_an_foi_request_is_received_then_it_is_due_after_twenty_working_days(
    received: date, due: date
) -> None:
    assert foi_due(received) == due


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (date(2026, 12, 1), date(2027, 1, 4)),  # 1 Jan 2027 is a Friday bank holiday
        (date(2026, 11, 25), date(2026, 12, 29)),  # Christmas, weekend, Boxing Day substitute
        (date(2027, 2, 26), date(2027, 3, 30)),  # Good Friday, weekend, Easter Monday
        (date(2027, 1, 31), date(2027, 3, 1)),  # no 31 Feb; 28 Feb 2027 is a Sunday
        (date(2028, 1, 31), date(2028, 2, 29)),  # a leap year's last day of February
        (date(2026, 10, 13), date(2026, 11, 13)),  # an ordinary Friday
    ],
)
def test_when_a_subject_access_request_is_received_then_it_is_due_in_one_calendar_month(
    received: date, due: date
) -> None:
    assert sar_due(received) == due


@pytest.mark.parametrize(
    "day",
    [
        date(2026, 12, 25),
        date(2026, 12, 28),
        date(2027, 3, 26),
        date(2027, 3, 29),
        date(2026, 12, 5),
    ],
)
def test_when_a_day_is_a_bank_holiday_or_weekend_then_it_is_not_a_working_day(day: date) -> None:
    assert not is_working_day(day)


@given(DAYS)
def test_when_any_foi_request_is_received_then_its_due_date_is_a_working_day_twenty_after(
    received: date,
) -> None:
    due = foi_due(received)
    assert is_working_day(due)
    assert working_days_between(received, due) == FOI_WORKING_DAYS
    # The first day on which twenty have passed: the day before, only nineteen had.
    assert working_days_between(received, due - timedelta(days=1)) == FOI_WORKING_DAYS - 1


@given(DAYS)
def test_when_any_sar_is_received_then_it_is_due_on_a_working_day_never_before_one_month(
    received: date,
) -> None:
    due = sar_due(received)
    month = add_one_month(received)
    assert is_working_day(due)
    assert due >= month
    assert all(not is_working_day(month + timedelta(days=n)) for n in range((due - month).days))
    assert (month.year * 12 + month.month) - (received.year * 12 + received.month) == 1
    assert month.day == min(received.day, calendar.monthrange(month.year, month.month)[1])


@given(DAYS, st.integers(min_value=-40, max_value=40))
def test_when_working_days_are_added_then_counting_them_back_gives_the_same_number(
    start: date, count: int
) -> None:
    end = add_working_days(start, count)
    assert working_days_between(start, end) == count
    if count:
        assert is_working_day(end)


@given(DAYS)
def test_when_a_day_is_rolled_to_a_working_day_then_it_never_moves_back(day: date) -> None:
    rolled = next_working_day(day)
    assert rolled >= day
    assert is_working_day(rolled)
    assert (rolled == day) == is_working_day(day)


def test_when_a_request_is_due_then_it_is_reminded_before_on_and_after_the_day() -> None:
    assert reminder_days(date(2027, 1, 15)) == (
        ("due-5", date(2027, 1, 8)),
        ("due-1", date(2027, 1, 14)),
        ("due", date(2027, 1, 15)),
        ("overdue", date(2027, 1, 18)),
    )
