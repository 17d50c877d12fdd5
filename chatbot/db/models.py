"""The council's data: members, chats, invitations, strikes and the audit of changes."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from chatbot.db.base import Base, Timestamps, UtcDateTime, utcnow

ROLES = ("clerk", "assistant_clerk", "chair", "vice_chair", "councillor")


class Member(Timestamps, Base):
    """A registered member of the council (or its Clerk)."""

    __tablename__ = "members"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    telegram_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(32))
    email: Mapped[str | None] = mapped_column(String(320), default=None)
    monitor: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Chat(Timestamps, Base):
    """A Telegram group the bot serves."""

    __tablename__ = "chats"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    telegram_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    title: Mapped[str] = mapped_column(String(255), default="")
    official: Mapped[bool] = mapped_column(Boolean, default=False)
    moderate: Mapped[bool] = mapped_column(Boolean, default=True)


class MemberChange(Base):
    """The audit log of membership changes: who changed what, when."""

    __tablename__ = "member_changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    actor_telegram_id: Mapped[int | None] = mapped_column(BigInteger, default=None)
    member_telegram_id: Mapped[int | None] = mapped_column(BigInteger, default=None)
    action: Mapped[str] = mapped_column(String(32))
    detail: Mapped[str] = mapped_column(Text, default="")


class Invite(Base):
    """A one-time invitation for a new member; only the code's hash is stored."""

    __tablename__ = "invites"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(32))
    created_by: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime())
    used_by: Mapped[int | None] = mapped_column(BigInteger, default=None)
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), default=None)


class Strike(Base):
    """A breach counted against a sender, expiring after the strike window."""

    __tablename__ = "strikes"
    __table_args__ = (Index("ix_strikes_user_at", "telegram_user_id", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    telegram_user_id: Mapped[int] = mapped_column(BigInteger)
    chat_telegram_id: Mapped[int] = mapped_column(BigInteger)
    message_id: Mapped[int] = mapped_column(BigInteger)
    rules: Mapped[str] = mapped_column(String(255))
    at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    pardoned_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), default=None)
    pardoned_by: Mapped[int | None] = mapped_column(BigInteger, default=None)


class ModerationEvent(Base):
    """What the bot did about one message: the decision and its outcome (ids only).

    One row per version of a message (``version`` is 0, or an edit's from its time and content:
    see :mod:`chatbot.telegram.connector`), so an update delivered twice is acted on once.
    """

    __tablename__ = "moderation_events"
    __table_args__ = (
        Index("ix_moderation_events_chat_message", "chat_telegram_id", "message_id"),
        UniqueConstraint(
            "chat_telegram_id", "message_id", "version", name="uq_moderation_events_version"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    chat_telegram_id: Mapped[int] = mapped_column(BigInteger)
    message_id: Mapped[int] = mapped_column(BigInteger)
    telegram_user_id: Mapped[int] = mapped_column(BigInteger)
    version: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    action: Mapped[str] = mapped_column(String(16))
    rules: Mapped[str] = mapped_column(String(255))
    outcome: Mapped[str] = mapped_column(String(64), default="")
    strike_id: Mapped[int | None] = mapped_column(ForeignKey("strikes.id"), default=None)


class RecordEntry(Base):
    """One entry of the official record; hash-chained, never updated except by disposal."""

    __tablename__ = "record_entries"
    __table_args__ = (
        Index("ix_record_entries_chat_message", "chat_telegram_id", "message_id"),
        Index("ix_record_entries_occurred_at", "occurred_at"),
        Index("ix_record_entries_sender", "sender_telegram_id"),
    )

    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    kind: Mapped[str] = mapped_column(String(16))
    chat_telegram_id: Mapped[int | None] = mapped_column(BigInteger, default=None)
    message_id: Mapped[int | None] = mapped_column(BigInteger, default=None)
    version: Mapped[int] = mapped_column(BigInteger, default=0)
    sender_telegram_id: Mapped[int | None] = mapped_column(BigInteger, default=None)
    occurred_at: Mapped[datetime] = mapped_column(UtcDateTime())
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime())
    restricted: Mapped[bool] = mapped_column(Boolean, default=False)
    personal_data: Mapped[bool] = mapped_column(Boolean, default=False)
    reason: Mapped[str] = mapped_column(String(255), default="")
    content: Mapped[str | None] = mapped_column(Text, default=None)  # canonical JSON
    salt: Mapped[str | None] = mapped_column(String(64), default=None)
    content_hash: Mapped[str] = mapped_column(String(64))
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    disposed_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), default=None)
    # Derived, not hashed: lower-cased text, sender, chat title and attachment names, for
    # search. Cleared with the content on disposal.
    search_text: Mapped[str | None] = mapped_column(Text, default=None)
    # What the entry is (a message version, a spooled note): each key is recorded once.
    entry_key: Mapped[str] = mapped_column(String(128), unique=True)


