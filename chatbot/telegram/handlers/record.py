"""Putting things on the Clerk's record by hand: ``/record`` (as a reply) and ``/note``."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Final
from zoneinfo import ZoneInfo

from telegram import Update

from chatbot.core.dates import parse_when, range_problem
from chatbot.core.wording import summary
from chatbot.members.service import MemberView
from chatbot.record.service import NewEntry
from chatbot.telegram.connector import message_event
from chatbot.telegram.context import BotContext
from chatbot.telegram.handlers.guard import requires_role
from chatbot.telegram.handlers.reply import reply

# A note's time may be this far ahead of the bot's clock (phones' clocks drift).
NOTE_CLOCK_SLACK: Final[timedelta] = timedelta(minutes=5)
NOTE_USAGE = (
    "Usage: /note <who> | <when> | <what>, for example\n"
    "/note Mrs Example (resident) | 21/11/2026 14:30 | phone call about the hedge on Mill Lane"
)


@requires_role("record")
async def record_reply(update: Update, context: BotContext, member: MemberView) -> None:
    """Put the message this command replies to on the council record."""
    message = update.effective_message
    if message is None:
        return
    original = message.reply_to_message
    if original is None:
        await reply(context, message, "Reply to the message you want recorded with /record.")
        return
    event = message_event(original)
    if event is None:
        await reply(context, message, "That message has no text to record.")
        return
    entry = replace(NewEntry.from_message(event), reason=f"marked by {member.telegram_id}")
    seq = await context.services.record.append(entry)
    await reply(context, message, f"Put on the council record ({_entry_label(seq)}).")


@requires_role("note")
async def add_note(update: Update, context: BotContext, member: MemberView) -> None:
    """Record the substance of an off-platform conversation: who, when and what."""
    message = update.effective_message
    if message is None or message.text is None:
        return
    body = message.text.partition(" ")[2]
    parts = [part.strip() for part in body.split("|")]
    if len(parts) != 3 or not all(parts):
        await reply(context, message, NOTE_USAGE)
        return
    who, when_text, what = parts
    zone = ZoneInfo(context.services.council.council.timezone)
    now = datetime.now(UTC)
    when = parse_when(when_text, now=now, zone=zone)
    if when is None:
        problem = range_problem(when_text) or f"I could not read the time {when_text!r}."
        await reply(context, message, f"{problem}\n{NOTE_USAGE}")
        return
    if when > now + NOTE_CLOCK_SLACK:
        await reply(
            context,
            message,
            f"{when.astimezone(zone):%a %d %b %Y %H:%M} is still to come: a note records a "
            "conversation that has happened. Check the date and time.",
        )
        return
    # The note's substance is checked like any message: personal data in it is flagged on the
    # record and kept from those who may not read it (the "with" is its subject, by design).
    verdict = await context.services.moderation.check(what)
    personal = "personal_data" in verdict.rules
    seq = await context.services.record.append(
        NewEntry(
            kind="note",
            occurred_at=when,
            text=f"With: {who}\n{what}",
            people=(who,),
            sender_name=member.name,
            sender_id=member.telegram_id,
            personal_data=personal,
            restricted=personal,
        )
    )
    shown = when.astimezone(zone).strftime("%a %d %b %Y %H:%M")
    lines = [f"Noted on the council record ({_entry_label(seq)}): {who}, {shown}."]
    if personal:
        found = summary(verdict).removeprefix("Contains ")
        lines.append(f"It contains {found}, so only the Clerk's office can read it.")
    await reply(context, message, "\n".join(lines))


def _entry_label(seq: int | None) -> str:
    """Which entry it became, or that it waits for the database."""
    if seq is None:
        return "kept safely; it will be numbered when the database is back"
    return f"entry {seq}"
