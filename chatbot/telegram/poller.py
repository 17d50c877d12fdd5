"""Long polling that moves the update offset on only after the updates were handled.

PTB's own updater confirms a batch as soon as it has queued it; if the process stops before the
handlers ran, those updates are lost. Here a batch is handled first and confirmed by the next
``getUpdates`` call, so a restart gets the unhandled batch again.
"""

from __future__ import annotations

import asyncio
import logging
import warnings
from collections.abc import Sequence
from typing import Any, Final

from telegram import Bot, Update
from telegram.error import Conflict, NetworkError, RetryAfter, TelegramError, TimedOut
from telegram.warnings import PTBUserWarning

from chatbot.telegram.dispatch import Dispatcher
from chatbot.telegram.retry import seconds

logger = logging.getLogger(__name__)

POLL_TIMEOUT_S: Final[int] = 25
MAX_BACKOFF_S: Final[float] = 30.0
STOP_WAIT_S: Final[float] = 2.0  # how long a stop waits for the cancelled long poll to let go


class Poller:
    """Fetch, handle, then confirm."""

    def __init__(
        self,
        bot: Bot,
        dispatcher: Dispatcher,
        allowed_updates: Sequence[str],
        *,
        timeout: int = POLL_TIMEOUT_S,
    ) -> None:
        self._bot = bot
        self._dispatcher = dispatcher
        self._allowed = list(allowed_updates)
        self._timeout = timeout
        self.offset: int | None = None
        # We call getUpdates through do_api_request on purpose (to read raw batches).
        warnings.filterwarnings("ignore", message=".*Bot.getUpdates.*", category=PTBUserWarning)

    async def run(self, stop: asyncio.Event) -> None:
        """Poll until ``stop`` is set."""
        backoff = 1.0
        while not stop.is_set():
            try:
                batch = await self._fetch(stop)
            except RetryAfter as exc:
                await _sleep(stop, seconds(exc.retry_after))
                continue
            except (TimedOut, NetworkError, Conflict, TelegramError) as exc:
                logger.warning(
                    "getUpdates failed (%s); retrying in %.0f s", type(exc).__name__, backoff
                )
                await _sleep(stop, backoff)
                backoff = min(backoff * 2, MAX_BACKOFF_S)
                continue
            backoff = 1.0
            if batch is None:
                return
            updates, next_offset = batch
            if updates:
                await self._dispatcher.dispatch_batch(updates)
            if next_offset is not None:
                self.offset = next_offset

    async def _fetch(self, stop: asyncio.Event) -> tuple[list[Update], int | None] | None:
        """The next batch and the offset that confirms it; ``None`` once ``stop`` is set."""
        kwargs: dict[str, Any] = {"timeout": self._timeout, "allowed_updates": self._allowed}
        if self.offset is not None:
            kwargs["offset"] = self.offset
        fetch = asyncio.ensure_future(
            self._bot.do_api_request(
                "getUpdates", api_kwargs=kwargs, read_timeout=self._timeout + 10
            )
        )
        stopping = asyncio.ensure_future(stop.wait())
        done, _ = await asyncio.wait({fetch, stopping}, return_when=asyncio.FIRST_COMPLETED)
        if fetch not in done:
            fetch.cancel()
            # Let the cancelled call close its connection before returning: whoever calls
            # getUpdates next (setup's confirming call) must not find the pool still held.
            await asyncio.wait({fetch}, timeout=STOP_WAIT_S)
            if fetch.done() and not fetch.cancelled():
                fetch.exception()  # retrieved: a call that failed as it was cancelled is no news
            return None
        stopping.cancel()
        return self._parse(fetch.result())

    def _parse(self, raw: object) -> tuple[list[Update], int | None]:
        """Updates from the raw batch; a malformed one is logged by id and skipped, not fatal.

        Even an update that cannot be read moves the offset on, or it would block every
        update after it.
        """
        updates: list[Update] = []
        next_offset: int | None = None
        for item in raw if isinstance(raw, list) else []:
            update_id = item.get("update_id") if isinstance(item, dict) else None
            if isinstance(update_id, int):
                next_offset = max(next_offset or 0, update_id + 1)
            try:
                update = Update.de_json(item, self._bot)
            except (TypeError, KeyError, ValueError, AttributeError) as exc:
                # No traceback: its message could quote the update's content.
                logger.error("skipped malformed update=%s: %s", update_id, type(exc).__name__)  # noqa: TRY400
                continue
            updates.append(update)
        return updates, next_offset


async def _sleep(stop: asyncio.Event, seconds: float) -> None:
    try:
        await asyncio.wait_for(stop.wait(), timeout=seconds)
    except TimeoutError:
        return
