"""Searching the Clerk's official record, and who may see what of it.

A search filters by words (all must appear, case-insensitive), by a person (as sender or
mentioned, through the people index, or named in the text by their name or an alias), by chat
and by local dates. What a searcher sees is decided in one place, :func:`access_for`:

- the Clerk and the Assistant Clerk (and the command line) see everything, restricted entries
  included and flagged;
- the Chair sees every entry, but a restricted entry's content is withheld;
- any other member sees only entries they sent (restricted ones withheld).

A withheld entry is never found by what it says (its words, or a name in it), which would
reveal its content; only by its sender, date and chat.

Disposed entries are tombstones (no content), whoever looks. Every search is written to the
record's access log in the same transaction. Search terms are only ever bound parameters.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from typing import Any, Final
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, Select, and_, or_, select
from sqlalchemy.orm import Session

from chatbot.core.access import Role
from chatbot.core.dates import parse_day, range_problem
from chatbot.council.file import CouncilFile
from chatbot.db.base import LIKE_ESCAPE, like_anywhere
from chatbot.db.database import Database
from chatbot.db.models import Chat, Member, RecordEntry, RecordPerson
from chatbot.errors import UsageError
from chatbot.record.access_log import Action, log_access, telegram_actor
from chatbot.record.entry import valid_text
from chatbot.record.service import fold_name, person_by_id, person_by_name
from chatbot.record.view import EntryView, view_of

__all__ = [
    "Access",
    "Hit",
    "Person",
    "SearchQuery",
    "SearchResult",
    "SearchService",
    "Viewer",
    "access_for",
    "day_bounds",
    "parse_day",
    "require_day",
]

DEFAULT_LIMIT: Final[int] = 20
_BATCH: Final[int] = 2000


class Access(StrEnum):
    """How much of the record a searcher may see."""

    FULL = "full"  # everything, restricted entries flagged
    LISTED = "listed"  # everything listed, restricted content withheld
    OWN = "own"  # only entries they sent, restricted content withheld


_ACCESS_BY_ROLE: Final[dict[Role, Access]] = {
    Role.CLERK: Access.FULL,
    Role.ASSISTANT_CLERK: Access.FULL,
    Role.CHAIR: Access.LISTED,
}


def access_for(role: Role) -> Access:
    """What a member with ``role`` may see of the record: the one place this is decided."""
    return _ACCESS_BY_ROLE.get(role, Access.OWN)


@dataclass(frozen=True, slots=True)
class Viewer:
    """Who is searching (the access log's actor) and what they may see."""

    actor: str
    access: Access
    telegram_id: int | None = None

    @classmethod
    def member(cls, telegram_id: int, role: Role) -> Viewer:
        """A member searching through Telegram."""
        return cls(telegram_actor(telegram_id), access_for(role), telegram_id)

    @classmethod
    def command_line(cls, user: str) -> Viewer:
        """Someone at the server's command line (the Clerk's own tool): full access."""
        return cls(f"cli:{user}", Access.FULL)


def text_only(value: str) -> str:
    """What a search can match: without NUL characters, lone surrogates made U+FFFD.

    The record never holds one, and PostgreSQL refuses them in any statement, so a search for
    one failed with a database error (and the Clerk got no answer) instead of finding nothing.
    A lone UTF-16 surrogate cannot be sent to the database at all; the record stores it as
    U+FFFD (:func:`valid_text`), so that is what is looked for.
    """
    return valid_text(value.replace("\x00", ""))


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """What to look for; every filter given must match. Dates are local and inclusive."""

    words: tuple[str, ...] = ()
    person: str | None = None  # a name, an alias, or a Telegram id
    chat: str | None = None  # a chat's title (or part of it), or its Telegram id
    start: date | None = None
    end: date | None = None
    limit: int | None = DEFAULT_LIMIT  # None: every match
    newest_first: bool = True

    def __post_init__(self) -> None:
        words = tuple(w for w in (text_only(w) for w in self.words) if w)
        object.__setattr__(self, "words", words)
        object.__setattr__(self, "person", text_only(self.person) if self.person else None)
        object.__setattr__(self, "chat", text_only(self.chat) if self.chat else None)

    def describe(self) -> dict[str, object]:
        """The filters, for the access log."""
        return {
            "words": list(self.words),
            "person": self.person,
            "chat": self.chat,
            "from": self.start.isoformat() if self.start else None,
            "to": self.end.isoformat() if self.end else None,
            "limit": self.limit,
        }


@dataclass(frozen=True, slots=True)
class Person:
    """The person a search is about: their Telegram id (when known) and every name for them."""

    telegram_id: int | None
    names: tuple[str, ...]  # folded: the name first, then the aliases

    @property
    def index_keys(self) -> list[str]:
        """Their keys in the people index."""
        keys = [person_by_name(name) for name in self.names]
        if self.telegram_id is not None:
            keys.append(person_by_id(self.telegram_id))
        return keys


@dataclass(frozen=True, slots=True)
class Hit:
    """One entry found, as the searcher may see it."""

    entry: EntryView
    withheld: bool = False  # restricted content the searcher may not see


@dataclass(frozen=True, slots=True)
class SearchResult:
    """The entries found (newest first unless asked otherwise) and whether there were more."""

    hits: tuple[Hit, ...]
    more: bool = False
    person: Person | None = None


def day_bounds(day: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """The UTC moments a local day starts and ends (exclusive); right across clock changes."""
    start = datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone).astimezone(UTC)
    return start, end


def _name_pattern(names: Sequence[str]) -> re.Pattern[str]:
    """Any of ``names`` as whole words (so the alias "Al" does not find "all")."""
    alternatives = (r"\s+".join(re.escape(part) for part in name.split()) for name in names)
    return re.compile(rf"(?<!\w)(?:{'|'.join(alternatives)})(?!\w)")


_E = RecordEntry
_COLUMNS: Final = (
    _E.seq, _E.kind, _E.occurred_at, _E.recorded_at, _E.chat_telegram_id, _E.message_id,
    _E.version, _E.sender_telegram_id, _E.restricted, _E.personal_data, _E.reason, _E.hash,
    _E.content,
)  # fmt: skip


class SearchService:
    """Searches the record for members and for the Clerk's exports."""

    def __init__(self, database: Database, council: CouncilFile) -> None:
        self._db = database
        self.zone = ZoneInfo(council.council.timezone)
        self._members = council.members
        self._aliases: dict[int, tuple[str, ...]] = {
            m.telegram_id: m.aliases for m in council.members if m.aliases
        }

    # asking ----------------------------------------------------------------------------

    async def search(self, query: SearchQuery, viewer: Viewer) -> SearchResult:
        """Search off the event loop; the search is logged."""
        return await self._db.run(lambda session: self.search_in(session, query, viewer))

    def search_in(self, session: Session, query: SearchQuery, viewer: Viewer) -> SearchResult:
        """Search within the caller's transaction, and log it there."""
        person = self.person_in(session, query.person) if query.person else None
        hits: list[Hit] = []
        more = False
        for hit in self._hits(session, query, viewer, person):
            if query.limit is not None and len(hits) >= query.limit:
                more = True
                break
            hits.append(hit)
        self._log(session, viewer, "search", query, len(hits))
        return SearchResult(hits=tuple(hits), more=more, person=person)

    def each_in(
        self,
        session: Session,
        query: SearchQuery,
        viewer: Viewer,
        *,
        action: Action = "export",
        detail: dict[str, object] | None = None,
    ) -> Iterator[Hit]:
        """Stream every match (no limit), read in batches; logged once the stream ends.

        The access log records how many entries were handed out, so consume the stream
        within the transaction that ``session`` belongs to.
        """
        person = self.person_in(session, query.person) if query.person else None
        count = 0
        for hit in self._hits(session, replace(query, limit=None), viewer, person):
            count += 1
            yield hit
        self._log(session, viewer, action, query, count, extra=detail)

    def person_in(self, session: Session, text: str) -> Person:
        """Who ``text`` names: a member (by id, name or alias) with all their names, or a name.

        Members are those in the members table (names changed at run time) and in the council
        file (which holds their aliases).
        """
        folded = fold_name(text)
        names_by_id: dict[int, list[str]] = {}
        for telegram_id, name in session.execute(select(Member.telegram_id, Member.name)):
            names_by_id.setdefault(int(telegram_id), []).append(fold_name(name))
        for member in self._members:
            names_by_id.setdefault(member.telegram_id, []).append(fold_name(member.name))
        for telegram_id, names in names_by_id.items():
            every = [*names, *(fold_name(a) for a in self._aliases.get(telegram_id, ()))]
            if folded in every or folded == str(telegram_id):
                unique = tuple(dict.fromkeys(n for n in every if n))
                return Person(telegram_id=telegram_id, names=unique)
        if folded.isdigit():
            return Person(telegram_id=int(folded), names=())
        return Person(telegram_id=None, names=(folded,) if folded else ())

    # the query -------------------------------------------------------------------------

    def _hits(
        self, session: Session, query: SearchQuery, viewer: Viewer, person: Person | None
    ) -> Iterator[Hit]:
        statement = self._statement(session, query, viewer, person)
        if statement is None:
            return
        pattern = _name_pattern(person.names) if person is not None and person.names else None
        # Fetch about a page when a page is asked for (#16): a batch of 2,000 read 2,000
        # matches to show 20. Rows a person's names rule out only mean another fetch.
        batch = _BATCH if query.limit is None else min(_BATCH, query.limit + 1)
        rows = session.execute(statement.execution_options(yield_per=batch))
        for part in rows.partitions():
            if person is None:
                yield from (_hit(view_of(row), viewer) for row in part)
                continue
            # The SQL found the name anywhere; keep whole-word mentions, what they sent, and
            # what the people index lists. The index is asked only about the rows that need
            # it, through its index on seq (#16): it used to be read whole for the person
            # (thousands of rows) before the first entry.
            undecided = {
                row.seq
                for row in part
                if (person.telegram_id is None or row.sender_telegram_id != person.telegram_id)
                and (pattern is None or not pattern.search(row.search_text or ""))
            }
            indexed = _indexed(session, sorted(undecided), person) if undecided else set()
            yield from (
                _hit(view_of(row), viewer)
                for row in part
                if row.seq in indexed or row.seq not in undecided
            )

    def _statement(
        self, session: Session, query: SearchQuery, viewer: Viewer, person: Person | None
    ) -> Select[*tuple[Any, ...]] | None:
        conditions: list[ColumnElement[bool]] = []
        if viewer.access is Access.OWN:
            if viewer.telegram_id is None:
                return None
            conditions.append(_E.sender_telegram_id == viewer.telegram_id)
        if query.start is not None:
            conditions.append(_E.occurred_at >= day_bounds(query.start, self.zone)[0])
        if query.end is not None:
            conditions.append(_E.occurred_at < day_bounds(query.end, self.zone)[1])
        if query.chat is not None:
            chats = self._chat_ids(session, query.chat)
            if not chats:
                return None
            conditions.append(_E.chat_telegram_id.in_(chats))
        # What the entry says: its words, and the people it names or mentions.
        content: list[ColumnElement[bool]] = [
            _E.search_text.like(like_anywhere(word.casefold()), escape=LIKE_ESCAPE)
            for word in query.words
            if word.strip()
        ]
        if person is not None:
            about: list[ColumnElement[bool]] = []
            if person.telegram_id is not None:
                # The header keeps the sender after disposal, when the people index forgets.
                about.append(_E.sender_telegram_id == person.telegram_id)
            about += [
                _E.search_text.like(like_anywhere(name), escape=LIKE_ESCAPE)
                for name in person.names
            ]
            # The people index last (#16): SQLite reads the person's index rows only when a
            # row's own columns did not already decide, so a page of what they sent or are
            # named in does not read every entry they were ever indexed in.
            about.append(
                _E.seq.in_(
                    select(RecordPerson.seq).where(RecordPerson.person.in_(person.index_keys))
                )
            )
            content.append(or_(*about))
        if content and viewer.access is not Access.FULL:
            conditions.append(_readable_or_sent(content, query, person))
        else:
            conditions += content
        order = (
            (_E.occurred_at.desc(), _E.seq.desc())
            if query.newest_first
            else (_E.occurred_at, _E.seq)
        )
        # The search text is read only to check a person's names in it.
        columns = (*_COLUMNS, _E.search_text) if person is not None else _COLUMNS
        return select(*columns).where(*conditions).order_by(*order)

    @staticmethod
    def _chat_ids(session: Session, chat: str) -> list[int]:
        """The chats ``chat`` names: by Telegram id, else by title (or part of one)."""
        text = chat.strip()
        if re.fullmatch(r"-?\d+", text):
            return [int(text)]
        folded = fold_name(text)
        return [
            int(telegram_id)
            for telegram_id, title in session.execute(select(Chat.telegram_id, Chat.title))
            if folded and folded in fold_name(title)
        ]

    def _log(
        self,
        session: Session,
        viewer: Viewer,
        action: Action,
        query: SearchQuery,
        count: int,
        *,
        extra: dict[str, object] | None = None,
    ) -> None:
        detail = {**query.describe(), "access": viewer.access.value, **(extra or {})}
        log_access(session, actor=viewer.actor, action=action, detail=detail, entries=count)


def _indexed(session: Session, seqs: list[int], person: Person) -> set[int]:
    """Which of the entries ``seqs`` the people index lists as sent by or mentioning ``person``."""
    return set(
        session.scalars(
            select(RecordPerson.seq).where(
                RecordPerson.seq.in_(seqs), RecordPerson.person.in_(person.index_keys)
            )
        )
    )


def _readable_or_sent(
    content: list[ColumnElement[bool]], query: SearchQuery, person: Person | None
) -> ColumnElement[bool]:
    """Match what entries say, except withheld ones: those only by who sent them.

    Finding a restricted entry by its words (for someone who may not read it) would reveal
    what it says; finding it by its sender, date or chat does not.
    """
    readable = and_(_E.restricted.is_(False), *content)
    if query.words or person is None or person.telegram_id is None:
        return readable
    return or_(readable, and_(_E.restricted.is_(True), _E.sender_telegram_id == person.telegram_id))


def _hit(view: EntryView, viewer: Viewer) -> Hit:
    """The entry as ``viewer`` may see it."""
    if view.restricted and not view.disposed and viewer.access is not Access.FULL:
        return Hit(entry=replace(view, text="", attachments=()), withheld=True)
    return Hit(entry=view)


def require_day(text: str, *, name: str, today: date | None = None) -> date:
    """``text`` as a day, or a :class:`UsageError` naming the option.

    With ``today``, a day without a year or a relative one (``1/12``, ``yesterday``) is read as
    the last such day, as the commands read them.
    """
    day = parse_day(text, today=today, direction="past")
    if day is None and (problem := range_problem(text, today=today, direction="past")):
        raise UsageError(f"{name}: {problem}")
    if day is None:
        raise UsageError(f"{name}: {text!r} is not a date (use 2026-12-01 or 01/12/2026)")
    return day
