"""The Clerk's official record: append entries to the hash chain, and verify it.

Appends are serialised by locking the chain's head row (a write to it is the transaction's first
statement), so two writers, even in two processes on PostgreSQL, can never fork the chain: the
second waits for the first. Within the process, appends that arrive together are written in one
transaction (group commit). While the database is unreachable, entries go to a durable spool
and are written, in order, when it returns.
"""

from __future__ import annotations

import asyncio
import logging
import re
import secrets
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from functools import partial
from json.encoder import encode_basestring
from typing import Any, Final

from sqlalchemy import String, insert, select, type_coerce, update
from sqlalchemy.orm import Session

from chatbot.core.events import MessageEvent
from chatbot.core.progress import SILENT, Meter, counted
from chatbot.db.base import utcnow
from chatbot.db.database import Database, DatabaseError
from chatbot.db.models import RecordEntry, RecordFile, RecordHead, RecordPerson
from chatbot.record.chain import (
    GENESIS,
    ChainEntry,
    Verification,
    canonical,
    content_hash,
    header_hash,
    iso_utc,
    verify,
)
from chatbot.record.entry import NewEntry, StoredFile
from chatbot.record.spool import Spool

__all__ = ["NewEntry", "RecordService", "StoredFile", "is_official"]

logger = logging.getLogger(__name__)

_SALT_BYTES: Final[int] = 16
_HEAD_ID: Final[int] = 1
_BATCH: Final[int] = 2000
GROUP_COMMIT_MAX: Final[int] = 500


OFFICIAL_TAG: Final[str] = "official"
_NUL: Final[str] = "\x00"


def is_official(event: MessageEvent, *, chat_official: bool, clerk_ids: set[int]) -> bool:
    """Whether a group message belongs on the record: the one place this is decided.

    Every message of an official chat; elsewhere, a message tagged ``#official`` or one that
    copies the Clerk in (mentions them, or replies to them) — the policy's "copied to the Clerk".
    A bot command (``/help``) is said to the bot, not to the council: it is never recorded.
    """
    if event.command is not None:
        return False
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
    """A name as the people index keeps it: case-folded, single spaces (no NUL: see below)."""
    return " ".join(name.replace(_NUL, "").casefold().split())


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
    """What text search looks in: the text, sender, chat and attachment names, lower case.

    Without NUL characters: PostgreSQL refuses them in text columns, and an entry that could
    not be written would wait in the spool for ever, holding back every entry after it. (The
    hashed content is JSON, where a NUL is escaped, so it is kept there.)
    """
    names = [str(a.get("name", "")) for a in entry.attachments]
    text = "\n".join([entry.text, entry.sender_name, entry.chat_title, *names])
    return text.replace(_NUL, "").casefold()


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


_SQLITE_MOMENT: Final = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6}")


def _iso(value: datetime | str) -> str:
    if isinstance(value, str):
        # SQLite's stored text for a UTC moment, read as it is (verification's fast path).
        if not _SQLITE_MOMENT.fullmatch(value):
            raise ValueError("unexpected stored moment")
        return f"{value[:10]}T{value[11:]}+00:00"
    # The stored moments are read back in UTC already; iso_utc converts any other.
    return value.isoformat(timespec="microseconds") if value.tzinfo is UTC else iso_utc(value)


def _number(value: int | None) -> str:
    return "null" if value is None else str(int(value))


def header_bytes(row: Any) -> bytes:
    """``canonical(header_of(row))``, written out directly (a test checks they agree).

    Verification does this for every entry; this is several times faster than ``json.dumps``.
    """
    return _header(
        row.seq, row.kind, row.chat_telegram_id, row.message_id, row.version,
        row.sender_telegram_id, row.occurred_at, row.recorded_at, row.restricted,
        row.personal_data, row.reason, row.content_hash,
    )  # fmt: skip


def _header(  # noqa: PLR0917 - the header's fields, positionally, for speed
    seq: int,
    kind: str,
    chat: int | None,
    message: int | None,
    version: int,
    sender: int | None,
    occurred_at: datetime | str,
    recorded_at: datetime | str,
    restricted: bool,  # noqa: FBT001
    personal_data: bool,  # noqa: FBT001
    reason: str,
    hashed_content: str,
) -> bytes:
    return (
        f'{{"chat":{_number(chat)},'
        f'"content_hash":{encode_basestring(hashed_content)},'
        f'"kind":{encode_basestring(kind)},'
        f'"message":{_number(message)},'
        f'"occurred_at":"{_iso(occurred_at)}",'
        f'"personal_data":{"true" if personal_data else "false"},'
        f'"reason":{encode_basestring(reason)},'
        f'"recorded_at":"{_iso(recorded_at)}",'
        f'"restricted":{"true" if restricted else "false"},'
        f'"sender":{_number(sender)},'
        f'"seq":{int(seq)},'
        f'"version":{int(version)}}}'
    ).encode()


