"""Writing the record out: CSV and JSON round trips, a readable PDF with its manifest, redaction."""

from __future__ import annotations

import csv
import io
import json
import re
import zlib
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from chatbot.core.access import Role
from chatbot.council.file import CouncilFile
from chatbot.db.database import Database
from chatbot.record.export import (
    CSV_COLUMNS,
    THIRD_PARTY,
    ExportFormat,
    ExportHeader,
    Manifest,
    Redactor,
    Subject,
    write_csv,
    write_json,
    write_pdf,
)
from chatbot.record.export_service import ExportError, ExportRequest, ExportService
from chatbot.record.search import SearchService, Viewer
from chatbot.record.service import NewEntry, RecordService
from chatbot.record.view import EntryView
from policy_checks import PolicyEngine

LONDON = ZoneInfo("Europe/London")
COUNCIL_NAME = "Barton-le-Clay Parish Council"
HEAD = "ab" * 32
MANIFEST = Manifest(head_seq=42, head_hash=HEAD, intact=True, verified=42)
HEADER = ExportHeader(
    council=COUNCIL_NAME,
    start=date(2026, 11, 1),
    end=date(2026, 11, 30),
    zone=LONDON,
    manifest=MANIFEST,
    made_at=datetime(2026, 12, 1, 9, 0, tzinfo=UTC),
)
SUBJECT_ID = 1004


def _view(seq: int, text: str, **extra: object) -> EntryView:
    values: dict[str, object] = {
        "seq": seq,
        "kind": "message",
        "occurred_at": datetime(2026, 11, 2, 10, seq % 60, tzinfo=UTC),
        "recorded_at": datetime(2026, 11, 2, 10, seq % 60, 1, tzinfo=UTC),
        "chat_id": -100,
        "message_id": seq,
        "version": 0,
        "sender_id": SUBJECT_ID,
        "restricted": False,
        "personal_data": False,
        "reason": "",
        "hash": f"{seq:064x}",
        "disposed": False,
        "text": text,
        "sender_name": "Margaret Thornton",
        "chat_title": "Councillors",
        **extra,
    }
    return EntryView(**values)  # type: ignore[arg-type]


VIEWS = [
    _view(1, "Hedge on Mill Lane, “urgent” — £25 ✓\nsecond line"),
    _view(2, '=HYPERLINK("http://example.com")', attachments=({"name": "plan.pdf"},)),
    _view(3, "", disposed=True, sender_name="", chat_title=""),
    _view(4, "You are all useless", restricted=True, reason="removed: abuse"),
]


def test_when_entries_are_written_as_csv_then_they_read_back_as_they_were() -> None:
    out = io.StringIO(newline="")
    assert write_csv(VIEWS, out, zone=LONDON) == len(VIEWS)
    rows = list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
    assert tuple(rows[0]) == CSV_COLUMNS
    for row, view in zip(rows, VIEWS, strict=True):
        expected = view.as_dict()
        assert int(row["seq"]) == expected["seq"]
        assert row["hash"] == expected["hash"]
        assert row["occurred_at"] == expected["occurred_at"]
        assert row["restricted"] == str(expected["restricted"])
        assert row["disposed"] == str(expected["disposed"])
    assert rows[0]["text"] == VIEWS[0].text
    assert rows[0]["local_time"] == "02/11/2026 10:01"
    assert json.loads(rows[1]["attachments"]) == [{"name": "plan.pdf"}]


