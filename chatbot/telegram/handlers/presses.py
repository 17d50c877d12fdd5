"""A pressed inline button, read in one place: used up and its payload read, or refused.

Every press handler starts the same way: use the button up for its presser
(:meth:`chatbot.buttons.service.ButtonService.take`), read its payload, and tell the presser
why not when either fails: the database is down, the button is not theirs, used, expired, or
its payload is not one we made. :func:`take` does that; :func:`answer` and :func:`close` are
the press's answer and taking the buttons off, through the outbox like every other action.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final, TypeVar

from telegram import CallbackQuery

from chatbot.buttons.kinds import Payload
from chatbot.buttons.service import ButtonPress, ButtonService, Refusal
from chatbot.core.actions import Answer, EditButtons, Outbox
from chatbot.db.database import DatabaseError

T = TypeVar("T")
UNAVAILABLE: Final[str] = "I cannot check that button just now. Please try again shortly."


async def answer(
    outbox: Outbox, query: CallbackQuery, text: str = "", *, alert: bool = False
) -> None:
    """Answer the press (a failure is logged by the outbox, never raised)."""
    await outbox.do(Answer(query.id, text, alert=alert))


async def close(outbox: Outbox, query: CallbackQuery) -> None:
    """Take the buttons off the message that carried them."""
    message = query.message
    if message is not None:
        await outbox.do(EditButtons(message.chat.id, message.message_id))


async def take(
    buttons: ButtonService,
    outbox: Outbox,
    query: CallbackQuery,
    read: Callable[[Payload], T],
    *,
    unavailable: str = UNAVAILABLE,
) -> tuple[ButtonPress, T] | None:
    """The pressed button used up, and its payload read by ``read``; None when refused.

    The press is returned with it, for :meth:`ButtonService.release` should the work fail.

    A refusal has been told to the presser (an alert): ``unavailable`` while the database is
    down, else why the button does nothing. ``read`` raises ValueError on a payload it does
    not know.
    """
    try:
        taken = await buttons.take(query.data, presser_id=query.from_user.id)
    except DatabaseError:
        await answer(outbox, query, unavailable, alert=True)
        return None
    if isinstance(taken, Refusal):
        await answer(outbox, query, taken.message, alert=True)
        return None
    try:
        return taken, read(taken.payload)
    except ValueError:
        await answer(outbox, query, Refusal.UNKNOWN.message, alert=True)
        return None
