"""The one error handler: log what failed by id and type; never post internals to a chat."""

from __future__ import annotations

import logging

from telegram import Update

from chatbot.telegram_context import BotContext

logger = logging.getLogger(__name__)


async def log_error(update: object, context: BotContext) -> None:
    """Log the error with the update's id only (never its content)."""
    update_id = update.update_id if isinstance(update, Update) else None
    error = context.error
    logger.error(
        "update=%s failed: %s",
        update_id,
        type(error).__name__,
        exc_info=(type(error), error, error.__traceback__) if error else None,
    )
