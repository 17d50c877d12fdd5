"""The out-of-office reply to a private message asking for the Clerk outside working time.

It runs in its own handler group after the drafting desk, so the draft is still checked and
answered as usual; this only adds the notice, once per person per local day.
"""

from __future__ import annotations

from telegram import Update

from chatbot.telegram.context import BotContext


async def reply(update: Update, context: BotContext) -> None:
    """Send the out-of-office notice if the message asks for the Clerk out of hours."""
    user, message = update.effective_user, update.effective_message
    if user is None or message is None or not message.text:
        return
    notices = context.services.cover_notices
    notice = await notices.out_of_office(person=user.id, text=message.text)
    if notice is not None:
        await notices.deliver(context.services.outbox, [notice])
