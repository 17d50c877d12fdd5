"""Benchmarks of the official record: chained appends per second, and verifying 100,000 entries.

Runs on SQLite, and on PostgreSQL too when ``BENCH_DATABASE_URL`` (or ``TEST_DATABASE_URL``)
names one. Appends are measured as live capture makes them: many chats appending at once
(``RecordService.append``, which commits appends that arrive together in one transaction), and,
as the baseline, one append at a time, each in its own transaction.

On the same 100,000 entries (spread over a year, from ten senders, some about one person), it
times a subject-access search (everything about that person, by id, name and alias) and a CSV
export of the whole record (as ``councilbot record export`` makes it, verification included).
"""

from __future__ import annotations

import asyncio
import os
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any, Final

from sqlalchemy import text
from sqlalchemy.orm import Session

from chatbot.council.file import CouncilFile
from chatbot.db.database import Database
from chatbot.record.export import ExportFormat
from chatbot.record.export_service import ExportRequest, ExportService
from chatbot.record.search import SearchQuery, SearchService, Viewer
from chatbot.record.service import NewEntry, RecordService

APPENDS: Final[int] = 5000
SINGLE_APPENDS: Final[int] = 500
WRITERS: Final[int] = 20
VERIFY_ENTRIES: Final[int] = 100_000
BULK_BATCH: Final[int] = 2000
SEARCH_REPEATS: Final[int] = 3
SUBJECT_ID: Final[int] = 2010
SUBJECT: Final[str] = "Margaret Thornton"
SUBJECT_ALIAS: Final[str] = "Maggie"
SENDERS: Final[tuple[str, ...]] = (
    "Helen Moss", "Peter Hughes", "Jane Smith", "Tom Griffiths", "Raj Patel", "Susan Whitfield",
    "Amanda Carter", "David Okafor", "Ada Thistlewood",
)  # fmt: skip
TOPICS: Final[tuple[str, ...]] = (
    "the grass cutting on Mill Lane is booked for Tuesday",
    "the allotment rents are due at the end of the month",
    "the play area inspection found a loose swing chain",
    "the precept consultation closes on Friday",
    "street lights on the High Street are out again",
    "the village hall roof quote came in at 4,200 pounds",
)
BENCH_COUNCIL: Final[CouncilFile] = CouncilFile.model_validate(
    {
        "council": {"name": "Benchmark Parish Council", "timezone": "Europe/London"},
        "members": [{"telegram_id": SUBJECT_ID, "name": SUBJECT, "aliases": [SUBJECT_ALIAS]}],
    }
)


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


def _varied_entry(n: int) -> NewEntry:
    """Entries with real work for a search: ten senders, six topics, one person about in ~5%."""
    sender = (SUBJECT_ID, SUBJECT) if n % 50 == 0 else (2000 + n % 9, SENDERS[n % 9])
    text = f"Message {n}: {TOPICS[n % len(TOPICS)]}."
    if n % 97 == 0:
        text += f" {SUBJECT_ALIAS} asked to be kept informed."
    return NewEntry(
        kind="note" if n % 101 == 0 else "message",
        occurred_at=datetime(2026, 1, 1, tzinfo=UTC) + timedelta(minutes=5 * n),
        text=text,
        sender_id=sender[0],
        sender_name=sender[1],
        chat_id=-100 - n % 3,
        chat_title=("Councillors", "Allotments working group", "Planning")[n % 3],
        message_id=n,
        mentioned_ids=(SUBJECT_ID,) if n % 89 == 0 else (),
        people=(SUBJECT,) if n % 101 == 0 else (),
    )


def _append_batch(record: RecordService, batch: range, session: Session) -> None:
    record.append_all_in(session, [_varied_entry(i) for i in batch])


def _subject_access_search(database: Database) -> tuple[float, int]:
    """The best of a few subject-access searches: seconds, and how many entries it found."""
    search = SearchService(database, BENCH_COUNCIL)
    query = SearchQuery(person=SUBJECT, limit=None)
    viewer = Viewer.command_line("bench")
    best, found = float("inf"), 0
    for _ in range(SEARCH_REPEATS):
        started = time.perf_counter()
        result = database.call(lambda session: search.search_in(session, query, viewer))
        best = min(best, time.perf_counter() - started)
        found = len(result.hits)
    return best, found


def _csv_export(database: Database, record: RecordService, folder: Path) -> tuple[float, int]:
    """One CSV export of the whole year, as the command line makes it: seconds, entries."""
    search = SearchService(database, BENCH_COUNCIL)
    exporter = ExportService(database, BENCH_COUNCIL, search=search, record=record)
    request = ExportRequest(start=date(2026, 1, 1), end=date(2026, 12, 31), form=ExportFormat.CSV)
    path = folder / f"export-{database.engine.dialect.name}.csv"
    started = time.perf_counter()
    outcome = exporter.export(request, Viewer.command_line("bench"), path, overwrite=True)
    seconds = time.perf_counter() - started
    path.unlink()
    return seconds, outcome.entries


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
    search_seconds, search_found = _subject_access_search(database)
    with tempfile.TemporaryDirectory() as folder:
        export_seconds, exported = _csv_export(database, record, Path(folder))
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
        "subject_access_search_ms": round(search_seconds * 1000, 1),
        "subject_access_found": search_found,
        "csv_export_entries": exported,
        "csv_export_s": round(export_seconds, 2),
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
        "targets": {
            "appends_per_s": ">= 1000",
            "verify_100k_s": "<= 3",
            "subject_access_search_ms": "<= 300",
            "csv_export_100k_s": "<= 5",
        },
    }


def format_record_results(results: dict[str, Any]) -> str:
    """A readable summary."""
    lines = ["Official record (chained appends from concurrent writers; full-chain verification)"]
    lines += [
        f"{run['database']}: {run['appends_per_s']} appends/s from {run['writers']} writers "
        f"(one at a time: {run['baseline_one_at_a_time_per_s']}/s, {run['ratio']}x); verified "
        f"{run['verify_entries']} entries in {run['verify_s']} s (intact: {run['intact']}); "
        f"subject-access search {run['subject_access_search_ms']} ms "
        f"({run['subject_access_found']} found); CSV export of {run['csv_export_entries']} "
        f"entries in {run['csv_export_s']} s"
        for run in results["runs"]
    ]
    lines.append("targets: " + ", ".join(f"{k} {v}" for k, v in results["targets"].items()))
    return "\n".join(lines)
