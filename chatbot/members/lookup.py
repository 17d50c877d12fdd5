"""Finding the person a command means from what the Clerk typed: an id, an @username or a name.

The one resolver of people typed in commands (``/pardon helen``, ``/role moss vice chair``,
``/remove @helenmoss``, ``/strikes 1004``). Pure: it is given the roster and the usernames
the bot has seen, and says who was meant, that several members fit, or that nobody does (with
the closest names). The Telegram side (a reply to someone's message, a mention) is
:mod:`chatbot.telegram.handlers.people`.

Names are matched without regard to case, titles ("Cllr", "Mrs") or punctuation, best first:
the whole name; then every word typed being a word of the name ("moss"); then every word
typed starting a word of the name ("hel", "h moss"); then the words appearing anywhere in
it. The first of these that any member fits decides: one member is found, several are offered
to choose from.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final

from chatbot.members.service import MemberView

MAX_CLOSEST: Final[int] = 3
"""How many near names a "nobody is called that" answer offers."""
CLOSE_ENOUGH: Final[float] = 0.6
"""How alike (0 to 1, :class:`difflib.SequenceMatcher`) a name must be to be offered."""
TITLES: Final[frozenset[str]] = frozenset(
    {"cllr", "councillor", "mr", "mrs", "ms", "miss", "mx", "dr"}
)
_ID: Final[re.Pattern[str]] = re.compile(r"-?[0-9]{1,19}")
_INT64: Final[int] = 2**63
_NOT_NAME: Final[re.Pattern[str]] = re.compile(r"[^\w\s'-]+")


@dataclass(frozen=True, slots=True)
class Person:
    """Whom a command is about: a member, or someone who is not one (a sender with strikes)."""

    telegram_id: int
    member: MemberView | None = None
    seen_as: str = ""  # a non-member's display name as Telegram gave it (data, not a name)

    @property
    def name(self) -> str:
        """How the Clerk is told who this is: the registered name, else a non-member, as data."""
        if self.member is not None:
            return self.member.name
        shown = " ".join(self.seen_as.split())[:40]
        return (
            f'a non-member ("{shown}", id {self.telegram_id})'
            if shown
            else (f"a non-member (id {self.telegram_id})")
        )


@dataclass(frozen=True, slots=True)
class Found:
    """Exactly one person fits."""

    person: Person


@dataclass(frozen=True, slots=True)
class Several:
    """More than one member fits: the Clerk chooses."""

    members: tuple[MemberView, ...]


@dataclass(frozen=True, slots=True)
class NoMatch:
    """Nobody fits ``wanted``; ``closest`` are the nearest members' names, best first."""

    wanted: str
    closest: tuple[str, ...] = field(default=())


Lookup = Found | Several | NoMatch


def find_person(
    wanted: str,
    members: Sequence[MemberView],
    *,
    usernames: Mapping[str, int] | None = None,
    seen: Mapping[int, str] | None = None,
) -> Lookup:
    """Who ``wanted`` means among ``members``.

    ``wanted`` is a Telegram id (a member's, or anyone's), an @username (``usernames`` maps
    the ones the bot has seen, lower case without the @, to ids), or a name or part of one.
    ``seen`` maps ids to the display names of people the bot has seen, for non-members.
    """
    text = " ".join(wanted.split())
    roster = {m.telegram_id: m for m in members}
    if _ID.fullmatch(text) and -_INT64 <= int(text) < _INT64:
        telegram_id = int(text)
        return Found(_person(telegram_id, roster, seen))
    if text.startswith("@") and len(text) > 1:
        handle = text[1:].casefold()
        known = (usernames or {}).get(handle)
        if known is not None:
            return Found(_person(known, roster, seen))
        # Not seen yet: a username is often the name run together ("@helenmoss").
        compact = [m for m in members if _compact(m.name) == _compact(handle)]
        if len(compact) == 1:
            return Found(Person(compact[0].telegram_id, compact[0]))
        text = handle
    words = _words(text)
    if not words:
        return NoMatch(wanted.strip())
    for fits in _TIERS:
        matched = tuple(m for m in members if fits(words, _words(m.name)))
        if len(matched) == 1:
            return Found(Person(matched[0].telegram_id, matched[0]))
        if matched:
            return Several(matched)
    return NoMatch(wanted.strip(), closest(" ".join(words), members))


def closest(wanted: str, members: Sequence[MemberView]) -> tuple[str, ...]:
    """The members' names nearest ``wanted`` (as a whole, or word by word), best first."""
    scored: list[tuple[float, str]] = []
    typed = _words(wanted)
    for member in members:
        name = _words(member.name)
        whole = difflib.SequenceMatcher(None, " ".join(typed), " ".join(name)).ratio()
        by_word = max(
            (difflib.SequenceMatcher(None, t, n).ratio() for t in typed for n in name),
            default=0.0,
        )
        score = max(whole, by_word)
        if score >= CLOSE_ENOUGH:
            scored.append((score, member.name))
    scored.sort(key=lambda item: (-item[0], item[1]))
    return tuple(name for _, name in scored[:MAX_CLOSEST])


def _person(
    telegram_id: int, roster: Mapping[int, MemberView], seen: Mapping[int, str] | None
) -> Person:
    member = roster.get(telegram_id)
    if member is not None:
        return Person(telegram_id, member)
    return Person(telegram_id, seen_as=(seen or {}).get(telegram_id, ""))


def _words(text: str) -> list[str]:
    words = _NOT_NAME.sub(" ", text.casefold()).replace("-", " ").split()
    kept = [w for w in words if w.strip("'") not in TITLES]
    return kept or words  # "Mr" alone is still something to look for


def _compact(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _whole(typed: list[str], name: list[str]) -> bool:
    return typed == name


def _whole_words(typed: list[str], name: list[str]) -> bool:
    """Every typed word is a word of the name ("moss" is Helen Moss's, not Ross Mossop's)."""
    return all(word in name for word in typed)


def _starts(typed: list[str], name: list[str]) -> bool:
    """Every typed word starts a different word of the name, in order."""
    at = 0
    for word in typed:
        while at < len(name) and not name[at].startswith(word):
            at += 1
        if at == len(name):
            return False
        at += 1
    return True


def _inside(typed: list[str], name: list[str]) -> bool:
    joined = " ".join(name)
    return all(word in joined for word in typed)


_TIERS: Final[tuple[Callable[[list[str], list[str]], bool], ...]] = (
    _whole,
    _whole_words,
    _starts,
    _inside,
)