class RecordPerson(Base):
    """Who an entry is about: its sender and the people it mentions (an index for SAR search).

    ``person`` is ``tg:<telegram id>`` for a Telegram user, or ``name:<folded name>``.
    """

    __tablename__ = "record_people"
    # By person, then entry: a subject-access search reads a person's entries in order.
    __table_args__ = (Index("ix_record_people_person_seq", "person", "seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, index=True)  # no foreign key: an index only
    person: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16))  # sender | mentioned


class RecordFile(Base):
    """A document attached to an official message, kept by its SHA-256."""

    __tablename__ = "record_files"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(255), default="")
    mime_type: Mapped[str] = mapped_column(String(127), default="")
    size: Mapped[int] = mapped_column(BigInteger)
    data: Mapped[bytes | None] = mapped_column(LargeBinary, default=None)
    stored_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)


class RecordAccess(Base):
    """Every view, search, export and disposal of the record: who, when, what."""

    __tablename__ = "record_access"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    actor: Mapped[str] = mapped_column(String(64))  # "tg:<id>" or "cli:<os user>" or "job:<name>"
    action: Mapped[str] = mapped_column(String(16))  # view | search | export | dispose | digest
    detail: Mapped[str] = mapped_column(Text, default="")  # JSON: filters, counts, format
    entries: Mapped[int] = mapped_column(Integer, default=0)


class RecordDisposal(Base):
    """The destruction register: one row per entry disposed of under the retention schedule."""

    __tablename__ = "record_disposals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    occurred_at: Mapped[datetime] = mapped_column(UtcDateTime())
    disposed_at: Mapped[datetime] = mapped_column(UtcDateTime())
    authority: Mapped[str] = mapped_column(String(255))  # e.g. "retention: correspondence, 6 years"
    actor: Mapped[str] = mapped_column(String(64))


class RecordDigest(Base):
    """A digest of the record delivered to the Clerk; the newest one is the watermark."""

    __tablename__ = "record_digests"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slot: Mapped[str] = mapped_column(String(32), unique=True)  # the local date it is for
    from_seq: Mapped[int] = mapped_column(BigInteger)
    upto_seq: Mapped[int] = mapped_column(BigInteger)
    entries: Mapped[int] = mapped_column(Integer)
    head_hash: Mapped[str] = mapped_column(String(64))
    channels: Mapped[str] = mapped_column(String(64), default="")  # "telegram,email"
    # pending: its range is fixed and delivery is being tried; delivered: the watermark.
    status: Mapped[str] = mapped_column(String(16), default="pending", server_default="delivered")
    delivered_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), default=None)


class InfoRequest(Base):
    """A Freedom of Information or subject-access request in the register."""

    __tablename__ = "info_requests"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(32), unique=True)  # FOI-2026-001
    kind: Mapped[str] = mapped_column(String(8))  # foi | sar
    requester: Mapped[str] = mapped_column(String(255))
    subject: Mapped[str] = mapped_column(Text, default="")  # FOI: what is asked; SAR: the person
    aliases: Mapped[str] = mapped_column(Text, default="")  # SAR: other names, "|"-separated
    received_on: Mapped[date] = mapped_column(Date)
    due_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default="open")  # open | closed
    opened_by: Mapped[int] = mapped_column(BigInteger)
    opened_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    closed_by: Mapped[int | None] = mapped_column(BigInteger, default=None)
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), default=None)


class SentNotice(Base):
    """A notice or reminder already sent, by its idempotency key: each is sent once."""

    __tablename__ = "sent_notices"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    sent_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    late: Mapped[bool] = mapped_column(Boolean, default=False)


class RecordHead(Base):
    """The chain's head: one row, locked by every append so writers never fork the chain."""

    __tablename__ = "record_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, default=0)
    hash: Mapped[str] = mapped_column(String(64))


class Absence(Base):
    """A member's leave (clerks) or unavailability (monitors), whole local days, inclusive."""

    __tablename__ = "absences"
    __table_args__ = (
        Index("ix_absences_member_telegram_id", "member_telegram_id"),
        Index("ix_absences_ends_on", "ends_on"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_telegram_id: Mapped[int] = mapped_column(BigInteger)
    kind: Mapped[str] = mapped_column(String(16))  # leave | unavailable
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(255), default="")
    recorded_by: Mapped[int] = mapped_column(BigInteger)
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    cancelled_by: Mapped[int | None] = mapped_column(BigInteger, default=None)
    cancelled_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), default=None)


class CalendarFeed(Base):
    """A member's secret, revocable iCalendar URL for the cover schedule (its token hashed)."""

    __tablename__ = "calendar_feeds"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_telegram_id: Mapped[int] = mapped_column(BigInteger)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), default=None)


