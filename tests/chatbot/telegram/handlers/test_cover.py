"""Reading ``/leave add``: British dates in the future, an optional Telegram id, a reason."""

from __future__ import annotations

from datetime import date

import pytest

from chatbot.telegram.handlers.cover import MESSAGE_LIMIT, LeaveUsageError, chunks, parse_leave

TODAY = date(2026, 12, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("21/12 2/1 Christmas", (None, date(2026, 12, 21), date(2027, 1, 2), "Christmas")),
        ("21 Dec 2 Jan", (None, date(2026, 12, 21), date(2027, 1, 2), "")),
        (
            "Mon 21 December 2026 Sat 2 January 2027 family visit",
            (None, date(2026, 12, 21), date(2027, 1, 2), "family visit"),
        ),
        ("2026-12-21 2027-01-02", (None, date(2026, 12, 21), date(2027, 1, 2), "")),
        ("tomorrow dentist", (None, date(2026, 12, 2), date(2026, 12, 2), "dentist")),
        ("1003 21/12 2/1", (1003, date(2026, 12, 21), date(2027, 1, 2), "")),
        ("1003 21 Dec", (1003, date(2026, 12, 21), date(2026, 12, 21), "")),
        ("30/11 1/12", (None, date(2027, 11, 30), date(2027, 12, 1), "")),
        (
            "28/3/2027 29/3/2027 clocks change",
            (None, date(2027, 3, 28), date(2027, 3, 29), "clocks change"),
        ),
        # #15: spans as people write them; "21/12 to 2/1 Christmas" booked one day.
        ("21/12 to 2/1 Christmas", (None, date(2026, 12, 21), date(2027, 1, 2), "Christmas")),
        ("21/12 - 2/1 Christmas", (None, date(2026, 12, 21), date(2027, 1, 2), "Christmas")),
        ("21/12-2/1 Christmas", (None, date(2026, 12, 21), date(2027, 1, 2), "Christmas")),
        ("21/12 until 2/1", (None, date(2026, 12, 21), date(2027, 1, 2), "")),
        (
            "21st December to 2nd January family visit",
            (None, date(2026, 12, 21), date(2027, 1, 2), "family visit"),
        ),
        ("until 2/1 course", (None, TODAY, date(2027, 1, 2), "course")),
        ("1003 21/12 to 2/1 Christmas", (1003, date(2026, 12, 21), date(2027, 1, 2), "Christmas")),
        ("next Monday interview", (None, date(2026, 12, 7), date(2026, 12, 7), "interview")),
        ("Monday to Friday", (None, date(2026, 12, 7), date(2026, 12, 11), "")),
        ("21/12/26 2/1/27", (None, date(2026, 12, 21), date(2027, 1, 2), "")),
        ("21.12.2026 to 2.1.2027", (None, date(2026, 12, 21), date(2027, 1, 2), "")),
        ("now", (None, TODAY, TODAY, "")),
    ],
)
def test_when_leave_is_written_the_british_way_then_it_is_read(
    text: str, expected: tuple[int | None, date, date, str]
) -> None:
    request = parse_leave(text.split(), today=TODAY)
    assert (request.member_id, request.starts_on, request.ends_on, request.reason) == expected


@pytest.mark.parametrize("text", ["", "someday soon", "1003", "31/02 1/3"])
def test_when_no_start_date_can_be_read_then_it_is_refused(text: str) -> None:
    with pytest.raises(LeaveUsageError):
        parse_leave(text.split(), today=TODAY)


def test_when_a_reply_is_too_long_for_one_message_then_it_is_split_at_line_ends() -> None:
    lines = [f"• line {n} " + "x" * 80 for n in range(100)]
    pieces = chunks("\n".join(lines))
    assert len(pieces) > 1
    assert all(len(p) <= MESSAGE_LIMIT for p in pieces)
    assert "\n".join(pieces) == "\n".join(lines)


def test_when_a_span_reaches_outside_the_years_read_then_the_day_is_named() -> None:
    with pytest.raises(LeaveUsageError, match=r"^30/12/9999 is outside the years I work with"):
        parse_leave(["21/12", "to", "30/12/9999", "away"], today=TODAY)
