"""Members and chats: seeding from the council file, look-ups, invitations and role changes.

Every change is written to the audit log in the same transaction as the change itself.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final, TypeVar

from sqlalchemy.orm import Session

from chatbot.core.access import Role, allowed, may_alter, may_appoint, may_see_cover
from chatbot.council.file import MAX_MONITORS, CouncilFile
from chatbot.db.base import utcnow
from chatbot.db.database import Database
from chatbot.db.models import Chat, Invite, Member, MemberChange
from chatbot.db.repositories import (
    AuditRepository,
    CalendarFeedRepository,
    ChatRepository,
    InviteRepository,
    MemberRepository,
)
from chatbot.errors import CouncilbotError
from chatbot.members.chats import AUDIT_ACTIONS, AUDIT_REMOVED, GroupSetting

T = TypeVar("T")
INVITE_LIFETIME: Final[timedelta] = timedelta(days=7)
_CODE_BYTES: Final[int] = 12
_USED: Final[str] = "That invitation code is not valid or was already used."
MAX_SEEN: Final[int] = 5000
"""How many people seen in updates are remembered (in memory) for their usernames."""


class MembershipError(CouncilbotError):
    """A membership change was refused; the message says why, in plain words."""


@dataclass(frozen=True, slots=True)
class MemberView:
    """A member as the rest of the bot sees them."""

    telegram_id: int
    name: str
    role: Role
    monitor: bool = False
    email: str | None = None

    @property
    def is_officer(self) -> bool:
        """Clerks, the Chair and the Vice Chair."""
        return self.role is not Role.COUNCILLOR


@dataclass(frozen=True, slots=True)
class ChatView:
    """A group as the rest of the bot sees it."""

    telegram_id: int
    title: str
    official: bool
    moderate: bool


def _member_view(member: Member) -> MemberView:
    return MemberView(
        telegram_id=member.telegram_id,
        name=member.name,
        role=Role(member.role),
        monitor=member.monitor,
        email=member.email,
    )


def _chat_view(chat: Chat) -> ChatView:
    return ChatView(
        telegram_id=chat.telegram_id,
        title=chat.title,
        official=chat.official,
        moderate=chat.moderate,
    )


def _hash(code: str) -> str:
    return hashlib.sha256(code.strip().encode("utf-8")).hexdigest()


def _last_clerk(members: MemberRepository, clerk: Member) -> bool:
    """Whether ``clerk`` is the only active Clerk."""
    return not any(m.telegram_id != clerk.telegram_id for m in members.with_roles([Role.CLERK]))


def _revoke_calendar_unless_allowed(session: Session, member: Member, moment: datetime) -> None:
    """Stop a member's calendar URL once they may no longer see the cover calendar."""
    if not member.active or not may_see_cover(Role(member.role), monitor=member.monitor):
        CalendarFeedRepository(session).revoke(member.telegram_id, at=moment)


def _set_role(session: Session, actor: int, member: Member, role: Role, moment: datetime) -> None:
    """``member`` takes ``role``: a monitor only as a Councillor; audited."""
    old = Role(member.role)
    member.role = role.value
    if role is not Role.COUNCILLOR:
        member.monitor = False
    _revoke_calendar_unless_allowed(session, member, moment)
    AuditRepository(session).add(
        MemberChange(
            actor_telegram_id=actor,
            member_telegram_id=member.telegram_id,
            action="role_changed",
            detail=f"{old}->{role}",
        )
    )


