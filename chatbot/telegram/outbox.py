"""The Telegram outbox: the one place that carries out actions through the Bot API.

Every send, delete, restriction and button answer goes through :meth:`TelegramOutbox.do`,
which never raises for a Telegram failure and reports an :class:`~chatbot.core.actions.Outcome`
instead, so that callers tell people what actually happened.

- Retries happen in one way: the rate limiter (:mod:`chatbot.telegram.retry`) waits out 429s and
  backs off on 5xx; a delete that still fails for an outage is tried again a few rounds later,
  since a breach must not stay up.
- A text over Telegram's 4,096 characters is split: its start is sent with the buttons, and
  the whole text follows as a file.
- A chat that moved to a supergroup is followed (``on_migrated``) and the action repeated there.
- Logs carry the action's kind, chat and message ids and the error's type, never text.
"""

from __future__ import annotations

import asyncio
import io
import logging
from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import Final

from telegram import (
    Bot,
    ChatPermissions,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InputTextMessageContent,
    WebAppInfo,
)
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
)

from chatbot.core.actions import (
    MAX_TEXT_CHARS,
    Action,
    Answer,
    AnswerInline,
    BanChannel,
    Buttons,
    Delete,
    EditButtons,
    EditText,
    Failure,
    InlineOffer,
    Outcome,
    RemoveMeetingMessage,
    Restrict,
    RewriteMeetingMessage,
    Send,
    SendDocument,
    TelegramAction,
)
from chatbot.ops.metrics import Metrics

logger = logging.getLogger(__name__)

# A delete that still fails after the limiter's retries (Telegram's 5xx or unreachable) is
# tried again this many rounds, this far apart, before it is given up.
DELETE_ROUNDS: Final[int] = 4
DELETE_RETRY_S: Final[float] = 5.0
# Where a long text is cut: the first part leaves room for the note that the rest is attached.
SPLIT_AT: Final[int] = MAX_TEXT_CHARS - 200
_MORE: Final[str] = "\n\n(The message was too long for Telegram: the whole text is attached.)"
# Telegram's 400s that mean the message is not there any more (deleted already, or the chat
# is gone). "message can't be deleted" is not one of them: the post is still up (the bot lost
# its right to delete, or the post is older than 48 hours).
_GONE_PHRASES: Final[tuple[str, ...]] = (
    "message to delete not found",
    "message not found",
    "message_id_invalid",
    "chat not found",
)
_FORBIDDEN_PHRASES: Final[tuple[str, ...]] = (
    "not enough rights",
    "administrator",
    "can't be deleted",
    "have no rights",
)

Migrated = Callable[[int, int], Awaitable[object]]


def failure_of(exc: TelegramError) -> Failure:
    """How a Bot API error is told: forbidden, gone, refused, unreachable or throttled."""
    if isinstance(exc, Forbidden):
        return Failure.FORBIDDEN
    if isinstance(exc, RetryAfter):
        return Failure.THROTTLED
    if isinstance(exc, BadRequest):
        message = exc.message.lower()
        if any(phrase in message for phrase in _GONE_PHRASES):
            return Failure.GONE
        if any(phrase in message for phrase in _FORBIDDEN_PHRASES):
            return Failure.FORBIDDEN
        return Failure.REFUSED
    if isinstance(exc, NetworkError):
        return Failure.UNREACHABLE
    return Failure.REFUSED


def markup_of(buttons: Buttons) -> InlineKeyboardMarkup | None:
    """Telegram's inline keyboard for ``buttons`` (None for no buttons)."""
    if not buttons:
        return None
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    button.label,
                    callback_data=button.data,
                    url=button.url,
                    web_app=WebAppInfo(button.web_app) if button.web_app else None,
                )
                for button in row
            ]
            for row in buttons
        ]
    )


def split_text(text: str) -> tuple[str, bool]:
    """The part of ``text`` that fits one message, and whether anything was cut."""
    if len(text) <= MAX_TEXT_CHARS:
        return text, False
    cut = text.rfind("\n", 0, SPLIT_AT)
    if cut < SPLIT_AT // 2:
        cut = text.rfind(" ", 0, SPLIT_AT)
    if cut < SPLIT_AT // 2:
        cut = SPLIT_AT
    return text[:cut].rstrip() + _MORE, True


