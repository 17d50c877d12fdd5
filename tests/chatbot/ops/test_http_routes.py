"""``/healthz`` and ``/metrics`` over real HTTP, served by the bot's HTTP server."""

from __future__ import annotations

import asyncio
import json
import os
import re
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.types import ASGIApp

from chatbot.db.database import Database
from chatbot.ops.health import Health
from chatbot.ops.http_routes import operations_routes
from chatbot.ops.metrics import Metrics
from chatbot.ops.scheduler import Scheduler
from integrations.http import build_app
from integrations.zoom.webhook import ZoomWebhook, sign
from tests.integrations.test_http import free_port, serving

HEALTH_KEYS = {"ok", "database", "scheduler", "last_update_age_s"}
HEALTHCHECK = Path(__file__).resolve().parents[3] / "deploy" / "healthcheck.py"
# One sample line of the text exposition format: name, optional labels, a number.
SAMPLE = re.compile(
    r'[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\]|\\.)*",?)*\})? '
    r"(-?[0-9.e+-]+|\+Inf|-Inf|NaN)"
)


@pytest.fixture
async def scheduler() -> AsyncIterator[Scheduler]:
    ticking = Scheduler([], tick=60)
    yield ticking
    ticking.shutdown()


def _app(health: Health | None, metrics: Metrics | None = None) -> ASGIApp:
    return build_app(operations_routes(health, metrics or Metrics()))


# /healthz -------------------------------------------------------------------------------


async def test_when_the_database_answers_and_the_scheduler_runs_then_healthz_is_200(
    database: Database, scheduler: Scheduler
) -> None:
    health = Health(database)
    scheduler.start()
    health.attach_scheduler(scheduler)
    async with serving(_app(health)) as root, httpx.AsyncClient() as client:
        response = await client.get(f"{root}/healthz")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == HEALTH_KEYS
    assert body == {"ok": True, "database": True, "scheduler": True, "last_update_age_s": None}


async def test_when_an_update_was_handled_then_healthz_gives_its_age(
    database: Database, scheduler: Scheduler
) -> None:
    health = Health(database)
    scheduler.start()
    health.attach_scheduler(scheduler)
    health.update_seen()
    async with serving(_app(health)) as root, httpx.AsyncClient() as client:
        body = (await client.get(f"{root}/healthz")).json()
    assert isinstance(body["last_update_age_s"], float)
    assert 0 <= body["last_update_age_s"] < 60


async def test_when_the_database_is_unreachable_then_healthz_is_503(
    tmp_path: Path, scheduler: Scheduler
) -> None:
    unreachable = Database(f"sqlite:///{tmp_path / 'no-such-folder' / 'councilbot.db'}")
    health = Health(unreachable)
    scheduler.start()
    health.attach_scheduler(scheduler)
    try:
        async with serving(_app(health)) as root, httpx.AsyncClient() as client:
            response = await client.get(f"{root}/healthz")
    finally:
        unreachable.dispose()
    assert response.status_code == 503
    assert response.json()["ok"] is False
    assert response.json()["database"] is False
    assert response.json()["scheduler"] is True


async def test_when_the_scheduler_has_stopped_then_healthz_is_503(
    database: Database, scheduler: Scheduler
) -> None:
    health = Health(database)
    scheduler.start()
    health.attach_scheduler(scheduler)
    scheduler.shutdown()
    async with serving(_app(health)) as root, httpx.AsyncClient() as client:
        response = await client.get(f"{root}/healthz")
    assert response.status_code == 503
    assert response.json() == {
        "ok": False,
        "database": True,
        "scheduler": False,
        "last_update_age_s": None,
    }


async def test_when_no_health_is_given_then_healthz_only_says_the_server_is_up() -> None:
    async with serving(_app(None)) as root, httpx.AsyncClient() as client:
        response = await client.get(f"{root}/healthz")
    assert (response.status_code, response.json()) == (200, {"ok": True})


# the container's health check -------------------------------------------------------------


def _healthcheck(port: int) -> int:
    environment = {**os.environ, "HTTP_PORT": str(port)}
    done = subprocess.run(
        [sys.executable, str(HEALTHCHECK)], env=environment, capture_output=True, check=False
    )
    return done.returncode


async def test_when_the_bot_is_healthy_then_the_container_check_passes(
    database: Database, scheduler: Scheduler
) -> None:
    health = Health(database)
    scheduler.start()
    health.attach_scheduler(scheduler)
    async with serving(_app(health)) as root:
        port = int(root.rsplit(":", 1)[1])
        status = await asyncio.to_thread(_healthcheck, port)
    assert status == 0


