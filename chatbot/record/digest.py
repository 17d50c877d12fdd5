"""The daily digest of the official record to the Clerk, by Telegram and by e-mail.

A digest is due when, in the council's time zone, the local time is at or past
``digest_time`` and no digest has been delivered for today's slot (the local date). Its range
runs from the watermark (the highest ``upto_seq`` of delivered digests, +1) to the chain's head
when it is first composed, and is fixed in a ``pending`` :class:`RecordDigest` row: a retry
after a crash or a failed send covers exactly the same entries. Each channel's delivery is
marked by a :class:`SentNotice` (``digest:<slot>:<channel>``), so after a restart only the
channel not yet delivered is sent; once every channel is, the row is ``delivered``. While a
digest is pending no other is composed, so a bot that was down for days sends one digest
covering everything since the watermark. A day with nothing new sends nothing (the head
has not moved, so the last digest still anchors it): its slot is marked done with no channels.

:func:`compose_digest` is pure (entries in, text and file out); :class:`DigestService` does
the database work and the delivery; :func:`digest_recipient` decides who receives it.
"""

from __future__ import annotations

import csv
import io
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from functools import partial
from typing import Final, Protocol
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from chatbot.core.access import Role
from chatbot.core.actions import NotDelivered, Outbox, Send, SendDocument, deliver
from chatbot.core.wording import plural
from chatbot.council.file import CouncilFile
from chatbot.cover.service import absences_in
from chatbot.db.base import utcnow
from chatbot.db.database import Database
from chatbot.db.models import Chat, RecordDigest, RecordEntry, RecordHead, SentNotice
from chatbot.members.service import MemberService, MemberView
from chatbot.record.access_log import log_access
from chatbot.record.export import spreadsheet_safe
from chatbot.record.view import EntryView, view_of
from integrations.email import Attachment, EmailError, Mailer

__all__ = [
    "Digest",
    "DigestFile",
    "DigestService",
    "compose_digest",
    "digest_due",
    "digest_recipient",
]

logger = logging.getLogger(__name__)

TELEGRAM: Final[str] = "telegram"
EMAIL: Final[str] = "email"
CHANNELS: Final[tuple[str, ...]] = (TELEGRAM, EMAIL)
ACTOR: Final[str] = "job:digest"
_HEAD_ID: Final[int] = 1
# A Telegram message holds at most 4096 characters: a longer digest comes as a file.
TELEGRAM_TEXT_LIMIT: Final[int] = 4000
INLINE_TEXT_CHARS: Final[int] = 200
NO_CHAT: Final[str] = "Notes and entries outside a chat"


# composing (pure) ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DigestFile:
    """The attached list of every entry of a long digest."""

    filename: str
    content: bytes
    mime_type: str = "text/csv"


@dataclass(frozen=True, slots=True)
class Digest:
    """What the Clerk receives: the same subject, text and file on every channel."""

    slot: date
    subject: str
    text: str
    file: DigestFile | None = None
    entries: int = 0


@dataclass(slots=True)
class _Counts:
    entries: int = 0
    edits: int = 0
    removed: int = 0
    restricted: int = 0
    personal_data: int = 0
    attachments: int = 0
    disposed: int = 0
    lines: list[str] = field(default_factory=list)

    def add(self, entry: EntryView) -> None:
        self.entries += 1
        self.edits += entry.kind == "edit"
        self.removed += entry.kind == "removed"
        self.restricted += entry.restricted
        self.personal_data += entry.personal_data
        self.attachments += bool(entry.attachments)
        self.disposed += entry.disposed

    def describe(self) -> str:
        parts = [plural(self.entries, "entry", "entries")]
        for count, one, many in (
            (self.edits, "edit", "edits"),
            (self.removed, "removed post", "removed posts"),
            (self.restricted, "restricted", "restricted"),
            (self.personal_data, "with personal data", "with personal data"),
            (self.attachments, "with attachments", "with attachments"),
            (self.disposed, "disposed of", "disposed of"),
        ):
            if count:
                parts.append(f"{count} {one if count == 1 else many}")
        return ", ".join(parts)


