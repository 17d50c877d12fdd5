"""The bot's rights in each moderated group, told plainly to the officers."""

from __future__ import annotations

from telegram import Bot, ChatMemberAdministrator, ChatMemberOwner, Update
from telegram.error import TelegramError

from chatbot.handlers.guard import requires_role
from chatbot.services.members import ChatView, MemberView
from chatbot.telegram_context import BotContext


async def rights_report(bot: Bot, chats: list[ChatView]) -> list[str]:
    """One line per group: what the bot can do there, and what to fix."""
    me = await bot.get_me()
    lines = []
    for chat in chats:
        name = chat.title or str(chat.telegram_id)
        try:
            member = await bot.get_chat_member(chat.telegram_id, me.id)
        except TelegramError as exc:
            lines.append(f"✗ {name}: I cannot see this group ({type(exc).__name__}). Add me to it.")
            continue
        problems = []
        admin = isinstance(member, ChatMemberAdministrator | ChatMemberOwner)
        if chat.moderate and not (admin and getattr(member, "can_delete_messages", True)):
            problems.append("make me an admin with 'Delete messages'")
        if chat.moderate and not (admin and getattr(member, "can_restrict_members", True)):
            problems.append("give me 'Ban users' (to restrict repeat offenders)")
        if not admin and not me.can_read_all_group_messages:
            problems.append(
                "in @BotFather use /setprivacy → Disable, or make me an admin, "
                "so I see every message"
            )
        if problems:
            lines.append(f"✗ {name}: " + "; ".join(problems) + ".")
        else:
            lines.append(f"✓ {name}: I can see every message, delete and restrict.")
    return lines


@requires_role("status")
async def show_status(update: Update, context: BotContext, member: MemberView) -> None:  # noqa: ARG001
    """Report the bot's rights in every group."""
    chats = await context.services.members.chats()
    lines = await rights_report(context.bot, chats)
    if update.effective_message is not None:
        await update.effective_message.reply_text("\n".join(lines) or "I serve no groups yet.")
