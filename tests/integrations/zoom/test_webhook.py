"""Zoom's webhook over real HTTP: the app served by uvicorn on loopback, deliveries signed."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import socket
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
import uvicorn
from starlette.applications import Starlette

from integrations.zoom.webhook import MAX_BODY_BYTES, RecentDeliveries, ZoomWebhook, sign

SECRET = "zoom-webhook-secret-for-tests"
CHAT_EVENT: dict[str, Any] = {
    "event": "meeting.chat_message_sent",
    "event_ts": 1764590000000,
    "payload": {
        "account_id": "acc",
        "object": {
            "uuid": "4444AAAiAAAAAiAiAiiAii==",
            "id": 85746065432,
            "chat_message": {
                "sender_name": "Helen Moss",
                "recipient_type": "everyone",
                "message_id": "m-1",
                "message_content": "hello",
            },
        },
    },
}


@dataclass
class Served:
    """The webhook served on loopback, and every event it handed on."""

    url: str
    webhook: ZoomWebhook
    events: list[tuple[str, dict[str, Any]]] = field(default_factory=list)

    async def settle(self) -> None:
        await self.webhook.drain(timeout=5)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
async def served() -> AsyncIterator[Served]:
    events: list[tuple[str, dict[str, Any]]] = []

    async def on_event(event: str, payload: dict[str, Any]) -> None:
        events.append((event, payload))

    webhook = ZoomWebhook(SECRET, on_event)
    port = _free_port()
    config = uvicorn.Config(
        Starlette(routes=webhook.routes), host="127.0.0.1", port=port, log_level="warning"
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.01)
    yield Served(f"http://127.0.0.1:{port}/zoom/webhook", webhook, events)
    server.should_exit = True
    await task


def _signed(body: bytes, *, at: float | None = None, secret: str = SECRET) -> dict[str, str]:
    timestamp = str(int(time.time() if at is None else at))
    return {
        "x-zm-request-timestamp": timestamp,
        "x-zm-signature": sign(secret, timestamp, body),
        "content-type": "application/json",
    }


async def _post(url: str, body: bytes, headers: dict[str, str]) -> httpx.Response:
    async with httpx.AsyncClient() as client:
        return await client.post(url, content=body, headers=headers)


def test_when_signing_then_it_is_zooms_documented_hmac() -> None:
    expected = hmac.new(b"s", b"v0:123:{}", hashlib.sha256).hexdigest()

    assert sign("s", "123", b"{}") == f"v0={expected}"


async def test_when_zoom_validates_the_url_then_the_token_is_answered_with_its_hmac(
    served: Served,
) -> None:
    body = json.dumps(
        {"event": "endpoint.url_validation", "payload": {"plainToken": "qgg8vlvZRS6UYooatFL8Aw"}}
    ).encode()

    response = await _post(served.url, body, _signed(body))

    assert response.status_code == 200
    assert response.json() == {
        "plainToken": "qgg8vlvZRS6UYooatFL8Aw",
        "encryptedToken": hmac.new(
            SECRET.encode(), b"qgg8vlvZRS6UYooatFL8Aw", hashlib.sha256
        ).hexdigest(),
    }
    await served.settle()
    assert served.events == []


async def test_when_a_url_validation_is_not_signed_then_it_is_refused(served: Served) -> None:
    body = json.dumps({"event": "endpoint.url_validation", "payload": {"plainToken": "x"}})

    response = await _post(served.url, body.encode(), {"content-type": "application/json"})

    assert response.status_code == 401
    assert "encryptedToken" not in response.text


async def test_when_a_signed_event_arrives_then_it_is_acknowledged_and_reaches_on_event(
    served: Served,
) -> None:
    body = json.dumps(CHAT_EVENT).encode()

    response = await _post(served.url, body, _signed(body))
    await served.settle()

    assert response.status_code == 200
    assert served.events == [("meeting.chat_message_sent", CHAT_EVENT["payload"])]


async def test_when_the_signature_is_forged_then_401_and_nothing_is_processed(
    served: Served,
) -> None:
    body = json.dumps(CHAT_EVENT).encode()

    forged = await _post(served.url, body, _signed(body, secret="not-the-secret"))
    tampered = await _post(served.url, body.replace(b"hello", b"HELLO"), _signed(body))
    await served.settle()

    assert (forged.status_code, tampered.status_code) == (401, 401)
    assert served.events == []


async def test_when_the_timestamp_is_stale_then_401_and_nothing_is_processed(
    served: Served,
) -> None:
    body = json.dumps(CHAT_EVENT).encode()

    old = await _post(served.url, body, _signed(body, at=time.time() - 301))
    future = await _post(served.url, body, _signed(body, at=time.time() + 400))
    await served.settle()

    assert (old.status_code, future.status_code) == (401, 401)
    assert served.events == []


async def test_when_the_body_is_not_json_then_400_and_nothing_is_processed(
    served: Served,
) -> None:
    statuses = []
    for body in (b"{not json", b"[1, 2]", b'{"payload": {}}', b'{"event": "x", "payload": 1}'):
        statuses.append((await _post(served.url, body, _signed(body))).status_code)
    await served.settle()

    assert statuses == [400, 400, 400, 400]
    assert served.events == []


async def test_when_the_event_is_unknown_then_200_and_it_is_ignored(served: Served) -> None:
    body = json.dumps({"event": "meeting.participant_joined", "payload": {}}).encode()

    response = await _post(served.url, body, _signed(body))
    await served.settle()

    assert response.status_code == 200
    assert response.json()["ignored"] is True
    assert served.events == []


async def test_when_the_body_is_too_large_then_413_and_nothing_is_processed(
    served: Served,
) -> None:
    event = {**CHAT_EVENT, "padding": "x" * MAX_BODY_BYTES}
    body = json.dumps(event).encode()

    declared = await _post(served.url, body, _signed(body))

    async def chunks() -> AsyncIterator[bytes]:
        for start in range(0, len(body), 65536):
            yield body[start : start + 65536]

    async with httpx.AsyncClient() as client:
        streamed = await client.post(served.url, content=chunks(), headers=_signed(body))
    await served.settle()

    assert "content-length" not in streamed.request.headers
    assert (declared.status_code, streamed.status_code) == (413, 413)
    assert served.events == []


async def test_when_a_delivery_is_repeated_then_it_is_processed_once(served: Served) -> None:
    body = json.dumps(CHAT_EVENT).encode()

    first = await _post(served.url, body, _signed(body))
    again = await _post(served.url, body, _signed(body, at=time.time() + 1))
    await served.settle()

    assert (first.status_code, again.status_code) == (200, 200)
    assert again.json()["duplicate"] is True
    assert len(served.events) == 1


async def test_when_the_method_is_not_post_then_405(served: Served) -> None:
    async with httpx.AsyncClient() as client:
        response = await client.get(served.url)

    assert response.status_code == 405


async def test_when_on_event_fails_then_later_events_still_arrive() -> None:
    seen: list[str] = []

    async def on_event(event: str, payload: dict[str, Any]) -> None:
        seen.append(event)
        if payload.get("fail"):
            raise RuntimeError

    webhook = ZoomWebhook(SECRET, on_event)
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(Starlette(routes=webhook.routes), host="127.0.0.1", port=port)
    )
    task = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.01)
    url = f"http://127.0.0.1:{port}/zoom/webhook"
    try:
        bad = json.dumps({"event": "meeting.started", "payload": {"fail": True}}).encode()
        good = json.dumps({"event": "meeting.ended", "payload": {}}).encode()
        statuses = [(await _post(url, b, _signed(b))).status_code for b in (bad, good)]
        await webhook.drain(timeout=5)
    finally:
        server.should_exit = True
        await task

    assert statuses == [200, 200]
    assert seen == ["meeting.started", "meeting.ended"]
    assert webhook.pending == 0


def test_when_there_is_no_secret_then_the_webhook_cannot_be_built() -> None:
    async def on_event(event: str, payload: dict[str, Any]) -> None:
        return None

    with pytest.raises(ValueError, match="ZOOM_WEBHOOK_SECRET_TOKEN"):
        ZoomWebhook("", on_event)


# malformed input: refused, never a 500 ------------------------------------------------------

NESTING = 100_000  # far deeper than the JSON parser's recursion limit


async def test_when_the_json_is_nested_too_deeply_then_400_and_nothing_is_processed(
    served: Served,
) -> None:
    body = b'{"event": "meeting.started", "payload": ' + b"[" * NESTING + b"]" * NESTING + b"}"

    response = await _post(served.url, body, _signed(body))
    await served.settle()

    assert response.status_code == 400
    assert served.events == []


async def test_when_a_signed_timestamp_has_superscript_digits_then_it_is_refused_not_500(
    served: Served,
) -> None:
    body = json.dumps(CHAT_EVENT).encode()
    stamp = "¹²³"  # str.isdigit() says yes, int() says no
    headers = {
        b"x-zm-request-timestamp": stamp.encode("latin-1"),
        b"x-zm-signature": sign(SECRET, stamp, body).encode(),
        b"content-type": b"application/json",
    }

    async with httpx.AsyncClient() as client:
        response = await client.post(served.url, content=body, headers=headers)
    await served.settle()

    assert response.status_code == 401
    assert served.events == []


# deliveries remembered beyond the process ---------------------------------------------------


class SharedMemory:
    """A :class:`DeliveryMemory` that outlives the webhook, as the bot's table does."""

    def __init__(self, *, broken: bool = False) -> None:
        self.keys: dict[str, float] = {}
        self.broken = broken

    async def first_time(self, key: str, *, at: float) -> bool:
        if self.broken:
            raise ConnectionError
        if key in self.keys:
            return False
        self.keys[key] = at
        return True


