"""The desk's routes: the page and its files at ``/app/``, the JSON API under ``/app/api/``.

The page's files are the package's own (``chatbot/desk/static``), read once when the routes
are built and served with a strict Content-Security-Policy: nothing is loaded from anywhere
but the bot's own server, and no inline script runs.
"""

from __future__ import annotations

from importlib import resources
from typing import Final

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from chatbot.desk.api import DeskApi, DeskServices, Handler
from chatbot.desk.rights import Endpoint

__all__ = ["API_ROOT", "DESK_ROOT", "desk_routes"]

DESK_ROOT: Final[str] = "/app"
API_ROOT: Final[str] = f"{DESK_ROOT}/api"
STATIC_FILES: Final[dict[str, str]] = {
    "index.html": "text/html; charset=utf-8",
    "app.js": "text/javascript; charset=utf-8",
    "app.css": "text/css; charset=utf-8",
    "telegram-web-app.js": "text/javascript; charset=utf-8",
    "LICENSE.txt": "text/plain; charset=utf-8",
}
SECURITY_HEADERS: Final[dict[str, str]] = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors *"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",
}


def _static_routes() -> list[BaseRoute]:
    folder = resources.files("chatbot.desk") / "static"
    routes: list[BaseRoute] = []
    for name, media_type in STATIC_FILES.items():
        body = (folder / name).read_bytes()

        def serve(_request: Request, body: bytes = body, media_type: str = media_type) -> Response:
            return Response(body, media_type=media_type, headers=SECURITY_HEADERS)

        path = f"{DESK_ROOT}/" if name == "index.html" else f"{DESK_ROOT}/{name}"
        routes.append(Route(path, serve, methods=["GET", "HEAD"]))
    return routes


def desk_routes(services: DeskServices) -> list[BaseRoute]:
    """Every route of the desk, its page and its API, over ``services``."""
    api = DeskApi(services)

    async def to_page(_request: Request) -> Response:
        return RedirectResponse(f"{DESK_ROOT}/", status_code=307)

    def get(path: str, endpoint: Endpoint, handler: Handler) -> Route:
        return Route(f"{API_ROOT}{path}", api.route(endpoint, handler), methods=["GET"])

    def post(path: str, endpoint: Endpoint, handler: Handler) -> Route:
        return Route(f"{API_ROOT}{path}", api.route(endpoint, handler), methods=["POST"])

    return [
        Route(DESK_ROOT, to_page, methods=["GET"]),
        *_static_routes(),
        get("/me", Endpoint.ME, api.me),
        get("/today", Endpoint.TODAY, api.today),
        get("/record", Endpoint.RECORD_SEARCH, api.search),
        get("/record/{seq:int}", Endpoint.RECORD_ENTRY, api.entry),
        post("/record/export", Endpoint.EXPORT, api.export),
        get("/requests", Endpoint.REQUESTS, api.requests),
        post("/requests/foi", Endpoint.OPEN_FOI, api.open_foi),
        post("/requests/sar", Endpoint.OPEN_SAR, api.open_sar),
        post("/requests/{reference}/close", Endpoint.CLOSE_REQUEST, api.close_request),
        get("/reviews", Endpoint.REVIEWS, api.reviews),
        post("/reviews/{id:int}", Endpoint.RESOLVE_REVIEW, api.resolve_review),
        get("/members", Endpoint.MEMBERS, api.members),
        post("/members/invite", Endpoint.INVITE, api.invite),
        post("/members/{id:int}/role", Endpoint.ROLE, api.change_role),
        post("/members/{id:int}/monitor", Endpoint.MONITOR, api.set_monitor),
        post("/members/{id:int}/pardon", Endpoint.PARDON, api.pardon),
        get("/cover", Endpoint.COVER, api.cover),
        post("/leave", Endpoint.LEAVE, api.add_leave),
        post("/leave/{id:int}/cancel", Endpoint.LEAVE, api.cancel_leave),
    ]
