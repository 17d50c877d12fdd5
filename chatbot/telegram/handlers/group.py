"""Group messages: translate to our event and hand it to the moderation pipeline."""

from __future__ import annotations

import logging

from telegram import Update

from chatbot.telegram.connector import event_from_update
from chatbot.telegram.context import BotContext

logger = logging.getLogger(__name__)


async def moderate_group_message(update: Update, context: BotContext) -> None:
    """Hand a group message to the moderation pipeline as our own event."""
    event = event_from_update(update, bot_id=context.bot.id)
    if event is None:
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
