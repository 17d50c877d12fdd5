from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from chatbot.council.file import RetentionSection
from chatbot.db.database import Database
from chatbot.db.models import RecordAccess, RecordDisposal, RecordEntry, RecordFile, RecordPerson
from chatbot.record.retention import RetentionService, years_before
from chatbot.record.service import NewEntry, RecordService, StoredFile
from chatbot.requests.service import RequestKind, RequestService, open_holds

NOW = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)
OLD = datetime(2020, 6, 1, 12, 0, tzinfo=UTC)  # more than six years before NOW
RECENT = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)


@dataclass(frozen=True)
class OpenRequest:
    reference: str
    kind: str
    names: tuple[str, ...] = ()
    telegram_id: int | None = None


def entry(n: int, *, when: datetime = OLD, kind: str = "message", **extra: object) -> NewEntry:
    values: dict[str, object] = {
        "kind": kind, "occurred_at": when, "text": f"message {n}", "sender_id": 1004,
        "sender_name": "Helen Moss", "chat_id": -100, "message_id": n, **extra,
    }  # fmt: skip
    return NewEntry(**values)  # type: ignore[arg-type]


class Requests:
    """The open requests the test holds open."""

    def __init__(self) -> None:
        self.open: list[OpenRequest] = []

    def __call__(self, session: Session) -> Sequence[OpenRequest]:
        del session
        return list(self.open)


@pytest.fixture
def record(database: Database) -> RecordService:
    return RecordService(database)


@pytest.fixture
def requests() -> Requests:
    return Requests()


@pytest.fixture
def retention(database: Database, requests: Requests) -> RetentionService:
    return RetentionService(database, RetentionSection(), holds=requests, clock=lambda: NOW)


def _whole(database: Database) -> list[int]:
    return database.call(
        lambda s: list(
            s.scalars(
                select(RecordEntry.seq)
                .where(RecordEntry.content.is_not(None))
                .order_by(RecordEntry.seq)
            )
        )
    )


@pytest.mark.parametrize(
    ("moment", "years", "expected"),
    [
        (datetime(2026, 12, 1, tzinfo=UTC), 6, datetime(2020, 12, 1, tzinfo=UTC)),
        (datetime(2028, 2, 29, tzinfo=UTC), 1, datetime(2027, 2, 28, tzinfo=UTC)),
    ],
)
def test_when_years_are_counted_back_then_leap_days_fall_on_the_28th(
    moment: datetime, years: int, expected: datetime
) -> None:
    assert years_before(moment, years) == expected


async def test_when_entries_are_past_their_period_then_only_they_are_disposed(
    database: Database, record: RecordService, retention: RetentionService
) -> None:
    await record.append(entry(1))
    await record.append(entry(2, when=RECENT))
    await record.append(entry(3, kind="note", message_id=None, chat_id=None))
    assert await retention.run() == 2
    assert _whole(database) == [2]
    result = record.verify()
    assert (result.intact, result.entries) == (True, 3)


async def test_when_entries_are_disposed_then_the_destruction_register_and_access_log_say_so(
    database: Database, record: RecordService, retention: RetentionService
) -> None:
    await record.append(entry(1))
    await retention.run()

    def read(session: Session) -> tuple[list[tuple[int, str, str]], list[tuple[str, str, int]]]:
        disposals = [(d.seq, d.authority, d.actor) for d in session.scalars(select(RecordDisposal))]
        access = [(a.actor, a.action, a.entries) for a in session.scalars(select(RecordAccess))]
        return disposals, access

    disposals, access = database.call(read)
    assert disposals == [(1, "retention: correspondence, 6 years", "job:retention")]
    assert access == [("job:retention", "dispose", 1)]
    people = database.call(lambda s: s.scalar(select(func.count()).select_from(RecordPerson)))
    assert people == 0


async def test_when_a_type_has_a_longer_period_then_its_entries_are_kept(
    database: Database, record: RecordService, requests: Requests
) -> None:
    retention = RetentionService(
        database, RetentionSection(note=10), holds=requests, clock=lambda: NOW
    )
    await record.append(entry(1, kind="note", message_id=None, chat_id=None))
    await record.append(entry(2))
    assert await retention.run() == 1
    assert _whole(database) == [1]


