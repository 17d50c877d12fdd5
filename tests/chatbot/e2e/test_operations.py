"""Operations end to end: ``/healthz``, ``/metrics`` and ``/status`` of the running bot."""

from __future__ import annotations

import asyncio
import re
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
import pytest

from chatbot.core.dates import shown_day
from chatbot.ops.health import version
from policy_checks import PolicyEngine
from testing.fakes.telegram import FakeTelegram
from tests.chatbot.e2e.conftest import (
    CLERK,
    COUNCILLOR,
    GROUP,
    RunningBot,
    make_settings,
    start_bot,
    stop_bot,
)
from tests.chatbot.e2e.conftest import (
    WEBHOOK_SECRET as SECRET,
)


def _root(bot: RunningBot) -> str:
    return f"http://127.0.0.1:{bot.settings.http_port}"


async def _deliver(bot: RunningBot, text: str, *, message_id: int) -> None:
    update = bot.fake.message_update(GROUP, COUNCILLOR, text, message_id=message_id)
    status = await bot.fake.deliver_to_webhook(
        f"{_root(bot)}/telegram/webhook", update, secret_token=SECRET
    )
    assert status == 200


async def test_when_the_bot_runs_then_healthz_reports_database_scheduler_and_last_update(
    webhook_bot: RunningBot,
) -> None:
    async with httpx.AsyncClient() as client:
        before = (await client.get(f"{_root(webhook_bot)}/healthz")).json()
        await _deliver(webhook_bot, "The allotment meeting is on Tuesday", message_id=3)
        response = await client.get(f"{_root(webhook_bot)}/healthz")
    assert before["last_update_age_s"] is None
    assert response.status_code == 200
    body = response.json()
    assert (body["ok"], body["database"], body["scheduler"]) == (True, True, True)
    assert 0 <= body["last_update_age_s"] < 30


async def test_when_a_breach_is_moderated_then_metrics_count_the_check_finding_and_deletion(
    webhook_bot: RunningBot,
) -> None:
    await _deliver(webhook_bot, "call me on 07911 123456", message_id=5)
    await webhook_bot.fake.wait_for("deleteMessage")
    await _deliver(webhook_bot, "The allotment meeting is on Tuesday", message_id=6)
    async with httpx.AsyncClient() as client:
        page = (await client.get(f"{_root(webhook_bot)}/metrics")).text
        await client.post(f"{_root(webhook_bot)}/telegram/webhook", content=b"{}")
        after = (await client.get(f"{_root(webhook_bot)}/metrics")).text
    assert "councilbot_messages_checked_total 2" in page
    assert 'councilbot_findings_total{rule="personal_data"} 1' in page
    assert 'councilbot_actions_total{action="deleted"} 1' in page
    assert "councilbot_check_seconds_count 2" in page
    assert "councilbot_updates_total 2" in page
    assert 'councilbot_webhook_refusals_total{source="telegram",reason="forbidden"} 1' in after
    for secret in (SECRET, "07911", "TEST-TOKEN"):
        assert secret not in after


async def test_when_a_bot_api_call_fails_then_metrics_count_it_by_type(
    webhook_bot: RunningBot,
) -> None:
    webhook_bot.fake.fail_next("deleteMessage", 403, "Forbidden: bot is not a member")
    await _deliver(webhook_bot, "call me on 07911 123456", message_id=8)
    # The delete failed, so nobody is told the post was removed: the Clerk is asked to.
    await webhook_bot.fake.wait_for(
        "sendMessage", lambda c: "could not remove" in str(c.params["text"])
    )
    async with httpx.AsyncClient() as client:
        page = (await client.get(f"{_root(webhook_bot)}/metrics")).text
    assert 'councilbot_bot_api_errors_total{type="Forbidden"} 1' in page
    assert 'councilbot_actions_total{action="deleted"}' not in page