class RecordService:
    """Appends to and verifies the official record."""

    def __init__(
        self,
        database: Database,
        *,
        clock: Callable[[], datetime] = utcnow,
        spool: Spool | None = None,
    ) -> None:
        self._db = database
        self._clock = clock
        self.spool = spool
        self._waiting: list[tuple[NewEntry, asyncio.Future[int | None]]] = []
        self._writer: asyncio.Task[None] | None = None
        self._replaying = asyncio.Lock()

    @property
    def database(self) -> Database:
        """The database the record is kept in (for read-only views of it, such as the desk's)."""
        return self._db

    # writing ---------------------------------------------------------------------------

    def append_in(self, session: Session, entry: NewEntry) -> RecordEntry:
        """Append ``entry`` within the caller's transaction (no check for its key)."""
        return self._append_rows(session, [entry])[0]

    def append_all_in(self, session: Session, entries: Sequence[NewEntry]) -> list[int]:
        """Append ``entries`` in order within the caller's transaction; their sequence numbers.

        An entry whose key is already on the record (or earlier in ``entries``) is not
        appended again: its existing sequence number is returned.
        """
        # Lock the head first: a write, so concurrent writers queue here, before they look.
        session.execute(
            update(RecordHead).where(RecordHead.id == _HEAD_ID).values(seq=RecordHead.seq)
        )
        keys = [e.key for e in entries]
        known: dict[str, int] = {}
        for chunk in range(0, len(keys), _BATCH):
            rows = session.execute(
                select(RecordEntry.entry_key, RecordEntry.seq).where(
                    RecordEntry.entry_key.in_(keys[chunk : chunk + _BATCH])
                )
            )
            known.update({str(key): int(seq) for key, seq in rows})
        fresh: list[NewEntry] = []
        for entry in entries:
            if entry.key not in known and all(entry.key != f.key for f in fresh):
                fresh.append(entry)
        rows_by_key = {row.entry_key: row.seq for row in self._append_rows(session, fresh)}
        return [known.get(key) or rows_by_key[key] for key in keys]

    def _append_rows(self, session: Session, entries: Sequence[NewEntry]) -> list[RecordEntry]:
        if not entries:
            return []
        seq, previous = session.execute(
            update(RecordHead)
            .where(RecordHead.id == _HEAD_ID)
            .values(seq=RecordHead.seq + len(entries))
            .returning(RecordHead.seq, RecordHead.hash)
        ).one()
        seq -= len(entries)
        now = self._clock()
        rows: list[RecordEntry] = []
        people: list[dict[str, Any]] = []
        files: dict[str, StoredFile] = {}
        for entry in entries:
            seq += 1
            row = _new_row(entry, seq, previous, now)
            rows.append(row)
            previous = row.hash
            people += [{"seq": seq, "person": k, "role": r} for k, r in _people(entry)]
            files.update((f.sha256, f) for f in entry.files)
        session.add_all(rows)
        if people:
            session.execute(insert(RecordPerson), people)
        self._keep_files(session, files)
        session.execute(update(RecordHead).where(RecordHead.id == _HEAD_ID).values(hash=previous))
        session.flush()
        return rows

    @staticmethod
    def _keep_files(session: Session, files: dict[str, StoredFile]) -> None:
        if not files:
            return
        stored = set(
            session.scalars(select(RecordFile.sha256).where(RecordFile.sha256.in_(list(files))))
        )
        session.add_all(
            RecordFile(
                sha256=sha, name=f.name, mime_type=f.mime_type, size=len(f.data), data=f.data
            )
            for sha, f in files.items()
            if sha not in stored
        )

    async def append(self, entry: NewEntry) -> int | None:
        """Put ``entry`` on the record; its sequence number, or None if it was spooled.

        Appends that arrive while a write is in progress are written together in the next
        transaction. An entry already on the record (the same key) is not appended twice.
        If the database is unreachable the entry is spooled durably (when a spool is set)
        and written when the database returns; otherwise the error is raised.
        """
        future: asyncio.Future[int | None] = asyncio.get_running_loop().create_future()
        self._waiting.append((entry, future))
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._write_waiting())
        return await future

    async def _write_waiting(self) -> None:
        while self._waiting:
            batch = self._waiting[:GROUP_COMMIT_MAX]
            del self._waiting[:GROUP_COMMIT_MAX]
            entries = [entry for entry, _ in batch]
            try:
                results = await self._write(entries)
            except Exception as exc:  # noqa: BLE001 - handed to every waiting caller
                for _, future in batch:
                    if not future.done():
                        future.set_exception(exc)
                continue
            for (_, future), seq in zip(batch, results, strict=True):
                if not future.done():
                    future.set_result(seq)

    async def _write(self, entries: list[NewEntry]) -> list[int | None]:
        spool = self.spool
        if spool is not None and await asyncio.to_thread(spool.has_pending):
            # Entries are already waiting: keep the order, join the queue, then try to drain.
            await asyncio.to_thread(_spool_all, spool, entries)
            await self.replay_spool()
            return [None] * len(entries)
        try:
            return list(await self._db.run(partial(self.append_all_in, entries=entries)))
        except DatabaseError:
            if spool is None:
                raise
            logger.warning("database unavailable: %d record entries spooled", len(entries))
            await asyncio.to_thread(_spool_all, spool, entries)
            return [None] * len(entries)

    async def replay_spool(self) -> int:
        """Write spooled entries to the database, oldest first; how many were written.

        Stops quietly at the first database error (the entries stay spooled). An unreadable
        file is set aside and logged, never deleted. So is an entry the database refuses while
        it answers (a constraint, not an outage): it would otherwise wait for ever and hold
        back every entry after it.
        """
        spool = self.spool
        if spool is None:
            return 0
        # One replay at a time (the job, start-up and appends during an outage all replay):
        # two would read the same files and one would find the other's already removed.
        async with self._replaying:
            return await self._replay(spool)

    async def _replay(self, spool: Spool) -> int:
        written = 0
        while paths := (await asyncio.to_thread(spool.pending))[:GROUP_COMMIT_MAX]:
            entries: list[NewEntry] = []
            readable: list[Any] = []
            for path in paths:
                if not path.exists():
                    continue  # written and removed since it was listed
                try:
                    entries.append(spool.read(path))
                    readable.append(path)
                except ValueError:
                    logger.warning("spooled record entry unreadable, set aside: %s", path.name)
                    spool.quarantine(path)
            try:
                await self._db.run(partial(self.append_all_in, entries=entries))
            except DatabaseError:
                if not await self._reachable():
                    return written
                one_by_one = await self._replay_one_by_one(spool, readable, entries)
                if one_by_one is None:
                    return written
                written += one_by_one
                continue
            await asyncio.to_thread(spool.remove, readable)
            written += len(entries)
        if written:
            logger.info("replayed %d spooled record entries", written)
        return written

    async def _reachable(self) -> bool:
        try:
            await self._db.run(lambda session: session.execute(select(1)))
        except DatabaseError:
            return False
        return True

    async def _replay_one_by_one(
        self, spool: Spool, paths: list[Any], entries: list[NewEntry]
    ) -> int | None:
        """Write a refused batch entry by entry, setting aside what is refused; None if down."""
        written = 0
        for path, entry in zip(paths, entries, strict=True):
            try:
                await self._db.run(partial(self.append_all_in, entries=[entry]))
            except DatabaseError:
                if not await self._reachable():
                    return None
                # No traceback: the driver's message could quote the entry's content.
                logger.error(  # noqa: TRY400
                    "spooled record entry refused by the database, set aside: %s", path.name
                )
                await asyncio.to_thread(spool.quarantine, path)
                continue
            await asyncio.to_thread(spool.remove, [path])
            written += 1
        return written

    # verifying -------------------------------------------------------------------------

    def verify(self, *, tail: int | None = None, meter: Meter = SILENT) -> Verification:
        """Verify the chain against its head: all of it, or only its last ``tail`` entries.

        ``meter`` is told how many entries there are and counts them as they are checked.
        """

        def work(session: Session) -> Verification:
            head = session.get_one(RecordHead, _HEAD_ID)
            start = max(1, head.seq - tail + 1) if tail else 1
            first = session.get(RecordEntry, start) if start > 1 else None
            meter.start("Verifying the record", total=head.seq - start + 1)
            try:
                return verify(
                    counted(_entries(session, start), meter),
                    head_seq=head.seq,
                    head_hash=head.hash,
                    start_seq=start,
                    start_hash=first.prev_hash if first is not None else GENESIS,
                )
            finally:
                meter.finish()

        return self._db.call(work)


