"""The run-time name tagger: shipped weights, cached word vectors, a greedy span decoder.

Each token gets three probabilities (outside a name, first word of a name, inside a name)
from a linear model over hashed features (:mod:`policy_checks.ner.features`). A run of tokens
whose name probability reaches the shipped threshold is a name; its probability is the mean
over its tokens. Only Latin letters make names (the engine has folded accents away by then):
other scripts, e-mail addresses, links and @-mentions are left alone.
"""

from __future__ import annotations

import gzip
import json
import threading
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from policy_checks.errors import PolicyChecksError
from policy_checks.ner.features import (
    BOS,
    DIMENSIONS,
    EOS,
    LABELS,
    OFFSETS,
    Lexicon,
    hashed,
    left_pair,
    right_pair,
    sentence_mode,
    skip_pair,
    tokenize,
    word_features,
    word_key,
)

WEIGHTS_FILE: Final[str] = "weights.npy"
LEXICON_FILE: Final[str] = "lexicon.json.gz"
META_FILE: Final[str] = "meta.json"
_CACHE_LIMIT: Final[int] = 200_000
_PUNCTUATION_IN_NAMES: Final[frozenset[str]] = frozenset({"-", "'"})
# A lone name this sure anchors its repeats; a repeat needs at least this much of its own.
_SURE_ANCHOR: Final[float] = 0.9
_REPEAT_FLOOR: Final[float] = 0.02

FloatArray = npt.NDArray[np.float32]
_FIRST_ROWS: Final[int] = 1024
_OFFSET_COLUMNS: Final[npt.NDArray[np.intp]] = np.arange(len(OFFSETS))


def _window(count: int) -> npt.NDArray[np.intp]:
    """Row ``t`` holds ``t, t+1, ... t+4``: the padded positions token ``t`` reads."""
    return np.arange(count)[:, None] + _OFFSET_COLUMNS[None, :]


class _Rows:
    """Vectors computed once per key, kept as the rows of one array.

    A text's vectors are then gathered in one step instead of stacked one by one. Thread-safe:
    a lock covers the look-up, any new rows and the gather, which are all short. Past
    ``limit`` keys it starts again, empty.
    """

    def __init__(self, shape: tuple[int, ...], limit: int) -> None:
        self._shape = shape
        self._limit = limit
        self._lock = threading.Lock()
        self._index: dict[Hashable, int] = {}
        self._array: FloatArray = np.zeros((_FIRST_ROWS, *shape), dtype=np.float32)

    def gather(self, keys: Sequence[Hashable], compute: Callable[[int], FloatArray]) -> FloatArray:
        """The rows of ``keys``; ``compute(i)`` makes the vector of ``keys[i]`` when it is new."""
        with self._lock:
            if len(self._index) + len(keys) > self._limit:
                self._index = {}  # start again: the rows are overwritten from the first
            rows: list[int] = []
            for i, key in enumerate(keys):
                row = self._index.get(key)
                rows.append(self._add(key, compute(i)) if row is None else row)
            gathered: FloatArray = self._array[rows]
            return gathered

    def _add(self, key: Hashable, vector: FloatArray) -> int:
        row = len(self._index)
        if row == len(self._array):
            grown = np.zeros((2 * row, *self._shape), dtype=np.float32)
            grown[:row] = self._array
            self._array = grown
        self._array[row] = vector
        self._index[key] = row
        return row


@dataclass(frozen=True, slots=True)
class NameSpan:
    """A span the tagger takes for a name, and its probability."""

    start: int
    end: int
    probability: float


@dataclass(frozen=True, slots=True)
class Tagged:
    """A text's tokens, each token's name probability, and the names found."""

    tokens: tuple[tuple[int, int], ...]
    name_probability: tuple[float, ...]
    names: tuple[NameSpan, ...]

    def max_probability(self, start: int, end: int) -> float:
        """The highest name probability of a token overlapping ``[start, end)`` (0 if none)."""
        return max(
            (p for (s, e), p in zip(self.tokens, self.name_probability, strict=True)
             if s < end and start < e),
            default=0.0,
        )  # fmt: skip


