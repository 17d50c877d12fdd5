from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from chatbot.core.dates import (
    PLAUSIBLE_DAYS,
    Span,
    leading_span,
    leading_span_problem,
    parse_day,
    parse_span,
    parse_when,
    shown_day,
    span_doubts,
)

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
        # "next" is always ahead, even for the past: a note then is refused as still to come.
        ("next tuesday", datetime(2026, 12, 1, 12, 0, tzinfo=UTC)),
        ("last tuesday 09:00", datetime(2026, 11, 17, 9, 0, tzinfo=UTC)),
        ("monday", datetime(2026, 11, 23, 12, 0, tzinfo=UTC)),
        ("now", NOW),
        ("21.11.2026 14.30", datetime(2026, 11, 21, 14, 30, tzinfo=UTC)),
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
        ("now", "future", TODAY),
        ("21/12/26", "future", date(2026, 12, 21)),
        ("21/12/99", "past", date(2099, 12, 21)),
        ("21.12.2026", "future", date(2026, 12, 21)),
        ("21.12", "future", date(2026, 12, 21)),
        ("21/12.2026", "future", None),
        ("21/12/026", "future", None),
        # 1 December 2026 is a Tuesday.
        ("Monday", "future", date(2026, 12, 7)),
        ("monday", "past", date(2026, 11, 30)),
        ("Tuesday", "future", date(2026, 12, 8)),
        ("tue", "past", date(2026, 11, 24)),
        ("wed", "future", date(2026, 12, 2)),
        ("next Monday", "future", date(2026, 12, 7)),
        ("next monday", "past", date(2026, 12, 7)),
        ("last Friday", "future", date(2026, 11, 27)),
        ("this thursday", "future", date(2026, 12, 3)),
        ("next week", "future", None),
        ("next", "future", None),
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


@pytest.mark.parametrize(
    ("text", "direction", "first", "last"),
    [
        ("21/12 to 2/1", "future", date(2026, 12, 21), date(2027, 1, 2)),
        ("21/12 - 2/1", "future", date(2026, 12, 21), date(2027, 1, 2)),
        ("21/12-2/1", "future", date(2026, 12, 21), date(2027, 1, 2)),
        ("21/12 \u2013 2/1", "future", date(2026, 12, 21), date(2027, 1, 2)),
        ("21/12 until 2/1", "future", date(2026, 12, 21), date(2027, 1, 2)),
        ("21/12 2/1", "future", date(2026, 12, 21), date(2027, 1, 2)),
        ("From 21/12 To 2/1", "future", date(2026, 12, 21), date(2027, 1, 2)),
        ("21st December to 2nd January", "future", date(2026, 12, 21), date(2027, 1, 2)),
        ("Mon 21st December to Sat 2nd January 2027", "past", date(2026, 12, 21), date(2027, 1, 2)),
        ("21 Dec 2026 2 Jan 2027", "future", date(2026, 12, 21), date(2027, 1, 2)),
        ("2026-12-21 - 2027-01-02", "future", date(2026, 12, 21), date(2027, 1, 2)),
        ("2026-12-21-2027-01-02", "future", date(2026, 12, 21), date(2027, 1, 2)),
        ("21/12/26 to 2/1/27", "future", date(2026, 12, 21), date(2027, 1, 2)),
        ("21.12.2026 - 2.1.2027", "future", date(2026, 12, 21), date(2027, 1, 2)),
        ("until 2/1", "future", TODAY, date(2027, 1, 2)),
        ("till Friday", "future", TODAY, date(2026, 12, 4)),
        ("since 1/11", "past", date(2026, 11, 1), TODAY),
        ("today to tomorrow", "future", TODAY, date(2026, 12, 2)),
        ("tomorrow", "future", date(2026, 12, 2), date(2026, 12, 2)),
        ("next Monday", "future", date(2026, 12, 7), date(2026, 12, 7)),
        ("Monday to Friday", "future", date(2026, 12, 7), date(2026, 12, 11)),
        ("Friday to Monday", "future", date(2026, 12, 4), date(2026, 12, 7)),
        # The end counts from the start; "today" in it counts from today.
        ("1 Dec 2 Dec", "past", date(2026, 12, 1), date(2026, 12, 2)),
        ("1/11 to today", "past", date(2026, 11, 1), TODAY),
        ("21/12 to 2/1", "past", date(2025, 12, 21), date(2026, 1, 2)),
        ("2/1 to 21/12", "future", date(2027, 1, 2), date(2027, 12, 21)),
        # Both years written: read as written, for the command to refuse.
        ("2/1/2027 to 21/12/2026", "future", date(2027, 1, 2), date(2026, 12, 21)),
    ],
)
def test_when_a_span_is_written_as_people_do_then_its_days_are_read(
    text: str, direction: str, first: date, last: date
) -> None:
    span = parse_span(text, today=TODAY, direction=direction)  # type: ignore[arg-type]
    assert span == Span(first, last)


