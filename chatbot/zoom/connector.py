"""The Zoom connector: a live chat webhook's payload becomes a meeting chat message.

Live messages, the saved chat file after the meeting, and a chat file a host sends the bot all
arrive as :class:`~integrations.zoom.chat_file.ChatMessage`, so one check and one decision
serve the three.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from chatbot.db.base import utcnow
from integrations.zoom.chat_file import ChatMessage
from integrations.zoom.gateway import moment_field, text_field

_TO_EVERYONE = frozenset({"", "everyone", "waiting_room_participants"})


@dataclass(frozen=True, slots=True)
class LiveMessage:
    """A live meeting chat message: which meeting, which message, when, and the message."""

    meeting_id: str
    uuid: str
    message_id: str
    sent: datetime
    message: ChatMessage


def object_of(payload: Mapping[str, Any]) -> dict[str, Any]:
    """The ``object`` of a webhook payload (empty when it is missing or not an object)."""
    value = payload.get("object")
    return dict(value) if isinstance(value, Mapping) else {}


def live_message(raw: Mapping[str, Any], *, zone: ZoneInfo) -> LiveMessage:
    """The message of a ``meeting.chat_message_sent`` event's ``object``."""
    chat = raw.get("chat_message")
    chat = chat if isinstance(chat, Mapping) else {}
    sent = moment_field(chat.get("date_time")) or utcnow()
    direct = text_field(chat, "recipient_type") not in _TO_EVERYONE
    return LiveMessage(
        meeting_id=text_field(raw, "id"),
        uuid=text_field(raw, "uuid"),
        message_id=text_field(chat, "message_id"),
        sent=sent,
        message=ChatMessage(
            line=0,
            time=sent.astimezone(zone).strftime("%H:%M:%S"),
            sender=text_field(chat, "sender_name") or "someone",
            recipient="a direct message" if direct else "Everyone",
            text=text_field(chat, "message_content"),
            direct=direct,
            reply_to=None,
        ),
    )
