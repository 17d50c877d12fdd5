"""Searching and exporting the Clerk's record in a private chat: ``/search`` and ``/export``.

What a member sees is decided by the search service (by their role); these handlers only read
the command, call the service and reply.
"""

from __future__ import annotations

import asyncio
import re
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Final
from zoneinfo import ZoneInfo

from telegram import Update

from chatbot.core.dates import leading_span, leading_span_problem, parse_day, range_problem
from chatbot.core.wording import plural
from chatbot.errors import UsageError
from chatbot.members.service import MemberView
from chatbot.record.export import LOCAL_FORMAT, ExportFormat
from chatbot.record.export_service import ExportError, ExportRequest
from chatbot.record.search import Hit, SearchQuery, SearchResult, Viewer
from chatbot.telegram.context import BotContext
from chatbot.telegram.handlers.guard import requires_role
from chatbot.telegram.handlers.reply import reply, reply_file

SEARCH_USAGE: Final[str] = (
    "Usage: /search <words> [from:<date>] [to:<date>] [chat:<title>] [person:<name>]\n"
    "for example /search hedge Mill Lane from:1/11 person:Helen Moss"
)
EXPORT_USAGE: Final[str] = (
    "Usage: /export <from> <to> [csv|json|pdf] [person:<name>] [redact]\n"
    "for example /export 1/11 to 30/11 pdf person:Helen Moss redact (one date: one day)"
)
EXPORT_NOT_SENT: Final[str] = (
    "The export was made, but Telegram did not accept the file. Try a shorter period, or "
    "run `councilbot record export` on the server."
)
SNIPPET_CHARS: Final[int] = 90
REPLY_CHARS: Final[int] = 3800  # under Telegram's 4096, leaving room for the footer
_FILTER: Final = re.compile(r"(?<!\S)(from|to|chat|person):", re.IGNORECASE)
_REDACT: Final[str] = "redact"


def parse_search(text: str, *, today: date | None = None) -> SearchQuery:
    """Read ``/search`` arguments: words first, then filters.

    A filter's value runs on to the next filter (``person:Helen Moss chat:Councillors``).
    Dates are read as :mod:`chatbot.core.dates` reads them, in the past (with ``today``,
    ``1/11`` and ``yesterday`` too).
    """
    pieces = _FILTER.split(text)
    words = tuple(pieces[0].split())
    filters: dict[str, str] = {}
    for key, value in zip(pieces[1::2], pieces[2::2], strict=True):
        filters[key.lower()] = value.strip().strip('"').strip()
    if not words and not filters:
        raise UsageError(SEARCH_USAGE)
    return SearchQuery(
        words=words,
        person=filters.get("person") or None,
        chat=filters.get("chat") or None,
        start=_day(filters["from"], today=today) if "from" in filters else None,
        end=_day(filters["to"], today=today) if "to" in filters else None,
    )


def parse_export(text: str, *, today: date) -> ExportRequest:
    """Read ``/export`` arguments: days, then a format, a person and ``redact`` in any order.

    The days are anything :func:`~chatbot.core.dates.parse_span` reads, in the past:
    ``1/11 to 30/11``, ``1 Dec 2 Dec``, ``01/11/2026 30/11/2026``, ``since 1/11``,
    ``yesterday`` (one day).
    """
    tokens = text.split()
    if not tokens:
        raise UsageError(EXPORT_USAGE)
    problem = leading_span_problem(tokens, today=today, direction="past")
    if problem is not None:
        raise UsageError(problem)
    found = leading_span(tokens, today=today, direction="past")
    if found is None:
        raise UsageError(f"I could not read the dates {tokens[0]!r}.\n{EXPORT_USAGE}")
    span, used = found
    start, end = span.first, span.last
    form = ExportFormat.CSV
    redact = False
    person: list[str] = []
    in_person = False
    for token in tokens[used:]:
        lowered = token.lower()
        if lowered in {f.value for f in ExportFormat}:
            form, in_person = ExportFormat(lowered), False
        elif lowered == _REDACT:
            redact, in_person = True, False
        elif lowered.startswith("person:"):
            person, in_person = [token.partition(":")[2]], True
        elif in_person:
            person.append(token)
        else:
            raise UsageError(f"I do not understand {token!r}.\n{EXPORT_USAGE}")
    name = " ".join(p for p in person if p).strip('"').strip() or None
    return ExportRequest(start=start, end=end, form=form, person=name, redact=redact)


