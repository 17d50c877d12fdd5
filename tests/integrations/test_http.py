"""The generic HTTP server over real HTTP on loopback: the routes it is given, within limits."""

from __future__ import annotations

import asyncio
import logging
import socket
import threading
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

import httpx
import pytest
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from integrations.http import (
    BodyLimits,
    RepeatedErrors,
    ServerError,
    ServerLimits,
    build_app,
    concurrency_for,
    serve,
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@asynccontextmanager
async def serving(app: ASGIApp, limits: ServerLimits | None = None) -> AsyncIterator[str]:
    """Serve ``app`` with :func:`serve` on a free loopback port; yields its root URL."""
    port = free_port()
    stop = asyncio.Event()
    listening = asyncio.Event()

    async def ready() -> None:
        listening.set()

    task = asyncio.create_task(
        serve(app, host="127.0.0.1", port=port, stop=stop, limits=limits, when_listening=ready)
    )
    await asyncio.wait_for(listening.wait(), timeout=10)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stop.set()
        await asyncio.wait_for(task, timeout=15)


class Echo:
    """A route reading its whole body; remembers what it read."""

    def __init__(self) -> None:
        self.bodies: list[bytes] = []

    async def handle(self, request: Request) -> Response:
        body = await request.body()
        self.bodies.append(body)
        return JSONResponse({"size": len(body)})

    def routes(self) -> list[Route]:
        return [Route("/echo", self.handle, methods=["POST"])]


def _port(root: str) -> int:
    return int(root.rsplit(":", 1)[1])


async def _raw(port: int, head: bytes) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(head)
    await writer.drain()
    return reader, writer


async def _answer(reader: asyncio.StreamReader) -> bytes:
    """One response: its head, and its body by ``Content-Length``."""
    head = await reader.readuntil(b"\r\n\r\n")
    length = next(
        int(line.split(b":", 1)[1])
        for line in head.split(b"\r\n")
        if line.lower().startswith(b"content-length:")
    )
    return head + await reader.readexactly(length)


def _status(answer: bytes) -> int:
    return int(answer.split(b" ", 2)[1])


async def test_when_routes_are_given_then_they_are_served() -> None:
    echo = Echo()
    async with serving(build_app(echo.routes())) as root, httpx.AsyncClient() as client:
        response = await client.post(f"{root}/echo", content=b"hello")
    assert (response.status_code, response.json()) == (200, {"size": 5})
    assert echo.bodies == [b"hello"]


async def test_when_a_body_trickles_past_the_deadline_then_408_and_the_connection_closes() -> None:
    echo = Echo()
    limits = ServerLimits(body_timeout_s=1.0)
    async with serving(build_app(echo.routes(), limits), limits) as root:
        reader, writer = await _raw(
            _port(root),
            b"POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n",
        )
        started = time.monotonic()

        async def trickle() -> None:
            for _ in range(20):
                writer.write(b"x")
                await writer.drain()
                await asyncio.sleep(0.2)

        dripping = asyncio.create_task(trickle())
        answer = await asyncio.wait_for(reader.read(), timeout=5)  # read() waits for the close
        waited = time.monotonic() - started
        dripping.cancel()
        writer.close()
    assert _status(answer) == 408
    assert b"too slow" in answer
    assert 0.9 <= waited < 3
    assert echo.bodies == []


async def test_when_content_length_is_over_the_limit_then_413_before_the_body_is_sent() -> None:
    echo = Echo()
    refused: list[tuple[str, str]] = []
    limits = ServerLimits(
        max_body_bytes=1000, on_refused=lambda path, reason: refused.append((path, reason))
    )
    async with serving(build_app(echo.routes(), limits), limits) as root:
        reader, writer = await _raw(
            _port(root), b"POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 200000\r\n\r\n"
        )
        answer = await asyncio.wait_for(_answer(reader), timeout=5)  # no body byte was sent
        writer.close()
    assert _status(answer) == 413
    assert refused == [("/echo", "too large")]
    assert echo.bodies == []


async def test_when_a_streamed_body_grows_over_the_limit_then_413() -> None:
    echo = Echo()
    limits = ServerLimits(max_body_bytes=1000)

    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(10):
            yield b"x" * 500

    async with (
        serving(build_app(echo.routes(), limits), limits) as root,
        httpx.AsyncClient() as client,
    ):
        response = await client.post(f"{root}/echo", content=chunks())
    assert "content-length" not in response.request.headers
    assert response.status_code == 413
    assert echo.bodies == []


async def test_when_content_length_is_not_ascii_digits_then_400() -> None:
    # h11 refuses such a header before us; called directly, the middleware refuses it too.
    sent: list[Message] = []
    echo = Echo()
    app = BodyLimits(build_app(echo.routes()), ServerLimits())
    scope = {
        "type": "http",
        "method": "POST",
        "path": "/echo",
        "headers": [(b"content-length", "¹²³".encode())],
    }

    async def receive() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Message) -> None:
        sent.append(message)

    await app(scope, receive, send)
    assert sent[0]["status"] == 400
    assert echo.bodies == []


