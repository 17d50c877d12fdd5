"""Repositories: one per aggregate, typed, never committing (the caller owns the transaction)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from sqlalchemy import false, func, select, text, update
from sqlalchemy.orm import Session

from chatbot.db.models import (
    CalendarFeed,
    Chat,
    Invite,
    Member,
    MemberChange,
    ModerationEvent,
    Strike,
)

ROSTER_LOCK_KEY: Final[int] = 0x636F756E63696C  # "council": PostgreSQL's advisory lock key


class MemberRepository:
    """Members of the council."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def lock_roster(self) -> None:
        """Hold the roster's write lock until the transaction ends (call it first).

        Changes whose check reads other members (at most two monitors, at least one Clerk)
        take it, so two of them never both pass their check on the same old roster.
        PostgreSQL: a transaction-scoped advisory lock; later statements, in READ COMMITTED,
        then see whatever the previous holder committed. SQLite: a write as the
        transaction's first statement takes the database's one write lock (as ``BEGIN
        IMMEDIATE`` would), waiting for it up to the busy timeout; the reads after it are in
        the same transaction.
        """
        if self._session.get_bind().dialect.name == "postgresql":
            self._session.execute(
                text("SELECT pg_advisory_xact_lock(:key)"), {"key": ROSTER_LOCK_KEY}
            )
        else:
            self._session.execute(
                update(Member)
                .where(false())
                .values(active=Member.active)
                .execution_options(synchronize_session=False)
            )

    def get(self, telegram_id: int) -> Member | None:
        """The member with this Telegram id, active or not."""
        return self._session.scalar(select(Member).where(Member.telegram_id == telegram_id))

    def active(self) -> Sequence[Member]:
        """Every active member, by name."""
        return self._session.scalars(
            select(Member).where(Member.active.is_(True)).order_by(Member.name)
        ).all()

    def with_roles(self, roles: Sequence[str]) -> Sequence[Member]:
        """Active members holding any of ``roles``."""
        return self._session.scalars(
            select(Member).where(Member.active.is_(True), Member.role.in_(roles))
        ).all()

    def monitors(self) -> Sequence[Member]:
        """Active nominated monitors."""
        return self._session.scalars(
            select(Member).where(Member.active.is_(True), Member.monitor.is_(True))
        ).all()

    def add(self, member: Member) -> Member:
        """Store a new member."""
        self._session.add(member)
        self._session.flush()
        return member


class ChatRepository:
    """Groups the bot serves."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, telegram_id: int) -> Chat | None:
        """The chat with this Telegram id."""
        return self._session.scalar(select(Chat).where(Chat.telegram_id == telegram_id))

    def all(self) -> Sequence[Chat]:
        """Every chat."""
        return self._session.scalars(select(Chat).order_by(Chat.title)).all()

    def add(self, chat: Chat) -> Chat:
        """Store a new chat."""
        self._session.add(chat)
        self._session.flush()
        return chat

    def migrate(self, old_id: int, new_id: int) -> bool:
        """Follow a group's migration to a supergroup; ``False`` when the chat is unknown."""
        result = self._session.execute(
            update(Chat).where(Chat.telegram_id == old_id).values(telegram_id=new_id)
        )
        return bool(getattr(result, "rowcount", 0))


class AuditRepository:
    """The log of membership changes."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, change: MemberChange) -> None:
        """Record a change."""
        self._session.add(change)

    def recent(self, limit: int = 20) -> Sequence[MemberChange]:
        """The latest changes, newest first."""
        return self._session.scalars(
            select(MemberChange).order_by(MemberChange.id.desc()).limit(limit)
        ).all()


class InviteRepository:
    """One-time invitations."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, invite: Invite) -> Invite:
        """Store an invitation."""
        self._session.add(invite)
        self._session.flush()
        return invite

    def by_hash(self, code_hash: str) -> Invite | None:
        """The invitation whose code has this hash."""
        return self._session.scalar(select(Invite).where(Invite.code_hash == code_hash))

    def claim(self, invite_id: int, *, by: int, at: datetime) -> bool:
        """Mark an unused invitation used by ``by``; ``False`` if it was used already.

        One conditional UPDATE: of two transactions claiming the same invitation, the second
        waits for the first's row (PostgreSQL) or write lock (SQLite), then finds it used.
        """
        result = self._session.execute(
            update(Invite)
            .where(Invite.id == invite_id, Invite.used_at.is_(None))
            .values(used_at=at, used_by=by)
            .execution_options(synchronize_session=False)
        )
        return int(getattr(result, "rowcount", 0)) == 1


