"""The register of Freedom of Information and subject-access requests, and their reminders.

A request gets a reference (``FOI-2026-001``, ``SAR-2026-001``: sequential per kind and per
year of receipt) and its statutory due date when it is opened. While it is open it holds
records back from disposal (:func:`open_holds`, for the retention job) and the Clerks are
reminded five working days before it is due, one working day before, on the day and once when
it is overdue. Each reminder is recorded by its key in ``sent_notices`` once sent, so it is sent
once; one that fell due while the bot was down is sent late, marked late, and says so.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum
from typing import Final
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from chatbot.db.base import utcnow
from chatbot.db.database import Database, DatabaseError
from chatbot.db.models import InfoRequest, Member
from chatbot.db.sent_notices import mark_sent, sent_keys
from chatbot.errors import CouncilbotError
from chatbot.record.service import fold_name
from chatbot.requests.deadlines import (
    FOI_WORKING_DAYS,
    OVERDUE,
    foi_due,
    reminder_days,
    sar_due,
    working_days_between,
)

logger = logging.getLogger(__name__)

DEFAULT_ZONE: Final[str] = "Europe/London"
# Reminders are due from this local time on their day: the start of office hours.
REMINDER_TIME: Final[time] = time(9, 0)
OPEN, CLOSED = "open", "closed"
_ALIAS_SEPARATOR: Final[str] = "|"
_NAME_LIMIT: Final[int] = 255
_OPEN_ATTEMPTS: Final[int] = 8  # each round of a race has a winner: enough for 8 openers
_DAY: Final[str] = "%a %d %b %Y"


class RequestKind(StrEnum):
    """What kind of request: Freedom of Information, or a subject-access request."""

    FOI = "foi"
    SAR = "sar"

    @property
    def label(self) -> str:
        """The kind as the Clerk reads it."""
        return "FOI request" if self is RequestKind.FOI else "subject-access request"


class RequestError(CouncilbotError):
    """A register change was refused; the message says why, in plain words."""


@dataclass(frozen=True, slots=True)
class RequestView:
    """A request in the register as the rest of the bot sees it."""

    reference: str
    kind: RequestKind
    requester: str
    subject: str
    aliases: tuple[str, ...]
    received_on: date
    due_on: date
    status: str
    opened_by: int
    opened_at: datetime
    closed_by: int | None = None
    closed_at: datetime | None = None

    @property
    def is_open(self) -> bool:
        """Whether the request is still being answered."""
        return self.status == OPEN

    def days_left(self, today: date) -> int:
        """Days until it is due (negative when overdue): working days for FOI, else calendar."""
        if self.kind is RequestKind.FOI:
            return working_days_between(today, self.due_on)
        return (self.due_on - today).days

    def days_left_text(self, today: date) -> str:
        """``3 working days left``, ``due today`` or ``OVERDUE by 2 calendar days``."""
        left = self.days_left(today)
        unit = "working day" if self.kind is RequestKind.FOI else "calendar day"
        if left == 0:
            return "due today"
        count = abs(left)
        plural = f"{count} {unit}{'' if count == 1 else 's'}"
        return f"{plural} left" if left > 0 else f"OVERDUE by {plural}"


@dataclass(frozen=True, slots=True)
class Hold:
    """An open request that keeps records from disposal.

    For a SAR, ``names`` are the subject's name and aliases and ``telegram_id`` is theirs when
    the name is a (current or former) member's; an open FOI has no names and holds everything.
    """

    reference: str
    kind: RequestKind
    received_on: date
    names: tuple[str, ...]
    telegram_id: int | None


@dataclass(frozen=True, slots=True)
class Reminder:
    """A reminder due to the Clerks about one open request."""

    key: str
    reference: str
    label: str
    day: date
    late: bool
    text: str


def _aliases(stored: str) -> tuple[str, ...]:
    return tuple(a for a in stored.split(_ALIAS_SEPARATOR) if a)


def _view(row: InfoRequest) -> RequestView:
    return RequestView(
        reference=row.reference,
        kind=RequestKind(row.kind),
        requester=row.requester,
        subject=row.subject,
        aliases=_aliases(row.aliases),
        received_on=row.received_on,
        due_on=row.due_on,
        status=row.status,
        opened_by=row.opened_by,
        opened_at=row.opened_at,
        closed_by=row.closed_by,
        closed_at=row.closed_at,
    )


def due_on(kind: RequestKind, received: date) -> date:
    """The statutory due date of a request of ``kind`` received on ``received``."""
    return foi_due(received) if kind is RequestKind.FOI else sar_due(received)


def deadline_text(kind: RequestKind) -> str:
    """How the time limit is counted, for the confirmation."""
    if kind is RequestKind.FOI:
        return f"{FOI_WORKING_DAYS} working days"
    return "one calendar month"


def reference_prefix(kind: RequestKind, year: int) -> str:
    """``FOI-2026-``: the references of one kind and year share it."""
    return f"{kind.value.upper()}-{year}-"


class RequestRepository:
    """The ``info_requests`` table; never commits."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def by_reference(self, reference: str) -> InfoRequest | None:
        """The request with this reference."""
        return self._session.scalar(select(InfoRequest).where(InfoRequest.reference == reference))

    def open(self) -> Sequence[InfoRequest]:
        """Open requests, the soonest due first."""
        return self._session.scalars(
            select(InfoRequest)
            .where(InfoRequest.status == OPEN)
            .order_by(InfoRequest.due_on, InfoRequest.reference)
        ).all()

    def next_number(self, prefix: str) -> int:
        """One more than the highest number used after ``prefix``."""
        used = self._session.scalars(
            select(InfoRequest.reference).where(InfoRequest.reference.startswith(prefix))
        ).all()
        numbers = [int(ref[len(prefix) :]) for ref in used if ref[len(prefix) :].isdigit()]
        return max(numbers, default=0) + 1

    def add(self, request: InfoRequest) -> InfoRequest:
        """Store a new request (the reference's uniqueness is checked here, by the database)."""
        self._session.add(request)
        self._session.flush()
        return request


