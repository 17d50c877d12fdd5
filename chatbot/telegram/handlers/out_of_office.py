"""A private message asking for the Clerk: one answer, and the out-of-office notice.

A question for the Clerk ("Is the Clerk around? It's urgent") is answered once, in one
message, before the drafting desk could offer to post it: the bot does not pass messages on,
how to reach the Clerk, and out of hours when the Clerk is next working. A stranger gets the
same answer instead of "you are not a member" on top of it. A member's draft that merely
mentions the Clerk is still checked as a draft, and gets the out-of-office notice after it.
"""

from __future__ import annotations

from dataclasses import replace

from telegram import Update
from telegram.ext import ApplicationHandlerStop

from chatbot.core.access import Role
from chatbot.core.actions import Send
from chatbot.cover.notices import asks_for_clerk, clerk_contact_text, is_question
from chatbot.telegram.context import BotContext


async def answer_question(update: Update, context: BotContext) -> None:
    """Answer a private question for the Clerk, and stop it being treated as a draft."""
    user, message = update.effective_user, update.effective_message
    if user is None or message is None or not message.text:
        return
    services = context.services
    clerks = await services.members.with_roles(Role.CLERK)
    if user.id in {clerk.telegram_id for clerk in clerks}:
        return
    if not asks_for_clerk(message.text, clerk_names=[clerk.name for clerk in clerks]):
        return
    member = await services.members.member(user.id)
    if member is not None and not is_question(message.text):
        return  # a draft that mentions the Clerk: checked as usual
    contact = clerk_contact_text(
        clerk_email=services.council.council.clerk_email, member=member is not None
    )
    notices = services.cover_notices
    notice = await notices.out_of_office(person=user.id, text=message.text)
    if notice is None:
        await services.outbox.do(Send(message.chat_id, contact))
    else:
        await notices.deliver(
            services.outbox, [replace(notice, text=f"{notice.text}\n\n{contact}")]
        )
    raise ApplicationHandlerStop


async def reply(update: Update, context: BotContext) -> None:
    """Send the out-of-office notice after a draft that asks for the Clerk out of hours."""
    user, message = update.effective_user, update.effective_message
    if user is None or message is None or not message.text:
        return
    notices = context.services.cover_notices
    notice = await notices.out_of_office(person=user.id, text=message.text)
    if notice is not None:
        await notices.deliver(context.services.outbox, [notice])
