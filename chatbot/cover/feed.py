"""``GET /calendar/{token}.ics``: a member's secret, revocable cover calendar feed.

Only the token's hash is stored (see :meth:`CoverService.calendar_member`). An unknown or
revoked token, or one whose member is no longer active, gets a bare 404: nothing tells a guess
apart from a revoked link. The token is never logged.
"""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime
from typing import Final

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from chatbot.cover.calendar import schedule_file
from chatbot.cover.service import CoverService
from chatbot.members.service import MemberService

logger = logging.getLogger(__name__)

CALENDAR_PATH: Final[str] = "/calendar/{token}.ics"
ICS_TYPE: Final[str] = "text/calendar; charset=utf-8"
_TOKEN: Final = re.compile(r"[A-Za-z0-9_-]{16,128}")


def calendar_routes(cover: CoverService, members: MemberService, *, council: str) -> list[Route]:
    """The calendar feed route of ``council``'s cover schedule."""

    async def calendar_feed(request: Request) -> Response:
        token = str(request.path_params.get("token", ""))
        member = await cover.calendar_member(token) if _TOKEN.fullmatch(token) else None
        if member is None:
            return Response(status_code=404)
        data = await schedule_file(cover, members, council=council, now=datetime.now(UTC))
        logger.info("calendar feed served to member=%s", member)
        return Response(
            data,
            media_type=ICS_TYPE,
            headers={
                "Cache-Control": "private, no-store",
                "Content-Disposition": 'inline; filename="cover.ics"',
            },
        )

    return [Route(CALENDAR_PATH, calendar_feed, methods=["GET"])]
