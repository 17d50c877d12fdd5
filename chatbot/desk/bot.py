"""``/desk`` in a private chat, and the menu button: both open the desk at ``{PUBLIC_URL}/app/``.

``/desk`` answers with a ``web_app`` button for officers, and for monitors while they cover;
it explains when ``PUBLIC_URL`` is not set. At start-up each officer's private chat gets a
menu button that opens the desk (:func:`set_desk_menu_buttons`, beside the command menus).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Final

from telegram import Bot, MenuButtonWebApp, Update, WebAppInfo
from telegram.error import TelegramError

from chatbot.core.actions import Button
from chatbot.desk.rights import may_open_desk
from chatbot.members.service import MemberView
from chatbot.telegram.context import BotContext
from chatbot.telegram.handlers.guard import requires_role
from chatbot.telegram.handlers.reply import reply

logger = logging.getLogger(__name__)

DESK_PATH: Final[str] = "/app/"
MENU_TEXT: Final[str] = "Desk"
NO_PUBLIC_URL: Final[str] = (
    "The Clerk's desk is a page served by the bot, so it needs the bot's public web address: "
    "whoever runs the bot sets PUBLIC_URL (the HTTPS root of its HTTP server) and restarts it."
)
NOT_COVERING: Final[str] = (
    "The Clerk's desk is for the officers, and for nominated monitors while they cover for "
    "the Clerk; you are not covering now."
)


def desk_url(public_url: str) -> str:
    """The desk's address under the bot's public root."""
    return public_url.rstrip("/") + DESK_PATH


@requires_role("desk")
async def open_desk(update: Update, context: BotContext, member: MemberView) -> None:
    """``/desk``: a button that opens the Clerk's desk inside Telegram."""
    message = update.effective_message
    if message is None:
        return
    services = context.services
    covering = await services.reviews.may_act(member.role, member.telegram_id)
    if not may_open_desk(member.role, monitor=member.monitor, covering=covering):
        await reply(context, message, NOT_COVERING)
        return
    public_url = services.settings.public_url
    if not public_url:
        await reply(context, message, NO_PUBLIC_URL)
        return
    button = Button("Open the Clerk's desk", web_app=desk_url(public_url))
    await reply(
        context,
        message,
        "The Clerk's desk: the record, requests, reviews, members and cover.",
        buttons=((button,),),
    )


async def set_desk_menu_buttons(
    bot: Bot, members: Iterable[MemberView], *, public_url: str | None
) -> int:
    """Give each officer's private chat a menu button that opens the desk; how many were set.

    Nothing is set without ``PUBLIC_URL``. A member who never started the bot cannot be given
    one (Telegram refuses): logged by id and error type.
    """
    if not public_url:
        return 0
    button = MenuButtonWebApp(MENU_TEXT, WebAppInfo(desk_url(public_url)))
    done = 0
    for member in members:
        if not may_open_desk(member.role, monitor=member.monitor, covering=False):
            continue
        try:
            await bot.set_chat_menu_button(chat_id=member.telegram_id, menu_button=button)
        except TelegramError as exc:
            logger.info(
                "no desk menu button for member=%s: %s", member.telegram_id, type(exc).__name__
            )
            continue
        done += 1
    return done
