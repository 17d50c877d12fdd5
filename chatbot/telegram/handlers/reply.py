"""Answering in the chat a command came from, through the outbox like every other action."""

from __future__ import annotations

from telegram import Message

from chatbot.core.actions import Buttons, Outcome, Send, SendDocument
from chatbot.telegram.context import BotContext


async def reply(
    context: BotContext, message: Message, text: str, *, buttons: Buttons = ()
) -> Outcome:
    """Send ``text`` to the chat of ``message``; what Telegram reported."""
    return await context.services.outbox.do(Send(message.chat_id, text, buttons=buttons))


async def reply_file(
    context: BotContext, message: Message, name: str, data: bytes, *, caption: str = ""
) -> Outcome:
    """Send a file to the chat of ``message``; what Telegram reported."""
    return await context.services.outbox.do(
        SendDocument(message.chat_id, name, data, caption=caption)
    )