class TelegramOutbox:
    """Carries out actions through the Bot API and reports each outcome."""

    def __init__(
        self,
        bot: Bot,
        *,
        metrics: Metrics | None = None,
        on_migrated: Migrated | None = None,
        delete_retry_s: float = DELETE_RETRY_S,
    ) -> None:
        self._bot = bot
        self._metrics = metrics or Metrics()
        self._on_migrated = on_migrated
        self._delete_retry_s = delete_retry_s

    @property
    def bot(self) -> Bot:
        """The bot the outbox sends through (for reads such as ``get_file``)."""
        return self._bot

    def private_chat_url(self) -> str:
        """``https://t.me/<bot>`` once the bot's username is known, else ""."""
        try:
            username = self._bot.username
        except RuntimeError:  # PTB raises until the bot is initialised
            return ""
        return f"https://t.me/{username}" if username else ""

    async def fetch(self, file_id: str, *, limit: int) -> bytes | None:
        """Download a file sent to the bot, if it is at most ``limit`` bytes."""
        try:
            handle = await self._bot.get_file(file_id)
            if handle.file_size is not None and handle.file_size > limit:
                return None
            data = bytes(await handle.download_as_bytearray())
        except TelegramError as exc:
            logger.warning("could not fetch a file: %s", type(exc).__name__)
            return None
        return data if len(data) <= limit else None

    async def do(self, action: Action) -> Outcome:
        """Carry out ``action``; a Telegram failure is reported, never raised."""
        if isinstance(action, RemoveMeetingMessage | RewriteMeetingMessage):
            return Outcome.failed(Failure.REFUSED, detail="not a Telegram action")
        try:
            outcome = await self._attempt(action)
        except ChatMigrated as exc:
            return await self._after_migration(action, exc.new_chat_id)
        except TelegramError as exc:
            outcome = Outcome.failed(failure_of(exc), detail=type(exc).__name__)
        if not outcome.done:
            logger.warning(
                "%s to chat=%s failed: %s (%s)",
                type(action).__name__,
                _chat_of(action),
                outcome.failure,
                outcome.detail,
            )
        self._metrics.actions.inc(action=_metric_name(action, outcome))
        return outcome

    async def _after_migration(self, action: TelegramAction, new_chat_id: int) -> Outcome:
        old = _chat_of(action)
        if self._on_migrated is not None and old is not None:
            await self._on_migrated(old, new_chat_id)
        moved = _moved(action, new_chat_id)
        if moved is None:
            return Outcome.failed(Failure.GONE, detail="ChatMigrated")
        return await self.do(moved)

    async def _attempt(self, action: TelegramAction) -> Outcome:
        match action:
            case Send():
                return await self._send(action)
            case SendDocument():
                sent = await self._bot.send_document(
                    action.chat_id,
                    document=io.BytesIO(action.data),
                    filename=action.name,
                    caption=action.caption[:1024] or None,
                )
                return Outcome.ok(message_id=sent.message_id)
            case Delete():
                return await self._delete(action)
            case Restrict():
                await self._bot.restrict_chat_member(
                    action.chat_id, action.user_id, ChatPermissions.no_permissions()
                )
                return Outcome.ok()
            case BanChannel():
                await self._bot.ban_chat_sender_chat(action.chat_id, action.channel_id)
                return Outcome.ok()
            case Answer():
                await self._bot.answer_callback_query(
                    action.query_id, text=action.text[:200] or None, show_alert=action.alert
                )
                return Outcome.ok()
            case AnswerInline():
                await self._bot.answer_inline_query(
                    action.query_id,
                    [_article(offer) for offer in action.offers],
                    cache_time=0,
                    is_personal=True,
                    button=InlineQueryResultsButton(
                        action.start_label[:64], start_parameter=action.start_parameter
                    )
                    if action.start_parameter
                    else None,
                )
                return Outcome.ok()
            case EditButtons():
                await self._bot.edit_message_reply_markup(
                    action.chat_id, action.message_id, reply_markup=markup_of(action.buttons)
                )
                return Outcome.ok()
            case EditText():
                await self._bot.edit_message_text(
                    action.text[:MAX_TEXT_CHARS],
                    action.chat_id,
                    action.message_id,
                    reply_markup=markup_of(action.buttons),
                    disable_web_page_preview=True,
                )
                return Outcome.ok()
        raise TypeError(f"unknown action {type(action).__name__}")  # pragma: no cover

    async def _send(self, action: Send) -> Outcome:
        text, cut = split_text(action.text)
        sent = await self._bot.send_message(
            action.chat_id,
            text,
            reply_markup=markup_of(action.buttons),
            reply_to_message_id=action.reply_to,
            disable_web_page_preview=not action.preview_links,
        )
        if cut:
            whole = SendDocument(
                action.chat_id, action.file_name, action.text.encode("utf-8"), caption=""
            )
            rest = await self.do(whole)
            if not rest.done:
                return Outcome.failed(rest.failure or Failure.REFUSED, detail="rest not sent")
        return Outcome.ok(message_id=sent.message_id)

    async def _delete(self, action: Delete) -> Outcome:
        for attempt in range(1, DELETE_ROUNDS + 1):
            try:
                await self._bot.delete_message(action.chat_id, action.message_id)
            except ChatMigrated:
                raise
            except (BadRequest, Forbidden, RetryAfter):
                raise
            except NetworkError as exc:
                # Telegram failing or unreachable even after the limiter's retries: a breach
                # must not stay up, so try again a little later (this chat waits).
                if attempt == DELETE_ROUNDS:
                    raise
                logger.warning(
                    "delete of chat=%s message=%s failed (%s); retrying in %.0f s",
                    action.chat_id,
                    action.message_id,
                    type(exc).__name__,
                    self._delete_retry_s,
                )
                await asyncio.sleep(self._delete_retry_s)
                continue
            return Outcome.ok()
        return Outcome.failed(Failure.UNREACHABLE)  # pragma: no cover - the loop returns


def _article(offer: InlineOffer) -> InlineQueryResultArticle:
    return InlineQueryResultArticle(
        id=offer.id,
        title=offer.title,
        description=offer.description,
        input_message_content=InputTextMessageContent(offer.text),
    )


def _chat_of(action: TelegramAction) -> int | None:
    return None if isinstance(action, Answer | AnswerInline) else action.chat_id


def _moved(action: TelegramAction, chat_id: int) -> TelegramAction | None:
    """``action`` aimed at the chat's new id (None for an action that cannot move)."""
    if isinstance(action, Send | SendDocument | Restrict):
        return replace(action, chat_id=chat_id)
    return None  # a message id of the old chat does not exist in the new one


def _metric_name(action: TelegramAction, outcome: Outcome) -> str:
    kind = {
        Send: "sent",
        SendDocument: "document",
        Delete: "deleted",
        Restrict: "restricted",
        BanChannel: "restricted",
        Answer: "answered",
        AnswerInline: "answered_inline",
        EditButtons: "edited",
        EditText: "edited",
    }[type(action)]
    return kind if outcome.done else f"{kind}_failed"