def _spool_all(spool: Spool, entries: list[NewEntry]) -> None:
    for entry in entries:
        spool.put(entry)


def _new_row(entry: NewEntry, seq: int, previous: str, now: datetime) -> RecordEntry:
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
        recorded_at=now,
        restricted=entry.restricted,
        personal_data=entry.personal_data,
        reason=entry.reason,
        content=content.decode("utf-8"),
        salt=salt,
        content_hash=content_hash(salt, content),
        prev_hash=previous,
        hash="",
        search_text=search_text(entry),
        entry_key=entry.key,
    )
    row.hash = header_hash(previous, header_bytes(row))
    return row


def _entries(session: Session, start: int = 1) -> Iterator[ChainEntry]:
    # Plain tuples, not ORM objects: verification reads every entry once, and fast. On
    # SQLite, moments are read as their stored text, which is cheaper than parsing them.
    e = RecordEntry
    raw = session.get_bind().dialect.name == "sqlite"
    occurred = type_coerce(e.occurred_at, String) if raw else e.occurred_at
    recorded = type_coerce(e.recorded_at, String) if raw else e.recorded_at
    columns = (
        e.seq, e.kind, e.chat_telegram_id, e.message_id, e.version, e.sender_telegram_id,
        occurred, recorded, e.restricted, e.personal_data, e.reason,
        e.content_hash, e.content, e.salt, e.prev_hash, e.hash,
    )  # fmt: skip
    rows = session.execute(
        select(*columns).where(e.seq >= start).order_by(e.seq).execution_options(yield_per=_BATCH)
    )
    for row in rows:
        *header, content, salt, prev_hash, hash_ = row
        yield ChainEntry(
            row[0],
            _header(*header),
            row[11],
            content.encode("utf-8") if content is not None else None,
            salt,
            prev_hash,
            hash_,
        )
