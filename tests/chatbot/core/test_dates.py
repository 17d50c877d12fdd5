from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chatbot.core.dates import parse_day, parse_when, shown_day

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("21/11/2026 14:30", datetime(2026, 11, 21, 14, 30, tzinfo=UTC)),
        ("1/7/2026 09:05", datetime(2026, 7, 1, 8, 5, tzinfo=UTC)),
        ("1/7/2026", datetime(2026, 7, 1, 11, 0, tzinfo=UTC)),
        ("today 09:15", datetime(2026, 11, 24, 9, 15, tzinfo=UTC)),
        ("Yesterday 18:00", datetime(2026, 11, 23, 18, 0, tzinfo=UTC)),
        ("31/02/2026", None),
        ("next tuesday", None),
        # Without a year: the latest such day not after today.
        ("21/11", datetime(2026, 11, 21, 12, 0, tzinfo=UTC)),
        ("24/11 08:00", datetime(2026, 11, 24, 8, 0, tzinfo=UTC)),
        ("21/12", datetime(2025, 12, 21, 12, 0, tzinfo=UTC)),
        ("29/02", None),
        ("21 Nov 14:30", datetime(2026, 11, 21, 14, 30, tzinfo=UTC)),
        ("yesterday", datetime(2026, 11, 23, 10, 0, tzinfo=UTC)),
        ("24/11 25:00", None),
    ],
)
def test_when_a_british_date_is_written_then_it_is_read_in_the_council_time_zone(
    text: str, expected: datetime | None
) -> None:
    assert parse_when(text, now=NOW, zone=LONDON) == expected


TODAY = date(2026, 12, 1)


@pytest.mark.parametrize(
    ("text", "direction", "expected"),
    [
        ("2026-12-21", "future", date(2026, 12, 21)),
        ("21/12/2026", "future", date(2026, 12, 21)),
        ("21/12", "future", date(2026, 12, 21)),
        ("21/11", "future", date(2027, 11, 21)),
        ("21/11", "past", date(2026, 11, 21)),
        ("21 Dec", "future", date(2026, 12, 21)),
        ("2 January 2027", "future", date(2027, 1, 2)),
        ("Mon 21st December", "future", date(2026, 12, 21)),
        ("1 sept", "future", date(2027, 9, 1)),
        ("tomorrow", "future", date(2026, 12, 2)),
        ("Today", "future", TODAY),
        ("yesterday", "past", date(2026, 11, 30)),
        ("21 Decembre", "future", None),
        ("32/12", "future", None),
        ("christmas", "future", None),
        ("", "future", None),
    ],
)
def test_when_a_day_is_written_the_british_way_then_it_is_read_in_the_direction_asked(
    text: str, direction: str, expected: date | None
) -> None:
    assert parse_day(text, today=TODAY, direction=direction) == expected  # type: ignore[arg-type]


def test_when_there_is_no_today_then_only_full_dates_are_read() -> None:
    assert parse_day("21/12/2026") == date(2026, 12, 21)
    assert parse_day("21/12") is None
    assert parse_day("tomorrow") is None


@given(st.dates(min_value=date(1901, 1, 1), max_value=date(2999, 12, 31)))
def test_when_a_day_is_shown_then_it_reads_back_as_the_same_day(day: date) -> None:
    assert parse_day(shown_day(day)) == day
    assert parse_day(day.strftime("%d/%m/%Y")) == day
    assert parse_day(day.isoformat()) == day


@given(st.text(max_size=40))
def test_when_any_text_is_read_then_it_is_a_day_or_none(text: str) -> None:
    result = parse_day(text, today=TODAY, direction="future")
    assert result is None or isinstance(result, date)
