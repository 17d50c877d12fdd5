"""Tokens and hashed features of the name tagger, shared by training and run time.

Every feature is a short string hashed (CRC-32) into one of ``DIMENSIONS`` rows of the weight
matrix. Most features describe one word (its lower-case form, shape, suffixes, which word
lists it is in) at an offset from the token being tagged (-2 to +2); a few pair the shapes or
words of neighbours. A word's features at each offset depend on the word and on the case of
its sentence only, so the run-time tagger sums them once per distinct word and caches them.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

DIMENSIONS: Final[int] = 1 << 20
_MASK: Final[int] = DIMENSIONS - 1
OFFSETS: Final[tuple[int, ...]] = (-2, -1, 0, 1, 2)
LABELS: Final[tuple[str, ...]] = ("O", "B", "I")
BOS: Final[str] = "<s>"
EOS: Final[str] = "</s>"

# An initial ("J."), a word (letters, inner hyphens, apostrophes as in O'Brien or don't), a
# possessive "'s", a number, or any other single character (so "@" and "#" stand alone).
TOKEN: Final[re.Pattern[str]] = re.compile(
    r"(?:[A-Za-z]\.){2,}|[A-Za-z]\.(?![A-Za-z])"
    r"|[^\W\d_]+(?:-[^\W\d_]+)*(?:['\u2019](?![sS](?![^\W\d_]))[^\W\d_]+)*"
    r"|['\u2019][sS](?![^\W\d_])"
    r"|\d+(?:[.,:]\d+)*"
    r"|\S"
)
_SHAPE_RUN: Final[re.Pattern[str]] = re.compile(r"(.)\1+")


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The word lists the features consult (lower case, accents stripped).

    ``nonperson``: capitalised words that are mostly not people (countries, cities,
    nationalities, clubs, companies, brands, shows); ``particle``: the small words inside
    surnames ("van", "de", "al"); ``english``: words a dictionary writes in lower case
    (their plurals and -ed, -ing, -ly forms count too).
    """

    first: frozenset[str]
    last: frozenset[str]
    common: frozenset[str]
    honorific: frozenset[str]
    place: frozenset[str]
    time: frozenset[str]
    role: frozenset[str]
    nonperson: frozenset[str] = frozenset()
    particle: frozenset[str] = frozenset()
    english: frozenset[str] = frozenset()


def tokenize(text: str) -> Iterator[tuple[int, int]]:
    """The ``(start, end)`` offsets of the tagger's tokens in ``text``."""
    for match in TOKEN.finditer(text):
        yield match.start(), match.end()


def sentence_mode(words: Sequence[str]) -> str:
    """``U`` for a sentence in capitals, ``L`` for one without any, ``M`` for mixed case."""
    cased = [w for w in words if w[:1].isalpha()]
    if not cased:
        return "M"
    upper = sum(w.isupper() and len(w) > 1 for w in cased)
    if upper >= 3 and upper >= 0.7 * len(cased):
        return "U"
    if not any(c.isupper() for w in cased for c in w):
        return "L"
    return "M"


@lru_cache(maxsize=65536)
def shape(word: str) -> str:
    """The word's letters as ``X``/``x``/``d``, other characters kept, at most 8 long."""
    out = []
    for char in word[:8]:
        if char.isupper():
            out.append("X")
        elif char.isalpha():
            out.append("x")
        elif char.isdigit():
            out.append("d")
        else:
            out.append(char)
    return "".join(out)


@lru_cache(maxsize=65536)
def short_shape(word: str) -> str:
    """The shape with runs of one symbol collapsed: ``Xx``, ``X.``, ``X'Xx``, ``XX``."""
    return _SHAPE_RUN.sub(r"\1", shape(word))


def case_class(word: str) -> str:
    """``T`` title case, ``U`` capitals, ``I`` an initial, ``L`` lower case, ``O`` other."""
    letters = word.rstrip(".")
    if not letters[:1].isalpha():
        return "O"
    if len(letters) == 1:
        return "I" if letters.isupper() else "L"
    if letters.isupper():
        return "U"
    if letters[0].isupper():
        return "T"
    return "L" if letters.islower() else "O"


@lru_cache(maxsize=65536)
def word_key(word: str) -> str:
    """The form looked up in the word lists."""
    return word.rstrip(".").lower().replace("\u2019", "'")


