"""The Telegram side of naming a person in a command: a reply, a mention, the choice buttons.

A command about a person (``/pardon``, ``/monitor``, ``/role``, ``/remove``, ``/strikes``)
finds them with :func:`find`: with no words, the sender of the message the command replies to
(in a group, or a forwarded message in the private chat); a mention of someone without a
username (Telegram's ``text_mention``); otherwise the words, read by
:func:`chatbot.members.lookup.find_person` (an id, an @username, a name or part of one).

When a name fits several members, :func:`offer_choice` sends one button per member; when it
fits nobody, :func:`say_no_match` names the closest. Destructive changes ask first with
:func:`ask_to_confirm`. The buttons' meaning is kept server-side
(:class:`chatbot.buttons.kinds.PersonStep`), pressable by the asker only, once, for
:data:`chatbot.buttons.kinds.CONFIRM_TTL`.

:func:`learn_people` remembers (in memory only) the usernames and display names of everyone
whose messages the bot sees, so ``@helenmoss`` finds Helen Moss without a stored username.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Final

from telegram import Message, MessageEntity, MessageOriginUser, Update, User

from chatbot.buttons.kinds import ButtonKind, PersonStep
from chatbot.core.actions import Button, Buttons, Outcome, Send
from chatbot.members.lookup import Found, Lookup, NoMatch, Person, Several, find_person
from chatbot.members.service import MemberView
from chatbot.telegram.context import BotContext

CANCEL: Final[str] = "Cancel"
MAX_CHOICES: Final[int] = 8
"""At most this many members are offered as buttons (a phone screen's worth)."""
_SHOWN_CHARS: Final[int] = 40


def reply_target(message: Message) -> User | None:
    """Whom a command replying to someone's message means: its sender, or a forward's author."""
    original = message.reply_to_message
    if original is None:
        return None
    origin = original.forward_origin
    if isinstance(origin, MessageOriginUser):
        return origin.sender_user
    user = original.from_user
    if user is None or user.is_bot:
        return None
    return user


def mentioned(message: Message) -> User | None:
    """Someone mentioned by name in the command (a ``text_mention``: they have no username)."""
    for entity in message.entities:
        if entity.type == MessageEntity.TEXT_MENTION and entity.user is not None:
            return entity.user
    return None


async def find(context: BotContext, message: Message, words: Sequence[str]) -> Lookup:
    """Whom ``words`` (the command's words naming a person) mean, or the replied-to sender.

    Empty ``words`` and no reply give ``NoMatch("")``: the caller shows its usage.
    """
    members = context.services.members
    roster = await members.members()
    if not words:
        user = reply_target(message)
        return Found(_person(user, roster)) if user is not None else NoMatch("")
    user = mentioned(message)
    if user is not None:
        return Found(_person(user, roster))
    return find_person(
        " ".join(words), roster, usernames=members.usernames(), seen=members.seen_names()
    )


def _person(user: User, roster: Sequence[MemberView]) -> Person:
    member = next((m for m in roster if m.telegram_id == user.id), None)
    return Person(user.id, member, seen_as=user.full_name)


def answer_chat(message: Message, asker: MemberView) -> int:
    """Where a command about a person is answered: here in private; in a group, privately."""
    return message.chat_id if message.chat.type == "private" else asker.telegram_id


async def say(context: BotContext, chat_id: int, text: str, *, buttons: Buttons = ()) -> Outcome:
    """Send ``text`` through the outbox; what Telegram reported."""
    return await context.services.outbox.do(Send(chat_id, text, buttons=buttons))


async def offer_choice(
    context: BotContext,
    chat_id: int,
    asker: MemberView,
    several: Several,
    *,
    wanted: str,
    step: Callable[[int], PersonStep],
) -> None:
    """Ask which member ``wanted`` meant: one button each, by full name and role."""
    choices = several.members[:MAX_CHOICES]
    data = await context.services.buttons.issue_group(
        [(ButtonKind.CHOOSE, step(m.telegram_id).to_payload()) for m in choices],
        owner_id=asker.telegram_id,
    )
    rows = tuple(
        (Button(f"{m.name} ({m.role.label})", data=d),) for m, d in zip(choices, data, strict=True)
    )
    shown = " ".join(wanted.split())[:_SHOWN_CHARS]
    await say(context, chat_id, f"More than one member fits “{shown}”. Which one?", buttons=rows)


def no_match_text(nothing: NoMatch) -> str:
    """That nobody fits, with the closest names (or where to find everyone's)."""
    shown = " ".join(nothing.wanted.split())[:_SHOWN_CHARS]
    text = f"No member is called “{shown}”."
    if nothing.closest:
        return text + " Did you mean " + _or(nothing.closest) + "?"
    return text + " /members lists everyone."


async def say_no_match(context: BotContext, chat_id: int, nothing: NoMatch) -> None:
    """Say nobody fits, with the closest names (or where to find everyone's)."""
    await say(context, chat_id, no_match_text(nothing))


async def ask_to_confirm(
    context: BotContext,
    chat_id: int,
    asker: MemberView,
    question: str,
    *,
    yes: str,
    step: PersonStep,
) -> None:
    """Ask ``question`` with ``[yes] [Cancel]``; only ``asker`` may answer, once, in time."""
    cancel = PersonStep("cancel", step.telegram_id)
    yes_data, cancel_data = await context.services.buttons.issue_group(
        [(ButtonKind.CONFIRM, step.to_payload()), (ButtonKind.CONFIRM, cancel.to_payload())],
        owner_id=asker.telegram_id,
    )
    buttons = ((Button(yes, data=yes_data), Button(CANCEL, data=cancel_data)),)
    await say(context, chat_id, question, buttons=buttons)


async def learn_people(update: Update, context: BotContext) -> None:
    """Remember the usernames and display names of the people in this update (memory only)."""
    message = update.effective_message
    users = [update.effective_user]
    if message is not None:
        users += [e.user for e in message.entities if e.user is not None]
        if message.reply_to_message is not None:
            users.append(message.reply_to_message.from_user)
    for user in users:
        if user is not None and not user.is_bot:
            context.services.members.saw(
                user.id, username=user.username, display_name=user.full_name
            )


def _or(names: Sequence[str]) -> str:
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " or " + names[-1]
