from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import update

from chatbot.db.database import Database
from chatbot.db.models import RecordEntry
from chatbot.record.service import NewEntry, RecordService
from chatbot.record.view import view_of

WHEN = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)


async def test_when_an_entry_is_read_back_then_its_view_says_what_was_recorded(
    database: Database,
) -> None:
    record = RecordService(database)
    attachment = {"kind": "document", "name": "agenda.pdf", "size": 10}
    await record.append(
        NewEntry(
            kind="removed", occurred_at=WHEN, text="Ring me on 07911 123456", sender_id=1004,
            sender_name="Helen Moss", chat_id=-100, chat_title="Councillors", message_id=7,
            restricted=True, personal_data=True, reason="personal_data",
            attachments=(attachment,),
        )
    )  # fmt: skip
    view = database.call(lambda s: view_of(s.get_one(RecordEntry, 1)))
    assert (view.seq, view.kind, view.occurred_at, view.chat_id, view.message_id) == (
        1, "removed", WHEN, -100, 7,
    )  # fmt: skip
    assert (view.text, view.sender_name, view.chat_title) == (
        "Ring me on 07911 123456", "Helen Moss", "Councillors",
    )  # fmt: skip
    assert (view.restricted, view.personal_data, view.reason, view.disposed) == (
        True, True, "personal_data", False,
    )  # fmt: skip
    assert view.attachments == (attachment,)
    assert view.as_dict()["occurred_at"] == "2026-11-02T10:00:00+00:00"


async def test_when_an_entry_was_disposed_then_its_view_is_a_tombstone(database: Database) -> None:
    record = RecordService(database)
    await record.append(NewEntry(kind="note", occurred_at=WHEN, text="call", sender_name="A"))
    database.call(
        lambda s: s.execute(update(RecordEntry).values(content=None, salt=None, disposed_at=WHEN))
    )
    view = database.call(lambda s: view_of(s.get_one(RecordEntry, 1)))
    assert (view.disposed, view.text, view.sender_name, view.kind) == (True, "", "", "note")
    assert len(view.hash) == 64
