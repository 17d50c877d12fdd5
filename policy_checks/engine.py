"""The policy engine: normalise, detect, decide, redact.

Build one :class:`PolicyEngine` per process (it loads the name lists and the Presidio
analyzer, about a second) and call :meth:`PolicyEngine.check` for every message. The engine
is thread-safe for checks and never touches the network.
"""

from __future__ import annotations

import copy
import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Final

import regex
import spacy
from presidio_analyzer import EntityRecognizer, Pattern, PatternRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import SpacyNlpEngine
from presidio_analyzer.predefined_recognizers import SpacyRecognizer
from spacy.language import Language
from spacy.tokens import Doc

from policy_checks.context import CouncilContext
from policy_checks.errors import PolicyChecksError
from policy_checks.normalise import NormalisedText, normalise
from policy_checks.policy import Policy, load_policy
from policy_checks.recognizers import NameLists, councilbot_recognizers, prefilter_for
from policy_checks.recognizers.surroundings import drop_public_context
from policy_checks.rules import Hit, LexiconMatch, build_rules
from policy_checks.scorers import LearnedRules
from policy_checks.verdict import Finding, Verdict

CHUNK_CHARS: Final[int] = 4000
CHUNK_OVERLAP: Final[int] = 256
_LEMMA_COMPONENT: Final[str] = "councilbot_lemmas"
CONTEXT_BOOST: Final[float] = 0.35
MIN_SCORE_WITH_CONTEXT: Final[float] = 0.4
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
    """Presidio's recognisers, run lean, with context words read from our own tokens.

    ``AnalyzerEngine.analyze`` tokenises every message with spaCy and deep-copies every result
    to apply context words. Most messages have no candidate at all, and most candidates are
    decided without context. This loop runs only the recognisers whose prefilter matches, and
    applies Presidio's context rule (a context word within a few words of a candidate lifts its
    score by 0.35, to at least 0.4) using the words of the normalised text, which also sees
    through evasions such as ``d.o.b``.
    """

    def __init__(self, recognizers: list[EntityRecognizer], nlp_engine: OfflineNlpEngine) -> None:
        self._recognizers = recognizers
        self._prefilters = [(r, prefilter_for(r)) for r in recognizers]
        self._nlp = nlp_engine
        self._needs_nlp = any(isinstance(r, SpacyRecognizer) for r in recognizers)
        if self._needs_nlp:
            self._nlp.load()
        for recognizer in recognizers:
            recognizer.load()
        self._compiled = {
            id(recognizer): [
                (pattern, _compile(pattern.regex, recognizer.global_regex_flags or 0))
                for pattern in _patterns_of(recognizer)
            ]
            for recognizer in recognizers
            if isinstance(recognizer, PatternRecognizer)
        }

    def _scan_patterns(self, recognizer: PatternRecognizer, text: str) -> list[RecognizerResult]:
        """Presidio's pattern matching and validation, without its per-match bookkeeping."""
        entity = recognizer.supported_entities[0]
        metadata_name = type(recognizer).__name__
        results: list[RecognizerResult] = []
        for pattern, compiled in self._compiled[id(recognizer)]:
            for match in compiled.finditer(text):
                start, end = match.span()
                if start == end:
                    continue
                value = text[start:end]
                score = pattern.score
                valid = recognizer.validate_result(value)
                if valid is False or recognizer.invalidate_result(value):
                    continue
                if valid:
                    score = EntityRecognizer.MAX_SCORE
                results.append(
                    RecognizerResult(
                        entity_type=entity,
                        start=start,
                        end=end,
                        score=score,
                        recognition_metadata={
                            RecognizerResult.RECOGNIZER_NAME_KEY: metadata_name,
                            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: recognizer.id,
                        },
                    )
                )
        return results

    def analyze(
        self, text: NormalisedText, *, thresholds: Callable[[str], float]
    ) -> list[RecognizerResult]:
        """Results at or above their entity's threshold, after context words are applied.

        Offsets are into ``text.clean``.
        """
        clean = text.clean.text
        artifacts = self._nlp.process_text(clean, "en") if self._needs_nlp else None
        found: list[tuple[RecognizerResult, EntityRecognizer]] = []
        for recognizer, prefilter in self._prefilters:
            if prefilter is not None and prefilter.search(clean) is None:
                continue
            if isinstance(recognizer, PatternRecognizer):
                results = self._scan_patterns(recognizer, clean)
            else:
                results = recognizer.analyze(
                    text=clean,
                    entities=recognizer.supported_entities,
                    nlp_artifacts=artifacts,  # type: ignore[arg-type]
                )
            found.extend((result, recognizer) for result in results or ())
        kept: list[RecognizerResult] = []
        words: _Words | None = None
        for result, recognizer in found:
            threshold = thresholds(result.entity_type)
            if result.score < threshold and recognizer.context:
                words = words or _Words(text)
                if words.near(text.clean.to_original(result.start, result.end), recognizer.context):
                    result.score = min(
                        max(result.score + CONTEXT_BOOST, MIN_SCORE_WITH_CONTEXT), 1.0
                    )
            if result.score >= threshold:
                kept.append(result)
        return list(EntityRecognizer.remove_duplicates(kept))


