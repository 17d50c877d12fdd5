"""Slow clients against the webhook port while the bot moderates (issue #14's starvation).

``councilbot run`` is started as a process of its own with a small open-file limit (systemd's
default is 1,024), polling the fake Bot API and serving Zoom's webhook. Then:

* **quiet**: breaching group messages arrive by polling, one at a time; the time from pushing
  each update to the bot's ``deleteMessage`` is measured;
* **held**: the same while many slow uploads are held on ``/zoom/webhook``: each declares a
  200 KB body, sends a byte every few seconds, and connects again a second after the bot lets
  it go (a 408 or a 503), until the run ends. The bot must keep moderating at close to the
  quiet latency (target: p99 at most twice the quiet one) and its log must stay small (the
  bytes it wrote are counted).

Loopback only; every loop is bounded by the run's own deadline and stops by itself. Needs a
source checkout (the fake Bot API lives in ``testing/fakes``).
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from bench.reliability import BREACHES, CHATS, FAKE_BOT_TOKEN, FIRST_MEMBER, write_council

OPEN_FILES: Final[int] = 1024  # systemd's default LimitNOFILE
DECLARED_BYTES: Final[int] = 200_000
BYTE_EVERY_S: Final[float] = 5.0
RECONNECT_PAUSE_S: Final[float] = 1.0  # a client turned away tries again a second later
START_TIMEOUT_S: Final[float] = 120.0
DELETE_TIMEOUT_S: Final[float] = 30.0
MESSAGE_GAP_S: Final[float] = 0.25
OPEN_BATCH: Final[int] = 50
WEBHOOK_SECRET: Final[str] = "slow-clients-zoom-secret"  # noqa: S105 - the run's own
CHAT: Final[int] = CHATS[-1]  # moderated, not official: nothing goes on the record
SENDER: Final[int] = FIRST_MEMBER + 1
# Start the bot with a lower open-file limit, as systemd would.
_LAUNCH: Final[str] = (
    "import resource, sys\n"
    "_, hard = resource.getrlimit(resource.RLIMIT_NOFILE)\n"
    "resource.setrlimit(resource.RLIMIT_NOFILE, (int(sys.argv[1]), hard))\n"
    "from chatbot.cli.main import main\n"
    "sys.exit(main(['run']))\n"
)


@dataclass
class Pressure:
    """What the slow clients saw: connections made, answers by status, failures to connect."""

    connected: int = 0
    answers: Counter[int] = field(default_factory=Counter)
    dropped: int = 0  # closed or reset without an answer
    refused: int = 0  # could not connect at all
    never_accepted: int = 0  # still waiting to connect when the run ended
    held_at_once: int = 0
    _open: int = 0

    def opened(self) -> None:
        """One more connection held."""
        self.connected += 1
        self._open += 1
        self.held_at_once = max(self.held_at_once, self._open)

    def closed(self) -> None:
        """One connection fewer."""
        self._open -= 1


def free_port() -> int:
    """A free loopback port."""
    import socket  # noqa: PLC0415

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_bot(
    folder: Path, fake: Any, *, port: int, open_files: int, log: Path
) -> subprocess.Popen[bytes]:
    """``councilbot run`` with ``open_files`` descriptors, its log (stderr) going to ``log``."""
    environment = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(folder),
        "TELEGRAM_BOT_TOKEN": FAKE_BOT_TOKEN,
        "TELEGRAM_API_BASE_URL": fake.base_url,
        "DATABASE_URL": f"sqlite:///{folder / 'slow.db'}",
        "COUNCIL_CONFIG": str(write_council(folder)),
        "ZOOM_WEBHOOK_SECRET_TOKEN": WEBHOOK_SECRET,
        "HTTP_PORT": str(port),
        "LOG_LEVEL": "INFO",
    }
    with log.open("wb") as sink:
        return subprocess.Popen(  # noqa: S603 - our own interpreter and module
            [sys.executable, "-c", _LAUNCH, str(open_files)],
            env=environment,
            cwd=folder,
            stdout=subprocess.DEVNULL,
            stderr=sink,
        )


async def wait_until_serving(port: int, *, timeout: float = START_TIMEOUT_S) -> None:
    """Wait until the bot's HTTP server accepts connections."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            _reader, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            if time.monotonic() > deadline:
                raise TimeoutError("the bot's HTTP server did not start") from None
            await asyncio.sleep(0.2)
            continue
        writer.close()
        return


async def _slow_client(
    port: int, until: float, pressure: Pressure, *, byte_every_s: float, declared: int
) -> None:
    head = (
        f"POST /zoom/webhook HTTP/1.1\r\nHost: bot\r\nContent-Type: application/json\r\n"
        f"Content-Length: {declared}\r\n\r\n"
    ).encode()
    while time.monotonic() < until:
        try:
            # A full server leaves a connection unaccepted (in the kernel's queue, or its
            # handshake held back) until one closes; the client waits at most until the end.
            reader, writer = await asyncio.wait_for(
                asyncio.open_connection("127.0.0.1", port), timeout=until - time.monotonic()
            )
        except TimeoutError:
            pressure.never_accepted += 1
            return
        except OSError:
            pressure.refused += 1
            await asyncio.sleep(RECONNECT_PAUSE_S)
            continue
        pressure.opened()
        try:
            writer.write(head)
            sent = 0
            while time.monotonic() < until and sent < declared - 1:
                writer.write(b" ")
                await writer.drain()
                sent += 1
                wait = min(byte_every_s, max(0.0, until - time.monotonic()))
                try:
                    answer = await asyncio.wait_for(reader.read(4096), timeout=wait)
                except TimeoutError:
                    continue
                if answer.startswith(b"HTTP/1.1 "):
                    pressure.answers[int(answer[9:12])] += 1
                else:
                    pressure.dropped += 1
                break
        except OSError:
            pressure.dropped += 1
        finally:
            pressure.closed()
            writer.close()
            with contextlib.suppress(OSError):
                await writer.wait_closed()
        await asyncio.sleep(RECONNECT_PAUSE_S)


