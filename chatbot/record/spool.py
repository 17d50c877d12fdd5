"""A durable spool for record entries while the database is unreachable.

Each entry is one JSON file, written to a temporary name, flushed to disk and renamed, so a
crash leaves either a whole entry or nothing. Files are replayed in the order they were
written; an entry replayed twice (a crash between the database commit and the file's removal)
is recognised by its key and not appended again.

Spooled entries are the record itself, personal data included: the folder is ``0700`` and
each file ``0600``, whatever the umask.
"""

from __future__ import annotations

import json
import os
import time
import uuid
from pathlib import Path

from chatbot.ops.files import open_private, private_dir
from chatbot.record.entry import NewEntry, from_json, to_json


class Spool:
    """Entries waiting for the database, in a folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def put(self, entry: NewEntry) -> Path:
        """Write ``entry`` durably; returns its file."""
        private_dir(self.folder)
        name = f"{time.time_ns():020d}-{uuid.uuid4().hex}.json"
        final = self.folder / name
        temporary = self.folder / f".{name}.tmp"
        data = json.dumps(to_json(entry), ensure_ascii=False).encode("utf-8")
        with open_private(temporary) as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        temporary.replace(final)
        _sync_folder(self.folder)
        return final

    def pending(self) -> list[Path]:
        """The spooled entries' files, oldest first."""
        if not self.folder.is_dir():
            return []
        return sorted(self.folder.glob("*.json"))

    def has_pending(self) -> bool:
        """Whether any entry is waiting."""
        return bool(self.pending())

    @staticmethod
    def read(path: Path) -> NewEntry:
        """The entry in ``path``; raises ``ValueError`` if it cannot be read."""
        try:
            return from_json(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, KeyError, TypeError, json.JSONDecodeError) as exc:
            raise ValueError(f"unreadable spool file {path.name}") from exc

    def remove(self, paths: list[Path]) -> None:
        """Forget entries now on the record."""
        for path in paths:
            path.unlink(missing_ok=True)
        _sync_folder(self.folder)

    def quarantine(self, path: Path) -> Path:
        """Set an unreadable file aside (never deleted: it may hold an entry)."""
        target = private_dir(self.folder / "unreadable") / path.name
        path.replace(target)
        return target


def _sync_folder(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
