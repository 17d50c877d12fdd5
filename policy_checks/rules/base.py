"""What every text rule is: word lists and patterns over the normalised text.

A rule is a small class whose data are class constants:

* ``TERMS``: words and phrases, matched whole-word against the folded view (``fuck*`` also
  matches words that start with ``fuck``). All rules' terms are looked up together in one pass
  over the message's words (:class:`Lexicon`). A term with a symbol in it (``earn £*``) is
  matched as written, as a pattern (:func:`symbol_term_pattern`): words drop symbols, and
  ``earn £*`` must not become ``earn*``.
* ``PATTERNS``: regular expressions over the folded view (lower case, evasions undone).
* ``CLEAN_PATTERNS``: regular expressions over the clean view (case kept), for rules where
  case or punctuation carries meaning.
* ``ALLOW``: phrases that neutralise any hit of the rule they overlap ("blue tit").

Every pattern must be linear-time: bounded quantifiers around anything that can overlap.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from policy_checks.normalise import NormalisedText, Token


@dataclass(frozen=True, slots=True)
class Hit:
    """A span of the original text that breaches ``rule``."""

    rule: str
    start: int
    end: int
    score: float


@dataclass(frozen=True, slots=True)
class _Entry:
    rule: str
    words: tuple[str, ...]
    prefix: bool
    allow: bool


@dataclass(frozen=True, slots=True)
class LexiconMatch:
    """A term (or allow phrase) found in the folded view."""

    rule: str
    start: int
    end: int
    allow: bool


_WORD_CHARS = re.compile(r"[a-z0-9'\-]+")
# A handle: "@" after a space or the start, then up to 32 word characters (not an e-mail).
_HANDLE = re.compile(r"(?<![\w.])@\w{1,32}")


def has_symbols(term: str) -> bool:
    """Whether ``term`` has a character that words cannot carry (``£``, ``%``, ``#``)."""
    return any(not _WORD_CHARS.fullmatch(word) for word in term.rstrip("*").lower().split())


def symbol_term_pattern(term: str) -> str:
    """A folded-view pattern for a term with symbols: words whole, a final ``*`` any rest."""
    prefix = term.endswith("*")
    words = [re.escape(word) for word in term.rstrip("*").lower().split()]
    rest = r"[^\s]{0,40}" if prefix else r"(?![a-z0-9])"
    return r"(?<![a-z0-9])" + r"\s{1,3}".join(words) + r"\s{0,2}" * prefix + rest


def term_words(term: str) -> tuple[tuple[str, ...], bool]:
    """Split a term into folded words; a trailing ``*`` marks a prefix match."""
    prefix = term.endswith("*")
    words = tuple(
        re.sub(r"[^a-z0-9]", "", word) for word in term.rstrip("*").lower().replace("'", "").split()
    )
    return tuple(word for word in words if word), prefix


class Lexicon:
    """Every rule's terms and allow phrases, found in one pass over a message's words."""

    def __init__(self) -> None:
        self._by_first: dict[str, list[_Entry]] = defaultdict(list)
        self._prefixes: dict[str, list[_Entry]] = defaultdict(list)
        self._prefix_lengths: set[int] = set()

    def add(self, rule: str, terms: Iterable[str], *, allow: bool = False) -> None:
        """Add ``terms`` of ``rule`` (as allow phrases when ``allow``)."""
        for term in terms:
            words, prefix = term_words(term)
            if not words:
                continue
            entry = _Entry(rule=rule, words=words, prefix=prefix, allow=allow)
            if prefix and len(words) == 1:
                self._prefixes[words[0]].append(entry)
                self._prefix_lengths.add(len(words[0]))
            else:
                self._by_first[words[0]].append(entry)

    def scan(self, tokens: Sequence[Token]) -> list[LexiconMatch]:
        """Every term occurrence in ``tokens``, with its span in the folded view."""
        found: list[LexiconMatch] = []
        by_first = self._by_first
        prefixes = self._prefixes
        lengths = self._prefix_lengths
        for index, token in enumerate(tokens):
            word = token.text
            for entry in by_first.get(word, ()):
                end = self._match_rest(entry, tokens, index)
                if end is not None:
                    found.append(LexiconMatch(entry.rule, token.start, end, entry.allow))
            for length in lengths:
                if len(word) >= length:
                    for entry in prefixes.get(word[:length], ()):
                        found.append(LexiconMatch(entry.rule, token.start, token.end, entry.allow))
        return found

    @staticmethod
    def _match_rest(entry: _Entry, tokens: Sequence[Token], index: int) -> int | None:
        words = entry.words
        if index + len(words) > len(tokens):
            return None
        for offset in range(1, len(words)):
            token = tokens[index + offset].text
            expected = words[offset]
            last = offset == len(words) - 1
            if not (token == expected or (last and entry.prefix and token.startswith(expected))):
                return None
        return tokens[index + len(words) - 1].end


class TextRule:
    """A rule found by words and patterns; subclasses set the class constants."""

    RULE_ID: ClassVar[str]
    TERMS: ClassVar[tuple[str, ...]] = ()
    PATTERNS: ClassVar[tuple[str, ...]] = ()
    CLEAN_PATTERNS: ClassVar[tuple[str, ...]] = ()
    ALLOW: ClassVar[tuple[str, ...]] = ()
    SCORE: ClassVar[float] = 0.9
    WHY: ClassVar[str] = "uses wording the policy's word list names for this rule"

    def __init__(self, *, extra_terms: Iterable[str] = (), extra_allow: Iterable[str] = ()) -> None:
        terms = (*self.TERMS, *extra_terms)
        self.terms = tuple(term for term in terms if not has_symbols(term))
        self.allow = (*self.ALLOW, *extra_allow)
        symbol_terms = tuple(symbol_term_pattern(t) for t in terms if has_symbols(t))
        self._patterns = _one_pattern((*self.PATTERNS, *symbol_terms))
        self._clean_patterns = _one_pattern(self.CLEAN_PATTERNS)

    def find(self, text: NormalisedText, lexicon: Sequence[LexiconMatch]) -> list[Hit]:
        """Hits of this rule in ``text``, given the lexicon's matches of this rule."""
        allowed = [(m.start, m.end) for m in lexicon if m.allow]
        spans = [(m.start, m.end) for m in lexicon if not m.allow]
        folded = text.folded.text
        for pattern in self._patterns:
            spans.extend(m.span() for m in pattern.finditer(folded) if m.end() > m.start())
        # An @-handle names an account; its letters are not the message's words.
        handles = [m.span() for m in _HANDLE.finditer(folded)] if "@" in folded else []
        hits = [
            self.hit(*text.folded.to_original(start, end))
            for start, end in spans
            if not _overlaps_any(start, end, allowed)
            and not any(s <= start < e for s, e in handles)
        ]
        clean = text.clean
        for pattern in self._clean_patterns:
            hits.extend(
                self.hit(*clean.to_original(*m.span()))
                for m in pattern.finditer(clean.text)
                if m.end() > m.start()
            )
        return hits

    def hit(self, start: int, end: int, score: float | None = None) -> Hit:
        """A hit of this rule over the original span ``[start, end)``."""
        return Hit(self.RULE_ID, start, end, self.SCORE if score is None else score)


def _one_pattern(patterns: Sequence[str]) -> list[re.Pattern[str]]:
    """All of a rule's patterns as one alternation: one scan of the text instead of many."""
    return [re.compile("|".join(f"(?:{p})" for p in patterns))] if patterns else []


def _overlaps_any(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(start < other_end and other_start < end for other_start, other_end in spans)
