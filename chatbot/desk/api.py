"""The desk's JSON API under ``/app/api/``: thin endpoints over the council's services.

Every call carries ``Authorization: tma <initData>``. :meth:`DeskApi.caller` verifies it
(:mod:`chatbot.desk.auth`), finds the member and checks the endpoint against the one access
table (:mod:`chatbot.desk.rights`): 401 for missing, forged or stale init data, 403 for a
Telegram user who is not a member or whose role may not use the endpoint. Each endpoint then
parses its input, calls a service and answers JSON (:mod:`chatbot.desk.present`). A refusal by
a service (a plain-words :class:`~chatbot.errors.CouncilbotError`) is a 400 with its message;
an unreachable database a 503. Logs carry ids, endpoint names and error types only.
"""

from __future__ import annotations

import asyncio
import logging
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Final, Protocol

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from chatbot.core.access import CLERKS, Role
from chatbot.core.actions import Outbox, Send, SendDocument
from chatbot.core.dates import Direction, parse_day
from chatbot.council.file import CouncilFile
from chatbot.cover.calendar import SCHEDULE_DAYS
from chatbot.cover.duty import Gap
from chatbot.cover.service import AbsenceKind, CoverService
from chatbot.db.database import DatabaseError
from chatbot.desk import present
from chatbot.desk.activity import Activity
from chatbot.desk.auth import InitDataError, TelegramUser, verify_init_data
from chatbot.desk.entries import EntryReader
from chatbot.desk.rights import Endpoint, may_use, rights_of
from chatbot.errors import CouncilbotError
from chatbot.members.service import INVITE_LIFETIME, MemberService, MemberView
from chatbot.moderation.reviews import ReviewOutcome, ReviewService
from chatbot.moderation.service import ModerationService
from chatbot.record.export import ExportFormat
from chatbot.record.export_service import ExportRequest, ExportService
from chatbot.record.search import SearchQuery, SearchService, Viewer
from chatbot.record.service import RecordService
from chatbot.requests.service import RequestKind, RequestService
from chatbot.settings import Settings
from chatbot.telegram.handlers.commands import monitor_entry

__all__ = ["Caller", "DeskApi", "DeskServices", "Handler", "Refused"]

logger = logging.getLogger(__name__)

AUTH_SCHEME: Final[str] = "tma"
NO_STORE: Final[dict[str, str]] = {"Cache-Control": "no-store"}
SEARCH_LIMIT: Final[int] = 50
MAX_SEARCH_LIMIT: Final[int] = 200
DUE_SOON_WORKING_DAYS: Final[int] = 5  # "falling due": the first reminder's distance
GAP_WINDOW_DAYS: Final[int] = 30  # as far ahead as gaps are alerted
TODAY_REVIEWS: Final[int] = 5
CHAIN_TAIL: Final[int] = 1000  # the recent tail checked, as at start-up
CHAIN_CHECK_EVERY_S: Final[float] = 60.0
MAX_TEXT: Final[int] = 255
_OUTCOMES: Final[dict[str, str]] = {
    ReviewOutcome.UPHELD.value: "the removal is upheld: the post breached the policy",
    ReviewOutcome.REINSTATED.value: "it should not have been removed: you may post it again",
    ReviewOutcome.OTHER.value: "it has been looked at",
}
_NOT_SENT: Final[str] = (
    "Telegram did not accept the file for your private chat with the bot ({failure}). "
    "Open a chat with the bot (send it /start) and try again."
)

Json = dict[str, Any]


class DeskServices(Protocol):
    """What the desk needs of the bot's services (the wiring's ``Services`` has them all)."""

    settings: Settings
    council: CouncilFile
    members: MemberService
    moderation: ModerationService
    record: RecordService
    search: SearchService
    export: ExportService
    requests: RequestService
    reviews: ReviewService
    cover: CoverService

    @property
    def outbox(self) -> Outbox:
        """The outbox every Bot API action goes through."""
        ...