def model_files() -> Traversable:
    """The folder of the shipped model."""
    return resources.files(__package__).joinpath("model")


def load_lexicon(folder: Traversable) -> Lexicon:
    """Read the word lists shipped with a model."""
    raw = json.loads(gzip.decompress(folder.joinpath(LEXICON_FILE).read_bytes()))
    return Lexicon(**{name: frozenset(words) for name, words in raw.items()})


class PersonTagger:
    """Tags people's names with the shipped linear model (thread-safe, no I/O after load)."""

    def __init__(self, weights: FloatArray, lexicon: Lexicon, meta: dict[str, Any]) -> None:
        if weights.shape != (DIMENSIONS, len(LABELS)):
            raise PolicyChecksError(f"name model weights have shape {weights.shape}")
        self._weights = weights
        self._lexicon = lexicon
        self.threshold: float = float(meta.get("threshold", 0.5))
        self.meta = meta
        self._words = _Rows((len(OFFSETS), len(LABELS)), _CACHE_LIMIT)
        self._pairs = _Rows((len(LABELS),), _CACHE_LIMIT)

    @classmethod
    def load(cls, folder: Traversable | None = None) -> PersonTagger:
        """Load the shipped model (or one in ``folder``)."""
        folder = folder or model_files()
        try:
            with folder.joinpath(WEIGHTS_FILE).open("rb") as handle:
                weights = np.load(handle).astype(np.float32)
            meta = json.loads(folder.joinpath(META_FILE).read_text(encoding="utf-8"))
            lexicon = load_lexicon(folder)
        except (OSError, ValueError) as exc:
            raise PolicyChecksError(
                "the name model is missing or damaged; rerun tools/ner/train_person.py"
            ) from exc
        return cls(weights, lexicon, meta)

    @property
    def lexicon(self) -> Lexicon:
        """The word lists the model's features consult."""
        return self._lexicon

    def tag(self, text: str) -> Tagged:
        """Every token's name probability and the names found in ``text``."""
        tokens = tuple(tokenize(text))
        if not tokens:
            return Tagged((), (), ())
        probabilities = self.probabilities(text, tokens)
        name = probabilities[:, 1] + probabilities[:, 2]
        names = self._decode(text, tokens, name)
        if self._mentioned_again(text, tokens, name, names):
            names = self._decode(text, tokens, name)
        return Tagged(tokens, tuple(float(p) for p in name), names)

    def _mentioned_again(
        self,
        text: str,
        tokens: tuple[tuple[int, int], ...],
        name: FloatArray,
        names: tuple[NameSpan, ...],
    ) -> bool:
        """Raise, in place, a word that repeats part of a full name found earlier or later.

        "Tony Blair ... Blair said": once a name of two words or more is found, another
        capitalised token with the same letters is a name too (it reaches the threshold).
        Returns whether any token was raised.
        """
        if not names or len(tokens) < 3:
            return False
        particles = self._lexicon.particle
        inside: set[int] = set()
        anchors: set[str] = set()
        at = 0
        for span in names:  # spans and tokens are both in text order: one walk
            while at < len(tokens) and tokens[at][0] < span.start:
                at += 1
            members = []
            while at < len(tokens) and tokens[at][1] <= span.end:
                members.append(at)
                at += 1
            inside.update(members)
            words = [i for i in members if _is_word(text, tokens[i])]
            if len(words) < 2 and span.probability < _SURE_ANCHOR:
                continue
            for i in words:
                start, end = tokens[i]
                key = word_key(text[start:end])
                if len(key) > 1 and key not in particles:
                    anchors.add(key)
        raised = False
        for index, (start, end) in enumerate(tokens):
            if index in inside or name[index] >= self.threshold:
                continue
            word = text[start:end]
            if word[:1].isupper() and word_key(word) in anchors and name[index] >= _REPEAT_FLOOR:
                name[index] = self.threshold
                raised = True
        return raised

    def probabilities(self, text: str, tokens: tuple[tuple[int, int], ...]) -> FloatArray:
        """Per token, the probabilities of ``LABELS``."""
        words = [text[start:end] for start, end in tokens]
        mode = sentence_mode(words)
        padded = [BOS, BOS, *words, EOS, EOS]
        vectors = self._words.gather(
            [(word, mode) for word in padded],
            lambda i: self._word_vector(padded[i], mode),
        )
        count = len(words)
        # Token t takes the weights its neighbour t+m-2 has at offset m: one gather for all.
        logits = vectors[_window(count), _OFFSET_COLUMNS].sum(axis=1)
        logits += self._pair_vectors(padded).reshape(3, count, len(LABELS)).sum(axis=0)
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        result: FloatArray = exp / exp.sum(axis=1, keepdims=True)
        return result

    def _pair_vectors(self, padded: list[str]) -> FloatArray:
        """Each token's left pairs, then each one's right pairs, then skips (cached by pair)."""
        inner = range(len(padded) - 4)
        keys: list[tuple[str, str, str]] = [("L", padded[i + 1], padded[i + 2]) for i in inner]
        keys += [("R", padded[i + 2], padded[i + 3]) for i in inner]
        keys += [("S", padded[i + 1], padded[i + 3]) for i in inner]
        return self._pairs.gather(keys, lambda i: self._pair_vector(keys[i]))

    def _pair_vector(self, key: tuple[str, str, str]) -> FloatArray:
        kind, first, second = key
        if kind == "L":
            return self._sum(left_pair(first, second))
        if kind == "R":
            return self._sum(right_pair(first, second))
        return self._sum([skip_pair(first, second)])

    def _sum(self, features: list[str]) -> FloatArray:
        summed: FloatArray = self._weights[hashed(features)].sum(axis=0)
        return summed

    def _word_vector(self, word: str, mode: str) -> FloatArray:
        """The word's summed weights at each offset (``len(OFFSETS)`` by ``len(LABELS)``)."""
        rows = [hashed(features) for features in word_features(word, mode, self._lexicon)]
        vector: FloatArray = np.stack([self._weights[r].sum(axis=0) for r in rows])
        return vector

    def _decode(
        self,
        text: str,
        tokens: tuple[tuple[int, int], ...],
        name: FloatArray,
    ) -> tuple[NameSpan, ...]:
        spans: list[NameSpan] = []
        run: list[int] = []
        particles = self._lexicon.particle

        def key(index: int) -> str:
            start, end = tokens[index]
            return word_key(text[start:end])

        def close() -> None:
            while run and (not _is_word(text, tokens[run[-1]]) or key(run[-1]) in particles):
                run.pop()
            if run and all(key(i) in particles for i in run):
                run.clear()
            if run:
                start, end = tokens[run[0]][0], tokens[run[-1]][1]
                spans.append(NameSpan(start, end, float(np.mean(name[run]))))
            run.clear()

        for index, (start, end) in enumerate(tokens):
            inside = (
                name[index] >= self.threshold
                and text[start:end].isascii()
                and not _in_address(text, start, end)
            )
            if inside and not run and not _is_word(text, (start, end)):
                inside = False
            if (
                not inside
                and run
                and index + 1 < len(tokens)
                and key(index) in particles
                and name[index + 1] >= self.threshold
            ):
                inside = True  # "Ruud van Nistelrooy": a particle between two name words
            if not inside:
                close()
                continue
            if run and text[tokens[run[-1]][1] : start] not in ("", " "):
                close()
            run.append(index)
        close()
        return tuple(spans)


def _is_word(text: str, token: tuple[int, int]) -> bool:
    start, end = token
    return text[start].isalpha() and text[start:end].lower() not in ("'s", "\u2019s")


def _in_address(text: str, start: int, end: int) -> bool:
    """Whether the token is part of an e-mail address, a link or an @-mention."""
    left = text.rfind(" ", 0, start) + 1
    right = text.find(" ", end)
    chunk = text[left : right if right >= 0 else len(text)]
    return "@" in chunk or "/" in chunk or chunk.lower().startswith("www.")