def _patterns_of(recognizer: PatternRecognizer) -> list[Pattern]:
    patterns: list[Pattern] = getattr(recognizer, "patterns", [])
    return patterns


def _compile(pattern: str, flags: int) -> re.Pattern[str] | regex.Pattern[str]:
    """Compile with the standard library's engine (faster) unless the pattern needs ``regex``."""
    try:
        return re.compile(pattern, flags)
    except re.error:
        return regex.compile(pattern, flags)


class _Words:
    """The folded words of a message, located in the original text, for context look-ups."""

    def __init__(self, text: NormalisedText) -> None:
        folded = text.folded
        self._spans = [folded.to_original(t.start, t.end) for t in text.tokens]
        self._starts = [start for start, _ in self._spans]
        self._words = [t.text for t in text.tokens]

    def near(self, span: tuple[int, int], context: Iterable[str]) -> bool:
        """Whether a context word is part of a word just before or just after ``span``."""
        start, end = span
        before = bisect_left(self._starts, start)
        after = bisect_left(self._starts, end)
        window = (
            self._words[max(0, before - _CONTEXT_PREFIX_WORDS) : before]
            + self._words[after : after + _CONTEXT_SUFFIX_WORDS]
        )
        return any(word.lower() in token for word in context for token in window)


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
        learned: bool = True,
    ) -> None:
        self.policy = policy or load_policy()
        self._configured = council or CouncilContext()
        # Replaced whole (never changed in place) by ``admit_members``: a check in another
        # thread reads either the old context or the new one.
        self.council = self._configured
        recognizers: list[EntityRecognizer] = councilbot_recognizers(NameLists.load())
        if nlp_model is not None:
            recognizers.append(SpacyRecognizer(supported_entities=["PERSON"]))
        self._analyzer = Analyzer(recognizers, OfflineNlpEngine(nlp_model))
        self._rules, self._lexicon = build_rules(self.policy, self.council)
        # The learned text scorers (policy_checks/scorers); ``learned=False`` runs words only.
        self._learned = (
            LearnedRules(self.policy, allow={r.RULE_ID: r.allow for r in self._rules})
            if learned
            else None
        )
        self._allowed_values = frozenset(
            _fold_value(value) for value in self.policy["personal_data"].allow
        )

    def own_copy(self) -> PolicyEngine:
        """An engine sharing this one's loaded models, whose admitted members are its own.

        For a second bot in the same process (or a test) built from an engine already made.
        """
        twin = copy.copy(self)
        twin.council = twin._configured
        return twin

    def admit_members(self, names: Iterable[str]) -> None:
        """The council's current members: their names are not personal data in a message.

        Each call replaces the previous list (a member who leaves is named no longer); the
        names the engine was built with stay public.
        """
        self.council = self._configured.with_members(names)

    def check(self, text: str) -> Verdict:
        """Check one message of any length (long ones in overlapping chunks, linear time)."""
        findings: list[Finding] = []
        chunks = list(_chunks(text))
        for index, (offset, chunk) in enumerate(chunks):
            first, last = index == 0, index == len(chunks) - 1
            # A finding that touches a cut between chunks may be a truncated value; the
            # neighbouring chunk, which overlaps this one, sees it whole.
            kept = [
                f
                for f in self._check_chunk(chunk)
                if (last or f.end < len(chunk)) and (first or f.start > 0)
            ]
            findings.extend(_shift(kept, offset))
        return Verdict.of(text, _merge(findings) if len(chunks) > 1 else findings)

    def check_many(self, texts: Iterable[str]) -> list[Verdict]:
        """Check several messages, in order."""
        return [self.check(text) for text in texts]

    def _check_chunk(self, text: str) -> list[Finding]:
        if not text.strip():
            return []
        normalised = normalise(text)
        words = self._text_rules(normalised)
        learned = (
            self._learned.find(normalised, already={f.rule for f in words})
            if self._learned is not None
            else []
        )
        return [*self._personal_data(normalised), *words, *learned]

    def _personal_data(self, text: NormalisedText) -> list[Finding]:
        settings = self.policy["personal_data"]
        if not settings.enabled:
            return []
        clean = text.clean
        results = drop_public_context(
            clean.text, self._analyzer.analyze(text, thresholds=settings.threshold_for)
        )
        spans: list[_Span] = []
        for result in results:
            entity = result.entity_type
            if not settings.entity_enabled(entity):
                continue
            start, end = clean.to_original(result.start, result.end)
            if not self._is_allowed(entity, text.original[start:end]):
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

    def _is_allowed(self, entity: str, value: str) -> bool:
        """The council's published contacts and the policy's allow list are not personal data."""
        if _fold_value(value) in self._allowed_values:
            return True
        council = self.council
        if entity == "EMAIL_ADDRESS":
            return council.is_public_email(value)
        if entity == "PHONE_NUMBER":
            return council.is_public_phone(value)
        if entity == "PERSON":
            return council.is_public_name(value)
        if entity in ("UK_ADDRESS", "UK_POSTCODE"):
            return council.is_public_address(value)
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
                    why=rule.WHY,
                )
                for hit in _union(rule.find(text, matches))
                if hit.score >= settings.threshold
            )
        return findings


