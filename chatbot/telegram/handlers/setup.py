"""Setup mode's handlers (#15): ``/start <code>``, the Clerk's answers, ``/skip`` and its button.

Thin: the conversation is :class:`chatbot.council.flow.SetupFlow`; here a prompt becomes a
message, with its one button stored server-side (:mod:`chatbot.buttons`).
"""

from __future__ import annotations

import logging
from typing import Final

from telegram import Update

from chatbot.buttons.kinds import ButtonKind, Payload
from chatbot.core.actions import Answer, Button, Buttons, EditButtons, Send
from chatbot.council.flow import Offer, Prompt
from chatbot.council.setup import Step
from chatbot.telegram.handlers import presses
from chatbot.telegram.setup_context import SetupContext, SetupServices

logger = logging.getLogger(__name__)

_LABELS: Final[dict[Offer, str]] = {Offer.KEEP_NAME: "Yes, that is my name", Offer.SKIP: "Skip"}


async def send_prompt(services: SetupServices, chat_id: int, owner_id: int, prompt: Prompt) -> None:
    """Send ``prompt`` with its button (only ``owner_id`` may press it); note the end of setup."""
    buttons: Buttons = ()
    if prompt.offer is not None and prompt.step is not None:
        data = await services.buttons.issue(
            ButtonKind.SETUP, owner_id=owner_id, payload={"step": prompt.step.value}
        )
        buttons = ((Button(_LABELS[prompt.offer], data=data),),)
    await services.outbox.do(Send(chat_id, prompt.text, buttons=buttons))
    if prompt.finished:
        logger.info("setup finished by member=%s", owner_id)
        services.finished.set()


async def start(update: Update, context: SetupContext) -> None:
    """``/start <code>``: the first to send the setup code becomes the Clerk."""
    user, message = update.effective_user, update.effective_message
    if user is None or message is None:
        return
    code = context.args[0] if context.args else None
    prompt = await context.setup.flow.start(
        telegram_id=user.id, telegram_name=user.full_name, code=code
    )
    await send_prompt(context.setup, message.chat_id, user.id, prompt)


async def answer(update: Update, context: SetupContext) -> None:
    """A text in private: the Clerk's answer to the question being asked."""
    user, message = update.effective_user, update.effective_message
    if user is None or message is None or message.text is None:
        return
    prompt = await context.setup.flow.answer(telegram_id=user.id, text=message.text)
    await send_prompt(context.setup, message.chat_id, user.id, prompt)


async def skip(update: Update, context: SetupContext) -> None:
    """``/skip``: skip the question being asked (the council's name cannot be skipped)."""
    user, message = update.effective_user, update.effective_message
    if user is None or message is None:
        return
    prompt = await context.setup.flow.skip(telegram_id=user.id)
    await send_prompt(context.setup, message.chat_id, user.id, prompt)


def _step(payload: Payload) -> Step:
    """The question a setup button belongs to (ValueError for any other payload)."""
    return Step(str(payload.get("step")))


async def press(update: Update, context: SetupContext) -> None:
    """The button under a question: keep the Telegram name, or skip the question."""
    query = update.callback_query
    if query is None:
        return
    services = context.setup
    taken = await presses.take(services.buttons, services.outbox, query, _step)
    if taken is None:
        return
    _, step = taken
    await services.outbox.do(Answer(query.id))
    message = query.message
    if message is not None:
        await services.outbox.do(EditButtons(message.chat.id, message.message_id))
    prompt = await services.flow.skip(telegram_id=query.from_user.id, step=step)
    chat_id = message.chat.id if message is not None else query.from_user.id
    await send_prompt(services, chat_id, query.from_user.id, prompt)
