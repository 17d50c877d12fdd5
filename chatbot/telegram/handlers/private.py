"""The private chat: joining with an invitation, and the drafting desk (check before posting)."""

from __future__ import annotations

import logging

from telegram import Update

from chatbot.buttons.kinds import ButtonKind, Payload, PostTo
from chatbot.core.actions import Button, Buttons, Send
from chatbot.core.wording import explain, readable_redaction, summary
from chatbot.db.database import DatabaseError
from chatbot.members.service import MembershipError
from chatbot.moderation.decide import can_repost_redacted
from chatbot.telegram.context import BotContext, Services
from chatbot.telegram.handlers.guard import registered_sender
from chatbot.telegram.handlers.reply import reply
from policy_checks import Action, Verdict

logger = logging.getLogger(__name__)


async def start(update: Update, context: BotContext) -> None:
    """Welcome a member, or join with the invitation code given to ``/start``."""
    user, message = update.effective_user, update.effective_message
    if user is None or message is None:
        return
    services = context.services
    council = services.council.council.name
    if context.args:
        try:
            joined = await services.members.redeem(context.args[0], telegram_id=user.id)
        except MembershipError as exc:
            await reply(context, message, str(exc))
            return
        await reply(
            context,
            message,
            f"Welcome to {council}, {joined.name}. You are registered as {joined.role.label}. "
            "Send /help to see what you can do.",
        )
        return
    member = await registered_sender(update, context)
    if member is None:
        return
    await reply(
        context,
        message,
        f"Hello {member.name}. Send me a draft and I will check it against the council's "
        "policy before you post it. /help lists everything else.",
    )


async def check_draft(update: Update, context: BotContext) -> None:
    """Check a member's draft and offer to post it, redacted if need be, or discard it.

    The buttons are stored (:mod:`chatbot.buttons`): pressing one posts the checked text to that
    group, once, within a day; "Discard" uses them all up.
    """
    user, message = update.effective_user, update.effective_message
    if user is None or message is None or not message.text:
        return
    services = context.services
    if await registered_sender(update, context) is None:
        return
    draft = message.text
    if draft.startswith("/check"):
        draft = draft.partition(" ")[2].strip()
        if not draft:
            await reply(context, message, "Usage: /check <your draft>, or just send me the draft.")
            return
    verdict = await services.moderation.check(draft)
    if verdict.action is Action.ALLOW:
        answer = "No issues found. You can post it as it is."
    else:
        lines = [f"{summary(verdict)}.", "", explain(verdict)]
        if can_repost_redacted(verdict):
            lines += ["", "Redacted version:", readable_redaction(verdict)]
        else:
            lines += ["", "This cannot be posted, even redacted. Please rewrite it."]
        answer = "\n".join(lines)
    try:
        buttons = await _draft_buttons(services, verdict, owner_id=user.id)
    except DatabaseError:
        logger.warning("draft buttons for user=%s not stored: database", user.id)
        buttons = ()
        answer += "\n\n(I cannot offer to post it just now. Please try again shortly.)"
    await services.outbox.do(Send(message.chat_id, answer, buttons=buttons))


async def _draft_buttons(services: Services, verdict: Verdict, *, owner_id: int) -> Buttons:
    """A draft's buttons: "Post to …" each group the bot serves (if it may be posted), "Discard".

    They are stored together, so pressing one uses them all up.
    """
    chats = [chat for chat in await services.members.chats() if chat.moderate or chat.official]
    if verdict.action is Action.ALLOW:
        text, label = verdict.text, "Post to"
    elif can_repost_redacted(verdict):
        text, label = readable_redaction(verdict), "Post redacted to"
    else:
        chats, text, label = [], "", ""
    wanted: list[tuple[ButtonKind, Payload]] = [
        (ButtonKind.POST, PostTo(text=text, chat_id=c.telegram_id).to_payload()) for c in chats
    ]
    wanted.append((ButtonKind.DISCARD, {}))
    data = await services.buttons.issue_group(wanted, owner_id=owner_id)
    rows = [
        (Button(f"{label} {c.title or c.telegram_id}", data=d),)
        for c, d in zip(chats, data[:-1], strict=True)
    ]
    rows.append((Button("Discard", data=data[-1]),))
    return tuple(rows)
