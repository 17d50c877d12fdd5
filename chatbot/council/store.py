"""The council's settings and the first run's setup code, kept in the database (#15).

Settings are the ``[council]`` values the Clerk can set in Telegram (:class:`Setting`), each
with where it came from (:class:`Source`); which one wins is decided by
:func:`chatbot.council.setup.effective_council`. The setup code is random, only its hash is
stored, and it is claimed once, by one conditional UPDATE: of two people sending it at the same
moment exactly one becomes the Clerk.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from chatbot.council.file import CouncilFile
from chatbot.council.setup import (
    STEPS,
    AnswerError,
    Setting,
    SettingValue,
    Source,
    Step,
    Stored,
    file_values,
)
from chatbot.db.base import utcnow
from chatbot.db.database import Database
from chatbot.db.models import CouncilSetting, Member, MemberChange, SetupCode

CODE_BYTES: Final[int] = 16
"""Random bytes in a setup code: 22 URL-safe characters, fit for a ``?start=`` link."""
_PROGRESS: Final[str] = "setup.progress"  # the setup questions answered or skipped
_PROGRESS_SOURCE: Final[str] = "setup"
_HANDLED: Final[str] = "setup.handled"  # the ids of the last updates setup mode handled
HANDLED_KEPT: Final[int] = 100
"""How many handled update ids setup mode remembers: more than one batch of ``getUpdates``."""
CODE_USED: Final[str] = "That setup code is not valid or was already used."


def _hash(code: str) -> str:
    return hashlib.sha256(code.strip().encode("utf-8")).hexdigest()


def _decode(raw: str) -> SettingValue | None:
    value = json.loads(raw)
    if isinstance(value, list):
        return tuple(str(item) for item in value)
    return None if value is None else str(value)


def _encode(value: SettingValue | None) -> str:
    return json.dumps(list(value) if isinstance(value, tuple) else value, ensure_ascii=False)


@dataclass(frozen=True, slots=True)
class Clerk:
    """The member who claimed the setup code."""

    telegram_id: int
    name: str


def _stored(session: Session) -> dict[Setting, Stored]:
    known = {setting.value: setting for setting in Setting}
    rows = session.scalars(select(CouncilSetting).where(CouncilSetting.key.in_(known)))
    return {known[row.key]: Stored(_decode(row.value), Source(row.source)) for row in rows}


def _put(
    session: Session, key: str, raw: str, *, source: str, by: int | None, now: datetime
) -> None:
    row = session.get(CouncilSetting, key)
    if row is None:
        row = CouncilSetting(key=key, value=raw, source=source, updated_by=by, updated_at=now)
        session.add(row)
    else:
        row.value, row.source, row.updated_by, row.updated_at = raw, source, by, now
    session.flush()


class CouncilSettingsStore:
    """The council's settings, the setup's progress and its code, backed by the database.

    Every method is one transaction, run in a worker thread (the ``_now`` variants are for
    start-up, before the event loop serves anything).
    """

    def __init__(self, database: Database) -> None:
        self._db = database

    # settings ---------------------------------------------------------------------------

    def stored_now(self) -> dict[Setting, Stored]:
        """Every stored setting (in this thread)."""
        return self._db.call(_stored)

    async def stored(self) -> dict[Setting, Stored]:
        """Every stored setting."""
        return await self._db.run(_stored)

    async def set(self, setting: Setting, value: SettingValue | None, *, by: int) -> None:
        """Keep ``value`` as set in Telegram by ``by``: it wins over the council file."""
        raw = _encode(value)
        now = utcnow()
        await self._db.run(
            lambda s: _put(s, setting.value, raw, source=Source.TELEGRAM, by=by, now=now)
        )

    def seed_now(self, file: CouncilFile) -> None:
        """Store the file's values, except those set in Telegram (which win)."""
        values = file_values(file)
        now = utcnow()

        def work(session: Session) -> None:
            stored = _stored(session)
            for setting, value in values.items():
                entry = stored.get(setting)
                if entry is not None and entry.source is Source.TELEGRAM:
                    continue
                if entry is not None and entry.value == value:
                    continue
                _put(session, setting.value, _encode(value), source=Source.FILE, by=None, now=now)

        self._db.call(work)

    # the setup's progress ---------------------------------------------------------------

    def done_now(self) -> frozenset[Step]:
        """The setup questions answered or skipped so far (in this thread)."""
        return self._db.call(_done)

    async def done(self) -> frozenset[Step]:
        """The setup questions answered or skipped so far."""
        return await self._db.run(_done)

    async def mark_done(self, step: Step, *, by: int | None) -> frozenset[Step]:
        """Record ``step`` as answered or skipped; every step done so far."""
        now = utcnow()

        def work(session: Session) -> frozenset[Step]:
            done = _done(session) | {step}
            raw = json.dumps([s.value for s in STEPS if s in done])
            _put(session, _PROGRESS, raw, source=_PROGRESS_SOURCE, by=by, now=now)
            return done

        return await self._db.run(work)

    # the updates setup mode handled --------------------------------------------------------

    def handled_now(self) -> frozenset[int]:
        """The ids of the last updates setup mode handled (in this thread).

        Telegram sends a batch again until a later ``getUpdates`` confirms it. When setup stops
        before it could confirm (or the confirmation fails), these are how the next start knows
        not to answer those messages twice.
        """
        return self._db.call(_handled)

    async def keep_handled(self, update_id: int) -> None:
        """Remember that setup mode handled ``update_id`` (the newest :data:`HANDLED_KEPT`)."""
        now = utcnow()

        def work(session: Session) -> None:
            row = session.get(CouncilSetting, _HANDLED)
            earlier = [] if row is None else [int(i) for i in json.loads(row.value)]
            kept = [*earlier, update_id][-HANDLED_KEPT:]
            _put(session, _HANDLED, json.dumps(kept), source=_PROGRESS_SOURCE, by=None, now=now)

        await self._db.run(work)

    # the setup code and the Clerk --------------------------------------------------------

    def issue_code_now(self) -> str:
        """A new setup code; any earlier unused one stops working. Only its hash is kept."""
        code = secrets.token_urlsafe(CODE_BYTES)

        def work(session: Session) -> None:
            session.execute(delete(SetupCode).where(SetupCode.used_at.is_(None)))
            session.add(SetupCode(code_hash=_hash(code), created_at=utcnow()))

        self._db.call(work)
        return code

    def anyone_now(self) -> bool:
        """Whether anyone at all is an active member (in this thread)."""
        return self._db.call(
            lambda s: (
                s.scalar(select(Member.id).where(Member.active.is_(True)).limit(1)) is not None
            )
        )

    def clerks_now(self) -> list[Clerk]:
        """The active Clerks (in this thread)."""
        return self._db.call(_clerks)

    async def clerk(self, telegram_id: int) -> Clerk | None:
        """The active Clerk with this Telegram id, if they are one."""
        clerks = await self._db.run(_clerks)
        return next((c for c in clerks if c.telegram_id == telegram_id), None)

    async def claim(self, code: str, *, telegram_id: int, name: str) -> Clerk:
        """Make whoever sends the setup code first the Clerk, named ``name``.

        ``AnswerError`` for a code that is not valid or was already used.
        """
        now = utcnow()
        code_hash = _hash(code)

        def work(session: Session) -> Clerk:
            claimed = session.execute(
                update(SetupCode)
                .where(SetupCode.code_hash == code_hash, SetupCode.used_at.is_(None))
                .values(used_at=now, used_by=telegram_id)
                .execution_options(synchronize_session=False)
            )
            if int(getattr(claimed, "rowcount", 0)) != 1:
                raise AnswerError(CODE_USED)
            member = session.scalar(select(Member).where(Member.telegram_id == telegram_id))
            if member is None:
                member = Member(telegram_id=telegram_id, name=name, role="clerk")
                session.add(member)
            else:
                member.active, member.role = True, "clerk"
            session.add(
                MemberChange(
                    actor_telegram_id=telegram_id,
                    member_telegram_id=telegram_id,
                    action="setup",
                    detail="role=clerk",
                    at=now,
                )
            )
            session.flush()
            return Clerk(telegram_id=member.telegram_id, name=member.name)

        return await self._db.run(work)

    async def rename(self, telegram_id: int, name: str) -> None:
        """The Clerk corrected their own name during setup."""

        def work(session: Session) -> None:
            member = session.scalar(select(Member).where(Member.telegram_id == telegram_id))
            if member is None:
                return
            member.name = name
            session.add(
                MemberChange(
                    actor_telegram_id=telegram_id,
                    member_telegram_id=telegram_id,
                    action="renamed",
                    detail="setup",
                )
            )

        await self._db.run(work)


def _done(session: Session) -> frozenset[Step]:
    row = session.get(CouncilSetting, _PROGRESS)
    if row is None:
        return frozenset()
    known = {step.value for step in Step}
    return frozenset(Step(value) for value in json.loads(row.value) if value in known)


def _handled(session: Session) -> frozenset[int]:
    row = session.get(CouncilSetting, _HANDLED)
    return frozenset() if row is None else frozenset(int(i) for i in json.loads(row.value))


def _clerks(session: Session) -> list[Clerk]:
    rows = session.scalars(
        select(Member).where(Member.role == "clerk", Member.active.is_(True)).order_by(Member.id)
    )
    return [Clerk(telegram_id=m.telegram_id, name=m.name) for m in rows]
