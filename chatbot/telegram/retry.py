"""Every Bot API call goes through here: 429s wait ``retry_after``, server errors back off.

Telegram answers a request over its limits with 429 and ``retry_after``; the call is repeated
after that many seconds, however many times Telegram asks, until the waits add up to
``MAX_TOTAL_RETRY_AFTER_S`` (a burst of 429s must not drop a delete). A 5xx (or a dropped
connection) is retried with a short back-off, at most ``MAX_ATTEMPTS`` times, counted apart
from the 429s. A 400 is not retried (it would fail the same way), nor is a time-out, since
Telegram may already have acted on the request.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any, Final

from telegram._utils.types import JSONDict
from telegram.error import BadRequest, NetworkError, RetryAfter, TelegramError, TimedOut
from telegram.ext import BaseRateLimiter

from chatbot.ops.metrics import Metrics

logger = logging.getLogger(__name__)

MAX_ATTEMPTS: Final[int] = 4
FIRST_BACKOFF_S: Final[float] = 0.5
MAX_RETRY_AFTER_S: Final[float] = 60.0
MAX_TOTAL_RETRY_AFTER_S: Final[float] = 300.0


class RetryingLimiter(BaseRateLimiter[None]):
    """Retries 429 after ``retry_after`` and 5xx with back-off (at most ``MAX_ATTEMPTS``)."""

    def __init__(
        self,
        *,
        sleep: Callable[[float], Coroutine[Any, Any, None]] = asyncio.sleep,
        metrics: Metrics | None = None,
    ) -> None:
        self._sleep = sleep
        self._metrics = metrics or Metrics()

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""

    async def process_request(  # noqa: PLR0917 - PTB's signature
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | JSONDict | list[JSONDict]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],  # noqa: ARG002
        rate_limit_args: None,  # noqa: ARG002
    ) -> bool | JSONDict | list[JSONDict]:
        """Call the Bot API, repeating the call when Telegram asks us to wait or fails."""
        backoff = FIRST_BACKOFF_S
        failures = 0
        waited = 0.0
        while True:
            try:
                return await self._counted(callback, args, kwargs)
            except RetryAfter as exc:
                wait = min(seconds(exc.retry_after), MAX_RETRY_AFTER_S)
                if waited + wait > MAX_TOTAL_RETRY_AFTER_S:
                    raise
                waited += wait
                logger.warning("%s: 429, retrying after %.1f s", endpoint, wait)
                await self._sleep(wait)
            except (TimedOut, BadRequest):
                # BadRequest is a NetworkError in PTB, but a 400 will not change if repeated.
                raise
            except NetworkError as exc:
                failures += 1
                if failures == MAX_ATTEMPTS:
                    raise
                logger.warning("%s: %s, retrying in %.1f s", endpoint, type(exc).__name__, backoff)
                await self._sleep(backoff)
                backoff *= 2

    async def _counted(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | JSONDict | list[JSONDict]]],
        args: Any,
        kwargs: dict[str, Any],
    ) -> bool | JSONDict | list[JSONDict]:
        """One attempt; a failed one is counted by its error type."""
        try:
            return await callback(*args, **kwargs)
        except TelegramError as exc:
            self._metrics.bot_api_errors.inc(type=type(exc).__name__)
            raise


def seconds(value: object) -> float:
    """A ``retry_after`` (seconds or a timedelta, by PTB version) in seconds."""
    total = getattr(value, "total_seconds", None)
    return float(total()) if callable(total) else float(value)  # type: ignore[arg-type]
