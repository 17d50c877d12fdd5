"""Who may use which of the desk's endpoints: decided from the one access table.

Each endpoint shares the rights of the command that does the same thing (record search is
``/search``, closing a request is ``/close``…), and the desk itself is ``/desk``: officers,
and nominated monitors while they cover for the Clerk. So a member may call an endpoint when
they may use ``/desk`` now and that endpoint's command. Nothing here reads a database: the
caller says whether a monitor is covering now.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final

from chatbot.core.access import Role, allowed, command

DESK_COMMAND: Final[str] = "desk"


class Endpoint(StrEnum):
    """The desk's endpoints, by what they do."""

    ME = "me"
    TODAY = "today"
    RECORD_SEARCH = "record_search"
    RECORD_ENTRY = "record_entry"
    EXPORT = "export"
    REQUESTS = "requests"
    OPEN_FOI = "open_foi"
    OPEN_SAR = "open_sar"
    CLOSE_REQUEST = "close_request"
    REVIEWS = "reviews"
    RESOLVE_REVIEW = "resolve_review"
    MEMBERS = "members"
    STRIKES = "strikes"
    INVITE = "invite"
    ROLE = "role"
    MONITOR = "monitor"
    PARDON = "pardon"
    COVER = "cover"
    LEAVE = "leave"


COMMAND_OF: Final[dict[Endpoint, str]] = {
    Endpoint.ME: DESK_COMMAND,
    Endpoint.TODAY: DESK_COMMAND,
    Endpoint.RECORD_SEARCH: "search",
    Endpoint.RECORD_ENTRY: "search",
    Endpoint.EXPORT: "export",
    Endpoint.REQUESTS: "requests",
    Endpoint.OPEN_FOI: "foi",
    Endpoint.OPEN_SAR: "sar",
    Endpoint.CLOSE_REQUEST: "close",
    Endpoint.REVIEWS: "reviews",
    Endpoint.RESOLVE_REVIEW: "review",
    Endpoint.MEMBERS: "members",
    Endpoint.STRIKES: "strikes",
    Endpoint.INVITE: "invite",
    Endpoint.ROLE: "role",
    Endpoint.MONITOR: "monitor",
    Endpoint.PARDON: "pardon",
    Endpoint.COVER: "cover",
    Endpoint.LEAVE: "leave",
}


def may_open_desk(role: Role, *, monitor: bool, covering: bool) -> bool:
    """Whether a member may use the desk now: by role, or as a monitor while covering."""
    if role in command(DESK_COMMAND).roles:
        return True
    return covering and allowed(role, DESK_COMMAND, monitor=monitor)


def may_use(endpoint: Endpoint, role: Role, *, monitor: bool, covering: bool) -> bool:
    """Whether a member may call ``endpoint`` now."""
    return may_open_desk(role, monitor=monitor, covering=covering) and allowed(
        role, COMMAND_OF[endpoint], monitor=monitor
    )


def rights_of(role: Role, *, monitor: bool, covering: bool) -> list[str]:
    """Every endpoint the member may call now (the page shows only those screens)."""
    return [e.value for e in Endpoint if may_use(e, role, monitor=monitor, covering=covering)]
