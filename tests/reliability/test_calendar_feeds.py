"""Attack: a secret calendar URL outlives its owner's right to see the cover calendar.

Through the real bot, the fake Bot API and real HTTP to ``GET /calendar/<token>.ics``: a monitor
and the Chair each make a calendar link; once the monitor is stood down, the Chair steps down
or a member is removed, their URL answers a bare 404, as an unknown one does.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from policy_checks import PolicyEngine
from testing.fakes.telegram import FakeTelegram
from tests.chatbot.e2e.conftest import RunningBot, free_port, make_settings, start_bot, stop_bot
from tests.chatbot.e2e.pressing import confirm

CLERK, CHAIR, VICE_CHAIR, MONITOR = 7001, 7002, 7003, 7004
REPLY_TIMEOUT_S = 10.0
URL = re.compile(r"(http://127\.0\.0\.1:\d+/calendar/[A-Za-z0-9_-]+\.ics)")
COUNCIL = f"""
[council]
name = "Feeds Test Parish Council"

[[members]]
telegram_id = {CLERK}
name = "Jane Smith"
role = "clerk"

[[members]]
telegram_id = {CHAIR}
name = "Peter Hughes"
role = "chair"

[[members]]
telegram_id = {VICE_CHAIR}
name = "Vic Chair"
role = "vice_chair"

[[members]]
telegram_id = {MONITOR}
name = "Sam Lee"
role = "councillor"
monitor = true
"""


@pytest.fixture
async def bot(
    tmp_path: Path, fake_telegram: FakeTelegram, engine: PolicyEngine, database_url: str
) -> AsyncIterator[RunningBot]:
    port = free_port()
    settings = make_settings(
        tmp_path,
        fake_telegram,
        database_url,
        http_port=port,
        public_url=f"http://127.0.0.1:{port}/",
    )
    settings.council_config.write_text(COUNCIL, encoding="utf-8")
    running = await start_bot(settings, fake_telegram, engine)
    await fake_telegram.wait_for("getUpdates", timeout=10)
    async with httpx.AsyncClient(timeout=10) as client:
        for _ in range(100):  # the HTTP server starts alongside the poller
            try:
                await client.get(f"http://127.0.0.1:{port}/healthz")
                break
            except httpx.TransportError:
                await asyncio.sleep(0.1)
    yield running
    await stop_bot(running)


async def _says(fake: FakeTelegram, user: int, text: str) -> str:
    """Send ``text`` privately as ``user``; the bot's next answer to them."""

    def answers() -> list[str]:
        return [
            str(c.params.get("text", ""))
            for c in fake.calls_to("sendMessage")
            if str(c.params.get("chat_id")) == str(user)
        ]

    before = len(answers())
    fake.push_update(fake.message_update(user, user, text, chat_type="private"))
    for _ in range(int(REPLY_TIMEOUT_S / 0.02)):
        if len(answers()) > before:
            return answers()[before]
        await asyncio.sleep(0.02)
    raise AssertionError(f"no answer to {text!r} from {user}")


async def _link(fake: FakeTelegram, user: int) -> str:
    match = URL.search(await _says(fake, user, "/cover link"))
    assert match is not None
    return match[1]


async def _status(url: str) -> int:
    async with httpx.AsyncClient(timeout=10) as client:
        return (await client.get(url)).status_code


async def test_when_a_monitor_is_stood_down_then_their_calendar_url_stops_answering(
    bot: RunningBot,
) -> None:
    url = await _link(bot.fake, MONITOR)
    assert await _status(url) == 200
    assert "is no longer a monitor" in await _says(bot.fake, CLERK, f"/monitor {MONITOR} off")
    assert await _status(url) == 404
    await _says(bot.fake, CLERK, f"/monitor {MONITOR} on")
    assert await _status(url) == 404  # nominated again: a new link is needed


async def test_when_the_chair_steps_down_then_their_calendar_url_stops_answering(
    bot: RunningBot,
) -> None:
    chair, vice = await _link(bot.fake, CHAIR), await _link(bot.fake, VICE_CHAIR)
    assert (await _status(chair), await _status(vice)) == (200, 200)
    await _says(bot.fake, CLERK, f"/role {CHAIR} councillor")
    await _says(bot.fake, CLERK, f"/role {VICE_CHAIR} chair")  # still an officer: kept
    assert (await _status(chair), await _status(vice)) == (404, 200)
    await _says(bot.fake, CLERK, f"/remove {VICE_CHAIR}")
    assert await confirm(bot.fake, CLERK) == "Vic Chair was removed."
    assert await _status(vice) == 404
