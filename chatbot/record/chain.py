"""The record's hash chain: canonical serialisation, hashing and verification. Pure, no I/O.

Each entry commits to the previous entry's hash and to its own header; the header commits to
the entry's content through a salted hash. Disposal under retention removes the content and
the salt and keeps the content hash, so the chain still verifies while the content is gone.

    content_hash = SHA-256(salt || canonical(content))   (the canonical bytes are what is stored)
    entry_hash   = SHA-256(previous entry_hash || canonical(header with content_hash))
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final

GENESIS: Final[str] = "0" * 64


def canonical(value: Mapping[str, Any]) -> bytes:
    """One byte string per value: sorted keys, no spaces, UTF-8, datetimes in UTC."""
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_default
    ).encode("utf-8")


def iso_utc(value: datetime) -> str:
    """A moment as serialised in the chain: ISO 8601 in UTC, to the microsecond."""
    if value.tzinfo is None:
        raise ValueError("naive datetime in a record entry")
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def _default(value: object) -> str:
    if isinstance(value, datetime):
        return iso_utc(value)
    raise TypeError(f"cannot serialise {type(value).__name__} in a record entry")


def content_hash(salt: str, content: bytes) -> str:
    """The salted hash of an entry's canonical content bytes."""
    return hashlib.sha256(bytes.fromhex(salt) + content).hexdigest()


def entry_hash(previous: str, header: Mapping[str, Any]) -> str:
    """The hash of an entry: its header (with the content hash) after the previous hash."""
    return header_hash(previous, canonical(header))


def header_hash(previous: str, header: bytes) -> str:
    """The hash of an entry from its canonical header bytes."""
    return hashlib.sha256(previous.encode("ascii") + header).hexdigest()


@dataclass(frozen=True, slots=True)
class ChainEntry:
    """What verification needs of a stored entry."""

    seq: int
    header: bytes  # the canonical header, which includes the content hash
    content_hash: str
    content: bytes | None  # canonical content as stored; None once disposed
    salt: str | None
    prev_hash: str
    hash: str


@dataclass(frozen=True, slots=True)
class Verification:
    """The outcome of verifying the chain."""

    entries: int
    first_bad: int | None = None
    problem: str = ""

    @property
    def intact(self) -> bool:
        """Whether every entry verified."""
        return self.first_bad is None


def verify(
    entries: Iterable[ChainEntry],
    *,
    head_seq: int,
    head_hash: str,
    start_seq: int = 1,
    start_hash: str = GENESIS,
) -> Verification:
    """Check every entry in order, then that the last one is the recorded head.

    Finds a changed byte (content or header), a deleted, inserted or reordered entry, and a
    truncated tail; names the first bad entry by its sequence number.
    """
    previous_hash = start_hash
    expected_seq = start_seq
    count = 0
    for entry in entries:
        count += 1
        if entry.seq != expected_seq:
            return Verification(count, expected_seq, f"entry {expected_seq} is missing or moved")
        if entry.prev_hash != previous_hash:
            return Verification(count, entry.seq, "does not follow the entry before it")
        if entry.content is not None:
            if entry.salt is None:
                return Verification(count, entry.seq, "content without its salt")
            if content_hash(entry.salt, entry.content) != entry.content_hash:
                return Verification(count, entry.seq, "content was changed")
        if header_hash(entry.prev_hash, entry.header) != entry.hash:
            return Verification(count, entry.seq, "entry was changed")
        previous_hash = entry.hash
        expected_seq = entry.seq + 1
    last_seq = expected_seq - 1
    if last_seq < head_seq:
        return Verification(count, last_seq + 1, "entries from here on are missing")
    if last_seq > head_seq:
        return Verification(count, head_seq + 1, "entries were added after the recorded head")
    if count and previous_hash != head_hash:
        return Verification(count, last_seq, "the chain does not end at the recorded head")
    return Verification(count)