async def test_when_a_client_goes_away_mid_body_then_nothing_is_logged_as_an_error(
    caplog: pytest.LogCaptureFixture,
) -> None:
    echo = Echo()
    caplog.set_level(logging.DEBUG)
    async with serving(build_app(echo.routes())) as root:
        for _ in range(5):
            _reader, writer = await _raw(
                _port(root), b"POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nabc"
            )
            await asyncio.sleep(0.05)
            writer.close()
            await writer.wait_closed()
        await asyncio.sleep(0.3)
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []
    assert all(r.exc_info is None for r in caplog.records)
    assert echo.bodies == []


async def test_when_the_connection_limit_is_reached_then_more_clients_get_503() -> None:
    echo = Echo()
    limits = ServerLimits(limit_concurrency=3, body_timeout_s=5)  # counts the one refused too
    async with serving(build_app(echo.routes(), limits), limits) as root:
        held = [
            await _raw(_port(root), b"POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n")
            for _ in range(2)
        ]
        await asyncio.sleep(0.2)
        async with httpx.AsyncClient() as client:
            turned_away = await client.post(f"{root}/echo", content=b"hello")
        for _reader, writer in held:
            writer.write(b"x" * 10)
            await writer.drain()
        answers = [await asyncio.wait_for(_answer(reader), timeout=5) for reader, _ in held]
        for _reader, writer in held:
            writer.close()
    assert turned_away.status_code == 503
    assert [_status(a) for a in answers] == [200, 200]


async def test_when_full_and_no_refusals_are_left_then_a_client_waits_unaccepted() -> None:
    echo = Echo()
    # No refusals at all: a client over the limit is neither accepted nor answered 503.
    limits = ServerLimits(limit_concurrency=3, body_timeout_s=5, refusals_per_s=0)
    async with serving(build_app(echo.routes(), limits), limits) as root:
        head = b"POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n"
        held = [await _raw(_port(root), head) for _ in range(2)]
        await asyncio.sleep(0.2)
        waiting_reader, waiting_writer = await _raw(
            _port(root), b"POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"
        )
        with pytest.raises(TimeoutError):  # not answered while the server is full
            await asyncio.wait_for(_answer(waiting_reader), timeout=0.5)
        first_reader, first_writer = held[0]
        first_writer.write(b"x" * 10)
        await first_writer.drain()
        first = await asyncio.wait_for(_answer(first_reader), timeout=5)
        first_writer.close()
        waited = await asyncio.wait_for(_answer(waiting_reader), timeout=5)  # a slot is free
        waiting_writer.close()
        held[1][1].close()
    assert _status(first) == 200
    assert _status(waited) == 200
    assert b"hello" in echo.bodies


async def test_when_requests_share_a_kept_alive_connection_then_none_waits_for_delayed_acks() -> (
    None
):
    # Without TCP_NODELAY on accepted connections each answer on a kept-alive connection
    # waits about 40 ms (Nagle's algorithm against the client's delayed ACK): 10 take >= 0.4 s.
    echo = Echo()
    async with serving(build_app(echo.routes())) as root, httpx.AsyncClient() as client:
        await client.post(f"{root}/echo", content=b"warm")
        started = time.monotonic()
        for _ in range(10):
            answer = await client.post(f"{root}/echo", content=b"hello")
            assert answer.status_code == 200
        elapsed = time.monotonic() - started
    assert elapsed < 0.35, elapsed


