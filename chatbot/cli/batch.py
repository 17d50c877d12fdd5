"""Checking many messages at once, on every core: ``councilbot check --file``.

The engine is built once in the parent; worker processes are forked from it, so they share
its start-up instead of repeating it. Results come back in input order.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Final

from chatbot.cli.report import render
from policy_checks import PolicyEngine

BATCH_LINES: Final[int] = 250
MAX_WORKERS: Final[int] = 4

# Set in each forked worker by ``_adopt``; a worker process checks with the engine it inherited.
_worker_engine: PolicyEngine | None = None


def check_all(engine: PolicyEngine, texts: Iterable[str], *, as_json: bool) -> Iterator[str]:
    """Rendered verdicts for ``texts`` in order; batches run in forked workers when many.

    Workers render as well as check, so only text crosses between processes.
    """
    iterator = iter(texts)
    first = list(islice(iterator, BATCH_LINES))
    workers = min(os.cpu_count() or 1, MAX_WORKERS)
    if (
        len(first) < BATCH_LINES
        or workers < 2
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        yield from (render(engine.check(text), as_json=as_json) for text in first)
        yield from (render(engine.check(text), as_json=as_json) for text in iterator)
        return
    context = multiprocessing.get_context("fork")
    with context.Pool(processes=workers, initializer=_adopt, initargs=(engine,)) as pool:
        batches = ((batch, as_json) for batch in _batches(first, iterator))
        yield from pool.imap(_check_batch, batches)


def _batches(first: list[str], rest: Iterator[str]) -> Iterator[list[str]]:
    yield first
    while batch := list(islice(rest, BATCH_LINES)):
        yield batch


def _adopt(engine: PolicyEngine) -> None:
    global _worker_engine  # noqa: PLW0603 - one engine per worker process, set at fork
    _worker_engine = engine


def _check_batch(job: tuple[list[str], bool]) -> str:
    texts, as_json = job
    assert _worker_engine is not None, "worker started without an engine"
    return "".join(render(_worker_engine.check(text), as_json=as_json) for text in texts)
