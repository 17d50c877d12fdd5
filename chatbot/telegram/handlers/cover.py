"""Leave cover commands: ``/leave add|list|cancel`` and ``/cover [ics|link|unlink]``.

``/leave`` is for the Clerk and Assistant Clerk (their leave) and the nominated monitors (their
unavailability); the Clerk may record it for others. ``/cover`` is for the officers and the
monitors. Both are declared in :mod:`chatbot.core.access`.

Dates are read by :mod:`chatbot.core.dates` (``21/12 to 2/1``, ``until Friday``, ``next
Monday``…). Leave that looks implausible as read (over 60 days, or starting in the past) is not
booked at once: the reply says how it was read, with *Yes, book it* and *Cancel* buttons
(:attr:`~chatbot.buttons.kinds.ButtonKind.BOOK`), which only the person who asked may press,
once, for 15 minutes; *Yes* books it as the command would have.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Final

from telegram import CallbackQuery, Update

from chatbot.buttons.kinds import ButtonKind, LeaveBooking
from chatbot.core.access import CLERKS, Role, allowed
from chatbot.core.actions import Button, Send
from chatbot.core.dates import Span, leading_span, leading_span_problem, shown_day, span_doubts
from chatbot.cover.calendar import SCHEDULE_DAYS, schedule_file
from chatbot.cover.duty import Gap, Period
from chatbot.cover.schedule import days_shown, name_of, on_duty_sentence, table
from chatbot.cover.service import AbsenceKind, AbsenceView, CoverError, OverlappingAbsenceError
from chatbot.db.database import DatabaseError
from chatbot.members.lookup import Found, NoMatch, Several
from chatbot.members.service import MemberView
from chatbot.telegram.context import BotContext
from chatbot.telegram.handlers import people, presses
from chatbot.telegram.handlers.guard import requires_role
from chatbot.telegram.handlers.reply import reply, reply_file

logger = logging.getLogger(__name__)

LEAVE_USAGE: Final[str] = (
    "Usage:\n"
    "/leave add <from> <to> [reason] — e.g. /leave add 21/12 to 2/1 Christmas "
    "(one date: one day)\n"
    "/leave add <name> <from> <to> [reason] — the Clerk, for someone else (a name, "
    "@username or id; or reply to their message)\n"
    "/leave list\n"
    "/leave cancel <number>"
)
COVER_USAGE: Final[str] = "Usage: /cover, /cover ics, /cover link or /cover unlink"
MESSAGE_LIMIT: Final[int] = 4000  # Telegram's is 4096 characters
REASON_CHARS: Final[int] = 255  # what the database keeps of a leave reason
MAX_PERSON_WORDS: Final[int] = 4  # "Cllr Helen Moss-Smith" before the dates


class LeaveUsageError(ValueError):
    """``/leave add`` could not be read; the message says what was wrong."""


@dataclass(frozen=True, slots=True)
class LeaveRequest:
    """What ``/leave add`` asks for."""

    starts_on: date
    ends_on: date
    reason: str
    member_id: int | None = None  # someone else (the Clerk only); None: the sender
    person: tuple[str, ...] = ()  # the words naming someone else, before the dates


def _names_a_person(word: str) -> bool:
    """Whether ``word`` may be part of a name or an @username (not a mistyped date: ``31/02``)."""
    return word.startswith("@") or not any(c.isdigit() for c in word)


def parse_leave(words: list[str], *, today: date) -> LeaveRequest:
    """Read ``[<telegram id>] <days> [reason]``; dates are in the future.

    ``<days>`` is anything :func:`~chatbot.core.dates.parse_span` reads (``21/12 to 2/1``,
    ``21/12 2/1``, ``until Friday``, ``tomorrow``); the end is read from the start onwards,
    so ``20/12 to 2/1`` spans the new year. The words after it are the reason.
    """
    member_id = None
    person: tuple[str, ...] = ()
    # Words before the dates name someone else: a Telegram id, a name or an @username.
    start = next(
        (
            i
            for i in range(min(MAX_PERSON_WORDS, len(words) - 1) + 1)
            if leading_span(words[i:], today=today, direction="future") is not None
        ),
        0,
    )
    if start == 1 and words[0].isdigit():
        member_id, words = int(words[0]), words[1:]
    elif start and all(_names_a_person(word) for word in words[:start]):
        person, words = tuple(words[:start]), words[start:]
    if not words:
        raise LeaveUsageError(LEAVE_USAGE)
    problem = leading_span_problem(words, today=today, direction="future")
    found = leading_span(words, today=today, direction="future") if problem is None else None
    if found is None:
        problem = problem or f"I could not read the date {words[0]!r}."
        raise LeaveUsageError(f"{problem}\n{LEAVE_USAGE}")
    span, used = found
    return LeaveRequest(
        starts_on=span.first,
        ends_on=span.last,
        reason=" ".join(words[used:]),
        member_id=member_id,
        person=person,
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
    today = services.cover.today()
    try:
        request = parse_leave(words, today=today)
    except LeaveUsageError as exc:
        await _reply(update, context, str(exc))
        return
    named = await _named(update, context, request)
    if isinstance(named, str):
        await _reply(update, context, named)
        return
    request = replace(request, member_id=named, person=())
    found = await _whose(context, member, request.member_id)
    if isinstance(found, str):
        await _reply(update, context, found)
        return
    target, kind = found
    if request.ends_on < request.starts_on:
        await _reply(
            update,
            context,
            f"The leave ends before it starts: I read {shown_day(request.starts_on)} to "
            f"{shown_day(request.ends_on)}.",
        )
        return
    try:  # refused outright (over, overlapping, too long): no question to ask
        await services.cover.check(
            member_id=target.telegram_id, starts_on=request.starts_on, ends_on=request.ends_on
        )
    except CoverError as exc:
        await _reply(update, context, _refusal(exc, target, member))
        return
    doubts = span_doubts(Span(request.starts_on, request.ends_on), today=today)
    if doubts:
        await _question(
            update,
            context,
            member=member,
            target=target,
            kind=kind,
            request=request,
            doubts=doubts,
        )
        return
    _, text = await _book(context, member, target, kind, request)
    await _reply(update, context, text)


async def _named(update: Update, context: BotContext, request: LeaveRequest) -> int | str | None:
    """Whom the words before the dates (or the message replied to) name: their id, else why not.

    None: nobody else is named, the leave is the sender's.
    """
    message = update.effective_message
    if message is None or request.member_id is not None:
        return request.member_id
    replied = people.reply_target(message)
    sender = message.from_user.id if message.from_user is not None else None
    if not request.person and (replied is None or replied.id in (sender, context.bot.id)):
        return None  # a reply to oneself or to the bot names nobody else
    match await people.find(context, message, request.person):
        case Found(person=person) if person.member is not None:
            return person.telegram_id
        case Found(person=person):
            return f"{person.name} is not a registered member."
        case Several(members=members):
            names = ", ".join(m.name for m in members[: people.MAX_CHOICES])
            return f"More than one member fits: {names}. Please give the full name."
        case NoMatch() as nothing:
            return people.no_match_text(nothing)


async def _whose(
    context: BotContext, member: MemberView, member_id: int | None
) -> tuple[MemberView, AbsenceKind] | str:
    """Whose leave it is (the sender, or whom the Clerk named) and its kind; else why not."""
    target = member
    if member_id is not None and member_id != member.telegram_id:
        if member.role is not Role.CLERK:
            return "Only the Clerk records leave for someone else."
        found = await context.services.members.member(member_id)
        if found is None:
            return f"No registered member has the Telegram id {member_id}."
        target = found
    kind = _kind_for(target)
    if kind is None:
        return (
            f"{target.name} is not the Clerk, the Assistant Clerk or a nominated monitor, "
            "so there is no leave to record for them."
        )
    return target, kind


def _refusal(exc: CoverError, target: MemberView, member: MemberView) -> str:
    """What the member is told when the leave is refused; an overlap names the booking."""
    if not isinstance(exc, OverlappingAbsenceError):
        return str(exc)
    existing = exc.existing
    mine = target.telegram_id == member.telegram_id
    whose = "You already have" if mine else f"{target.name} already has"
    when = (
        f"on {days_shown(existing.starts_on, existing.ends_on)}"
        if existing.starts_on == existing.ends_on
        else f"from {shown_day(existing.starts_on)} to {shown_day(existing.ends_on)}"
    )
    return (
        f"{whose} {existing.kind.value} {when} (number {existing.id}), so nothing new was "
        f"booked. To change it, /leave cancel {existing.id} and book it again."
    )


def _reading(target: MemberView, kind: AbsenceKind, request: LeaveRequest) -> str:
    """``Leave for Jane Smith, Sat 02 Jan 2027 to Tue 21 Dec 2027 (354 days), Christmas``."""
    label = "Leave" if kind is AbsenceKind.LEAVE else "Unavailability"
    days = (request.ends_on - request.starts_on).days + 1
    reason = f", {request.reason}" if request.reason else ""
    return (
        f"{label} for {target.name}, {days_shown(request.starts_on, request.ends_on)} "
        f"({_days(days)}){reason}"
    )


async def _question(
    update: Update,
    context: BotContext,
    *,
    member: MemberView,
    target: MemberView,
    kind: AbsenceKind,
    request: LeaveRequest,
    doubts: tuple[str, ...],
) -> None:
    """Ask before booking leave that looks implausible as read: *Yes, book it* or *Cancel*."""
    message = update.effective_message
    if message is None:
        return
    booking = LeaveBooking(
        member_id=target.telegram_id,
        starts_on=request.starts_on,
        ends_on=request.ends_on,
        reason=" ".join(request.reason.split())[:REASON_CHARS],
        book=True,
    )
    yes, no = await context.services.buttons.issue_group(
        [
            (ButtonKind.BOOK, booking.to_payload()),
            (ButtonKind.BOOK, replace(booking, book=False).to_payload()),
        ],
        owner_id=member.telegram_id,
    )
    logger.info(
        "leave for member=%s questioned, asked by member=%s", target.telegram_id, member.telegram_id
    )
    text = "\n".join(
        [f"I read that as: {_reading(target, kind, request)}.", *doubts, "Book it as read?"]
    )
    buttons = ((Button("Yes, book it", data=yes), Button("Cancel", data=no)),)
    await reply(context, message, text, buttons=buttons)


async def _book(
    context: BotContext,
    member: MemberView,
    target: MemberView,
    kind: AbsenceKind,
    request: LeaveRequest,
) -> tuple[bool, str]:
    """Record the leave: whether it was, and the confirmation with who covers, or why not."""
    services = context.services
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
        return False, _refusal(exc, target, member)
    logger.info("absence=%s recorded for member=%s", absence.id, target.telegram_id)
    periods = await services.cover.periods(first=absence.starts_on, days=absence.days)
    names = await _names(context)
    label = "Leave" if kind is AbsenceKind.LEAVE else "Unavailability"
    reason = f", {absence.reason}" if absence.reason else ""
    head = (
        f"{label} {absence.id} recorded: {target.name}, "
        f"{days_shown(absence.starts_on, absence.ends_on)} ({_days(absence.days)}){reason}."
    )
    whose = "you are" if target.telegram_id == member.telegram_id else f"{target.name} is"
    return True, "\n".join([head, *while_away(periods, names, whose=whose)])


BOOKING_DROPPED: Final[str] = "Cancelled: nothing was booked."
BOOKING_UNAVAILABLE: Final[str] = "I cannot book it just now. Please try again shortly."


async def book_questioned_leave(update: Update, context: BotContext) -> None:
    """*Yes, book it* or *Cancel* under questioned leave: booked once, by whoever asked."""
    query = update.callback_query
    if query is None:
        return
    services = context.services
    taken = await presses.take(
        services.buttons,
        services.outbox,
        query,
        LeaveBooking.from_payload,
        unavailable=BOOKING_UNAVAILABLE,
    )
    if taken is None:
        return
    pressed, booking = taken
    if not booking.book:
        await presses.close(context.services.outbox, query)
        await presses.answer(context.services.outbox, query, BOOKING_DROPPED)
        await _tell(context, query, BOOKING_DROPPED)
        return
    try:
        booked, text = await _book_pressed(context, query.from_user.id, booking)
    except DatabaseError:
        await services.buttons.release(pressed)
        await presses.answer(context.services.outbox, query, BOOKING_UNAVAILABLE, alert=True)
        return
    await presses.close(context.services.outbox, query)
    await presses.answer(context.services.outbox, query, "Booked." if booked else "Not booked.")
    await _tell(context, query, text)


async def _book_pressed(
    context: BotContext, presser_id: int, booking: LeaveBooking
) -> tuple[bool, str]:
    """Book what the button holds if its presser may still do so; what to tell them."""
    member = await context.services.members.member(presser_id)
    if member is None or not allowed(member.role, "leave", monitor=member.monitor):
        return False, "You can no longer record leave."
    found = await _whose(context, member, booking.member_id)
    if isinstance(found, str):
        return False, found
    target, kind = found
    request = LeaveRequest(
        starts_on=booking.starts_on,
        ends_on=booking.ends_on,
        reason=booking.reason,
        member_id=booking.member_id,
    )
    return await _book(context, member, target, kind, request)


async def _tell(context: BotContext, query: CallbackQuery, text: str) -> None:
    """Say the outcome in the chat the question was asked in (else privately)."""
    chat_id = query.message.chat.id if query.message is not None else query.from_user.id
    for piece in chunks(text):
        await context.services.outbox.do(Send(chat_id, piece))


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
