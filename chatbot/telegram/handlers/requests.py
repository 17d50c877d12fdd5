"""The FOI / subject-access request register: ``/foi``, ``/sar``, ``/requests`` and ``/close``."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Final

from telegram import Message, Update

from chatbot.core.dates import parse_when, range_problem
from chatbot.members.service import MemberView
from chatbot.requests.service import (
    RequestError,
    RequestKind,
    RequestService,
    RequestView,
    deadline_text,
)
from chatbot.telegram.context import BotContext
from chatbot.telegram.handlers.guard import requires_role
from chatbot.telegram.handlers.reply import reply

FOI_USAGE: Final[str] = (
    "Usage: /foi <requester> | <what is asked> [| <date received>], for example\n"
    "/foi Mrs A Example | minutes of the planning committee 2025 | 21/12/2026"
)
SAR_USAGE: Final[str] = (
    "Usage: /sar <person> | <other names, comma-separated, or empty> [| <date received>], "
    "for example\n/sar John Example | Johnny Example, J Example | yesterday"
)
CLOSE_USAGE: Final[str] = "Usage: /close <reference>, for example /close FOI-2026-001"
_DAY: Final[str] = "%a %d %b %Y"
_MIN_PARTS, _MAX_PARTS = 2, 3


def _arguments(message: Message) -> list[str]:
    """The ``|``-separated parts after the command, stripped."""
    body = (message.text or "").partition(" ")[2]
    return [part.strip() for part in body.split("|")] if body.strip() else []


def _received(text: str, service: RequestService) -> date | None:
    """A date received written the British way (``21/12/2026``, ``21/12``, ``today``)."""
    moment = parse_when(text, now=datetime.now(UTC), zone=service.zone)
    return moment.astimezone(service.zone).date() if moment else None


def _opened(view: RequestView) -> str:
    """The confirmation: the reference and when it is due."""
    return (
        f"{view.reference} opened: due {view.due_on.strftime(_DAY)} "
        f"({deadline_text(view.kind)}). Received {view.received_on.strftime(_DAY)}."
    )


async def _open(
    message: Message,
    context: BotContext,
    member: MemberView,
    *,
    kind: RequestKind,
    usage: str,
) -> None:
    """Parse ``who | what-or-aliases [| received]``, open the request and confirm it."""
    parts = _arguments(message)
    if not _MIN_PARTS <= len(parts) <= _MAX_PARTS or not parts[0]:
        await reply(context, message, usage)
        return
    if kind is RequestKind.FOI and not parts[1]:
        await reply(context, message, usage)
        return
    service = context.services.requests
    received: date | None = None
    if len(parts) == _MAX_PARTS and parts[2]:
        received = _received(parts[2], service)
        if received is None:
            problem = range_problem(parts[2]) or f"I could not read the date {parts[2]!r}."
            await reply(context, message, f"{problem}\n{usage}")
            return
    if kind is RequestKind.FOI:
        requester, subject, aliases = parts[0], parts[1], []
    else:
        requester = subject = parts[0]
        aliases = [alias.strip() for alias in parts[1].split(",")]
    try:
        view = await service.open(
            kind=kind,
            requester=requester,
            subject=subject,
            aliases=aliases,
            received_on=received,
            opened_by=member.telegram_id,
        )
    except RequestError as exc:
        await reply(context, message, str(exc))
        return
    await reply(context, message, _opened(view))


@requires_role("foi")
async def open_foi(update: Update, context: BotContext, member: MemberView) -> None:
    """Open a Freedom of Information request in the register."""
    if update.effective_message is not None:
        await _open(
            update.effective_message, context, member, kind=RequestKind.FOI, usage=FOI_USAGE
        )


@requires_role("sar")
async def open_sar(update: Update, context: BotContext, member: MemberView) -> None:
    """Open a subject-access request in the register."""
    if update.effective_message is not None:
        await _open(
            update.effective_message, context, member, kind=RequestKind.SAR, usage=SAR_USAGE
        )


def _line(view: RequestView, today: date) -> str:
    """One open request: reference, kind, who, received, due and the days left."""
    who = view.requester if view.kind is RequestKind.FOI else view.subject
    return (
        f"{view.reference} · {view.kind.value.upper()} · {who} · "
        f"received {view.received_on.strftime(_DAY)} · due {view.due_on.strftime(_DAY)} · "
        f"{view.days_left_text(today)}"
    )


@requires_role("requests")
async def list_requests(update: Update, context: BotContext, member: MemberView) -> None:
    """Show the open requests, the soonest due first."""
    del member
    message = update.effective_message
    if message is None:
        return
    service = context.services.requests
    requests = await service.open_requests()
    if not requests:
        await reply(context, message, "No open FOI or subject-access requests.")
        return
    today = service.today()
    lines = [f"Open requests ({len(requests)}):", *(_line(r, today) for r in requests)]
    await reply(context, message, "\n".join(lines))


@requires_role("close")
async def close_request(update: Update, context: BotContext, member: MemberView) -> None:
    """Close an open request (answered, refused or withdrawn)."""
    message = update.effective_message
    if message is None:
        return
    reference = (message.text or "").partition(" ")[2].strip()
    if not reference or " " in reference:
        await reply(context, message, CLOSE_USAGE)
        return
    try:
        view = await context.services.requests.close(reference, closed_by=member.telegram_id)
    except RequestError as exc:
        await reply(context, message, str(exc))
        return
    await reply(
        context, message, f"{view.reference} closed (it was due {view.due_on.strftime(_DAY)})."
    )
