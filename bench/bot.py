"""Benchmark of the running bot against the loopback fake Bot API.

The real application polls the fake over HTTP, checks every message, stores strikes and
decisions, and deletes and explains breaches. Two runs:

* a burst: every message queued at once; messages per second from first push to the offset
  that confirms the last one (so check, storage and actions are all inside the time);
* a steady stream at a fixed rate: the time from an update being available to the bot's
  ``deleteMessage`` for it, per breach (p50, p99).

Needs a source checkout (the fake lives in ``tests/fakes``).
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from pathlib import Path
from typing import Any, Final

from pydantic import SecretStr

from chatbot.app import serve
from chatbot.settings import Settings
from policy_checks import PolicyEngine

FAKE_BOT_TOKEN: Final[str] = "123456:BENCH-TOKEN"  # noqa: S105 - the fake's, not a secret
CHATS: Final[tuple[int, ...]] = (-1001, -1002, -1003, -1004, -1005)
MEMBERS: Final[int] = 50
BREACH: Final[str] = "Her number is 07911 123456, call her about the bins"
CLEAN: Final[tuple[str, ...]] = (
    "Can we add the grass cutting to next month's agenda please?",
    "The street light on Mill Lane is out again, I've reported it.",
    "Thanks all, see you at the meeting on Tuesday at 19:30.",
    "Draft minutes attached for comments by Friday.",
)
BREACH_EVERY: Final[int] = 5
STEADY_RATE: Final[float] = 100.0


def _fake_class() -> Any:
    from testing.fakes.telegram import FakeTelegram  # noqa: PLC0415

    return FakeTelegram


def _council(folder: Path) -> Path:
    lines = ['[council]\nname = "Benchmark Parish Council"\n']
    lines += [
        f'[[members]]\ntelegram_id = {2000 + i}\nname = "Member {i}"\nrole = '
        f'"{"clerk" if i == 0 else "councillor"}"\n'
        for i in range(MEMBERS)
    ]
    lines += [f'[[chats]]\ntelegram_id = {chat}\ntitle = "Group {chat}"\n' for chat in CHATS]
    path = folder / "council.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _text(index: int) -> str:
    return BREACH if index % BREACH_EVERY == 0 else CLEAN[index % len(CLEAN)]


async def _run(messages: int, engine: PolicyEngine) -> dict[str, Any]:
    fake_class = _fake_class()
    with tempfile.TemporaryDirectory() as folder, fake_class(FAKE_BOT_TOKEN) as fake:
        settings = Settings(
            telegram_bot_token=SecretStr(FAKE_BOT_TOKEN),
            telegram_api_base_url=fake.base_url,
            database_url=f"sqlite:///{Path(folder) / 'bench.db'}",
            council_config=_council(Path(folder)),
        )
        stop = asyncio.Event()
        task = asyncio.create_task(serve(settings, stop=stop, engine=engine, poll_timeout=1))
        await fake.wait_for("getUpdates", timeout=30)
        try:
            burst = await _burst(fake, messages)
            steady = await _steady(fake, messages // 2)
        finally:
            stop.set()
            await asyncio.wait_for(task, timeout=30)
    return {"burst": burst, "steady": steady}


async def _burst(fake: Any, messages: int) -> dict[str, Any]:
    first_id = None
    started = time.monotonic()
    for index in range(messages):
        update = fake.message_update(
            CHATS[index % len(CHATS)], 2000 + index % MEMBERS, _text(index), message_id=index + 1
        )
        update_id = fake.push_update(update)
        first_id = first_id or update_id
    last_id = update_id
    confirm = await fake.wait_for(
        "getUpdates", lambda c: int(c.params.get("offset", 0) or 0) > last_id, timeout=300
    )
    elapsed = confirm.at - started
    deletes = len(
        [c for c in fake.calls_to("deleteMessage") if int(c.params["message_id"]) <= messages]
    )
    return {
        "messages": messages,
        "seconds": round(elapsed, 2),
        "messages_per_s": round(messages / elapsed, 1),
        "breaches_deleted": deletes,
        "breaches_sent": len(range(0, messages, BREACH_EVERY)),
    }


async def _steady(fake: Any, messages: int) -> dict[str, Any]:
    pushed: dict[tuple[int, int], float] = {}
    base = 1_000_000
    interval = 1.0 / STEADY_RATE
    started = time.monotonic()
    for index in range(messages):
        chat = CHATS[index % len(CHATS)]
        message_id = base + index
        if index % BREACH_EVERY == 0:
            pushed[(chat, message_id)] = time.monotonic()
        fake.push_update(
            fake.message_update(chat, 2000 + index % MEMBERS, _text(index), message_id=message_id)
        )
        await asyncio.sleep(max(0.0, started + (index + 1) * interval - time.monotonic()))
    deadline = time.monotonic() + 60
    latencies: list[float] = []
    while time.monotonic() < deadline:
        deleted = {
            (int(c.params["chat_id"]), int(c.params["message_id"])): c.at
            for c in fake.calls_to("deleteMessage")
        }
        latencies = [deleted[key] - at for key, at in pushed.items() if key in deleted]
        if len(latencies) == len(pushed):
            break
        await asyncio.sleep(0.05)
    latencies.sort()
    return {
        "messages": messages,
        "rate_per_s": STEADY_RATE,
        "breaches": len(pushed),
        "deleted": len(latencies),
        "p50_ms": round(latencies[len(latencies) // 2] * 1000, 1) if latencies else None,
        "p99_ms": round(latencies[int(len(latencies) * 0.99)] * 1000, 1) if latencies else None,
        "max_ms": round(latencies[-1] * 1000, 1) if latencies else None,
    }


def run_bot_benchmarks(
    *, quick: bool = False, engine: PolicyEngine | None = None
) -> dict[str, Any]:
    """Run the bot benchmarks; the result is JSON-ready."""
    messages = 400 if quick else 2000
    results = asyncio.run(_run(messages, engine or PolicyEngine()))
    results["targets"] = {"burst.messages_per_s": ">= 200", "steady.p99_ms": "<= 250"}
    return results


def format_bot_results(results: dict[str, Any]) -> str:
    """A readable summary."""
    burst, steady = results["burst"], results["steady"]
    return "\n".join(
        [
            "Bot against the fake Bot API (SQLite, 5 groups, 50 members, 1 in 5 a breach)",
            (
                f"burst: {burst['messages']} messages in {burst['seconds']} s = "
                f"{burst['messages_per_s']} messages/s; breaches deleted "
                f"{burst['breaches_deleted']}/{burst['breaches_sent']}"
            ),
            (
                f"steady {steady['rate_per_s']:.0f}/s: update to deleteMessage p50 "
                f"{steady['p50_ms']} ms, p99 {steady['p99_ms']} ms, max {steady['max_ms']} ms "
                f"({steady['deleted']}/{steady['breaches']} deleted)"
            ),
            "targets: " + ", ".join(f"{k} {v}" for k, v in results["targets"].items()),
        ]
    )
