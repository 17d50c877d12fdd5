"""Normalise text so evasions are seen through, keeping a map back to the original offsets.

Two views of a message are built:

* ``clean``: Unicode compatibility forms folded (NFKC-like, accents stripped), zero-width and
  bidi controls and blank fillers (U+3164 Hangul filler, U+2800 Braille blank) removed,
  homoglyphs (Cyrillic and Greek look-alikes) mapped to Latin letters, every space character
  made a plain space. Personal-data recognisers read this view.
* ``folded``: ``clean`` lower-cased, with leetspeak undone inside words (``sh1t``), spaced
  letters joined (``f u c k``) and long runs of one letter shortened (``fuuuck``). Word-list
  rules read this view.

Every character of a view remembers the offset of the original character it came from, so a
span found in either view maps back to a span of the text the user wrote.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Final

_HOMOGLYPHS: Final[dict[str, str]] = {
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p",
    "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ї": "i", "ј": "j", "ԁ": "d",
    "ɡ": "g", "һ": "h", "ԛ": "q", "ԝ": "w", "ү": "y", "ӏ": "l",
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C",
    "Т": "T", "У": "Y", "Х": "X", "Ѕ": "S", "І": "I", "Ј": "J", "Ԁ": "D", "Ү": "Y", "Ӏ": "I",
    # Greek
    "α": "a", "ο": "o", "ρ": "p", "ν": "v", "ι": "i", "κ": "k", "τ": "t", "υ": "u", "χ": "x",
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N",
    "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
    # Latin look-alikes outside ASCII that NFKD keeps
    "ı": "i", "ȷ": "j", "ł": "l", "ø": "o", "Ø": "O", "đ": "d", "ß": "ss", "æ": "ae",
}  # fmt: skip
_QUOTES: Final[str] = "\u2018\u2019\u201b\u02bc\u02b9\u00b4\u0060\u2032"
_DASHES: Final[str] = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_LEET: Final[dict[str, str]] = {
    "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b",
    "@": "a", "$": "s", "!": "i", "|": "l",
}  # fmt: skip
_LEET_PUNCTUATION: Final[frozenset[str]] = frozenset("@$!|")
# Blank characters that Unicode counts as letters or symbols, used to pad words invisibly:
# Hangul fillers, the blank Braille pattern, Khmer inherent vowels, the Mongolian separator.
_FILLERS: Final[frozenset[str]] = frozenset("\u115f\u1160\u3164\uffa0\u2800\u17b4\u17b5\u180e")

_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
# A run of word characters that contains at least one leetspeak character.
_LEET_RUN = re.compile(r"(?<![a-z0-9@$!|])(?=[a-z0-9@$!|]{0,63}[0-9@$!|])[a-z0-9@$!|]{2,64}")
# Three or more single letters each separated by one separator: "f u c k", "f.u.c.k".
_SPACE_RUN = re.compile(r" {2,}")
_SPACED = re.compile(r"(?<![a-z0-9])[a-z0-9](?:[ .\-_*][a-z0-9](?![a-z0-9])){2,}")
_REPEATS = re.compile(r"([a-z])\1{2,}")
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)*")


@dataclass(frozen=True, slots=True)
class TextView:
    """A transformed text and, per character, the offset of its source in the original."""

    text: str
    origin: Sequence[int] | None = None  # None: the identity map
    # Per character, where its source ends in the original: past any characters removed
    # right after it (a combining mark, a zero-width joiner), so a span covers them too.
    ends: Sequence[int] | None = None

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map the span ``[start, end)`` of this view onto the original text."""
        if self.origin is None:
            return start, end
        if end <= start:
            at = self.origin[start] if start < len(self.origin) else self._end()
            return at, at
        return self.origin[start], self._end_of(end - 1)

    def origins(self) -> list[int]:
        """The origin map as a list (materialised for the identity map)."""
        return list(range(len(self.text))) if self.origin is None else list(self.origin)

    def end_map(self) -> list[int]:
        """The end map as a list (materialised when absent)."""
        if self.ends is not None:
            return list(self.ends)
        return [index + 1 for index in self.origins()]

    def _end_of(self, index: int) -> int:
        if self.ends is not None:
            return self.ends[index]
        assert self.origin is not None
        return self.origin[index] + 1

    def _end(self) -> int:
        return self._end_of(len(self.text) - 1) if self.text else 0


