"""The one error handler: log what failed by id and type; never post internals to a chat."""

from __future__ import annotations

import logging
import traceback

from telegram import Update

from chatbot.telegram.context import BotContext

logger = logging.getLogger(__name__)

MAX_FRAMES = 6


async def log_error(update: object, context: BotContext) -> None:
    """Log the error with the update's id only (never its content)."""
    update_id = update.update_id if isinstance(update, Update) else None
    error = context.error
    # Where it failed, but no exception messages: they can quote message text or SQL values.
    frames = traceback.extract_tb(error.__traceback__)[-MAX_FRAMES:] if error else []
    where = " <- ".join(
        f"{f.filename.rsplit('/', 1)[-1]}:{f.lineno} {f.name}" for f in reversed(frames)
    )
    logger.error("update=%s failed: %s at %s", update_id, type(error).__name__, where)
