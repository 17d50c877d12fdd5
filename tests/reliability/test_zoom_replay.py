"""A signed Zoom delivery replayed after the bot restarts is dropped, not alerted twice.

The running bot (polling, with its HTTP server for Zoom) takes a breaching live chat message:
one Zoom DELETE, one alert. It is stopped and started again on the same database; the very
same delivery (same body, same signed timestamp, well within Zoom's five minutes) comes again.
"""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path

import httpx
from pydantic import SecretStr

from policy_checks import PolicyEngine
from testing.fakes.telegram import FakeTelegram
from testing.fakes.zoom import (
    ACCOUNT_ID,
    CLIENT_ID,
    CLIENT_SECRET,
    WEBHOOK_SECRET,
    FakeZoom,
    chat_message_event,
    sign,
)
from tests.chatbot.e2e.conftest import COUNCILLOR, make_settings, start_bot, stop_bot
from tests.chatbot.e2e.test_zoom import COUNCIL, MEETING, UUID, _to, _wait_until_up

SETTLE_S = 1.0


async def test_when_a_delivery_is_replayed_after_a_restart_then_it_is_dropped(
    tmp_path: Path,
    fake_telegram: FakeTelegram,
    fake_zoom: FakeZoom,
    engine: PolicyEngine,
    database_url: str,
) -> None:
    fake_zoom.add_meeting(
        MEETING, host_id="h-helen", host_email="helen.moss@example.org", uuid=UUID
    )
    settings = make_settings(
        tmp_path,
        fake_telegram,
        database_url,
        zoom_account_id=ACCOUNT_ID,
        zoom_client_id=CLIENT_ID,
        zoom_client_secret=SecretStr(CLIENT_SECRET),
        zoom_webhook_secret_token=SecretStr(WEBHOOK_SECRET),
        zoom_api_base_url=fake_zoom.api_base_url,
        zoom_oauth_url=fake_zoom.oauth_url,
    )
    settings.council_config.write_text(COUNCIL, encoding="utf-8")
    root = f"http://127.0.0.1:{settings.http_port}"
    body = json.dumps(
        chat_message_event(
            meeting_id=MEETING, uuid=UUID, text="ring her on 07911 123456", message_id="m-9"
        )
    ).encode()
    stamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json",
        "x-zm-request-timestamp": stamp,
        "x-zm-signature": sign(WEBHOOK_SECRET, body, stamp),
    }

    bot = await start_bot(settings, fake_telegram, engine)
    try:
        await _wait_until_up(f"{root}/healthz")
        fake_telegram.push_update(
            fake_telegram.message_update(
                COUNCILLOR, COUNCILLOR, f"/zoom enable {MEETING}", chat_type="private"
            )
        )
        await fake_telegram.wait_for("sendMessage", _to(COUNCILLOR, "Checking the chat"))
        async with httpx.AsyncClient() as client:
            first = await client.post(f"{root}/zoom/webhook", content=body, headers=headers)
        await fake_zoom.wait_for(lambda c: c.method == "DELETE")
        await fake_telegram.wait_for("sendMessage", _to(COUNCILLOR, "breaks the council's policy"))
    finally:
        await stop_bot(bot)

    bot = await start_bot(settings, fake_telegram, engine)
    try:
        await _wait_until_up(f"{root}/healthz")
        async with httpx.AsyncClient() as client:
            replay = await client.post(f"{root}/zoom/webhook", content=body, headers=headers)
        await asyncio.sleep(SETTLE_S)  # a second alert or DELETE would have come by now
    finally:
        await stop_bot(bot)

    assert (first.status_code, replay.status_code) == (200, 200)
    assert replay.json().get("duplicate") is True
    assert len([c for c in fake_zoom.calls if c.method == "DELETE"]) == 1
    alerts = [
        c
        for c in fake_telegram.calls_to("sendMessage")
        if _to(COUNCILLOR, "breaks the council's policy")(c)
    ]
    assert len(alerts) == 1
