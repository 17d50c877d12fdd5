"""The spool: entries written while the database is unreachable, replayed when it returns."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from chatbot.db.database import Database, DatabaseError
from chatbot.db.models import RecordEntry, RecordFile
from chatbot.record.entry import NewEntry, StoredFile, from_json, to_json
from chatbot.record.service import RecordService
from chatbot.record.spool import Spool

WHEN = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)
UNREACHABLE = "postgresql+psycopg://postgres@127.0.0.1:1/nowhere?connect_timeout=1"


def note(n: int) -> NewEntry:
    return NewEntry(
        kind="note", occurred_at=WHEN, text=f"call {n} about the hedge", people=("Mr A",)
    )


def message(n: int) -> NewEntry:
    return NewEntry(
        kind="message", occurred_at=WHEN, text=f"message {n}", sender_id=1004, chat_id=-100,
        message_id=n, files=(StoredFile("f1", "minutes.pdf", "application/pdf", b"%PDF-1.4 x"),),
    )  # fmt: skip


@given(
    text=st.text(max_size=200),
    sender=st.integers(min_value=-(2**53), max_value=2**53) | st.none(),
    data=st.binary(max_size=64),
)
def test_when_an_entry_is_serialised_for_the_spool_then_it_reads_back_equal(
    text: str, sender: int | None, data: bytes
) -> None:
    entry = NewEntry(
        kind="message", occurred_at=WHEN, text=text, sender_id=sender, chat_id=-1, message_id=7,
        attachments=({"kind": "document", "name": "a.pdf"},), mentioned_ids=(5,), people=("B",),
        files=(StoredFile("id", "a.pdf", "application/pdf", data),),
    )  # fmt: skip
    assert from_json(to_json(entry)) == entry


def test_when_entries_are_spooled_then_they_come_back_in_order(tmp_path: Path) -> None:
    spool = Spool(tmp_path / "spool")
    for n in range(5):
        spool.put(note(n))
    assert [Spool.read(p).text for p in spool.pending()] == [
        f"call {n} about the hedge" for n in range(5)
    ]
    assert not list((tmp_path / "spool").glob(".*.tmp"))


def test_when_a_spool_file_is_damaged_then_reading_it_says_so(tmp_path: Path) -> None:
    spool = Spool(tmp_path)
    path = spool.put(note(1))
    path.write_text('{"kind": "note"', encoding="utf-8")
    with pytest.raises(ValueError, match="unreadable spool file"):
        Spool.read(path)


async def test_when_the_database_is_down_then_entries_are_spooled_and_replayed_once(
    tmp_path: Path, database: Database
) -> None:
    spool = Spool(tmp_path / "spool")
    down = Database(UNREACHABLE)
    offline = RecordService(down, spool=spool)
    seqs = await asyncio.gather(*(offline.append(e) for e in [message(1), note(2), message(3)]))
    assert seqs == [None, None, None]
    assert len(spool.pending()) == 3
    # Still down: replay keeps everything spooled, and new entries queue behind it.
    assert await offline.replay_spool() == 0
    assert await offline.append(note(4)) is None
    down.dispose()

    online = RecordService(database, spool=spool)
    assert await online.replay_spool() == 4
    assert spool.pending() == []
    texts = [e.content or "" for e in _contents(database)]
    assert [t.split('"text":"')[1].split('"')[0] for t in texts] == [
        "message 1",
        "call 2 about the hedge",
        "message 3",
        "call 4 about the hedge",
    ]
    assert online.verify().intact
    stored = database.call(lambda s: [(f.name, f.size) for f in s.scalars(select(RecordFile))])
    assert stored == [("minutes.pdf", 10)]


async def test_when_a_replay_is_repeated_after_a_crash_then_nothing_is_recorded_twice(
    tmp_path: Path, database: Database
) -> None:
    spool = Spool(tmp_path / "spool")
    entries = [note(1), message(2)]
    for e in entries:
        spool.put(e)
    copies = [p.read_bytes() for p in spool.pending()]
    record = RecordService(database, spool=spool)
    assert await record.replay_spool() == 2
    # A crash between the commit and removing the files: the same files come back.
    for n, content in enumerate(copies):
        (spool.folder / f"{n:020d}-again.json").write_bytes(content)
    assert await record.replay_spool() == 2
    assert len(_contents(database)) == 2
    assert record.verify().intact


async def test_when_a_spool_file_is_unreadable_then_it_is_set_aside_not_lost(
    tmp_path: Path, database: Database
) -> None:
    spool = Spool(tmp_path / "spool")
    bad = spool.put(note(1))
    bad.write_text("not json", encoding="utf-8")
    spool.put(note(2))
    record = RecordService(database, spool=spool)
    assert await record.replay_spool() == 1
    assert (spool.folder / "unreadable" / bad.name).read_text(encoding="utf-8") == "not json"


async def test_when_there_is_no_spool_then_a_database_outage_is_raised() -> None:
    down = Database(UNREACHABLE)
    with pytest.raises(DatabaseError):
        await RecordService(down).append(note(1))
    down.dispose()


def _contents(database: Database) -> list[RecordEntry]:
    return database.call(lambda s: list(s.scalars(select(RecordEntry).order_by(RecordEntry.seq))))


async def test_when_replays_run_at_the_same_time_then_each_entry_is_written_once_none_set_aside(
    tmp_path: Path, database: Database
) -> None:
    spool = Spool(tmp_path / "spool")
    for n in range(1, 301):
        spool.put(note(n))
    record = RecordService(database, spool=spool)
    written = await asyncio.gather(*(record.replay_spool() for _ in range(4)))
    assert sum(written) == 300
    assert len(_contents(database)) == 300
    assert not (spool.folder / "unreadable").exists()
    assert spool.pending() == []
    assert record.verify().intact
