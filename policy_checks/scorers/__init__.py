"""Learned text scorers beside the word rules, read from the whole message, not a word list.

They score abuse, threat, discrimination, political, commercial and allegation.

:class:`LearnedRules` turns the scorer's probabilities into findings of the rule they score:
at or above the rule's ``act`` threshold the policy's action for the rule, between ``warn``
and ``act`` a warning. A finding covers the words that pushed the message towards the rule,
cites the rule's clause and says in plain words why it was found. A rule the word lists have
already found in a chunk is not reported twice.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from typing import Final

import numpy as np
import numpy.typing as npt

from policy_checks.normalise import NormalisedText
from policy_checks.policy import Policy
from policy_checks.rules.base import Lexicon
from policy_checks.scorers.features import scored_tokens
from policy_checks.scorers.model import Scores, TextScorer, Thresholds
from policy_checks.verdict import Action, Finding

__all__ = ["WHY", "LearnedRules", "Scores", "TextScorer", "Thresholds"]

WHY: Final[dict[str, str]] = {
    "abuse": "reads as abusive or insulting language",
    "threat": "reads as a threat against a person or their property",
    "discrimination": "reads as an attack on, or a sweeping generalisation about, a group",
    "political": "reads as political campaigning or party promotion",
    "commercial": "reads as selling, advertising or a promotion",
    "allegation": "reads as an allegation of wrongdoing against a person or the council",
}
_SPAN_SHARE: Final[float] = 0.35
# A scorer reads a message as a whole: on a few words ("/help", "see you") there is no
# whole to read, and its guess is the training data's bias, not evidence. The word rules still
# check every message, however short.
MIN_SCORED_WORDS: Final[int] = 4


class LearnedRules:
    """Findings from the text scorer, for the rules the policy has switched on."""

    def __init__(
        self,
        policy: Policy,
        scorer: TextScorer | None = None,
        *,
        allow: Mapping[str, Iterable[str]] | None = None,
    ) -> None:
        """Load the scorer for ``policy``'s enabled rules.

        ``allow``: per rule, the word rule's allow phrases ("faggots and peas"); a learned
        finding of that rule that overlaps one is dropped, as a word-list hit would be, and so
        is a finding of any rule whose strongest word is inside one.
        """
        self._policy = policy
        self._scorer = scorer or TextScorer.load()
        self._rules = frozenset(r for r in self._scorer.rules if policy[r].enabled)
        self._allow = Lexicon()
        for rule, phrases in (allow or {}).items():
            self._allow.add(rule, phrases, allow=True)

    def find(self, text: NormalisedText, *, already: Collection[str] = ()) -> list[Finding]:
        """Findings for ``text``, skipping the rules in ``already``."""
        if not self._rules - set(already):
            return []
        tokens = [text.tokens[i] for i in scored_tokens(text)]
        if len(tokens) < MIN_SCORED_WORDS:
            return []
        scores = self._scorer.score([t.text for t in tokens])
        if scores is None:
            return []
        allowed = self._allow.scan(text.tokens)
        findings: list[Finding] = []
        for rule, value in zip(scores.rules, scores.probabilities.tolist(), strict=True):
            if rule not in self._rules or rule in already:
                continue
            warn, act = self._scorer.thresholds[rule].pair(tweet_like=scores.tweet_like)
            if value < warn:
                continue
            settings = self._policy[rule]
            action = settings.action
            if value < act and action is Action.BLOCK:
                action = Action.WARN
            pushes = scores.contributions(rule)
            first, last = _span(pushes)
            if any(
                m.rule == rule and m.start < tokens[last].end and tokens[first].start < m.end
                for m in allowed
            ):
                continue
            # The word that pushed hardest is inside any rule's allow phrase ("faggots and
            # peas" read as abuse): the phrase is innocent whichever rule listed it.
            top = tokens[int(pushes.argmax())]
            if any(m.start <= top.start < m.end for m in allowed):
                continue
            start, _ = text.folded.to_original(tokens[first].start, tokens[first].end)
            _, end = text.folded.to_original(tokens[last].start, tokens[last].end)
            findings.append(
                Finding(
                    rule=rule,
                    start=start,
                    end=end,
                    score=value,
                    clause=settings.clause,
                    action=action,
                    why=WHY[rule],
                )
            )
        return findings


def _span(pushes: npt.NDArray[np.float32]) -> tuple[int, int]:
    """The first and last word whose push towards the rule is a fair share of the largest."""
    top = float(pushes.max())
    if top <= 0:
        return 0, len(pushes) - 1
    strong = np.flatnonzero(pushes >= _SPAN_SHARE * top)
    return int(strong[0]), int(strong[-1])