def _day(value: date) -> str:
    return f"{value:%A} {value.day} {value:%B %Y}"


def _moment(value: datetime, zone: ZoneInfo) -> str:
    local = value.astimezone(zone)
    return f"{local.day} {local:%b %Y %H:%M}"


def _flags(entry: EntryView) -> list[str]:
    flags: list[str] = []
    if entry.kind == "edit":
        flags.append("edited")
    if entry.restricted:
        flags.append("restricted")
    if entry.personal_data:
        flags.append("personal data")
    if entry.attachments:
        flags.append(plural(len(entry.attachments), "attachment", "attachments"))
    if entry.disposed:
        flags.append("disposed of")
    return flags


def _what(entry: EntryView, *, limit: int | None) -> str:
    """What an entry says, as a digest may show it: never a restricted entry's content."""
    if entry.disposed:
        return "(disposed of under the retention schedule)"
    if entry.restricted:
        rule = entry.reason or "restricted"
        label = "removed post" if entry.kind == "removed" else f"{entry.kind}"
        return f"{label} (restricted: {rule}); the content is kept on the record only"
    text = " ".join(entry.text.split())
    if limit is not None and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    if not text and entry.attachments:
        names = [str(a.get("name") or a.get("kind") or "file") for a in entry.attachments]
        text = "[" + ", ".join(names) + "]"
    return text


def _chat_of(entry: EntryView, chat_titles: Mapping[int, str]) -> str:
    if entry.chat_id is None:
        return NO_CHAT
    return entry.chat_title or chat_titles.get(entry.chat_id) or f"chat {entry.chat_id}"


def _sender_of(entry: EntryView) -> str:
    if entry.sender_name:
        return entry.sender_name
    return f"id {entry.sender_id}" if entry.sender_id is not None else ""


def _line(entry: EntryView, zone: ZoneInfo) -> str:
    local = entry.occurred_at.astimezone(zone)
    flags = _flags(entry)
    marks = f" [{', '.join(flags)}]" if flags else ""
    sender = _sender_of(entry)
    who = f" {sender}:" if sender else ""
    return f"  #{entry.seq} {local:%d %b %H:%M}{who} {_what(entry, limit=INLINE_TEXT_CHARS)}{marks}"


def _safe_cell(value: str) -> str:
    # A cell that starts like a formula is run by spreadsheets: make it plain text (the
    # export's rule, which sees through leading invisible characters and full-width signs).
    return spreadsheet_safe(value)


