"""The record on disk is private: spool files and exports are ``0600`` under a ``022`` umask."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from chatbot.council.file import CouncilFile
from chatbot.db.database import Database
from chatbot.record.export import ExportFormat
from chatbot.record.export_service import ExportRequest, ExportService
from chatbot.record.search import SearchService, Viewer
from chatbot.record.service import NewEntry, RecordService
from chatbot.record.spool import Spool

OPEN_UMASK = 0o022
COUNCIL = CouncilFile.model_validate({"council": {"name": "Barton-le-Clay Parish Council"}})


@pytest.fixture(autouse=True)
def open_umask() -> Iterator[None]:
    previous = os.umask(OPEN_UMASK)
    yield
    os.umask(previous)


def _mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def _entry(day: int = 2) -> NewEntry:
    return NewEntry(
        kind="message",
        occurred_at=datetime(2026, 11, day, 12, tzinfo=UTC),
        text="Mrs Thornton of 14 Mill Lane rang",
        chat_id=-100,
        message_id=day,
    )


def test_when_entries_are_spooled_then_the_folder_is_0700_and_each_file_0600(
    tmp_path: Path,
) -> None:
    spool = Spool(tmp_path / "spool")
    path = spool.put(_entry())
    assert _mode(spool.folder) == 0o700
    assert _mode(path) == 0o600
    damaged = spool.put(_entry(3))
    damaged.write_text("not json", encoding="utf-8")
    kept = spool.quarantine(damaged)
    assert (_mode(kept.parent), _mode(kept)) == (0o700, 0o600)


def test_when_the_spool_folder_was_left_open_then_spooling_closes_it(tmp_path: Path) -> None:
    folder = tmp_path / "spool"
    folder.mkdir(mode=0o755)
    Spool(folder).put(_entry())
    assert _mode(folder) == 0o700


@pytest.mark.parametrize("form", list(ExportFormat))
def test_when_the_record_is_exported_then_the_file_is_0600(
    database: Database, tmp_path: Path, form: ExportFormat
) -> None:
    record = RecordService(database)
    database.call(lambda session: record.append_all_in(session, [_entry()]))
    exporter = ExportService(
        database, COUNCIL, search=SearchService(database, COUNCIL), record=record
    )
    path = tmp_path / f"export.{form.value}"
    request = ExportRequest(start=date(2026, 11, 1), end=date(2026, 11, 30), form=form)
    assert exporter.export(request, Viewer.command_line("clerk"), path).entries == 1
    assert _mode(path) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("export")) == [path.name]