class Refused(Exception):  # noqa: N818 - reads as what happened
    """The call is refused with ``status``; ``message`` is safe to show."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True, slots=True)
class Caller:
    """Who is calling: the Telegram user, the member, and whether a monitor covers now."""

    user: TelegramUser
    member: MemberView
    covering: bool

    @property
    def viewer(self) -> Viewer:
        """The member as a searcher of the record (their access from their role)."""
        return Viewer.member(self.member.telegram_id, self.member.role)

    def may(self, endpoint: Endpoint) -> bool:
        """Whether the caller may use ``endpoint``."""
        return may_use(
            endpoint, self.member.role, monitor=self.member.monitor, covering=self.covering
        )


Handler = Callable[[Request, Caller], Awaitable[Json]]


def init_data_of(request: Request) -> str:
    """The init data in ``Authorization: tma <initData>``, or ""."""
    scheme, _, value = request.headers.get("authorization", "").strip().partition(" ")
    return value.strip() if scheme.lower() == AUTH_SCHEME else ""


async def _body(request: Request) -> Json:
    try:
        data = await request.json()
    except ValueError:
        raise Refused(400, "The request body is not JSON.") from None
    if not isinstance(data, dict):
        raise Refused(400, "The request body is not a JSON object.")
    return data


def _text(data: Json, name: str, *, required: bool = True) -> str:
    value = data.get(name, "")
    if not isinstance(value, str):
        raise Refused(400, f"{name} must be text.")
    value = " ".join(value.split())
    if required and not value:
        raise Refused(400, f"{name} is missing.")
    if len(value) > MAX_TEXT:
        raise Refused(400, f"{name} is too long (at most {MAX_TEXT} characters).")
    return value


def _day_of(text: str, name: str, *, today: date, direction: Direction = "past") -> date:
    found = parse_day(text, today=today, direction=direction)
    if found is None:
        raise Refused(400, f"{name}: {text!r} is not a date (write it as DD/MM/YYYY).")
    return found


def _number(value: Any, name: str) -> int:
    if isinstance(value, bool):
        raise Refused(400, f"{name} must be a number.")
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    raise Refused(400, f"{name} must be a number.")


def _path_number(request: Request, name: str) -> int:
    return _number(request.path_params.get(name), name)


class DeskApi:
    """The endpoints; one instance per server, built at start-up."""

    def __init__(self, services: DeskServices) -> None:
        self._s = services
        token = services.settings.telegram_bot_token
        self._token = token.get_secret_value() if token is not None else ""
        self._zone = services.search.zone
        self._entries = EntryReader(services.record.database)
        self._activity = Activity(services.record.database, zone=self._zone)
        self._chain: tuple[float, Json] | None = None

    # access ------------------------------------------------------------------------------

    async def caller(self, request: Request, endpoint: Endpoint) -> Caller:
        """The verified caller of ``endpoint``; :class:`Refused` with 401 or 403 otherwise."""
        if not self._token:
            raise Refused(401, "The desk needs the bot's token to check who you are.")
        try:
            user = verify_init_data(init_data_of(request), bot_token=self._token, now=_now())
        except InitDataError as exc:
            logger.info("desk sign-in refused (%s) for %s", exc.reason, endpoint.value)
            raise Refused(401, "Open the desk from Telegram to sign in.") from None
        member = await self._s.members.member(user.id)
        if member is None:
            logger.info("desk refused user=%s: not a member", user.id)
            raise Refused(403, f"You are not a registered member of {self._council_name}.")
        covering = False
        if member.role is Role.COUNCILLOR and member.monitor:
            covering = await self._s.reviews.may_act(member.role, member.telegram_id)
        caller = Caller(user=user, member=member, covering=covering)
        if not caller.may(endpoint):
            logger.info("desk refused member=%s the endpoint %s", user.id, endpoint.value)
            raise Refused(403, "Your role may not use this part of the desk.")
        return caller

    def route(
        self, endpoint: Endpoint, handler: Handler
    ) -> Callable[[Request], Awaitable[Response]]:
        """``handler`` as a Starlette endpoint, behind the caller's checks."""

        async def serve(request: Request) -> Response:
            try:
                caller = await self.caller(request, endpoint)
                body = await handler(request, caller)
            except Refused as exc:
                return JSONResponse({"error": exc.message}, exc.status, headers=NO_STORE)
            except DatabaseError as exc:
                logger.warning("desk %s: database down (%s)", endpoint.value, type(exc).__name__)
                message = "The database is not answering; try again in a minute."
                return JSONResponse({"error": message}, 503, headers=NO_STORE)
            except CouncilbotError as exc:  # a service's refusal, in plain words
                return JSONResponse({"error": str(exc)}, 400, headers=NO_STORE)
            return JSONResponse(body, headers=NO_STORE)

        return serve

    @property
    def _council_name(self) -> str:
        return self._s.council.council.name

    async def _names(self) -> dict[int, str]:
        return {m.telegram_id: m.name for m in await self._s.members.members()}

    # who am I; what needs the Clerk now -------------------------------------------------

    async def me(self, _request: Request, caller: Caller) -> Json:
        """``GET /app/api/me``: the caller, their role and what they may use."""
        member = caller.member
        return {
            "id": member.telegram_id,
            "name": member.name,
            "role": member.role.value,
            "role_label": member.role.label,
            "monitor": member.monitor,
            "covering": caller.covering,
            "rights": rights_of(member.role, monitor=member.monitor, covering=caller.covering),
            "council": self._council_name,
            "zone": self._s.council.council.timezone,
            "today": present.day(self._s.cover.today()),
        }

    async def today(self, _request: Request, caller: Caller) -> Json:
        """``GET /app/api/today``: requests due, open reviews, gaps, the chain and the chart."""
        now = _now()
        answer: Json = {"today": present.day(self._s.cover.today(now))}
        if caller.may(Endpoint.REQUESTS):
            today = self._s.requests.today(now)
            due = [
                present.info_request(r, today)
                for r in await self._s.requests.open_requests()
                if r.days_left(today) <= DUE_SOON_WORKING_DAYS
            ]
            answer["requests_due"] = due
        names = await self._names()
        if caller.may(Endpoint.REVIEWS) and await self._s.reviews.may_act(
            caller.member.role, caller.member.telegram_id
        ):
            reviews = await self._s.reviews.open()
            titles = await self._titles()
            answer["reviews"] = {
                "open": len(reviews),
                "oldest": [
                    present.review(r, self._zone, titles=titles, names=names)
                    for r in reviews[:TODAY_REVIEWS]
                ],
            }
        periods = await self._s.cover.periods(days=GAP_WINDOW_DAYS)
        answer["gaps"] = [present.period(p, names) for p in periods if isinstance(p.cover, Gap)]
        answer["chain"] = await self._chain_status()
        answer["chart"] = present.weekly(await self._activity.weekly(now))
        return answer

    async def _chain_status(self) -> Json:
        """The chain's recent tail verified, at most once a minute (it reads many entries)."""
        cached = self._chain
        if cached is not None and time.monotonic() - cached[0] < CHAIN_CHECK_EVERY_S:
            return cached[1]
        result = await asyncio.to_thread(self._s.record.verify, tail=CHAIN_TAIL)
        status: Json = {
            "intact": result.intact,
            "entries_checked": result.entries,
            "first_bad": result.first_bad,
            "problem": result.problem,
            "checked": present.moment(_now(), self._zone),
        }
        self._chain = (time.monotonic(), status)
        return status

    async def _titles(self) -> dict[int, str]:
        return {c.telegram_id: c.title for c in await self._s.members.chats() if c.title}

    # the record ------------------------------------------------------------------------

    async def search(self, request: Request, caller: Caller) -> Json:
        """``GET /app/api/record?q=&from=&to=&chat=&person=``: search the record (logged)."""
        params = request.query_params
        today = self._s.cover.today()
        start = params.get("from", "").strip()
        end = params.get("to", "").strip()
        limit = min(_number(params.get("limit", str(SEARCH_LIMIT)), "limit"), MAX_SEARCH_LIMIT)
        query = SearchQuery(
            words=tuple(params.get("q", "").split()),
            person=params.get("person", "").strip() or None,
            chat=params.get("chat", "").strip() or None,
            start=_day_of(start, "from", today=today) if start else None,
            end=_day_of(end, "to", today=today) if end else None,
            limit=max(1, limit),
        )
        result = await self._s.search.search(query, caller.viewer)
        return present.search_result(result, self._zone)

    async def entry(self, request: Request, caller: Caller) -> Json:
        """``GET /app/api/record/{seq}``: one entry and its versions (logged as a view)."""
        seq = _path_number(request, "seq")
        detail = await self._entries.entry(seq, caller.viewer)
        if detail is None:
            raise Refused(404, f"There is no entry {seq} that you may see.")
        return present.entry_detail(detail, self._zone)

    async def export(self, request: Request, caller: Caller) -> Json:
        """``POST /app/api/record/export``: export a period; the file goes to your private chat."""
        data = await _body(request)
        today = self._s.cover.today()
        form_text = _text(data, "format", required=False) or ExportFormat.CSV.value
        try:
            form = ExportFormat(form_text.lower())
        except ValueError:
            raise Refused(400, "format must be csv, json or pdf.") from None
        export = ExportRequest(
            start=_day_of(_text(data, "from"), "from", today=today),
            end=_day_of(_text(data, "to"), "to", today=today),
            form=form,
            person=_text(data, "person", required=False) or None,
            redact=data.get("redact") is True,
        )
        name = _export_name(export)
        with tempfile.TemporaryDirectory(prefix="councilbot-desk-") as folder:
            path = Path(folder) / name
            outcome = await asyncio.to_thread(self._s.export.export, export, caller.viewer, path)
            payload = await asyncio.to_thread(path.read_bytes)
        manifest = outcome.manifest
        state = "intact" if manifest.intact else "BROKEN: see the manifest"
        caption = (
            f"{outcome.entries} entries, {export.start:%d/%m/%Y} to {export.end:%d/%m/%Y}. "
            f"Chain head #{manifest.head_seq} ({state})."
        )
        sent = await self._s.outbox.do(
            SendDocument(caller.member.telegram_id, name, payload, caption=caption)
        )
        logger.info(
            "desk export by member=%s: %d entries, sent=%s",
            caller.member.telegram_id,
            outcome.entries,
            sent.done,
        )
        answer: Json = {
            "sent": sent.done,
            "file": name,
            "entries": outcome.entries,
            "head": manifest.head_seq,
            "intact": manifest.intact,
            "caption": caption,
        }
        if not sent.done:
            answer["error"] = _NOT_SENT.format(failure=sent.failure or "refused")
        return answer

    # requests --------------------------------------------------------------------------

    async def requests(self, _request: Request, _caller: Caller) -> Json:
        """``GET /app/api/requests``: the open FOI and subject-access requests, soonest due."""
        today = self._s.requests.today()
        found = await self._s.requests.open_requests()
        return {"requests": [present.info_request(r, today) for r in found]}

    async def open_foi(self, request: Request, caller: Caller) -> Json:
        """``POST /app/api/requests/foi``: ``{requester, subject, received?}``."""
        data = await _body(request)
        return await self._open(caller, RequestKind.FOI, data, _text(data, "requester"))

    async def open_sar(self, request: Request, caller: Caller) -> Json:
        """``POST /app/api/requests/sar``: ``{subject, aliases?, received?}``."""
        data = await _body(request)
        return await self._open(caller, RequestKind.SAR, data, _text(data, "subject"))

    async def _open(self, caller: Caller, kind: RequestKind, data: Json, requester: str) -> Json:
        service = self._s.requests
        received_text = _text(data, "received", required=False)
        received = (
            _day_of(received_text, "received", today=service.today()) if received_text else None
        )
        raw_aliases = data.get("aliases", "")
        aliases = raw_aliases.split(",") if isinstance(raw_aliases, str) else []
        view = await service.open(
            kind=kind,
            requester=requester,
            subject=_text(data, "subject"),
            aliases=[a.strip() for a in aliases],
            received_on=received,
            opened_by=caller.member.telegram_id,
        )
        return {"request": present.info_request(view, service.today())}

    async def close_request(self, request: Request, caller: Caller) -> Json:
        """``POST /app/api/requests/{reference}/close``."""
        reference = str(request.path_params.get("reference", ""))
        view = await self._s.requests.close(reference, closed_by=caller.member.telegram_id)
        return {"request": present.info_request(view, self._s.requests.today())}

    # reviews ---------------------------------------------------------------------------

    async def _may_review(self, caller: Caller) -> None:
        if not await self._s.reviews.may_act(caller.member.role, caller.member.telegram_id):
            raise Refused(403, "Review requests are for monitors only while they cover.")

    async def reviews(self, _request: Request, caller: Caller) -> Json:
        """``GET /app/api/reviews``: the open review requests, oldest first."""
        await self._may_review(caller)
        found = await self._s.reviews.open()
        titles, names = await self._titles(), await self._names()
        return {
            "reviews": [present.review(r, self._zone, titles=titles, names=names) for r in found]
        }

    async def resolve_review(self, request: Request, caller: Caller) -> Json:
        """``POST /app/api/reviews/{id}``: ``{outcome, note?}``; the sender is told privately."""
        await self._may_review(caller)
        review_id = _path_number(request, "id")
        data = await _body(request)
        try:
            outcome = ReviewOutcome(_text(data, "outcome").lower())
        except ValueError:
            raise Refused(400, "outcome must be upheld, reinstated or other.") from None
        review = await self._s.reviews.resolve(
            review_id,
            by=caller.member.telegram_id,
            outcome=outcome,
            note=_text(data, "note", required=False),
        )
        logger.info(
            "review=%s resolved on the desk by member=%s", review.id, caller.member.telegram_id
        )
        where = (await self._titles()).get(review.chat_id, "a council group")
        lines = [
            (
                f"Review request {review.id}: the Clerk's office reviewed the removal of your "
                f"message in {where}: {_OUTCOMES[outcome.value]}."
            )
        ]
        if review.note:
            lines.append(f"Note: {review.note}")
        told = await self._s.outbox.do(Send(review.sender_id, "\n".join(lines)))
        titles, names = await self._titles(), await self._names()
        return {
            "review": present.review(review, self._zone, titles=titles, names=names),
            "sender_told": told.done,
        }

    # members ---------------------------------------------------------------------------

    async def members(self, _request: Request, caller: Caller) -> Json:
        """``GET /app/api/members``: members, roles, monitors; strikes with names."""
        found = await self._s.members.members()
        answer: Json = {"roles": [{"value": r.value, "label": r.label} for r in Role]}
        counts: dict[int, int] = {}
        if caller.may(Endpoint.STRIKES):
            for strike in await self._s.moderation.strikes():
                counts[strike.telegram_user_id] = counts.get(strike.telegram_user_id, 0) + 1
            names = {m.telegram_id: m.name for m in found}
            answer["strikes"] = present.strikes(counts, names)
            answer["strike_window_days"] = self._s.moderation.settings.strike_window.days
        answer["members"] = [
            present.member(
                m, strikes=counts.get(m.telegram_id, 0) if caller.may(Endpoint.STRIKES) else None
            )
            for m in found
        ]
        answer["monitors"] = [present.member(m) for m in found if m.monitor]
        return answer

    async def invite(self, request: Request, caller: Caller) -> Json:
        """``POST /app/api/members/invite``: ``{role, name}``; a one-time link, valid 7 days."""
        data = await _body(request)
        role = _role(_text(data, "role"))
        name = _text(data, "name")
        code = await self._s.members.invite(actor=caller.member.telegram_id, name=name, role=role)
        chat = self._s.outbox.private_chat_url()
        expires = self._s.cover.today() + INVITE_LIFETIME
        return {
            "name": name,
            "role": role.value,
            "code": code,
            "link": f"{chat}?start={code}" if chat else "",
            "expires": present.day(expires),
        }

    async def change_role(self, request: Request, caller: Caller) -> Json:
        """``POST /app/api/members/{id}/role``: ``{role}``."""
        telegram_id = _path_number(request, "id")
        role = _role(_text(await _body(request), "role"))
        before = await self._s.members.member(telegram_id)
        after = await self._s.members.change_role(
            actor=caller.member.telegram_id, telegram_id=telegram_id, role=role
        )
        seq = None
        if before is not None and before.monitor and not after.monitor:
            # A monitor stood down by a role change goes on the record, as with /role.
            seq = await self._s.record.append(monitor_entry(caller.member, after, at=_now()))
        return {"member": present.member(after), "record_entry": seq}

    async def set_monitor(self, request: Request, caller: Caller) -> Json:
        """``POST /app/api/members/{id}/monitor``: ``{monitor: true|false}``; on the record."""
        telegram_id = _path_number(request, "id")
        wanted = (await _body(request)).get("monitor")
        if not isinstance(wanted, bool):
            raise Refused(400, "monitor must be true or false.")
        before = await self._s.members.member(telegram_id)
        if before is not None and before.monitor == wanted:
            raise Refused(400, f"{before.name} {'is already' if wanted else 'is not'} a monitor.")
        changed = await self._s.members.set_monitor(
            actor=caller.member.telegram_id, telegram_id=telegram_id, monitor=wanted
        )
        seq = await self._s.record.append(monitor_entry(caller.member, changed, at=_now()))
        return {"member": present.member(changed), "record_entry": seq}

    async def pardon(self, request: Request, caller: Caller) -> Json:
        """``POST /app/api/members/{id}/pardon``: clear a sender's strikes."""
        telegram_id = _path_number(request, "id")
        cleared = await self._s.moderation.pardon(telegram_id, by=caller.member.telegram_id)
        return {"id": telegram_id, "cleared": cleared}

    # cover -----------------------------------------------------------------------------

    async def cover(self, _request: Request, caller: Caller) -> Json:
        """``GET /app/api/cover``: the next 60 days' duty, the gaps, and leave not yet over."""
        member = caller.member
        periods = await self._s.cover.periods(days=SCHEDULE_DAYS)
        names = await self._names()
        answer: Json = {
            "periods": [present.period(p, names) for p in periods],
            "gaps": [present.period(p, names) for p in periods if isinstance(p.cover, Gap)],
            "zone": self._s.council.council.timezone,
        }
        if caller.may(Endpoint.LEAVE):
            # The clerks see everyone's (they arrange cover); a monitor sees their own.
            mine = None if member.role in CLERKS else member.telegram_id
            absences = await self._s.cover.upcoming(member_id=mine)
            answer["leave"] = [present.absence(a, names, reason=True) for a in absences]
            answer["may_record_for_others"] = member.role is Role.CLERK
            staff = [m for m in await self._s.members.members() if _leave_kind(m) is not None]
            answer["staff"] = [present.member(m) for m in staff]
        return answer

    async def add_leave(self, request: Request, caller: Caller) -> Json:
        """``POST /app/api/leave``: ``{from, to?, reason?, member_id?}``; dates in the future."""
        data = await _body(request)
        member = caller.member
        today = self._s.cover.today()
        starts_on = _day_of(_text(data, "from"), "from", today=today, direction="future")
        to_text = _text(data, "to", required=False)
        ends_on = (
            _day_of(to_text, "to", today=starts_on, direction="future") if to_text else starts_on
        )
        target = member
        if data.get("member_id") not in (None, "", member.telegram_id):
            other = _number(data.get("member_id"), "member_id")
            if other != member.telegram_id:
                if member.role is not Role.CLERK:
                    raise Refused(403, "Only the Clerk records leave for someone else.")
                found = await self._s.members.member(other)
                if found is None:
                    raise Refused(404, f"No registered member has the Telegram id {other}.")
                target = found
        kind = _leave_kind(target)
        if kind is None:
            raise Refused(
                400,
                f"{target.name} is not the Clerk, the Assistant Clerk or a nominated monitor, "
                "so there is no leave to record for them.",
            )
        absence = await self._s.cover.record(
            member_id=target.telegram_id,
            kind=kind,
            starts_on=starts_on,
            ends_on=ends_on,
            reason=_text(data, "reason", required=False),
            recorded_by=member.telegram_id,
        )
        logger.info("absence=%s recorded on the desk for member=%s", absence.id, target.telegram_id)
        periods = await self._s.cover.periods(first=absence.starts_on, days=absence.days)
        names = await self._names()
        return {
            "leave": present.absence(absence, names, reason=True),
            "while_away": [present.period(p, names) for p in periods],
        }

    async def cancel_leave(self, request: Request, caller: Caller) -> Json:
        """``POST /app/api/leave/{id}/cancel``: your own, or (the Clerk) anyone's."""
        number = _path_number(request, "id")
        member = caller.member
        absence = await self._s.cover.get(number)
        if absence is None or (
            absence.member_id != member.telegram_id and member.role is not Role.CLERK
        ):
            # Someone else's leave is not theirs to see: the same answer as none at all.
            raise Refused(404, f"There is no leave numbered {number} that you can cancel.")
        cancelled = await self._s.cover.cancel(number, cancelled_by=member.telegram_id)
        logger.info("absence=%s cancelled on the desk by member=%s", number, member.telegram_id)
        names = await self._names()
        return {
            "leave": present.absence(cancelled, names, reason=True),
            "ended_early": cancelled.ends_on != absence.ends_on,
        }


def _now() -> datetime:
    return datetime.now(UTC)


def _role(text: str) -> Role:
    try:
        return Role(text.lower())
    except ValueError:
        roles = ", ".join(r.value for r in Role)
        raise Refused(400, f"role must be one of {roles}.") from None


def _leave_kind(member: MemberView) -> AbsenceKind | None:
    """Leave for a clerk, unavailability for a monitor; nothing for anyone else."""
    if member.role in CLERKS:
        return AbsenceKind.LEAVE
    return AbsenceKind.UNAVAILABLE if member.monitor else None


def _export_name(request: ExportRequest) -> str:
    """A safe file name made from the request (no names of people in it)."""
    parts = ["record", request.start.isoformat(), "to", request.end.isoformat()]
    if request.person:
        parts.append("person")
    if request.redact:
        parts.append("redacted")
    return "-".join(parts) + f".{request.form.value}"
