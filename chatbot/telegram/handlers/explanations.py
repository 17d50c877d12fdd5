"""Explanations kept for a sender the bot could not reach, delivered when they start it."""

from __future__ import annotations

import logging

from telegram import Update

from chatbot.core.actions import Send
from chatbot.db.database import DatabaseError
from chatbot.telegram.context import BotContext

logger = logging.getLogger(__name__)


async def deliver_waiting(update: Update, context: BotContext) -> None:
    """On ``/start``, send the sender anything they could not be told before."""
    user = update.effective_user
    if user is None:
        return
    services = context.services
    try:
        waiting = await services.moderation.take_undelivered(user.id)
    except DatabaseError:
        logger.warning("waiting explanations for user=%s not read: database", user.id)
        return
    for text in waiting:
        await services.outbox.do(Send(user.id, text))
