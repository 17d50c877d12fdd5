"""Notices sent once: the one place that records a notice's idempotency key as sent.

Reminders, cover notices and digests are each sent once: what is due is worked out from the
database on every tick, and a notice is marked here only after it was delivered, so a crash
in between sends it again rather than never.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from chatbot.db.database import Database, DatabaseError
from chatbot.db.models import SentNotice


def sent_keys(session: Session, keys: Iterable[str]) -> set[str]:
    """Which of ``keys`` were already sent, within the caller's transaction."""
    wanted = list(keys)
    if not wanted:
        return set()
    return set(session.scalars(select(SentNotice.key).where(SentNotice.key.in_(wanted))))


async def mark_sent(database: Database, key: str, *, at: datetime, late: bool = False) -> bool:
    """Record that the notice ``key`` was sent; ``False`` when it already was."""

    def work(session: Session) -> bool:
        if session.get(SentNotice, key) is not None:
            return False
        session.add(SentNotice(key=key, sent_at=at, late=late))
        session.flush()
        return True

    try:
        return await database.run(work)
    except DatabaseError as exc:
        if not isinstance(exc.__cause__, IntegrityError):
            raise
        return False  # marked by a concurrent sender
