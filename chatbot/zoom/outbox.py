"""The Zoom outbox: the one place that changes a live meeting's chat through Zoom's API.

It carries out :class:`~chatbot.core.actions.RemoveMeetingMessage` and
:class:`~chatbot.core.actions.RewriteMeetingMessage` through the gateway and reports what Zoom
said, so the host is told what really became of a breaching message.
"""

from __future__ import annotations

import logging

from chatbot.core.actions import (
    Action,
    Failure,
    Outcome,
    RemoveMeetingMessage,
    RewriteMeetingMessage,
)
from integrations.zoom.errors import (
    ZoomError,
    ZoomForbiddenError,
    ZoomNotFoundError,
    ZoomUnavailableError,
)
from integrations.zoom.gateway import ZoomGateway

logger = logging.getLogger(__name__)

NOT_CONFIGURED = "Zoom's app is not configured"


def failure_of(exc: ZoomError) -> Failure:
    """How a Zoom error is told."""
    if isinstance(exc, ZoomForbiddenError):
        return Failure.FORBIDDEN
    if isinstance(exc, ZoomNotFoundError):
        return Failure.GONE
    if isinstance(exc, ZoomUnavailableError):
        return Failure.UNREACHABLE
    return Failure.REFUSED


class ZoomOutbox:
    """Carries out meeting-chat actions through Zoom's API."""

    def __init__(self, gateway: ZoomGateway | None) -> None:
        self._gateway = gateway

    async def do(self, action: Action) -> Outcome:
        """Carry out a meeting-chat action; a Zoom failure is reported, never raised."""
        if not isinstance(action, RemoveMeetingMessage | RewriteMeetingMessage):
            return Outcome.failed(Failure.REFUSED, detail="not a meeting action")
        if self._gateway is None:
            return Outcome.failed(Failure.REFUSED, detail="no gateway", reason=NOT_CONFIGURED)
        try:
            if isinstance(action, RemoveMeetingMessage):
                await self._gateway.delete_chat_message(action.meeting_id, action.message_id)
            else:
                await self._gateway.update_chat_message(
                    action.meeting_id, action.message_id, action.text
                )
        except ZoomError as exc:
            logger.warning(
                "zoom meeting=%s message=%s: %s not done (%s)",
                action.meeting_id,
                action.message_id,
                type(action).__name__,
                type(exc).__name__,
            )
            return Outcome.failed(failure_of(exc), detail=type(exc).__name__, reason=str(exc))
        return Outcome.ok()

    async def fetch(self, file_id: str, *, limit: int) -> bytes | None:  # noqa: ARG002
        """Files come from Telegram, not from here."""
        return None

    def private_chat_url(self) -> str:
        """Not a chat platform of the bot's own."""
        return ""
