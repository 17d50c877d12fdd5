"""Benchmarks of the Zoom side: webhook acknowledgements, and a saved chat file checked.

* Webhook: the real HTTP server (``integrations.http`` with the Zoom route and ``/healthz``) on
  loopback in its own process; signed ``meeting.chat_message_sent`` deliveries at a steady
  200 per second, each a new event; the time from sending one to its acknowledgement (p50,
  p99, max). Baseline: ``GET /healthz`` of the same server at the same rate.
* Chat file: 10,000 messages in Zoom's newer multi-line form (the evaluation set's messages,
  most of which breach the policy, so most of the report is written) read and checked in
  process, and
  ``councilbot zoom scan --json`` on it as a command (start-up included). Baseline:
  ``councilbot check --file --json`` on the same messages, one per line.
"""

from __future__ import annotations

import asyncio
import gc
import json
import multiprocessing
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Final

import httpx

from chatbot.zoom.report import check_messages
from integrations.zoom.chat_file import ChatMessage, format_chat_file, parse_chat_file
from integrations.zoom.webhook import WEBHOOK_PATH, sign
from policy_checks import PolicyEngine
from policy_checks.evaluation import load_eval_set

RATE_PER_S: Final[float] = 200.0
DELIVERIES: Final[int] = 2000
CHAT_MESSAGES: Final[int] = 10_000
MAX_MESSAGE_CHARS: Final[int] = 500
SENDERS: Final[tuple[str, ...]] = (
    "Jane Smith", "Peter Hughes", "Helen Moss", "Tom Griffiths", "Raj Patel", "Siân Ó Briain",
)  # fmt: skip
STARTUP_TIMEOUT_S: Final[float] = 30.0
_TARGETS: Final[dict[str, str]] = {"webhook_p99_ms": "<= 50", "chat_file_10k_s": "<= 5"}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _serve(port: int, secret: str) -> None:
    """The server process: the bot's HTTP server with the Zoom route, events counted only."""
    from chatbot.ops.http_routes import operations_routes  # noqa: PLC0415
    from chatbot.ops.metrics import Metrics  # noqa: PLC0415
    from integrations.http import build_app, serve  # noqa: PLC0415
    from integrations.zoom.webhook import ZoomWebhook  # noqa: PLC0415

    received: list[str] = []

    async def on_event(event: str, payload: dict[str, Any]) -> None:  # noqa: ARG001
        received.append(event)

    async def run() -> None:
        webhook = ZoomWebhook(secret, on_event)
        app = build_app([*webhook.routes, *operations_routes(None, Metrics())])
        await serve(app, host="127.0.0.1", port=port, stop=asyncio.Event())

    asyncio.run(run())


def _delivery(secret: str, n: int) -> tuple[bytes, dict[str, str]]:
    event = {
        "event": "meeting.chat_message_sent",
        "event_ts": int(time.time() * 1000) + n,
        "payload": {
            "account_id": "bench",
            "object": {
                "uuid": "4444AAAiAAAAAiAiAiiAii==",
                "id": 85746065432,
                "chat_message": {
                    "sender_name": "Helen Moss",
                    "recipient_type": "everyone",
                    "message_id": f"m-{n}",
                    "message_content": "See you all on Tuesday at 19:30.",
                },
            },
        },
    }
    body = json.dumps(event).encode()
    timestamp = str(int(time.time()))
    headers = {
        "content-type": "application/json",
        "x-zm-request-timestamp": timestamp,
        "x-zm-signature": sign(secret, timestamp, body),
    }
    return body, headers


