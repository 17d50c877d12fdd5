"""An entry of the record as people read it: decoded from its stored row. Pure data.

Search, export and digests all read entries through :func:`view_of`, so what an entry says is
decided in one place (a disposed entry reads as a tombstone; a restricted one says so).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class EntryView:
    """One entry: its header, and its content unless it was disposed of."""

    seq: int
    kind: str  # message | edit | removed | note | meeting
    occurred_at: datetime
    recorded_at: datetime
    chat_id: int | None
    message_id: int | None
    version: int
    sender_id: int | None
    restricted: bool
    personal_data: bool
    reason: str
    hash: str
    disposed: bool
    text: str = ""
    sender_name: str = ""
    chat_title: str = ""
    attachments: tuple[dict[str, Any], ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """The entry as JSON-ready data (moments in ISO 8601 UTC)."""
        return {
            "seq": self.seq,
            "kind": self.kind,
            "occurred_at": self.occurred_at.isoformat(),
            "recorded_at": self.recorded_at.isoformat(),
            "chat_id": self.chat_id,
            "chat_title": self.chat_title,
            "message_id": self.message_id,
            "version": self.version,
            "sender_id": self.sender_id,
            "sender_name": self.sender_name,
            "text": self.text,
            "attachments": list(self.attachments),
            "restricted": self.restricted,
            "personal_data": self.personal_data,
            "reason": self.reason,
            "disposed": self.disposed,
            "hash": self.hash,
        }


def view_of(row: Any) -> EntryView:
    """The view of a stored ``RecordEntry`` (an ORM object or a row with the same names)."""
    content: dict[str, Any] = json.loads(row.content) if row.content is not None else {}
    return EntryView(
        seq=int(row.seq),
        kind=row.kind,
        occurred_at=row.occurred_at,
        recorded_at=row.recorded_at,
        chat_id=row.chat_telegram_id,
        message_id=row.message_id,
        version=int(row.version),
        sender_id=row.sender_telegram_id,
        restricted=bool(row.restricted),
        personal_data=bool(row.personal_data),
        reason=row.reason,
        hash=row.hash,
        disposed=row.content is None,
        text=str(content.get("text", "")),
        sender_name=str(content.get("sender_name", "")),
        chat_title=str(content.get("chat_title", "")),
        attachments=tuple(content.get("attachments", ())),
    )
