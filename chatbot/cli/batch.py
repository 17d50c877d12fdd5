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
from chatbot.cli.tally import Tally
from policy_checks import PolicyEngine

BATCH_LINES: Final[int] = 250
MAX_WORKERS: Final[int] = 4

# Set in each forked worker by ``_adopt``; a worker process checks with the engine it inherited.
_worker_engine: PolicyEngine | None = None


def check_all(
    engine: PolicyEngine, texts: Iterable[str], *, as_json: bool
) -> Iterator[tuple[str, Tally]]:
    """Rendered verdicts for ``texts`` in order, with their counts.

    Batches run in forked workers when there are many. Workers render and count as well as
    check, so only text and counts cross between processes.
    """
    iterator = iter(texts)
    first = list(islice(iterator, BATCH_LINES))
    workers = min(os.cpu_count() or 1, MAX_WORKERS)
    if (
        len(first) < BATCH_LINES
        or workers < 2
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        # Few lines, one core, or no fork: one at a time, so stdin is answered line by line.
        for text in (*first, *iterator):
            yield _checked(engine, [text], as_json=as_json)
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


def _check_batch(job: tuple[list[str], bool]) -> tuple[str, Tally]:
    texts, as_json = job
    assert _worker_engine is not None, "worker started without an engine"
    return _checked(_worker_engine, texts, as_json=as_json)


def _checked(engine: PolicyEngine, texts: list[str], *, as_json: bool) -> tuple[str, Tally]:
    tally = Tally()
    rendered = []
    for text in texts:
        verdict = engine.check(text)
        tally.count(verdict)
        rendered.append(render(verdict, as_json=as_json))
    return "".join(rendered), tally
