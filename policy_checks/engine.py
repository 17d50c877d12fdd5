"""The policy engine: normalise, detect, decide, redact.

Build one :class:`PolicyEngine` per process (it loads the name lists and the Presidio
analyzer, about a second) and call :meth:`PolicyEngine.check` for every message. The engine
is thread-safe for checks and never touches the network.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Final

import spacy
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer
from presidio_analyzer.nlp_engine import SpacyNlpEngine
from presidio_analyzer.predefined_recognizers import SpacyRecognizer
from spacy.language import Language
from spacy.tokens import Doc

from policy_checks.context import CouncilContext
from policy_checks.errors import PolicyChecksError
from policy_checks.normalise import NormalisedText, normalise
from policy_checks.policy import Policy, load_policy
from policy_checks.recognizers import NameLists, councilbot_recognizers, prefilter_for
from policy_checks.rules import Hit, LexiconMatch, build_rules
from policy_checks.verdict import Finding, Verdict

CHUNK_CHARS: Final[int] = 4000
CHUNK_OVERLAP: Final[int] = 256
_LEMMA_COMPONENT: Final[str] = "councilbot_lemmas"
_CONTEXT_PREFIX_WORDS: Final[int] = 5
_CONTEXT_SUFFIX_WORDS: Final[int] = 3


class OfflineNlpEngine(SpacyNlpEngine):
    """Presidio's spaCy engine over a blank English tokenizer: nothing is downloaded.

    A tiny component sets each token's lemma to its lower-case form, which is all Presidio's
    context words need. A council that has installed a spaCy English pipeline may name it;
    its entities then add PERSON findings.
    """

    def __init__(self, model: str | None = None) -> None:
        super().__init__(models=[{"lang_code": "en", "model_name": model or "blank:en"}])
        self._model = model

    def load(self) -> None:
        """Build the pipeline (never fetched: a missing model is an error)."""
        if self._model is None:
            if not Language.has_factory(_LEMMA_COMPONENT):
                Language.component(_LEMMA_COMPONENT, func=_lower_case_lemmas)
            nlp = spacy.blank("en")
            nlp.add_pipe(_LEMMA_COMPONENT)
        else:
            try:
                nlp = spacy.load(self._model)
            except OSError as exc:
                raise PolicyChecksError(
                    f"spaCy pipeline {self._model!r} is not installed; install it or leave "
                    "nlp_model unset"
                ) from exc
        self.nlp = {"en": nlp}  # type: ignore[assignment]


def _lower_case_lemmas(doc: Doc) -> Doc:
    for token in doc:
        token.lemma_ = token.lower_
    return doc


class Analyzer:
    """Presidio's recognisers, context enhancer and NLP engine, run lean.

    ``AnalyzerEngine.analyze`` tokenises every message with spaCy and deep-copies every result
    to apply context words. Most messages have no candidate at all, and most candidates are
    decided without context, so this loop runs the recognisers first and tokenises only when a
    candidate below its threshold has context words that could lift it.
    """

    def __init__(self, recognizers: list[EntityRecognizer], nlp_engine: OfflineNlpEngine) -> None:
        self._recognizers = recognizers
        self._prefilters = [(r, prefilter_for(r)) for r in recognizers]
        self._nlp = nlp_engine
        self._nlp.load()
        self._needs_nlp = any(isinstance(r, SpacyRecognizer) for r in recognizers)
        self._enhancer = LemmaContextAwareEnhancer(
            context_prefix_count=_CONTEXT_PREFIX_WORDS,
            context_suffix_count=_CONTEXT_SUFFIX_WORDS,
        )
        for recognizer in recognizers:
            recognizer.load()

    def analyze(self, text: str, *, thresholds: Callable[[str], float]) -> list[RecognizerResult]:
        """Results at or above their entity's threshold, after context words are applied."""
        artifacts = self._nlp.process_text(text, "en") if self._needs_nlp else None
        results: list[RecognizerResult] = []
        for recognizer, prefilter in self._prefilters:
            if prefilter is not None and prefilter.search(text) is None:
                continue
            found = recognizer.analyze(
                text=text,
                entities=recognizer.supported_entities,
                nlp_artifacts=artifacts,  # type: ignore[arg-type]
            )
            for result in found or ():
                metadata = result.recognition_metadata or {}
                metadata.setdefault(RecognizerResult.RECOGNIZER_IDENTIFIER_KEY, recognizer.id)
                metadata.setdefault(RecognizerResult.RECOGNIZER_NAME_KEY, type(recognizer).__name__)
                result.recognition_metadata = metadata
                results.append(result)
        if any(r.score < thresholds(r.entity_type) for r in results):
            artifacts = artifacts or self._nlp.process_text(text, "en")
            results = self._enhancer.enhance_using_context(
                text, results, artifacts, self._recognizers
            )
        kept = [r for r in results if r.score >= thresholds(r.entity_type)]
        return list(EntityRecognizer.remove_duplicates(kept))


@dataclass(frozen=True, slots=True)
class _Span:
    start: int
    end: int
    score: float
    entity: str


