"""Group messages: translate to our event, review, then carry out the decision."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime
from typing import Final

from telegram import (
    Bot,
    ChatPermissions,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    Update,
    User,
)
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
)

from chatbot.core.access import CLERKS
from chatbot.core.events import Attachment, MessageEvent
from chatbot.core.wording import REMOVAL_NOTICE, explain
from chatbot.cover.alerts import alert_on_duty
from chatbot.db.database import DatabaseError
from chatbot.members.service import MemberView
from chatbot.moderation.service import Decision
from chatbot.record.service import NewEntry, StoredFile, is_official
from chatbot.telegram.context import BotContext

logger = logging.getLogger(__name__)

# A delete that still fails after the limiter's retries (Telegram's 5xx or unreachable) is
# tried again this many rounds, this far apart, before it is given up and logged.
DELETE_ROUNDS: Final[int] = 4
DELETE_RETRY_S: Final[float] = 5.0


def attachments_of(message: Message) -> tuple[Attachment, ...]:
    """The files sent with ``message`` (for a photo, its largest size)."""
    found: list[Attachment] = []
    for kind in ("document", "video", "audio", "voice", "animation", "video_note", "sticker"):
        media = getattr(message, kind, None)
        if media is not None:
            found.append(
                Attachment(
                    kind=kind,
                    file_id=media.file_id,
                    file_unique_id=media.file_unique_id,
                    name=getattr(media, "file_name", None) or "",
                    mime_type=getattr(media, "mime_type", None) or "",
                    size=media.file_size,
                )
            )
    if message.photo:
        photo = message.photo[-1]
        found.append(
            Attachment(
                kind="photo",
                file_id=photo.file_id,
                file_unique_id=photo.file_unique_id,
                mime_type="image/jpeg",
                size=photo.file_size,
            )
        )
    return tuple(found)


def message_event(message: Message, user: User, *, edited: bool) -> MessageEvent | None:
    """Our event for a Telegram group message with text, a caption or attachments."""
    text = message.text or message.caption or ""
    attachments = attachments_of(message)
    if not text and not attachments:
        return None
    return MessageEvent(
        chat_id=message.chat.id,
        chat_title=message.chat.title or "",
        message_id=message.message_id,
        sender_id=user.id,
        sender_name=user.full_name,
        text=text,
        date=message.date or datetime.now(UTC),
        edited=edited,
        version=int(message.edit_date.timestamp()) if edited and message.edit_date else 0,
        forwarded=message.forward_origin is not None,
        sender_is_bot=user.is_bot,
        hashtags=frozenset(
            word.lstrip("#").rstrip(".,;:!?").lower()
            for word in text.split()
            if word.startswith("#")
        ),
        mentioned_ids=frozenset(
            entity.user.id
            for entity in (*message.entities, *message.caption_entities)
            if entity.type == "text_mention" and entity.user is not None
        ),
        reply_to_sender_id=(
            message.reply_to_message.from_user.id
            if message.reply_to_message and message.reply_to_message.from_user
            else None
        ),
        attachments=attachments,
    )


async def moderate_group_message(update: Update, context: BotContext) -> None:
    """Check a group message against the policy, and record it if the chat is official."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    services = context.services
    chat = await services.members.chat(message.chat.id)
    if chat is None or not (chat.moderate or chat.official):
        return
    event = message_event(message, user, edited=update.edited_message is not None)
    if event is None or event.sender_is_bot:
        return
    sender = await services.members.member(user.id)
    clerks = {m.telegram_id for m in await services.members.with_roles(*CLERKS)}
    official = is_official(event, chat_official=chat.official, clerk_ids=clerks)
    try:
        decision = await services.moderation.review(event, sender) if chat.moderate else None
    except DatabaseError:
        if official:  # the record loses nothing: the entry is spooled until the database returns
            await _capture(context, event, None)
        raise
    if official:
        await _capture(context, event, decision)
    if decision is not None and decision.acts:
        await carry_out(context, decision, event, sender)


async def _capture(context: BotContext, event: MessageEvent, decision: Decision | None) -> None:
    """Put an official chat's message on the record (a removed one too, access restricted)."""
    verdict = decision.verdict if decision else None
    removed_for = verdict.rules if decision is not None and verdict and decision.delete else ()
    personal = bool(verdict and "personal_data" in verdict.rules)
    limit = context.services.council.record.max_document_bytes
    files = await stored_documents(context.bot, event.attachments, limit)
    entry = NewEntry.from_message(
        event, removed_for=removed_for, personal_data=personal, files=files
    )
    await context.services.record.append(entry)


async def stored_documents(
    bot: Bot, attachments: tuple[Attachment, ...], limit: int
) -> tuple[StoredFile, ...]:
    """Download the documents (up to ``limit`` bytes each) to keep with the record.

    A document that is too large, or cannot be fetched, is recorded by its name, type, size
    and file id only; the log says which (ids only).
    """
    kept: list[StoredFile] = []
    for attachment in attachments:
        if attachment.kind != "document" or (attachment.size or 0) > limit:
            continue
        try:
            handle = await bot.get_file(attachment.file_id)
            data = bytes(await handle.download_as_bytearray())
        except TelegramError as exc:
            logger.warning(
                "could not fetch document file=%s: %s",
                attachment.file_unique_id,
                type(exc).__name__,
            )
            continue
        if len(data) <= limit:
            kept.append(StoredFile(attachment.file_id, attachment.name, attachment.mime_type, data))
    return tuple(kept)


