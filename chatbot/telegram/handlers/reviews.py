"""Review requests: ``/reviews`` lists the open ones, ``/review`` resolves one.

For the Clerk and the Assistant Clerk, and nominated monitors while they cover
(:func:`chatbot.moderation.reviews.may_act_on_duty`). The removed text is never shown: it is not
kept. The sender is told the outcome privately.
"""

from __future__ import annotations

import logging
from typing import Final

from telegram import Update

from chatbot.core.actions import Send
from chatbot.cover.notices import shown_moment
from chatbot.members.service import MemberView
from chatbot.moderation.reviews import (
    ReviewError,
    ReviewOutcome,
    ReviewView,
    rules_text,
)
from chatbot.telegram.context import BotContext
from chatbot.telegram.handlers.guard import requires_role
from chatbot.telegram.handlers.reply import reply

logger = logging.getLogger(__name__)

REVIEW_USAGE: Final[str] = (
    "Usage: /review <number> upheld|reinstated|other [note], for example\n"
    "/review 3 upheld the post named a resident"
)
NOT_ON_DUTY: Final[str] = (
    "Review requests are for the Clerk, the Assistant Clerk, and nominated monitors while "
    "they cover for the Clerk; you are not covering now."
)
MAX_LISTED: Final[int] = 50
_OUTCOME, _NOTE = 2, 3  # /review <number> <outcome> [note]
_TOLD: Final[dict[ReviewOutcome, str]] = {
    ReviewOutcome.UPHELD: "the removal is upheld: the post breached the policy",
    ReviewOutcome.REINSTATED: ("it should not have been removed: you may post it again"),
    ReviewOutcome.OTHER: "it has been looked at",
}


async def _may_act(context: BotContext, member: MemberView) -> bool:
    return await context.services.reviews.may_act(member.role, member.telegram_id)


async def _chat_titles(context: BotContext) -> dict[int, str]:
    return {c.telegram_id: c.title for c in await context.services.members.chats() if c.title}


async def _names(context: BotContext) -> dict[int, str]:
    return {m.telegram_id: m.name for m in await context.services.members.members()}


def _line(
    review: ReviewView, *, titles: dict[int, str], names: dict[int, str], context: BotContext
) -> str:
    zone = context.services.cover.zone
    chat = titles.get(review.chat_id, f"chat {review.chat_id}")
    sender = names.get(review.sender_id, "not a member")
    return (
        f"{review.id}. {shown_moment(review.requested_at, zone)}, {chat}, "
        f"{sender} (id {review.sender_id}): {rules_text(review.rules)}"
    )


@requires_role("reviews")
async def list_reviews(update: Update, context: BotContext, member: MemberView) -> None:
    """``/reviews``: the open review requests, oldest first."""
    message = update.effective_message
    if message is None:
        return
    if not await _may_act(context, member):
        await reply(context, message, NOT_ON_DUTY)
        return
    reviews = await context.services.reviews.open()
    if not reviews:
        await reply(context, message, "No open review requests.")
        return
    titles, names = await _chat_titles(context), await _names(context)
    lines = [f"Open review requests ({len(reviews)}):"]
    lines += [_line(r, titles=titles, names=names, context=context) for r in reviews[:MAX_LISTED]]
    if len(reviews) > MAX_LISTED:
        lines.append(f"… and {len(reviews) - MAX_LISTED} more")
    lines.append("Resolve one with /review <number> upheld|reinstated [note].")
    await reply(context, message, "\n".join(lines))


@requires_role("review")
async def resolve_review(update: Update, context: BotContext, member: MemberView) -> None:
    """``/review <number> upheld|reinstated|other [note]``: decide; the sender is told."""
    message = update.effective_message
    if message is None:
        return
    if not await _may_act(context, member):
        await reply(context, message, NOT_ON_DUTY)
        return
    parts = (message.text or "").split(maxsplit=3)
    if len(parts) < _OUTCOME + 1 or not parts[1].isdigit():
        await reply(context, message, REVIEW_USAGE)
        return
    try:
        outcome = ReviewOutcome(parts[_OUTCOME].lower())
    except ValueError:
        await reply(context, message, REVIEW_USAGE)
        return
    note = parts[_NOTE] if len(parts) > _NOTE else ""
    try:
        review = await context.services.reviews.resolve(
            int(parts[1]), by=member.telegram_id, outcome=outcome, note=note
        )
    except ReviewError as exc:
        await reply(context, message, str(exc))
        return
    logger.info(
        "review=%s resolved by member=%s outcome=%s", review.id, member.telegram_id, outcome.value
    )
    told = await _tell_sender(context, review)
    tail = "" if told else " I could not tell the sender: they have not started a chat with me."
    await reply(context, message, f"Review request {review.id} resolved: {outcome.value}.{tail}")


async def _tell_sender(context: BotContext, review: ReviewView) -> bool:
    """Tell the sender the outcome privately; whether they could be reached."""
    outcome = review.outcome or ReviewOutcome.OTHER
    titles = await _chat_titles(context)
    where = titles.get(review.chat_id, "a council group")
    lines = [
        (
            f"Review request {review.id}: the Clerk's office reviewed the removal of your "
            f"message in {where}: {_TOLD[outcome]}."
        )
    ]
    if review.note:
        lines.append(f"Note: {review.note}")
    told = await context.services.outbox.do(Send(review.sender_id, "\n".join(lines)))
    return told.done
