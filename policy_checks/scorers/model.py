"""The text scorer: one logistic regression per rule over hashed features, numpy only.

Weights ship in ``policy_checks/scorers/model/`` (``weights.npy``: one column per rule, float16;
``meta.json``: rule order, biases, thresholds, feature settings). They are read once, when the
engine is built; scoring a message costs a gather and a sum.

A model may carry one more column, ``style`` in ``meta.json``: how much a message reads like the
US tweets of the Davidson set rather than council chat. The two kinds of text need different
thresholds (in those tweets ordinary "neither" messages share much of offensive ones'
vocabulary), so each rule has a stricter pair of thresholds for messages whose style
probability reaches ``style.cut``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from policy_checks.errors import PolicyChecksError
from policy_checks.scorers.features import BITS, DIMENSIONS, token_features

MODEL_PACKAGE: Final[str] = "policy_checks.scorers"
MODEL_DIR: Final[str] = "model"
WEIGHTS_FILE: Final[str] = "weights.npy"
META_FILE: Final[str] = "meta.json"


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Probabilities at which a rule's scorer warns, and at which it applies the rule's action.

    ``tweet_warn`` and ``tweet_act`` (when set) apply instead to messages that read like the
    tweets the model was calibrated on (see :attr:`Scores.tweet_like`).
    """

    warn: float
    act: float
    tweet_warn: float | None = None
    tweet_act: float | None = None

    def pair(self, *, tweet_like: bool) -> tuple[float, float]:
        """``(warn, act)`` for a message of the given style."""
        if tweet_like and self.tweet_warn is not None and self.tweet_act is not None:
            return self.tweet_warn, self.tweet_act
        return self.warn, self.act


@dataclass(frozen=True, slots=True)
class Scores:
    """Every rule's probability for one message, and per word each rule's push."""

    rules: tuple[str, ...]
    probabilities: npt.NDArray[np.float32]
    by_word: npt.NDArray[np.float32]  # (words, rules)
    tweet_like: bool = False

    def probability(self, rule: str) -> float:
        """The probability of ``rule``."""
        return float(self.probabilities[self.rules.index(rule)])

    def contributions(self, rule: str) -> npt.NDArray[np.float32]:
        """How much each word pushed the message towards ``rule``."""
        return self.by_word[:, self.rules.index(rule)]


class TextScorer:
    """Scores a message's words for every rule the model knows."""

    def __init__(
        self,
        weights: npt.NDArray[np.float32],
        bias: Sequence[float],
        rules: Sequence[str],
        thresholds: Mapping[str, Thresholds],
        *,
        style_cut: float | None = None,
    ) -> None:
        """``weights`` has a column per rule, and one more (the style) when ``style_cut`` is set."""
        columns = len(rules) + (style_cut is not None)
        if weights.shape != (DIMENSIONS, columns) or len(bias) != columns:
            raise PolicyChecksError(
                f"text scorer weights have shape {weights.shape} and {len(bias)} biases, "
                f"expected ({DIMENSIONS}, {columns})"
            )
        self._weights = weights
        self._bias = np.asarray(bias, dtype=np.float32)
        self.rules: tuple[str, ...] = tuple(rules)
        self.thresholds = dict(thresholds)
        # A logit at or above this reads as a tweet (the probability ``style_cut``).
        self._style_logit = (
            None if style_cut is None else float(np.log(style_cut / (1.0 - style_cut)))
        )

    @classmethod
    def load(cls) -> TextScorer:
        """Load the packaged model (never fetched)."""
        return cls.from_folder(resources.files(MODEL_PACKAGE).joinpath(MODEL_DIR))

    @classmethod
    def from_folder(cls, folder: Traversable | Path) -> TextScorer:
        """Load the model in ``folder`` (``weights.npy`` and ``meta.json``)."""
        meta: dict[str, Any] = json.loads(folder.joinpath(META_FILE).read_text(encoding="utf-8"))
        if meta.get("bits") != BITS:
            raise PolicyChecksError(f"text scorer was trained with {meta.get('bits')} bits")
        with folder.joinpath(WEIGHTS_FILE).open("rb") as handle:
            weights = np.load(handle, allow_pickle=False).astype(np.float32)
        thresholds = {rule: _thresholds(t) for rule, t in meta["thresholds"].items()}
        style = meta.get("style")
        style_cut = float(style["cut"]) if style else None
        return cls(weights, meta["bias"], meta["rules"], thresholds, style_cut=style_cut)

    def score(self, words: Sequence[str]) -> Scores | None:
        """Every rule's probability for the message made of ``words`` (``None``: no words)."""
        per_word = token_features(words)
        if not per_word:
            return None
        flat = np.array([i for f in per_word for i in f], dtype=np.intp)
        lengths = [len(f) for f in per_word]
        starts = np.zeros(len(lengths), dtype=np.intp)
        np.cumsum(lengths[:-1], out=starts[1:])
        by_word = np.add.reduceat(self._weights[flat], starts, axis=0)  # (words, columns)
        # Words count by their mean, so a long message is not more suspect for being long.
        logits = by_word.sum(axis=0) / np.float32(np.sqrt(len(per_word))) + self._bias
        tweet_like = False
        if self._style_logit is not None:
            tweet_like = bool(logits[-1] >= self._style_logit)
            logits, by_word = logits[:-1], by_word[:, :-1]
        probabilities = 1.0 / (1.0 + np.exp(-np.clip(logits, -30.0, 30.0)))
        return Scores(self.rules, probabilities, by_word, tweet_like)


def _thresholds(t: Mapping[str, Any]) -> Thresholds:
    tweet_warn, tweet_act = t.get("tweet_warn"), t.get("tweet_act")
    return Thresholds(
        warn=float(t["warn"]),
        act=float(t["act"]),
        tweet_warn=None if tweet_warn is None else float(tweet_warn),
        tweet_act=None if tweet_act is None else float(tweet_act),
    )
