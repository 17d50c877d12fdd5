"""A small HTTP server for webhooks and feeds: the routes it is given, served with limits.

It knows nothing of Telegram or the bot: the caller passes Starlette routes and the limits.
Whatever is served, a client cannot hold the server hostage:

- **the body is read within a deadline** (``body_timeout_s``, 10 s in all, enforced around
  ``receive()``): a client that trickles its body gets 408 and the connection is closed;
- **a body larger than the server takes is refused early**: a ``Content-Length`` over
  ``max_body_bytes`` is answered 413 before a byte of the body is read, and a body without one
  is counted while it arrives (each route refuses what is over its own, smaller, maximum the
  same way);
- **at most ``limit_concurrency`` connections**, sized well below the process's open-file
  limit so that the bot's own connections (the Bot API, the database) always find a file
  descriptor; idle keep-alive connections close after ``timeout_keep_alive`` seconds;
- **beyond the limit, connections wait unaccepted** in the kernel's queue (:class:`_Gated`):
  only ``refusals_per_s`` of them a second are accepted to be answered 503, so a flood of
  clients that connect again at once costs the process almost nothing, and a waiting client
  is served when a connection closes;
- **repeated errors are logged once per interval, with a count** (:class:`RepeatedErrors` on
  uvicorn's and asyncio's loggers): a flood of refused accepts or dropped clients writes a few
  lines, never a traceback each;
- a client that goes away while its body is read is dropped quietly;
- **the server runs on a thread and event loop of its own** (:func:`serve`): accepting,
  parsing and turning away connections never queues in front of the bot's own work. Only a
  request whose body has arrived whole crosses to the caller's loop, where the routes run
  (:class:`OnLoop`), so a thousand slow or refused clients cost the bot's loop nothing.

The reverse proxy in front (``deploy/``) buffers bodies and times out slow clients as well;
these limits hold when it is missing or misconfigured.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import json
import logging
import math
import resource
import socket
import threading
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Final

import uvicorn
from starlette.applications import Starlette
from starlette.requests import ClientDisconnect
from starlette.routing import BaseRoute
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = [
    "BodyLimits",
    "OnLoop",
    "RepeatedErrors",
    "ServerLimits",
    "build_app",
    "concurrency_for",
    "serve",
]

logger = logging.getLogger(__name__)


class ServerError(RuntimeError):
    """The HTTP server could not start, or stopped by itself."""


BODY_TIMEOUT_S: Final[float] = 10.0
MAX_BODY_BYTES: Final[int] = 1024 * 1024  # above every route's own maximum
TIMEOUT_KEEP_ALIVE_S: Final[int] = 5
# A quarter of the open-file limit for clients: the rest is the bot's (Bot API, database,
# files, the connections uvicorn accepts only to answer 503).
CLIENT_SHARE_OF_FILES: Final[int] = 4
MIN_CONCURRENCY: Final[int] = 16
MAX_CONCURRENCY: Final[int] = 1000
ACCEPT_SHARE: Final[int] = 4  # a quarter of the connections may wait to be accepted
LOG_INTERVAL_S: Final[float] = 60.0
REFUSALS_PER_S: Final[float] = 20.0  # connections over the limit accepted to be answered 503
FULL_POLL_S: Final[float] = 0.05  # how often a full server looks for a closed connection
ACCEPT_RETRY_S: Final[float] = 1.0  # after accept() fails for want of file descriptors
_OUT_OF_RESOURCES: Final[frozenset[int]] = frozenset(
    {errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.ENOMEM}
)
STARTED_POLL_S: Final[float] = 0.01
SERVER_THREAD: Final[str] = "http-server"
STOP_POLL_S: Final[float] = 0.5  # how often serving checks that the server's thread is alive
# uvicorn logs refused and broken connections here, asyncio a refused accept() (EMFILE); we
# log each request refused here and in Zoom's webhook, which a flood repeats.
NOISY_LOGGERS: Final[tuple[str, ...]] = (
    "uvicorn.error",
    "asyncio",
    __name__,
    "integrations.zoom.webhook",
)
TOO_SLOW: Final[int] = 408
REFUSALS: Final[dict[int, str]] = {
    400: "bad Content-Length",
    TOO_SLOW: "too slow",
    413: "too large",
}


def concurrency_for(open_files: int) -> int:
    """How many client connections to allow with ``open_files`` file descriptors."""
    return max(MIN_CONCURRENCY, min(MAX_CONCURRENCY, open_files // CLIENT_SHARE_OF_FILES))


def _open_file_limit() -> int:
    soft, _hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    return soft if soft != resource.RLIM_INFINITY else MAX_CONCURRENCY * CLIENT_SHARE_OF_FILES


@dataclass(frozen=True, slots=True)
class ServerLimits:
    """The server's limits; ``limit_concurrency`` None sizes it from the open-file limit."""

    body_timeout_s: float = BODY_TIMEOUT_S
    max_body_bytes: int = MAX_BODY_BYTES
    limit_concurrency: int | None = None
    timeout_keep_alive: int = TIMEOUT_KEEP_ALIVE_S
    log_interval_s: float = LOG_INTERVAL_S
    refusals_per_s: float = REFUSALS_PER_S
    on_refused: Callable[[str, str], None] | None = None  # (path, reason), for a metric

    def concurrency(self) -> int:
        """The connection limit to give uvicorn."""
        if self.limit_concurrency is not None:
            return self.limit_concurrency
        return concurrency_for(_open_file_limit())


