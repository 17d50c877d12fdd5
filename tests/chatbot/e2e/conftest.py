"""The real bot against the loopback fake Bot API: council file, database, running ``serve``."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pydantic import SecretStr

from chatbot.app import serve
from chatbot.settings import Settings
from policy_checks import PolicyEngine
from testing.fakes.telegram import FakeTelegram

TOKEN = "123456:TEST-TOKEN"
GROUP = -1001234567890
OTHER_GROUP = -1005555555555
CLERK, CHAIR, COUNCILLOR, STRANGER = 1001, 1002, 1004, 5555
WEBHOOK_SECRET = "s3cret-webhook-token"

COUNCIL_TOML = f"""
[council]
name = "Barton-le-Clay Parish Council"
clerk_email = "theparishclerk@bartonleclay-pc.gov.uk"
website_domains = ["bartonleclay-pc.gov.uk", "gov.uk"]

[[members]]
telegram_id = {CLERK}
name = "Jane Smith"
role = "clerk"

[[members]]
telegram_id = {CHAIR}
name = "Peter Hughes"
role = "chair"

[[members]]
telegram_id = {COUNCILLOR}
name = "Helen Moss"
role = "councillor"

[[chats]]
telegram_id = {GROUP}
title = "Councillors"
official = true
moderate = true

[[chats]]
telegram_id = {OTHER_GROUP}
title = "Allotments working group"
official = false
moderate = true
"""


@dataclass
class RunningBot:
    """The fake Telegram server and the bot serving it."""

    fake: FakeTelegram
    settings: Settings
    stop: asyncio.Event
    task: asyncio.Task[None]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def make_settings(
    tmp_path: Path, fake: FakeTelegram, database_url: str, **overrides: object
) -> Settings:
    council = tmp_path / "council.toml"
    council.write_text(COUNCIL_TOML, encoding="utf-8")
    values: dict[str, object] = {
        "telegram_bot_token": SecretStr(TOKEN),
        "telegram_api_base_url": fake.base_url,
        "database_url": database_url,
        "council_config": council,
        "http_port": free_port(),
        **overrides,
    }
    return Settings(**values)  # type: ignore[arg-type]


async def start_bot(
    settings: Settings, fake: FakeTelegram, engine: PolicyEngine, *, tick: float = 60.0
) -> RunningBot:
    stop = asyncio.Event()
    task = asyncio.create_task(serve(settings, stop=stop, engine=engine, poll_timeout=1, tick=tick))
    await fake.wait_for("setMyCommands", timeout=20)
    return RunningBot(fake=fake, settings=settings, stop=stop, task=task)


async def stop_bot(bot: RunningBot) -> None:
    bot.stop.set()
    await asyncio.wait_for(bot.task, timeout=10)


@pytest.fixture
async def polling_bot(
    tmp_path: Path, fake_telegram: FakeTelegram, engine: PolicyEngine, database_url: str
) -> AsyncIterator[RunningBot]:
    settings = make_settings(tmp_path, fake_telegram, database_url)
    bot = await start_bot(settings, fake_telegram, engine)
    await fake_telegram.wait_for("getUpdates", timeout=10)
    yield bot
    await stop_bot(bot)


@pytest.fixture
async def webhook_bot(
    tmp_path: Path, fake_telegram: FakeTelegram, engine: PolicyEngine, database_url: str
) -> AsyncIterator[RunningBot]:
    settings = make_settings(
        tmp_path,
        fake_telegram,
        database_url,
        webhook_url="https://bot.example.org",
        telegram_webhook_secret=SecretStr(WEBHOOK_SECRET),
    )
    bot = await start_bot(settings, fake_telegram, engine)
    await fake_telegram.wait_for("setWebhook", timeout=10)
    yield bot
    await stop_bot(bot)
