"""Access control as one declared layer: ``@requires_role("invite")`` on a command handler."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Coroutine
from functools import wraps
from typing import Any

from telegram import Update

from chatbot.core.access import allowed, command
from chatbot.members.service import MemberView
from chatbot.telegram.context import BotContext
from chatbot.telegram.handlers.reply import reply

MemberHandler = Callable[[Update, BotContext, MemberView], Awaitable[None]]
Handler = Callable[[Update, BotContext], Coroutine[Any, Any, None]]


def not_registered(council_name: str) -> str:
    """The one reply an unknown user gets."""
    return f"You are not a registered member of {council_name} — ask the Clerk."


async def registered_sender(update: Update, context: BotContext) -> MemberView | None:
    """The sender as a registered member; otherwise they are told so and ``None`` returned."""
    user, message = update.effective_user, update.effective_message
    if user is None or message is None:
        return None
    services = context.services
    member = await services.members.member(user.id)
    if member is None:
        await reply(context, message, not_registered(services.council.council.name))
    return member


def requires_role(name: str) -> Callable[[MemberHandler], Handler]:
    """Let a handler run only for members whose role may use the command ``name``."""
    declared = command(name)

    def decorate(handler: MemberHandler) -> Handler:
        @wraps(handler)
        async def guarded(update: Update, context: BotContext) -> None:
            member = await registered_sender(update, context)
            if member is None or update.effective_message is None:
                return
            message = update.effective_message
            if not allowed(member.role, declared.name, monitor=member.monitor):
                roles = ", ".join(sorted(r.label for r in declared.roles))
                roles += ", nominated monitors" if declared.monitors else ""
                await reply(context, message, f"/{declared.name} is for: {roles}.")
                return
            await handler(update, context, member)

        return guarded

    return decorate
