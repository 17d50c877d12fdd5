"""Searching the record: text, people and their aliases, chats, local days, who sees what."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import delete, func, select, update

from chatbot.core.access import Role
from chatbot.council.file import CouncilFile
from chatbot.db.database import Database
from chatbot.db.models import RecordAccess, RecordEntry, RecordPerson
from chatbot.members.service import MemberService
from chatbot.record.search import (
    Access,
    SearchQuery,
    SearchResult,
    SearchService,
    Viewer,
    access_for,
    parse_day,
)
from chatbot.record.service import NewEntry, RecordService

CLERK, CHAIR, HELEN, TOM = 1001, 1002, 1004, 1005
COUNCILLORS, ALLOTMENTS = -100, -200

COUNCIL = CouncilFile.model_validate(
    {
        "council": {"name": "Barton-le-Clay Parish Council", "timezone": "Europe/London"},
        "members": [
            {"telegram_id": CLERK, "name": "Jane Smith", "role": "clerk"},
            {"telegram_id": CHAIR, "name": "Peter Hughes", "role": "chair"},
            {"telegram_id": HELEN, "name": "Helen Moss", "aliases": ["Nell", "H. Moss"]},
            {"telegram_id": TOM, "name": "Tom Baker"},
        ],
        "chats": [
            {"telegram_id": COUNCILLORS, "title": "Councillors", "official": True},
            {"telegram_id": ALLOTMENTS, "title": "Allotments working group"},
        ],
    }
)
SENDERS = {CLERK: "Jane Smith", CHAIR: "Peter Hughes", HELEN: "Helen Moss", TOM: "Tom Baker"}
TITLES = {COUNCILLORS: "Councillors", ALLOTMENTS: "Allotments working group"}


def _message(
    n: int, sender: int, text: str, *, chat: int = COUNCILLORS, at: datetime, **extra: Any
) -> NewEntry:
    return NewEntry(
        kind="message", occurred_at=at, text=text, sender_id=sender, sender_name=SENDERS[sender],
        chat_id=chat, chat_title=TITLES[chat], message_id=n, **extra,
    )  # fmt: skip


def _day(day: int, hour: int = 10) -> datetime:
    return datetime(2026, 11, day, hour, tzinfo=UTC)


ENTRIES = [
    _message(1, HELEN, "Grass cutting on Mill Lane is booked", at=_day(2)),
    _message(2, CHAIR, "Nell asked about the hedge on Mill Lane", at=_day(3)),
    _message(3, TOM, "All plots are let, Nell's too", chat=ALLOTMENTS, at=_day(4)),
    _message(4, TOM, "Parnell Road resurfacing starts in all of March", at=_day(5)),
    NewEntry(
        kind="note",
        occurred_at=_day(6),
        text="With: Mrs Moss\nphone call about parking",
        people=("Helen Moss",),
        sender_id=CLERK,
        sender_name="Jane Smith",
    ),
    _message(6, CHAIR, "Thanks for the minutes", at=_day(7), mentioned_ids=(HELEN,)),
    _message(7, TOM, "You are all useless", at=_day(8), restricted=True, reason="removed: abuse"),
    _message(8, HELEN, "My old address was on the agenda", at=_day(9)),
    _message(9, TOM, "Budget is 100% spent; item_2 deferred", at=_day(10)),
]
DISPOSED_SEQ = 8


@pytest.fixture
def search(database: Database) -> SearchService:
    MemberService(database).seed(COUNCIL)
    record = RecordService(database)
    database.call(lambda session: record.append_all_in(session, ENTRIES))
    # Disposal under the retention schedule clears the content, its search text and the
    # entry's people; the hashed header stays.
    database.call(
        lambda session: session.execute(
            update(RecordEntry)
            .where(RecordEntry.seq == DISPOSED_SEQ)
            .values(content=None, salt=None, search_text=None, disposed_at=_day(30))
        )
    )
    database.call(
        lambda session: session.execute(
            delete(RecordPerson).where(RecordPerson.seq == DISPOSED_SEQ)
        )
    )
    return SearchService(database, COUNCIL)


def _run(
    database: Database, search: SearchService, query: SearchQuery, viewer: Viewer
) -> SearchResult:
    return database.call(lambda session: search.search_in(session, query, viewer))


def _seqs(result: SearchResult) -> list[int]:
    return [hit.entry.seq for hit in result.hits]


CLERK_VIEW = Viewer.member(CLERK, Role.CLERK)
CHAIR_VIEW = Viewer.member(CHAIR, Role.CHAIR)
TOM_VIEW = Viewer.member(TOM, Role.COUNCILLOR)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (("mill", "lane"), [2, 1]),
        (("MILL", "hedge"), [2]),
        (("mill", "budget"), []),
        (("councillors",), [9, 7, 6, 4, 2, 1]),  # the chat title is searched; 8 is disposed
    ],
)
def test_when_words_are_searched_then_entries_with_all_of_them_come_newest_first(
    database: Database, search: SearchService, words: tuple[str, ...], expected: list[int]
) -> None:
    result = _run(database, search, SearchQuery(words=words), CLERK_VIEW)
    assert _seqs(result) == expected


def test_when_a_person_is_searched_then_sender_mentions_index_and_aliases_are_found(
    database: Database, search: SearchService
) -> None:
    result = _run(database, search, SearchQuery(person="Helen Moss", limit=None), CLERK_VIEW)
    # 1 sent by her, 2 and 3 name her alias "Nell", 5 a note about her, 6 mentions her,
    # 8 her disposed entry (by its header's sender); 4's "Parnell" is not "Nell".
    assert _seqs(result) == [8, 6, 5, 3, 2, 1]
    assert result.person is not None
    assert result.person.names == ("helen moss", "nell", "h. moss")


def test_when_a_person_is_searched_by_an_alias_then_it_finds_the_same_entries(
    database: Database, search: SearchService
) -> None:
    by_name = _run(database, search, SearchQuery(person="Helen Moss", limit=None), CLERK_VIEW)
    by_alias = _run(database, search, SearchQuery(person="  NELL ", limit=None), CLERK_VIEW)
    assert _seqs(by_alias) == _seqs(by_name)


def test_when_someone_who_is_not_a_member_is_searched_then_their_name_is_looked_for(
    database: Database, search: SearchService
) -> None:
    result = _run(database, search, SearchQuery(person="Mrs Moss"), CLERK_VIEW)
    assert _seqs(result) == [5]


@pytest.mark.parametrize(
    ("chat", "expected"), [("allotments", [3]), (str(ALLOTMENTS), [3]), ("nope", [])]
)
def test_when_a_chat_is_named_then_only_its_entries_are_found(
    database: Database, search: SearchService, chat: str, expected: list[int]
) -> None:
    result = _run(database, search, SearchQuery(chat=chat), CLERK_VIEW)
    assert _seqs(result) == expected


def test_when_dates_are_given_then_they_are_whole_local_days_inclusive(
    database: Database, search: SearchService
) -> None:
    query = SearchQuery(start=date(2026, 11, 3), end=date(2026, 11, 5))
    assert _seqs(_run(database, search, query, CLERK_VIEW)) == [4, 3, 2]


@pytest.mark.parametrize(
    ("moment", "found"),
    [
        (datetime(2026, 6, 30, 22, 59, 59, tzinfo=UTC), False),  # 23:59:59 on 30 June in BST
        (datetime(2026, 6, 30, 23, 0, tzinfo=UTC), True),  # midnight starting 1 July, BST
        (datetime(2026, 7, 1, 22, 59, 59, tzinfo=UTC), True),
        (datetime(2026, 7, 1, 23, 0, tzinfo=UTC), False),  # midnight starting 2 July
    ],
)
def test_when_an_entry_is_at_the_edge_of_a_local_day_then_the_council_time_zone_decides(
    database: Database, search: SearchService, moment: datetime, found: bool
) -> None:
    record = RecordService(database)
    database.call(lambda s: record.append_in(s, _message(50, HELEN, "Summer fete", at=moment)))
    query = SearchQuery(words=("fete",), start=date(2026, 7, 1), end=date(2026, 7, 1))
    assert bool(_run(database, search, query, CLERK_VIEW).hits) is found


def test_when_the_clerk_searches_then_restricted_entries_are_shown_and_flagged(
    database: Database, search: SearchService
) -> None:
    hit = _run(database, search, SearchQuery(words=("useless",)), CLERK_VIEW).hits[0]
    assert (hit.entry.restricted, hit.withheld, hit.entry.text) == (
        True,
        False,
        "You are all useless",
    )


def test_when_the_chair_searches_then_restricted_entries_are_listed_without_content(
    database: Database, search: SearchService
) -> None:
    result = _run(database, search, SearchQuery(person="Tom Baker", limit=None), CHAIR_VIEW)
    assert _seqs(result) == [9, 7, 4, 3]
    withheld = {hit.entry.seq: (hit.withheld, hit.entry.text) for hit in result.hits}
    assert withheld[7] == (True, "")
    assert withheld[9][0] is False


@pytest.mark.parametrize("viewer", [CHAIR_VIEW, TOM_VIEW])
def test_when_someone_who_may_not_read_it_searches_its_words_then_a_withheld_entry_is_not_found(
    database: Database, search: SearchService, viewer: Viewer
) -> None:
    assert _run(database, search, SearchQuery(words=("useless",)), viewer).hits == ()
    assert _seqs(_run(database, search, SearchQuery(words=("useless",)), CLERK_VIEW)) == [7]


def test_when_a_councillor_searches_then_only_entries_they_sent_are_found(
    database: Database, search: SearchService
) -> None:
    everything = SearchQuery(start=date(2026, 1, 1), end=date(2026, 12, 31), limit=None)
    result = _run(database, search, everything, TOM_VIEW)
    assert _seqs(result) == [9, 7, 4, 3]
    assert {hit.entry.sender_id for hit in result.hits} == {TOM}
    assert next(h for h in result.hits if h.entry.seq == 7).withheld
    assert _seqs(_run(database, search, SearchQuery(words=("mill",)), TOM_VIEW)) == []


@pytest.mark.parametrize(
    ("role", "access"),
    [
        (Role.CLERK, Access.FULL),
        (Role.ASSISTANT_CLERK, Access.FULL),
        (Role.CHAIR, Access.LISTED),
        (Role.VICE_CHAIR, Access.OWN),
        (Role.COUNCILLOR, Access.OWN),
    ],
)
def test_when_a_role_searches_then_its_access_is_decided_in_one_place(
    role: Role, access: Access
) -> None:
    assert access_for(role) is access


def test_when_an_entry_was_disposed_of_then_it_is_a_tombstone(
    database: Database, search: SearchService
) -> None:
    query = SearchQuery(start=date(2026, 11, 9), end=date(2026, 11, 9))
    hit = _run(database, search, query, CLERK_VIEW).hits[0]
    assert hit.entry.seq == DISPOSED_SEQ
    assert (hit.entry.disposed, hit.entry.text, hit.entry.sender_name) == (True, "", "")
    assert _run(database, search, SearchQuery(words=("agenda",)), CLERK_VIEW).hits == ()


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (("'; DROP TABLE record_entries; --",), []),
        (('" OR 1=1 --',), []),
        (("%",), [9]),
        (("_",), [9]),
        (("0%",), [9]),
        (("e_",), []),  # a wildcard would find "the" and "hedge"
        (("\\",), []),
    ],
)
def test_when_a_search_looks_like_sql_or_wildcards_then_it_is_only_text(
    database: Database, search: SearchService, words: tuple[str, ...], expected: list[int]
) -> None:
    assert _seqs(_run(database, search, SearchQuery(words=words), CLERK_VIEW)) == expected
    count = database.call(lambda s: s.scalar(select(func.count()).select_from(RecordEntry)))
    assert count == len(ENTRIES)


def test_when_a_person_name_looks_like_sql_then_nothing_is_found(
    database: Database, search: SearchService
) -> None:
    query = SearchQuery(person="x' OR '1'='1")
    assert _run(database, search, query, CLERK_VIEW).hits == ()


def test_when_there_are_more_matches_than_the_limit_then_the_newest_are_given(
    database: Database, search: SearchService
) -> None:
    result = _run(database, search, SearchQuery(person="Helen Moss", limit=2), CLERK_VIEW)
    assert (_seqs(result), result.more) == ([8, 6], True)


def test_when_a_search_is_made_then_the_access_log_says_who_what_and_how_many(
    database: Database, search: SearchService
) -> None:
    _run(database, search, SearchQuery(words=("mill",), person="Nell"), CHAIR_VIEW)
    rows = database.call(lambda s: list(s.scalars(select(RecordAccess))))
    assert [(r.actor, r.action, r.entries) for r in rows] == [(f"tg:{CHAIR}", "search", 2)]
    detail = json.loads(rows[0].detail)
    assert (detail["words"], detail["person"], detail["access"]) == (["mill"], "Nell", "listed")


async def test_when_searching_from_the_bot_then_it_runs_off_the_loop_and_is_logged(
    database: Database, search: SearchService
) -> None:
    result = await search.search(SearchQuery(words=("hedge",)), CLERK_VIEW)
    assert _seqs(result) == [2]
    actions = database.call(lambda s: list(s.scalars(select(RecordAccess.action))))
    assert actions == ["search"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-01", date(2026, 12, 1)),
        ("01/12/2026", date(2026, 12, 1)),
        ("1/2/2026", date(2026, 2, 1)),
        ("31/11/2026", None),
        ("12/01", None),
        ("tomorrow", None),
    ],
)
def test_when_a_day_is_written_iso_or_british_then_it_is_read(
    text: str, expected: date | None
) -> None:
    assert parse_day(text) == expected
