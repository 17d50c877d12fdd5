"""Leave cover notices over the database: due, composed, sent once, marked.

On every tick the cover periods are worked out afresh from the stored leave (nothing is kept
in memory), every notice that is due and not yet in ``sent_notices`` is composed
(:mod:`chatbot.cover.notices`), and :meth:`CoverNoticeService.deliver` sends each one and
records its key only once Telegram has accepted it. So a restart in the middle of a leave
resumes exactly where it was, and a notice that fell due while the bot was down is sent late,
marked late, and says so.

Each key names one notice to one recipient. A recipient who cannot be reached (403: they never
started a private chat with the bot or blocked it; 400: no such chat) is logged by id and
retried on the next ticks, at most :data:`MAX_UNREACHABLE_ATTEMPTS` times per notice while
this process runs; any other Telegram error (a network fault) is retried on every tick while
the notice is still of use.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Final
from zoneinfo import ZoneInfo

from sqlalchemy import distinct, func, select
from sqlalchemy.orm import Session

from chatbot.core.access import Role
from chatbot.core.actions import Failure, Outbox, Send
from chatbot.council.file import CouncilFile
from chatbot.cover.duty import Gap, OnDuty, Period, Staff, cover_periods
from chatbot.cover.notices import (
    GAP_HORIZON_DAYS,
    NOTICE_TIME,
    RECENT_DAYS,
    REVIEW_LATE_DAYS,
    SUMMARY_DAYS,
    Activity,
    Leave,
    NoticeKind,
    RequestLine,
    ReviewLine,
    Stint,
    asks_for_clerk,
    at_notice_time,
    before_text,
    day_start,
    gap_key,
    gap_text,
    group_text,
    handover_text,
    is_late,
    late_text,
    leaves,
    month_before,
    notice_key,
    out_of_office_key,
    out_of_office_text,
    review_key,
    review_text,
    standing_gap_text,
    stints,
    summary_text,
)
from chatbot.cover.service import AbsenceView, absences_in, staff_in
from chatbot.db.base import utcnow
from chatbot.db.database import Database
from chatbot.db.models import Absence as AbsenceRow
from chatbot.db.models import (
    Chat,
    InfoRequest,
    Member,
    ModerationEvent,
    RecordEntry,
    ReviewRequest,
    SentNotice,
    Strike,
)
from chatbot.db.sent_notices import mark_sent, sent_keys
from chatbot.moderation.reviews import open_reviews_in
from chatbot.requests.service import RequestRepository
from policy_checks import Action

logger = logging.getLogger(__name__)

MAX_UNREACHABLE_ATTEMPTS: Final[int] = 5
# Someone who never started the bot or blocked it, or a chat that is gone: counted, not retried.
UNREACHABLE: Final[frozenset[Failure]] = frozenset(
    {Failure.FORBIDDEN, Failure.GONE, Failure.REFUSED}
)


@dataclass(frozen=True, slots=True)
class Notice:
    """One message due to one chat, sent once by its key."""

    key: str
    chat_id: int
    text: str
    due: datetime
    late: bool = False


@dataclass(frozen=True, slots=True)
class _Due:
    """A notice that is due, before its text is composed."""

    key: str
    chat_id: int
    kind: NoticeKind
    due: datetime
    known_at: datetime | None
    subject: Stint | Leave | Period | date | str


@dataclass(slots=True)
class _Facts:
    """What one tick read from the database."""

    staff: Staff
    periods: list[Period]
    absences: list[AbsenceView]
    recorded_at: dict[int, datetime]
    clerks: tuple[int, ...]
    chairs: tuple[int, ...]
    official_chats: tuple[int, ...]
    names: dict[int, str] = field(default_factory=dict)


def _span(session: Session, first: date, last: date) -> tuple[date, date]:
    """Widen ``first``..``last`` over every chain of touching leave, plus a clear day each side.

    So each period inside has its true extent, and the first and last periods are the cover
    there is without any leave.
    """
    live = AbsenceRow.cancelled_at.is_(None)
    while True:
        earlier = session.scalar(
            select(func.min(AbsenceRow.starts_on)).where(
                live, AbsenceRow.starts_on < first, AbsenceRow.ends_on >= first - timedelta(1)
            )
        )
        if earlier is None:
            break
        first = earlier
    while True:
        later = session.scalar(
            select(func.max(AbsenceRow.ends_on)).where(
                live, AbsenceRow.ends_on > last, AbsenceRow.starts_on <= last + timedelta(1)
            )
        )
        if later is None:
            break
        last = later
    return first - timedelta(days=1), last + timedelta(days=1)


def _role_ids(session: Session, role: Role) -> tuple[int, ...]:
    return tuple(
        session.scalars(
            select(Member.telegram_id)
            .where(Member.active.is_(True), Member.role == role.value)
            .order_by(Member.id)
        )
    )


class CoverNoticeService:
    """The leave cover notices, gap alerts, policy review reminders and out-of-office replies."""

    def __init__(
        self,
        database: Database,
        *,
        council: CouncilFile,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._db = database
        self.zone = council.council.zone
        self.hours = council.council.hours
        self._office_hours = council.council.office_hours
        self._review_on = council.council.policy_review_date
        self._tell_group = council.cover.tell_group
        self._clock = clock
        self._attempts: Counter[str] = Counter()

    def today(self, now: datetime) -> date:
        """The council's local date at ``now``."""
        return now.astimezone(self.zone).date()

    # what is due -------------------------------------------------------------------------

    async def due(self, now: datetime | None = None) -> list[Notice]:
        """Every notice due at ``now`` and not yet sent, composed."""
        moment = now or self._clock()
        return await self._db.run(lambda session: self._due_in(session, moment))

    def _due_in(self, session: Session, now: datetime) -> list[Notice]:
        facts = self._facts(session, now)
        planned = self._plan(facts, now)
        if not planned:
            return []
        keys = [p.key for p in planned]
        sent = sent_keys(session, keys)
        unsent = [p for p in planned if p.key not in sent]
        if unsent:
            rows = session.execute(select(Member.telegram_id, Member.name))
            facts.names = dict(rows.all())  # a Result has keys(): dict() must get its rows
        return [self._compose(session, facts, p, now) for p in unsent]

    def _facts(self, session: Session, now: datetime) -> _Facts:
        today = self.today(now)
        first, last = _span(
            session, today - timedelta(days=SUMMARY_DAYS + 1), today + timedelta(GAP_HORIZON_DAYS)
        )
        staff = staff_in(session)
        absences = absences_in(session, first, last)
        ids = [a.id for a in absences]
        rows = select(AbsenceRow.id, AbsenceRow.recorded_at).where(AbsenceRow.id.in_(ids))
        recorded = dict(session.execute(rows).all()) if ids else {}
        periods = cover_periods(
            first, (last - first).days + 1, staff, [a.as_absence() for a in absences]
        )
        return _Facts(
            staff=staff,
            periods=periods,
            absences=absences,
            recorded_at=recorded,
            clerks=_role_ids(session, Role.CLERK),
            chairs=_role_ids(session, Role.CHAIR),
            official_chats=tuple(
                session.scalars(select(Chat.telegram_id).where(Chat.official.is_(True)))
            )
            if self._tell_group
            else (),
        )

    @staticmethod
    def _known_at(facts: _Facts, day: date) -> datetime | None:
        """When the leave that shapes ``day`` was last recorded."""
        times = [facts.recorded_at[a.id] for a in facts.absences if a.as_absence().covers(day)]
        return max(times, default=None)

    def _plan(self, facts: _Facts, now: datetime) -> list[_Due]:
        """The notices due at ``now``, sent or not."""
        periods = facts.periods
        edges = {periods[0].first, periods[-1].last}
        zone = self.zone
        planned: list[_Due] = []

        def add(due: _Due, until: datetime) -> None:
            if due.due <= now < until:
                planned.append(due)

        for stint in stints(periods):
            if {stint.first, stint.last} & edges:
                continue  # standing cover, not a leave: nobody is told
            person, first = stint.person, stint.first
            known = self._known_at(facts, first)
            before = at_notice_time(first - timedelta(days=1), zone)
            key = notice_key(first, person, NoticeKind.BEFORE)
            add(_Due(key, person, NoticeKind.BEFORE, before, known, stint), day_start(first, zone))
            start = at_notice_time(first, zone)
            key = notice_key(first, person, NoticeKind.HANDOVER)
            until = day_start(stint.last + timedelta(days=1), zone)
            add(_Due(key, person, NoticeKind.HANDOVER, start, known, stint), until)
        for leave in leaves(periods):
            if {leave.first, leave.last} & edges:
                continue
            back = at_notice_time(leave.last + timedelta(days=1), zone)
            known = self._known_at(facts, leave.last)
            for clerk in facts.staff.clerks:
                key = notice_key(leave.first, clerk, NoticeKind.SUMMARY)
                due = _Due(key, clerk, NoticeKind.SUMMARY, back, known, leave)
                add(due, back + timedelta(days=SUMMARY_DAYS))
            for period in leave.periods:
                if not isinstance(period.cover, OnDuty):
                    continue
                people = "+".join(str(p) for p in sorted(period.cover.people))
                start = at_notice_time(period.first, zone)
                until = day_start(period.last + timedelta(days=1), zone)
                known = self._known_at(facts, period.first)
                for chat in facts.official_chats:
                    key = notice_key(period.first, people, NoticeKind.GROUP, to=chat)
                    add(_Due(key, chat, NoticeKind.GROUP, start, known, period), until)
        planned += self._gaps(facts, now, edges)
        planned += self._reviews(facts, now)
        return list({due.key: due for due in planned}.values())

    def _gaps(self, facts: _Facts, now: datetime, edges: set[date]) -> list[_Due]:
        """Gap alerts: each gap within the horizon, once to each Clerk and Chair."""
        recipients = (*facts.clerks, *facts.chairs)
        local = now.astimezone(self.zone)
        today = local.date()
        # A gap enters the horizon at notice time, not at midnight.
        checked = today if local.time() >= NOTICE_TIME else today - timedelta(days=1)
        horizon = checked + timedelta(days=GAP_HORIZON_DAYS)
        found: list[_Due] = []
        for gap in facts.periods:
            if not isinstance(gap.cover, Gap):
                continue
            if {gap.first, gap.last} & edges:  # nobody is on duty even without leave
                reason = gap.cover.reason
                found += [
                    _Due(f"gap:standing:to:{r}", r, NoticeKind.GAP, now, None, reason)
                    for r in recipients
                ]
                continue
            if gap.last < today or gap.first > horizon:
                continue
            due = at_notice_time(gap.first - timedelta(days=GAP_HORIZON_DAYS), self.zone)
            known = self._known_at(facts, gap.first)
            found += [
                _Due(gap_key(gap, to=r), r, NoticeKind.GAP, min(due, now), known, gap)
                for r in recipients
            ]
        return found

    def _reviews(self, facts: _Facts, now: datetime) -> list[_Due]:
        """The policy review reminders: a month before the review date, and on the day."""
        review_on = self._review_on
        if review_on is None:
            return []
        on_the_day = at_notice_time(review_on, self.zone)
        windows = (
            (
                NoticeKind.REVIEW_MONTH,
                at_notice_time(month_before(review_on), self.zone),
                on_the_day,
            ),
            (NoticeKind.REVIEW_DAY, on_the_day, on_the_day + timedelta(days=REVIEW_LATE_DAYS)),
        )
        return [
            _Due(review_key(review_on, kind, to=clerk), clerk, kind, due, None, review_on)
            for kind, due, until in windows
            if due <= now < until
            for clerk in facts.clerks
        ]

    # composition -------------------------------------------------------------------------

    def _reasons(self, facts: _Facts, day: date) -> list[str]:
        """Why the Clerk is away on ``day``, as recorded."""
        clerks = set(facts.staff.clerks)
        reasons = [
            a.reason
            for a in facts.absences
            if a.member_id in clerks and a.reason and a.as_absence().covers(day)
        ]
        return list(dict.fromkeys(reasons))

    def _compose(self, session: Session, facts: _Facts, due: _Due, now: datetime) -> Notice:
        subject, names = due.subject, facts.names
        if isinstance(subject, Stint):
            reasons = self._reasons(facts, subject.first)
            if due.kind is NoticeKind.BEFORE:
                text = before_text(subject, names=names, reasons=reasons)
            else:
                recent = _activity(session, now - timedelta(days=RECENT_DAYS), now)
                text = handover_text(
                    subject,
                    names=names,
                    reasons=reasons,
                    recent=recent,
                    open_requests=_open_requests(session),
                    open_reviews=_open_reviews(session, self.zone),
                )
        elif isinstance(subject, Leave):
            start = day_start(subject.first, self.zone)
            end = day_start(subject.last + timedelta(days=1), self.zone)
            activity = _activity(session, start, end, received=(subject.first, subject.last))
            text = summary_text(subject, names=names, activity=activity)
        elif isinstance(subject, Period):
            if due.kind is NoticeKind.GROUP:
                text = group_text(subject, names=names)
            else:
                text = gap_text(subject)
        elif isinstance(subject, date):
            text = review_text(subject, due.kind)
        else:
            text = standing_gap_text(subject)
        late = is_late(now, due=due.due, known_at=due.known_at)
        if late:
            text = late_text(text, due=due.due, zone=self.zone)
        return Notice(key=due.key, chat_id=due.chat_id, text=text, due=due.due, late=late)

    # out of office -----------------------------------------------------------------------

    async def out_of_office(
        self, *, person: int, text: str, now: datetime | None = None
    ) -> Notice | None:
        """The out-of-office notice for a private message, if it is due.

        Due outside working time, when the message asks for the Clerk
        (:func:`chatbot.cover.notices.asks_for_clerk`) and its sender, who is not a Clerk,
        has not had it yet today.
        """
        moment = now or self._clock()
        if self.hours.is_open(moment, self.zone):
            return None
        key = out_of_office_key(person, self.today(moment))

        def work(session: Session) -> bool:
            clerks = session.execute(
                select(Member.telegram_id, Member.name).where(
                    Member.active.is_(True), Member.role == Role.CLERK.value
                )
            ).all()
            if person in {clerk_id for clerk_id, _ in clerks}:
                return False
            if not asks_for_clerk(text, clerk_names=[name for _, name in clerks]):
                return False
            return session.get(SentNotice, key) is None

        if not await self._db.run(work):
            return None
        reply = out_of_office_text(
            office_hours=self._office_hours,
            next_open=self.hours.next_open(moment, self.zone),
            zone=self.zone,
        )
        return Notice(key=key, chat_id=person, text=reply, due=moment)

    # sending -----------------------------------------------------------------------------

    async def run(self, outbox: Outbox, now: datetime | None = None) -> list[Notice]:
        """Send every notice due at ``now``; the ones delivered."""
        moment = now or self._clock()
        return await self.deliver(outbox, await self.due(moment), now=moment)

    async def deliver(
        self, outbox: Outbox, notices: Sequence[Notice], *, now: datetime | None = None
    ) -> list[Notice]:
        """Send each notice, and record its key once Telegram has accepted it."""
        moment = now or self._clock()
        delivered: list[Notice] = []
        for notice in notices:
            if self._attempts[notice.key] >= MAX_UNREACHABLE_ATTEMPTS:
                continue
            outcome = await outbox.do(Send(notice.chat_id, notice.text))
            if outcome.failure in UNREACHABLE:
                self._attempts[notice.key] += 1
                logger.warning(
                    "notice key=%s unreachable chat=%s (%s), attempt %s of %s",
                    notice.key,
                    notice.chat_id,
                    outcome.failure,
                    self._attempts[notice.key],
                    MAX_UNREACHABLE_ATTEMPTS,
                )
                continue
            if not outcome.done:
                logger.info(
                    "notice key=%s not sent (%s), retried next tick", notice.key, outcome.failure
                )
                continue
            if await self.mark(notice, now=moment):
                delivered.append(notice)
        return delivered

    async def mark(self, notice: Notice, *, now: datetime | None = None) -> bool:
        """Record that ``notice`` was sent; ``False`` when it already was."""
        moment = now or self._clock()
        marked = await mark_sent(self._db, notice.key, at=moment, late=notice.late)
        if marked:
            logger.info("notice sent key=%s late=%s", notice.key, notice.late)
        return marked