def test_when_a_csv_cell_would_run_as_a_formula_then_it_is_written_as_text() -> None:
    out = io.StringIO(newline="")
    write_csv(VIEWS[1:2], out, zone=LONDON)
    row = next(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
    assert row["text"] == "'" + VIEWS[1].text
    assert row["chat_id"] == "-100"  # numbers are left alone


def test_when_entries_are_written_as_json_then_they_and_the_manifest_read_back() -> None:
    out = io.StringIO()
    assert write_json(VIEWS, out, header=HEADER) == len(VIEWS)
    document = json.loads(out.getvalue())
    assert document["council"] == COUNCIL_NAME
    assert (document["from"], document["to"], document["time_zone"]) == (
        "2026-11-01",
        "2026-11-30",
        "Europe/London",
    )
    entries = document["entries"]
    assert [{k: v for k, v in e.items() if k != "local_time"} for e in entries] == [
        v.as_dict() for v in VIEWS
    ]
    assert document["manifest"] == {**MANIFEST.as_dict(), "entries": len(VIEWS)}


def test_when_there_are_no_entries_then_the_json_is_still_a_valid_document() -> None:
    out = io.StringIO()
    assert write_json([], out, header=HEADER) == 0
    assert json.loads(out.getvalue())["entries"] == []


def pdf_text(data: bytes) -> str:
    """The text a PDF draws, from its (deflated) content streams: one line per text object."""
    lines: list[str] = []
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.DOTALL):
        raw = match.group(1)
        try:
            raw = zlib.decompress(raw)
        except zlib.error:
            continue
        for block in re.findall(rb"BT(.*?)ET", raw, re.DOTALL):
            strings = re.findall(rb"\(((?:\\.|[^\\)])*)\)\s*Tj", block)
            if strings:
                text = b"".join(re.sub(rb"\\(.)", rb"\1", s) for s in strings)
                lines.append(text.decode("cp1252"))
    return "\n".join(lines)


def _pdf(views: list[EntryView], header: ExportHeader = HEADER) -> tuple[int, str]:
    out = io.BytesIO()
    count = write_pdf(views, out, header=header)
    data = out.getvalue()
    assert data.startswith(b"%PDF-")
    return count, pdf_text(data)


def test_when_a_pdf_is_written_then_it_names_the_council_and_period_and_numbers_pages() -> None:
    many = [_view(n, f"Entry number {n} about the village hall roof.") for n in range(1, 120)]
    count, text = _pdf(many)
    assert count == len(many)
    assert COUNCIL_NAME in text
    assert "01/11/2026 to 30/11/2026" in text
    pages = re.findall(r"Page (\d+) of (\d+)", text)
    assert len(pages) > 2
    assert {total for _, total in pages} == {str(len(pages))}
    assert [int(page) for page, _ in pages] == list(range(1, len(pages) + 1))


def test_when_a_pdf_is_written_then_it_ends_with_the_hash_manifest() -> None:
    _, text = _pdf(VIEWS)
    manifest = text[text.index("Hash manifest") :]
    assert "Chain verified when this export was made: intact." in manifest
    assert HEAD in manifest
    for view in VIEWS:
        assert view.hash in manifest


def test_when_the_chain_is_broken_then_the_pdf_manifest_says_so() -> None:
    broken = Manifest(head_seq=9, head_hash=HEAD, intact=False, verified=3, problem="entry 3")
    header = ExportHeader(
        council=COUNCIL_NAME, start=HEADER.start, end=HEADER.end, zone=LONDON, manifest=broken
    )
    _, text = _pdf(VIEWS, header)
    assert "BROKEN (entry 3)" in text


def test_when_a_pdf_has_text_its_font_lacks_then_it_is_replaced_not_an_error() -> None:
    _, text = _pdf([_view(1, "Meeting 🎉 Привет — “quotes” £5 café")])
    assert "Meeting ? ?????? — “quotes” £5 café" in text


def test_when_an_entry_is_disposed_or_restricted_then_the_pdf_says_so() -> None:
    _, text = _pdf(VIEWS)
    assert "disposed of under the retention schedule" in text
    assert "RESTRICTED (removed: abuse)" in text


THIRD_PARTY_TEXT = "Margaret Thornton rang about John Williams and his hedge, on 07911 123456"


def test_when_redacting_for_a_subject_then_their_name_stays_and_others_data_goes(
    engine: PolicyEngine,
) -> None:
    redactor = Redactor(engine, subject=Subject(SUBJECT_ID, ("margaret thornton", "maggie")))
    ours = redactor(_view(1, THIRD_PARTY_TEXT))
    assert ours.text == "Margaret Thornton rang about <PERSON> and his hedge, on <PHONE_NUMBER>"
    assert (ours.sender_name, ours.sender_id) == ("Margaret Thornton", SUBJECT_ID)
    theirs = redactor(_view(2, "Maggie called. Sarah Jones called too.", sender_id=77,
                            sender_name="Sarah Jones"))  # fmt: skip
    assert theirs.text == "Maggie called. <PERSON> called too."
    assert (theirs.sender_name, theirs.sender_id) == (THIRD_PARTY, None)


