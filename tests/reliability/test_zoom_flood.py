"""A flood of forged Zoom webhooks: every one refused (401), none processed, the real ones served.

The running bot (polling, with its HTTP server for Zoom) gets forged deliveries of breaching
live chat messages for an enabled meeting, from many concurrent clients, with correctly signed
ones mixed in. Only the signed ones lead to anything: a Zoom DELETE and an alert each.
"""

from __future__ import annotations

import asyncio
import json
import time

import httpx

from testing.fakes.zoom import WEBHOOK_SECRET, chat_message_event, sign
from tests.chatbot.e2e.test_zoom import MEETING, UUID, ZoomBot, _command, zoom_bot

__all__ = ["zoom_bot"]

FORGED = 1200
VALID = 20
CONCURRENCY = 24
STALE_S = 3600


def _forged(index: int) -> tuple[bytes, dict[str, str]]:
    event = chat_message_event(
        meeting_id=MEETING, uuid=UUID, text="call 07911 123456", message_id=f"forged-{index}"
    )
    body = json.dumps(event).encode()
    now = str(int(time.time()))
    kind = index % 4
    if kind == 0:  # signed with the wrong secret
        headers = {"x-zm-request-timestamp": now, "x-zm-signature": sign("guess", body, now)}
    elif kind == 1:  # a signature that is not even hex
        headers = {"x-zm-request-timestamp": now, "x-zm-signature": "v0=" + "z" * 64}
    elif kind == 2:  # unsigned
        headers = {}
    else:  # correctly signed, but an hour old (a replay)
        old = str(int(time.time()) - STALE_S)
        headers = {"x-zm-request-timestamp": old, "x-zm-signature": sign(WEBHOOK_SECRET, body, old)}
    return body, {"Content-Type": "application/json", **headers}


async def test_when_forged_webhooks_flood_in_then_all_are_refused_and_valid_ones_still_served(
    zoom_bot: ZoomBot,
) -> None:
    await _command(zoom_bot, 1004, f"/zoom enable {MEETING}", "Checking the chat")
    statuses: list[int] = []
    valid_latency: list[float] = []
    queue: asyncio.Queue[int] = asyncio.Queue()
    for index in range(FORGED):
        queue.put_nowait(index)

    async def forger(client: httpx.AsyncClient) -> None:
        while not queue.empty():
            body, headers = _forged(queue.get_nowait())
            response = await client.post(zoom_bot.webhook_url, content=body, headers=headers)
            statuses.append(response.status_code)

    async def zoom_itself() -> None:
        for index in range(VALID):
            event = chat_message_event(
                meeting_id=MEETING, uuid=UUID, text="call 07911 123456", message_id=f"real-{index}"
            )
            sent = time.monotonic()
            response = await zoom_bot.zoom.deliver_webhook(zoom_bot.webhook_url, event)
            valid_latency.append(time.monotonic() - sent)
            assert response.status_code == 200
            await asyncio.sleep(0.05)

    limits = httpx.Limits(max_connections=CONCURRENCY)
    async with httpx.AsyncClient(limits=limits, timeout=30) as client:
        await asyncio.gather(zoom_itself(), *(forger(client) for _ in range(CONCURRENCY)))
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        deletes = [c for c in zoom_bot.zoom.calls if c.method == "DELETE"]
        if len(deletes) >= VALID:
            break
        await asyncio.sleep(0.1)
    await asyncio.sleep(0.5)  # anything forged that slipped through would show by now
    deleted = {c.path.rsplit("/", 1)[-1] for c in zoom_bot.zoom.calls if c.method == "DELETE"}
    assert statuses.count(401) == FORGED
    assert deleted == {f"real-{i}" for i in range(VALID)}
    assert max(valid_latency) < 2.0