class ZoomMeeting(Base):
    """A Zoom meeting whose chat councilbot checks, enabled by its host (or the Clerk or Chair)."""

    __tablename__ = "zoom_meetings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[str] = mapped_column(String(32), unique=True)
    topic: Mapped[str] = mapped_column(String(300), default="")
    host_id: Mapped[str] = mapped_column(String(64), default="")
    host_email: Mapped[str] = mapped_column(String(320), default="")
    alert_telegram_id: Mapped[int] = mapped_column(BigInteger)  # who enabled it: gets the alerts
    official: Mapped[bool] = mapped_column(Boolean, default=False)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    enabled_by: Mapped[int] = mapped_column(BigInteger)
    enabled_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    disabled_by: Mapped[int | None] = mapped_column(BigInteger, default=None)
    disabled_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), default=None)


class ZoomMeetingInstance(Base):
    """One occurrence of an enabled meeting, by the UUID Zoom gives each occurrence."""

    __tablename__ = "zoom_meeting_instances"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(128), unique=True)
    meeting_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("zoom_meetings.meeting_id", ondelete="CASCADE"), index=True
    )
    seen_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), default=None)
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), default=None)


class ReviewRequest(Base):
    """A sender's "Ask the Clerk to review" request about a removed message (ids only).

    One row per removed message version: pressing the button again is the same request.
    """

    __tablename__ = "review_requests"
    __table_args__ = (
        UniqueConstraint(
            "chat_telegram_id", "message_id", "version", name="uq_review_requests_message"
        ),
        Index("ix_review_requests_requested_at", "requested_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    chat_telegram_id: Mapped[int] = mapped_column(BigInteger)
    message_id: Mapped[int] = mapped_column(BigInteger)
    version: Mapped[int] = mapped_column(BigInteger, default=0)
    sender_telegram_id: Mapped[int] = mapped_column(BigInteger)
    rules: Mapped[str] = mapped_column(String(255), default="")
    requested_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), default=None)
    resolved_by: Mapped[int | None] = mapped_column(BigInteger, default=None)
    # upheld | reinstated | other, once resolved
    outcome: Mapped[str | None] = mapped_column(String(16), default=None)
    note: Mapped[str] = mapped_column(String(255), default="")


class UndeliveredExplanation(Base):
    """Why a post was removed, kept for a sender the bot could not reach (Telegram's 403).

    Delivered when the sender starts a private chat with the bot; kept at most a week.
    """

    __tablename__ = "undelivered_explanations"
    __table_args__ = (
        UniqueConstraint(
            "chat_telegram_id",
            "message_id",
            "telegram_user_id",
            name="uq_undelivered_explanations_message",
        ),
        Index("ix_undelivered_explanations_user", "telegram_user_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    telegram_user_id: Mapped[int] = mapped_column(BigInteger)
    chat_telegram_id: Mapped[int] = mapped_column(BigInteger)
    message_id: Mapped[int] = mapped_column(BigInteger)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    delivered_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), default=None)


class IssuedButton(Base):
    """An inline button the bot sent: its meaning kept here, its callback data only the id.

    ``group_id`` ties buttons that are used up together (a draft's "Post to …" buttons and its
    "Discard"); a button issued alone is its own group. See :mod:`chatbot.buttons`.
    """

    __tablename__ = "buttons"
    __table_args__ = (
        Index("ix_buttons_group_id", "group_id"),
        Index("ix_buttons_expires_at", "expires_at"),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    group_id: Mapped[str] = mapped_column(String(32))
    owner_telegram_id: Mapped[int] = mapped_column(BigInteger)
    payload: Mapped[str] = mapped_column(Text)  # JSON
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), default=None)


class ZoomDelivery(Base):
    """A Zoom webhook delivery already taken, by its body's hash: a replay of it is dropped.

    Kept for a while only (``integrations.zoom.webhook.REMEMBER_S``); older ones are pruned.
    """

    __tablename__ = "zoom_deliveries"
    __table_args__ = (Index("ix_zoom_deliveries_seen_at", "seen_at"),)

    key: Mapped[str] = mapped_column(String(64), primary_key=True)  # SHA-256, hex
    seen_at: Mapped[datetime] = mapped_column(UtcDateTime())


class CouncilSetting(Base):
    """One of the council's settings kept in the database (#15), as JSON.

    ``source`` says where it came from: ``file`` (seeded from ``council.toml``, which may
    change it again) or ``telegram`` (the Clerk set it in Telegram: it wins over the file).
    """

    __tablename__ = "council_settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(16))
    updated_by: Mapped[int | None] = mapped_column(BigInteger, default=None)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)


class SetupCode(Base):
    """A one-time setup code printed at first run; only its hash is stored (#15)."""

    __tablename__ = "setup_codes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    used_by: Mapped[int | None] = mapped_column(BigInteger, default=None)
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), default=None)