# the body deadline and size limit, around receive() ----------------------------------------


class _Tripped(Exception):  # noqa: N818 - a control-flow signal, not an error of ours
    """The body broke a limit; the client is answered ``status``."""

    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


class BodyLimits:
    """ASGI middleware: each request's body within its size limit, read within the deadline.

    When a limit is broken the application sees the client disconnect, whatever it answers
    is dropped, and the client gets 408 (and the connection closed) or 413.
    """

    def __init__(self, app: ASGIApp, limits: ServerLimits) -> None:
        self._app = app
        self._limits = limits

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve one request (other scopes pass through)."""
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return
        limit = self._limits.max_body_bytes
        path = str(scope.get("path", ""))
        declared = _content_length(scope)
        if declared is not None and (declared < 0 or declared > limit):
            await self._refuse(send, path, 400 if declared < 0 else 413)
            return
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self._limits.body_timeout_s
        state = _RequestState()

        async def limited_receive() -> Message:
            if state.tripped is not None or state.body_done:
                return await receive()
            try:
                async with asyncio.timeout_at(deadline):
                    message = await receive()
            except TimeoutError:
                state.tripped = TOO_SLOW
                return {"type": "http.disconnect"}
            if message["type"] == "http.request":
                state.received += len(message.get("body", b""))
                if state.received > limit:
                    state.tripped = 413
                    return {"type": "http.disconnect"}
                state.body_done = not message.get("more_body", False)
            return message

        async def guarded_send(message: Message) -> None:
            if state.tripped is not None:
                return  # the application's answer to a body it never got whole
            if message["type"] == "http.response.start":
                state.started = True
            await send(message)

        try:
            await self._app(scope, limited_receive, guarded_send)
        except ClientDisconnect:
            if state.tripped is None:
                logger.debug("client went away while sending its body")
        except Exception:
            if state.tripped is None:
                raise
        if state.tripped is not None and not state.started:
            await self._refuse(send, path, state.tripped)

    async def _refuse(self, send: Send, path: str, status: int) -> None:
        reason = REFUSALS[status]
        logger.info("request refused (%s, %s)", status, reason)  # no path: it may hold a token
        if self._limits.on_refused is not None:
            self._limits.on_refused(path, reason)
        await _answer(send, status, reason)


@dataclass(slots=True)
class _RequestState:
    received: int = 0
    body_done: bool = False
    started: bool = False
    tripped: int | None = None


def _content_length(scope: Scope) -> int | None:
    """The declared body size; -1 when the header is not a plain number."""
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            text = value.decode("latin-1").strip()
            # ASCII digits only: str.isdigit() is True for "¹²³", which int() refuses.
            return int(text) if text.isascii() and text.isdigit() else -1
    return None


async def _answer(send: Send, status: int, reason: str) -> None:
    body = json.dumps({"ok": False, "error": reason}).encode()
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
    ]
    if status == TOO_SLOW:
        # A slow client loses its connection at once. Others may still be sending: the
        # server reads and drops the rest (closing now would reset it before the answer is
        # read), and the keep-alive timeout closes a connection that does not finish.
        headers.append((b"connection", b"close"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class OnLoop:
    """ASGI: take a request's whole body where it arrives, then run ``app`` on the caller's loop.

    The server's thread reads the body (within :class:`BodyLimits`' deadline and size), and
    hands the complete request to the event loop that built the application, where the
    routes and the bot's services live; the answer is collected there and sent back from
    the server's thread. On that same loop (tests serving the application in process) the
    application is called directly. Answers are buffered: every route here answers with a
    small body.
    """

    def __init__(self, app: ASGIApp, loop: asyncio.AbstractEventLoop | None) -> None:
        self._app = app
        self._loop = loop

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve one request on the application's loop."""
        loop = self._loop
        if loop is None or loop is asyncio.get_running_loop() or scope["type"] != "http":
            await self._app(scope, receive, send)
            return
        messages: list[Message] = []
        while True:
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request" or not message.get("more_body", False):
                break
        if messages[-1]["type"] != "http.request":
            return  # gone, or over a limit: BodyLimits answers
        answer: list[Message] = []
        running = asyncio.run_coroutine_threadsafe(self._run(scope, messages, answer), loop)
        await asyncio.wrap_future(running)
        for message in answer:
            await send(message)

    async def _run(self, scope: Scope, messages: list[Message], answer: list[Message]) -> None:
        waiting = list(reversed(messages))
        finished = asyncio.Event()

        async def replay() -> Message:
            if waiting:
                return waiting.pop()
            await finished.wait()  # asked after the body: the client is there until answered
            return {"type": "http.disconnect"}

        async def collect(message: Message) -> None:
            answer.append(message)

        try:
            await self._app(scope, replay, collect)
        finally:
            finished.set()


