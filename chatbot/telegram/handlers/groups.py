"""Groups chosen in Telegram: the bot added to a group or removed from it, and ``/groups``.

When someone adds the bot to a group it does not serve, the Clerks are asked, in private, what
it should do there: *Moderate*, *Moderate and keep as official record* or *Ignore*
(:class:`~chatbot.members.chats.GroupSetting`). The choice is stored at once and the moderation
pipeline, which reads each chat through the member service's cache, follows it from the next
message; the question is rewritten to say what was chosen and by whom.

Anyone can add the bot to groups, as many and titled as they like. A group added by someone who
is not an officer is only reported, with no buttons (an officer serves it by adding the bot
again), each group at most once a day
(:class:`~chatbot.members.chats.GroupReports`) and all of them at most
:data:`~chatbot.core.budget.JOIN_ALERTS_PER_HOUR` an hour, the rest counted for one summary;
its title and its adder's name are quoted as data (:func:`~chatbot.core.untrusted.quoted_title`).

A group already served (from ``council.toml``, chosen before, or a group that became a
supergroup) is not asked about again; the Clerks are told only what rights the bot lacks there.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Final

from telegram import Bot, ChatMember, ChatMemberAdministrator, ChatMemberOwner, Update, User
from telegram import Chat as TelegramChat
from telegram import ChatMemberUpdated as TelegramChange
from telegram.error import TelegramError

from chatbot.buttons.kinds import ButtonKind, GroupChoice, Payload
from chatbot.core.access import CLERKS, allowed
from chatbot.core.actions import Button, Buttons, EditText, Send
from chatbot.core.untrusted import quoted_title
from chatbot.db.database import DatabaseError
from chatbot.members.chats import GroupSetting
from chatbot.members.service import ChatView, MemberView
from chatbot.telegram.context import BotContext, Services
from chatbot.telegram.handlers import presses
from chatbot.telegram.handlers.guard import requires_role
from chatbot.telegram.handlers.reply import reply
from chatbot.telegram.handlers.status import OFFICIAL_NOTICE, rights_report, send_join_summary

logger = logging.getLogger(__name__)

GONE: Final[frozenset[str]] = frozenset({ChatMember.LEFT, ChatMember.BANNED})
"""A bot with these statuses is not in the group."""
GROUP_TYPES: Final[frozenset[str]] = frozenset({TelegramChat.GROUP, TelegramChat.SUPERGROUP})
NO_DELETE: Final[str] = (
    "I am not an admin there with 'Delete messages', so I cannot remove posts yet: "
    "make me an admin with that right."
)
NOT_SEEN: Final[str] = "I cannot see that group now: add me to it again."
UNAVAILABLE: Final[str] = "I cannot do that just now. Please try again shortly."
NO_GROUPS: Final[str] = (
    "I serve no groups yet. Add me to a group and I will ask you what to do there."
)
MARK: Final[str] = "✓ "
"""Before the label of a group's current setting."""


# The bot added, removed, or its rights changed --------------------------------------------


async def chat_member_changed(update: Update, context: BotContext) -> None:
    """The bot was added to a group, removed from it, or its rights there changed."""
    change = update.my_chat_member
    if change is None or change.chat.type not in GROUP_TYPES:
        return
    old, new = change.old_chat_member.status, change.new_chat_member.status
    if new in GONE:
        if old not in GONE:
            await _removed(context, change)
        return
    chat = await context.services.members.chat(change.chat.id)
    if chat is not None and (chat.moderate or chat.official):
        await _still_served(context, chat, joined=old in GONE)
    elif old in GONE:
        await _offer(context, change)
    else:  # its rights changed in a group it does not serve
        logger.info("rights changed in chat=%s, not served", change.chat.id)


async def _still_served(context: BotContext, chat: ChatView, *, joined: bool) -> None:
    """A served group: its notice if official and just joined; the Clerks told what to fix."""
    services = context.services
    if joined and chat.official:
        await services.outbox.do(Send(chat.telegram_id, OFFICIAL_NOTICE))
    lines = await rights_report(context.bot, [chat])
    if any(line.startswith("✗") for line in lines):
        await _tell_clerks(services, "\n".join(lines))


