"""The HTTP server: Telegram's and Zoom's webhooks, calendar feeds, ``/healthz``, ``/metrics``.

Every Telegram webhook call must carry the secret token councilbot gave Telegram; anything else
is refused before it is parsed. An update is answered 200 only after it was handled, so
Telegram delivers it again if the bot stopped half-way.

``GET /healthz`` answers 200 with ``{ok, database, scheduler, last_update_age_s}`` while the
database answers and the scheduler runs, 503 otherwise; ``GET /metrics`` is Prometheus' text
format. Neither is meant for the public internet: the reverse proxy passes on only the webhooks
and the calendar feeds (``deploy/``).
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

from chatbot.cover.feed import calendar_routes
from chatbot.ops.health import Health
from chatbot.ops.metrics import CONTENT_TYPE, Metrics
from chatbot.settings import Settings
from chatbot.telegram.context import BotApplication
from chatbot.telegram.dispatch import Dispatcher

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
    health: Health | None = None,
    metrics: Metrics | None = None,
) -> Starlette:
    """The ASGI application; ``zoom_routes`` (``POST /zoom/webhook``) when Zoom is configured.

    Without ``health``, ``/healthz`` only says the server is up; without ``metrics``, an empty
    registry is served.
    """
    registry = metrics or Metrics()

    def refuse(reason: str, status: int) -> Response:
        registry.webhook_refusals.inc(source="telegram", reason=reason)
        return JSONResponse({"ok": False, "error": reason}, status_code=status)

    async def telegram_webhook(request: Request) -> Response:
        given = request.headers.get(TELEGRAM_HEADER, "")
        if not hmac.compare_digest(given.encode(), secret.encode()):
            return refuse("forbidden", 403)
        body = await request.body()
        if len(body) > MAX_BODY_BYTES:
            return refuse("too large", 413)
        try:
            data = json.loads(body)
            # Only an object with a numeric id is an update (a bare null, list or number
            # made de_json fail with AttributeError, or return None, and the server 500).
            if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
                raise TypeError("not an update object")  # noqa: TRY301
            update = Update.de_json(data, application.bot)
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            logger.warning("refused a malformed update: %s", type(exc).__name__)
            return refuse("malformed update", 400)
        await dispatcher.dispatch(update)
        return JSONResponse({"ok": True})

    async def healthz(_request: Request) -> Response:
        if health is None:
            return JSONResponse({"ok": True})
        report = await health.report()
        return JSONResponse(report.to_dict(), status_code=200 if report.ok else 503)

    async def metrics_page(_request: Request) -> Response:
        extra = _health_gauges(health) if health is not None else []
        return Response(registry.render(extra=extra), media_type=CONTENT_TYPE)

    return Starlette(
        routes=[
            Route(WEBHOOK_PATH, telegram_webhook, methods=["POST"]),
            Route("/healthz", healthz, methods=["GET"]),
            Route("/metrics", metrics_page, methods=["GET"]),
            *zoom_routes,
            *calendar_routes(application),
        ]
    )


def _health_gauges(health: Health) -> list[str]:
    """Gauges from the health object: uptime, scheduler, age of the last update."""
    lines = [
        "# HELP councilbot_uptime_seconds Seconds since the bot started.",
        "# TYPE councilbot_uptime_seconds gauge",
        f"councilbot_uptime_seconds {health.uptime_s:.3f}",
        "# HELP councilbot_scheduler_running 1 while the scheduler runs.",
        "# TYPE councilbot_scheduler_running gauge",
        f"councilbot_scheduler_running {int(health.scheduler_running)}",
    ]
    age = health.last_update_age_s
    if age is not None:
        lines += [
            "# HELP councilbot_last_update_age_seconds Seconds since the last update handled.",
            "# TYPE councilbot_last_update_age_seconds gauge",
            f"councilbot_last_update_age_seconds {age:.3f}",
        ]
    return lines


def _operations(application: BotApplication) -> tuple[Health | None, Metrics | None]:
    """The health object and the metrics of the services, once they are built."""
    services = getattr(application.bot_data, "services", None)
    if services is None:
        return None, None
    return services.health, services.metrics


def _served_app(
    application: BotApplication,
    dispatcher: Dispatcher,
    *,
    secret: str,
    zoom_routes: Sequence[Route],
) -> Starlette:
    health, metrics = _operations(application)
    return build_http_app(
        application=application,
        dispatcher=dispatcher,
        secret=secret,
        zoom_routes=zoom_routes,
        health=health,
        metrics=metrics,
    )


def _start(app: Starlette, settings: Settings) -> tuple[uvicorn.Server, asyncio.Task[None]]:
    """Start serving ``app`` where the settings say; the server and its task."""
    config = uvicorn.Config(
        app,
        host=settings.http_host,
        port=settings.http_port,
        log_level="warning",
        access_log=False,
        log_config=None,  # uvicorn's records go to our handler (LOG_FORMAT), not its own
    )
    server = uvicorn.Server(config)
    return server, asyncio.create_task(server.serve())


async def _until(stop: asyncio.Event, server: uvicorn.Server, task: asyncio.Task[None]) -> None:
    await stop.wait()
    server.should_exit = True
    await task


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
    app = _served_app(application, dispatcher, secret=secret, zoom_routes=zoom_routes)
    server, task = _start(app, settings)
    url = settings.webhook_url.rstrip("/")
    if not url.endswith(WEBHOOK_PATH):
        url += WEBHOOK_PATH
    await application.bot.set_webhook(
        url=url,
        secret_token=secret,
        allowed_updates=list(allowed_updates),
    )
    await _until(stop, server, task)


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
    secret = secrets.token_urlsafe(UNUSED_SECRET_BYTES)
    app = _served_app(application, dispatcher, secret=secret, zoom_routes=zoom_routes)
    server, task = _start(app, settings)
    await _until(stop, server, task)
