"""Retention: dispose of record entries whose period has run out, unless a request holds them.

Disposal keeps the chain verifiable: an entry's content, salt, search text and people-index
rows are removed, its header and hashes stay (a tombstone). Each disposal is written to the
destruction register (``record_disposals``) and the access log, in the same transaction. A
document kept with an entry loses its bytes once no entry that is still whole refers to it.

An open request places a hold (FOI s.77: nothing may be destroyed once it is asked for): an
open FOI request holds the whole record; an open subject-access request holds every entry
about its subject (sent by or mentioning them, or naming them or an alias in the text).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Final, Protocol

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from chatbot.council.file import RetentionSection
from chatbot.db.base import LIKE_ESCAPE, like_anywhere, utcnow
from chatbot.db.database import Database
from chatbot.db.models import RecordDisposal, RecordEntry, RecordFile, RecordPerson
from chatbot.record.access_log import log_access
from chatbot.record.entry import ENTRY_KINDS
from chatbot.record.service import fold_name, person_by_id, person_by_name, record_type

logger = logging.getLogger(__name__)

BATCH: Final[int] = 500
ACTOR: Final[str] = "job:retention"


class Hold(Protocol):
    """What retention needs to know of an open request."""

    @property
    def reference(self) -> str:
        """The request's reference, e.g. ``SAR-2026-001``."""

    @property
    def kind(self) -> str:
        """``foi`` or ``sar``."""

    @property
    def names(self) -> tuple[str, ...]:
        """A subject-access request's subject and aliases."""

    @property
    def telegram_id(self) -> int | None:
        """The subject's Telegram id, when they are a registered member."""


HoldSource = Callable[[Session], Sequence[Hold]]


@dataclass(frozen=True, slots=True)
class RetentionRun:
    """What one run did."""

    disposed: int
    held_by: tuple[str, ...]  # references of the requests that held entries back


def years_before(moment: datetime, years: int) -> datetime:
    """The same moment ``years`` earlier (29 February becomes 28 February)."""
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:
        return moment.replace(year=moment.year - years, day=28)


def _not_about(hold: Hold) -> ColumnElement[bool]:
    """Entries a subject-access hold does not cover."""
    keys = [person_by_name(n) for n in hold.names if n.strip()]
    if hold.telegram_id is not None:
        keys.append(person_by_id(hold.telegram_id))
    about = select(RecordPerson.seq).where(RecordPerson.person.in_(keys))
    condition: ColumnElement[bool] = RecordEntry.seq.not_in(about)
    for name in hold.names:
        folded = fold_name(name)
        if folded:
            condition &= ~RecordEntry.search_text.like(like_anywhere(folded), escape=LIKE_ESCAPE)
    return condition


class RetentionService:
    """Disposes of entries whose retention period has run out."""

    def __init__(
        self,
        database: Database,
        retention: RetentionSection,
        *,
        holds: HoldSource,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._db = database
        self._retention = retention
        self._holds = holds
        self._clock = clock
        self._finished_on: date | None = None  # the day a run last found nothing left to do

    def due_in(self, session: Session, now: datetime, *, limit: int = BATCH) -> list[int]:
        """The sequence numbers of entries past their period, oldest first, not held."""
        holds = list(self._holds(session))
        if any(h.kind == "foi" for h in holds):
            return []
        expired = or_(
            *(
                (RecordEntry.kind == kind)
                & (
                    RecordEntry.occurred_at
                    < years_before(now, self._retention.years(record_type(kind)))
                )
                for kind in ENTRY_KINDS
            )
        )
        query = select(RecordEntry.seq).where(RecordEntry.disposed_at.is_(None), expired)
        for hold in holds:
            query = query.where(_not_about(hold))
        return list(session.scalars(query.order_by(RecordEntry.seq).limit(limit)))

    def dispose_in(self, session: Session, now: datetime) -> RetentionRun:
        """One batch of disposals, within the caller's transaction."""
        holds = tuple(h.reference for h in self._holds(session))
        seqs = self.due_in(session, now)
        if not seqs:
            return RetentionRun(disposed=0, held_by=holds)
        rows = session.execute(
            select(RecordEntry.seq, RecordEntry.kind, RecordEntry.occurred_at, RecordEntry.content)
            .where(RecordEntry.seq.in_(seqs))
            .order_by(RecordEntry.seq)
        ).all()
        documents: set[str] = set()
        for seq, kind, occurred_at, content in rows:
            documents |= _documents(content)
            retention_type = record_type(kind)
            years = self._retention.years(retention_type)
            session.add(
                RecordDisposal(
                    seq=seq,
                    kind=kind,
                    occurred_at=occurred_at,
                    disposed_at=now,
                    authority=f"retention: {retention_type.replace('_', ' ')}, {years} years",
                    actor=ACTOR,
                )
            )
        session.execute(
            update(RecordEntry)
            .where(RecordEntry.seq.in_(seqs))
            .values(content=None, salt=None, search_text=None, disposed_at=now)
        )
        session.execute(delete(RecordPerson).where(RecordPerson.seq.in_(seqs)))
        _forget_documents(session, documents)
        log_access(
            session,
            actor=ACTOR,
            action="dispose",
            detail={"first": seqs[0], "last": seqs[-1]},
            entries=len(seqs),
        )
        return RetentionRun(disposed=len(seqs), held_by=holds)

    async def run(self, now: datetime | None = None) -> int:
        """Dispose of everything due now, batch by batch; how many entries were disposed.

        The scheduler calls this every tick; once a day's run has finished, later calls that
        day return at once (after a restart the first tick runs it again, harmlessly).
        """
        moment = now or self._clock()
        if self._finished_on == moment.date():
            return 0
        total = 0
        while True:
            result = await self._db.run(lambda s: self.dispose_in(s, moment))
            total += result.disposed
            if result.disposed < BATCH:
                break
        self._finished_on = moment.date()
        if total:
            logger.info("retention disposed of %d record entries", total)
        return total


def _documents(content: str | None) -> set[str]:
    if content is None:
        return set()
    attachments = json.loads(content).get("attachments", ())
    return {str(a["sha256"]) for a in attachments if isinstance(a, dict) and a.get("sha256")}


def _forget_documents(session: Session, documents: set[str]) -> None:
    """Drop the bytes of documents no whole entry refers to any more."""
    for sha in documents:
        still_used = session.scalar(
            select(RecordEntry.seq)
            .where(RecordEntry.content.is_not(None), RecordEntry.content.contains(sha))
            .limit(1)
        )
        if still_used is None:
            session.execute(update(RecordFile).where(RecordFile.sha256 == sha).values(data=None))
