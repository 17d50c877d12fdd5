"""Button presses, one handler per kind: post a checked or redacted text, discard, ask for review.

A button's callback data is only its kind and an opaque id (:mod:`chatbot.buttons`); what it
does is looked up, and every press is checked again before anything is posted: the button is
the presser's own, not expired or used; the presser is still a registered member whose role
may post through the bot; the group is still one the bot serves. Anything else is answered
with one short line and nothing is posted. Non-members never have the bot post for them: the
bot names the poster by their registered name, and a stranger has none.

Everything goes through the outbox, so what the presser is told is what Telegram reported.
"""

from __future__ import annotations

import logging
from typing import Final

from telegram import CallbackQuery, Update

from chatbot.buttons.kinds import (
    LEGACY_DISCARD_PATTERN,
    LEGACY_REVIEW_PATTERN,
    ButtonKind,
    PostTo,
    ReviewOf,
    parse_legacy_review,
)
from chatbot.buttons.service import ButtonPress, Refusal
from chatbot.core.access import allowed
from chatbot.core.actions import Delete, Failure, Send
from chatbot.cover.alerts import alert_on_duty
from chatbot.db.base import utcnow
from chatbot.db.database import DatabaseError
from chatbot.members.service import ChatView, MemberView
from chatbot.moderation.reviews import rules_text
from chatbot.record.entry import NewEntry
from chatbot.telegram.context import BotContext, Services
from chatbot.telegram.handlers import commands, groups, presses
from chatbot.telegram.handlers import cover as cover_handlers

logger = logging.getLogger(__name__)

_REVIEWER: Final[str] = "the Clerk (or whoever covers for the Clerk)"
# Posting through the bot is part of checking a draft first: whoever may /check may post.
_POSTING_COMMAND: Final[str] = "check"
NOT_A_MEMBER: Final[str] = "Only registered members can post through me."
ROLE_REFUSED: Final[str] = "Your role no longer lets you post through me."
CHAT_REFUSED: Final[str] = "You can no longer post to that group."


async def post_draft(update: Update, context: BotContext) -> None:
    """Post a checked draft to the group its "Post to …" button names, for its member."""
    await _post(update, context)


async def post_redacted(update: Update, context: BotContext) -> None:
    """Post a removed post's redacted version where the original was removed."""
    await _post(update, context)


async def discard_draft(update: Update, context: BotContext) -> None:
    """Discard a checked draft: its "Post to …" buttons are used up and taken away."""
    query = update.callback_query
    if query is None:
        return
    services = context.services
    if query.data != "x":  # drafts checked before buttons were stored had a bare "x"
        try:
            taken = await services.buttons.take(query.data, presser_id=query.from_user.id)
        except DatabaseError:
            await presses.answer(services.outbox, query, presses.UNAVAILABLE, alert=True)
            return
        if isinstance(taken, Refusal):
            await presses.answer(services.outbox, query, taken.message, alert=True)
            return
    await presses.answer(services.outbox, query, "Discarded.")
    await presses.close(services.outbox, query)


async def ask_for_review(update: Update, context: BotContext) -> None:
    """Ask for a review of a removal: stored once per removal; whoever is on duty is alerted."""
    query = update.callback_query
    if query is None:
        return
    services = context.services
    # A button naming the removal itself (sent while the database was down, or before buttons
    # were stored) is checked by the review register against the presser's own removals.
    removal = parse_legacy_review(query.data) or await _stored_removal(services, query)
    if removal is not None:
        await _request_review(services, query, *removal)


async def _stored_removal(services: Services, query: CallbackQuery) -> tuple[int, int] | None:
    """The removal a stored review button names, if the presser may press it (else answered)."""
    try:
        checked = await services.buttons.peek(query.data, presser_id=query.from_user.id)
    except DatabaseError:
        await presses.answer(services.outbox, query, presses.UNAVAILABLE, alert=True)
        return None
    if isinstance(checked, Refusal):
        await presses.answer(services.outbox, query, checked.message, alert=True)
        return None
    try:
        review = ReviewOf.from_payload(checked.payload)
    except ValueError:
        await presses.answer(services.outbox, query, Refusal.UNKNOWN.message, alert=True)
        return None
    return review.chat_id, review.message_id


