"""What councilbot does with Zoom's verified webhook events (the webhook calls :meth:`on_event`).

- ``meeting.started`` / ``meeting.ended``: remember the occurrence's UUID, topic and host.
- ``meeting.chat_message_sent``: check the message; a breach alerts whoever enabled the meeting,
  privately, within seconds, and (``[zoom] live_action``) a ``block`` message is deleted or
  rewritten redacted in the meeting's chat. An official meeting's messages go on the record.
- ``recording.completed``: download the recording's CHAT file, parse and check it; the report
  goes to whoever enabled the meeting (and to the Clerk for official meetings), and an official
  meeting's chat goes on the record.

Events of meetings nobody enabled are dropped before anything is read or checked. Logs carry
meeting and message ids only, never text, names, e-mail addresses or tokens.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any, Final
from zoneinfo import ZoneInfo

from chatbot.core.access import Role
from chatbot.core.actions import Action, Outbox, Outcome, Send
from chatbot.core.checking import run_check
from chatbot.db.base import utcnow
from chatbot.members.service import MemberService
from chatbot.record.entry import NewEntry
from chatbot.record.service import RecordService
from chatbot.zoom.connector import live_message, object_of
from chatbot.zoom.decide import LiveAction, host_alert, live_action, record_note
from chatbot.zoom.registry import MeetingView, ZoomRegistry
from chatbot.zoom.report import check_chat, check_messages, format_report
from integrations.zoom.chat_file import ChatMessage, parse_chat_bytes
from integrations.zoom.errors import ZoomError
from integrations.zoom.gateway import ZoomGateway, moment_field, recording_from, text_field
from policy_checks import PolicyEngine

logger = logging.getLogger(__name__)

__all__ = ["LiveAction", "ZoomEvents"]

RECORD_TITLE: Final[str] = "Zoom: {topic}"
_PERSONAL_DATA: Final[str] = "personal_data"


class ZoomEvents:
    """Handles Zoom's events for enabled meetings."""

    def __init__(
        self,
        *,
        registry: ZoomRegistry,
        gateway: ZoomGateway | None,
        engine: PolicyEngine,
        record: RecordService,
        members: MemberService,
        zone: ZoneInfo,
        live_action: LiveAction = "none",
        outbox: Outbox | None = None,
    ) -> None:
        self._registry = registry
        self._gateway = gateway
        self._engine = engine
        self._record = record
        self._members = members
        self._outbox = outbox
        self._zone = zone
        self._live_action = live_action

    def attach(self, outbox: Outbox) -> None:
        """Carry out actions through ``outbox`` (the bot exists after the services)."""
        self._outbox = outbox

    async def on_event(self, event: str, payload: dict[str, Any]) -> None:
        """Handle one verified, non-duplicate event (called after Zoom got its 200)."""
        match event:
            case "meeting.started" | "meeting.ended":
                await self._meeting_state(event, payload)
            case "meeting.chat_message_sent":
                await self._chat_message(payload)
            case "recording.completed":
                await self._recording(payload)
            case _:
                logger.info("zoom event=%s not handled", event)

    # meeting.started / meeting.ended -----------------------------------------------------

    async def _meeting_state(self, event: str, payload: Mapping[str, Any]) -> None:
        raw = object_of(payload)
        meeting_id, uuid = text_field(raw, "id"), text_field(raw, "uuid")
        now = utcnow()
        started = event == "meeting.started"
        view = await self._registry.note_instance(
            meeting_id=meeting_id,
            uuid=uuid,
            topic=text_field(raw, "topic"),
            host_id=text_field(raw, "host_id"),
            started_at=(moment_field(raw.get("start_time")) or now) if started else None,
            ended_at=None if started else (moment_field(raw.get("end_time")) or now),
        )
        if view is not None:
            logger.info("zoom meeting=%s %s", meeting_id, event.rpartition(".")[2])

    # meeting.chat_message_sent -------------------------------------------------------------

    async def _find(self, raw: Mapping[str, Any]) -> MeetingView | None:
        meeting_id, uuid = text_field(raw, "id"), text_field(raw, "uuid")
        view = await self._registry.find(meeting_id) if meeting_id else None
        if view is None and uuid:
            view = await self._registry.find(uuid)
        if view is not None and uuid:
            await self._registry.note_instance(meeting_id=view.meeting_id, uuid=uuid)
        return view

    async def _chat_message(self, payload: Mapping[str, Any]) -> None:
        raw = object_of(payload)
        view = await self._find(raw)
        if view is None:
            return  # nobody enabled this meeting: not processed at all
        live = live_message(raw, zone=self._zone)
        message = live.message
        report = await run_check(
            len(message.text) + len(message.reply_to or ""),
            lambda: check_messages(self._engine, [message]),
        )
        breach = report.breaches[0] if report.breaches else None
        note = ""
        if breach is not None:
            change = live_action(view, live.message_id, breach, configured=self._live_action)
            outcome = await self._do(change) if change is not None else None
            note = record_note(change, outcome)
            await self._do(host_alert(view, message, breach, action=change, outcome=outcome))
            logger.info("zoom meeting=%s message=%s breached", view.meeting_id, live.message_id)
        if view.official and message.text.strip():
            await self._record.append(
                NewEntry(
                    kind="meeting",
                    occurred_at=live.sent,
                    text=message.text,
                    sender_name=message.sender,
                    chat_title=RECORD_TITLE.format(topic=view.topic or view.meeting_id),
                    personal_data=breach is not None
                    and any(f.rule == _PERSONAL_DATA for f in breach.findings),
                    restricted=note in {"deleted", "redacted"},
                    reason=f"zoom chat message {note}" if note else "",
                    key=f"zoom:{live.uuid or view.meeting_id}:"
                    f"{live.message_id or live.sent.isoformat()}",
                )
            )

    # recording.completed -------------------------------------------------------------------

    async def _recording(self, payload: Mapping[str, Any]) -> None:
        raw = object_of(payload)
        view = await self._find(raw)
        if view is None:
            return
        recording = recording_from(raw)
        chat_file = recording.chat_file
        if chat_file is None:
            logger.info("zoom meeting=%s recording has no chat file", view.meeting_id)
            return
        if self._gateway is None:
            logger.warning("zoom meeting=%s chat file not fetched: no gateway", view.meeting_id)
            return
        token = text_field(payload, "download_token")
        try:
            data = await self._gateway.download(chat_file.download_url, download_token=token)
        except ZoomError as exc:
            logger.warning(
                "zoom meeting=%s chat file not downloaded: %s", view.meeting_id, type(exc).__name__
            )
            await self._do(
                Send(
                    view.host_telegram_id,
                    f"I could not fetch the chat of Zoom meeting {view.meeting_id} "
                    f"“{view.topic or 'untitled'}” from its recording: {exc}",
                )
            )
            return
        parsed = await asyncio.to_thread(parse_chat_bytes, data)
        report = await asyncio.to_thread(check_chat, self._engine, parsed)  # quotes too
        started = chat_file.recording_start or moment_field(raw.get("start_time"))
        when = f" on {started.astimezone(self._zone):%d/%m/%Y %H:%M}" if started else ""
        title = f"Zoom meeting {view.meeting_id} “{view.topic or 'untitled'}”{when}: chat report"
        text = format_report(report, title=title, problems=parsed.problems)
        recipients = [view.host_telegram_id]
        if view.official:
            clerks = await self._members.with_roles(Role.CLERK)
            recipients += [c.telegram_id for c in clerks if c.telegram_id not in recipients]
        for person in recipients:
            await self._do(Send(person, text, file_name="zoom-chat-report.txt"))
        logger.info(
            "zoom meeting=%s chat report: %s messages, %s breaches",
            view.meeting_id,
            report.messages,
            len(report.breaches),
        )
        if view.official:
            await self._capture(view, recording.uuid or view.meeting_id, parsed.messages, started)

    async def _capture(
        self,
        view: MeetingView,
        uuid: str,
        messages: Sequence[ChatMessage],
        started: datetime | None,
    ) -> None:
        """Put an official meeting's chat on the record, one entry per message, each once."""
        base = started or utcnow()
        for message in messages:
            await self._record.append(
                NewEntry(
                    kind="meeting",
                    occurred_at=base + _offset(message.time),
                    text=message.text,
                    sender_name=message.sender,
                    chat_title=RECORD_TITLE.format(topic=view.topic or view.meeting_id),
                    key=f"zoom:{uuid}:chat:{message.line}",
                )
            )

    async def _do(self, action: Action) -> Outcome | None:
        if self._outbox is None:
            logger.error("zoom %s not carried out: no outbox attached", type(action).__name__)
            return None
        return await self._outbox.do(action)


def _offset(time_text: str) -> timedelta:
    """A cloud recording chat's ``HH:MM:SS``: the time since the recording started."""
    try:
        hours, minutes, seconds = (int(part) for part in time_text.split(":"))
    except ValueError:
        return timedelta(0)
    return timedelta(hours=hours, minutes=minutes, seconds=seconds)
