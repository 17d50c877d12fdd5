"""``/zoom enable|list|disable``: hosts choose which Zoom meetings' chats are checked.

Who may enable, disable or change an official meeting is the registry's to decide
(:mod:`chatbot.zoom.registry`); its refusals are told as they are. Replies go through the outbox.
"""

from __future__ import annotations

from typing import Final

from telegram import Message, Update

from chatbot.errors import CouncilbotError
from chatbot.members.service import MemberView
from chatbot.telegram.context import BotContext
from chatbot.telegram.handlers.guard import requires_role
from chatbot.telegram.handlers.reply import reply
from chatbot.zoom.registry import NOT_CONFIGURED, MeetingView

USAGE: Final[str] = (
    "Usage:\n"
    "/zoom enable <meeting id or join link> [official] — check that meeting's chat "
    "(official: its chat goes on the council record)\n"
    "/zoom list — the meetings being checked\n"
    "/zoom disable <meeting id> — stop checking one"
)
OFFICIAL_WORD: Final[str] = "official"


def _line(view: MeetingView) -> str:
    official = " — official, on the record" if view.official else ""
    return f"• {view.meeting_id} “{view.topic or 'untitled'}”{official}"


async def _enable(
    message: Message, context: BotContext, member: MemberView, words: list[str]
) -> None:
    official = bool(words) and words[-1].casefold() == OFFICIAL_WORD
    reference = " ".join(words[:-1] if official else words)
    registry = context.services.zoom
    if not registry.configured:
        await reply(context, message, NOT_CONFIGURED)
        return
    if not reference:
        await reply(context, message, USAGE)
        return
    view = await registry.enable(member=member, reference=reference, official=official)
    record = (
        " It is an official meeting: its chat will go on the council record."
        if view.official
        else ""
    )
    await reply(
        context,
        message,
        f"Checking the chat of meeting {view.meeting_id} “{view.topic or 'untitled'}”. "
        f"I will alert you here when a message breaches the policy.{record}",
    )


async def _list(message: Message, context: BotContext, member: MemberView) -> None:
    views = await context.services.zoom.list(member=member)
    if not views:
        hint = "" if context.services.zoom.configured else f"\n{NOT_CONFIGURED}"
        await reply(context, message, f"No Zoom meetings are being checked.{hint}")
        return
    await reply(context, message, "Zoom meetings being checked:\n" + "\n".join(map(_line, views)))


async def _disable(
    message: Message, context: BotContext, member: MemberView, words: list[str]
) -> None:
    if not words:
        await reply(context, message, USAGE)
        return
    view = await context.services.zoom.disable(member=member, meeting_id=" ".join(words))
    await reply(context, message, f"Stopped checking the chat of meeting {view.meeting_id}.")


@requires_role("zoom")
async def manage_zoom(update: Update, context: BotContext, member: MemberView) -> None:
    """Enable, list or disable the checks of a Zoom meeting's chat."""
    message = update.effective_message
    if message is None:
        return
    action, *words = context.args or [""]
    try:
        match action.casefold():
            case "enable":
                await _enable(message, context, member, words)
            case "list":
                await _list(message, context, member)
            case "disable":
                await _disable(message, context, member, words)
            case _:
                await reply(context, message, USAGE)
    except CouncilbotError as exc:
        await reply(context, message, str(exc))