async def carry_out(
    context: BotContext, decision: Decision, event: MessageEvent, sender: MemberView | None
) -> None:
    """Delete, explain, notify, alert and restrict, as decided; no Telegram error escapes."""
    bot = context.bot
    actions = context.services.metrics.actions
    if decision.delete:
        for attempt in range(1, DELETE_ROUNDS + 1):
            try:
                await bot.delete_message(event.chat_id, event.message_id)
                actions.inc(action="deleted")
            except (BadRequest, Forbidden, ChatMigrated, RetryAfter) as exc:
                # Already gone, older than 48 hours, no right to delete, or throttled for
                # minutes: the log says which; the sender is still told.
                _not_deleted(event, exc)
            except NetworkError as exc:
                # Telegram failing (5xx) or unreachable even after the limiter's retries: a
                # breach must not stay up, so try again a little later (this chat waits).
                if attempt < DELETE_ROUNDS:
                    logger.warning(
                        "delete of chat=%s message=%s failed (%s); retrying in %.0f s",
                        event.chat_id,
                        event.message_id,
                        type(exc).__name__,
                        DELETE_RETRY_S,
                    )
                    await asyncio.sleep(DELETE_RETRY_S)
                    continue
                _not_deleted(event, exc)
            except TelegramError as exc:
                _not_deleted(event, exc)
            break
    if decision.tell_sender:
        if not decision.delete:
            actions.inc(action="warned")
        await _tell_sender(context, decision, event)
    if decision.post_notice:
        await _send_quietly(context, event.chat_id, REMOVAL_NOTICE)
    if decision.alert_officers:
        await _alert_officers(context, decision, event)
    if decision.restrict and sender is None:
        try:
            await bot.restrict_chat_member(
                event.chat_id, event.sender_id, ChatPermissions.no_permissions()
            )
            actions.inc(action="restricted")
        except TelegramError as exc:
            logger.warning(
                "could not restrict user=%s in chat=%s: %s", event.sender_id, event.chat_id, exc
            )


def _not_deleted(event: MessageEvent, exc: TelegramError) -> None:
    logger.warning(
        "could not delete chat=%s message=%s: %s",
        event.chat_id,
        event.message_id,
        type(exc).__name__,
    )


async def _tell_sender(context: BotContext, decision: Decision, event: MessageEvent) -> None:
    verdict = decision.verdict
    where = f" in {event.chat_title}" if event.chat_title else ""
    if decision.delete:
        head = f"Your message{where} was removed: it breaches the council's Social Media Policy."
    else:
        head = f"Your message{where} may breach the council's Social Media Policy. Please check it."
    lines = [head, "", explain(verdict)]
    advice = context.services.moderation.advice_for(verdict)
    if advice:
        lines += ["", advice]
    buttons = []
    if decision.redacted_token:
        buttons.append(
            [
                InlineKeyboardButton(
                    "Post a redacted version", callback_data=f"r:{decision.redacted_token}"
                )
            ]
        )
    if decision.delete:
        buttons.append(
            [
                InlineKeyboardButton(
                    "Ask the Clerk to review", callback_data=f"v:{event.chat_id}:{event.message_id}"
                )
            ]
        )
    markup = InlineKeyboardMarkup(buttons) if buttons else None
    try:
        await context.bot.send_message(event.sender_id, "\n".join(lines), reply_markup=markup)
    except TelegramError as exc:
        if not isinstance(exc, Forbidden):
            logger.warning("could not tell sender=%s: %s", event.sender_id, type(exc).__name__)
            return
        # The sender never started the bot: name them in the group, with no details.
        name = event.sender_name or "A member"
        await _send_quietly(
            context,
            event.chat_id,
            f"{name}: your message breaches the council's Social Media Policy. "
            "Start a private chat with me to see why.",
        )


async def _alert_officers(context: BotContext, decision: Decision, event: MessageEvent) -> None:
    """Tell whoever is on duty (the Clerk, or who covers) that a sender reached the threshold."""
    services = context.services
    text = (
        f"Strike alert: {event.sender_name or event.sender_id} (id {event.sender_id}) has "
        f"{decision.strikes} strikes in the last {services.moderation.settings.strike_window.days} "
        f"days, the latest in {event.chat_title or event.chat_id}. Use /strikes to review."
    )
    await alert_on_duty(context.bot, services.cover, text)


async def _send_quietly(context: BotContext, chat_id: int, text: str) -> None:
    try:
        await context.bot.send_message(chat_id, text)
    except ChatMigrated as exc:
        await context.services.members.migrate_chat(chat_id, exc.new_chat_id)
        await _send_quietly(context, exc.new_chat_id, text)
    except TelegramError as exc:
        logger.warning("could not send to chat=%s: %s", chat_id, type(exc).__name__)


async def follow_migration(update: Update, context: BotContext) -> None:
    """A group became a supergroup: keep serving it under its new id."""
    message = update.effective_message
    if message is None:
        return
    if message.migrate_to_chat_id:
        old, new = message.chat.id, message.migrate_to_chat_id
    elif message.migrate_from_chat_id:
        old, new = message.migrate_from_chat_id, message.chat.id
    else:
        return
    moved = await context.services.members.migrate_chat(old, new)
    logger.info("chat=%s migrated to %s (known=%s)", old, new, moved)