async def _offer(context: BotContext, change: TelegramChange) -> None:
    """Ask the Clerks what to do in a group an officer added the bot to; report a non-officer's.

    A non-officer's group is only reported (no buttons), at most once a day per group and a
    few an hour in all: anyone can add the bot to any number of groups.
    """
    services = context.services
    adder = await services.members.member(change.from_user.id)
    officer = adder is not None and adder.is_officer
    chat_id = change.chat.id
    if not officer:
        now = datetime.now(UTC)
        if not services.group_reports.due(chat_id, now):
            logger.info(
                "chat=%s added again by user=%s: reported today", chat_id, change.from_user.id
            )
            return
        await send_join_summary(services, now)
        if not services.join_alerts.take(now):
            logger.info("report that chat=%s added me held back (too many)", chat_id)
            return
    text = offer_text(
        change.chat.title,
        who=_who(adder, change.from_user),
        officer=officer,
        can_delete=_may_delete(change.new_chat_member),
    )
    title = change.chat.title or ""
    for clerk in await services.members.with_roles(*CLERKS):
        buttons: Buttons = ()
        if officer:  # a non-officer's group is only reported: no choice to make from here
            try:
                buttons = await _choices(services, clerk.telegram_id, chat_id, title)
            except DatabaseError:
                logger.warning("no group buttons for clerk=%s: database", clerk.telegram_id)
        await services.outbox.do(Send(clerk.telegram_id, text, buttons=buttons))
    logger.info(
        "chat=%s added by user=%s: clerks %s",
        chat_id,
        change.from_user.id,
        "asked" if officer else "told",
    )


async def _removed(context: BotContext, change: TelegramChange) -> None:
    """The bot was removed from a group: it stops serving it, and the Clerks are told."""
    services = context.services
    chat_id = change.chat.id
    before = await services.members.left_chat(actor=change.from_user.id, telegram_id=chat_id)
    if before is None or not (before.moderate or before.official):
        # A group not served (never chosen, or ignored): nobody needs telling, and anyone can
        # add and remove the bot as often as they like.
        logger.info("removed from chat=%s, not served", chat_id)
        return
    remover = await services.members.member(change.from_user.id)
    title = quoted_title(before.title or change.chat.title)
    await _tell_clerks(
        services,
        f"{_who(remover, change.from_user)} removed me from {title}. I no longer serve it; "
        "if I am added back, I will ask you again.",
    )
    logger.info("removed from chat=%s by user=%s", chat_id, change.from_user.id)


def offer_text(title: str | None, *, who: str, officer: bool, can_delete: bool) -> str:
    """The question to the Clerks about a group the bot was added to."""
    if officer:
        text = f"{who} added me to {quoted_title(title)}. What shall I do there?"
    else:
        text = (
            f"{who}, who is not a council officer, added me to a group. Its own title, as "
            f"whoever made it set it: {quoted_title(title)}. I will not moderate it: I serve "
            "only groups an officer adds me to. If the council should use it, a Clerk, Chair "
            "or Vice Chair can remove me from it and add me again. (I tell you of each such "
            "group at most once a day.)"
        )
    return text if can_delete else f"{text}\n{NO_DELETE}"


def _who(member: MemberView | None, user: User) -> str:
    """Who added or removed the bot: a member's name and role, else their own name as data."""
    if member is not None:
        return f"{member.name} ({member.role.label})"
    return f"Someone who is not a member, {quoted_title(user.full_name, limit=40)}"


def _may_delete(member: ChatMember) -> bool:
    """Whether the bot, as this chat member, may delete other people's posts."""
    if isinstance(member, ChatMemberOwner):
        return True
    return isinstance(member, ChatMemberAdministrator) and member.can_delete_messages


async def _tell_clerks(services: Services, text: str) -> None:
    for clerk in await services.members.with_roles(*CLERKS):
        await services.outbox.do(Send(clerk.telegram_id, text))


