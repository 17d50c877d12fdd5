"""Zoom's webhook, ``POST /zoom/webhook``: verify, acknowledge at once, process in the background.

Every delivery must be signed with the app's secret token:
``x-zm-signature == "v0=" + hex(HMAC-SHA256(secret, "v0:" + x-zm-request-timestamp + ":" +
body))``, compared in constant time, with the timestamp within five minutes. Zoom's
``endpoint.url_validation`` challenge is answered at once with the HMAC of its ``plainToken``.

Refusals, and nothing is processed for any of them: a missing or forged signature, or a
timestamp that is stale or not plain ASCII digits, 401; a body that is not a JSON event
(including JSON nested too deeply to parse) 400; a body over the limit 413 (told by its
``Content-Length`` or counted while reading, so it is never read whole). An event the bot does
not handle is acknowledged 200 and ignored (Zoom retries only on 5xx); a delivery already seen
is acknowledged and dropped.

Duplicates: Zoom delivers again when an acknowledgement is lost (5, 25 and 85 minutes after the
first try), and a signed delivery replayed within five minutes passes the signature check. So
the deliveries seen are kept for :data:`REMEMBER_S`: in memory (a bounded number), and in a
:class:`DeliveryMemory` when one is given (the bot's is a table), so that a restart forgets
nothing. When that memory cannot answer, the delivery is processed: a duplicate alert is
better than a missed one.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Collection
from typing import Any, Final, Protocol

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

logger = logging.getLogger(__name__)

WEBHOOK_PATH: Final[str] = "/zoom/webhook"
SIGNATURE_HEADER: Final[str] = "x-zm-signature"
TIMESTAMP_HEADER: Final[str] = "x-zm-request-timestamp"
URL_VALIDATION: Final[str] = "endpoint.url_validation"
# Zoom's events are a few kilobytes; a chat message is at most 4,096 characters.
MAX_BODY_BYTES: Final[int] = 256 * 1024
MAX_SKEW_S: Final[int] = 300
REMEMBERED_DELIVERIES: Final[int] = 20_000
# Zoom's last retry comes 85 minutes after its first try; a replay is signed for 5 minutes.
REMEMBER_S: Final[float] = 2 * 3600.0
# A timestamp this large is in milliseconds, not seconds.
_MILLISECONDS_FROM: Final[int] = 100_000_000_000
HANDLED_EVENTS: Final[frozenset[str]] = frozenset(
    {
        "meeting.chat_message_sent",
        "meeting.started",
        "meeting.ended",
        "recording.completed",
    }
)

EventHandler = Callable[[str, dict[str, Any]], Awaitable[None]]
RefusalHandler = Callable[[str], None]
"""Told the reason of each refused delivery (for a metric); never the body."""


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """The ``x-zm-signature`` Zoom sends with ``body`` at ``timestamp``."""
    message = b"v0:" + timestamp.encode() + b":" + body
    return "v0=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def encrypt_token(secret: str, plain_token: str) -> str:
    """The ``encryptedToken`` answering a URL validation challenge."""
    return hmac.new(secret.encode(), plain_token.encode(), hashlib.sha256).hexdigest()


def delivery_key(body: bytes) -> str:
    """What identifies a delivery however often it comes: the SHA-256 of its body, in hex."""
    return hashlib.sha256(body).hexdigest()


class DeliveryMemory(Protocol):
    """Where deliveries already seen are kept beyond the process (the bot's is a table)."""

    async def first_time(self, key: str, *, at: float) -> bool:
        """Remember ``key`` seen ``at`` (Unix seconds); False if it was seen before."""
        ...


class RecentDeliveries:
    """The deliveries seen lately, in memory: at most ``size``, none older than ``keep_s``."""

    def __init__(self, *, size: int = REMEMBERED_DELIVERIES, keep_s: float = REMEMBER_S) -> None:
        self._size = size
        self._keep = keep_s
        self._seen: OrderedDict[str, float] = OrderedDict()

    def first_time(self, key: str, *, at: float) -> bool:
        """Remember ``key`` seen ``at``; False if it was seen within ``keep_s``."""
        while self._seen:
            oldest, when = next(iter(self._seen.items()))
            if at - when <= self._keep:
                break
            del self._seen[oldest]
        if key in self._seen:
            return False
        self._seen[key] = at
        if len(self._seen) > self._size:
            self._seen.popitem(last=False)
        return True


class _Refused(Exception):  # noqa: N818 - a control-flow signal, not an error of ours
    """A delivery refused with ``status``; ``reason`` is logged (never the body)."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


class ZoomWebhook:
    """The endpoint's state: the secret, the deliveries seen, the events being processed."""

    def __init__(
        self,
        secret: str,
        on_event: EventHandler,
        *,
        events: Collection[str] = HANDLED_EVENTS,
        max_body_bytes: int = MAX_BODY_BYTES,
        clock: Callable[[], float] = time.time,
        on_refused: RefusalHandler | None = None,
        memory: DeliveryMemory | None = None,
    ) -> None:
        if not secret:
            raise ValueError("the Zoom webhook needs ZOOM_WEBHOOK_SECRET_TOKEN")
        self._secret = secret
        self._on_event = on_event
        self._events = frozenset(events)
        self._max_body = max_body_bytes
        self._clock = clock
        self._on_refused = on_refused
        self._recent = RecentDeliveries()
        self._memory = memory
        self._tasks: set[asyncio.Task[None]] = set()

    @property
    def routes(self) -> list[Route]:
        """The route to mount on the HTTP server."""
        return [Route(WEBHOOK_PATH, self.receive, methods=["POST"])]

    async def receive(self, request: Request) -> Response:
        """Handle one delivery."""
        try:
            body = await self._read(request)
            self._verify(request, body)
            event, payload = _parse(body)
        except _Refused as refused:
            logger.warning("zoom webhook refused (%s): %s", refused.status, refused.reason)
            self._refused(refused.reason)
            return JSONResponse({"ok": False, "error": refused.reason}, status_code=refused.status)
        if event == URL_VALIDATION:
            plain = payload.get("plainToken")
            if not isinstance(plain, str) or not plain:
                self._refused("no plainToken")
                return JSONResponse({"ok": False, "error": "no plainToken"}, status_code=400)
            return JSONResponse(
                {"plainToken": plain, "encryptedToken": encrypt_token(self._secret, plain)}
            )
        if event not in self._events:
            logger.info("zoom webhook ignored event=%s", event)
            return JSONResponse({"ok": True, "ignored": True})
        if not await self._first_time(body):
            logger.info("zoom webhook dropped a duplicate event=%s", event)
            return JSONResponse({"ok": True, "duplicate": True})
        task = asyncio.create_task(self._process(event, payload))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return JSONResponse({"ok": True})

    def _refused(self, reason: str) -> None:
        if self._on_refused is not None:
            self._on_refused(reason)

    async def drain(self, *, timeout: float = 10.0) -> None:
        """Wait (up to ``timeout`` seconds) for the events still being processed."""
        if self._tasks:
            await asyncio.wait(set(self._tasks), timeout=timeout)

    @property
    def pending(self) -> int:
        """How many events are being processed."""
        return len(self._tasks)

    async def _process(self, event: str, payload: dict[str, Any]) -> None:
        try:
            await self._on_event(event, payload)
        except Exception as exc:  # noqa: BLE001 - one bad event must not stop the others
            logger.error("zoom event=%s failed: %s", event, type(exc).__name__)  # noqa: TRY400

    async def _read(self, request: Request) -> bytes:
        declared = request.headers.get("content-length")
        if declared is not None:
            if not (declared.isascii() and declared.isdigit()):
                raise _Refused(400, "bad Content-Length")
            if int(declared) > self._max_body:
                raise _Refused(413, "too large")
        chunks: list[bytes] = []
        size = 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > self._max_body:
                raise _Refused(413, "too large")
            chunks.append(chunk)
        return b"".join(chunks)

    def _verify(self, request: Request, body: bytes) -> None:
        timestamp = request.headers.get(TIMESTAMP_HEADER, "")
        given = request.headers.get(SIGNATURE_HEADER, "")
        if not timestamp or not given:
            raise _Refused(401, "unsigned")
        expected = sign(self._secret, timestamp, body)
        if not hmac.compare_digest(given.encode(), expected.encode()):
            raise _Refused(401, "bad signature")
        # ASCII digits only: "¹²³".isdigit() is True, but int() refuses it.
        if not (timestamp.isascii() and timestamp.isdigit()):
            raise _Refused(401, "bad timestamp")
        seconds = int(timestamp)
        if seconds >= _MILLISECONDS_FROM:
            seconds //= 1000
        if abs(self._clock() - seconds) > MAX_SKEW_S:
            raise _Refused(401, "stale timestamp")

    async def _first_time(self, body: bytes) -> bool:
        key, now = delivery_key(body), self._clock()
        if not self._recent.first_time(key, at=now):
            return False
        if self._memory is None:
            return True
        try:
            return await self._memory.first_time(key, at=now)
        except Exception as exc:  # noqa: BLE001 - the memory is down: process, maybe twice
            logger.warning("zoom deliveries not remembered: %s", type(exc).__name__)
            return True


def _parse(body: bytes) -> tuple[str, dict[str, Any]]:
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise _Refused(400, "malformed JSON") from None
    if not isinstance(data, dict):
        raise _Refused(400, "not a JSON object")
    event, payload = data.get("event"), data.get("payload", {})
    if not isinstance(event, str) or not event or not isinstance(payload, dict):
        raise _Refused(400, "not a Zoom event")
    # recording.completed carries the token to download its files beside the payload.
    token = data.get("download_token")
    if isinstance(token, str) and token:
        payload = {**payload, "download_token": token}
    return event, payload


def build_zoom_routes(secret: str, on_event: EventHandler) -> list[Route]:
    """The ``POST /zoom/webhook`` route, calling ``on_event(event, payload)`` in the background.

    To wait for events still being processed at shutdown, build a :class:`ZoomWebhook` and
    mount its ``routes`` instead, then await its ``drain()``.
    """
    return ZoomWebhook(secret, on_event).routes
