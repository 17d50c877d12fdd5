"""``councilbot run`` killed with SIGKILL mid-load and started again loses and doubles nothing.

The poller confirms a batch only after handling it, so the restarted bot gets the unconfirmed
batch again; record entries carry idempotency keys and moderation events are keyed by message
and version, so what the killed process already wrote is not written twice.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path

from bench.reliability import FAKE_BOT_TOKEN, lost, outcome, plan_load, write_council
from chatbot.council.engine import build_policy_engine
from chatbot.council.file import load_council_file
from testing.fakes.telegram import FakeTelegram

MESSAGES = 600
KILL_AFTER_CONFIRMED = 150  # updates confirmed by the first process before it is killed
START_TIMEOUT_S = 60.0
COUNCILBOT = Path(sys.executable).with_name("councilbot")


def _start(environment: dict[str, str], folder: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [str(COUNCILBOT), "run"],
        env=environment,
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _confirmed(fake: FakeTelegram) -> int:
    offsets = [int(str(c.params.get("offset") or 0)) for c in fake.calls_to("getUpdates")]
    return max(offsets, default=0) - 1


async def test_when_the_bot_is_killed_mid_load_and_restarted_then_no_entry_is_lost_or_doubled(
    tmp_path: Path, database_url: str
) -> None:
    council = write_council(tmp_path)
    engine = build_policy_engine(load_council_file(council), council)
    with FakeTelegram(FAKE_BOT_TOKEN) as fake:
        environment = {
            "PATH": os.environ.get("PATH", ""),
            "HOME": str(tmp_path),
            "TELEGRAM_BOT_TOKEN": FAKE_BOT_TOKEN,
            "TELEGRAM_API_BASE_URL": fake.base_url,
            "DATABASE_URL": database_url,
            "COUNCIL_CONFIG": str(council),
            "LOG_LEVEL": "WARNING",
        }
        plan = plan_load(fake, MESSAGES, engine)
        for update in plan.updates:
            last = fake.push_update(update)
        first = _start(environment, tmp_path)
        try:
            await fake.wait_for(
                "getUpdates",
                lambda c: int(str(c.params.get("offset") or 0)) > KILL_AFTER_CONFIRMED,
                timeout=START_TIMEOUT_S,
            )
        finally:
            first.send_signal(signal.SIGKILL)
            first.wait(timeout=10)
        killed_at = _confirmed(fake)
        at_kill = outcome(database_url, plan, fake)
        second = _start(environment, tmp_path)
        try:
            await fake.wait_for(
                "getUpdates",
                lambda c: int(str(c.params.get("offset") or 0)) > last,
                timeout=START_TIMEOUT_S * 3,
            )
        finally:
            second.send_signal(signal.SIGTERM)
            await asyncio.to_thread(second.wait, 30)
        result = outcome(database_url, plan, fake)
    assert first.returncode == -signal.SIGKILL
    assert killed_at < last  # killed with work left
    assert 0 < at_kill["record_lost"] < at_kill["record_expected"]  # mid-load, truly
    assert second.returncode == 0
    assert lost(result) == 0, result
