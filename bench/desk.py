"""Benchmark of the Clerk's desk: its API's latency on a record of 100,000 entries.

The desk's routes are served by the bot's HTTP server (``integrations.http``) on loopback,
over the real services and a SQLite database holding 100,000 record entries (ten senders,
six topics, a year; one person about in ~5%, as in the record benchmark), a register of
requests, a removal under review and leave. Each endpoint the screens call is asked in turn,
one request at a time, with init data signed as Telegram signs it (so every call is verified
and authorised): ``me``, ``today``, a record search by words, the subject-access search (a
person, by name and alias), an entry with its versions, requests, reviews, members and cover.
Reported per endpoint: p50, p99 and max; the target is p99 under 100 ms for every one.
Baseline: ``GET /app/`` (the page itself, no database) on the same server.
"""

from __future__ import annotations

import asyncio
import json
import math
import socket
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any, Final

import httpx
from pydantic import SecretStr

from bench.record import SUBJECT, SUBJECT_ALIAS, SUBJECT_ID, _append_batch
from chatbot.app import build_services, read_council
from chatbot.core.events import MessageEvent
from chatbot.cover.service import AbsenceKind
from chatbot.db.database import Database
from chatbot.desk.auth import sign_init_data
from chatbot.desk.routes import desk_routes
from chatbot.requests.service import RequestKind
from chatbot.settings import Settings
from integrations.http import build_app, serve
from policy_checks import PolicyEngine

