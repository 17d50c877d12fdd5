"""Inline mode: ``@bot <draft>`` in any chat offers a checked version before anything is sent."""

from __future__ import annotations

import hashlib

from telegram import (
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InputTextMessageContent,
    Update,
)

from chatbot.core.wording import readable_redaction, summary
from chatbot.moderation.decide import can_repost_redacted
from chatbot.telegram.context import BotContext
from policy_checks import Action

MAX_INLINE_TEXT = 4096


async def check_inline_query(update: Update, context: BotContext) -> None:
    """Offer the draft as it is when it is clean, redacted when that fixes it, else nothing."""
    query = update.inline_query
    if query is None:
        return
    services = context.services
    member = await services.members.member(query.from_user.id)
    if member is None:
        await query.answer(
            [],
            cache_time=0,
            is_personal=True,
            button=InlineQueryResultsButton(
                "Not a registered member — ask the Clerk", start_parameter="help"
            ),
        )
        return
    text = query.query.strip()[:MAX_INLINE_TEXT]
    if not text:
        await query.answer([], cache_time=0, is_personal=True)
        return
    verdict = await services.moderation.check(text)
    result_id = hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]
    if verdict.action is Action.ALLOW:
        results = [
            InlineQueryResultArticle(
                id=result_id,
                title="No issues",
                description=text[:100],
                input_message_content=InputTextMessageContent(text),
            )
        ]
    elif can_repost_redacted(verdict):
        redacted = readable_redaction(verdict)
        results = [
            InlineQueryResultArticle(
                id=result_id,
                title=summary(verdict),
                description=f"Sends: {redacted[:100]}",
                input_message_content=InputTextMessageContent(redacted),
            )
        ]
    else:
        await query.answer(
            [],
            cache_time=0,
            is_personal=True,
            button=InlineQueryResultsButton(
                f"Blocked: {summary(verdict)}"[:64], start_parameter="draft"
            ),
        )
        return
    await query.answer(results, cache_time=0, is_personal=True)