@asynccontextmanager
async def _webhook(
    memory: SharedMemory, events: list[str]
) -> AsyncIterator[tuple[str, ZoomWebhook]]:
    async def on_event(event: str, payload: dict[str, Any]) -> None:
        events.append(event)

    webhook = ZoomWebhook(SECRET, on_event, memory=memory)
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(Starlette(routes=webhook.routes), host="127.0.0.1", port=port)
    )
    task = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}/zoom/webhook", webhook
    finally:
        await webhook.drain(timeout=5)
        server.should_exit = True
        await task


async def test_when_a_delivery_is_replayed_after_a_restart_then_it_is_dropped() -> None:
    memory, events = SharedMemory(), list[str]()
    body = json.dumps(CHAT_EVENT).encode()
    headers = _signed(body)
    async with _webhook(memory, events) as (url, _):
        first = await _post(url, body, headers)
    async with _webhook(memory, events) as (url, _):  # a new process: its own memory is empty
        replay = await _post(url, body, headers)

    assert (first.status_code, replay.status_code) == (200, 200)
    assert replay.json()["duplicate"] is True
    assert events == ["meeting.chat_message_sent"]


async def test_when_the_shared_memory_fails_then_the_delivery_is_still_processed() -> None:
    events: list[str] = []
    body = json.dumps(CHAT_EVENT).encode()
    async with _webhook(SharedMemory(broken=True), events) as (url, _):
        first = await _post(url, body, _signed(body))
        again = await _post(url, body, _signed(body))  # still caught in memory

    assert (first.status_code, again.status_code) == (200, 200)
    assert again.json()["duplicate"] is True
    assert events == ["meeting.chat_message_sent"]


def test_when_a_delivery_is_older_than_the_window_then_it_is_forgotten() -> None:
    recent = RecentDeliveries(keep_s=100)

    assert recent.first_time("a", at=1000)
    assert not recent.first_time("a", at=1099)
    assert recent.first_time("a", at=1200)


def test_when_more_deliveries_arrive_than_it_holds_then_the_oldest_is_forgotten() -> None:
    recent = RecentDeliveries(size=2)

    assert all(recent.first_time(key, at=1000) for key in ("a", "b", "c"))
    assert recent.first_time("a", at=1001)
    assert not recent.first_time("c", at=1001)
