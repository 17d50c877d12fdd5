"""Inline mode: ``@bot <draft>`` in any chat offers a checked version before anything is sent.

The answer is an action like every other reply (:class:`chatbot.core.actions.AnswerInline`),
carried out by the outbox.
"""

from __future__ import annotations

import hashlib
from typing import Final

from telegram import Update

from chatbot.core.actions import AnswerInline, InlineOffer
from chatbot.core.wording import readable_redaction, summary
from chatbot.moderation.decide import can_repost_redacted
from chatbot.telegram.context import BotContext
from policy_checks import Action, Verdict

MAX_INLINE_TEXT: Final[int] = 4096
DESCRIPTION_CHARS: Final[int] = 100


def inline_answer(query_id: str, verdict: Verdict) -> AnswerInline:
    """The draft as it is when it is clean, redacted when that fixes it, else a way to ask why."""
    text = verdict.text
    result_id = hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]
    if verdict.action is Action.ALLOW:
        offer = InlineOffer(result_id, "No issues", text[:DESCRIPTION_CHARS], text)
    elif can_repost_redacted(verdict):
        redacted = readable_redaction(verdict)
        offer = InlineOffer(
            result_id, summary(verdict), f"Sends: {redacted[:DESCRIPTION_CHARS]}", redacted
        )
    else:
        return AnswerInline(
            query_id, start_label=f"Blocked: {summary(verdict)}", start_parameter="draft"
        )
    return AnswerInline(query_id, offers=(offer,))


async def check_inline_query(update: Update, context: BotContext) -> None:
    """Answer ``@bot <draft>`` for a member; anyone else is pointed to the Clerk."""
    query = update.inline_query
    if query is None:
        return
    services = context.services
    member = await services.members.member(query.from_user.id)
    if member is None:
        answer = AnswerInline(
            query.id,
            start_label="Not a registered member — ask the Clerk",
            start_parameter="help",
        )
    elif not (text := query.query.strip()[:MAX_INLINE_TEXT]):
        answer = AnswerInline(query.id)
    else:
        answer = inline_answer(query.id, await services.moderation.check(text))
    await services.outbox.do(answer)
