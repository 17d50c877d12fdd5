from __future__ import annotations

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chatbot.cover.office_hours import OfficeHours

LONDON = ZoneInfo("Europe/London")
WEEKDAYS = OfficeHours.parse("Mon-Fri 09:00-17:00")


def test_when_office_hours_are_read_then_each_weekday_has_its_hours() -> None:
    hours = OfficeHours.parse("Mon-Thu 09:00-17:00; Fri 09:00-13:00; sat 10:00-12:00")
    assert hours.hours == (
        *((day, time(9), time(17)) for day in range(4)),
        (4, time(9), time(13)),
        (5, time(10), time(12)),
    )
    assert OfficeHours.parse("Mon, Wed, Fri 10:00-14:00").hours == tuple(
        (day, time(10), time(14)) for day in (0, 2, 4)
    )


@pytest.mark.parametrize(
    "text",
    [
        "",
        "weekdays",
        "Mon-Fri 17:00-09:00",
        "Fri-Mon 09:00-17:00",
        "Mon-Fri 9-5",
        "Xyz 09:00-10:00",
    ],
)
def test_when_office_hours_cannot_be_read_then_the_reason_is_given(text: str) -> None:
    with pytest.raises(ValueError, match=r"."):
        OfficeHours.parse(text)


@pytest.mark.parametrize(
    ("moment", "is_open", "next_open"),
    [
        # Tuesday 1 Dec 2026, 10:00 GMT: open.
        (datetime(2026, 12, 1, 10, 0, tzinfo=UTC), True, datetime(2026, 12, 1, 10, 0, tzinfo=UTC)),
        # 17:00 is closing time.
        (
            datetime(2026, 12, 1, 17, 0, tzinfo=UTC),
            False,
            datetime(2026, 12, 2, 9, 0, tzinfo=LONDON),
        ),
        # Friday evening: Monday morning.
        (
            datetime(2026, 12, 4, 18, 0, tzinfo=UTC),
            False,
            datetime(2026, 12, 7, 9, 0, tzinfo=LONDON),
        ),
        # Christmas Eve evening: Christmas, Boxing Day (Sat) and its substitute Monday are closed.
        (
            datetime(2026, 12, 24, 18, 0, tzinfo=UTC),
            False,
            datetime(2026, 12, 29, 9, 0, tzinfo=LONDON),
        ),
        # Summer time: 08:30 UTC is 09:30 BST, open.
        (datetime(2026, 7, 1, 8, 30, tzinfo=UTC), True, datetime(2026, 7, 1, 8, 30, tzinfo=UTC)),
        # Easter Monday 2027 (29 Mar) is a bank holiday, the day after the clocks change.
        (
            datetime(2027, 3, 29, 10, 0, tzinfo=UTC),
            False,
            datetime(2027, 3, 30, 9, 0, tzinfo=LONDON),
        ),
    ],
)
def test_when_asked_about_a_moment_then_working_time_follows_hours_and_bank_holidays(
    moment: datetime, is_open: bool, next_open: datetime
) -> None:
    assert WEEKDAYS.is_open(moment, LONDON) is is_open
    assert WEEKDAYS.next_open(moment, LONDON) == next_open


def test_when_the_office_never_opens_then_there_is_no_next_working_time() -> None:
    assert OfficeHours(()).next_open(datetime(2026, 12, 1, tzinfo=UTC), LONDON) is None


@given(
    st.datetimes(
        min_value=datetime(2026, 1, 1),  # noqa: DTZ001 - hypothesis bounds are naive
        max_value=datetime(2028, 12, 31),  # noqa: DTZ001
        timezones=st.just(UTC),
    )
)
def test_when_working_time_is_next_then_it_is_open_and_not_before_the_moment(
    moment: datetime,
) -> None:
    nxt = WEEKDAYS.next_open(moment, LONDON)
    assert nxt is not None
    assert nxt >= moment
    assert WEEKDAYS.is_open(nxt, LONDON)
