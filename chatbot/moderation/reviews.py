"""Review requests: a sender asks the Clerk to review a removal; it is kept until resolved.

A request is made by the sender of a removed message (the "Ask the Clerk to review" button),
for the removal the bot recorded (:class:`chatbot.db.models.ModerationEvent`), and is one
request per removed message version however often the button is pressed. Only ids and rule
names are kept, never the removed text. Who may resolve one is decided by
:func:`may_act_on_duty`: the Clerk and the Assistant Clerk always, a nominated monitor while
they are on duty covering for the Clerk.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Final

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from chatbot.core.access import CLERKS, Role
from chatbot.cover.duty import Cover, DutyBy, OnDuty
from chatbot.cover.service import CoverService
from chatbot.db.base import utcnow
from chatbot.db.database import Database, DatabaseError
from chatbot.db.models import ModerationEvent, ReviewRequest
from chatbot.errors import CouncilbotError
from policy_checks import Action

MAX_NOTE: Final[int] = 255


class ReviewOutcome(StrEnum):
    """What the review decided."""

    UPHELD = "upheld"  # the removal stands
    REINSTATED = "reinstated"  # it should not have been removed
    OTHER = "other"


class ReviewError(CouncilbotError):
    """A review request could not be resolved; the message says why, in plain words."""


@dataclass(frozen=True, slots=True)
class ReviewView:
    """A review request as the rest of the bot sees it (no message text)."""

    id: int
    chat_id: int
    message_id: int
    version: int
    sender_id: int
    rules: tuple[str, ...]
    requested_at: datetime
    resolved_at: datetime | None = None
    resolved_by: int | None = None
    outcome: ReviewOutcome | None = None
    note: str = ""

    @property
    def is_open(self) -> bool:
        """Whether it still waits for a decision."""
        return self.resolved_at is None


@dataclass(frozen=True, slots=True)
class Requested:
    """The outcome of pressing the button: the request, and whether this press made it."""

    review: ReviewView
    created: bool


def _view(row: ReviewRequest) -> ReviewView:
    return ReviewView(
        id=row.id,
        chat_id=row.chat_telegram_id,
        message_id=row.message_id,
        version=row.version,
        sender_id=row.sender_telegram_id,
        rules=tuple(r for r in row.rules.split(",") if r),
        requested_at=row.requested_at,
        resolved_at=row.resolved_at,
        resolved_by=row.resolved_by,
        outcome=ReviewOutcome(row.outcome) if row.outcome else None,
        note=row.note,
    )


def may_act_on_duty(role: Role, telegram_id: int, cover: Cover) -> bool:
    """The one place deciding who may resolve review requests. Pure.

    The Clerk and the Assistant Clerk always may; a nominated monitor may while the duty is
    theirs (both clerks away and they available), as :func:`chatbot.cover.duty.duty_on` says.
    """
    if role in CLERKS:
        return True
    return isinstance(cover, OnDuty) and cover.by is DutyBy.MONITORS and telegram_id in cover.people


def _removal(session: Session, chat_id: int, message_id: int) -> ModerationEvent | None:
    """The latest recorded removal of a message (its newest blocked version)."""
    return session.scalars(
        select(ModerationEvent)
        .where(
            ModerationEvent.chat_telegram_id == chat_id,
            ModerationEvent.message_id == message_id,
            ModerationEvent.action == Action.BLOCK.value,
        )
        .order_by(ModerationEvent.version.desc(), ModerationEvent.id.desc())
        .limit(1)
    ).first()


def open_reviews_in(session: Session) -> list[ReviewView]:
    """The open review requests, oldest first, within a transaction."""
    rows = session.scalars(
        select(ReviewRequest)
        .where(ReviewRequest.resolved_at.is_(None))
        .order_by(ReviewRequest.requested_at, ReviewRequest.id)
    )
    return [_view(row) for row in rows]


class ReviewService:
    """Review requests: made from the button, listed, resolved."""

    def __init__(
        self,
        database: Database,
        *,
        cover: CoverService,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._db = database
        self._cover = cover
        self._clock = clock

    async def request(
        self, *, chat_id: int, message_id: int, sender_id: int, now: datetime | None = None
    ) -> Requested | None:
        """Ask for a review of the removal of ``sender_id``'s message; ``None`` if none is known.

        Idempotent: asking again about the same removed message returns the same request.
        """
        moment = now or self._clock()

        def existing(session: Session, version: int) -> ReviewRequest | None:
            return session.scalars(
                select(ReviewRequest).where(
                    ReviewRequest.chat_telegram_id == chat_id,
                    ReviewRequest.message_id == message_id,
                    ReviewRequest.version == version,
                )
            ).first()

        def work(session: Session) -> Requested | None:
            removal = _removal(session, chat_id, message_id)
            if removal is None or removal.telegram_user_id != sender_id:
                return None
            found = existing(session, removal.version)
            if found is not None:
                return Requested(_view(found), created=False)
            row = ReviewRequest(
                chat_telegram_id=chat_id,
                message_id=message_id,
                version=removal.version,
                sender_telegram_id=sender_id,
                rules=removal.rules,
                requested_at=moment,
                note="",
            )
            session.add(row)
            session.flush()
            return Requested(_view(row), created=True)

        try:
            return await self._db.run(work)
        except DatabaseError as exc:
            if not isinstance(exc.__cause__, IntegrityError):
                raise
            # Pressed twice at once: the other press made it.
            return await self._db.run(work)

    async def open(self) -> list[ReviewView]:
        """The open review requests, oldest first."""
        return await self._db.run(open_reviews_in)

    async def get(self, review_id: int) -> ReviewView | None:
        """A review request by its number."""

        def work(session: Session) -> ReviewView | None:
            row = session.get(ReviewRequest, review_id)
            return _view(row) if row is not None else None

        return await self._db.run(work)

    async def resolve(
        self,
        review_id: int,
        *,
        by: int,
        outcome: ReviewOutcome,
        note: str = "",
        now: datetime | None = None,
    ) -> ReviewView:
        """Record the decision on an open request; refused if there is none or it is decided."""
        moment = now or self._clock()
        short = " ".join(note.split())[:MAX_NOTE]

        def work(session: Session) -> ReviewView:
            row = session.get(ReviewRequest, review_id)
            if row is None:
                raise ReviewError(f"There is no review request {review_id}.")
            if row.resolved_at is not None:
                raise ReviewError(f"Review request {review_id} is already resolved.")
            row.resolved_at = moment
            row.resolved_by = by
            row.outcome = outcome.value
            row.note = short
            session.flush()
            return _view(row)

        return await self._db.run(work)

    async def may_act(self, role: Role, telegram_id: int, *, now: datetime | None = None) -> bool:
        """Whether this member may list and resolve review requests at ``now``."""
        duty = await self._cover.duty_at(now or self._clock())
        return may_act_on_duty(role, telegram_id, duty.cover)


def rules_text(rules: Sequence[str]) -> str:
    """The rules a removal breached, as listed (``abuse, personal_data``)."""
    return ", ".join(rules) if rules else "not recorded"
