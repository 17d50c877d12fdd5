from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from chatbot.handlers.record import parse_when

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
    ],
)
def test_when_a_british_date_is_written_then_it_is_read_in_the_council_time_zone(
    text: str, expected: datetime | None
) -> None:
    assert parse_when(text, now=NOW, zone=LONDON) == expected