def _day(text: str, *, today: date | None = None) -> date:
    day = parse_day(text, today=today, direction="past")
    if day is None:
        problem = range_problem(text, today=today)
        raise UsageError(problem or f"I could not read the date {text!r}: write it as DD/MM/YYYY.")
    return day


def export_file_name(request: ExportRequest) -> str:
    """A safe file name made from the request (no names of people in it)."""
    parts = ["record", request.start.isoformat(), "to", request.end.isoformat()]
    if request.person:
        parts.append("person")
    if request.redact:
        parts.append("redacted")
    return "-".join(parts) + f".{request.form.value}"


def _snippet(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= SNIPPET_CHARS else flat[: SNIPPET_CHARS - 1] + "…"


def _line(hit: Hit, zone: ZoneInfo) -> str:
    entry = hit.entry
    when = entry.occurred_at.astimezone(zone).strftime(LOCAL_FORMAT)
    chat = entry.chat_title or entry.kind
    sender = entry.sender_name or (str(entry.sender_id) if entry.sender_id else "-")
    if entry.disposed:
        body = "[disposed of: content destroyed]"
    elif hit.withheld:
        body = "[restricted: content withheld]"
    else:
        body = ("[restricted] " if entry.restricted else "") + _snippet(entry.text)
    return f"#{entry.seq} · {when} · {chat} · {sender}\n   {body}"


def format_result(result: SearchResult, zone: ZoneInfo) -> str:
    """The entries found, one short paragraph each, newest first."""
    if not result.hits:
        return "Nothing on the record matches."
    lines: list[str] = []
    size = 0
    shown = 0
    for hit in result.hits:
        line = _line(hit, zone)
        if size + len(line) > REPLY_CHARS:
            break
        lines.append(line)
        size += len(line) + 1
        shown += 1
    if result.more or shown < len(result.hits):
        lines.append(f"Showing the newest {shown}; more entries match: narrow the search.")
    return "\n".join(lines)


def _today(context: BotContext) -> date:
    """Today in the council's time zone (what a date without a year counts back from)."""
    return datetime.now(UTC).astimezone(context.services.search.zone).date()


@requires_role("search")
async def search_record(update: Update, context: BotContext, member: MemberView) -> None:
    """Search the record and list what the member may see of the entries found."""
    message = update.effective_message
    if message is None or message.text is None:
        return
    try:
        query = parse_search(message.text.partition(" ")[2], today=_today(context))
    except UsageError as exc:
        await reply(context, message, str(exc))
        return
    services = context.services
    result = await services.search.search(query, Viewer.member(member.telegram_id, member.role))
    await reply(context, message, format_result(result, services.search.zone))


@requires_role("export")
async def export_record(update: Update, context: BotContext, member: MemberView) -> None:
    """Export a period of the record and send it to the Clerk as a document."""
    message = update.effective_message
    if message is None or message.text is None:
        return
    try:
        request = parse_export(message.text.partition(" ")[2], today=_today(context))
    except UsageError as exc:
        await reply(context, message, str(exc))
        return
    viewer = Viewer.member(member.telegram_id, member.role)
    exporter = context.services.export
    # A private (0700) folder of its own; the export in it is written 0600 and removed after.
    with tempfile.TemporaryDirectory(prefix="councilbot-export-") as folder:
        path = Path(folder) / export_file_name(request)
        try:
            outcome = await asyncio.to_thread(exporter.export, request, viewer, path)
        except ExportError as exc:
            await reply(context, message, str(exc))
            return
        data = await asyncio.to_thread(path.read_bytes)
    manifest = outcome.manifest
    state = "intact" if manifest.intact else "BROKEN: see the manifest"
    caption = (
        f"{plural(outcome.entries, 'entry', 'entries')}, "
        f"{request.start:%d/%m/%Y} to {request.end:%d/%m/%Y}. "
        f"Chain head #{manifest.head_seq} ({state})."
    )
    sent = await reply_file(context, message, path.name, data, caption=caption)
    if not sent.done:  # told as it happened: a file Telegram refused (too big) never arrived
        await reply(context, message, EXPORT_NOT_SENT)