async def test_when_the_clerk_asks_for_status_then_version_uptime_digest_and_cover_are_shown(
    polling_bot: RunningBot,
) -> None:
    fake = polling_bot.fake
    fake.push_update(fake.message_update(CLERK, CLERK, "/status", chat_type="private"))
    call = await fake.wait_for(
        "sendMessage", lambda c: str(c.params.get("text", "")).startswith("councilbot ")
    )
    lines = str(call.params["text"]).splitlines()
    assert re.fullmatch(rf"councilbot {re.escape(version())}, up \d+ min\.", lines[0])
    assert lines[1] == "Last digest: none delivered yet."
    assert lines[2] == "Next cover change: none in the next 60 days."
    assert any(line.startswith(("✓ Councillors", "✗ Councillors")) for line in lines[3:])


async def test_when_the_bot_is_stopped_then_its_http_server_stops_too(
    webhook_bot: RunningBot,
) -> None:
    await stop_bot(webhook_bot)
    await asyncio.sleep(0)
    async with httpx.AsyncClient() as client:
        with pytest.raises(httpx.TransportError):
            await client.get(f"{_root(webhook_bot)}/healthz")


async def test_when_the_clerk_has_leave_ahead_then_status_names_the_next_cover_change(
    polling_bot: RunningBot,
) -> None:
    fake = polling_bot.fake
    tomorrow = datetime.now(ZoneInfo("Europe/London")).date() + timedelta(days=1)
    fake.push_update(fake.message_update(CLERK, CLERK, "/leave add tomorrow", chat_type="private"))
    await fake.wait_for("sendMessage", lambda c: "recorded" in str(c.params.get("text", "")))
    fake.push_update(fake.message_update(CLERK, CLERK, "/status", chat_type="private"))
    call = await fake.wait_for(
        "sendMessage", lambda c: str(c.params.get("text", "")).startswith("councilbot ")
    )
    line = str(call.params["text"]).splitlines()[2]
    assert line.startswith(f"Next cover change: from {shown_day(tomorrow)}, nobody is on duty")


async def test_when_polling_with_the_http_server_always_on_then_healthz_answers(
    tmp_path: Path, fake_telegram: FakeTelegram, engine: PolicyEngine, database_url: str
) -> None:
    settings = make_settings(tmp_path, fake_telegram, database_url, http_server="always")
    bot = await start_bot(settings, fake_telegram, engine)
    try:
        await fake_telegram.wait_for("getUpdates", timeout=10)
        async with httpx.AsyncClient(timeout=5) as client:
            for _ in range(50):  # the server starts beside the poller
                try:
                    response = await client.get(f"{_root(bot)}/healthz")
                    break
                except httpx.ConnectError:
                    await asyncio.sleep(0.1)
            else:
                pytest.fail("the HTTP server never answered")
        assert response.status_code == 200
        assert response.json()["database"] is True
    finally:
        await stop_bot(bot)


async def test_when_an_inline_answer_is_refused_then_the_outbox_counts_it_and_the_next_is_answered(
    webhook_bot: RunningBot,
) -> None:
    """Inline answers go through the outbox like every other action: counted, never raised."""
    fake = webhook_bot.fake
    fake.fail_next("answerInlineQuery", 400, "Bad Request: query is too old")
    for query in ("ring me on 07911 123456", "The allotment meeting is on Tuesday"):
        status = await fake.deliver_to_webhook(
            f"{_root(webhook_bot)}/telegram/webhook",
            fake.inline_update(COUNCILLOR, query),
            secret_token=SECRET,
        )
        assert status == 200
    await fake.wait_for("answerInlineQuery", lambda c: "allotment" in str(c.params["results"]))
    async with httpx.AsyncClient() as client:
        page = (await client.get(f"{_root(webhook_bot)}/metrics")).text
    assert 'councilbot_actions_total{action="answered_inline_failed"} 1' in page
    assert 'councilbot_actions_total{action="answered_inline"} 1' in page
