"""Sending an alert to whoever is on duty: the one place moderation alerts are sent from.

Who gets it is decided by :func:`chatbot.cover.routing.alert_recipients` (through
:meth:`CoverService.alert_route`); this module only hands the alert to the outbox, one
:class:`~chatbot.core.actions.Send` per person, and reports who actually received it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from chatbot.core.actions import Outbox, Send
from chatbot.cover.routing import AlertRoute
from chatbot.cover.service import CoverService

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Alerted:
    """Who an alert was for, and who Telegram confirmed received it."""

    route: AlertRoute
    reached: frozenset[int]

    @property
    def anyone(self) -> bool:
        """Whether at least one person on duty received it."""
        return bool(self.reached)


async def alert_on_duty(
    outbox: Outbox, cover: CoverService, text: str, *, moment: datetime | None = None
) -> Alerted:
    """Send ``text`` to whoever is on duty (on a gap, the Clerk and Chair, told of the gap)."""
    route = await cover.alert_route(moment)
    body = route.text(text)
    reached = set()
    for person in sorted(route.people):
        if (await outbox.do(Send(person, body))).done:
            reached.add(person)
    if not route.people:
        logger.error("an alert had nobody to go to (no active Clerk or Chair)")
    elif not reached:
        logger.error("an alert reached none of the %d people on duty", len(route.people))
    return Alerted(route, frozenset(reached))