def build_app(routes: Sequence[BaseRoute], limits: ServerLimits | None = None) -> ASGIApp:
    """The ASGI application serving ``routes`` within ``limits``.

    Built on the loop the routes are to run on (if any is running): :func:`serve` may serve it
    from another thread.
    """
    try:
        loop: asyncio.AbstractEventLoop | None = asyncio.get_running_loop()
    except RuntimeError:
        loop = None
    return BodyLimits(OnLoop(Starlette(routes=list(routes)), loop), limits or ServerLimits())


# repeated errors, once per interval --------------------------------------------------------


class RepeatedErrors(logging.Filter):
    """Lets the first record of a kind through per interval; the next one says how many more.

    A kind is the logger, the message template and the exception's type. Tracebacks are
    dropped (the type is kept): they add nothing for a refused accept or a dropped client, and
    a flood of them fills the disk.
    """

    def __init__(
        self, *, interval_s: float = LOG_INTERVAL_S, clock: Callable[[], float] = time.monotonic
    ) -> None:
        super().__init__()
        self._interval = interval_s
        self._clock = clock
        self._windows: dict[tuple[str, str, str], tuple[float, int]] = {}

    def filter(self, record: logging.LogRecord) -> bool:
        """Whether to log ``record``; it is shortened to one line when logged."""
        kind = record.exc_info[0].__name__ if record.exc_info and record.exc_info[0] else ""
        key = (record.name, str(record.msg), kind)
        now = self._clock()
        opened, suppressed = self._windows.get(key, (float("-inf"), 0))
        if now - opened < self._interval:
            self._windows[key] = (opened, suppressed + 1)
            return False
        self._windows[key] = (now, 0)
        if kind:
            record.msg = f"{record.msg} ({kind})"
        if suppressed:
            record.msg = (
                f"{record.msg} [{suppressed} more like it in the last {self._interval:g} s]"
            )
        record.exc_info = None
        record.exc_text = None
        record.stack_info = None
        return True


# serving ---------------------------------------------------------------------------------


class _RefusalBudget:
    """A token bucket: at most ``rate`` refusals a second, ``rate`` of them at once."""

    def __init__(self, rate: float, clock: Callable[[], float] = time.monotonic) -> None:
        self._rate = rate
        self._clock = clock
        self._tokens = rate
        self._at = clock()

    def wait_s(self) -> float:
        """Seconds until a refusal may be made; 0 takes one now."""
        now = self._clock()
        self._tokens = min(self._rate, self._tokens + (now - self._at) * self._rate)
        self._at = now
        if self._tokens >= 1:
            self._tokens -= 1
            return 0.0
        return (1 - self._tokens) / self._rate if self._rate > 0 else FULL_POLL_S


