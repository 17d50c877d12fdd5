"""A search that asks for a page of results reads about a page of entries, not thousands.

The defect (found by the desk's benchmark, #16): rows were fetched in batches of 2,000
whatever the limit, so ``/search`` and the desk read 2,000 matching entries to show 20, and
a search of a 100,000-entry record took a second. The work the database does is counted
with SQLite's progress handler (one call per 100 virtual-machine steps).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from chatbot.council.file import CouncilFile
from chatbot.db.database import Database
from chatbot.record.search import SearchQuery, SearchService, Viewer
from chatbot.record.service import NewEntry, RecordService

ENTRIES = 5000
STEP = 100
COUNCIL = CouncilFile.model_validate({"council": {"name": "Test Parish Council"}})


class Steps:
    """SQLite's virtual-machine steps, in hundreds, while counting."""

    def __init__(self) -> None:
        self.count = 0
        self.on = False

    def tick(self) -> int:
        if self.on:
            self.count += 1
        return 0  # go on


@pytest.fixture
def counted(tmp_path: Path) -> Iterator[tuple[Database, Steps]]:
    database = Database(f"sqlite:///{tmp_path / 'limit.db'}")
    steps = Steps()

    def connected(connection: Any, _record: Any) -> None:
        connection.set_progress_handler(steps.tick, STEP)

    event.listen(database.engine, "connect", connected)
    database.upgrade()
    record = RecordService(database)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    entries = [
        NewEntry(
            kind="message",
            occurred_at=start + timedelta(minutes=n),
            text=f"Message {n} about the hedge on Mill Lane.",
            sender_name="Helen Moss",
            sender_id=1004,
            chat_id=-100,
            chat_title="Councillors",
            message_id=n,
        )
        for n in range(ENTRIES)
    ]
    database.call(partial(record.append_all_in, entries=entries))
    yield database, steps
    database.dispose()


def _work(database: Database, steps: Steps, query: SearchQuery) -> tuple[int, int]:
    search = SearchService(database, COUNCIL)
    steps.count, steps.on = 0, True
    try:
        found = database.call(
            lambda session: search.search_in(session, query, Viewer.command_line("test"))
        )
    finally:
        steps.on = False
    return len(found.hits), steps.count


def test_when_a_search_asks_for_twenty_entries_then_it_reads_about_twenty_not_thousands(
    counted: tuple[Database, Steps],
) -> None:
    database, steps = counted
    page, page_steps = _work(database, steps, SearchQuery(words=("hedge",), limit=20))
    every, every_steps = _work(database, steps, SearchQuery(words=("hedge",), limit=None))
    assert (page, every) == (20, ENTRIES)
    assert page_steps * 20 < every_steps, (page_steps, every_steps)


def test_when_a_subject_access_search_asks_for_twenty_entries_then_it_reads_about_twenty(
    counted: tuple[Database, Steps],
) -> None:
    # The defect (#16): every people-index row of the person (one per entry they sent here)
    # was read before the first entry, whatever the limit.
    database, steps = counted
    page, page_steps = _work(database, steps, SearchQuery(person="Helen Moss", limit=20))
    every, every_steps = _work(database, steps, SearchQuery(person="Helen Moss", limit=None))
    assert (page, every) == (20, ENTRIES)
    assert page_steps * 20 < every_steps, (page_steps, every_steps)
