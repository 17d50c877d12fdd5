"""The kinds of inline button, what each one's server-side payload means, and its callback data.

A button's meaning lives on the server (:mod:`chatbot.buttons.service`): its callback data is
only a one-letter kind prefix and an opaque random id, ``r:Xy3...`` (at most 64 bytes, as
Telegram allows). Nothing in the data is trusted: the id is looked up, and the stored button
says who may press it, until when, and what it does. Pure: no I/O.

How long each kind lasts (Telegram keeps the message, so the button can be pressed for ever):

- posting buttons (a checked draft's "Post to …" and "Discard", a removed post's "Post a
  redacted version"): :data:`POSTING_TTL`, 24 hours, and once only;
- "Ask the Clerk to review": :data:`REVIEW_TTL`, 7 days, as often as pressed (the register
  keeps one request per removed message);
- "Remove my message" under a warning: :data:`POSTING_TTL`, once (its payload is a
  :class:`ReviewOf`: the warned message);
- a choice between members a name fits, and "Remove"/"Cancel" under a destructive
  membership change: :data:`CONFIRM_TTL`, 15 minutes, once, by the Clerk who asked (their
  payload is a :class:`PersonStep`);
- "Yes, book it"/"Cancel" under a leave request whose dates look implausible (over 60 days,
  starting in the past): :data:`CONFIRM_TTL`, once, by whoever asked (their payload is a
  :class:`LeaveBooking`);
- "Moderate", "Moderate and keep as official record", "Ignore" for a group the bot was added
  to, and under each group ``/groups`` lists: :data:`GROUP_TTL`, 7 days, once (the message is
  then rewritten with fresh ones), by the Clerk it was sent to (a :class:`GroupChoice`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Final

POSTING_TTL: Final[timedelta] = timedelta(hours=24)
"""How long a draft's or a redacted post's buttons work."""
REVIEW_TTL: Final[timedelta] = timedelta(days=7)
"""How long "Ask the Clerk to review" works after the removal."""
CONFIRM_TTL: Final[timedelta] = timedelta(minutes=15)
"""How long a choice of member, or a confirmation of a membership change, works."""
ID_BYTES: Final[int] = 12
"""Random bytes in a button id: ``secrets.token_urlsafe(12)`` is 16 characters."""
GROUP_TTL: Final[timedelta] = timedelta(days=7)
"""How long the buttons choosing what the bot does in a group work (the Clerk may be away)."""
MAX_CALLBACK_BYTES: Final[int] = 64
"""Telegram's limit on callback data."""

_ID: Final[str] = r"[A-Za-z0-9_-]{16}"
# Telegram ids fit a signed 64-bit integer; anything longer is forged, never looked up.
_LEGACY_REVIEW: Final[re.Pattern[str]] = re.compile(r"v:(-?[0-9]{1,19}):([0-9]{1,19})")
_INT64: Final[int] = 2**63


class ButtonKind(StrEnum):
    """What pressing a button does; the value is its callback data's prefix."""

    POST = "p"  # post a checked draft to one group (the drafting desk)
    DISCARD = "x"  # discard a checked draft (uses up its "Post to …" buttons)
    REDACTED = "r"  # post the redacted version of a removed post where it was removed
    REVIEW = "v"  # ask whoever is on duty to review a removal
    WITHDRAW = "w"  # the sender of a warned post has the bot remove it
    CHOOSE = "n"  # the Clerk picks which of several members a name meant, and carries on
    CONFIRM = "k"  # the Clerk confirms (or cancels) a removal or a change of Chair
    SETUP = "s"  # the first run's questions: keep the Clerk's name, skip a question (#15)
    BOOK = "b"  # book (or drop) leave whose dates were questioned, as read (#15)
    GROUP = "g"  # the Clerk chooses what the bot does in a group: moderate, record, ignore (#15)

    @property
    def pattern(self) -> str:
        """The regular expression its callback data matches (for ``CallbackQueryHandler``)."""
        return rf"^{self.value}:{_ID}$"

    @property
    def ttl(self) -> timedelta:
        """How long a button of this kind works."""
        if self in (ButtonKind.CHOOSE, ButtonKind.CONFIRM, ButtonKind.BOOK):
            return CONFIRM_TTL
        if self is ButtonKind.GROUP:
            return GROUP_TTL
        return REVIEW_TTL if self is ButtonKind.REVIEW else POSTING_TTL

    @property
    def single_use(self) -> bool:
        """Whether pressing it uses it (and the buttons issued with it) up."""
        return self is not ButtonKind.REVIEW


def callback_data(kind: ButtonKind, button_id: str) -> str:
    """The callback data of the button ``button_id``: ``<prefix>:<id>``."""
    return f"{kind.value}:{button_id}"


def parse(data: str | None) -> tuple[ButtonKind, str] | None:
    """The kind and id in ``data``, or None for anything not made by :func:`callback_data`."""
    if data is None or len(data.encode("utf-8", "replace")) > MAX_CALLBACK_BYTES:
        return None
    for kind in ButtonKind:
        if re.fullmatch(kind.pattern, data):
            return kind, data[2:]
    return None


def legacy_review_data(chat_id: int, message_id: int) -> str:
    """A review button that names the removal itself: for when no button can be stored.

    Used while the database is unreachable (and sent before buttons were stored). Its ids are
    not trusted either: the review register only accepts the presser's own recorded removal.
    """
    return f"v:{chat_id}:{message_id}"


def parse_legacy_review(data: str | None) -> tuple[int, int] | None:
    """The chat and message ids of :func:`legacy_review_data`, or None (also when oversized)."""
    if data is None or len(data) > MAX_CALLBACK_BYTES:
        return None
    match = _LEGACY_REVIEW.fullmatch(data)
    if match is None:
        return None
    chat_id, message_id = int(match[1]), int(match[2])
    if not -_INT64 <= chat_id < _INT64 or not 0 < message_id < _INT64:
        return None
    return chat_id, message_id


