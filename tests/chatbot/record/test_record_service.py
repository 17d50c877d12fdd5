from __future__ import annotations

import asyncio
import threading
from datetime import UTC, datetime
from functools import partial
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import text
from sqlalchemy.orm import Session

from chatbot.core.events import MessageEvent
from chatbot.db.database import Database
from chatbot.record.chain import canonical
from chatbot.record.service import (
    NewEntry,
    RecordService,
    header_bytes,
    header_of,
    is_official,
)

WHEN = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)


def entry(n: int, *, chat: int = -100) -> NewEntry:
    return NewEntry(
        kind="message", occurred_at=WHEN, text=f"message {n} ✓", sender_id=1004,
        sender_name="Helen Moss", chat_id=chat, message_id=n,
    )  # fmt: skip


@pytest.fixture
def record(database: Database) -> RecordService:
    return RecordService(database)


async def test_when_entries_are_appended_then_the_chain_verifies(record: RecordService) -> None:
    seqs = [await record.append(entry(n)) for n in range(1, 6)]
    assert seqs == [1, 2, 3, 4, 5]
    result = record.verify()
    assert (result.intact, result.entries) == (True, 5)


async def test_when_a_message_is_appended_twice_then_it_is_recorded_once(
    record: RecordService,
) -> None:
    assert await record.append(entry(1)) == await record.append(entry(1))
    assert record.verify().entries == 1


@pytest.mark.parametrize(
    ("sql", "first_bad"),
    [
        (
            ("UPDATE record_entries SET content = replace(content, 'message 3', 'message 8') "
            "WHERE seq = 3"),
            3,
        ),
        ("UPDATE record_entries SET sender_telegram_id = 9 WHERE seq = 2", 2),
        ("DELETE FROM record_entries WHERE seq = 4", 4),
        ("DELETE FROM record_entries WHERE seq = 5", 5),
    ],
)  # fmt: skip
async def test_when_the_database_is_tampered_with_then_verify_names_the_first_bad_entry(
    record: RecordService, database: Database, sql: str, first_bad: int
) -> None:
    for n in range(1, 6):
        await record.append(entry(n))
    with database.engine.begin() as connection:
        connection.execute(text(sql))
    result = record.verify()
    assert (result.intact, result.first_bad) == (False, first_bad)


def test_when_writers_append_concurrently_then_the_chain_never_forks(
    record: RecordService, database: Database
) -> None:
    if database.engine.dialect.name == "sqlite":
        writers, each = 4, 15
    else:
        writers, each = 8, 25
    errors: list[BaseException] = []

    def append_one(session: Session, *, entry: NewEntry) -> None:
        record.append_in(session, entry)

    def write(offset: int) -> None:
        try:
            for n in range(each):
                database.call(partial(append_one, entry=entry(offset * 1000 + n)))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(w,)) for w in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    result = record.verify()
    assert (result.intact, result.entries) == (True, writers * each)


@pytest.mark.parametrize(
    ("official", "tags", "mentioned", "reply_to", "expected"),
    [
        (True, set(), set(), None, True),
        (False, set(), set(), None, False),
        (False, {"official"}, set(), None, True),
        (False, {"officials"}, set(), None, False),
        (False, set(), {1001}, None, True),
        (False, set(), {1004}, None, False),
        (False, set(), set(), 1001, True),
    ],
)
def test_when_deciding_what_is_official_then_tags_and_copies_to_the_clerk_count(
    official: bool, tags: set[str], mentioned: set[int], reply_to: int | None, expected: bool
) -> None:
    event = MessageEvent(
        chat_id=-1, chat_title="", message_id=1, sender_id=1004, sender_name="", text="x",
        date=WHEN, hashtags=frozenset(tags), mentioned_ids=frozenset(mentioned),
        reply_to_sender_id=reply_to,
    )  # fmt: skip
    assert is_official(event, chat_official=official, clerk_ids={1001}) is expected


async def test_when_only_the_tail_is_verified_then_a_break_in_it_is_found(
    record: RecordService, database: Database
) -> None:
    for n in range(1, 11):
        await record.append(entry(n))
    assert record.verify(tail=3).intact
    with database.engine.begin() as connection:
        connection.execute(text("UPDATE record_entries SET kind = 'note' WHERE seq = 9"))
    result = record.verify(tail=3)
    assert (result.intact, result.first_bad, result.entries) == (False, 9, 2)
    with database.engine.begin() as connection:
        connection.execute(text("UPDATE record_entries SET kind = 'message' WHERE seq = 9"))
        connection.execute(text("UPDATE record_entries SET kind = 'note' WHERE seq = 2"))
    assert record.verify(tail=3).intact
    assert record.verify().first_bad == 2


async def test_when_many_appends_arrive_together_then_each_gets_its_own_place_in_one_chain(
    record: RecordService,
) -> None:
    seqs = await asyncio.gather(*(record.append(entry(n)) for n in range(1, 301)))
    assert sorted(seqs) == list(range(1, 301))  # type: ignore[type-var]
    # Appends are written in the order they were made.
    assert list(seqs) == list(range(1, 301))
    result = record.verify()
    assert (result.intact, result.entries) == (True, 300)


async def test_when_the_same_message_arrives_twice_in_one_batch_then_it_is_recorded_once(
    record: RecordService,
) -> None:
    seqs = await asyncio.gather(record.append(entry(1)), record.append(entry(1)))
    assert list(seqs) == [1, 1]
    assert record.verify().entries == 1


@given(
    reason=st.text(max_size=30),
    chat=st.integers(min_value=-(2**62), max_value=2**62) | st.none(),
    restricted=st.booleans(),
    moment=st.datetimes(timezones=st.just(UTC)),
)
def test_when_a_header_is_serialised_directly_then_it_is_the_canonical_serialisation(
    reason: str, chat: int | None, restricted: bool, moment: datetime
) -> None:
    row = SimpleNamespace(
        seq=7, kind="message", chat_telegram_id=chat, message_id=None, version=0,
        sender_telegram_id=1004, occurred_at=moment, recorded_at=moment,
        restricted=restricted, personal_data=not restricted, reason=reason, content_hash="ab" * 32,
    )  # fmt: skip
    assert header_bytes(row) == canonical(header_of(row))
