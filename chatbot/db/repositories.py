"""Repositories: one per aggregate, typed, never committing (the caller owns the transaction)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from chatbot.db.models import (
    Chat,
    Invite,
    Member,
    MemberChange,
    ModerationEvent,
    PendingPost,
    Strike,
)


class MemberRepository:
    """Members of the council."""

    def __init__(self, session: Session) -> None:
        self._session = session

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
        """Store an event."""
        self._session.add(event)
        self._session.flush()
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


class PendingPostRepository:
    """Texts waiting for a member's button press."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, post: PendingPost) -> PendingPost:
        """Store a pending post."""
        self._session.add(post)
        self._session.flush()
        return post

    def by_token(self, token: str) -> PendingPost | None:
        """The pending post with this token."""
        return self._session.scalar(select(PendingPost).where(PendingPost.token == token))