def test_when_sizing_the_connection_limit_then_it_is_a_quarter_of_the_open_files() -> None:
    assert concurrency_for(1024) == 256
    assert concurrency_for(8192) == 1000
    assert concurrency_for(20) == 16


async def test_when_registration_fails_then_the_server_stops_and_the_error_is_raised() -> None:
    port = free_port()

    async def fail() -> None:
        raise RuntimeError("refused")

    with pytest.raises(RuntimeError, match="refused"):
        await asyncio.wait_for(
            serve(
                build_app([]),
                host="127.0.0.1",
                port=port,
                stop=asyncio.Event(),
                when_listening=fail,
            ),
            timeout=10,
        )
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", port))  # free again: the server has stopped


async def test_when_a_request_is_served_then_its_route_runs_on_the_callers_loop() -> None:
    """Accepting and reading happen on the server's thread; the routes on the bot's loop."""
    seen: list[tuple[asyncio.AbstractEventLoop, str]] = []

    async def where(request: Request) -> Response:
        body = await request.body()
        seen.append((asyncio.get_running_loop(), threading.current_thread().name))
        return JSONResponse({"size": len(body)})

    app = build_app([Route("/where", where, methods=["POST"])])
    async with serving(app) as root, httpx.AsyncClient() as client:
        response = await client.post(f"{root}/where", content=b"x" * 100_000)
    assert response.json() == {"size": 100_000}
    assert seen == [(asyncio.get_running_loop(), threading.main_thread().name)]


async def test_when_the_server_runs_then_connections_are_handled_on_a_thread_of_its_own() -> None:
    """Accepting, parsing and turning clients away never queue on the caller's loop."""
    threads: list[str] = []

    async def raw(scope: Scope, receive: Receive, send: Send) -> None:
        threads.append(threading.current_thread().name)
        await send({"type": "http.response.start", "status": 204, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    async with serving(raw) as root, httpx.AsyncClient() as client:
        assert (await client.get(f"{root}/")).status_code == 204
    assert threads == ["http-server"]


async def test_when_the_port_is_taken_then_serving_fails_with_a_plain_error() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = int(taken.getsockname()[1])
        with pytest.raises(ServerError, match=f"could not listen on 127.0.0.1:{port}"):
            await asyncio.wait_for(
                serve(build_app([]), host="127.0.0.1", port=port, stop=asyncio.Event()),
                timeout=10,
            )


# repeated errors --------------------------------------------------------------------------


def _record(message: str = "socket.accept() out of system resource") -> logging.LogRecord:
    error = OSError(24, "Too many open files")
    info = (OSError, error, None)
    return logging.LogRecord("asyncio", logging.ERROR, __file__, 1, message, None, info)


def _clock(start: float = 1000.0) -> tuple[list[float], Callable[[], float]]:
    now = [start]
    return now, lambda: now[0]


def test_when_an_error_repeats_then_it_is_logged_once_per_interval_with_a_count() -> None:
    now, clock = _clock()
    errors = RepeatedErrors(interval_s=60, clock=clock)
    passed = [r for r in (_record() for _ in range(500)) if errors.filter(r)]
    now[0] += 61
    later = _record()
    assert len(passed) == 1
    assert errors.filter(later)
    assert "499 more like it in the last 60 s" in later.getMessage()
    assert "OSError" in passed[0].getMessage()


def test_when_a_repeated_error_is_logged_then_it_carries_no_traceback() -> None:
    _now, clock = _clock()
    errors = RepeatedErrors(clock=clock)
    record = _record()
    assert errors.filter(record)
    assert record.exc_info is None
    assert "Traceback" not in logging.Formatter().format(record)


def test_when_errors_differ_then_each_kind_is_logged() -> None:
    _now, clock = _clock()
    errors = RepeatedErrors(clock=clock)
    assert errors.filter(_record("one kind"))
    assert errors.filter(_record("another kind"))
    assert not errors.filter(_record("one kind"))
