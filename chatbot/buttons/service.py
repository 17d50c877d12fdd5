"""The button store: buttons are issued with their meaning kept here, and checked when pressed.

:meth:`ButtonService.issue` stores a button (its kind, owner, payload and expiry) and returns
the callback data to put on it: a kind prefix and an opaque random id. When it is pressed,
:meth:`ButtonService.peek` says what it means, if the presser may press it at all (their own,
not expired, not used), and :meth:`ButtonService.take` uses it up, once, atomically. What the
presser may still do with it (are they still a member, is the group still served) is the press
handler's to check, each time.

Buttons that expired more than :data:`EXPIRED_KEPT` ago are forgotten as new ones are issued
(at most once every :data:`FORGET_EVERY` for each database, not with every button); until then
a press is told the button has expired rather than that it is not valid.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Final
from weakref import WeakKeyDictionary

from sqlalchemy.orm import Session

from chatbot.buttons.kinds import ID_BYTES, ButtonKind, Payload, callback_data, parse
from chatbot.buttons.repository import ButtonRepository
from chatbot.db.base import utcnow
from chatbot.db.database import Database
from chatbot.db.models import IssuedButton

EXPIRED_KEPT: Final[timedelta] = timedelta(days=30)
"""How long an expired button is remembered (to say "expired" rather than "not valid")."""
FORGET_EVERY: Final[timedelta] = timedelta(hours=1)
"""How often issuing a button also forgets the long-expired ones (a delete of its own)."""
_forgotten_at: WeakKeyDictionary[object, datetime] = WeakKeyDictionary()  # by database engine


class Refusal(StrEnum):
    """Why a press does nothing; :attr:`message` is what the presser is told."""

    UNKNOWN = "unknown"  # not data we made: forged, garbage, or long forgotten
    NOT_YOURS = "not_yours"
    USED = "used"
    EXPIRED = "expired"

    @property
    def message(self) -> str:
        """The short answer to the press."""
        return _MESSAGES[self]


_MESSAGES: Final[dict[Refusal, str]] = {
    Refusal.UNKNOWN: "This button is no longer valid.",
    Refusal.NOT_YOURS: "This button is not for you.",
    Refusal.USED: "This has already been done.",
    Refusal.EXPIRED: "This button has expired.",
}


@dataclass(frozen=True, slots=True)
class ButtonPress:
    """A pressed button, as issued: what it means and whose it is."""

    id: str
    kind: ButtonKind
    group_id: str
    owner_id: int
    payload: Mapping[str, object]
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None = None


def issue_in(
    session: Session,
    kind: ButtonKind,
    *,
    owner_id: int,
    payload: Payload,
    now: datetime,
    ttl: timedelta | None = None,
    group_id: str | None = None,
) -> str:
    """Store a button within the caller's transaction; its callback data.

    For a feature that issues a button with other work that must happen with it (moderation
    stores a removal and its buttons together). ``group_id`` joins it to buttons used up
    together with it; alone, it is its own group.
    """
    button_id = secrets.token_urlsafe(ID_BYTES)
    repository = ButtonRepository(session)
    _forget_expired_now_and_then(session, repository, now)
    repository.add(
        IssuedButton(
            id=button_id,
            kind=kind.value,
            group_id=group_id or button_id,
            owner_telegram_id=owner_id,
            payload=json.dumps(dict(payload), ensure_ascii=False),
            created_at=now,
            expires_at=now + (ttl if ttl is not None else kind.ttl),
        )
    )
    return callback_data(kind, button_id)


def _forget_expired_now_and_then(
    session: Session, repository: ButtonRepository, now: datetime
) -> None:
    bind = session.get_bind()
    engine = getattr(bind, "engine", bind)  # a connection's engine, or the engine itself
    last = _forgotten_at.get(engine)
    if last is not None and last <= now < last + FORGET_EVERY:
        return
    repository.forget_expired(now - EXPIRED_KEPT)
    _forgotten_at[engine] = now


def _press(row: IssuedButton, kind: ButtonKind) -> ButtonPress | None:
    try:
        payload = json.loads(row.payload)
    except json.JSONDecodeError:
        return None
    if not isinstance(payload, dict):
        return None
    return ButtonPress(
        id=row.id,
        kind=kind,
        group_id=row.group_id,
        owner_id=row.owner_telegram_id,
        payload=payload,
        created_at=row.created_at,
        expires_at=row.expires_at,
        used_at=row.used_at,
    )


def _check(
    session: Session, data: str | None, *, presser_id: int, now: datetime
) -> ButtonPress | Refusal:
    parsed = parse(data)
    if parsed is None:
        return Refusal.UNKNOWN
    kind, button_id = parsed
    row = ButtonRepository(session).get(button_id)
    if row is None or row.kind != kind.value:
        return Refusal.UNKNOWN
    press = _press(row, kind)
    if press is None:
        return Refusal.UNKNOWN
    if press.owner_id != presser_id:
        return Refusal.NOT_YOURS
    if kind.single_use and press.used_at is not None:
        return Refusal.USED
    if now >= press.expires_at:
        return Refusal.EXPIRED
    return press


class ButtonService:
    """Issues buttons and checks presses against what was issued."""

    def __init__(self, database: Database, *, clock: Callable[[], datetime] = utcnow) -> None:
        self._db = database
        self._clock = clock

    async def issue(
        self,
        kind: ButtonKind,
        *,
        owner_id: int,
        payload: Payload,
        ttl: timedelta | None = None,
    ) -> str:
        """Store a button only ``owner_id`` may press; its callback data (``ttl``: the kind's)."""
        (data,) = await self.issue_group([(kind, payload)], owner_id=owner_id, ttl=ttl)
        return data

    async def issue_group(
        self,
        buttons: Sequence[tuple[ButtonKind, Payload]],
        *,
        owner_id: int,
        ttl: timedelta | None = None,
    ) -> list[str]:
        """Store buttons that are used up together (pressing one uses all); their data."""
        now = self._clock()

        def work(session: Session) -> list[str]:
            group_id = secrets.token_urlsafe(ID_BYTES)
            return [
                issue_in(
                    session,
                    kind,
                    owner_id=owner_id,
                    payload=payload,
                    now=now,
                    ttl=ttl,
                    group_id=group_id,
                )
                for kind, payload in buttons
            ]

        return await self._db.run(work)

    async def peek(self, data: str | None, *, presser_id: int) -> ButtonPress | Refusal:
        """What the button means, if ``presser_id`` may press it now; else why not."""
        now = self._clock()
        return await self._db.run(lambda s: _check(s, data, presser_id=presser_id, now=now))

    async def take(self, data: str | None, *, presser_id: int) -> ButtonPress | Refusal:
        """Use the button up (with its group), once: the press that wins, or why not.

        A button that is not single-use is only checked, as :meth:`peek` does.
        """
        now = self._clock()

        def work(session: Session) -> ButtonPress | Refusal:
            checked = _check(session, data, presser_id=presser_id, now=now)
            if isinstance(checked, Refusal) or not checked.kind.single_use:
                return checked
            if not ButtonRepository(session).use_group(checked.group_id, at=now):
                return Refusal.USED  # pressed twice at once: the other press won
            return replace(checked, used_at=now)

        return await self._db.run(work)

    async def release(self, press: ButtonPress) -> None:
        """Make a taken button usable again: what it was to do did not happen."""
        if press.used_at is None:
            return
        used_at = press.used_at
        await self._db.run(
            lambda s: ButtonRepository(s).release_group(press.group_id, used_at=used_at)
        )
