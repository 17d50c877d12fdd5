"""An entry the database refuses for good must not hold back the spool behind it."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from chatbot.db.database import Database
from chatbot.record.service import NewEntry, RecordService
from chatbot.record.spool import Spool


def _entry(message_id: int, *, kind: str = "message") -> NewEntry:
    return NewEntry(
        kind=kind,
        occurred_at=datetime(2026, 12, 1, tzinfo=UTC),
        text=f"message {message_id}",
        sender_name="Helen Moss",
        sender_id=1004,
        chat_id=-100,
        chat_title="Councillors",
        message_id=message_id,
    )


async def test_when_a_spooled_entry_is_refused_by_a_reachable_database_then_it_is_set_aside(
    tmp_path: Path, database: Database
) -> None:
    if database.url.startswith("sqlite"):
        pytest.skip("SQLite does not enforce column lengths: nothing here is refused")
    spool = Spool(tmp_path / "spool")
    spool.put(_entry(1))
    spool.put(_entry(2, kind="k" * 40))  # longer than the kind column: refused, not an outage
    spool.put(_entry(3))
    record = RecordService(database, spool=spool)
    assert await record.replay_spool() == 2
    assert not spool.pending()
    assert len(list((tmp_path / "spool" / "unreadable").glob("*.json"))) == 1  # kept, not lost
    assert await record.append(_entry(4)) == 3  # later entries go straight to the record
    assert record.verify().intact
