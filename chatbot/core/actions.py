"""What the council's features ask to be done, and what came of it.

Features never call a platform. They return actions — send this text, delete that message,
restrict this sender — and one outbox per platform carries them out and reports an
:class:`Outcome` for each. Whatever a sender, a group, the Clerk or the record is told about an
action is then what the platform reported, never what was hoped.

Actions are plain frozen data, so a decision can be tested without a bot, and so they can be
logged by kind and ids alone (never their text).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

# Telegram refuses a message longer than this; the outbox splits longer texts.
MAX_TEXT_CHARS = 4096


class Failure(StrEnum):
    """Why an action did not happen, in the terms a person is told."""

    FORBIDDEN = "forbidden"  # no right to do it, or the person never started the bot
    GONE = "gone"  # the message or chat no longer exists, or is too old to change
    REFUSED = "refused"  # the platform refused the request as malformed or not allowed
    UNREACHABLE = "unreachable"  # the platform failed or could not be reached, even after retries
    THROTTLED = "throttled"  # the platform asked us to wait longer than we may


@dataclass(frozen=True, slots=True)
class Outcome:
    """What the platform reported for one action."""

    done: bool
    failure: Failure | None = None
    message_id: int | None = None  # a message the action posted
    detail: str = ""  # the platform's error type, for logs (never text)
    reason: str = ""  # why, in words safe to show the person who asked (never a secret)

    @classmethod
    def ok(cls, *, message_id: int | None = None) -> Outcome:
        """The action was carried out."""
        return cls(done=True, message_id=message_id)

    @classmethod
    def failed(cls, failure: Failure, *, detail: str = "", reason: str = "") -> Outcome:
        """The action was not carried out, for ``failure``."""
        return cls(done=False, failure=failure, detail=detail, reason=reason)


@dataclass(frozen=True, slots=True)
class Button:
    """An inline button: a server-side button id to press, or a link to open."""

    label: str
    data: str | None = None  # callback data (an opaque id)
    url: str | None = None
    web_app: str | None = None  # a Mini App's URL


Buttons = tuple[tuple[Button, ...], ...]


@dataclass(frozen=True, slots=True)
class Send:
    """Send ``text`` to a chat (a person's private chat or a group).

    A text too long for one message is split by the outbox: the start is sent, and the whole is
    attached as ``file_name``.
    """

    chat_id: int
    text: str
    buttons: Buttons = ()
    reply_to: int | None = None
    file_name: str = "message.txt"
    preview_links: bool = False


@dataclass(frozen=True, slots=True)
class SendDocument:
    """Send a file to a chat."""

    chat_id: int
    name: str
    data: bytes
    caption: str = ""


@dataclass(frozen=True, slots=True)
class Delete:
    """Remove a message from a chat."""

    chat_id: int
    message_id: int


@dataclass(frozen=True, slots=True)
class Restrict:
    """Stop a sender posting in a group."""

    chat_id: int
    user_id: int


@dataclass(frozen=True, slots=True)
class BanChannel:
    """Stop a channel posting in a group (a channel cannot be restricted like a person)."""

    chat_id: int
    channel_id: int


@dataclass(frozen=True, slots=True)
class Answer:
    """Answer a button press (a short notice, or an alert box)."""

    query_id: str
    text: str = ""
    alert: bool = False


@dataclass(frozen=True, slots=True)
class InlineOffer:
    """One result offered under an inline query: what the sender would send if they pick it."""

    id: str
    title: str
    description: str
    text: str


@dataclass(frozen=True, slots=True)
class AnswerInline:
    """Answer an inline query (``@bot <draft>``) with offers, or a button to the private chat.

    Always personal and never cached: the answer depends on who asks and on the policy now.
    """

    query_id: str
    offers: tuple[InlineOffer, ...] = ()
    start_label: str = ""  # with start_parameter: a button that opens the private chat
    start_parameter: str = ""


@dataclass(frozen=True, slots=True)
class EditButtons:
    """Replace (or with none, remove) the buttons under a message the bot sent."""

    chat_id: int
    message_id: int
    buttons: Buttons = ()


@dataclass(frozen=True, slots=True)
class EditText:
    """Replace the text (and the buttons: none removes them) of a message the bot sent."""

    chat_id: int
    message_id: int
    text: str
    buttons: Buttons = ()


@dataclass(frozen=True, slots=True)
class RemoveMeetingMessage:
    """Delete a message from a live meeting's chat."""

    meeting_id: str
    message_id: str


@dataclass(frozen=True, slots=True)
class RewriteMeetingMessage:
    """Replace a live meeting chat message's text (with its findings redacted)."""

    meeting_id: str
    message_id: str
    text: str


TelegramAction = (
    Send
    | SendDocument
    | Delete
    | Restrict
    | BanChannel
    | Answer
    | AnswerInline
    | EditButtons
    | EditText
)
MeetingAction = RemoveMeetingMessage | RewriteMeetingMessage
Action = TelegramAction | MeetingAction


class NotDelivered(Exception):  # noqa: N818 - reads as what happened
    """Raised where a caller needs an exception for an action that was not carried out."""

    def __init__(self, outcome: Outcome) -> None:
        super().__init__(f"not delivered: {outcome.failure}")
        self.outcome = outcome


async def deliver(outbox: Outbox, action: Action) -> Outcome:
    """Carry out ``action``; raise :class:`NotDelivered` if it was not."""
    outcome = await outbox.do(action)
    if not outcome.done:
        raise NotDelivered(outcome)
    return outcome


class Outbox(Protocol):
    """Carries out actions and reports what happened: the only thing that calls a platform."""

    async def do(self, action: Action) -> Outcome:
        """Carry out ``action``; never raises for a platform failure."""
        ...

    async def fetch(self, file_id: str, *, limit: int) -> bytes | None:
        """A file sent to the platform (at most ``limit`` bytes), or None if it cannot be had."""
        ...

    def private_chat_url(self) -> str:
        """A link that opens a private chat with the bot ("" while it is not known)."""
        ...


class Outboxes:
    """Each action to the outbox of its platform: Telegram's, or the meeting platform's."""

    def __init__(self, telegram: Outbox, meetings: Outbox | None = None) -> None:
        self._telegram = telegram
        self._meetings = meetings

    async def do(self, action: Action) -> Outcome:
        """Carry out ``action`` by its platform's outbox."""
        if isinstance(action, RemoveMeetingMessage | RewriteMeetingMessage):
            if self._meetings is None:
                return Outcome.failed(Failure.REFUSED, detail="no meeting platform configured")
            return await self._meetings.do(action)
        return await self._telegram.do(action)

    async def fetch(self, file_id: str, *, limit: int) -> bytes | None:
        """A file sent to Telegram."""
        return await self._telegram.fetch(file_id, limit=limit)

    def private_chat_url(self) -> str:
        """A link to a private chat with the bot."""
        return self._telegram.private_chat_url()
