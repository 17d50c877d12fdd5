"""Button presses: post a redacted or checked text, ask the Clerk to review, discard."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import TelegramError

from chatbot.services.alerts import alert_on_duty
from chatbot.telegram_context import BotContext

logger = logging.getLogger(__name__)


async def press_button(update: Update, context: BotContext) -> None:
    """Route a button press by its prefix."""
    query = update.callback_query
    if query is None or query.data is None:
        return
    kind, _, rest = query.data.partition(":")
    user = query.from_user
    services = context.services
    if kind == "x":
        await query.answer("Discarded.")
        await _close(update)
        return
    if kind in {"r", "p"}:
        token, _, chat = rest.partition(":")
        post = await services.moderation.pending_post(token, telegram_user_id=user.id)
        if post is None:
            await query.answer("That draft has already been used or has expired.", show_alert=True)
            return
        target = int(chat) if chat else post.chat_telegram_id
        if target is None:
            await query.answer("No group to post to.", show_alert=True)
            return
        try:
            await context.bot.send_message(target, f"{user.full_name} wrote:\n{post.text}")
        except TelegramError as exc:
            logger.warning(
                "could not post pending=%s to chat=%s: %s", post.id, target, type(exc).__name__
            )
            await query.answer("I could not post to that group.", show_alert=True)
            return
        await query.answer("Posted.")
        await _close(update)
        return
    if kind == "v":
        chat_id, _, message_id = rest.partition(":")
        # Whoever is on duty reviews it: the Clerk, or whoever covers for the Clerk.
        await alert_on_duty(
            context.bot,
            services.cover,
            f"Review requested: {user.full_name} (id {user.id}) asks you to review the "
            f"removal of message {message_id} in chat {chat_id}.",
        )
        await query.answer(
            "The Clerk (or whoever covers for the Clerk) has been asked to review it."
        )
        return
    await query.answer()


async def _close(update: Update) -> None:
    query = update.callback_query
    if query is None:
        return
    try:
        await query.edit_message_reply_markup(reply_markup=None)
    except TelegramError as exc:
        logger.info("could not remove buttons: %s", type(exc).__name__)
