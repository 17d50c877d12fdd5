"""The HTTP server: Telegram's webhook, ``/healthz`` (and, later, Zoom's webhook).

Every Telegram webhook call must carry the secret token councilbot gave Telegram; anything else
is refused before it is parsed. An update is answered 200 only after it was handled, so
Telegram delivers it again if the bot stopped half-way.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import secrets
from collections.abc import Sequence
from typing import Final

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from telegram import Update

from chatbot.dispatch import Dispatcher
from chatbot.settings import Settings
from chatbot.telegram_context import BotApplication
from integrations.calendar_feed import calendar_routes

logger = logging.getLogger(__name__)

MAX_BODY_BYTES: Final[int] = 1_000_000
WEBHOOK_PATH: Final[str] = "/telegram/webhook"
TELEGRAM_HEADER: Final[str] = "X-Telegram-Bot-Api-Secret-Token"
UNUSED_SECRET_BYTES: Final[int] = 32


def build_http_app(
    *,
    application: BotApplication,
    dispatcher: Dispatcher,
    secret: str,
    zoom_routes: Sequence[Route] = (),
) -> Starlette:
    """The ASGI application; ``zoom_routes`` (``POST /zoom/webhook``) when Zoom is configured."""

    async def telegram_webhook(request: Request) -> Response:
        given = request.headers.get(TELEGRAM_HEADER, "")
        if not hmac.compare_digest(given.encode(), secret.encode()):
            return JSONResponse({"ok": False, "error": "forbidden"}, status_code=403)
        body = await request.body()
        if len(body) > MAX_BODY_BYTES:
            return JSONResponse({"ok": False, "error": "too large"}, status_code=413)
        try:
            data = json.loads(body)
            update = Update.de_json(data, application.bot)
        except (ValueError, TypeError, KeyError) as exc:
            logger.warning("refused a malformed update: %s", type(exc).__name__)
            return JSONResponse({"ok": False, "error": "malformed update"}, status_code=400)
        await dispatcher.dispatch(update)
        return JSONResponse({"ok": True})

    async def healthz(_request: Request) -> Response:
        return JSONResponse({"ok": True})

    return Starlette(
        routes=[
            Route(WEBHOOK_PATH, telegram_webhook, methods=["POST"]),
            Route("/healthz", healthz, methods=["GET"]),
            *zoom_routes,
            *calendar_routes(application),
        ]
    )


async def serve_webhooks(
    settings: Settings,
    application: BotApplication,
    dispatcher: Dispatcher,
    allowed_updates: Sequence[str],
    stop: asyncio.Event,
    *,
    zoom_routes: Sequence[Route] = (),
) -> None:
    """Register the webhook with Telegram and serve until ``stop`` is set."""
    if settings.telegram_webhook_secret is None or settings.webhook_url is None:
        raise ValueError("webhook mode needs WEBHOOK_URL and TELEGRAM_WEBHOOK_SECRET")
    secret = settings.telegram_webhook_secret.get_secret_value()
    app = build_http_app(
        application=application, dispatcher=dispatcher, secret=secret, zoom_routes=zoom_routes
    )
    config = uvicorn.Config(
        app, host=settings.http_host, port=settings.http_port, log_level="warning", access_log=False
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    url = settings.webhook_url.rstrip("/")
    if not url.endswith(WEBHOOK_PATH):
        url += WEBHOOK_PATH
    await application.bot.set_webhook(
        url=url,
        secret_token=secret,
        allowed_updates=list(allowed_updates),
    )
    await stop.wait()
    server.should_exit = True
    await task


async def serve_http(
    settings: Settings,
    application: BotApplication,
    dispatcher: Dispatcher,
    stop: asyncio.Event,
    *,
    zoom_routes: Sequence[Route] = (),
) -> None:
    """Serve HTTP until ``stop`` is set, in polling mode (for Zoom's webhook and ``/healthz``).

    No Telegram webhook is registered; ``/telegram/webhook`` refuses every call, its secret
    being a random one nobody knows.
    """
    app = build_http_app(
        application=application,
        dispatcher=dispatcher,
        secret=secrets.token_urlsafe(UNUSED_SECRET_BYTES),
        zoom_routes=zoom_routes,
    )
    config = uvicorn.Config(
        app, host=settings.http_host, port=settings.http_port, log_level="warning", access_log=False
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    await stop.wait()
    server.should_exit = True
    await task