class _Gated(uvicorn.Server):
    """uvicorn, accepting connections itself: none while the server is full.

    uvicorn would accept every connection and answer those over its limit 503, which for a
    flood of clients that connect again at once is a few hundred accepts, parses and answers a
    second, taken from the bot's share of the interpreter. Here, while the server is full, a
    connection is accepted only to be answered 503 within the refusal budget; the rest wait in
    the kernel's queue (``backlog`` of them; beyond that the kernel holds back their
    handshakes) until a connection closes.
    """

    def __init__(self, config: uvicorn.Config, limits: ServerLimits) -> None:
        super().__init__(config)
        self._limits = limits
        self._listener: socket.socket | None = None
        self._accepting: asyncio.Task[None] | None = None

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        """Listen on the configured address and accept there (uvicorn opens no listener)."""
        del sockets
        config = self.config
        family = socket.AF_INET6 if ":" in config.host else socket.AF_INET
        listener = socket.create_server(
            (config.host, config.port), family=family, backlog=config.backlog
        )
        listener.setblocking(False)  # noqa: FBT003 - the socket API's own flag
        self._listener = listener
        await super().startup(sockets=[])
        self._accepting = asyncio.create_task(self._accept(listener), name="http-accept")

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        """Stop accepting and close the listener, then uvicorn's own shut-down."""
        if self._accepting is not None:
            self._accepting.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._accepting
        if self._listener is not None:
            self._listener.close()
        await super().shutdown(sockets)

    def _protocol(self) -> asyncio.Protocol:
        config = self.config
        return config.http_protocol_class(  # type: ignore[call-arg]
            config=config, server_state=self.server_state, app_state=self.lifespan.state
        )

    async def _accept(self, listener: socket.socket) -> None:
        loop = asyncio.get_running_loop()
        budget = _RefusalBudget(self._limits.refusals_per_s)
        # uvicorn counts the connection it is answering, so one short of the limit is full.
        full = max(1, self.config.limit_concurrency or MAX_CONCURRENCY) - 1
        while True:
            if len(self.server_state.connections) >= full:
                wait = budget.wait_s()
                if wait > 0:
                    await asyncio.sleep(min(wait, FULL_POLL_S))
                    continue
            try:
                connection, _address = await loop.sock_accept(listener)
            except OSError as exc:
                if exc.errno not in _OUT_OF_RESOURCES:
                    continue  # the client went away before it was accepted: take the next
                # Out of file descriptors or memory: pause, as asyncio's own accept loop does.
                logger.warning("accepting a connection failed: %s", type(exc).__name__)
                await asyncio.sleep(ACCEPT_RETRY_S)
                continue
            try:
                # asyncio sets TCP_NODELAY only on sockets made with IPPROTO_TCP, which ours
                # was not: without it, Nagle and delayed ACKs hold each answer for 40 ms.
                connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                await loop.connect_accepted_socket(self._protocol, connection)
            except OSError:
                connection.close()


async def serve(
    app: ASGIApp,
    *,
    host: str,
    port: int,
    stop: asyncio.Event,
    limits: ServerLimits | None = None,
    when_listening: Callable[[], Awaitable[None]] | None = None,
) -> None:
    """Serve ``app`` on ``host:port`` until ``stop`` is set, on a thread of its own.

    ``when_listening`` runs (on the caller's loop) once the server is started (a webhook
    registers itself there); if it fails, the server is stopped and its error raised. A server
    that cannot start (the port taken) raises :class:`ServerError`.
    """
    limits = limits or ServerLimits()
    concurrency = limits.concurrency()
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level="warning",
        access_log=False,
        log_config=None,  # uvicorn's records go to the caller's handlers, not its own
        lifespan="off",  # the routes need no start-up or shut-down of their own
        limit_concurrency=concurrency,
        # asyncio accepts up to ``backlog`` connections at a time, each a file descriptor
        # before uvicorn can turn it away: a burst must fit beside those held.
        backlog=max(MIN_CONCURRENCY, concurrency // ACCEPT_SHARE),
        timeout_keep_alive=limits.timeout_keep_alive,
        # In-flight bodies end within the body deadline; nothing waits longer than that.
        timeout_graceful_shutdown=max(1, math.ceil(limits.body_timeout_s)),
    )
    server = _Gated(config, limits)
    noise = RepeatedErrors(interval_s=limits.log_interval_s)
    noisy = [logging.getLogger(name) for name in NOISY_LOGGERS]
    for each in noisy:
        each.addFilter(noise)
    failure: list[BaseException] = []

    def run() -> None:
        try:
            asyncio.run(server.serve())
        except BaseException as exc:  # noqa: BLE001 - SystemExit from uvicorn's failed start
            failure.append(exc)

    thread = threading.Thread(target=run, name=SERVER_THREAD, daemon=True)
    thread.start()
    try:
        while not server.started and thread.is_alive():
            await asyncio.sleep(STARTED_POLL_S)
        if not server.started:
            raise ServerError(f"the HTTP server could not listen on {host}:{port}")
        if when_listening is not None:
            await when_listening()
        while not stop.is_set() and thread.is_alive():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=STOP_POLL_S)
    finally:
        server.should_exit = True
        await asyncio.to_thread(thread.join)
        for each in noisy:
            each.removeFilter(noise)
    if failure and not isinstance(failure[0], SystemExit):
        raise ServerError("the HTTP server stopped") from failure[0]
