"""One entry of the record and its versions, as the desk shows them; every view is logged.

What a viewer may see is decided as for a search (:func:`chatbot.record.search.access_for`):
full access sees everything; the Chair's listed access sees every entry with a restricted
one's content withheld; anyone else sees only entries they sent. An entry the viewer may not
see is answered as if it did not exist. The view is written to the record's access log in
the same transaction as the read.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from chatbot.db.database import Database
from chatbot.db.models import RecordEntry
from chatbot.record.access_log import log_access
from chatbot.record.search import Access, Hit, Viewer
from chatbot.record.view import EntryView, view_of

__all__ = ["EntryDetail", "EntryReader"]

MAX_VERSIONS: Final[int] = 100  # a message edited more often than this shows its latest


@dataclass(frozen=True, slots=True)
class EntryDetail:
    """The entry asked for and every version of its message on the record, oldest first."""

    entry: Hit
    versions: tuple[Hit, ...]


def _visible(view: EntryView, viewer: Viewer) -> Hit | None:
    """``view`` as ``viewer`` may see it, or None when they may not see it at all."""
    if viewer.access is Access.OWN and view.sender_id != viewer.telegram_id:
        return None
    if view.restricted and not view.disposed and viewer.access is not Access.FULL:
        return Hit(entry=replace(view, text="", attachments=()), withheld=True)
    return Hit(entry=view)


class EntryReader:
    """Reads single entries of the record for the desk."""

    def __init__(self, database: Database) -> None:
        self._db = database

    async def entry(self, seq: int, viewer: Viewer) -> EntryDetail | None:
        """Entry ``seq`` with its versions, as ``viewer`` may see them; logged as a view."""
        return await self._db.run(lambda session: self.entry_in(session, seq, viewer))

    @staticmethod
    def entry_in(session: Session, seq: int, viewer: Viewer) -> EntryDetail | None:
        """As :meth:`entry`, within the caller's transaction."""
        row = session.get(RecordEntry, seq)
        found = _visible(view_of(row), viewer) if row is not None else None
        versions: list[Hit] = []
        if row is not None and found is not None:
            if row.chat_telegram_id is not None and row.message_id is not None:
                # The message's versions share its chat and message id (the index on both).
                rows = session.scalars(
                    select(RecordEntry)
                    .where(
                        RecordEntry.chat_telegram_id == row.chat_telegram_id,
                        RecordEntry.message_id == row.message_id,
                    )
                    .order_by(RecordEntry.seq)
                    .limit(MAX_VERSIONS)
                )
                versions = [hit for r in rows if (hit := _visible(view_of(r), viewer))]
            else:
                versions = [found]
        log_access(
            session,
            actor=viewer.actor,
            action="view",
            detail={"seq": seq, "access": viewer.access.value, "source": "desk"},
            entries=len(versions),
        )
        if found is None:
            return None
        return EntryDetail(entry=found, versions=tuple(versions))
