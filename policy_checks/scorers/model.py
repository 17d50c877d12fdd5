"""The text scorer: one logistic regression per rule over hashed features, numpy only.

Weights ship in ``policy_checks/scorers/model/`` (``weights.npy``: one column per rule, float16;
``meta.json``: rule order, biases, thresholds, feature settings). They are read once, when the
engine is built; scoring a message costs a gather and a sum.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
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
    """Probabilities at which a rule's scorer warns, and at which it applies the rule's action."""

    warn: float
    act: float


@dataclass(frozen=True, slots=True)
class Scores:
    """Every rule's probability for one message, and per word each rule's push."""

    rules: tuple[str, ...]
    probabilities: npt.NDArray[np.float32]
    by_word: npt.NDArray[np.float32]  # (words, rules)

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
    ) -> None:
        if weights.shape != (DIMENSIONS, len(rules)):
            raise PolicyChecksError(
                f"text scorer weights have shape {weights.shape}, expected "
                f"({DIMENSIONS}, {len(rules)})"
            )
        self._weights = weights
        self._bias = np.asarray(bias, dtype=np.float32)
        self.rules: tuple[str, ...] = tuple(rules)
        self.thresholds = dict(thresholds)

    @classmethod
    def load(cls) -> TextScorer:
        """Load the packaged model (never fetched)."""
        folder = resources.files(MODEL_PACKAGE).joinpath(MODEL_DIR)
        meta: dict[str, Any] = json.loads(folder.joinpath(META_FILE).read_text(encoding="utf-8"))
        if meta.get("bits") != BITS:
            raise PolicyChecksError(f"text scorer was trained with {meta.get('bits')} bits")
        with folder.joinpath(WEIGHTS_FILE).open("rb") as handle:
            weights = np.load(handle, allow_pickle=False).astype(np.float32)
        thresholds = {
            rule: Thresholds(warn=float(t["warn"]), act=float(t["act"]))
            for rule, t in meta["thresholds"].items()
        }
        return cls(weights, meta["bias"], meta["rules"], thresholds)

    def score(self, words: Sequence[str]) -> Scores | None:
        """Every rule's probability for the message made of ``words`` (``None``: no words)."""
        per_word = token_features(words)
        if not per_word:
            return None
        flat = np.array([i for f in per_word for i in f], dtype=np.intp)
        lengths = [len(f) for f in per_word]
        starts = np.zeros(len(lengths), dtype=np.intp)
        np.cumsum(lengths[:-1], out=starts[1:])
        by_word = np.add.reduceat(self._weights[flat], starts, axis=0)  # (words, rules)
        # Words count by their mean, so a long message is not more suspect for being long.
        logits = by_word.sum(axis=0) / np.float32(np.sqrt(len(per_word))) + self._bias
        probabilities = 1.0 / (1.0 + np.exp(-np.clip(logits, -30.0, 30.0)))
        return Scores(self.rules, probabilities, by_word)
