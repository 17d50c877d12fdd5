"""Attack: adding the bot to twenty groups titled as a scam, to flood the Clerks with it.

Replayed through the real bot polling the fake Bot API, and through the application's
``process_update`` (so the hour can be moved on for the summary): each Clerk is told of the
first three groups, each title quoted as the group's own, cut short, with its phone number
hidden and nothing clickable; then one summary counts the rest.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from telegram import Update

from chatbot.app import build_application, build_services, read_council
from chatbot.core.budget import JOIN_ALERTS_PER_HOUR
from chatbot.db.database import Database
from chatbot.telegram.handlers.status import send_join_summary
from policy_checks import PolicyEngine
from testing.fakes.telegram import FakeTelegram
from tests.chatbot.e2e.conftest import RunningBot, make_settings, start_bot, stop_bot

CLERK, ASSISTANT = 8001, 8002
CLERKS = (CLERK, ASSISTANT)
GROUPS = 20
SCAM = "URGENT HMRC: \u202evisit hmrc-refund.co.uk or call 0300 200 3300 Clerk must act"
COUNCIL = f"""
[council]
name = "Alerts Test Parish Council"

[[members]]
telegram_id = {CLERK}
name = "Jane Smith"
role = "clerk"

[[members]]
telegram_id = {ASSISTANT}
name = "Bob Jones"
role = "assistant_clerk"
"""
REPORTED = "who is not a council officer, added me to a group"  # groups from Telegram (#15)
BOT_USER = {"id": 999, "is_bot": True, "first_name": "Councilbot"}


def _added(n: int) -> dict[str, Any]:
    """The update Telegram sends when someone adds the bot to their group number ``n``."""
    return {
        "my_chat_member": {
            "chat": {"id": -1009000000 - n, "type": "supergroup", "title": f"{SCAM} #{n}"},
            "from": {"id": 6666, "is_bot": False, "first_name": "Scammer"},
            "date": 0,
            "old_chat_member": {"status": "left", "user": BOT_USER},
            "new_chat_member": {"status": "member", "user": BOT_USER},
        }
    }


def _told(fake: FakeTelegram, user: int) -> list[str]:
    return [
        str(c.params.get("text", ""))
        for c in fake.calls_to("sendMessage")
        if str(c.params.get("chat_id")) == str(user)
    ]


def _assert_inert(alert: str) -> None:
    assert REPORTED in alert
    assert "Its own title, as whoever made it set it: “URGENT HMRC: visit hmrc-refund[.]co" in alert
    for clickable in ("0300", "200 3300", "hmrc-refund.co.uk", "\u202e"):
        assert clickable not in alert
    assert "call •••• ••• ••••" in alert
    title = alert.split("“", 1)[1].split("”", 1)[0]
    assert len(title) <= 70  # sixty characters, and the brackets of what was made inert


@pytest.fixture
async def bot(
    tmp_path: Path, fake_telegram: FakeTelegram, engine: PolicyEngine, database_url: str
) -> AsyncIterator[RunningBot]:
    settings = make_settings(tmp_path, fake_telegram, database_url)
    settings.council_config.write_text(COUNCIL, encoding="utf-8")
    running = await start_bot(settings, fake_telegram, engine)
    await fake_telegram.wait_for("getUpdates", timeout=10)
    yield running
    await stop_bot(running)


async def test_when_twenty_groups_add_the_bot_then_each_clerk_is_told_of_three(
    bot: RunningBot,
) -> None:
    fake = bot.fake
    for n in range(GROUPS):
        fake.push_update(_added(n))
    last = fake.push_update(fake.message_update(CLERK, CLERK, "/help", chat_type="private"))
    # Updates of different chats are handled concurrently: wait until /help (pushed last) is
    # answered and every getUpdates has moved past all of them, then a little longer.
    await fake.wait_for("sendMessage", lambda c: "You can:" in str(c.params.get("text", "")))
    await fake.wait_for("getUpdates", lambda c: int(c.params.get("offset", 0) or 0) > last)
    await asyncio.sleep(1.0)
    for clerk in CLERKS:
        alerts = [t for t in _told(fake, clerk) if REPORTED in t]
        assert len(alerts) == JOIN_ALERTS_PER_HOUR, alerts
        for alert in alerts:
            _assert_inert(alert)


async def test_when_the_hour_is_over_then_one_summary_counts_the_groups_not_told(
    tmp_path: Path, fake_telegram: FakeTelegram, engine: PolicyEngine, database_url: str
) -> None:
    settings = make_settings(tmp_path, fake_telegram, database_url)
    settings.council_config.write_text(COUNCIL, encoding="utf-8")
    database = Database(settings.database_url)
    database.upgrade()
    services = build_services(settings, database, read_council(settings), engine)
    application = build_application(settings, services)
    await application.initialize()
    try:
        for n in range(GROUPS):
            await application.process_update(
                Update.de_json({"update_id": n + 1, **_added(n)}, application.bot)
            )
        await send_join_summary(services, datetime.now(UTC) + timedelta(minutes=59))
        for clerk in CLERKS:
            assert len(_told(fake_telegram, clerk)) == JOIN_ALERTS_PER_HOUR
        await send_join_summary(services, datetime.now(UTC) + timedelta(hours=1, minutes=1))
        await send_join_summary(services, datetime.now(UTC) + timedelta(hours=2))  # told once
        for clerk in CLERKS:
            told = _told(fake_telegram, clerk)
            assert len(told) == JOIN_ALERTS_PER_HOUR + 1
            assert told[-1].startswith(f"{GROUPS - JOIN_ALERTS_PER_HOUR} more groups added me")
            assert "I moderate none of them." in told[-1]
    finally:
        await application.shutdown()
        if services.zoom_gateway is not None:
            await services.zoom_gateway.aclose()
        database.dispose()
