"""Sending an alert to whoever is on duty: the one place moderation alerts are sent from.

Who gets it is decided by :func:`chatbot.cover.routing.alert_recipients` (through
:meth:`CoverService.alert_route`); this module only sends, logging ids and never the text.
"""

from __future__ import annotations

import logging
from datetime import datetime

from telegram import Bot
from telegram.error import TelegramError

from chatbot.cover.routing import AlertRoute
from chatbot.cover.service import CoverService

logger = logging.getLogger(__name__)


async def alert_on_duty(
    bot: Bot, cover: CoverService, text: str, *, moment: datetime | None = None
) -> AlertRoute:
    """Send ``text`` to whoever is on duty (on a gap, the Clerk and Chair, told of the gap)."""
    route = await cover.alert_route(moment)
    body = route.text(text)
    for person in sorted(route.people):
        try:
            await bot.send_message(person, body)
        except TelegramError as exc:
            logger.warning("could not alert member=%s: %s", person, type(exc).__name__)
    if not route.people:
        logger.error("an alert had nobody to go to (no active Clerk or Chair)")
    return route