async def withdraw_post(update: Update, context: BotContext) -> None:
    """The sender of a warned post has the bot remove it; they are told what Telegram said."""
    query = update.callback_query
    if query is None:
        return
    services = context.services
    taken = await presses.take(services.buttons, services.outbox, query, ReviewOf.from_payload)
    if taken is None:
        return
    pressed, post = taken
    removal = await services.outbox.do(Delete(post.chat_id, post.message_id))
    if removal.done or removal.failure is Failure.GONE:
        await presses.answer(services.outbox, query, "Removed. Thank you.")
        await presses.close(services.outbox, query)
        return
    await services.buttons.release(pressed)
    await presses.answer(
        services.outbox, query, "I could not remove it: please delete it yourself.", alert=True
    )


async def refuse_unknown(update: Update, context: BotContext) -> None:
    """Any other press (forged, garbage, oversized): a short answer, and nothing done."""
    query = update.callback_query
    if query is None:
        return
    logger.info("unknown button pressed by user=%s", query.from_user.id)
    await presses.answer(context.services.outbox, query, Refusal.UNKNOWN.message, alert=True)


PRESS_HANDLERS: Final = (
    (ButtonKind.POST.pattern, post_draft),
    (ButtonKind.REDACTED.pattern, post_redacted),
    (ButtonKind.DISCARD.pattern, discard_draft),
    (LEGACY_DISCARD_PATTERN, discard_draft),
    (ButtonKind.REVIEW.pattern, ask_for_review),
    (ButtonKind.WITHDRAW.pattern, withdraw_post),
    (LEGACY_REVIEW_PATTERN, ask_for_review),
    (ButtonKind.CHOOSE.pattern, commands.choose_member),
    (ButtonKind.CONFIRM.pattern, commands.confirm_change),
    (ButtonKind.GROUP.pattern, groups.choose_setting),
    (ButtonKind.BOOK.pattern, cover_handlers.book_questioned_leave),
)
"""Each kind's callback data pattern and its handler; :func:`refuse_unknown` takes the rest."""


async def _post(update: Update, context: BotContext) -> None:
    """Post a stored text for the presser, if every check still passes; tell them the outcome."""
    query = update.callback_query
    if query is None:
        return
    services = context.services
    presser = query.from_user.id
    try:
        checked = await services.buttons.peek(query.data, presser_id=presser)
    except DatabaseError:
        await presses.answer(services.outbox, query, presses.UNAVAILABLE, alert=True)
        return
    if isinstance(checked, Refusal):
        await presses.answer(services.outbox, query, checked.message, alert=True)
        return
    try:
        target = PostTo.from_payload(checked.payload)
    except ValueError:
        await presses.answer(services.outbox, query, Refusal.UNKNOWN.message, alert=True)
        return
    try:
        refusal = await _may_post(services, await services.members.member(presser), target)
    except DatabaseError:
        await presses.answer(services.outbox, query, presses.UNAVAILABLE, alert=True)
        return
    if isinstance(refusal, str):
        logger.info("post by user=%s to chat=%s refused", presser, target.chat_id)
        await presses.answer(services.outbox, query, refusal, alert=True)
        return
    member, chat = refusal
    try:
        taken = await services.buttons.take(query.data, presser_id=presser)
    except DatabaseError:
        await presses.answer(services.outbox, query, presses.UNAVAILABLE, alert=True)
        return
    if isinstance(taken, Refusal):  # pressed twice at once, or it expired meanwhile
        await presses.answer(services.outbox, query, taken.message, alert=True)
        return
    await _send_for(services, query, taken, member=member, chat=chat, text=target.text)


async def _may_post(
    services: Services, member: MemberView | None, target: PostTo
) -> tuple[MemberView, ChatView] | str:
    """The member and the group if ``member`` may post to ``target`` now; else what to say."""
    if member is None:
        return NOT_A_MEMBER
    if not allowed(member.role, _POSTING_COMMAND, monitor=member.monitor):
        return ROLE_REFUSED
    chat = await services.members.chat(target.chat_id) if target.chat_id < 0 else None
    if chat is None or not (chat.moderate or chat.official):
        return CHAT_REFUSED
    return member, chat


