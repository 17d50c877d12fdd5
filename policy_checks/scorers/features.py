"""Hashed features of a message's folded words: words, word pairs and character 4-grams.

The same function builds features at training time (``tools/text/train_text.py``) and at run
time, so the two can never disagree. Features are hashed with CRC-32 (stable across processes
and platforms) into ``2**BITS`` rows. A word's own features are cached: chat repeats words.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from functools import lru_cache
from typing import Final

from policy_checks.normalise import NormalisedText

BITS: Final[int] = 18
DIMENSIONS: Final[int] = 1 << BITS
_MASK: Final[int] = DIMENSIONS - 1
MAX_TOKENS: Final[int] = 400


# Links and handles say nothing about a message's tone: their words are not scored.
_LINK = re.compile(
    r"(?:https?://|www\.)[^\s]{1,500}|@\w{1,30}|(?<![\w.])[\w\-]{1,63}(?:\.[\w\-]{1,63}){0,4}"
    r"\.(?:com|co\.uk|org\.uk|org|net|uk|io|ly|me|info|gov\.uk)\b(?:/[^\s]{0,500})?"
)


def scored_words(text: NormalisedText) -> list[str]:
    """The folded words of ``text`` the scorers read: all but those of links and handles."""
    return [text.tokens[i].text for i in scored_tokens(text)]


def scored_tokens(text: NormalisedText) -> list[int]:
    """Indexes into ``text.tokens`` of the words :func:`scored_words` returns.

    Tokens and links both run left to right, so one pass over each: linear even for a
    message that is thousands of handles (``a@a@a@...``).
    """
    links = [m.span() for m in _LINK.finditer(text.folded.text)]
    kept: list[int] = []
    link = 0
    for index, token in enumerate(text.tokens):
        while link < len(links) and links[link][1] <= token.start:
            link += 1
        if link < len(links) and links[link][0] <= token.start:
            continue  # inside a link or handle
        kept.append(index)
    return kept


def _hash(feature: str) -> int:
    return zlib.crc32(feature.encode("utf-8")) & _MASK


@lru_cache(maxsize=65536)
def word_features(word: str) -> tuple[int, ...]:
    """The word itself and its character 4-grams (with word boundaries as spaces)."""
    out = [_hash("w:" + word)]
    padded = f" {word} "
    if len(word) > 1:
        out.extend(_hash("c:" + padded[i : i + 4]) for i in range(len(padded) - 3))
    return tuple(out)


@lru_cache(maxsize=65536)
def pair_feature(previous: str, word: str) -> int:
    """The pair a word makes with the word before it."""
    return _hash(f"b:{previous} {word}")


def token_features(words: Sequence[str]) -> list[tuple[int, ...]]:
    """Per word, its features and the pair it makes with the word before (at most 400 words)."""
    out: list[tuple[int, ...]] = []
    previous = "<s>"
    for word in words[:MAX_TOKENS]:
        out.append((*word_features(word), pair_feature(previous, word)))
        previous = word
    return out