def digest_file(
    entries: Sequence[EntryView], *, slot: date, zone: ZoneInfo, chat_titles: Mapping[int, str]
) -> DigestFile:
    """The CSV listing every entry (no content of a restricted one)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["seq", "local_time", "chat", "sender", "kind", "flags", "text"])
    for entry in entries:
        writer.writerow(
            [
                entry.seq,
                entry.occurred_at.astimezone(zone).isoformat(timespec="seconds"),
                _safe_cell(_chat_of(entry, chat_titles)),
                _safe_cell(_sender_of(entry)),
                entry.kind,
                "; ".join(_flags(entry)),
                _safe_cell(_what(entry, limit=None)),
            ]
        )
    return DigestFile(
        filename=f"record-digest-{slot.isoformat()}.csv",
        content=out.getvalue().encode("utf-8-sig"),  # the BOM: spreadsheets read UTF-8
    )


def compose_digest(
    entries: Sequence[EntryView],
    *,
    council_name: str,
    slot: date,
    zone: ZoneInfo,
    from_seq: int,
    upto_seq: int,
    head_hash: str,
    inline_limit: int,
    chat_titles: Mapping[int, str] | None = None,
    since: date | None = None,
) -> Digest:
    """The digest of ``entries`` (the record from ``from_seq`` to ``upto_seq``, in order).

    Entries are grouped by chat (notes and entries outside a chat last), with counts and
    flags; more than ``inline_limit`` entries (or a text too long for one Telegram message)
    come as a summary plus a CSV of every entry. Restricted entries never show content.
    """
    titles = dict(chat_titles or {})
    groups: dict[str, _Counts] = {}
    total = _Counts()
    for entry in entries:
        name = _chat_of(entry, titles)
        group = groups.setdefault(name, _Counts())
        group.add(entry)
        group.lines.append(_line(entry, zone))
        total.add(entry)
    order = sorted(groups, key=lambda n: (n == NO_CHAT, n.casefold()))
    subject = f"Official record digest, {_day(slot)}: {plural(total.entries, 'entry', 'entries')}"
    head = [f"Official record digest — {council_name}", _day(slot)]
    if since is not None:
        head.append(f"Since the digest of {_day(since)}.")
    if entries:
        first = min(e.recorded_at for e in entries)
        last = max(e.recorded_at for e in entries)
        head.append(
            f"Entries #{from_seq} to #{upto_seq}, recorded {_moment(first, zone)} to "
            f"{_moment(last, zone)} ({zone.key} time)."
        )
    else:
        head.append(f"No new entries on the record since the last digest (entry #{upto_seq}).")
    anchor = [
        f"Chain head: entry #{upto_seq}, hash {head_hash}",
        (
            "(keep this e-mail: it anchors the record outside the database; "
            "`councilbot record verify` checks the chain)"
        ),
    ]
    if total.restricted:
        anchor.insert(
            0,
            "Restricted entries are never shown in a digest: the Clerk reads them on the record.",
        )

    def assemble(*, inline: bool) -> str:
        body = ["\n".join(head)]
        if entries:
            body.append(f"In all: {total.describe()}.")
        for name in order:
            group = groups[name]
            lines = [f"{name} — {group.describe()}"]
            if inline:
                lines += group.lines
            body.append("\n".join(lines))
        return "\n\n".join([*body, "\n".join(anchor)])

    text = assemble(inline=True)
    if len(entries) <= inline_limit and len(text) <= TELEGRAM_TEXT_LIMIT:
        return Digest(slot=slot, subject=subject, text=text, entries=total.entries)
    attached = digest_file(entries, slot=slot, zone=zone, chat_titles=titles)
    summary = assemble(inline=False)
    summary += f"\n\nEvery entry is listed in the attached file {attached.filename}."
    return Digest(slot=slot, subject=subject, text=summary, file=attached, entries=total.entries)


# deciding ------------------------------------------------------------------------------


def digest_due(now: datetime, *, zone: ZoneInfo, at: time) -> date | None:
    """Today's slot (the local date) if the local time is at or past ``at``, else None.

    On the day the clocks go forward a missing time (01:30) falls due at the first moment
    after it (02:00 BST); on the day they go back, the first 01:30 counts.
    """
    local = now.astimezone(zone)
    return local.date() if local.time().replace(tzinfo=None) >= at else None


def digest_recipient(members: Sequence[MemberView]) -> MemberView | None:
    """Who receives the digest in Telegram: the Clerk, or else the Assistant Clerk.

    The one place this is decided. Digests are not rerouted to whoever covers: while the
    recipient is on leave they accumulate for their return.
    """
    for role in (Role.CLERK, Role.ASSISTANT_CLERK):
        found = sorted((m for m in members if m.role is role), key=lambda m: m.telegram_id)
        if found:
            return found[0]
    return None


def notice_key(slot: str, channel: str) -> str:
    """The idempotency key marking one channel of one digest as delivered."""
    return f"digest:{slot}:{channel}"


# delivering ----------------------------------------------------------------------------


class DigestChannel(Protocol):
    """One way the digest reaches the Clerk."""

    @property
    def name(self) -> str:
        """The channel's name: ``telegram`` or ``email``."""

    async def send(self, digest: Digest) -> None:
        """Deliver ``digest``; raise ``NotDelivered`` or ``EmailError`` on failure."""

    async def tell(self, text: str) -> None:
        """Send the Clerk a short message by this channel."""