class MemberService:
    """The council's membership, backed by the database."""

    def __init__(
        self, database: Database, *, on_roster: Callable[[list[str]], None] | None = None
    ) -> None:
        self._db = database
        # Told the active members' names after every change (the policy engine's
        # ``admit_members``: a member's name is not personal data, whenever they joined).
        self._on_roster = on_roster
        # Every message needs its chat and sender: read them once, forget them on any change
        # (this service makes every change, so the cache cannot go stale in this process).
        self._members: dict[int, MemberView | None] = {}
        self._chats: dict[int, ChatView | None] = {}
        # Every group message asks who the clerks are; cached too. A miss loads the whole
        # roster (a council is small), so moderation, which needs no database, goes on while
        # the database is unreachable, even for a sender not seen before.
        self._roles: dict[frozenset[Role], list[MemberView]] = {}
        self._all_members = False
        self._all_chats = False
        # People seen in updates, in memory only (never stored or logged): id -> (username,
        # display name), so "@helenmoss" finds Helen and a stranger with strikes has a name.
        self._seen: dict[int, tuple[str | None, str]] = {}

    def saw(self, telegram_id: int, *, username: str | None, display_name: str) -> None:
        """Remember how Telegram showed someone (the most recent :data:`MAX_SEEN` people)."""
        self._seen.pop(telegram_id, None)
        self._seen[telegram_id] = (username.casefold() if username else None, display_name)
        while len(self._seen) > MAX_SEEN:
            del self._seen[next(iter(self._seen))]

    def usernames(self) -> dict[str, int]:
        """The usernames seen (lower case, without the @), to their people's ids."""
        return {name: who for who, (name, _) in self._seen.items() if name}

    def seen_names(self) -> dict[int, str]:
        """The display names seen, by id (for people who are not members)."""
        return {who: shown for who, (_, shown) in self._seen.items() if shown}

    def _forget(self) -> None:
        self._members.clear()
        self._chats.clear()
        self._roles.clear()
        self._all_members = self._all_chats = False

    async def _change(self, work: Callable[[Session], T]) -> T:
        """Run a change in one transaction, then forget the cached look-ups."""
        result, names = await self._db.run(lambda session: self._with_roster(session, work))
        self._forget()
        self._tell_roster(names)
        return result

    @staticmethod
    def _with_roster(session: Session, work: Callable[[Session], T]) -> tuple[T, list[str]]:
        """``work``'s result and, read in the same transaction, the active members' names."""
        result = work(session)
        session.flush()
        return result, [m.name for m in MemberRepository(session).active()]

    def _tell_roster(self, names: list[str]) -> None:
        if self._on_roster is not None:
            self._on_roster(names)

    def seed(self, council: CouncilFile) -> None:
        """Add the file's members and chats that the database does not know yet.

        Changes made at run time (through the bot) are kept: a known member or chat is not
        overwritten by the file.
        """

        def work(session: Session) -> None:
            members = MemberRepository(session)
            chats = ChatRepository(session)
            audit = AuditRepository(session)
            for entry in council.members:
                if members.get(entry.telegram_id) is None:
                    members.add(
                        Member(
                            telegram_id=entry.telegram_id,
                            name=entry.name,
                            role=entry.role,
                            email=entry.email,
                            monitor=entry.monitor,
                        )
                    )
                    audit.add(
                        MemberChange(
                            member_telegram_id=entry.telegram_id,
                            action="seeded",
                            detail=f"role={entry.role}",
                        )
                    )
            for chat in council.chats:
                if chats.get(chat.telegram_id) is None:
                    chats.add(
                        Chat(
                            telegram_id=chat.telegram_id,
                            title=chat.title,
                            official=chat.official,
                            moderate=chat.moderate,
                        )
                    )

        _, names = self._db.call(lambda session: self._with_roster(session, work))
        self._forget()
        self._tell_roster(names)

    async def member(self, telegram_id: int) -> MemberView | None:
        """The active member with this Telegram id, if any."""
        if telegram_id in self._members or self._all_members:
            return self._members.get(telegram_id)
        roster = await self.members()
        self._members.update({m.telegram_id: m for m in roster})
        self._all_members = True
        return self._members.get(telegram_id)

    async def members(self) -> list[MemberView]:
        """Every active member, by name."""
        return await self._db.run(lambda s: [_member_view(m) for m in MemberRepository(s).active()])

    async def with_roles(self, *roles: Role) -> list[MemberView]:
        """Active members holding any of ``roles``."""
        key = frozenset(roles)
        if key not in self._roles:
            self._roles[key] = await self._db.run(
                lambda s: [_member_view(m) for m in MemberRepository(s).with_roles(list(roles))]
            )
        return list(self._roles[key])

    async def chat(self, telegram_id: int) -> ChatView | None:
        """The group with this Telegram id, if the bot serves it."""
        if telegram_id in self._chats or self._all_chats:
            return self._chats.get(telegram_id)
        chats = await self.chats()
        self._chats.update({c.telegram_id: c for c in chats})
        self._all_chats = True
        return self._chats.get(telegram_id)

    async def chats(self) -> list[ChatView]:
        """Every group the bot serves."""
        return await self._db.run(lambda s: [_chat_view(c) for c in ChatRepository(s).all()])

    async def migrate_chat(self, old_id: int, new_id: int) -> bool:
        """Follow a group that became a supergroup."""
        moved = await self._db.run(lambda s: ChatRepository(s).migrate(old_id, new_id))
        self._forget()
        return moved

    async def set_chat(
        self, *, actor: int, telegram_id: int, title: str, setting: GroupSetting
    ) -> ChatView:
        """What the bot does in a group, as ``actor`` chose it; at once, and in the audit log.

        A group not served before is added (with ``title``); a known one keeps its title
        unless ``title`` is given. The moderation pipeline reads the chat through this
        service's cache, which every change clears, so the next message follows the choice.
        """

        def work(session: Session) -> ChatView:
            chats = ChatRepository(session)
            chat = chats.get(telegram_id)
            if chat is None:
                chat = chats.add(Chat(telegram_id=telegram_id, title=title))
            elif title:
                chat.title = title
            chat.moderate, chat.official = setting.moderate, setting.official
            AuditRepository(session).add(
                MemberChange(
                    actor_telegram_id=actor,
                    action=AUDIT_ACTIONS[setting],
                    detail=f"chat={telegram_id}",
                )
            )
            session.flush()
            return _chat_view(chat)

        return await self._change(work)

    async def left_chat(self, *, actor: int | None, telegram_id: int) -> ChatView | None:
        """The bot was removed from a group: stop serving it (it is kept, ignored); else None."""

        def work(session: Session) -> ChatView | None:
            chat = ChatRepository(session).get(telegram_id)
            if chat is None:
                return None
            before = _chat_view(chat)
            chat.moderate = chat.official = False
            AuditRepository(session).add(
                MemberChange(
                    actor_telegram_id=actor, action=AUDIT_REMOVED, detail=f"chat={telegram_id}"
                )
            )
            return before

        return await self._change(work)

    async def invite(
        self, *, actor: int, name: str, role: Role, now: datetime | None = None
    ) -> str:
        """Create a one-time code for a new member; only its hash is stored.

        Refused unless ``actor`` may invite, and may appoint ``role`` (only the Clerk invites a
        Clerk): see :func:`chatbot.core.access.may_appoint`.
        """
        code = secrets.token_urlsafe(_CODE_BYTES)
        issued = now or utcnow()

        def work(session: Session) -> None:
            inviter = self._actor(session, actor, "invite")
            if not may_appoint(Role(inviter.role), role):
                raise MembershipError("Only the Clerk can invite a Clerk.")
            InviteRepository(session).add(
                Invite(
                    code_hash=_hash(code),
                    name=name,
                    role=role.value,
                    created_by=actor,
                    created_at=issued,
                    expires_at=issued + INVITE_LIFETIME,
                )
            )
            AuditRepository(session).add(
                MemberChange(actor_telegram_id=actor, action="invited", detail=f"role={role}")
            )

        await self._db.run(work)
        return code

    async def redeem(
        self, code: str, *, telegram_id: int, now: datetime | None = None
    ) -> MemberView:
        """Join with an invitation code; each code works once, before it expires.

        The code is claimed by one conditional UPDATE, so of people redeeming it at the same
        moment exactly one joins. An invitation whose author may no longer appoint its role
        (they were removed, or are no longer the Clerk) is refused.
        """
        moment = now or utcnow()

        def work(session: Session) -> MemberView:
            invites = InviteRepository(session)
            invite = invites.by_hash(_hash(code))
            if invite is None or invite.used_at is not None:
                raise MembershipError(_USED)
            if invite.expires_at < moment:
                raise MembershipError("That invitation has expired; ask the Clerk for a new one.")
            members = MemberRepository(session)
            inviter = members.get(invite.created_by)
            if (
                inviter is None
                or not inviter.active
                or not allowed(Role(inviter.role), "invite")
                or not may_appoint(Role(inviter.role), Role(invite.role))
            ):
                raise MembershipError(
                    "That invitation is no longer valid; ask the Clerk for a new one."
                )
            existing = members.get(telegram_id)
            if existing is not None and existing.active:
                raise MembershipError("You are already a registered member.")
            if not invites.claim(invite.id, by=telegram_id, at=moment):
                raise MembershipError(_USED)
            if existing is None:
                member = members.add(
                    Member(telegram_id=telegram_id, name=invite.name, role=invite.role)
                )
            else:
                existing.active, existing.name, existing.role = True, invite.name, invite.role
                member = existing
            AuditRepository(session).add(
                MemberChange(
                    actor_telegram_id=invite.created_by,
                    member_telegram_id=telegram_id,
                    action="joined",
                    detail=f"role={invite.role}",
                )
            )
            return _member_view(member)

        return await self._change(work)

    async def change_role(self, *, actor: int, telegram_id: int, role: Role) -> MemberView:
        """Give a member a new role.

        Only the Clerk makes someone Clerk or changes a Clerk's role, and the council's last
        Clerk keeps theirs. The council has one Chair: making someone Chair makes the Chair in
        office a Councillor, in the same change. A member who may no longer see the cover
        calendar loses its URL.
        """
        moment = utcnow()

        def work(session: Session) -> MemberView:
            members = MemberRepository(session)
            members.lock_roster()
            member = self._role_change_allowed(session, actor, telegram_id, role)
            replaced = (
                [c for c in members.with_roles([Role.CHAIR.value]) if c.id != member.id]
                if role is Role.CHAIR
                else []
            )
            _set_role(session, actor, member, role, moment)
            for chair in replaced:
                _set_role(session, actor, chair, Role.COUNCILLOR, moment)
            return _member_view(member)

        return await self._change(work)

    async def remove(self, *, actor: int, telegram_id: int) -> MemberView:
        """Remove a member (kept for the record, marked inactive); their calendar URL stops.

        Only the Clerk removes a Clerk, and never the council's last one.
        """
        moment = utcnow()

        def work(session: Session) -> MemberView:
            members = MemberRepository(session)
            members.lock_roster()
            member = self._removal_allowed(session, actor, telegram_id)
            member.active = False
            member.monitor = False
            _revoke_calendar_unless_allowed(session, member, moment)
            AuditRepository(session).add(
                MemberChange(
                    actor_telegram_id=actor, member_telegram_id=telegram_id, action="removed"
                )
            )
            return _member_view(member)

        return await self._change(work)

    async def set_monitor(self, *, actor: int, telegram_id: int, monitor: bool) -> MemberView:
        """Nominate a councillor as a monitor (at most two), or stand one down.

        The count and the change are one transaction holding the roster's lock, so two
        nominations at the same moment cannot both see room for one more. A monitor stood
        down loses their cover calendar URL.
        """
        moment = utcnow()

        def work(session: Session) -> MemberView:
            members = MemberRepository(session)
            members.lock_roster()
            self._actor(session, actor, "monitor")
            member = self._active(session, telegram_id)
            if monitor and not member.monitor:
                if member.role != Role.COUNCILLOR:
                    raise MembershipError("Only councillors are nominated as monitors.")
                current = members.monitors()
                if len(current) >= MAX_MONITORS:
                    names = ", ".join(m.name for m in current)
                    raise MembershipError(
                        f"The policy allows up to two nominated monitors; {names} already are. "
                        "Stand one down first."
                    )
            member.monitor = monitor
            _revoke_calendar_unless_allowed(session, member, moment)
            AuditRepository(session).add(
                MemberChange(
                    actor_telegram_id=actor,
                    member_telegram_id=telegram_id,
                    action="monitor_on" if monitor else "monitor_off",
                )
            )
            return _member_view(member)

        return await self._change(work)

    async def check_role_change(self, *, actor: int, telegram_id: int, role: Role) -> None:
        """Raise :class:`MembershipError` if :meth:`change_role` would refuse; change nothing.

        For asking "are you sure?" only about a change that can be made.
        """
        await self._db.run(lambda s: self._role_change_allowed(s, actor, telegram_id, role))

    async def check_removal(self, *, actor: int, telegram_id: int) -> None:
        """Raise :class:`MembershipError` if :meth:`remove` would refuse; change nothing."""
        await self._db.run(lambda s: self._removal_allowed(s, actor, telegram_id))

    @classmethod
    def _role_change_allowed(
        cls, session: Session, actor: int, telegram_id: int, role: Role
    ) -> Member:
        """The member whose role ``actor`` may change to ``role``; else why not (raised)."""
        changer = Role(cls._actor(session, actor, "role").role)
        member = cls._active(session, telegram_id)
        old = Role(member.role)
        if not may_appoint(changer, role):
            raise MembershipError("Only the Clerk can make someone Clerk.")
        if not may_alter(changer, old):
            raise MembershipError("Only the Clerk can change a Clerk's role.")
        if (
            old is Role.CLERK
            and role is not Role.CLERK
            and _last_clerk(MemberRepository(session), member)
        ):
            raise MembershipError(
                f"{member.name} is the council's only Clerk: make someone else Clerk first."
            )
        return member

    @classmethod
    def _removal_allowed(cls, session: Session, actor: int, telegram_id: int) -> Member:
        """The member ``actor`` may remove; else why not (raised)."""
        remover = Role(cls._actor(session, actor, "remove").role)
        member = cls._active(session, telegram_id)
        if not may_alter(remover, Role(member.role)):
            raise MembershipError("Only the Clerk can remove a Clerk.")
        if member.role == Role.CLERK and _last_clerk(MemberRepository(session), member):
            raise MembershipError(
                "The council's only Clerk cannot be removed: make someone else Clerk first."
            )
        return member

    @staticmethod
    def _actor(session: Session, telegram_id: int, command: str) -> Member:
        """The active member making a change with ``command``, if their role may use it."""
        member = MemberRepository(session).get(telegram_id)
        if member is None or not member.active:
            raise MembershipError("Only a registered member can change the membership.")
        role = Role(member.role)
        if not allowed(role, command, monitor=member.monitor):
            raise MembershipError(f"The {role.label} cannot use /{command}.")
        return member

    @staticmethod
    def _active(session: Session, telegram_id: int) -> Member:
        member = MemberRepository(session).get(telegram_id)
        if member is None or not member.active:
            raise MembershipError(f"No registered member has the Telegram id {telegram_id}.")
        return member
