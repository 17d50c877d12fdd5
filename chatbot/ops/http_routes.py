"""``GET /healthz`` and ``GET /metrics``: the bot's health and its counters over HTTP.

``/healthz`` answers 200 with ``{ok, database, scheduler, last_update_age_s}`` while the
database answers and the scheduler runs, 503 otherwise; without a :class:`Health` it only says
the server is up. ``/metrics`` is Prometheus' text format. Neither is meant for the public
internet: the reverse proxy passes on only the webhooks and the calendar feeds (``deploy/``).
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from chatbot.ops.health import Health
from chatbot.ops.metrics import CONTENT_TYPE, Metrics


def operations_routes(health: Health | None, metrics: Metrics) -> list[Route]:
    """The health and metrics routes."""

    async def healthz(_request: Request) -> Response:
        if health is None:
            return JSONResponse({"ok": True})
        report = await health.report()
        return JSONResponse(report.to_dict(), status_code=200 if report.ok else 503)

    async def metrics_page(_request: Request) -> Response:
        extra = health_gauges(health) if health is not None else []
        return Response(metrics.render(extra=extra), media_type=CONTENT_TYPE)

    return [
        Route("/healthz", healthz, methods=["GET"]),
        Route("/metrics", metrics_page, methods=["GET"]),
    ]


def health_gauges(health: Health) -> list[str]:
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
