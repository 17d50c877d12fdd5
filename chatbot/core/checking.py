"""Where a policy check runs: on the event loop when the text is short, in a thread when long.

A check of a chat-sized message takes well under a millisecond or two; handing it to a worker
thread and back costs more than that on a busy two-core machine (each hop waits for the
interpreter lock), and the bot's throughput fell by a third for it. A long text (a chat file's
5 MB message, a pasted report) would hold the loop for seconds, so it goes to a thread.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Final, TypeVar

T = TypeVar("T")

# About 2 ms of checking (``councilbot bench --only policy``: ~1.3 ms for 500 characters).
INLINE_CHECK_CHARS: Final[int] = 1_000


async def run_check(chars: int, check: Callable[[], T]) -> T:
    """``check()``, here when it reads at most :data:`INLINE_CHECK_CHARS`, else in a thread."""
    if chars <= INLINE_CHECK_CHARS:
        return check()
    return await asyncio.to_thread(check)
