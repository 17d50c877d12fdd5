"""The Clerk's official record: append entries to the hash chain, and verify it.

Appends are serialised by locking the chain's head row (``UPDATE … RETURNING``), so two writers,
even in two processes on PostgreSQL, can never fork the chain: the second waits for the first.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Final

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from chatbot.db.base import utcnow
from chatbot.db.database import Database
from chatbot.db.models import RecordEntry, RecordHead, RecordPerson
from chatbot.events import MessageEvent
from chatbot.record.chain import (
    GENESIS,
    ChainEntry,
    Verification,
    canonical,
    content_hash,
    entry_hash,
    iso_utc,
    verify,
)

_SALT_BYTES: Final[int] = 16
_HEAD_ID: Final[int] = 1
_BATCH: Final[int] = 2000


@dataclass(frozen=True, slots=True)
class NewEntry:
    """Something to put on the record."""

    kind: str  # message | edit | removed | note | meeting
    occurred_at: datetime
    text: str
    sender_name: str = ""
    sender_id: int | None = None
    chat_id: int | None = None
    chat_title: str = ""
    message_id: int | None = None
    version: int = 0
    restricted: bool = False
    personal_data: bool = False
    reason: str = ""
    attachments: tuple[dict[str, Any], ...] = field(default=())
    mentioned_ids: tuple[int, ...] = ()  # Telegram users the entry mentions
    people: tuple[str, ...] = ()  # other people it is about, by name (a note's "who")

    @classmethod
    def from_message(
        cls, event: MessageEvent, *, removed_for: tuple[str, ...] = (), personal_data: bool = False
    ) -> NewEntry:
        """The record entry for a group message (a removed post is kept, access restricted)."""
        kind = "removed" if removed_for else "edit" if event.edited else "message"
        return cls(
            kind=kind,
            occurred_at=event.date,
            text=event.text,
            sender_name=event.sender_name,
            sender_id=event.sender_id,
            chat_id=event.chat_id,
            chat_title=event.chat_title,
            message_id=event.message_id,
            version=event.version,
            restricted=bool(removed_for),
            personal_data=personal_data,
            reason=",".join(removed_for),
            mentioned_ids=tuple(sorted(event.mentioned_ids)),
        )


OFFICIAL_TAG: Final[str] = "official"


def is_official(event: MessageEvent, *, chat_official: bool, clerk_ids: set[int]) -> bool:
    """Whether a group message belongs on the record: the one place this is decided.

    Every message of an official chat; elsewhere, a message tagged ``#official`` or one that
    copies the Clerk in (mentions them, or replies to them) — the policy's "copied to the Clerk".
    """
    return (
        chat_official
        or OFFICIAL_TAG in event.hashtags
        or bool(event.mentioned_ids & clerk_ids)
        or event.reply_to_sender_id in clerk_ids
    )


def record_type(kind: str) -> str:
    """The retention type of an entry of ``kind`` (see ``[record.retention]``)."""
    return {"note": "note", "removed": "removed", "meeting": "meeting_chat"}.get(
        kind, "correspondence"
    )


def fold_name(name: str) -> str:
    """A name as the people index keeps it: case-folded, single spaces."""
    return " ".join(name.casefold().split())


def person_by_id(telegram_id: int) -> str:
    """The people-index key of a Telegram user."""
    return f"tg:{telegram_id}"


def person_by_name(name: str) -> str:
    """The people-index key of a name."""
    return f"name:{fold_name(name)}"[:255]


def _people(entry: NewEntry) -> list[tuple[str, str]]:
    people: list[tuple[str, str]] = []
    if entry.sender_id is not None:
        people.append((person_by_id(entry.sender_id), "sender"))
    if entry.sender_name.strip():
        people.append((person_by_name(entry.sender_name), "sender"))
    people += [(person_by_id(i), "mentioned") for i in entry.mentioned_ids]
    people += [(person_by_name(n), "mentioned") for n in entry.people if n.strip()]
    return list(dict.fromkeys(people))


def search_text(entry: NewEntry) -> str:
    """What text search looks in: the text, sender, chat and attachment names, lower case."""
    names = [str(a.get("name", "")) for a in entry.attachments]
    return "\n".join([entry.text, entry.sender_name, entry.chat_title, *names]).casefold()


def _content(entry: NewEntry) -> dict[str, Any]:
    return {
        "text": entry.text,
        "sender_name": entry.sender_name,
        "chat_title": entry.chat_title,
        "attachments": list(entry.attachments),
    }


def header_of(row: Any) -> dict[str, Any]:
    """The hashed header of a stored entry (an ORM object or a plain row)."""
    return {
        "seq": row.seq,
        "kind": row.kind,
        "chat": row.chat_telegram_id,
        "message": row.message_id,
        "version": row.version,
        "sender": row.sender_telegram_id,
        "occurred_at": iso_utc(row.occurred_at),
        "recorded_at": iso_utc(row.recorded_at),
        "restricted": row.restricted,
        "personal_data": row.personal_data,
        "reason": row.reason,
        "content_hash": row.content_hash,
    }


def _chain_entry(row: Any) -> ChainEntry:
    return ChainEntry(
        seq=row.seq,
        header=header_of(row),
        content=row.content.encode("utf-8") if row.content is not None else None,
        salt=row.salt,
        prev_hash=row.prev_hash,
        hash=row.hash,
    )


class RecordService:
    """Appends to and verifies the official record."""

    def __init__(self, database: Database, *, clock: Callable[[], datetime] = utcnow) -> None:
        self._db = database
        self._clock = clock

    def append_in(self, session: Session, entry: NewEntry) -> RecordEntry:
        """Append ``entry`` within the caller's transaction; returns the stored row."""
        seq, previous = session.execute(
            update(RecordHead)
            .where(RecordHead.id == _HEAD_ID)
            .values(seq=RecordHead.seq + 1)
            .returning(RecordHead.seq, RecordHead.hash)
        ).one()
        content = canonical(_content(entry))
        salt = secrets.token_hex(_SALT_BYTES)
        row = RecordEntry(
            seq=seq,
            kind=entry.kind,
            chat_telegram_id=entry.chat_id,
            message_id=entry.message_id,
            version=entry.version,
            sender_telegram_id=entry.sender_id,
            occurred_at=entry.occurred_at,
            recorded_at=self._clock(),
            restricted=entry.restricted,
            personal_data=entry.personal_data,
            reason=entry.reason,
            content=content.decode("utf-8"),
            salt=salt,
            content_hash=content_hash(salt, content),
            prev_hash=previous,
            hash="",
            search_text=search_text(entry),
        )
        row.hash = entry_hash(previous, header_of(row))
        session.add(row)
        session.add_all(RecordPerson(seq=seq, person=k, role=r) for k, r in _people(entry))
        session.execute(update(RecordHead).where(RecordHead.id == _HEAD_ID).values(hash=row.hash))
        return row

    async def append(self, entry: NewEntry) -> int:
        """Append one entry; returns its sequence number.

        A message already on the record in this version (an update delivered again after a
        restart) is not appended twice; its existing sequence number is returned.
        """

        def work(session: Session) -> int:
            if entry.chat_id is not None and entry.message_id is not None:
                existing = session.scalar(
                    select(RecordEntry.seq).where(
                        RecordEntry.chat_telegram_id == entry.chat_id,
                        RecordEntry.message_id == entry.message_id,
                        RecordEntry.version == entry.version,
                    )
                )
                if existing is not None:
                    return int(existing)
            return self.append_in(session, entry).seq

        return await self._db.run(work)

    def verify(self, *, tail: int | None = None) -> Verification:
        """Verify the chain against its head: all of it, or only its last ``tail`` entries."""

        def work(session: Session) -> Verification:
            head = session.get_one(RecordHead, _HEAD_ID)
            start = max(1, head.seq - tail + 1) if tail else 1
            first = session.get(RecordEntry, start) if start > 1 else None
            return verify(
                _entries(session, start),
                head_seq=head.seq,
                head_hash=head.hash,
                start_seq=start,
                start_hash=first.prev_hash if first is not None else GENESIS,
            )

        return self._db.call(work)


def _entries(session: Session, start: int = 1) -> Iterator[ChainEntry]:
    # Plain rows, not ORM objects: verification reads every entry once, and fast.
    columns = RecordEntry.__table__.columns
    rows = session.execute(
        select(*columns)
        .where(RecordEntry.seq >= start)
        .order_by(RecordEntry.seq)
        .execution_options(yield_per=_BATCH)
    )
    for row in rows:
        yield _chain_entry(row)