@pytest.mark.parametrize(
    "text", ["", "to", "21/12 to", "to 2/1", "21/12 to someday", "christmas", "30/12/9999 to 1/1"]
)
def test_when_a_span_cannot_be_read_then_it_is_none(text: str) -> None:
    assert parse_span(text, today=TODAY) is None


def test_when_a_span_is_followed_by_more_words_then_the_longest_leading_span_is_taken() -> None:
    assert leading_span(["21/12", "to", "2/1", "Christmas"], today=TODAY) == (
        Span(date(2026, 12, 21), date(2027, 1, 2)),
        3,
    )
    assert leading_span(
        ["1", "Dec", "2", "Dec", "pdf", "redact"], today=TODAY, direction="past"
    ) == (
        Span(date(2026, 12, 1), date(2026, 12, 2)),
        4,
    )
    assert leading_span(["tomorrow", "dentist"], today=TODAY) == (
        Span(date(2026, 12, 2), date(2026, 12, 2)),
        1,
    )
    assert leading_span(["someday", "soon"], today=TODAY) is None


@pytest.mark.parametrize(
    ("words", "problem"),
    [
        ("30/12/9999 away", "30/12/9999 is outside"),
        ("01/01/2026 31/12/9999 pdf", "31/12/9999 is outside"),
        ("1 January 1066 to 2/2/2000", "1 January 1066 is outside"),
        ("21/12/2025 to 2/1/2026 pdf", None),
        ("someday", None),
    ],
)
def test_when_leading_words_name_a_day_outside_the_years_then_the_problem_says_which(
    words: str, problem: str | None
) -> None:
    found = leading_span_problem(words.split(), today=TODAY, direction="past")
    if problem is None:
        assert found is None
    else:
        assert found is not None
        assert found.startswith(problem)


@pytest.mark.parametrize(
    ("first", "last", "doubts"),
    [
        (date(2026, 12, 21), date(2027, 1, 2), ()),
        (TODAY, TODAY + timedelta(days=PLAUSIBLE_DAYS - 1), ()),
        (TODAY, TODAY + timedelta(days=PLAUSIBLE_DAYS), ("That is more than 60 days.",)),
        (date(2027, 1, 2), date(2027, 12, 21), ("That is more than 60 days.",)),
        (date(2026, 11, 30), date(2026, 12, 2), ("It starts in the past (Mon 30 Nov 2026).",)),
    ],
)
def test_when_a_planned_span_is_implausible_then_the_doubts_say_why(
    first: date, last: date, doubts: tuple[str, ...]
) -> None:
    assert span_doubts(Span(first, last), today=TODAY) == doubts


_DAYS = st.dates(min_value=date(1901, 1, 1), max_value=date(2998, 12, 31))


@given(_DAYS, st.integers(min_value=0, max_value=365))
def test_when_a_span_is_written_with_years_then_it_reads_back_the_same(
    first: date, length: int
) -> None:
    last = first + timedelta(days=length)
    expected = Span(first, last)
    for text in (
        f"{shown_day(first)} to {shown_day(last)}",
        f"{first:%d/%m/%Y}-{last:%d/%m/%Y}",
        f"{first:%d.%m.%Y} until {last:%d.%m.%Y}",
        f"{first.isoformat()} - {last.isoformat()}",
    ):
        assert parse_span(text, today=TODAY) == expected, text


@given(_DAYS, st.integers(min_value=0, max_value=300))
def test_when_a_span_is_written_without_years_then_it_is_the_nearest_ahead(
    today: date, length: int
) -> None:
    first = today + timedelta(days=length)
    last = first + timedelta(days=length // 5)
    assume((2, 29) not in {(first.month, first.day), (last.month, last.day)})  # not every year
    span = parse_span(f"{first.day}/{first.month} to {last.day}/{last.month}", today=today)
    assert span == Span(first, last)


@given(_DAYS, st.sampled_from(["monday", "tue", "Wednesday", "thurs", "fri", "sat", "Sunday"]))
def test_when_a_weekday_is_written_then_it_is_within_a_week_either_way(
    today: date, name: str
) -> None:
    ahead = parse_day(name, today=today, direction="future")
    behind = parse_day(name, today=today, direction="past")
    assert ahead is not None
    assert behind is not None
    assert 1 <= (ahead - today).days <= 7
    assert 1 <= (today - behind).days <= 7
    assert ahead.weekday() == behind.weekday() == (ahead - timedelta(days=7)).weekday()
    assert parse_day(f"next {name}", today=today, direction="past") == ahead
