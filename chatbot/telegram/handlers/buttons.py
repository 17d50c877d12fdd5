"""Button presses: post a redacted or checked text, ask the Clerk to review, discard."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import TelegramError

from chatbot.cover.alerts import alert_on_duty
from chatbot.db.database import DatabaseError
from chatbot.moderation.reviews import rules_text
from chatbot.telegram.context import BotContext

logger = logging.getLogger(__name__)

_REVIEWER = "the Clerk (or whoever covers for the Clerk)"


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
        await _ask_for_review(update, context, rest)
        return
    await query.answer()


async def _ask_for_review(update: Update, context: BotContext, rest: str) -> None:
    """Store the sender's review request (once per removed message), then alert who is on duty."""
    query = update.callback_query
    if query is None:
        return
    user = query.from_user
    chat, _, message = rest.partition(":")
    try:
        chat_id, message_id = int(chat), int(message)
    except ValueError:
        await query.answer()
        return
    services = context.services
    try:
        requested = await services.reviews.request(
            chat_id=chat_id, message_id=message_id, sender_id=user.id
        )
    except DatabaseError as exc:
        # Not stored: the request still reaches whoever is on duty, unnumbered, as it came.
        logger.warning("review by user=%s not stored: %s", user.id, exc)
        await alert_on_duty(
            services.outbox,
            services.cover,
            f"Review requested: {user.full_name} (id {user.id}) asks you to review the "
            f"removal of message {message_id} in chat {chat_id} (not stored: the database "
            "was unavailable).",
        )
        await query.answer(f"{_REVIEWER.capitalize()} has been asked to review it.")
        return
    if requested is None:
        logger.info("review asked by user=%s for unknown removal", user.id)
        await query.answer("I have no record of removing that message of yours.", show_alert=True)
        return
    review = requested.review
    if not requested.created:
        state = "is with" if review.is_open else "was decided by"
        await query.answer(f"Review request {review.id} {state} {_REVIEWER}.")
        return
    logger.info("review=%s requested by user=%s", review.id, user.id)
    # Whoever is on duty reviews it: the Clerk, or whoever covers for the Clerk.
    await alert_on_duty(
        services.outbox,
        services.cover,
        f"Review request {review.id}: Review requested: {user.full_name} (id {user.id}) asks "
        f"you to review the removal of message {message_id} in chat {chat_id} "
        f"(rules: {rules_text(review.rules)}). /reviews lists the open requests; "
        f"/review {review.id} upheld|reinstated [note] resolves it.",
    )
    await query.answer(f"Review request {review.id} sent to {_REVIEWER}.")


async def _close(update: Update) -> None:
    query = update.callback_query
    if query is None:
        return
    try:
        await query.edit_message_reply_markup(reply_markup=None)
    except TelegramError as exc:
        logger.info("could not remove buttons: %s", type(exc).__name__)