@dataclass(frozen=True, slots=True)
class Token:
    """A word of the folded view: its text (apostrophes removed) and its span in that view."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class NormalisedText:
    """A message and its ``clean`` and ``folded`` views."""

    original: str
    clean: TextView
    folded: TextView

    @cached_property
    def tokens(self) -> tuple[Token, ...]:
        """The words of the folded view, in order."""
        return tuple(
            Token(m.group().replace("'", ""), m.start(), m.end())
            for m in _TOKEN.finditer(self.folded.text)
        )


def normalise(text: str) -> NormalisedText:
    """Build the ``clean`` and ``folded`` views of ``text``."""
    clean = _clean(text)
    return NormalisedText(original=text, clean=clean, folded=_fold(clean))


@lru_cache(maxsize=4096)
def _clean_char(ch: str) -> str:
    """Fold one non-ASCII character; an empty result removes it."""
    if ch in _FILLERS:
        return ""
    category = unicodedata.category(ch)
    if category in {"Cf", "Mn", "Me", "Cc", "Cs", "Co"}:
        return ""
    if category == "Zs":
        return " "
    if category in {"Zl", "Zp"}:
        return "\n"
    if ch in _QUOTES:
        return "'"
    if ch in _DASHES:
        return "-"
    if ch in _HOMOGLYPHS:
        return _HOMOGLYPHS[ch]
    decomposed = unicodedata.normalize("NFKD", ch)
    return "".join(_HOMOGLYPHS.get(c, c) for c in decomposed if not unicodedata.combining(c))


def _clean(text: str) -> TextView:
    if text.isascii():
        return TextView(text)
    out: list[str] = []
    origin: list[int] = []
    ends: list[int] = []
    pos = 0
    for match in _NON_ASCII.finditer(text):
        start, end = match.span()
        out.append(text[pos:start])
        origin.extend(range(pos, start))
        ends.extend(range(pos + 1, start + 1))
        for index in range(start, end):
            folded = _clean_char(text[index])
            if folded:
                out.append(folded)
                origin.extend([index] * len(folded))
                ends.extend([index + 1] * len(folded))
            elif ends:
                # A removed character belongs to the one before it.
                ends[-1] = index + 1
        pos = end
    out.append(text[pos:])
    origin.extend(range(pos, len(text)))
    ends.extend(range(pos + 1, len(text) + 1))
    return TextView("".join(out), origin, ends)


def _fold(clean: TextView) -> TextView:
    lowered = clean.text.lower()
    view = (
        TextView(lowered, clean.origin, clean.ends)
        if len(lowered) == len(clean.text)
        else _per_char_lower(clean)
    )
    view = _undo_leet(view)
    view = _keep_only(view, _SPACED, lambda m: range(m.start(), m.end(), 2))
    # Words spread apart ("v o t e   r e f o r m", "vote    labour") read as one phrase.
    view = _keep_only(view, _SPACE_RUN, lambda m: (m.start(),))
    return _keep_only(view, _REPEATS, lambda m: (m.start(),))


def _per_char_lower(view: TextView) -> TextView:
    out: list[str] = []
    origin: list[int] = []
    ends: list[int] = []
    for ch, source, source_end in zip(view.text, view.origins(), view.end_map(), strict=True):
        low = ch.lower()
        out.append(low)
        origin.extend([source] * len(low))
        ends.extend([source_end] * len(low))
    return TextView("".join(out), origin, ends)


def _undo_leet(view: TextView) -> TextView:
    """Map leetspeak inside words with at least two letters: ``sh1t`` -> ``shit``."""
    text = view.text
    changed: list[tuple[int, str]] = []
    for match in _LEET_RUN.finditer(text):
        run = match.group()
        if sum(ch.isalpha() for ch in run) < 2:
            continue
        base = match.start()
        for offset, ch in enumerate(run):
            if ch not in _LEET:
                continue
            if ch in _LEET_PUNCTUATION and not _inside_word(run, offset):
                continue
            changed.append((base + offset, _LEET[ch]))
    if not changed:
        return view
    chars = list(text)
    for index, replacement in changed:
        chars[index] = replacement
    return TextView("".join(chars), view.origin, view.ends)


def _inside_word(run: str, offset: int) -> bool:
    before = run[offset - 1] if offset > 0 else ""
    after = run[offset + 1] if offset + 1 < len(run) else ""
    if run[offset] == "$" and offset == 0:
        return after.isalpha()
    return before.isalnum() and after.isalnum()


def _keep_only(
    view: TextView, pattern: re.Pattern[str], keep: Callable[[re.Match[str]], Iterable[int]]
) -> TextView:
    """Rewrite each match of ``pattern`` to the characters at the indices ``keep`` picks."""
    matches = list(pattern.finditer(view.text))
    if not matches:
        return view
    text = view.text
    origin = view.origins()
    ends = view.end_map()
    out: list[str] = []
    out_origin: list[int] = []
    out_ends: list[int] = []
    pos = 0
    for match in matches:
        start, end = match.span()
        out.append(text[pos:start])
        out_origin.extend(origin[pos:start])
        out_ends.extend(ends[pos:start])
        for index in keep(match):
            out.append(text[index])
            out_origin.append(origin[index])
            out_ends.append(ends[index])
        pos = end
    out.append(text[pos:])
    out_origin.extend(origin[pos:])
    out_ends.extend(ends[pos:])
    return TextView("".join(out), out_origin, out_ends)