class PolicyEngine:
    """Checks messages against the council's policy."""

    def __init__(
        self,
        policy: Policy | None = None,
        council: CouncilContext | None = None,
        *,
        nlp_model: str | None = None,
    ) -> None:
        self.policy = policy or load_policy()
        self.council = council or CouncilContext()
        recognizers: list[EntityRecognizer] = councilbot_recognizers(NameLists.load())
        if nlp_model is not None:
            recognizers.append(SpacyRecognizer(supported_entities=["PERSON"]))
        self._analyzer = Analyzer(recognizers, OfflineNlpEngine(nlp_model))
        self._rules, self._lexicon = build_rules(self.policy, self.council)

    def check(self, text: str) -> Verdict:
        """Check one message of any length (long ones in overlapping chunks, linear time)."""
        findings: list[Finding] = []
        for offset, chunk in _chunks(text):
            findings.extend(_shift(self._check_chunk(chunk), offset))
        return Verdict.of(text, _merge(findings))

    def check_many(self, texts: Iterable[str]) -> list[Verdict]:
        """Check several messages, in order."""
        return [self.check(text) for text in texts]

    def _check_chunk(self, text: str) -> list[Finding]:
        if not text.strip():
            return []
        normalised = normalise(text)
        return [*self._personal_data(normalised), *self._text_rules(normalised)]

    def _personal_data(self, text: NormalisedText) -> list[Finding]:
        settings = self.policy["personal_data"]
        if not settings.enabled:
            return []
        clean = text.clean
        results = self._analyzer.analyze(clean.text, thresholds=settings.threshold_for)
        spans: list[_Span] = []
        for result in results:
            entity = result.entity_type
            if not settings.entity_enabled(entity):
                continue
            start, end = clean.to_original(result.start, result.end)
            if not self._is_published(entity, text.original[start:end]):
                spans.append(_Span(start, end, float(result.score), entity))
        return [
            Finding(
                rule="personal_data",
                start=span.start,
                end=span.end,
                score=span.score,
                clause=settings.clause,
                action=settings.action_for(span.entity),
                entity=span.entity,
            )
            for span in _strongest_first(spans)
        ]

    def _is_published(self, entity: str, value: str) -> bool:
        council = self.council
        if entity == "EMAIL_ADDRESS":
            return council.is_public_email(value)
        if entity == "PHONE_NUMBER":
            return council.is_public_phone(value)
        if entity == "PERSON":
            return council.is_public_name(value)
        return False

    def _text_rules(self, text: NormalisedText) -> list[Finding]:
        by_rule: dict[str, list[LexiconMatch]] = defaultdict(list)
        for match in self._lexicon.scan(text.tokens):
            by_rule[match.rule].append(match)
        findings: list[Finding] = []
        for rule in self._rules:
            matches = by_rule.get(rule.RULE_ID, [])
            settings = self.policy[rule.RULE_ID]
            findings.extend(
                Finding(
                    rule=hit.rule,
                    start=hit.start,
                    end=hit.end,
                    score=hit.score,
                    clause=settings.clause,
                    action=settings.action,
                )
                for hit in _union(rule.find(text, matches))
                if hit.score >= settings.threshold
            )
        return findings


def _strongest_first(spans: list[_Span]) -> list[_Span]:
    """Resolve overlapping personal-data spans: the higher score, then the longer, wins."""
    kept: list[_Span] = []
    for span in sorted(spans, key=lambda s: (-s.score, -(s.end - s.start), s.start)):
        if all(span.end <= other.start or other.end <= span.start for other in kept):
            kept.append(span)
    return kept


def _union(hits: Iterable[Hit]) -> list[Hit]:
    """Merge overlapping hits of one rule into one hit over their union."""
    merged: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (h.start, h.end)):
        if merged and hit.start < merged[-1].end:
            last = merged[-1]
            merged[-1] = Hit(
                last.rule, last.start, max(last.end, hit.end), max(last.score, hit.score)
            )
        else:
            merged.append(hit)
    return merged


def _chunks(text: str) -> Iterator[tuple[int, str]]:
    """Overlapping windows of at most ``CHUNK_CHARS``, cut at white space where possible."""
    if len(text) <= CHUNK_CHARS:
        yield 0, text
        return
    start = 0
    while start < len(text):
        end = min(start + CHUNK_CHARS, len(text))
        if end < len(text):
            cut = text.rfind(" ", end - CHUNK_OVERLAP // 2, end)
            end = cut if cut > start else end
        yield start, text[start:end]
        if end >= len(text):
            return
        start = max(end - CHUNK_OVERLAP, start + 1)


def _shift(findings: Iterable[Finding], offset: int) -> Iterator[Finding]:
    for finding in findings:
        yield Finding(
            rule=finding.rule,
            start=finding.start + offset,
            end=finding.end + offset,
            score=finding.score,
            clause=finding.clause,
            action=finding.action,
            entity=finding.entity,
        )


def _merge(findings: list[Finding]) -> list[Finding]:
    """Drop the copies that overlapping chunks found twice."""
    seen: dict[tuple[str, str | None, int, int], Finding] = {}
    for finding in findings:
        seen.setdefault((finding.rule, finding.entity, finding.start, finding.end), finding)
    return list(seen.values())
