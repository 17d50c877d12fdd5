"""Leave cover commands: ``/leave add|list|cancel`` and ``/cover [ics|link|unlink]``.

``/leave`` is for the Clerk and Assistant Clerk (their leave) and the nominated monitors (their
unavailability); the Clerk may record it for others. ``/cover`` is for the officers and the
monitors. Both are declared in :mod:`chatbot.core.access`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Final

from telegram import Update

from chatbot.core.access import CLERKS, Role
from chatbot.core.dates import parse_day, range_problem
from chatbot.cover.calendar import SCHEDULE_DAYS, schedule_file
from chatbot.cover.duty import Gap, Period
from chatbot.cover.schedule import days_shown, name_of, on_duty_sentence, table
from chatbot.cover.service import AbsenceKind, AbsenceView, CoverError
from chatbot.members.service import MemberView
from chatbot.telegram.context import BotContext
from chatbot.telegram.handlers.guard import requires_role
from chatbot.telegram.handlers.reply import reply, reply_file

logger = logging.getLogger(__name__)

LEAVE_USAGE: Final[str] = (
    "Usage:\n"
    "/leave add <from> <to> [reason] — e.g. /leave add 21/12 2/1 Christmas (one date: one day)\n"
    "/leave add <telegram id> <from> <to> [reason] — the Clerk, for someone else\n"
    "/leave list\n"
    "/leave cancel <number>"
)
COVER_USAGE: Final[str] = "Usage: /cover, /cover ics, /cover link or /cover unlink"
_MAX_DATE_WORDS: Final[int] = 4  # "Mon 21 December 2026"
MESSAGE_LIMIT: Final[int] = 4000  # Telegram's is 4096 characters


class LeaveUsageError(ValueError):
    """``/leave add`` could not be read; the message says what was wrong."""


@dataclass(frozen=True, slots=True)
class LeaveRequest:
    """What ``/leave add`` asks for."""

    starts_on: date
    ends_on: date
    reason: str
    member_id: int | None = None  # someone else (the Clerk only); None: the sender


def _take_day(words: list[str], *, today: date) -> tuple[date, list[str]] | tuple[None, list[str]]:
    """The longest run of leading words that is a date, and the words after it."""
    for size in range(min(_MAX_DATE_WORDS, len(words)), 0, -1):
        day = parse_day(" ".join(words[:size]), today=today, direction="future")
        if day is not None:
            return day, words[size:]
    return None, words


def parse_leave(words: list[str], *, today: date) -> LeaveRequest:
    """Read ``[<telegram id>] <from> [<to>] [reason]``; dates are in the future.

    The end date is read from the start date onwards, so ``20/12 2/1`` spans the new year.
    """
    member_id = None
    # A leading number is a Telegram id unless it begins a date ("21 Dec").
    if words and words[0].isdigit() and _take_day(words, today=today)[0] is None:
        member_id, words = int(words[0]), words[1:]
    if not words:
        raise LeaveUsageError(LEAVE_USAGE)
    starts_on, rest = _take_day(words, today=today)
    if starts_on is None:
        problem = range_problem(words[0], today=today, direction="future")
        problem = problem or f"I could not read the date {words[0]!r}."
        raise LeaveUsageError(f"{problem}\n{LEAVE_USAGE}")
    ends_on, rest = _take_day(rest, today=starts_on)
    return LeaveRequest(
        starts_on=starts_on,
        ends_on=ends_on or starts_on,
        reason=" ".join(rest),
        member_id=member_id,
    )


def _days(count: int) -> str:
    return f"{count} day{'' if count == 1 else 's'}"


def absence_line(absence: AbsenceView, names: dict[int, str]) -> str:
    """``4 — Jane Smith, leave, Mon 21 Dec 2026 to Sat 02 Jan 2027 (13 days), Christmas``."""
    reason = f", {absence.reason}" if absence.reason else ""
    return (
        f"{absence.id} — {name_of(absence.member_id, names)}, {absence.kind.value}, "
        f"{days_shown(absence.starts_on, absence.ends_on)} ({_days(absence.days)}){reason}"
    )


def while_away(periods: list[Period], names: dict[int, str], *, whose: str) -> list[str]:
    """Who is on duty during an absence, and a warning for each gap in it."""
    if len(periods) == 1:
        lines = [f"While {whose} away: {on_duty_sentence(periods[0].cover, names)}."]
    else:
        lines = [f"While {whose} away:"] + [
            f"{days_shown(p.first, p.last)}: {on_duty_sentence(p.cover, names)}" for p in periods
        ]
    lines += [
        f"⚠ Gap: nobody is on duty {'on' if p.first == p.last else 'from'} "
        f"{days_shown(p.first, p.last)} ({p.cover.reason}). "
        "Nominate a monitor with /monitor, or change the dates."
        for p in periods
        if isinstance(p.cover, Gap)
    ]
    return lines


def _kind_for(member: MemberView) -> AbsenceKind | None:
    """Leave for a clerk, unavailability for a monitor; nothing for anyone else."""
    if member.role in CLERKS:
        return AbsenceKind.LEAVE
    return AbsenceKind.UNAVAILABLE if member.monitor else None


async def _names(context: BotContext) -> dict[int, str]:
    return {m.telegram_id: m.name for m in await context.services.members.members()}


def chunks(text: str, *, limit: int = MESSAGE_LIMIT) -> list[str]:
    """``text`` split at line ends into pieces Telegram accepts (a 60-day table can be long)."""
    pieces: list[str] = []
    current = ""
    for line in text.split("\n"):
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit and current:
            pieces.append(current)
            candidate = line
        current = candidate[:limit]
    return [*pieces, current]


async def _reply(update: Update, context: BotContext, text: str) -> None:
    if update.effective_message is not None:
        for piece in chunks(text):
            await reply(context, update.effective_message, piece)


@requires_role("leave")
async def manage_leave(update: Update, context: BotContext, member: MemberView) -> None:
    """``/leave add|list|cancel``: record, list or cancel leave and unavailability."""
    args = context.args or []
    action, rest = (args[0].lower(), args[1:]) if args else ("", [])
    if action == "add":
        await _add_leave(update, context, member, rest)
    elif action == "list" and not rest:
        await _list_leave(update, context, member)
    elif action == "cancel" and len(rest) == 1 and rest[0].isdigit():
        await _cancel_leave(update, context, member, int(rest[0]))
    else:
        await _reply(update, context, LEAVE_USAGE)


async def _add_leave(
    update: Update, context: BotContext, member: MemberView, words: list[str]
) -> None:
    services = context.services
    try:
        request = parse_leave(words, today=services.cover.today())
    except LeaveUsageError as exc:
        await _reply(update, context, str(exc))
        return
    target = member
    if request.member_id is not None and request.member_id != member.telegram_id:
        if member.role is not Role.CLERK:
            await _reply(update, context, "Only the Clerk records leave for someone else.")
            return
        found = await services.members.member(request.member_id)
        if found is None:
            await _reply(
                update, context, f"No registered member has the Telegram id {request.member_id}."
            )
            return
        target = found
    kind = _kind_for(target)
    if kind is None:
        await _reply(
            update,
            context,
            f"{target.name} is not the Clerk, the Assistant Clerk or a nominated monitor, "
            "so there is no leave to record for them.",
        )
        return
    try:
        absence = await services.cover.record(
            member_id=target.telegram_id,
            kind=kind,
            starts_on=request.starts_on,
            ends_on=request.ends_on,
            reason=request.reason,
            recorded_by=member.telegram_id,
        )
    except CoverError as exc:
        await _reply(update, context, str(exc))
        return
    logger.info("absence=%s recorded for member=%s", absence.id, target.telegram_id)
    periods = await services.cover.periods(first=absence.starts_on, days=absence.days)
    names = await _names(context)
    label = "Leave" if kind is AbsenceKind.LEAVE else "Unavailability"
    reason = f", {absence.reason}" if absence.reason else ""
    head = (
        f"{label} {absence.id} recorded: {target.name}, "
        f"{days_shown(absence.starts_on, absence.ends_on)} ({_days(absence.days)}){reason}."
    )
    whose = "you are" if target is member else f"{target.name} is"
    await _reply(update, context, "\n".join([head, *while_away(periods, names, whose=whose)]))


async def _list_leave(update: Update, context: BotContext, member: MemberView) -> None:
    # The clerks see everyone's (they arrange cover); a monitor sees their own.
    mine = None if member.role in CLERKS else member.telegram_id
    absences = await context.services.cover.upcoming(member_id=mine)
    if not absences:
        await _reply(update, context, "No leave or unavailability is recorded from today on.")
        return
    names = await _names(context)
    lines = ["Leave and unavailability from today on:"]
    lines += [absence_line(a, names) for a in absences]
    lines += ["", "Cancel one with /leave cancel <number>."]
    await _reply(update, context, "\n".join(lines))


async def _cancel_leave(
    update: Update, context: BotContext, member: MemberView, number: int
) -> None:
    cover = context.services.cover
    absence = await cover.get(number)
    if absence is None or (
        absence.member_id != member.telegram_id and member.role is not Role.CLERK
    ):
        # Someone else's leave is not theirs to see or cancel: the same answer as none at all.
        await _reply(update, context, f"There is no leave numbered {number} that you can cancel.")
        return
    try:
        cancelled = await cover.cancel(number, cancelled_by=member.telegram_id)
    except CoverError as exc:
        await _reply(update, context, str(exc))
        return
    logger.info("absence=%s cancelled by member=%s", cancelled.id, member.telegram_id)
    names = await _names(context)
    who = name_of(cancelled.member_id, names)
    if cancelled.ends_on != absence.ends_on:  # under way: it ended yesterday
        text = (
            f"{cancelled.kind.value.capitalize()} {cancelled.id} ended early: {who}, now "
            f"{days_shown(cancelled.starts_on, cancelled.ends_on)}."
        )
    else:
        text = (
            f"Cancelled {cancelled.kind.value} {cancelled.id}: {who}, "
            f"{days_shown(cancelled.starts_on, cancelled.ends_on)}."
        )
    await _reply(update, context, text)


@requires_role("cover")
async def show_cover(update: Update, context: BotContext, member: MemberView) -> None:
    """``/cover``: who is on duty for the next 60 days; ``ics``, ``link``, ``unlink``: calendars."""
    args = [a.lower() for a in context.args or []]
    action = args[0] if len(args) == 1 else "" if not args else "?"
    if action == "":
        await _cover_table(update, context)
    elif action == "ics":
        await _cover_file(update, context)
    elif action == "link":
        await _cover_link(update, context, member)
    elif action == "unlink":
        await _cover_unlink(update, context, member)
    else:
        await _reply(update, context, COVER_USAGE)


async def _cover_table(update: Update, context: BotContext) -> None:
    services = context.services
    periods = await services.cover.periods(days=SCHEDULE_DAYS)
    names = await _names(context)
    first, last = periods[0].first, periods[-1].last
    lines = [
        f"Who is on duty, {days_shown(first, last)} (days in {services.council.council.timezone}):",
        *table(periods, names),
        "",
        "/cover ics sends it as a calendar file; /cover link gives you a calendar URL.",
    ]
    await _reply(update, context, "\n".join(lines))


async def _cover_file(update: Update, context: BotContext) -> None:
    services = context.services
    now = datetime.now(UTC)
    data = await schedule_file(
        services.cover, services.members, council=services.council.council.name, now=now
    )
    if update.effective_message is None:
        return
    name = f"cover-{services.cover.today(now).isoformat()}.ics"
    await reply_file(
        context,
        update.effective_message,
        name,
        data,
        caption="The leave cover schedule (Outlook and Google Calendar import it).",
    )


def feed_url(public_url: str, token: str) -> str:
    """The calendar URL of ``token`` under the bot's public root."""
    return f"{public_url.rstrip('/')}/calendar/{token}.ics"


async def _cover_link(update: Update, context: BotContext, member: MemberView) -> None:
    services = context.services
    public_url = services.settings.public_url
    if not public_url:
        await _reply(
            update,
            context,
            "Calendar links need the bot's public web address: whoever runs the bot sets "
            "PUBLIC_URL (the HTTPS root of its HTTP server) and restarts it. "
            "Meanwhile /cover ics sends the calendar as a file.",
        )
        return
    token = await services.cover.link_calendar(member.telegram_id)
    logger.info("calendar link created for member=%s", member.telegram_id)
    await _reply(
        update,
        context,
        "Your own calendar URL (subscribe to it in Outlook or Google Calendar). Keep it secret: "
        "anyone with it can see the cover schedule. /cover link again replaces it; "
        f"/cover unlink turns it off.\n{feed_url(public_url, token)}",
    )


async def _cover_unlink(update: Update, context: BotContext, member: MemberView) -> None:
    revoked = await context.services.cover.unlink_calendar(member.telegram_id)
    logger.info("calendar link revoked for member=%s (had one: %s)", member.telegram_id, revoked)
    await _reply(
        update,
        context,
        "Your calendar URL no longer works."
        if revoked
        else "You have no calendar URL to turn off.",
    )