@dataclass(frozen=True, slots=True)
class FeedOwner:
    """Whose live calendar token it is, and what they hold now."""

    telegram_id: int
    role: str
    monitor: bool


class CalendarFeedRepository:
    """Members' secret calendar tokens (only their hashes)."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, member_telegram_id: int, token_hash: str, *, at: datetime) -> None:
        """Store a new token's hash."""
        self._session.add(
            CalendarFeed(
                member_telegram_id=member_telegram_id, token_hash=token_hash, created_at=at
            )
        )

    def revoke(self, member_telegram_id: int, *, at: datetime) -> int:
        """Revoke every live token of one member; how many there were."""
        result = self._session.execute(
            update(CalendarFeed)
            .where(
                CalendarFeed.member_telegram_id == member_telegram_id,
                CalendarFeed.revoked_at.is_(None),
            )
            .values(revoked_at=at)
            .execution_options(synchronize_session=False)
        )
        return int(getattr(result, "rowcount", 0))

    def owner(self, token_hash: str) -> tuple[str, FeedOwner] | None:
        """The stored hash and the active member of a live token with ``token_hash``."""
        row = self._session.execute(
            select(CalendarFeed.token_hash, Member.telegram_id, Member.role, Member.monitor)
            .join(Member, Member.telegram_id == CalendarFeed.member_telegram_id)
            .where(
                CalendarFeed.token_hash == token_hash,
                CalendarFeed.revoked_at.is_(None),
                Member.active.is_(True),
            )
        ).first()
        if row is None:
            return None
        return str(row[0]), FeedOwner(int(row[1]), str(row[2]), bool(row[3]))


class StrikeRepository:
    """Strikes against senders."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, strike: Strike) -> Strike:
        """Store a strike."""
        self._session.add(strike)
        self._session.flush()
        return strike

    def active_count(self, telegram_user_id: int, since: datetime) -> int:
        """Unpardoned strikes of one sender since ``since``."""
        return int(
            self._session.scalar(
                select(func.count(Strike.id)).where(
                    Strike.telegram_user_id == telegram_user_id,
                    Strike.at >= since,
                    Strike.pardoned_at.is_(None),
                )
            )
            or 0
        )

    def active(self, since: datetime) -> Sequence[Strike]:
        """Every unpardoned strike since ``since``, newest first."""
        return self._session.scalars(
            select(Strike)
            .where(Strike.at >= since, Strike.pardoned_at.is_(None))
            .order_by(Strike.at.desc())
        ).all()

    def pardon(self, telegram_user_id: int, *, by: int, at: datetime) -> int:
        """Pardon every active strike of one sender; returns how many."""
        result = self._session.execute(
            update(Strike)
            .where(Strike.telegram_user_id == telegram_user_id, Strike.pardoned_at.is_(None))
            .values(pardoned_at=at, pardoned_by=by)
        )
        return int(getattr(result, "rowcount", 0))


class ModerationEventRepository:
    """What the bot did about messages."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, event: ModerationEvent) -> ModerationEvent:
        """Store an event (written with the transaction, or the next query)."""
        self._session.add(event)
        return event

    def seen(self, chat_telegram_id: int, message_id: int, version: int) -> bool:
        """Whether this version of the message was already acted on."""
        return (
            self._session.scalar(
                select(ModerationEvent.id).where(
                    ModerationEvent.chat_telegram_id == chat_telegram_id,
                    ModerationEvent.message_id == message_id,
                    ModerationEvent.version == version,
                )
            )
            is not None
        )

    def keys_since(self, since: datetime, limit: int) -> list[tuple[int, int, int]]:
        """(chat, message, version) of the newest ``limit`` events since ``since``, oldest first."""
        rows = self._session.execute(
            select(
                ModerationEvent.chat_telegram_id,
                ModerationEvent.message_id,
                ModerationEvent.version,
            )
            .where(ModerationEvent.at >= since)
            .order_by(ModerationEvent.id.desc())
            .limit(limit)
        ).all()
        return [(int(c), int(m), int(v)) for c, m, v in reversed(rows)]

    def for_message(self, chat_telegram_id: int, message_id: int) -> Sequence[ModerationEvent]:
        """Events about one message, oldest first."""
        return self._session.scalars(
            select(ModerationEvent)
            .where(
                ModerationEvent.chat_telegram_id == chat_telegram_id,
                ModerationEvent.message_id == message_id,
            )
            .order_by(ModerationEvent.id)
        ).all()
