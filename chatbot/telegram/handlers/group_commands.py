"""A command typed in a group: point to the private chat, where commands work.

The command is still checked against the policy like any text (the moderation handler sees it
first) and is never put on the record. The pointer is posted at most once a
:data:`POINTER_INTERVAL_S` per group, so typing commands cannot make the bot flood it.
"""

from __future__ import annotations

import time
from typing import Final

from telegram import Update

from chatbot.core.actions import Button
from chatbot.telegram.connector import command_of
from chatbot.telegram.context import BotContext
from chatbot.telegram.handlers.reply import reply

POINTER: Final[str] = "Commands work in a private chat with me."
POINTER_BUTTON: Final[str] = "Open a private chat"
POINTER_INTERVAL_S: Final[float] = 60.0
_LAST_POINTER: Final[str] = "command_pointer_at"  # the group's chat_data key (monotonic time)


async def point_to_private_chat(update: Update, context: BotContext) -> None:
    """Answer a command meant for this bot in a group with a link to its private chat."""
    message = update.message
    if message is None:
        return
    command = command_of(message)
    if command is None or not command.is_for(context.bot.username):
        return  # not a command, or one for another bot
    chat_data = context.chat_data
    if chat_data is None:
        return
    now = time.monotonic()
    last = chat_data.get(_LAST_POINTER)
    if isinstance(last, float) and now - last < POINTER_INTERVAL_S:
        return
    chat_data[_LAST_POINTER] = now
    url = context.services.outbox.private_chat_url()
    buttons = ((Button(POINTER_BUTTON, url=url),),) if url else ()
    await reply(context, message, POINTER, buttons=buttons)