def open_holds(session: Session) -> list[Hold]:
    """Every open request as a hold, inside the caller's transaction (for the retention job)."""
    members: dict[str, int] = {}
    rows = select(Member.name, Member.telegram_id).order_by(Member.active.desc(), Member.id)
    for name, member_id in session.execute(rows):
        members.setdefault(fold_name(name), member_id)
    holds: list[Hold] = []
    for row in RequestRepository(session).open():
        kind = RequestKind(row.kind)
        names: tuple[str, ...] = ()
        telegram_id: int | None = None
        if kind is RequestKind.SAR:
            names = (row.subject, *_aliases(row.aliases))
            telegram_id = next(
                (members[fold_name(n)] for n in names if fold_name(n) in members), None
            )
        holds.append(
            Hold(
                reference=row.reference,
                kind=kind,
                received_on=row.received_on,
                names=names,
                telegram_id=telegram_id,
            )
        )
    return holds


def _clean(text: str, what: str) -> str:
    cleaned = " ".join(text.split())
    if not cleaned:
        raise RequestError(f"The {what} is missing.")
    if len(cleaned) > _NAME_LIMIT:
        raise RequestError(f"The {what} is too long (at most {_NAME_LIMIT} characters).")
    return cleaned


def _is_race(exc: DatabaseError) -> bool:
    """A reference taken by a concurrent opener (or SQLite's writer lock): worth retrying."""
    return isinstance(exc.__cause__, IntegrityError | OperationalError)


