"""People's names: the learned tagger and the gazetteer together, each checking the other.

* A name the tagger finds scores by its probability: the tagger's threshold maps to
  ``DECISION_SCORE`` (the policy's default PERSON threshold), certainty to 1.0.
* A gazetteer name the tagger also finds takes the union of the two spans and the higher score.
* A gazetteer name after a title ("Mr Grove") keeps the gazetteer's score: a title is reliable.
* Any other gazetteer-only name keeps its score when the tagger gives it some weight, and
  loses ``DISAGREEMENT_PENALTY`` (falling below the threshold) when the tagger gives it
  less than ``AGREEMENT`` ("Thanks Highways", "Grant Road", "Calvin Klein", "Harry
  Potter": brands and characters the tagger doubts; 0.4 chosen on the dev splits).
* A span made only of titles, council roles, months or days is never a name ("the Chair").
* A common word that is also a name, alone or first in a sentence, needs a sure tagger.

The council's members' names are let through by the engine (``CouncilContext.public_names``).
"""

from __future__ import annotations

from typing import Final

from presidio_analyzer import LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from policy_checks.ner import PersonTagger
from policy_checks.ner.features import word_key
from policy_checks.recognizers.person import (
    AMBIGUOUS,
    HONORIFICS,
    GazetteerPersonRecognizer,
    NameLists,
)
from policy_checks.recognizers.results import recognizer_result

DECISION_SCORE: Final[float] = 0.6
AGREEMENT: Final[float] = 0.4
DISAGREEMENT_PENALTY: Final[float] = 0.3
SURE: Final[float] = 0.85


class PersonRecognizer(LocalRecognizer):
    """Names found by the learned tagger, cross-checked with the gazetteer."""

    def __init__(self, names: NameLists, tagger: PersonTagger | None = None) -> None:
        self._gazetteer = GazetteerPersonRecognizer(names)
        self._tagger = tagger
        super().__init__(supported_entities=["PERSON"], context=[], name="PersonRecognizer")

    def load(self) -> None:
        """Load the shipped model once (when the engine is built)."""
        if self._tagger is None:
            self._tagger = PersonTagger.load()

    @property
    def tagger(self) -> PersonTagger:
        """The learned tagger (loaded on first use if :meth:`load` was not called)."""
        if self._tagger is None:
            self._tagger = PersonTagger.load()
        return self._tagger

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Find names with the tagger and the gazetteer, and combine them."""
        return [
            recognizer_result(self, "PERSON", start, end, score, why=why)
            for start, end, score, why in self.spans(text)
        ]

    def spans(self, text: str) -> list[tuple[int, int, float, str]]:
        """``(start, end, score, why)`` of every candidate name."""
        tagger = self.tagger
        tagged = tagger.tag(text)
        spans: list[tuple[int, int, float, str]] = [
            (s.start, s.end, self._score(s.probability), "name model") for s in tagged.names
        ]
        for start, end, score in self._gazetteer.spans(text):
            overlapping = [i for i, s in enumerate(spans) if s[0] < end and start < s[1]]
            if overlapping:
                for i in overlapping:
                    s_start, s_end, s_score, _ = spans[i]
                    spans[i] = (
                        min(start, s_start),
                        max(end, s_end),
                        max(score, s_score),
                        "name model and gazetteer",
                    )
                continue
            titled = word_key(text[start:end].split(maxsplit=1)[0]) in HONORIFICS
            doubted = not titled and tagged.max_probability(start, end) < AGREEMENT
            penalty = DISAGREEMENT_PENALTY if doubted else 0.0
            spans.append((start, end, score - penalty, "name gazetteer"))
        lexicon = tagger.lexicon
        not_names = lexicon.honorific | lexicon.role | lexicon.time
        return [
            self._doubt_ambiguous(text, span, tagged.max_probability(span[0], span[1]))
            for span in spans
            if not _only(text[span[0] : span[1]], not_names)
        ]

    @staticmethod
    def _doubt_ambiguous(
        text: str, span: tuple[int, int, float, str], probability: float
    ) -> tuple[int, int, float, str]:
        """A common word that is also a name ("Mark the date", "Carol singing") needs more.

        Alone, or first in a sentence, such a word counts as a name only when the tagger is
        sure of it.
        """
        start, end, score, why = span
        words = text[start:end].split()
        if word_key(words[0]) not in AMBIGUOUS or probability >= SURE:
            return span
        before = text[:start].rstrip()
        if len(words) == 1 or not before or before[-1] in '.!?:;"(':
            return start, end, min(score, DECISION_SCORE - DISAGREEMENT_PENALTY), why
        return span

    def _score(self, probability: float) -> float:
        threshold = self.tagger.threshold
        if probability >= threshold:
            return DECISION_SCORE + (1 - DECISION_SCORE) * (probability - threshold) / max(
                1 - threshold, 1e-6
            )
        return DECISION_SCORE * probability / max(threshold, 1e-6)


def _only(value: str, words: frozenset[str]) -> bool:
    keys = [word_key(w) for w in value.replace("-", " ").split()]
    return all(k in words for k in keys if k)