def _activity(
    session: Session,
    start: datetime,
    end: datetime,
    *,
    received: tuple[date, date] | None = None,
) -> Activity:
    """Removals (by rule), strikes, record entries and requests received, ``start``..``end``."""
    start, end = start.astimezone(UTC), end.astimezone(UTC)
    rules: Counter[str] = Counter()
    removals = 0
    for stored in session.scalars(
        select(ModerationEvent.rules).where(
            ModerationEvent.action == Action.BLOCK.value,
            ModerationEvent.at >= start,
            ModerationEvent.at < end,
        )
    ):
        removals += 1
        rules.update(r for r in stored.split(",") if r)
    if received is None:
        return Activity(removals_by_rule=dict(rules), removals=removals)
    strikes, senders = session.execute(
        select(func.count(Strike.id), func.count(distinct(Strike.telegram_user_id))).where(
            Strike.at >= start, Strike.at < end
        )
    ).one()
    entries = session.scalar(
        select(func.count(RecordEntry.seq)).where(
            RecordEntry.recorded_at >= start, RecordEntry.recorded_at < end
        )
    )
    reviews_received = session.scalar(
        select(func.count(ReviewRequest.id)).where(
            ReviewRequest.requested_at >= start, ReviewRequest.requested_at < end
        )
    )
    reviews_resolved = session.scalar(
        select(func.count(ReviewRequest.id)).where(
            ReviewRequest.resolved_at >= start, ReviewRequest.resolved_at < end
        )
    )
    requests = session.execute(
        select(InfoRequest.reference, InfoRequest.kind, InfoRequest.due_on)
        .where(InfoRequest.received_on >= received[0], InfoRequest.received_on <= received[1])
        .order_by(InfoRequest.received_on, InfoRequest.reference)
    ).all()
    return Activity(
        removals_by_rule=dict(rules),
        removals=removals,
        strikes=int(strikes or 0),
        struck_senders=int(senders or 0),
        entries=int(entries or 0),
        requests=tuple(RequestLine(ref, kind, due) for ref, kind, due in requests),
        reviews_received=int(reviews_received or 0),
        reviews_resolved=int(reviews_resolved or 0),
    )


def _open_requests(session: Session) -> list[RequestLine]:
    """Open FOI and subject-access requests, soonest due first (no requester names)."""
    return [
        RequestLine(row.reference, row.kind, row.due_on)
        for row in RequestRepository(session).open()
    ]


def _open_reviews(session: Session, zone: ZoneInfo) -> list[ReviewLine]:
    """Open review requests, oldest first: number, local day asked, rules (no text, no names)."""
    return [
        ReviewLine(r.id, r.requested_at.astimezone(zone).date(), r.rules)
        for r in open_reviews_in(session)
    ]
