"""The HTTP server's operations endpoints over real HTTP: ``/healthz`` and ``/metrics``."""

from __future__ import annotations

import asyncio
import os
import re
import socket
import subprocess
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import pytest
import uvicorn
from starlette.applications import Starlette
from telegram.ext import Application

from chatbot.db.database import Database
from chatbot.ops.health import Health
from chatbot.ops.metrics import Metrics
from chatbot.ops.scheduler import Scheduler
from chatbot.telegram.context import CONTEXT_TYPES, BotApplication
from chatbot.telegram.dispatch import Dispatcher
from integrations.http import build_http_app

SECRET = "telegram-secret"
HEALTH_KEYS = {"ok", "database", "scheduler", "last_update_age_s"}
HEALTHCHECK = Path(__file__).resolve().parents[2] / "deploy" / "healthcheck.py"
# One sample line of the text exposition format: name, optional labels, a number.
SAMPLE = re.compile(
    r'[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\]|\\.)*",?)*\})? '
    r"(-?[0-9.e+-]+|\+Inf|-Inf|NaN)"
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _application() -> BotApplication:
    application: BotApplication = (
        Application.builder()
        .token("123456:TEST-TOKEN")
        .context_types(CONTEXT_TYPES)
        .updater(None)
        .job_queue(None)
        .build()
    )
    return application


@asynccontextmanager
async def _served(app: Starlette) -> AsyncIterator[str]:
    """Serve ``app`` on a free loopback port; yields its root URL."""
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    task = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task


@pytest.fixture
async def scheduler() -> AsyncIterator[Scheduler]:
    ticking = Scheduler([], tick=60)
    yield ticking
    ticking.shutdown()


def _app(health: Health | None, metrics: Metrics | None = None) -> Starlette:
    application = _application()
    return build_http_app(
        application=application,
        dispatcher=Dispatcher(application),
        secret=SECRET,
        health=health,
        metrics=metrics,
    )


# /healthz -------------------------------------------------------------------------------


async def test_when_the_database_answers_and_the_scheduler_runs_then_healthz_is_200(
    database: Database, scheduler: Scheduler
) -> None:
    health = Health(database)
    scheduler.start()
    health.attach_scheduler(scheduler)
    async with _served(_app(health)) as root, httpx.AsyncClient() as client:
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
    async with _served(_app(health)) as root, httpx.AsyncClient() as client:
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
        async with _served(_app(health)) as root, httpx.AsyncClient() as client:
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
    async with _served(_app(health)) as root, httpx.AsyncClient() as client:
        response = await client.get(f"{root}/healthz")
    assert response.status_code == 503
    assert response.json() == {
        "ok": False,
        "database": True,
        "scheduler": False,
        "last_update_age_s": None,
    }


async def test_when_no_health_is_given_then_healthz_only_says_the_server_is_up() -> None:
    async with _served(_app(None)) as root, httpx.AsyncClient() as client:
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
    async with _served(_app(health)) as root:
        port = int(root.rsplit(":", 1)[1])
        status = await asyncio.to_thread(_healthcheck, port)
    assert status == 0


async def test_when_the_scheduler_is_stopped_then_the_container_check_fails(
    database: Database,
) -> None:
    health = Health(database)  # never attached: not running
    async with _served(_app(health)) as root:
        port = int(root.rsplit(":", 1)[1])
        status = await asyncio.to_thread(_healthcheck, port)
    assert status == 1


def test_when_nothing_listens_then_the_container_check_fails() -> None:
    assert _healthcheck(_free_port()) == 1


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
    async with _served(_app(health, metrics)) as root, httpx.AsyncClient() as client:
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


@pytest.mark.parametrize(
    ("headers", "body", "reason", "status"),
    [
        ({}, b"{}", "forbidden", 403),
        ({"X-Telegram-Bot-Api-Secret-Token": "wrong"}, b"{}", "forbidden", 403),
        ({"X-Telegram-Bot-Api-Secret-Token": SECRET}, b"{not json", "malformed update", 400),
        ({"X-Telegram-Bot-Api-Secret-Token": SECRET}, b" " * 1_000_001, "too large", 413),
    ],
)
async def test_when_telegram_webhook_calls_are_refused_then_they_are_counted_by_reason(
    headers: dict[str, str], body: bytes, reason: str, status: int
) -> None:
    metrics = Metrics()
    async with _served(_app(None, metrics)) as root, httpx.AsyncClient() as client:
        refused = await client.post(f"{root}/telegram/webhook", content=body, headers=headers)
        page = (await client.get(f"{root}/metrics")).text
    assert refused.status_code == status
    assert metrics.webhook_refusals.value(source="telegram", reason=reason) == 1
    assert f'councilbot_webhook_refusals_total{{source="telegram",reason="{reason}"}} 1' in page