@dataclass(frozen=True, slots=True)
class TelegramChannel:
    """The digest as a private message (and the file as a document)."""

    outbox: Outbox
    chat_id: int
    name: str = TELEGRAM

    async def tell(self, text: str) -> None:
        """Send the Clerk a short message."""
        await deliver(self.outbox, Send(self.chat_id, text))

    async def send(self, digest: Digest) -> None:
        """Send the text, then the file if there is one."""
        await deliver(self.outbox, Send(self.chat_id, digest.text, file_name="digest.txt"))
        if digest.file is not None:
            document = SendDocument(
                self.chat_id, digest.file.filename, digest.file.content, caption=digest.subject
            )
            await deliver(self.outbox, document)


@dataclass(frozen=True, slots=True)
class EmailChannel:
    """The digest by e-mail, the file attached."""

    mailer: Mailer
    address: str
    name: str = EMAIL

    async def tell(self, text: str) -> None:
        """E-mail the Clerk a short message."""
        await self.mailer.send(to=[self.address], subject="councilbot", body=text)

    async def send(self, digest: Digest) -> None:
        """E-mail the text to the Clerk's address."""
        files = (
            [Attachment(digest.file.filename, digest.file.content, digest.file.mime_type)]
            if digest.file is not None
            else []
        )
        await self.mailer.send(
            to=[self.address], subject=digest.subject, body=digest.text, attachments=files
        )


@dataclass(frozen=True, slots=True)
class _Pending:
    """A pending digest as read from the database, ready to compose."""

    id: int
    slot: str
    from_seq: int
    upto_seq: int
    head_hash: str
    channels: tuple[str, ...]
    delivered: frozenset[str]
    entries: tuple[EntryView, ...]
    chat_titles: dict[int, str]
    since: date | None


@dataclass(frozen=True, slots=True)
class DigestOutcome:
    """What one run did with the digest it found."""

    slot: str
    sent: tuple[str, ...]
    failed: tuple[str, ...]
    delivered: bool


@dataclass(frozen=True, slots=True)
class LastDigest:
    """The newest delivered digest: its local day, when it went (if known), how many entries."""

    slot: date
    delivered_at: datetime | None
    entries: int


