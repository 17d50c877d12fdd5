"""What is put on the record: a new entry, and the documents kept with it. Pure data."""

from __future__ import annotations

import base64
import hashlib
import re
import uuid
from dataclasses import dataclass
from datetime import datetime
from operator import attrgetter
from typing import Any, Final

from chatbot.core.events import MessageEvent

ENTRY_KINDS: Final[tuple[str, ...]] = ("message", "edit", "removed", "note", "meeting")
"""What an entry can be: a message, a new version of one, a removed post, a note, a meeting chat."""


@dataclass(frozen=True, slots=True)
class StoredFile:
    """A document kept with an entry, by its SHA-256."""

    file_id: str  # the platform's id of the attachment it belongs to
    name: str
    mime_type: str
    data: bytes

    @property
    def sha256(self) -> str:
        """The document's SHA-256, hex."""
        return hashlib.sha256(self.data).hexdigest()


_LONE_SURROGATE: Final = re.compile("[\ud800-\udfff]")


def valid_text(value: str) -> str:
    r"""``value`` as text that can be stored: each lone UTF-16 surrogate becomes U+FFFD.

    Telegram's JSON may carry an unpaired ``\ud800``; Python reads it into a string that no
    database driver, hash or file can encode as UTF-8, so the record write failed on it.
    """
    if value.isascii() or _LONE_SURROGATE.search(value) is None:  # isascii: a flag, O(1)
        return value
    # Through UTF-16: a proper pair becomes its character, a lone half the replacement one.
    return value.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def _valid(value: Any) -> Any:
    """JSON-like data (an attachment's description) with every string made valid."""
    if isinstance(value, str):
        return valid_text(value)
    if isinstance(value, dict):
        return {_valid(k): _valid(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_valid(v) for v in value)
    return value


_TEXT_FIELDS: Final = ("kind", "text", "sender_name", "chat_title", "reason", "key")
_texts_of: Final = attrgetter(*_TEXT_FIELDS)  # one C call for all six


def _make_valid(entry: NewEntry) -> None:
    """Make every text of ``entry`` storable (see :func:`valid_text`), in place."""
    if not "".join(_texts_of(entry)).isascii():  # nearly always ASCII: one test, no more work
        for name in _TEXT_FIELDS:
            object.__setattr__(entry, name, valid_text(getattr(entry, name)))
    # Rebuilt only when there is something to rebuild: every message is captured, few carry these.
    if entry.attachments:
        object.__setattr__(entry, "attachments", tuple(_valid(a) for a in entry.attachments))
    if entry.people:
        object.__setattr__(entry, "people", tuple(valid_text(p) for p in entry.people))
    if entry.files:
        files = tuple(
            StoredFile(valid_text(f.file_id), valid_text(f.name), valid_text(f.mime_type), f.data)
            for f in entry.files
        )
        object.__setattr__(entry, "files", files)


def _new_key() -> str:
    return f"uuid:{uuid.uuid4().hex}"


def message_key(chat_id: int, message_id: int, version: int) -> str:
    """The key of one version of a Telegram message: it is recorded at most once."""
    return f"tg:{chat_id}:{message_id}:{version}"


@dataclass(frozen=True, slots=True)
class NewEntry:
    """Something to put on the record.

    ``key`` identifies it: an entry whose key is already on the record is not appended again
    (an update delivered twice, a spooled entry replayed after a crash).
    """

    kind: str  # one of ENTRY_KINDS
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
    attachments: tuple[dict[str, Any], ...] = ()
    mentioned_ids: tuple[int, ...] = ()  # Telegram users the entry mentions
    people: tuple[str, ...] = ()  # other people it is about, by name (a note's "who")
    files: tuple[StoredFile, ...] = ()  # documents kept with it
    key: str = ""  # default: the message version's key, or a new unique key

    def __post_init__(self) -> None:
        _make_valid(self)
        if not self.key:
            key = (
                message_key(self.chat_id, self.message_id, self.version)
                if self.chat_id is not None and self.message_id is not None
                else _new_key()
            )
            object.__setattr__(self, "key", key)

    @classmethod
    def from_message(
        cls,
        event: MessageEvent,
        *,
        removed_for: tuple[str, ...] = (),
        personal_data: bool = False,
        files: tuple[StoredFile, ...] = (),
    ) -> NewEntry:
        """The record entry for a group message (a removed post is kept, access restricted).

        Its text is everything the message holds, as it was checked: the visible text, then
        a contact card, a place, a poll, file names and hidden links one a line, each saying
        what it is (``Contact: Jane Doe, 07700 900123``).
        """
        kind = "removed" if removed_for else "edit" if event.edited else "message"
        stored = {f.file_id: f.sha256 for f in files}
        attachments = tuple(
            {**a.describe(), **({"sha256": stored[a.file_id]} if a.file_id in stored else {})}
            for a in event.attachments
        )
        return cls(
            kind=kind,
            occurred_at=event.date,
            text=event.check_text,
            sender_name=event.sender_name,
            sender_id=event.sender_id,
            chat_id=event.chat_id,
            chat_title=event.chat_title,
            message_id=event.message_id,
            version=event.version,
            restricted=bool(removed_for),
            personal_data=personal_data,
            reason=",".join(removed_for),
            attachments=attachments,
            mentioned_ids=tuple(sorted(event.mentioned_ids)),
            files=files,
        )


def to_json(entry: NewEntry) -> dict[str, Any]:
    """``entry`` as JSON-ready data (for the spool)."""
    return {
        "kind": entry.kind,
        "occurred_at": entry.occurred_at.isoformat(),
        "text": entry.text,
        "sender_name": entry.sender_name,
        "sender_id": entry.sender_id,
        "chat_id": entry.chat_id,
        "chat_title": entry.chat_title,
        "message_id": entry.message_id,
        "version": entry.version,
        "restricted": entry.restricted,
        "personal_data": entry.personal_data,
        "reason": entry.reason,
        "attachments": list(entry.attachments),
        "mentioned_ids": list(entry.mentioned_ids),
        "people": list(entry.people),
        "files": [
            {
                "file_id": f.file_id,
                "name": f.name,
                "mime_type": f.mime_type,
                "data": base64.b64encode(f.data).decode(),
            }
            for f in entry.files
        ],
        "key": entry.key,
    }


def from_json(data: dict[str, Any]) -> NewEntry:
    """The entry written by :func:`to_json`; raises ``KeyError``/``ValueError`` if malformed."""
    return NewEntry(
        kind=str(data["kind"]),
        occurred_at=datetime.fromisoformat(data["occurred_at"]),
        text=str(data["text"]),
        sender_name=str(data["sender_name"]),
        sender_id=data["sender_id"],
        chat_id=data["chat_id"],
        chat_title=str(data["chat_title"]),
        message_id=data["message_id"],
        version=int(data["version"]),
        restricted=bool(data["restricted"]),
        personal_data=bool(data["personal_data"]),
        reason=str(data["reason"]),
        attachments=tuple(data["attachments"]),
        mentioned_ids=tuple(int(i) for i in data["mentioned_ids"]),
        people=tuple(str(p) for p in data["people"]),
        files=tuple(
            StoredFile(f["file_id"], f["name"], f["mime_type"], base64.b64decode(f["data"]))
            for f in data["files"]
        ),
        key=str(data["key"]),
    )
