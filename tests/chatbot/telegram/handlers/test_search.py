"""Reading ``/search`` and ``/export`` arguments, and the safe export file name."""

from __future__ import annotations

import re
from datetime import date

import pytest

from chatbot.errors import UsageError
from chatbot.record.export import ExportFormat
from chatbot.record.export_service import ExportRequest
from chatbot.record.search import SearchQuery
from chatbot.telegram.handlers.search import export_file_name, parse_export, parse_search

TODAY = date(2026, 12, 2)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hedge Mill", SearchQuery(words=("hedge", "Mill"))),
        (
            "hedge from:01/11/2026 to:2026-11-30 person:Helen Moss chat:Councillors",
            SearchQuery(
                words=("hedge",),
                start=date(2026, 11, 1),
                end=date(2026, 11, 30),
                person="Helen Moss",
                chat="Councillors",
            ),
        ),
        ('person:"Helen Moss"', SearchQuery(person="Helen Moss")),
        ("chat:Allotments working group", SearchQuery(chat="Allotments working group")),
        ("'; DROP TABLE x; --", SearchQuery(words=("';", "DROP", "TABLE", "x;", "--"))),
    ],
)
def test_when_search_arguments_are_read_then_words_come_first_and_filters_run_on(
    text: str, expected: SearchQuery
) -> None:
    assert parse_search(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "from:31/11/2026", "to:tomorrow"])
def test_when_search_arguments_are_unusable_then_a_usage_error_says_so(text: str) -> None:
    with pytest.raises(UsageError):
        parse_search(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "01/11/2026 30/11/2026",
            ExportRequest(start=date(2026, 11, 1), end=date(2026, 11, 30)),
        ),
        (
            "01/11/2026 30/11/2026 pdf person:Helen Moss redact",
            ExportRequest(
                start=date(2026, 11, 1),
                end=date(2026, 11, 30),
                form=ExportFormat.PDF,
                person="Helen Moss",
                redact=True,
            ),
        ),
        (
            "2026-11-01 2026-11-30 redact JSON",
            ExportRequest(
                start=date(2026, 11, 1), end=date(2026, 11, 30), form=ExportFormat.JSON, redact=True
            ),
        ),
    ],
)
def test_when_export_arguments_are_read_then_the_request_is_built(
    text: str, expected: ExportRequest
) -> None:
    assert parse_export(text, today=TODAY) == expected


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        # #15: "/export 1 Dec 2 Dec" was refused.
        ("1 Dec 2 Dec", date(2026, 12, 1), date(2026, 12, 2)),
        ("1 Dec to 2 Dec json", date(2026, 12, 1), date(2026, 12, 2)),
        ("1/11 to 30/11", date(2026, 11, 1), date(2026, 11, 30)),
        ("21/12-2/1 pdf", date(2025, 12, 21), date(2026, 1, 2)),
        ("21st December until 2nd January", date(2025, 12, 21), date(2026, 1, 2)),
        ("since 1/11", date(2026, 11, 1), TODAY),
        ("yesterday", date(2026, 12, 1), date(2026, 12, 1)),
        ("01/11/2026", date(2026, 11, 1), date(2026, 11, 1)),
    ],
)
def test_when_export_days_are_written_as_people_do_then_they_are_read_in_the_past(
    text: str, start: date, end: date
) -> None:
    request = parse_export(text, today=TODAY)
    assert (request.start, request.end) == (start, end)


@pytest.mark.parametrize(
    ("text", "told"),
    [
        ("", "Usage: /export"),
        ("someday", "I could not read the dates 'someday'"),
        ("01/11/2026 32/11/2026", "I do not understand '32/11/2026'"),
        ("01/11/2026 x y", "I do not understand 'x'"),
        ("01/11/2026 31/12/9999 pdf", "31/12/9999 is outside the years"),
    ],
)
def test_when_export_arguments_are_unusable_then_a_usage_error_says_so(
    text: str, told: str
) -> None:
    with pytest.raises(UsageError, match=re.escape(told)):
        parse_export(text, today=TODAY)


def test_when_search_dates_have_no_year_then_they_are_read_in_the_past() -> None:
    query = parse_search("hedge from:1/11 to:yesterday", today=TODAY)
    assert (query.start, query.end) == (date(2026, 11, 1), date(2026, 12, 1))


def test_when_a_file_name_is_made_then_it_holds_no_name_of_a_person() -> None:
    request = ExportRequest(
        start=date(2026, 11, 1),
        end=date(2026, 11, 30),
        form=ExportFormat.PDF,
        person="../../etc/Helen Moss",
        redact=True,
    )
    assert export_file_name(request) == "record-2026-11-01-to-2026-11-30-person-redacted.pdf"