async def test_when_the_scheduler_is_stopped_then_the_container_check_fails(
    database: Database,
) -> None:
    health = Health(database)  # never attached: not running
    async with serving(_app(health)) as root:
        port = int(root.rsplit(":", 1)[1])
        status = await asyncio.to_thread(_healthcheck, port)
    assert status == 1


def test_when_nothing_listens_then_the_container_check_fails() -> None:
    assert _healthcheck(free_port()) == 1


# /metrics -------------------------------------------------------------------------------


async def test_when_metrics_are_asked_for_then_every_line_is_valid_exposition_format(
    database: Database, scheduler: Scheduler
) -> None:
    health = Health(database)
    scheduler.start()
    health.attach_scheduler(scheduler)
    metrics = Metrics()
    metrics.findings.inc(rule="personal_data")
    metrics.check_seconds.observe(0.02)
    async with serving(_app(health, metrics)) as root, httpx.AsyncClient() as client:
        response = await client.get(f"{root}/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain; version=0.0.4")
    for line in response.text.splitlines():
        if line.startswith("# "):
            assert re.fullmatch(r"# (HELP|TYPE) [a-z_]+ .+", line), line
        else:
            assert SAMPLE.fullmatch(line), line
    assert 'councilbot_findings_total{rule="personal_data"} 1' in response.text
    assert "councilbot_scheduler_running 1" in response.text
    assert 'councilbot_check_seconds_bucket{le="0.025"} 1' in response.text


# beside Zoom's webhook ----------------------------------------------------------------------

ZOOM_SECRET = "zoom-webhook-secret-for-tests"
CHAT_EVENT: dict[str, Any] = {
    "event": "meeting.chat_message_sent",
    "payload": {"object": {"id": 85746065432, "chat_message": {"message_id": "m-1"}}},
}


def _signed(body: bytes, *, at: float | None = None, secret: str = ZOOM_SECRET) -> dict[str, str]:
    timestamp = str(int(time.time() if at is None else at))
    return {
        "x-zm-request-timestamp": timestamp,
        "x-zm-signature": sign(secret, timestamp, body),
        "content-type": "application/json",
    }


async def test_when_mounted_beside_zoom_then_zoom_and_healthz_are_both_served() -> None:
    seen: list[str] = []

    async def on_event(event: str, payload: dict[str, Any]) -> None:
        seen.append(event)

    webhook = ZoomWebhook(ZOOM_SECRET, on_event)
    app = build_app([*webhook.routes, *operations_routes(None, Metrics())])
    body = json.dumps(CHAT_EVENT).encode()
    async with serving(app) as root, httpx.AsyncClient() as client:
        zoom = await client.post(root + "/zoom/webhook", content=body, headers=_signed(body))
        health = await client.get(root + "/healthz")
        await webhook.drain(timeout=5)
    assert (zoom.status_code, health.status_code) == (200, 200)
    assert seen == ["meeting.chat_message_sent"]


async def test_when_zoom_deliveries_are_refused_then_metrics_count_them_by_reason() -> None:
    metrics = Metrics()

    async def on_event(event: str, payload: dict[str, Any]) -> None:
        return None

    webhook = ZoomWebhook(
        ZOOM_SECRET,
        on_event,
        on_refused=lambda reason: metrics.webhook_refusals.inc(source="zoom", reason=reason),
    )
    app = build_app([*webhook.routes, *operations_routes(None, metrics)])
    body = json.dumps(CHAT_EVENT).encode()
    url_of = "{}/zoom/webhook".format
    async with serving(app) as root, httpx.AsyncClient() as client:
        for _ in range(3):
            await client.post(url_of(root), content=body, headers=_signed(body, secret="forged"))
        await client.post(url_of(root), content=body, headers={"content-type": "application/json"})
        await client.post(url_of(root), content=body, headers=_signed(body, at=time.time() - 3600))
        page = (await client.get(f"{root}/metrics")).text

    assert 'councilbot_webhook_refusals_total{source="zoom",reason="bad signature"} 3' in page
    assert 'councilbot_webhook_refusals_total{source="zoom",reason="unsigned"} 1' in page
    assert 'councilbot_webhook_refusals_total{source="zoom",reason="stale timestamp"} 1' in page
    assert ZOOM_SECRET not in page
