"""The bot's state for the Clerk: version, uptime, digest, cover, and rights in each group."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Final
from zoneinfo import ZoneInfo

from telegram import Bot, ChatMemberAdministrator, ChatMemberOwner, Update
from telegram.error import TelegramError

from chatbot.core.access import Role
from chatbot.core.actions import Send
from chatbot.core.dates import shown_day
from chatbot.core.wording import plural
from chatbot.cover.schedule import on_duty_sentence
from chatbot.members.service import ChatView, MemberView
from chatbot.ops.health import version
from chatbot.record.digest import LastDigest
from chatbot.telegram.context import BotContext, Services
from chatbot.telegram.handlers.guard import requires_role
from chatbot.telegram.handlers.reply import reply

logger = logging.getLogger(__name__)

COVER_LOOKAHEAD_DAYS: Final[int] = 60

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


def uptime_text(seconds: float) -> str:
    """``3 d 4 h``, ``2 h 5 min`` or ``7 min``: how long the bot has run."""
    whole = timedelta(seconds=int(seconds))
    days, rest = whole.days, whole.seconds
    hours, minutes = rest // 3600, rest % 3600 // 60
    if days:
        return f"{days} d {hours} h"
    if hours:
        return f"{hours} h {minutes} min"
    return f"{minutes} min"


def digest_line(last: LastDigest | None, zone: ZoneInfo) -> str:
    """When the last record digest went, and for which day."""
    if last is None:
        return "Last digest: none delivered yet."
    when = ""
    if last.delivered_at is not None:
        when = f", delivered {last.delivered_at.astimezone(zone):%a %d %b %H:%M}"
    entries = plural(last.entries, "entry", "entries")
    return f"Last digest: for {shown_day(last.slot)}{when} ({entries})."


async def cover_change_line(services: Services) -> str:
    """Who takes over duty next, and from when (within the next 60 days)."""
    periods = await services.cover.periods(days=COVER_LOOKAHEAD_DAYS)
    if len(periods) < 2:
        return f"Next cover change: none in the next {COVER_LOOKAHEAD_DAYS} days."
    names = {m.telegram_id: m.name for m in await services.members.members()}
    upcoming = periods[1]
    sentence = on_duty_sentence(upcoming.cover, names)
    return f"Next cover change: from {shown_day(upcoming.first)}, {sentence}."


async def status_lines(services: Services) -> list[str]:
    """The bot's version and uptime, the last digest and the next cover change."""
    zone = ZoneInfo(services.council.council.timezone)
    up = f", up {uptime_text(services.health.uptime_s)}" if services.health is not None else ""
    return [
        f"councilbot {version()}{up}.",
        digest_line(await services.digest.last_delivered(), zone),
        await cover_change_line(services),
    ]


@requires_role("status")
async def show_status(update: Update, context: BotContext, member: MemberView) -> None:  # noqa: ARG001
    """Report the version, uptime, last digest, next cover change and rights in every group."""
    services = context.services
    chats = await services.members.chats()
    lines = await rights_report(context.bot, chats)
    head = await status_lines(services)
    text = "\n".join([*head, "", *(lines or ["I serve no groups yet."])])
    if update.effective_message is not None:
        await reply(context, update.effective_message, text)


async def mark_update(update: Update, context: BotContext) -> None:  # noqa: ARG001
    """Count every update and mark the bot alive (runs before every other handler)."""
    services = context.services
    services.metrics.updates.inc()
    if services.health is not None:
        services.health.update_seen()


def join_summary(held: int, since: datetime, zone: ZoneInfo) -> str:
    """The one message for the alerts of groups held back since ``since``."""
    groups = plural(held, "more group", "more groups")
    return (
        f"{groups} added me since {since.astimezone(zone):%H:%M}; I did not ask you about "
        "each, in case it is a flood, and I moderate none of them. If one is the council's, "
        "remove me from it and add me again."
    )


async def send_join_summary(services: Services, now: datetime) -> None:
    """Tell the Clerks how many group alerts were held back, once their hour is over."""
    held = services.join_alerts.summary(now)
    if held is not None:
        zone = ZoneInfo(services.council.council.timezone)
        await _tell_clerks(services, join_summary(*held, zone=zone))


async def _tell_clerks(services: Services, text: str) -> None:
    for clerk in await services.members.with_roles(Role.CLERK, Role.ASSISTANT_CLERK):
        await services.outbox.do(Send(clerk.telegram_id, text))
