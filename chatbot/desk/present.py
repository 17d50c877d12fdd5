"""What the desk's API answers: the services' views as JSON-ready data. Pure.

Days and moments are written the British way in the council's time zone (``Mon 21 Dec 2026``,
``21/12/2026 14:30``), with the ISO form beside them for the page to sort and fill forms by.
Nothing here reads a database or the clock.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any, Final
from zoneinfo import ZoneInfo

from chatbot.core.dates import shown_day
from chatbot.cover.duty import Gap, Period
from chatbot.cover.schedule import days_shown, name_of, who
from chatbot.cover.service import AbsenceView
from chatbot.desk.activity import WeekCounts
from chatbot.desk.entries import EntryDetail
from chatbot.members.service import MemberView
from chatbot.moderation.reviews import ReviewView
from chatbot.record.search import Hit, SearchResult
from chatbot.requests.service import RequestKind, RequestView

Json = dict[str, Any]
MOMENT_FORMAT: Final[str] = "%d/%m/%Y %H:%M"
SNIPPET_CHARS: Final[int] = 160


def moment(value: datetime, zone: ZoneInfo) -> str:
    """``21/12/2026 14:30`` in the council's zone."""
    return value.astimezone(zone).strftime(MOMENT_FORMAT)


def day(value: date) -> Json:
    """A day as shown and as ISO."""
    return {"shown": shown_day(value), "iso": value.isoformat()}


def _snippet(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= SNIPPET_CHARS else flat[: SNIPPET_CHARS - 1] + "…"


def _body(hit: Hit, *, whole: bool) -> str:
    entry = hit.entry
    if entry.disposed:
        return "[disposed of: content destroyed]"
    if hit.withheld:
        return "[restricted: content withheld]"
    return entry.text if whole else _snippet(entry.text)


def hit(found: Hit, zone: ZoneInfo, *, whole: bool = False) -> Json:
    """One entry found, as its viewer may see it."""
    entry = found.entry
    shown: Json = {
        "seq": entry.seq,
        "kind": entry.kind,
        "when": moment(entry.occurred_at, zone),
        "chat": entry.chat_title or entry.kind,
        "sender": entry.sender_name or (str(entry.sender_id) if entry.sender_id else "-"),
        "text": _body(found, whole=whole),
        "restricted": entry.restricted,
        "withheld": found.withheld,
        "disposed": entry.disposed,
        "personal_data": entry.personal_data,
        "version": entry.version,
    }
    if whole:
        shown |= {
            "recorded": moment(entry.recorded_at, zone),
            "reason": entry.reason,
            "hash": entry.hash,
            "attachments": [str(a.get("name", "")) for a in entry.attachments],
        }
    return shown


def search_result(result: SearchResult, zone: ZoneInfo) -> Json:
    """The entries a search found, newest first, and whether more match."""
    return {"hits": [hit(h, zone) for h in result.hits], "more": result.more}


def entry_detail(detail: EntryDetail, zone: ZoneInfo) -> Json:
    """An entry and its versions, oldest first."""
    return {
        "entry": hit(detail.entry, zone, whole=True),
        "versions": [hit(v, zone, whole=True) for v in detail.versions],
    }


def hold(request: RequestView) -> str:
    """What an open request holds back from disposal."""
    if request.kind is RequestKind.FOI:
        return "holds the whole record from disposal"
    names = ", ".join((request.subject, *request.aliases))
    return f"holds what concerns {names} from disposal"


def info_request(request: RequestView, today: date) -> Json:
    """One request in the register, with its deadline and hold."""
    return {
        "reference": request.reference,
        "kind": request.kind.value,
        "kind_label": request.kind.label,
        "requester": request.requester,
        "subject": request.subject,
        "aliases": list(request.aliases),
        "received": day(request.received_on),
        "due": day(request.due_on),
        "days_left": request.days_left(today),
        "days_left_text": request.days_left_text(today),
        "overdue": request.days_left(today) < 0,
        "open": request.is_open,
        "hold": hold(request) if request.is_open else "",
    }


def review(
    found: ReviewView, zone: ZoneInfo, *, titles: Mapping[int, str], names: Mapping[int, str]
) -> Json:
    """One review request (never the removed text: it is not kept)."""
    return {
        "id": found.id,
        "asked": moment(found.requested_at, zone),
        "chat": titles.get(found.chat_id, f"chat {found.chat_id}"),
        "sender": names.get(found.sender_id, "not a member"),
        "sender_id": found.sender_id,
        "rules": list(found.rules),
        "open": found.is_open,
        "outcome": found.outcome.value if found.outcome else None,
        "note": found.note,
    }


def member(found: MemberView, *, strikes: int | None = None) -> Json:
    """A member, their role and monitor flag (and current strikes, to those who may see them)."""
    shown: Json = {
        "id": found.telegram_id,
        "name": found.name,
        "role": found.role.value,
        "role_label": found.role.label,
        "monitor": found.monitor,
    }
    if strikes is not None:
        shown["strikes"] = strikes
    return shown


def strikes(counts: Mapping[int, int], names: Mapping[int, str]) -> list[Json]:
    """Senders with current strikes, most first, named when they are members."""
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [
        {"id": sender, "name": names.get(sender, "not a member"), "strikes": count}
        for sender, count in ordered
    ]


def period(found: Period, names: Mapping[int, str]) -> Json:
    """A period of cover: its days and who is on duty, or a gap and why."""
    gap = isinstance(found.cover, Gap)
    return {
        "from": day(found.first),
        "to": day(found.last),
        "days": days_shown(found.first, found.last),
        "gap": gap,
        "who": found.cover.reason if isinstance(found.cover, Gap) else who(found.cover, names),
        "cover": bool(found.cover.is_cover) and not gap,
    }


def absence(found: AbsenceView, names: Mapping[int, str], *, reason: bool) -> Json:
    """A recorded absence (its reason only for those who may read it)."""
    return {
        "id": found.id,
        "member_id": found.member_id,
        "name": name_of(found.member_id, names),
        "kind": found.kind.value,
        "from": day(found.starts_on),
        "to": day(found.ends_on),
        "days": found.days,
        "reason": found.reason if reason else "",
    }


def weekly(weeks: Sequence[WeekCounts]) -> Json:
    """The chart's figures: each week's removed and warned posts by rule, and every rule seen."""
    rules = sorted({rule for week in weeks for rule in (*week.removed, *week.warned)})
    return {
        "rules": rules,
        "weeks": [
            {
                "starts": day(week.starts_on),
                "label": week.starts_on.strftime("%d/%m"),
                "removed": dict(sorted(week.removed.items())),
                "warned": dict(sorted(week.warned.items())),
            }
            for week in weeks
        ],
    }
