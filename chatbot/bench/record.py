"""Benchmarks of the official record: chained appends per second, and verifying 100,000 entries.

Runs on SQLite, and on PostgreSQL too when ``BENCH_DATABASE_URL`` (or ``TEST_DATABASE_URL``)
names one. Appends are measured as live capture makes them: many chats appending at once
(``RecordService.append``, which commits appends that arrive together in one transaction), and,
as the baseline, one append at a time, each in its own transaction.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
import time
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any, Final

from sqlalchemy import text
from sqlalchemy.orm import Session

from chatbot.db.database import Database
from chatbot.services.record import NewEntry, RecordService

APPENDS: Final[int] = 5000
SINGLE_APPENDS: Final[int] = 500
WRITERS: Final[int] = 20
VERIFY_ENTRIES: Final[int] = 100_000
BULK_BATCH: Final[int] = 2000


def _entry(n: int) -> NewEntry:
    return NewEntry(
        kind="message",
        occurred_at=datetime(2026, 11, 1, tzinfo=UTC),
        text=f"Message {n}: the grass cutting on Mill Lane is booked for Tuesday.",
        sender_name="Helen Moss",
        sender_id=1004,
        chat_id=-100,
        chat_title="Councillors",
        message_id=n,
    )


def _append_batch(record: RecordService, batch: range, session: Session) -> None:
    record.append_all_in(session, [_entry(i) for i in batch])


async def _one_at_a_time(record: RecordService, numbers: range) -> float:
    started = time.perf_counter()
    for n in numbers:
        await record.append(_entry(n))
    return len(numbers) / (time.perf_counter() - started)


async def _concurrently(record: RecordService, numbers: range, writers: int) -> float:
    async def writer(k: int) -> None:
        for n in numbers[k::writers]:
            await record.append(_entry(n))

    started = time.perf_counter()
    await asyncio.gather(*(writer(k) for k in range(writers)))
    return len(numbers) / (time.perf_counter() - started)


def _measure(url: str, *, appends: int, verify_entries: int) -> dict[str, Any]:
    database = Database(url)
    if database.engine.dialect.name == "postgresql":
        with database.engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    database.upgrade()
    record = RecordService(database)
    single = asyncio.run(_one_at_a_time(record, range(SINGLE_APPENDS)))
    grouped = asyncio.run(
        _concurrently(record, range(SINGLE_APPENDS, SINGLE_APPENDS + appends), WRITERS)
    )
    n = SINGLE_APPENDS + appends
    while n < verify_entries:
        batch = range(n, min(n + BULK_BATCH, verify_entries))
        database.call(partial(_append_batch, record, batch))
        n = batch.stop
    started = time.perf_counter()
    result = record.verify()
    verify_seconds = time.perf_counter() - started
    database.dispose()
    return {
        "database": database.engine.dialect.name,
        "appends": appends,
        "writers": WRITERS,
        "appends_per_s": round(grouped, 1),
        "baseline_one_at_a_time_per_s": round(single, 1),
        "ratio": round(grouped / single, 2),
        "verify_entries": result.entries,
        "verify_s": round(verify_seconds, 2),
        "intact": result.intact,
    }


def run_record_benchmarks(*, quick: bool = False) -> dict[str, Any]:
    """Run the record benchmarks; the result is JSON-ready."""
    appends = 500 if quick else APPENDS
    entries = 10_000 if quick else VERIFY_ENTRIES
    results = []
    with tempfile.TemporaryDirectory() as folder:
        sqlite_url = f"sqlite:///{Path(folder) / 'record.db'}"
        results.append(_measure(sqlite_url, appends=appends, verify_entries=entries))
    postgres = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("TEST_DATABASE_URL")
    if postgres:
        results.append(_measure(postgres, appends=appends, verify_entries=entries))
    return {
        "runs": results,
        "targets": {"appends_per_s": ">= 1000", "verify_100k_s": "<= 3"},
    }


def format_record_results(results: dict[str, Any]) -> str:
    """A readable summary."""
    lines = ["Official record (chained appends from concurrent writers; full-chain verification)"]
    lines += [
        f"{run['database']}: {run['appends_per_s']} appends/s from {run['writers']} writers "
        f"(one at a time: {run['baseline_one_at_a_time_per_s']}/s, {run['ratio']}x); verified "
        f"{run['verify_entries']} entries in {run['verify_s']} s (intact: {run['intact']})"
        for run in results["runs"]
    ]
    lines.append("targets: " + ", ".join(f"{k} {v}" for k, v in results["targets"].items()))
    return "\n".join(lines)
