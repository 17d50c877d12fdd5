"""Group messages: translate to our event and hand it to the moderation pipeline."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from telegram import (
    Message,
    Update,
    User,
)

from chatbot.core.events import Attachment, MessageEvent
from chatbot.telegram.context import BotContext

logger = logging.getLogger(__name__)


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
    """Hand a group message to the moderation pipeline as our own event."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    event = message_event(message, user, edited=update.edited_message is not None)
    if event is None or event.sender_is_bot:
        return
    await context.services.pipeline.handle(event)


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