LEGACY_REVIEW_PATTERN: Final[str] = r"^v:-?[0-9]+:[0-9]+$"
"""What a legacy review button's data looks like (checked fully by :func:`parse_legacy_review`)."""
LEGACY_DISCARD_PATTERN: Final[str] = r"^x$"
"""The "Discard" button of drafts checked before buttons were stored."""

Payload = Mapping[str, object]


@dataclass(frozen=True, slots=True)
class PostTo:
    """A posting button's payload: the checked (or redacted) text and the group to post it to."""

    text: str
    chat_id: int

    def to_payload(self) -> dict[str, object]:
        """The JSON-ready payload."""
        return {"text": self.text, "chat_id": self.chat_id}

    @classmethod
    def from_payload(cls, payload: Payload) -> PostTo:
        """Read :meth:`to_payload`'s form; ``ValueError`` if it does not fit."""
        text, chat_id = payload.get("text"), payload.get("chat_id")
        if not isinstance(text, str) or not _is_int(chat_id):
            raise ValueError("not a posting button's payload")
        return cls(text=text, chat_id=int(str(chat_id)))


@dataclass(frozen=True, slots=True)
class ReviewOf:
    """A review button's payload: the removed message."""

    chat_id: int
    message_id: int

    def to_payload(self) -> dict[str, object]:
        """The JSON-ready payload."""
        return {"chat_id": self.chat_id, "message_id": self.message_id}

    @classmethod
    def from_payload(cls, payload: Payload) -> ReviewOf:
        """Read :meth:`to_payload`'s form; ``ValueError`` if it does not fit."""
        chat_id, message_id = payload.get("chat_id"), payload.get("message_id")
        if not _is_int(chat_id) or not _is_int(message_id):
            raise ValueError("not a review button's payload")
        return cls(chat_id=int(str(chat_id)), message_id=int(str(message_id)))


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


@dataclass(frozen=True, slots=True)
class PersonStep:
    """A command to carry on about one member, once chosen or confirmed.

    ``command`` is the command's name (``"remove"``, ``"role"``, ``"monitor"``, ``"pardon"``,
    ``"strikes"``) or ``"cancel"``; ``detail`` what else it was given (a role's value, ``on``
    or ``off``); ``confirmed`` whether the Clerk has already said yes.
    """

    command: str
    telegram_id: int
    detail: str = ""
    confirmed: bool = False

    def to_payload(self) -> dict[str, object]:
        """The JSON-ready payload."""
        return {
            "command": self.command,
            "telegram_id": self.telegram_id,
            "detail": self.detail,
            "confirmed": self.confirmed,
        }

    @classmethod
    def from_payload(cls, payload: Payload) -> PersonStep:
        """Read :meth:`to_payload`'s form; ``ValueError`` if it does not fit."""
        command, telegram_id = payload.get("command"), payload.get("telegram_id")
        detail, confirmed = payload.get("detail", ""), payload.get("confirmed", False)
        if (
            not isinstance(command, str)
            or not _is_int(telegram_id)
            or not isinstance(detail, str)
            or not isinstance(confirmed, bool)
        ):
            raise ValueError("not a person step's payload")
        return cls(command, int(str(telegram_id)), detail, confirmed=confirmed)


@dataclass(frozen=True, slots=True)
class LeaveBooking:
    """A questioned ``/leave add``, as read: whose, which days, why; ``book``: yes or cancel."""

    member_id: int
    starts_on: date
    ends_on: date
    reason: str
    book: bool

    def to_payload(self) -> dict[str, object]:
        """The JSON-ready payload."""
        return {
            "member_id": self.member_id,
            "starts_on": self.starts_on.isoformat(),
            "ends_on": self.ends_on.isoformat(),
            "reason": self.reason,
            "book": self.book,
        }

    @classmethod
    def from_payload(cls, payload: Payload) -> LeaveBooking:
        """Read :meth:`to_payload`'s form; ``ValueError`` if it does not fit."""
        member_id, reason, book = (
            payload.get("member_id"),
            payload.get("reason"),
            payload.get("book"),
        )
        starts_on, ends_on = payload.get("starts_on"), payload.get("ends_on")
        if (
            not _is_int(member_id)
            or not isinstance(reason, str)
            or not isinstance(book, bool)
            or not isinstance(starts_on, str)
            or not isinstance(ends_on, str)
        ):
            raise ValueError("not a leave booking's payload")
        return cls(
            member_id=int(str(member_id)),
            starts_on=date.fromisoformat(starts_on),  # ValueError if it is not a date
            ends_on=date.fromisoformat(ends_on),
            reason=reason,
            book=book,
        )


@dataclass(frozen=True, slots=True)
class GroupChoice:
    """A group's button: the group, its title when the button was made, and the setting chosen.

    ``setting`` is a :class:`chatbot.members.chats.GroupSetting` value.
    """

    chat_id: int
    title: str
    setting: str

    def to_payload(self) -> dict[str, object]:
        """The JSON-ready payload."""
        return {"chat_id": self.chat_id, "title": self.title, "setting": self.setting}

    @classmethod
    def from_payload(cls, payload: Payload) -> GroupChoice:
        """Read :meth:`to_payload`'s form; ``ValueError`` if it does not fit."""
        chat_id, title, setting = (
            payload.get("chat_id"),
            payload.get("title"),
            payload.get("setting"),
        )
        if not _is_int(chat_id) or not isinstance(title, str) or not isinstance(setting, str):
            raise ValueError("not a group choice's payload")
        return cls(chat_id=int(str(chat_id)), title=title, setting=setting)