async def _send_for(
    services: Services,
    query: CallbackQuery,
    press: ButtonPress,
    *,
    member: MemberView,
    chat: ChatView,
    text: str,
) -> None:
    """Post ``text`` as ``member``'s; put it on the record once Telegram confirmed it."""
    where = chat.title or "that group"
    posted = f"{member.name} wrote:\n{text}"
    outcome = await services.outbox.do(Send(chat.telegram_id, posted))
    if not outcome.done:
        # Nothing was posted: the button may be pressed again.
        try:
            await services.buttons.release(press)
        except DatabaseError:
            logger.warning("button=%s not released: database", press.id)
        await presses.answer(
            services.outbox,
            query,
            f"I could not post to {where}. Please try again later.",
            alert=True,
        )
        return
    logger.info(
        "posted for user=%s to chat=%s message=%s",
        member.telegram_id,
        chat.telegram_id,
        outcome.message_id,
    )
    if chat.official and outcome.message_id is not None:
        await _record(
            services, member=member, chat=chat, message_id=outcome.message_id, text=posted
        )
    await presses.answer(services.outbox, query, f"Posted to {where}.")
    await presses.close(services.outbox, query)


async def _record(
    services: Services, *, member: MemberView, chat: ChatView, message_id: int, text: str
) -> None:
    """Put a post the bot made for a member in an official chat on the record (keyed once)."""
    entry = NewEntry(
        kind="message",
        occurred_at=utcnow(),
        text=text,
        sender_name=member.name,
        sender_id=member.telegram_id,
        chat_id=chat.telegram_id,
        chat_title=chat.title,
        message_id=message_id,
    )
    try:
        await services.record.append(entry)
    except Exception as exc:  # noqa: BLE001 - the post is made; the record must not stop the answer
        logger.error(  # noqa: TRY400 - type and ids only
            "record of chat=%s message=%s failed: %s",
            chat.telegram_id,
            message_id,
            type(exc).__name__,
        )


async def _request_review(
    services: Services, query: CallbackQuery, chat_id: int, message_id: int
) -> None:
    """Store the presser's review request (once per removed message), then alert who is on duty."""
    user = query.from_user
    who = await _who(services, user.id, user.full_name)
    where = await _where(services, chat_id)
    try:
        requested = await services.reviews.request(
            chat_id=chat_id, message_id=message_id, sender_id=user.id
        )
    except DatabaseError as exc:
        # Not stored: the request still reaches whoever is on duty, unnumbered, as it came.
        logger.warning("review by user=%s not stored: %s", user.id, exc)
        await alert_on_duty(
            services.outbox,
            services.cover,
            f"Review requested: {who} asks you to review the removal of their post in "
            f"{where} (not stored: the database was unavailable).",
        )
        await presses.answer(
            services.outbox, query, f"{_REVIEWER.capitalize()} has been asked to review it."
        )
        return
    if requested is None:
        logger.info("review asked by user=%s for unknown removal", user.id)
        await presses.answer(
            services.outbox,
            query,
            "I have no record of removing that message of yours.",
            alert=True,
        )
        return
    review = requested.review
    if not requested.created:
        state = "is with" if review.is_open else "was decided by"
        await presses.answer(
            services.outbox, query, f"Review request {review.id} {state} {_REVIEWER}."
        )
        return
    logger.info("review=%s requested by user=%s", review.id, user.id)
    # Whoever is on duty reviews it: the Clerk, or whoever covers for the Clerk.
    await alert_on_duty(
        services.outbox,
        services.cover,
        f"Review request {review.id}: Review requested: {who} asks you to review the "
        f"removal of their post in {where} "
        f"(rules: {rules_text(review.rules)}). /reviews lists the open requests; "
        f"/review {review.id} upheld|reinstated [note] resolves it.",
    )
    await presses.answer(services.outbox, query, f"Review request {review.id} sent to {_REVIEWER}.")


async def _who(services: Services, telegram_id: int, display_name: str) -> str:
    """How whoever is on duty is told who pressed: the registered name, or a stranger's as data."""
    try:
        member = await services.members.member(telegram_id)
    except DatabaseError:  # the request may still reach whoever is on duty
        return f"the sender (id {telegram_id})"
    if member is not None:
        return member.name
    # A display name is anyone's to set: shown as data, never as a name.
    shown = " ".join(display_name.split())[:40] or "no name"
    return f'a non-member ("{shown}", id {telegram_id})'


async def _where(services: Services, chat_id: int) -> str:
    """The group a removal was in, by its title (its id only when it has none, or is unknown)."""
    try:
        chat = await services.members.chat(chat_id)
    except DatabaseError:
        chat = None
    return chat.title if chat is not None and chat.title else f"the group with id {chat_id}"