class RequestService:
    """The FOI / SAR register, backed by the database."""

    def __init__(self, database: Database, *, zone: ZoneInfo | None = None) -> None:
        self._db = database
        self._zone = zone or ZoneInfo(DEFAULT_ZONE)

    @property
    def zone(self) -> ZoneInfo:
        """The council's time zone: what "today" means for the register."""
        return self._zone

    def today(self, now: datetime | None = None) -> date:
        """The council's local date at ``now`` (default: the present moment)."""
        return (now or utcnow()).astimezone(self._zone).date()

    async def open(
        self,
        *,
        kind: RequestKind,
        requester: str,
        subject: str,
        opened_by: int,
        aliases: Sequence[str] = (),
        received_on: date | None = None,
        now: datetime | None = None,
    ) -> RequestView:
        """Open a request and give it its reference and due date.

        ``received_on`` defaults to today in the council's time zone and may not be later.
        For a SAR, ``subject`` is the person whose data is asked for and ``aliases`` their
        other names; for an FOI, ``subject`` is what is asked.
        """
        moment = now or utcnow()
        today = self.today(moment)
        received = received_on or today
        if received > today:
            raise RequestError("The date received cannot be in the future.")
        requester = _clean(requester, "requester")
        subject = _clean(subject, "person" if kind is RequestKind.SAR else "request")
        cleaned = tuple(dict.fromkeys(_clean(a, "alias") for a in aliases if a.strip()))
        prefix = reference_prefix(kind, received.year)

        def work(session: Session) -> RequestView:
            requests = RequestRepository(session)
            row = requests.add(
                InfoRequest(
                    reference=f"{prefix}{requests.next_number(prefix):03d}",
                    kind=kind.value,
                    requester=requester,
                    subject=subject,
                    aliases=_ALIAS_SEPARATOR.join(cleaned),
                    received_on=received,
                    due_on=due_on(kind, received),
                    status=OPEN,
                    opened_by=opened_by,
                    opened_at=moment,
                )
            )
            return _view(row)

        attempt = 1
        while True:
            try:
                view = await self._db.run(work)
            except DatabaseError as exc:
                if attempt == _OPEN_ATTEMPTS or not _is_race(exc):
                    raise
                logger.info("request reference race on %s, attempt=%s", prefix, attempt)
                attempt += 1
                continue
            logger.info("request opened reference=%s by=%s", view.reference, opened_by)
            return view

    async def open_requests(self) -> list[RequestView]:
        """Every open request, the soonest due first."""
        return await self._db.run(lambda s: [_view(r) for r in RequestRepository(s).open()])

    async def get(self, reference: str) -> RequestView | None:
        """The request with this reference (any case), open or closed."""
        wanted = reference.strip().upper()

        def work(session: Session) -> RequestView | None:
            row = RequestRepository(session).by_reference(wanted)
            return _view(row) if row else None

        return await self._db.run(work)

    async def close(
        self, reference: str, *, closed_by: int, now: datetime | None = None
    ) -> RequestView:
        """Close an open request: answered, refused or withdrawn; who and when are kept."""
        wanted = reference.strip().upper()
        moment = now or utcnow()

        def work(session: Session) -> RequestView:
            row = RequestRepository(session).by_reference(wanted)
            if row is None:
                raise RequestError(f"There is no request {wanted} in the register.")
            if row.status != OPEN:
                raise RequestError(f"{wanted} is already closed.")
            row.status, row.closed_by, row.closed_at = CLOSED, closed_by, moment
            return _view(row)

        view = await self._db.run(work)
        logger.info("request closed reference=%s by=%s", view.reference, closed_by)
        return view

    async def due_reminders(self, now: datetime) -> list[Reminder]:
        """The reminders to send at ``now``: per open request, the newest one due, if unsent."""

        def work(session: Session) -> list[Reminder]:
            rows = [_view(r) for r in RequestRepository(session).open()]
            keys = [
                reminder_key(r.reference, label)
                for r in rows
                for label, _ in reminder_days(r.due_on)
            ]
            sent = sent_keys(session, keys) if keys else set()
            reminders = (self.reminder_for(r, now=now) for r in rows)
            return [r for r in reminders if r is not None and r.key not in sent]

        return await self._db.run(work)

    def reminder_for(self, request: RequestView, *, now: datetime) -> Reminder | None:
        """The newest reminder of ``request`` due at ``now``, sent or not; ``None`` before any."""
        today = self.today(now)
        local = now.astimezone(self._zone)
        due = [
            (label, day)
            for label, day in reminder_days(request.due_on)
            if datetime.combine(day, REMINDER_TIME, tzinfo=self._zone) <= local
        ]
        if not due or not request.is_open:
            return None
        label, day = due[-1]
        # Late: it fell due on an earlier day while the request was already in the register (a
        # request registered after the day is reminded at once, which is not late).
        late = self.today(request.opened_at) <= day < today
        return Reminder(
            key=reminder_key(request.reference, label),
            reference=request.reference,
            label=label,
            day=day,
            late=late,
            text=_reminder_text(request, label=label, day=day, today=today, late=late),
        )

    async def mark_sent(self, reminder: Reminder, *, now: datetime | None = None) -> bool:
        """Record that ``reminder`` was sent; ``False`` when it already was."""
        moment = now or utcnow()
        marked = await mark_sent(self._db, reminder.key, at=moment, late=reminder.late)
        if marked:
            logger.info("reminder sent key=%s late=%s", reminder.key, reminder.late)
        return marked


def reminder_key(reference: str, label: str) -> str:
    """The idempotency key of one reminder: ``request:FOI-2026-001:due-5``."""
    return f"request:{reference}:{label}"


def _reminder_text(request: RequestView, *, label: str, day: date, today: date, late: bool) -> str:
    """What the Clerks are told; no names, only the reference (the register has the rest)."""
    due = request.due_on.strftime(_DAY)
    if label == OVERDUE:
        body = f"{request.reference} ({request.kind.label}) is overdue: it was due {due}"
    else:
        body = f"{request.reference} ({request.kind.label}) is due {due}"
    text = f"Reminder: {body} — {request.days_left_text(today)}. Use /requests to see the register."
    if late:
        text = f"Late reminder (it was due {day.strftime(_DAY)}, while I was not running). " + text
    return text
