"""The bot's rights in each moderated group, told plainly to the officers."""

from __future__ import annotations

import logging

from telegram import Bot, ChatMemberAdministrator, ChatMemberOwner, Update
from telegram.error import TelegramError

from chatbot.access import Role
from chatbot.handlers.guard import requires_role
from chatbot.services.members import ChatView, MemberView
from chatbot.telegram_context import BotContext

logger = logging.getLogger(__name__)

OFFICIAL_NOTICE = (
    "This is an official council chat: its messages are kept as council records and may be "
    "disclosed under the Freedom of Information Act."
)


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


async def joined_group(update: Update, context: BotContext) -> None:
    """When the bot is added to a group (or its rights change), tell the Clerk what to fix."""
    change = update.my_chat_member
    if change is None or change.new_chat_member.status in {"left", "kicked"}:
        return
    services = context.services
    chat = await services.members.chat(change.chat.id)
    clerks = await services.members.with_roles(Role.CLERK, Role.ASSISTANT_CLERK)
    if chat is None:
        text = (
            f"I was added to the group {change.chat.title or change.chat.id} "
            f"(id {change.chat.id}), which is not in the council file; I will not moderate it. "
            "Add it under [[chats]] in council.toml to have it moderated."
        )
    else:
        if chat.official:
            await _notify(context, chat.telegram_id, OFFICIAL_NOTICE)
        lines = await rights_report(context.bot, [chat])
        if not any(line.startswith("✗") for line in lines):
            return
        text = "\n".join(lines)
    for clerk in clerks:
        await _notify(context, clerk.telegram_id, text)


async def _notify(context: BotContext, chat_id: int, text: str) -> None:
    try:
        await context.bot.send_message(chat_id, text)
    except TelegramError as exc:
        logger.info("could not notify chat=%s: %s", chat_id, type(exc).__name__)