class DigestService:
    """Composes the daily digest, fixes its range, and delivers it channel by channel."""

    def __init__(
        self,
        database: Database,
        *,
        council: CouncilFile,
        members: MemberService,
        mailer: Mailer | None = None,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._db = database
        self._council = council
        self._members = members
        self._mailer = mailer
        self._clock = clock
        self._zone = ZoneInfo(council.council.timezone)

    async def last_delivered(self) -> LastDigest | None:
        """The newest digest sent (on every channel), or ``None`` before the first."""

        def work(session: Session) -> LastDigest | None:
            row = session.scalars(
                select(RecordDigest)
                # A day with nothing new moves the watermark but sends nothing.
                .where(RecordDigest.status == "delivered", RecordDigest.entries > 0)
                .order_by(RecordDigest.id.desc())
                .limit(1)
            ).first()
            if row is None:
                return None
            return LastDigest(
                slot=date.fromisoformat(row.slot),
                delivered_at=row.delivered_at,
                entries=row.entries,
            )

        return await self._db.run(work)

    async def _recipient(self) -> MemberView | None:
        return digest_recipient(await self._members.with_roles(Role.CLERK, Role.ASSISTANT_CLERK))

    async def channels(self, outbox: Outbox) -> dict[str, DigestChannel]:
        """The channels the digest can go by now, by name."""
        channels: dict[str, DigestChannel] = {}
        recipient = await self._recipient()
        if recipient is not None:
            channels[TELEGRAM] = TelegramChannel(outbox, recipient.telegram_id)
        address = self._council.council.clerk_email
        if self._mailer is not None and address:
            channels[EMAIL] = EmailChannel(self._mailer, address)
        return channels

    async def run(self, outbox: Outbox, *, now: datetime | None = None) -> DigestOutcome | None:
        """Deliver the pending digest, or compose today's if it is due; what was done.

        A channel that fails is logged and tried again on the next run; the others are kept.
        """
        moment = now or self._clock()
        available = await self.channels(outbox)
        recipient = await self._recipient()
        away = recipient.telegram_id if recipient is not None else None
        pending = await self._db.run(
            lambda s: self._pending_or_new(s, moment, tuple(available), recipient_id=away)
        )
        if pending is None:
            return None
        digest = compose_digest(
            pending.entries,
            council_name=self._council.council.name,
            slot=date.fromisoformat(pending.slot),
            zone=self._zone,
            from_seq=pending.from_seq,
            upto_seq=pending.upto_seq,
            head_hash=pending.head_hash,
            inline_limit=self._council.record.digest_inline_entries,
            chat_titles=pending.chat_titles,
            since=pending.since,
        )
        # A channel no longer configured (SMTP removed, no Clerk) no longer holds it back.
        required = tuple(c for c in pending.channels if c in available) or pending.channels
        sent: list[str] = []
        failed: list[str] = []
        delivered = set(pending.delivered)
        email_problem: str | None = None
        for name in required:
            if name in delivered:
                continue
            channel = available.get(name)
            if channel is None:
                failed.append(name)
                continue
            try:
                await channel.send(digest)
            except (NotDelivered, EmailError) as exc:
                logger.warning(
                    "digest slot=%s channel=%s not delivered: %s",
                    pending.slot,
                    name,
                    type(exc).__name__,
                )
                failed.append(name)
                if isinstance(exc, EmailError):
                    email_problem = str(exc)
                continue
            delivered.add(name)
            sent.append(name)
            done = all(c in delivered for c in required)
            await self._db.run(
                partial(
                    self._mark,
                    pending=pending,
                    channel=name,
                    digest=digest,
                    done=done,
                    moment=self._clock(),
                )
            )
            logger.info("digest slot=%s channel=%s delivered", pending.slot, name)
        telegram = available.get(TELEGRAM)
        if email_problem is not None and TELEGRAM in delivered and telegram is not None:
            await self._tell_once(telegram, pending.slot, email_problem)
        return DigestOutcome(
            slot=pending.slot,
            sent=tuple(sent),
            failed=tuple(failed),
            delivered=all(c in delivered for c in required),
        )

    async def _tell_once(self, telegram: DigestChannel, slot: str, problem: str) -> None:
        """Tell the Clerk, once per digest, that its e-mailed copy is still to come."""
        key = notice_key(slot, "email-failed")
        if await self._db.run(lambda s: s.get(SentNotice, key) is not None):
            return
        day = _day(date.fromisoformat(slot))
        text = (
            f"The e-mailed copy of the record digest for {day} could not be sent: {problem}. "
            "I will keep trying; no new digest is started until it has gone. Check SMTP_URL "
            "and the [council] clerk_email."
        )
        try:
            await telegram.tell(text)
        except NotDelivered as exc:
            logger.info("digest slot=%s: e-mail problem not told: %s", slot, exc.outcome.failure)
            return
        await self._db.run(lambda s: s.add(SentNotice(key=key, sent_at=self._clock())))

    # database work ---------------------------------------------------------------------

    def _pending_or_new(
        self,
        session: Session,
        now: datetime,
        available: tuple[str, ...],
        *,
        recipient_id: int | None = None,
    ) -> _Pending | None:
        row = session.scalars(
            select(RecordDigest)
            .where(RecordDigest.status == "pending")
            .order_by(RecordDigest.id)
            .limit(1)
        ).first()
        if row is None:
            row = self._new(session, now, available, recipient_id=recipient_id)
        return None if row is None else self._load(session, row)

    def _new(
        self,
        session: Session,
        now: datetime,
        available: tuple[str, ...],
        *,
        recipient_id: int | None = None,
    ) -> RecordDigest | None:
        slot = digest_due(now, zone=self._zone, at=self._council.council.digest_time)
        if slot is None:
            return None
        taken = session.scalar(select(RecordDigest.id).where(RecordDigest.slot == slot.isoformat()))
        if taken is not None:
            return None
        if not available:
            logger.warning("digest slot=%s: no Clerk and no e-mail to send it to", slot)
            return None
        if recipient_id is not None and any(
            a.member_id == recipient_id for a in absences_in(session, slot, slot)
        ):
            # On leave: nothing is composed, so the first digest after their return covers
            # everything since the last one they received.
            logger.info("digest slot=%s: recipient on leave, the record accumulates", slot)
            return None
        watermark = session.scalar(
            select(func.max(RecordDigest.upto_seq)).where(RecordDigest.status == "delivered")
        )
        start = int(watermark or 0) + 1
        head = session.get_one(RecordHead, _HEAD_ID)
        if head.seq < start:
            # Nothing new: no message. The day is marked done (no channels), so an entry made
            # later today waits for tomorrow's digest instead of being sent on its own.
            session.add(
                RecordDigest(
                    slot=slot.isoformat(),
                    from_seq=start,
                    upto_seq=head.seq,
                    entries=0,
                    head_hash=head.hash,
                    channels="",
                    status="delivered",
                    delivered_at=now,
                )
            )
            logger.info("digest slot=%s: nothing new on the record, none sent", slot)
            return None
        row = RecordDigest(
            slot=slot.isoformat(),
            from_seq=start,
            upto_seq=head.seq,
            entries=max(0, head.seq - start + 1),
            head_hash=head.hash,
            channels=",".join(c for c in CHANNELS if c in available),
            status="pending",
        )
        session.add(row)
        session.flush()
        logger.info("digest slot=%s composed: entries %d-%d", row.slot, start, head.seq)
        return row

    @staticmethod
    def _load(session: Session, row: RecordDigest) -> _Pending:
        channels = tuple(c for c in row.channels.split(",") if c)
        keys = {notice_key(row.slot, c): c for c in channels}
        delivered = frozenset(
            keys[k] for k in session.scalars(select(SentNotice.key).where(SentNotice.key.in_(keys)))
        )
        entries = tuple(
            view_of(e)
            for e in session.scalars(
                select(RecordEntry)
                .where(RecordEntry.seq.between(row.from_seq, row.upto_seq))
                .order_by(RecordEntry.seq)
            )
        )
        titles = {int(c.telegram_id): c.title for c in session.scalars(select(Chat)) if c.title}
        since = session.scalar(
            select(RecordDigest.slot)
            .where(
                RecordDigest.status == "delivered",
                RecordDigest.channels != "",  # a day with nothing new sent no digest
                RecordDigest.upto_seq < row.from_seq,
            )
            .order_by(RecordDigest.upto_seq.desc(), RecordDigest.slot.desc())
            .limit(1)
        )
        return _Pending(
            id=row.id,
            slot=row.slot,
            from_seq=row.from_seq,
            upto_seq=row.upto_seq,
            head_hash=row.head_hash,
            channels=channels,
            delivered=delivered,
            entries=entries,
            chat_titles=titles,
            since=date.fromisoformat(since) if since else None,
        )

    @staticmethod
    def _mark(
        session: Session,
        *,
        pending: _Pending,
        channel: str,
        digest: Digest,
        done: bool,
        moment: datetime,
    ) -> None:
        session.add(SentNotice(key=notice_key(pending.slot, channel), sent_at=moment))
        log_access(
            session,
            actor=ACTOR,
            action="digest",
            detail={
                "slot": pending.slot,
                "channel": channel,
                "from_seq": pending.from_seq,
                "upto_seq": pending.upto_seq,
                "file": digest.file is not None,
            },
            entries=digest.entries,
        )
        if done:
            row = session.get_one(RecordDigest, pending.id)
            row.status = "delivered"
            row.delivered_at = moment