async def test_when_an_foi_request_is_open_then_nothing_is_disposed(
    database: Database, record: RecordService, retention: RetentionService, requests: Requests
) -> None:
    await record.append(entry(1))
    requests.open.append(OpenRequest("FOI-2026-001", "foi"))
    assert await retention.run() == 0
    assert _whole(database) == [1]
    requests.open.clear()
    assert await retention.run(datetime(2026, 12, 2, 3, 0, tzinfo=UTC)) == 1


async def test_when_a_day_has_been_dealt_with_then_later_ticks_that_day_do_nothing(
    database: Database, record: RecordService, retention: RetentionService
) -> None:
    assert await retention.run() == 0
    await record.append(entry(1))
    assert await retention.run() == 0
    assert await retention.run(datetime(2026, 12, 2, 0, 1, tzinfo=UTC)) == 1


async def test_when_a_subject_access_request_is_open_then_entries_about_the_subject_are_kept(
    database: Database, record: RecordService, retention: RetentionService, requests: Requests
) -> None:
    await record.append(entry(1, sender_id=2001, sender_name="Robert Tate"))
    await record.append(entry(2, text="Spoke to Bob Tate about the hedge"))
    await record.append(entry(3, mentioned_ids=(2001,)))
    await record.append(entry(4, text="the hedge on Mill Lane"))
    requests.open.append(OpenRequest("SAR-2026-001", "sar", ("Robert Tate", "Bob Tate"), 2001))
    assert await retention.run() == 1
    assert _whole(database) == [1, 2, 3]


async def test_when_an_entry_with_a_document_is_disposed_then_the_document_bytes_go_too(
    database: Database, record: RecordService, retention: RetentionService
) -> None:
    document = StoredFile("file-1", "minutes.pdf", "application/pdf", b"%PDF-1.4 minutes")
    attachment = {"kind": "document", "name": "minutes.pdf", "sha256": document.sha256}
    await record.append(entry(1, attachments=(attachment,), files=(document,)))
    await record.append(entry(2, when=RECENT, attachments=(attachment,), files=(document,)))
    await record.append(entry(3, attachments=({**attachment, "sha256": "0" * 64},)))
    await retention.run()
    kept = database.call(lambda s: s.get_one(RecordFile, document.sha256).data)
    assert kept == document.data  # entry 2 still refers to it
    await retention.run(datetime(2032, 1, 1, tzinfo=UTC))  # a later day
    assert database.call(lambda s: s.get_one(RecordFile, document.sha256).data) is None
    assert record.verify().intact


async def test_when_many_entries_are_due_then_every_batch_is_disposed(
    database: Database, record: RecordService, retention: RetentionService
) -> None:
    await database.run(lambda s: record.append_all_in(s, [entry(n) for n in range(1, 1202)]))
    assert await retention.run() == 1201
    assert _whole(database) == []
    contents = database.call(
        lambda s: s.scalar(select(func.count()).where(RecordEntry.salt.is_not(None)))
    )
    assert contents == 0
    assert record.verify().intact
    assert json.loads(
        database.call(lambda s: s.scalars(select(RecordAccess.detail)).first()) or "{}"
    ) == {"first": 1, "last": 500}


async def test_when_requests_are_open_in_the_register_then_their_holds_apply(
    database: Database, record: RecordService
) -> None:
    register = RequestService(database)
    retention = RetentionService(database, RetentionSection(), holds=open_holds)
    await record.append(entry(1, sender_id=2001, sender_name="Robert Tate"))
    await record.append(entry(2, text="Bob Tate rang about the hedge"))
    await record.append(entry(3))
    foi = await register.open(
        kind=RequestKind.FOI, requester="A Journalist", subject="hedges", opened_by=1001,
        received_on=date(2026, 11, 30), now=NOW,
    )  # fmt: skip
    await register.open(
        kind=RequestKind.SAR, requester="Robert Tate", subject="Robert Tate", opened_by=1001,
        aliases=("Bob Tate",), received_on=date(2026, 11, 30), now=NOW,
    )  # fmt: skip
    assert await retention.run(NOW) == 0
    await register.close(foi.reference, closed_by=1001, now=NOW)
    assert await retention.run(NOW + timedelta(days=1)) == 1
    assert _whole(database) == [1, 2]