async def _steady(base: str, secret: str, count: int, *, zoom: bool) -> dict[str, Any]:
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    interval = 1.0 / RATE_PER_S
    limits = httpx.Limits(max_connections=100, max_keepalive_connections=100)

    async with httpx.AsyncClient(limits=limits, timeout=10) as client:

        async def one(n: int) -> None:
            if zoom:
                body, headers = _delivery(secret, n)
                started = time.perf_counter()
                response = await client.post(base + WEBHOOK_PATH, content=body, headers=headers)
            else:
                started = time.perf_counter()
                response = await client.get(base + "/healthz")
            latencies.append(time.perf_counter() - started)
            statuses[response.status_code] = statuses.get(response.status_code, 0) + 1

        tasks = []
        began = time.perf_counter()
        for n in range(count):
            tasks.append(asyncio.create_task(one(n)))
            await asyncio.sleep(max(0.0, began + (n + 1) * interval - time.perf_counter()))
        await asyncio.gather(*tasks)
        seconds = time.perf_counter() - began
    latencies.sort()
    return {
        "requests": count,
        "achieved_per_s": round(count / seconds, 1),
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
        "p50_ms": round(latencies[len(latencies) // 2] * 1000, 2),
        "p99_ms": round(latencies[int(len(latencies) * 0.99)] * 1000, 2),
        "max_ms": round(latencies[-1] * 1000, 2),
    }


async def _wait_ready(base: str) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    async with httpx.AsyncClient() as client:
        while True:
            try:
                if (await client.get(base + "/healthz")).status_code == 200:
                    return
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise
            await asyncio.sleep(0.1)


def _webhook(deliveries: int) -> dict[str, Any]:
    secret = secrets.token_urlsafe(24)
    port = _free_port()
    process = multiprocessing.get_context("spawn").Process(
        target=_serve, args=(port, secret), daemon=True
    )
    process.start()
    base = f"http://127.0.0.1:{port}"
    # The client's own garbage collection is not the server's latency: this process holds the
    # whole CLI's imports, and a full collection of them took 70-85 ms, the slowest
    # "acknowledgements" measured. Frozen, they are not collected while it measures.
    gc.collect()
    gc.freeze()
    try:
        asyncio.run(_wait_ready(base))
        # A short warm-up of both routes, then the baseline and the webhook at the same rate.
        asyncio.run(_steady(base, secret, 50, zoom=True))
        healthz = asyncio.run(_steady(base, secret, deliveries, zoom=False))
        zoom = asyncio.run(_steady(base, secret, deliveries, zoom=True))
    finally:
        gc.unfreeze()
        process.terminate()
        process.join(10)
    return {
        "rate_per_s": RATE_PER_S,
        "webhook": zoom,
        "baseline_healthz": healthz,
        "p99_ratio": round(zoom["p99_ms"] / healthz["p99_ms"], 2) if healthz["p99_ms"] else None,
    }


def _chat_messages(count: int) -> list[ChatMessage]:
    texts = [item.text for item in load_eval_set() if len(item.text) <= MAX_MESSAGE_CHARS]
    return [
        ChatMessage(
            line=0,
            time=f"{19 + n // 3600:02d}:{n // 60 % 60:02d}:{n % 60:02d}",
            sender=SENDERS[n % len(SENDERS)],
            recipient="Everyone",
            text=texts[n % len(texts)],
            direct=False,
            reply_to=None,
        )
        for n in range(count)
    ]


def _command(args: list[str], folder: Path) -> float:
    environment = {k: v for k, v in os.environ.items() if k != "COUNCIL_CONFIG"}
    started = time.perf_counter()
    subprocess.run(  # noqa: S603 - our own command, fixed arguments
        [sys.executable, "-m", "chatbot.cli.main", *args],
        cwd=folder,
        env=environment,
        stdout=subprocess.DEVNULL,
        check=True,
    )
    return time.perf_counter() - started


def _chat_file(count: int) -> dict[str, Any]:
    messages = _chat_messages(count)
    text = format_chat_file(messages)
    engine = PolicyEngine()
    started = time.perf_counter()
    parsed = parse_chat_file(text)
    parsed_at = time.perf_counter()
    report = check_messages(engine, parsed.messages)
    checked_at = time.perf_counter()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        chat = folder / "meeting_saved_chat.txt"
        chat.write_text(text, encoding="utf-8")
        lines = folder / "lines.txt"
        lines.write_text("".join(m.text + "\n" for m in messages), encoding="utf-8")
        scan_s = _command(["zoom", "scan", "--json", str(chat)], folder)
        check_s = _command(["check", "--file", str(lines), "--json"], folder)
    return {
        "messages": len(parsed.messages),
        "breaches": len(report.breaches),
        "bytes": len(text.encode()),
        "parse_s": round(parsed_at - started, 3),
        "check_s": round(checked_at - parsed_at, 3),
        "in_process_s": round(checked_at - started, 3),
        "zoom_scan_command_s": round(scan_s, 2),
        "baseline_check_file_command_s": round(check_s, 2),
        "command_ratio": round(scan_s / check_s, 2),
    }


def run_zoom_benchmarks(*, quick: bool = False) -> dict[str, Any]:
    """Run the Zoom benchmarks; the result is JSON-ready."""
    return {
        "webhook": _webhook(400 if quick else DELIVERIES),
        "chat_file": _chat_file(2000 if quick else CHAT_MESSAGES),
        "targets": _TARGETS,
    }


def format_zoom_results(results: dict[str, Any]) -> str:
    """A readable summary."""
    hook, chat = results["webhook"], results["chat_file"]
    zoom, base = hook["webhook"], hook["baseline_healthz"]
    return "\n".join(
        [
            "Zoom (webhook acknowledgements over loopback HTTP; a saved chat file checked)",
            (
                f"webhook at {hook['rate_per_s']:.0f}/s ({zoom['requests']} signed deliveries, "
                f"{zoom['achieved_per_s']}/s achieved, statuses {zoom['statuses']}): p50 "
                f"{zoom['p50_ms']} ms, p99 {zoom['p99_ms']} ms, max {zoom['max_ms']} ms; "
                f"/healthz at the same rate: p50 {base['p50_ms']} ms, p99 {base['p99_ms']} ms "
                f"({hook['p99_ratio']}x)"
            ),
            (
                f"chat file of {chat['messages']} messages ({chat['bytes']} bytes, "
                f"{chat['breaches']} breaching): parsed in {chat['parse_s']} s, checked in "
                f"{chat['check_s']} s ({chat['in_process_s']} s in all); `zoom scan` command "
                f"{chat['zoom_scan_command_s']} s against `check --file` on the same lines "
                f"{chat['baseline_check_file_command_s']} s ({chat['command_ratio']}x)"
            ),
            "targets: " + ", ".join(f"{k} {v}" for k, v in results["targets"].items()),
        ]
    )