def _fold_value(value: str) -> str:
    return " ".join(value.lower().replace("'s", "").split())


def _strongest_first(spans: list[_Span]) -> list[_Span]:
    """Resolve overlapping personal-data spans: the longer, then the higher score, wins.

    The longer value is the more specific reading: a cookie that contains digits which pass
    the NHS checksum, a National Insurance number that contains a sort-code-like run.
    """
    starts: list[int] = []  # the kept spans, which never overlap, ordered by start
    kept: list[_Span] = []
    for span in sorted(spans, key=lambda s: (-(s.end - s.start), -s.score, s.start)):
        at = bisect_left(starts, span.start)
        if at > 0 and kept[at - 1].end > span.start:
            continue
        if at < len(kept) and kept[at].start < span.end:
            continue
        starts.insert(at, span.start)
        kept.insert(at, span)
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
        yield replace(finding, start=finding.start + offset, end=finding.end + offset)


def _merge(findings: list[Finding]) -> list[Finding]:
    """Merge what overlapping chunks both found: one finding per overlapping run of a rule."""
    merged: list[Finding] = []
    open_by_kind: dict[tuple[str, str | None], int] = {}
    for finding in sorted(findings, key=lambda f: (f.start, f.end)):
        kind = (finding.rule, finding.entity)
        index = open_by_kind.get(kind)
        if index is not None and finding.start < merged[index].end:
            last = merged[index]
            merged[index] = replace(
                last, end=max(last.end, finding.end), score=max(last.score, finding.score)
            )
            continue
        open_by_kind[kind] = len(merged)
        merged.append(finding)
    return merged