async def hold_slow_connections(
    port: int,
    count: int,
    *,
    seconds: float,
    byte_every_s: float = BYTE_EVERY_S,
    declared: int = DECLARED_BYTES,
) -> Pressure:
    """Hold ``count`` slow uploads on the bot's webhook for ``seconds``; what they saw."""
    pressure = Pressure()
    until = time.monotonic() + seconds
    clients: list[asyncio.Task[None]] = []
    for start in range(0, count, OPEN_BATCH):
        for _ in range(min(OPEN_BATCH, count - start)):
            clients.append(
                asyncio.create_task(
                    _slow_client(
                        port, until, pressure, byte_every_s=byte_every_s, declared=declared
                    )
                )
            )
        await asyncio.sleep(0.02)
    await asyncio.gather(*clients)
    return pressure


async def moderation_latencies(
    fake: Any, messages: int, *, first_id: int, gap_s: float = MESSAGE_GAP_S
) -> list[float]:
    """Push ``messages`` breaches one by one; seconds from each push to its deletion.

    A message never deleted within the timeout counts as the timeout.
    """
    latencies: list[float] = []
    for index in range(messages):
        message_id = first_id + index
        update = fake.message_update(CHAT, SENDER, BREACHES[index % len(BREACHES)],
                                     message_id=message_id)  # fmt: skip
        pushed = time.monotonic()
        fake.push_update(update)
        latencies.append(await _deleted_after(fake, message_id, pushed))
        await asyncio.sleep(gap_s)
    return latencies


async def _deleted_after(fake: Any, message_id: int, pushed: float) -> float:
    deadline = pushed + DELETE_TIMEOUT_S
    while time.monotonic() < deadline:
        for call in fake.calls_to("deleteMessage"):
            if str(call.params.get("message_id")) == str(message_id) and call.failed is None:
                return float(call.at) - pushed
        await asyncio.sleep(0.01)
    return DELETE_TIMEOUT_S


def percentile(values: list[float], share: float) -> float:
    """The ``share`` percentile (nearest rank) of ``values``."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


async def slow_clients_run(
    *,
    clients: int,
    messages: int,
    open_files: int = OPEN_FILES,
    byte_every_s: float = BYTE_EVERY_S,
    settle_s: float = 3.0,
) -> dict[str, Any]:
    """Quiet latencies, then latencies while ``clients`` slow uploads are held; the log's size."""
    from testing.fakes.telegram import FakeTelegram  # noqa: PLC0415

    with tempfile.TemporaryDirectory() as name, FakeTelegram(FAKE_BOT_TOKEN) as fake:
        folder = Path(name)
        port = free_port()
        log = folder / "bot.log"
        process = start_bot(folder, fake, port=port, open_files=open_files, log=log)
        try:
            await fake.wait_for("getUpdates", timeout=START_TIMEOUT_S)
            await wait_until_serving(port)
            quiet = await moderation_latencies(fake, messages, first_id=1)
            log_before = log.stat().st_size
            held_for = settle_s + messages * (MESSAGE_GAP_S + 0.5) + byte_every_s
            holding = asyncio.create_task(
                hold_slow_connections(port, clients, seconds=held_for, byte_every_s=byte_every_s)
            )
            await asyncio.sleep(settle_s)
            loaded = await moderation_latencies(fake, messages, first_id=10_000)
            pressure = await holding
            log_during = log.stat().st_size - log_before
            after = await moderation_latencies(fake, 1, first_id=20_000)
        finally:
            stopping = time.monotonic()
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        log_bytes = log.stat().st_size
        tracebacks = log.read_text(encoding="utf-8", errors="replace").count("Traceback")
    quiet_p99, loaded_p99 = percentile(quiet, 0.99), percentile(loaded, 0.99)
    return {
        "open_files": open_files,
        "slow_clients": clients,
        "messages": messages,
        "quiet_p50_s": round(percentile(quiet, 0.5), 3),
        "quiet_p99_s": round(quiet_p99, 3),
        "held_p50_s": round(percentile(loaded, 0.5), 3),
        "held_p99_s": round(loaded_p99, 3),
        "held_over_quiet": round(loaded_p99 / max(quiet_p99, 1e-3), 2),
        "not_deleted": sum(1 for v in (*quiet, *loaded, *after) if v >= DELETE_TIMEOUT_S),
        "connections_made": pressure.connected,
        "held_at_once": pressure.held_at_once,
        "answers": dict(sorted(pressure.answers.items())),
        "dropped": pressure.dropped,
        "could_not_connect": pressure.refused,
        "still_connecting_at_end": pressure.never_accepted,
        "log_bytes_while_held": log_during,
        "log_bytes": log_bytes,
        "tracebacks": tracebacks,
        "exit_status": process.returncode,
        "stop_s": round(time.monotonic() - stopping, 2),
    }


def format_slow_clients(run: dict[str, Any]) -> str:
    """One line of the reliability report."""
    return (
        f"slow_clients: {run['slow_clients']} slow uploads held with {run['open_files']} open "
        f"files; delete p99 {run['held_p99_s']} s held vs {run['quiet_p99_s']} s quiet "
        f"({run['held_over_quiet']}x, target <= 2x), not deleted {run['not_deleted']}; "
        f"answers {run['answers']}, at most {run['held_at_once']} held at once, "
        f"{run['still_connecting_at_end']} still connecting at the end; log "
        f"{run['log_bytes_while_held']} bytes while held, {run['tracebacks']} tracebacks"
    )