def test_when_redacting_without_a_subject_then_every_name_is_a_third_party(
    engine: PolicyEngine,
) -> None:
    redacted = Redactor(engine)(_view(1, THIRD_PARTY_TEXT))
    assert redacted.text == "<PERSON> rang about <PERSON> and his hedge, on <PHONE_NUMBER>"
    assert redacted.sender_name == THIRD_PARTY


# the export service --------------------------------------------------------------------

COUNCIL = CouncilFile.model_validate(
    {
        "council": {"name": COUNCIL_NAME},
        "members": [{"telegram_id": SUBJECT_ID, "name": "Helen Moss", "aliases": ["Nell"]}],
    }
)


@pytest.fixture
def exporter(database: Database, engine: PolicyEngine) -> ExportService:
    record = RecordService(database)
    entries = [
        NewEntry(
            kind="message",
            occurred_at=datetime(2026, 11, day, 12, tzinfo=UTC),
            text=f"Day {day}: Nell spoke to Mrs Thornton",
            sender_id=1000 + day,
            sender_name=f"Sender {day}",
            chat_id=-100,
            chat_title="Councillors",
            message_id=day,
        )
        for day in range(1, 11)
    ]
    database.call(lambda session: record.append_all_in(session, entries))
    search = SearchService(database, COUNCIL)
    return ExportService(database, COUNCIL, search=search, record=record, engine=engine)


def test_when_the_clerk_exports_a_period_then_only_its_days_are_written_oldest_first(
    exporter: ExportService, tmp_path: Path
) -> None:
    path = tmp_path / "out.json"
    request = ExportRequest(start=date(2026, 11, 3), end=date(2026, 11, 5), form=ExportFormat.JSON)
    outcome = exporter.export(request, Viewer.member(1, Role.CLERK), path)
    document = json.loads(path.read_text(encoding="utf-8"))
    assert [e["seq"] for e in document["entries"]] == [3, 4, 5]
    assert outcome.entries == 3
    assert (outcome.manifest.head_seq, outcome.manifest.intact) == (10, True)


def test_when_a_redacted_subject_export_is_made_then_the_subject_stays_and_others_go(
    exporter: ExportService, tmp_path: Path
) -> None:
    path = tmp_path / "sar.csv"
    request = ExportRequest(
        start=date(2026, 11, 1), end=date(2026, 11, 2), person="Helen Moss", redact=True
    )
    exporter.export(request, Viewer.command_line("clerk"), path)
    rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    assert [row["text"] for row in rows] == [
        "Day 1: Nell spoke to <PERSON>",
        "Day 2: Nell spoke to <PERSON>",
    ]
    assert {row["sender_name"] for row in rows} == {THIRD_PARTY}


@pytest.mark.parametrize("role", [Role.CHAIR, Role.VICE_CHAIR, Role.COUNCILLOR])
def test_when_someone_other_than_a_clerk_exports_then_it_is_refused_and_nothing_written(
    exporter: ExportService, tmp_path: Path, role: Role
) -> None:
    path = tmp_path / "out.csv"
    request = ExportRequest(start=date(2026, 11, 1), end=date(2026, 11, 30))
    with pytest.raises(ExportError, match="Clerk"):
        exporter.export(request, Viewer.member(2, role), path)
    assert not path.exists()


def test_when_the_file_exists_then_it_is_kept_unless_overwrite_is_asked(
    exporter: ExportService, tmp_path: Path
) -> None:
    path = tmp_path / "out.csv"
    path.write_text("keep me", encoding="utf-8")
    request = ExportRequest(start=date(2026, 11, 1), end=date(2026, 11, 30))
    clerk = Viewer.member(1, Role.CLERK)
    with pytest.raises(ExportError, match="already exists"):
        exporter.export(request, clerk, path)
    assert path.read_text(encoding="utf-8") == "keep me"
    assert exporter.export(request, clerk, path, overwrite=True).entries == 10