ENTRIES: Final[int] = 100_000
QUICK_ENTRIES: Final[int] = 10_000
ROUNDS: Final[int] = 100
QUICK_ROUNDS: Final[int] = 20
BATCH: Final[int] = 2000
TOKEN: Final[str] = "123456:BENCH-TOKEN"  # noqa: S105 - a fake token for a loopback server
CLERK: Final[int] = 1001
TARGET_P99_MS: Final[float] = 100.0
STARTUP_TIMEOUT_S: Final[float] = 30.0
COUNCIL: Final[str] = f"""
[council]
name = "Benchmark Parish Council"
timezone = "Europe/London"

[[members]]
telegram_id = {CLERK}
name = "Jane Smith"
role = "clerk"

[[members]]
telegram_id = 1003
name = "Bob Jones"
role = "assistant_clerk"

[[members]]
telegram_id = {SUBJECT_ID}
name = "{SUBJECT}"
role = "councillor"
aliases = ["{SUBJECT_ALIAS}"]

[[chats]]
telegram_id = -100
title = "Councillors"
official = true
moderate = true
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _signed(user_id: int) -> str:
    fields = {
        "user": json.dumps({"id": user_id, "first_name": "Jane"}),
        "auth_date": str(int(datetime.now(UTC).timestamp())),
        "query_id": "bench",
    }
    return sign_init_data(fields, bot_token=TOKEN)


def _percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile: of 100 timings, p99 is the 99th smallest."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def _summary(seconds: list[float]) -> dict[str, float]:
    ms = [s * 1000 for s in seconds]
    return {
        "p50_ms": round(statistics.median(ms), 2),
        "p99_ms": round(_percentile(ms, 0.99), 2),
        "max_ms": round(max(ms), 2),
    }


def _paths(entry: int) -> dict[str, str]:
    return {
        "me": "/app/api/me",
        "today": "/app/api/today",
        "record search": "/app/api/record?q=allotment+rents",
        "subject-access search": f"/app/api/record?person={SUBJECT.replace(' ', '+')}",
        "entry and versions": f"/app/api/record/{entry}",
        "requests": "/app/api/requests",
        "reviews": "/app/api/reviews",
        "members": "/app/api/members",
        "cover": "/app/api/cover",
    }


async def _seed(folder: Path, entries: int, engine: PolicyEngine) -> tuple[Settings, Any]:
    council = folder / "council.toml"
    council.write_text(COUNCIL, encoding="utf-8")
    settings = Settings(
        telegram_bot_token=SecretStr(TOKEN),
        database_url=f"sqlite:///{folder / 'desk.db'}",
        council_config=council,
        http_port=_free_port(),
    )
    database = Database(settings.database_url)
    await asyncio.to_thread(database.upgrade)
    services = await asyncio.to_thread(
        build_services, settings, database, read_council(settings), engine
    )
    for start in range(0, entries, BATCH):
        batch = range(start, min(start + BATCH, entries))
        await database.run(partial(_append_batch, services.record, batch))
    for n in range(10):
        await services.requests.open(
            kind=RequestKind.FOI if n % 2 else RequestKind.SAR,
            requester=f"Requester {n}",
            subject=f"Subject {n}",
            opened_by=CLERK,
        )
    event = MessageEvent(
        chat_id=-100,
        chat_title="Councillors",
        message_id=10**9,
        sender_id=SUBJECT_ID,
        sender_name=SUBJECT,
        text="Email me at someone@gmail.com",
        date=datetime.now(UTC),
    )
    await services.moderation.review(event, await services.members.member(SUBJECT_ID))
    await services.reviews.request(chat_id=-100, message_id=10**9, sender_id=SUBJECT_ID)
    today = services.cover.today()
    await services.cover.record(
        member_id=CLERK,
        kind=AbsenceKind.LEAVE,
        starts_on=today + timedelta(days=7),
        ends_on=today + timedelta(days=14),
        recorded_by=CLERK,
    )
    return settings, services


async def _measure(entries: int, rounds: int) -> dict[str, Any]:
    engine = PolicyEngine()
    with tempfile.TemporaryDirectory(prefix="bench-desk-") as folder:
        settings, services = await _seed(Path(folder), entries, engine)
        stop = asyncio.Event()
        server = asyncio.create_task(
            serve(
                build_app(desk_routes(services)),
                host="127.0.0.1",
                port=settings.http_port,
                stop=stop,
            )
        )
        root = f"http://127.0.0.1:{settings.http_port}"
        headers = {"Authorization": f"tma {_signed(CLERK)}"}
        timings: dict[str, list[float]] = {}
        statuses: dict[str, set[int]] = {}
        try:
            async with httpx.AsyncClient(base_url=root, timeout=30) as client:
                deadline = time.monotonic() + STARTUP_TIMEOUT_S
                while True:
                    try:
                        await client.get("/app/")
                        break
                    except httpx.TransportError:
                        if time.monotonic() > deadline:
                            raise
                        await asyncio.sleep(0.05)
                paths = {"baseline: the page": "/app/", **_paths(entries // 2)}
                for _ in range(rounds):
                    for name, path in paths.items():
                        started = time.perf_counter()
                        response = await client.get(path, headers=headers)
                        timings.setdefault(name, []).append(time.perf_counter() - started)
                        statuses.setdefault(name, set()).add(response.status_code)
        finally:
            stop.set()
            await server
            services.record.database.dispose()
    summaries = {name: _summary(seconds) for name, seconds in timings.items()}
    worst = max(v["p99_ms"] for k, v in summaries.items() if not k.startswith("baseline"))
    endpoints = {
        name: {**summary, "statuses": sorted(statuses[name])} for name, summary in summaries.items()
    }
    return {
        "database": "sqlite",
        "entries": entries,
        "rounds": rounds,
        "endpoints": endpoints,
        "worst_p99_ms": worst,
        "met": worst < TARGET_P99_MS,
    }


def run_desk_benchmarks(*, quick: bool = False) -> dict[str, Any]:
    """Run the desk benchmark; the result is JSON-ready."""
    entries = QUICK_ENTRIES if quick else ENTRIES
    rounds = QUICK_ROUNDS if quick else ROUNDS
    result = asyncio.run(_measure(entries, rounds))
    return {**result, "targets": {"every endpoint's p99_ms": f"< {TARGET_P99_MS:g}"}}


def format_desk_results(results: dict[str, Any]) -> str:
    """A readable summary."""
    lines = [
        (
            f"The Clerk's desk (API over loopback HTTP, {results['entries']} record entries, "
            f"{results['rounds']} rounds, one request at a time)"
        )
    ]
    lines += [
        f"{name}: p50 {v['p50_ms']} ms, p99 {v['p99_ms']} ms, max {v['max_ms']} ms "
        f"(statuses {v['statuses']})"
        for name, v in results["endpoints"].items()
    ]
    lines.append(
        f"worst p99 {results['worst_p99_ms']} ms: target "
        f"{'met' if results['met'] else 'MISSED'}; targets: "
        + ", ".join(f"{k} {v}" for k, v in results["targets"].items())
    )
    return "\n".join(lines)