def word_features(word: str, mode: str, lexicon: Lexicon, *, lists: bool = True) -> list[list[str]]:
    """The features of ``word`` at each of ``OFFSETS``, in order (``lists=False``: no lists)."""
    if word in (BOS, EOS):
        return [[f"{k}w={word}"] for k in OFFSETS]
    key = word_key(word)
    small = short_shape(word)
    case = case_class(word)
    flags = [*_flags(key, lexicon), *camel_flags(word, lexicon)] if lists else []
    near = [f"w={key}", f"ss={small}", f"s3={key[-3:]}", *(f"{g}|{case}" for g in flags)]
    far = [f"w={key}", f"ss={small}", *(f"{g}|{case}" for g in flags)]
    centre = [
        "bias",
        f"w={key}",
        f"sh={shape(word)}",
        f"ss={small}",
        f"s2={key[-2:]}",
        f"s3={key[-3:]}",
        f"s4={key[-4:]}",
        f"p3={key[:3]}",
        f"len={min(len(key), 10)}",
        f"m={mode}|{small}",
        f"m={mode}|{case}",
        *(f"{g}|{case}" for g in flags),
        *(f"{g}|{case}|{mode}" for g in flags),
        f"gaz={'+'.join(flags)}|{case}",
    ]
    return [
        [f"-2{f}" for f in far],
        [f"-1{f}" for f in near],
        [f"0{f}" for f in centre],
        [f"+1{f}" for f in near],
        [f"+2{f}" for f in far],
    ]


def _flags(key: str, lexicon: Lexicon) -> list[str]:
    flags = []
    if key in lexicon.first:
        flags.append("gF")
    if key in lexicon.last:
        flags.append("gL")
    if key in lexicon.common:
        flags.append("gC")
    if key in lexicon.honorific:
        flags.append("gH")
    if key in lexicon.place:
        flags.append("gP")
    if key in lexicon.time:
        flags.append("gT")
    if key in lexicon.role:
        flags.append("gR")
    if key in lexicon.nonperson:
        flags.append("gN")
    if key in lexicon.particle:
        flags.append("gV")
    if lexicon.english and _in_dictionary(key, lexicon.english):
        flags.append("gE")
    return flags


_CAMEL: Final[re.Pattern[str]] = re.compile(r"([A-Z][a-z]+)([A-Z][a-z]+)")


def camel_flags(word: str, lexicon: Lexicon) -> list[str]:
    """Which lists the two halves of a run-together name are in ("AlanPardew": ``kFkL``).

    Hashtags and user names often run a first name and a surname together.
    """
    match = _CAMEL.fullmatch(word)
    if match is None:
        return []
    first, last = match.group(1).lower(), match.group(2).lower()
    flags = ["kF" if first in lexicon.first else "k-", "kL" if last in lexicon.last else "k-"]
    return [f"{flags[0]}{flags[1]}"]


def _in_dictionary(key: str, words: frozenset[str]) -> bool:
    if key in words:
        return True
    for suffix, repair in _INFLECTIONS:
        if key.endswith(suffix) and len(key) > len(suffix) + 2:
            stem = key[: -len(suffix)]
            if stem + repair in words or (not repair and stem in words):
                return True
    return False


_INFLECTIONS: Final[tuple[tuple[str, str], ...]] = (
    ("s", ""),
    ("es", ""),
    ("ies", "y"),
    ("ed", ""),
    ("ed", "e"),
    ("ing", ""),
    ("ing", "e"),
    ("ly", ""),
    ("er", ""),
    ("ers", ""),
)


def pair_features(previous: str, word: str, following: str) -> list[str]:
    """Features pairing the token with its neighbours (shapes, and words with shapes)."""
    return [
        *left_pair(previous, word),
        *right_pair(word, following),
        skip_pair(previous, following),
    ]


def left_pair(previous: str, word: str) -> list[str]:
    """The pair features of the token and the word before it."""
    small = short_shape(word)
    return [f"a|{short_shape(previous)}|{small}", f"c|{_context_key(previous)}|{small}"]


def right_pair(word: str, following: str) -> list[str]:
    """The pair features of the token and the word after it."""
    small = short_shape(word)
    return [f"b|{small}|{short_shape(following)}", f"d|{small}|{_context_key(following)}"]


def skip_pair(previous: str, following: str) -> str:
    """The feature of the words either side of the token."""
    return f"e|{_context_key(previous)}|{_context_key(following)}"


def _context_key(word: str) -> str:
    return word if word in (BOS, EOS) else word_key(word)


def hashed(features: Sequence[str]) -> list[int]:
    """The rows of ``features`` in the weight matrix."""
    return [zlib.crc32(f.encode("utf-8")) & _MASK for f in features]
