"""Only the years 1900 to 2999 are read; a real date outside them is refused with a reason."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chatbot.core.dates import FIRST_YEAR, LAST_YEAR, parse_day, parse_when, range_problem

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "text", ["01/01/0001", "31/12/9999", "9999-12-31", "1 January 1066", "31/12/1899", "1/1/3000"]
)
def test_when_a_real_date_is_outside_the_years_read_then_it_is_not_read(text: str) -> None:
    assert parse_day(text) is None
    assert parse_when(text, now=NOW, zone=LONDON) is None
    assert parse_when(f"{text} 10:00", now=NOW, zone=LONDON) is None


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("01/01/0001", "01/01/0001 is outside the years I work with (1900 to 2999)."),
        ("31/12/9999 23:59", "31/12/9999 is outside the years I work with (1900 to 2999)."),
        (" 1 January  1066 ", "1 January 1066 is outside the years I work with (1900 to 2999)."),
    ],
)
def test_when_a_date_is_out_of_range_then_the_problem_is_told_in_a_sentence(
    text: str, problem: str
) -> None:
    assert range_problem(text) == problem


@pytest.mark.parametrize(
    "text", ["01/01/1900", "31/12/2999", "31/11/2026", "next week", "", "21/12"]
)
def test_when_a_date_is_in_range_or_unreadable_then_there_is_no_range_problem(text: str) -> None:
    assert range_problem(text) is None


def test_when_the_first_and_last_days_are_written_then_they_are_read() -> None:
    assert parse_day(f"01/01/{FIRST_YEAR}") == date(FIRST_YEAR, 1, 1)
    assert parse_day(f"{LAST_YEAR}-12-31") == date(LAST_YEAR, 12, 31)


@given(st.text(alphabet="0123456789/- :", max_size=20))
def test_when_any_date_is_read_then_the_day_after_it_and_its_local_bounds_exist(text: str) -> None:
    day = parse_day(text)
    if day is not None:  # what search and export do with it: never an OverflowError
        after = datetime.combine(day + timedelta(days=1), datetime.min.time(), tzinfo=LONDON)
        assert after.astimezone(UTC).year <= LAST_YEAR + 1