# The buttons, and /groups -------------------------------------------------------------------


async def _choices(
    services: Services,
    owner: int,
    chat_id: int,
    title: str,
    current: GroupSetting | None = None,
) -> Buttons:
    """One button per setting for ``owner`` to press (used up together), one to a row."""
    settings = list(GroupSetting)
    data = await services.buttons.issue_group(
        [
            (ButtonKind.GROUP, GroupChoice(chat_id, title, setting.value).to_payload())
            for setting in settings
        ],
        owner_id=owner,
    )
    return tuple(
        (Button((MARK if setting is current else "") + setting.button, callback),)
        for setting, callback in zip(settings, data, strict=True)
    )


def group_line(chat: ChatView) -> str:
    """``“Councillors”: moderated.``: a group and what the bot does there."""
    setting = GroupSetting.of(moderate=chat.moderate, official=chat.official)
    return f"{quoted_title(chat.title)}: {setting.described}."


@requires_role("groups")
async def list_groups(update: Update, context: BotContext, member: MemberView) -> None:
    """List the groups by title with what the bot does there, each with buttons to change it."""
    message = update.effective_message
    if message is None:
        return
    services = context.services
    chats = await services.members.chats()
    if not chats:
        await reply(context, message, NO_GROUPS)
        return
    for chat in chats:
        current = GroupSetting.of(moderate=chat.moderate, official=chat.official)
        buttons = await _choices(
            services, member.telegram_id, chat.telegram_id, chat.title, current
        )
        await reply(context, message, group_line(chat), buttons=buttons)


def _read_choice(payload: Payload) -> tuple[GroupChoice, GroupSetting]:
    choice = GroupChoice.from_payload(payload)
    return choice, GroupSetting(choice.setting)


async def choose_setting(update: Update, context: BotContext) -> None:
    """A group's setting chosen with its button: stored at once, the message rewritten."""
    query = update.callback_query
    if query is None:
        return
    services = context.services
    taken = await presses.take(services.buttons, services.outbox, query, _read_choice)
    if taken is None:
        return
    pressed, (choice, setting) = taken
    presser = await services.members.member(query.from_user.id)
    if presser is None or not allowed(presser.role, "groups", monitor=presser.monitor):
        await presses.answer(services.outbox, query, "You can no longer use /groups.", alert=True)
        return
    before = await services.members.chat(choice.chat_id)
    try:
        chat = await services.members.set_chat(
            actor=presser.telegram_id,
            telegram_id=choice.chat_id,
            title=choice.title,
            setting=setting,
        )
    except DatabaseError:
        await services.buttons.release(pressed)
        await presses.answer(services.outbox, query, UNAVAILABLE, alert=True)
        return
    logger.info("chat=%s set to %s by user=%s", chat.telegram_id, setting, presser.telegram_id)
    if chat.official and (before is None or not before.official):
        await services.outbox.do(Send(chat.telegram_id, OFFICIAL_NOTICE))
    warning = await _rights_warning(context.bot, chat.telegram_id) if setting.moderate else ""
    text = f"{group_line(chat)} Chosen by {presser.name}."
    text = f"{text}\n{warning}" if warning else text
    await presses.answer(services.outbox, query, f"Done: {setting.described}.")
    if query.message is not None:
        buttons = await _choices(
            services, presser.telegram_id, chat.telegram_id, chat.title, setting
        )
        await services.outbox.do(
            EditText(query.message.chat.id, query.message.message_id, text, buttons)
        )


async def _rights_warning(bot: Bot, chat_id: int) -> str:
    """What stops the bot removing posts in the group, as Telegram says now ("" if nothing)."""
    try:
        member = await bot.get_chat_member(chat_id, bot.id)
    except TelegramError as exc:
        logger.info("cannot see chat=%s: %s", chat_id, type(exc).__name__)
        return NOT_SEEN
    if member.status in GONE:
        return NOT_SEEN
    return "" if _may_delete(member) else NO_DELETE
