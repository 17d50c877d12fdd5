"""A loopback TCP proxy that can be cut and restored: a database server going away and back.

It listens on 127.0.0.1 and forwards every connection to the target. ``cut()`` drops every open
connection and refuses new ones (each is accepted and closed at once, as a server that went
away does to a client's pool); ``restore()`` forwards again. It runs its own event loop in a
thread, so the bot's loop, its worker threads and other processes can all go through it.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from typing import Final

_CHUNK: Final[int] = 65536


class TcpProxy:
    """Forwards ``127.0.0.1:port`` to ``host:target_port``. Use as a context manager."""

    def __init__(self, host: str, target_port: int) -> None:
        self._host = host
        self._target = target_port
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._server: asyncio.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()
        self._cut = False
        self.port = 0
        self.refused = 0  # connections refused while cut

    def start(self) -> TcpProxy:
        """Listen on a free loopback port."""
        self._thread.start()
        self._server = asyncio.run_coroutine_threadsafe(
            asyncio.start_server(self._accept, "127.0.0.1", 0), self._loop
        ).result(timeout=5)
        self.port = int(self._server.sockets[0].getsockname()[1])
        return self

    def stop(self) -> None:
        """Stop listening and drop every connection."""
        self.cut()
        if self._server is not None:
            self._loop.call_soon_threadsafe(self._server.close)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=5)

    def __enter__(self) -> TcpProxy:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()

    def cut(self) -> None:
        """The server is unreachable: drop open connections, refuse new ones."""
        self._cut = True

        def drop() -> None:
            for writer in list(self._writers):
                writer.transport.abort()
            self._writers.clear()

        if self._loop.is_running():
            self._loop.call_soon_threadsafe(drop)

    def restore(self) -> None:
        """The server is back."""
        self._cut = False

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if self._cut:
            self.refused += 1
            writer.transport.abort()
            return
        try:
            upstream_reader, upstream_writer = await asyncio.open_connection(
                self._host, self._target
            )
        except OSError:
            writer.transport.abort()
            return
        self._writers.update({writer, upstream_writer})
        await asyncio.gather(
            self._pipe(reader, upstream_writer),
            self._pipe(upstream_reader, writer),
        )

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while data := await reader.read(_CHUNK):
                if self._cut:
                    break
                writer.write(data)
                await writer.drain()
        except (OSError, asyncio.IncompleteReadError):
            pass
        finally:
            self._writers.discard(writer)
            with contextlib.suppress(OSError, RuntimeError):
                writer.transport.abort()
