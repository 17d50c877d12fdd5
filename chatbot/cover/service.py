"""Leave cover over the database: recording leave and unavailability, and who is on duty.

The decision itself is :mod:`chatbot.cover.duty` (pure); this service reads the staff and the
absences it needs and writes absences. Every notice, alert route and table is derived from
what is stored here, so a restart in the middle of a leave period resumes cover exactly.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Final
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from chatbot.core.access import Role, may_see_cover
from chatbot.core.dates import shown_day
from chatbot.cover.duty import Absence, DutyNow, Gap, Period, Staff, cover_periods, on_duty
from chatbot.cover.office_hours import OfficeHours
from chatbot.cover.routing import AlertRoute, alert_recipients
from chatbot.db.base import utcnow
from chatbot.db.database import Database
from chatbot.db.models import Absence as AbsenceRow
from chatbot.db.models import Member
from chatbot.db.repositories import CalendarFeedRepository
from chatbot.errors import CouncilbotError

MAX_ABSENCE_DAYS: Final[int] = 366
_ROLES: Final[frozenset[str]] = frozenset(Role)


class AbsenceKind(StrEnum):
    """Leave (the Clerk and Assistant Clerk) or unavailability (a monitor)."""

    LEAVE = "leave"
    UNAVAILABLE = "unavailable"


class CoverError(CouncilbotError):
    """A leave change was refused; the message says why, in plain words."""


class OverlappingAbsenceError(CoverError):
    """The member already has an absence on some of those days: :attr:`existing`.

    Booking the same days twice (or a span that overlaps an absence already booked) is
    refused rather than merged: the existing one is named, to cancel or keep.
    """

    def __init__(self, existing: AbsenceView) -> None:
        self.existing = existing
        super().__init__(
            f"There is already {existing.kind.value} {existing.id} from "
            f"{shown_day(existing.starts_on)} to {shown_day(existing.ends_on)} on those days."
        )


@dataclass(frozen=True, slots=True)
class AbsenceView:
    """A recorded absence."""

    id: int
    member_id: int
    kind: AbsenceKind
    starts_on: date
    ends_on: date
    reason: str
    recorded_by: int

    @property
    def days(self) -> int:
        """How many days it lasts."""
        return (self.ends_on - self.starts_on).days + 1

    def as_absence(self) -> Absence:
        """What the duty decision needs of it."""
        return Absence(self.member_id, self.starts_on, self.ends_on, self.reason)


def _view(row: AbsenceRow) -> AbsenceView:
    return AbsenceView(
        id=row.id,
        member_id=row.member_telegram_id,
        kind=AbsenceKind(row.kind),
        starts_on=row.starts_on,
        ends_on=row.ends_on,
        reason=row.reason,
        recorded_by=row.recorded_by,
    )


def staff_in(session: Session) -> Staff:
    """The active clerks, assistant clerks and nominated monitors, within a transaction."""
    rows = session.execute(
        select(Member.telegram_id, Member.role, Member.monitor)
        .where(Member.active.is_(True))
        .order_by(Member.id)
    ).all()
    return Staff(
        clerks=tuple(t for t, role, _ in rows if role == Role.CLERK),
        assistant_clerks=tuple(t for t, role, _ in rows if role == Role.ASSISTANT_CLERK),
        monitors=tuple(t for t, _, monitor in rows if monitor),
    )


def absences_in(session: Session, first: date, last: date) -> list[AbsenceView]:
    """The absences (not cancelled) that overlap ``first`` to ``last``, within a transaction."""
    rows = session.scalars(
        select(AbsenceRow)
        .where(
            AbsenceRow.cancelled_at.is_(None),
            AbsenceRow.starts_on <= last,
            AbsenceRow.ends_on >= first,
        )
        .order_by(AbsenceRow.starts_on, AbsenceRow.id)
    )
    return [_view(row) for row in rows]


def _check_free(session: Session, member_id: int, first: date, last: date) -> None:
    """Refuse an absence on days the member already has one (not cancelled) on."""
    booked = [a for a in absences_in(session, first, last) if a.member_id == member_id]
    if booked:
        raise OverlappingAbsenceError(booked[0])


class CoverService:
    """Leave, unavailability and duty for one council."""

    def __init__(
        self,
        database: Database,
        *,
        zone: ZoneInfo,
        hours: OfficeHours,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._db = database
        self.zone = zone
        self.hours = hours
        self._clock = clock

    def today(self, now: datetime | None = None) -> date:
        """Today in the council's time zone."""
        return (now or self._clock()).astimezone(self.zone).date()

    async def record(
        self,
        *,
        member_id: int,
        kind: AbsenceKind,
        starts_on: date,
        ends_on: date,
        reason: str = "",
        recorded_by: int,
    ) -> AbsenceView:
        """Record an absence, unless :meth:`check` refuses it (then its :class:`CoverError`)."""
        self._check_days(starts_on, ends_on)

        def work(session: Session) -> AbsenceView:
            _check_free(session, member_id, starts_on, ends_on)
            row = AbsenceRow(
                member_telegram_id=member_id,
                kind=kind.value,
                starts_on=starts_on,
                ends_on=ends_on,
                reason=" ".join(reason.split())[:255],
                recorded_by=recorded_by,
                recorded_at=self._clock(),
            )
            session.add(row)
            session.flush()
            return _view(row)

        return await self._db.run(work)

    async def check(self, *, member_id: int, starts_on: date, ends_on: date) -> None:
        """Raise the :class:`CoverError` :meth:`record` would for this absence, or nothing.

        Refused: an absence that ends before it starts, lasts over :data:`MAX_ABSENCE_DAYS` or
        is over; and (:class:`OverlappingAbsenceError`) one on days the member already has an
        absence, not cancelled: the same span twice, or one overlapping it.
        """
        self._check_days(starts_on, ends_on)
        await self._db.run(lambda session: _check_free(session, member_id, starts_on, ends_on))

    def _check_days(self, starts_on: date, ends_on: date) -> None:
        if ends_on < starts_on:
            raise CoverError("The leave ends before it starts.")
        if (ends_on - starts_on).days + 1 > MAX_ABSENCE_DAYS:
            raise CoverError(f"Leave is recorded at most {MAX_ABSENCE_DAYS} days at a time.")
        if ends_on < self.today():
            raise CoverError("That leave is already over.")

    async def cancel(self, absence_id: int, *, cancelled_by: int) -> AbsenceView:
        """Cancel an absence; one already under way ends yesterday instead (what is returned).

        The days already taken stay on the schedule, so the cover that happened is still
        known (its end-of-leave summary is sent).
        """
        today = self.today()

        def work(session: Session) -> AbsenceView:
            row = session.get(AbsenceRow, absence_id)
            if row is None or row.cancelled_at is not None or row.ends_on < today:
                raise CoverError(f"There is no leave numbered {absence_id} still to come.")
            if row.starts_on < today:
                row.ends_on = today - timedelta(days=1)
            else:
                row.cancelled_at = self._clock()
                row.cancelled_by = cancelled_by
            return _view(row)

        return await self._db.run(work)

    async def get(self, absence_id: int) -> AbsenceView | None:
        """An absence that is not cancelled, by its number."""

        def work(session: Session) -> AbsenceView | None:
            row = session.get(AbsenceRow, absence_id)
            return _view(row) if row is not None and row.cancelled_at is None else None

        return await self._db.run(work)

    async def upcoming(
        self, *, member_id: int | None = None, days: int = MAX_ABSENCE_DAYS
    ) -> list[AbsenceView]:
        """Absences not yet over (of one member, or everyone's), soonest first."""
        first = self.today()

        def work(session: Session) -> list[AbsenceView]:
            found = absences_in(session, first, first + timedelta(days=days))
            return [a for a in found if member_id is None or a.member_id == member_id]

        return await self._db.run(work)

    async def duty_at(self, moment: datetime | None = None) -> DutyNow:
        """Who is on duty at ``moment`` (now by default)."""
        when = moment or self._clock()
        day = self.today(when)

        def work(session: Session) -> tuple[Staff, list[AbsenceView]]:
            return staff_in(session), absences_in(session, day, day)

        staff, absences = await self._db.run(work)
        return on_duty(
            when,
            staff=staff,
            absences=[a.as_absence() for a in absences],
            hours=self.hours,
            zone=self.zone,
        )

    async def periods(self, *, first: date | None = None, days: int = 60) -> list[Period]:
        """Who is on duty over ``days`` days from ``first`` (today), merged into periods."""
        start = first or self.today()
        last = start + timedelta(days=days - 1)

        def work(session: Session) -> tuple[Staff, list[AbsenceView]]:
            return staff_in(session), absences_in(session, start, last)

        staff, absences = await self._db.run(work)
        return cover_periods(start, days, staff, [a.as_absence() for a in absences])

    # Alert routing and calendar feeds (added for /cover and the duty routing) ----------------

    async def alert_route(self, moment: datetime | None = None) -> AlertRoute:
        """Who gets a moderation alert at ``moment`` (now): see :mod:`chatbot.cover.routing`."""
        duty = await self.duty_at(moment)

        def work(session: Session) -> list[int]:
            return list(
                session.scalars(
                    select(Member.telegram_id)
                    .where(
                        Member.active.is_(True),
                        Member.role.in_([Role.CLERK.value, Role.CHAIR.value]),
                    )
                    .order_by(Member.id)
                )
            )

        clerks_and_chairs = await self._db.run(work) if isinstance(duty.cover, Gap) else []
        return alert_recipients(duty.cover, clerks_and_chairs=clerks_and_chairs)

    async def link_calendar(self, member_id: int) -> str:
        """A new secret calendar token for a member, earlier ones revoked; only its hash is kept."""
        token = secrets.token_urlsafe(FEED_TOKEN_BYTES)
        now = self._clock()

        def work(session: Session) -> None:
            feeds = CalendarFeedRepository(session)
            feeds.revoke(member_id, at=now)
            feeds.add(member_id, feed_hash(token), at=now)

        await self._db.run(work)
        return token

    async def unlink_calendar(self, member_id: int) -> bool:
        """Revoke a member's calendar URL; whether there was one."""
        now = self._clock()
        return await self._db.run(
            lambda session: CalendarFeedRepository(session).revoke(member_id, at=now) > 0
        )

    async def calendar_member(self, token: str) -> int | None:
        """The member whose live calendar token this is, while they may see the cover calendar.

        Asked on every request: the token must not be revoked, and its member must be active and
        hold, now, a role (or a monitor's nomination) that may see the cover calendar. Their
        tokens are revoked when they lose it (see :class:`~chatbot.members.service.MemberService`);
        this check holds whatever changed the database.
        """
        wanted = feed_hash(token)

        def work(session: Session) -> int | None:
            found = CalendarFeedRepository(session).owner(wanted)
            if found is None or not hmac.compare_digest(found[0], wanted):
                return None
            owner = found[1]
            if owner.role not in _ROLES or not may_see_cover(
                Role(owner.role), monitor=owner.monitor
            ):
                return None
            return owner.telegram_id

        return await self._db.run(work)


FEED_TOKEN_BYTES: Final[int] = 24


def feed_hash(token: str) -> str:
    """What is stored of a calendar token: its SHA-256, hex."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
