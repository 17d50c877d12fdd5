"""A lone UTF-16 surrogate (``"\\ud800"``, which Telegram's JSON can carry) cannot break the record.

Python reads ``\\ud800`` into a string no database driver, hash or file can encode, so the
record write raised and the entry was lost. The record stores it as U+FFFD instead, at its
boundary (:class:`NewEntry`), and search, export, the spool and the digest all handle it.
Run on SQLite and, with ``TEST_DATABASE_URL``, on PostgreSQL.
"""

from __future__ import annotations

import csv
import json
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from chatbot.core.access import Role
from chatbot.council.file import CouncilFile
from chatbot.db.database import Database
from chatbot.db.models import RecordEntry
from chatbot.record.digest import compose_digest, digest_file
from chatbot.record.export import ExportFormat
from chatbot.record.export_service import ExportRequest, ExportService
from chatbot.record.search import SearchQuery, SearchService, Viewer
from chatbot.record.service import NewEntry, RecordService
from chatbot.record.spool import Spool
from chatbot.record.view import view_of
from policy_checks import PolicyEngine

LONDON = ZoneInfo("Europe/London")
LONE = "\ud800"
COUNCIL = CouncilFile.model_validate({"council": {"name": "Barton-le-Clay Parish Council"}})
CLERK = Viewer.member(1001, Role.CLERK)


def _entry(message_id: int = 1) -> NewEntry:
    return NewEntry(
        kind="message",
        occurred_at=datetime(2026, 11, 2, 10, tzinfo=UTC),
        text=f"Hedge{LONE} on Mill Lane \udfff and a pair \ud83d\ude00",
        sender_name=f"Helen{LONE}",
        sender_id=1004,
        chat_id=-100,
        chat_title=f"Councillors{LONE}",
        message_id=message_id,
        attachments=({"name": f"plan{LONE}.pdf", "kind": "document"},),
        people=(f"Mrs{LONE} Thornton",),
    )


def _encodable(value: object) -> bool:
    json.dumps(value, ensure_ascii=False).encode("utf-8")
    return True


def test_when_an_entry_has_lone_surrogates_then_they_become_replacement_characters() -> None:
    entry = _entry()
    assert entry.text == "Hedge\ufffd on Mill Lane \ufffd and a pair \U0001f600"
    assert (entry.sender_name, entry.chat_title) == ("Helen\ufffd", "Councillors\ufffd")
    assert entry.attachments == ({"name": "plan\ufffd.pdf", "kind": "document"},)
    assert entry.people == ("Mrs\ufffd Thornton",)


async def test_when_a_message_has_a_lone_surrogate_then_it_is_recorded_and_the_chain_verifies(
    database: Database,
) -> None:
    record = RecordService(database)
    seq = await record.append(_entry())
    assert seq == 1
    stored = database.call(lambda s: view_of(s.scalars(select(RecordEntry)).one()))
    assert stored.text.startswith("Hedge\ufffd on Mill Lane")
    assert record.verify().intact


async def test_when_the_record_holds_one_then_search_export_and_digest_do_not_raise(
    database: Database, engine: PolicyEngine, tmp_path: Path
) -> None:
    record = RecordService(database)
    await record.append(_entry())
    search = SearchService(database, COUNCIL)
    found = await search.search(SearchQuery(words=(f"hedge{LONE}",)), CLERK)  # as typed
    assert [hit.entry.seq for hit in found.hits] == [1]
    found = await search.search(SearchQuery(person=f"Mrs{LONE} Thornton"), CLERK)
    assert [hit.entry.seq for hit in found.hits] == [1]
    exporter = ExportService(database, COUNCIL, search=search, record=record, engine=engine)
    for form in ExportFormat:
        path = tmp_path / f"out.{form.value}"
        request = ExportRequest(
            start=date(2026, 11, 1), end=date(2026, 11, 30), form=form, redact=True
        )
        assert exporter.export(request, CLERK, path).entries == 1
    rows = list(csv.DictReader((tmp_path / "out.csv").open(encoding="utf-8", newline="")))
    assert "\ufffd" in rows[0]["text"]
    views = database.call(lambda s: [view_of(r) for r in s.scalars(select(RecordEntry))])
    slot = date(2026, 11, 2)
    assert digest_file(views, slot=slot, zone=LONDON, chat_titles={}).content
    digest = compose_digest(
        views,
        council_name="Barton-le-Clay Parish Council",
        slot=slot,
        zone=LONDON,
        from_seq=1,
        upto_seq=1,
        head_hash="0" * 64,
        inline_limit=30,
    )
    assert _encodable(digest.text)


def test_when_an_entry_with_a_lone_surrogate_is_spooled_then_it_reads_back(tmp_path: Path) -> None:
    spool = Spool(tmp_path / "spool")
    path = spool.put(_entry())
    assert json.loads(path.read_bytes().decode("utf-8"))["text"].startswith("Hedge\ufffd")
    assert Spool.read(path) == _entry()


def test_when_a_spool_file_holds_an_escaped_lone_surrogate_then_it_is_read_safely(
    tmp_path: Path,
) -> None:
    spool = Spool(tmp_path / "spool")
    path = spool.put(_entry())
    raw = path.read_text(encoding="utf-8").replace("Hedge\ufffd", "Hedge\\ud800")
    path.write_text(raw, encoding="utf-8")  # as an older version, or a hand edit, left it
    assert Spool.read(path).text.startswith("Hedge\ufffd")


@pytest.mark.parametrize("text", [LONE, f"{LONE}{LONE}", "\udc00x", f"x{LONE}"])
def test_when_text_is_only_or_mostly_surrogates_then_the_entry_is_still_storable(
    text: str,
) -> None:
    entry = NewEntry(kind="note", occurred_at=datetime(2026, 11, 2, tzinfo=UTC), text=text)
    assert _encodable(entry.text)
    assert "\ufffd" in entry.text
