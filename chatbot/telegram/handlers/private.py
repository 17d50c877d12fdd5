"""The private chat: joining with an invitation, and the drafting desk (check before posting)."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from chatbot.core.wording import explain, summary
from chatbot.members.service import MembershipError
from chatbot.telegram.context import BotContext
from chatbot.telegram.handlers.guard import registered_sender
from policy_checks import Action


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
            await message.reply_text(str(exc))
            return
        await message.reply_text(
            f"Welcome to {council}, {joined.name}. You are registered as {joined.role.label}. "
            "Send /help to see what you can do."
        )
        return
    member = await registered_sender(update, context)
    if member is None:
        return
    await message.reply_text(
        f"Hello {member.name}. Send me a draft and I will check it against the council's "
        "policy before you post it. /help lists everything else."
    )


async def check_draft(update: Update, context: BotContext) -> None:
    """Check a member's draft and offer to post it, redacted if need be, or discard it."""
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
            await message.reply_text("Usage: /check <your draft>, or just send me the draft.")
            return
    verdict = await services.moderation.check(draft)
    chats = [chat for chat in await services.members.chats() if chat.moderate or chat.official]
    buttons: list[list[InlineKeyboardButton]] = []
    if verdict.action is Action.ALLOW:
        token = await services.moderation.add_pending(telegram_user_id=user.id, text=verdict.text)
        buttons += [
            [
                InlineKeyboardButton(
                    f"Post to {c.title or c.telegram_id}",
                    callback_data=f"p:{token}:{c.telegram_id}",
                )
            ]
            for c in chats
        ]
    elif verdict.redacted_action is not Action.BLOCK:
        token = await services.moderation.add_pending(
            telegram_user_id=user.id, text=verdict.redacted
        )
        buttons += [
            [
                InlineKeyboardButton(
                    f"Post redacted to {c.title or c.telegram_id}",
                    callback_data=f"p:{token}:{c.telegram_id}",
                )
            ]
            for c in chats
        ]
    buttons.append([InlineKeyboardButton("Discard", callback_data="x")])
    if verdict.action is Action.ALLOW:
        reply = "No issues found. You can post it as it is."
    else:
        lines = [f"{summary(verdict)}.", "", explain(verdict)]
        if verdict.redacted_action is not Action.BLOCK:
            lines += ["", "Redacted version:", verdict.redacted]
        else:
            lines += ["", "This cannot be posted, even redacted. Please rewrite it."]
        reply = "\n".join(lines)
    await message.reply_text(reply, reply_markup=InlineKeyboardMarkup(buttons))
