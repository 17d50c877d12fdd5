"""Reading ``/search`` and ``/export`` arguments, and the safe export file name."""

from __future__ import annotations

from datetime import date

import pytest

from chatbot.errors import UsageError
from chatbot.record.export import ExportFormat
from chatbot.record.export_service import ExportRequest
from chatbot.record.search import SearchQuery
from chatbot.telegram.handlers.search import export_file_name, parse_export, parse_search


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
    assert parse_export(text) == expected


@pytest.mark.parametrize("text", ["", "01/11/2026", "01/11/2026 32/11/2026", "01/11/2026 x y"])
def test_when_export_arguments_are_unusable_then_a_usage_error_says_so(text: str) -> None:
    with pytest.raises(UsageError):
        parse_export(text)


def test_when_a_file_name_is_made_then_it_holds_no_name_of_a_person() -> None:
    request = ExportRequest(
        start=date(2026, 11, 1),
        end=date(2026, 11, 30),
        form=ExportFormat.PDF,
        person="../../etc/Helen Moss",
        redact=True,
    )
    assert export_file_name(request) == "record-2026-11-01-to-2026-11-30-person-redacted.pdf"
