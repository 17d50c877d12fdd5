"""Scoring the engine's PERSON findings on an outside corpus (``councilbot eval --corpus``).

A CoNLL/BIO file has one token and its tag per line (white space or a tab between them, the
tag last) and a blank line between sentences. Tags may be BIO (``B-PER``/``I-PER``,
``B-person``), BIOES (``S-PER``, ``E-PER``) or bare (``PER``); ``PER``, ``PERSON`` and
``person`` mean a person's name, every other type is ignored for now. Each sentence is rebuilt
by joining its tokens with single spaces, checked, and scored by span overlap: a gold name is
found when a PERSON finding overlaps it, a finding is right when it overlaps a gold name.
Sentences without a gold name count separately: any PERSON finding on one is a false alarm.

A ``.jsonl`` file is scored by :func:`policy_checks.evaluation.jsonl.evaluate_jsonl`.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from policy_checks.engine import PolicyEngine
from policy_checks.errors import PolicyChecksError

PERSON: Final[str] = "PERSON"
_PERSON_TYPES: Final[frozenset[str]] = frozenset({"per", "person", "pers"})
_STARTS: Final[frozenset[str]] = frozenset({"b", "s", "u"})
_INSIDE: Final[frozenset[str]] = frozenset({"i", "e", "l"})
_MAX_EXAMPLES: Final[int] = 20


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence rebuilt from its tokens, with its gold PERSON spans (character offsets)."""

    text: str
    names: tuple[tuple[int, int], ...]


@dataclass
class CorpusReport:
    """PERSON precision and recall on a corpus, and how often a name-free sentence is flagged."""

    path: str
    sentences: int = 0
    gold: int = 0
    found: int = 0
    predicted: int = 0
    right: int = 0
    clean: int = 0
    clean_flagged: int = 0
    missed: list[str] = field(default_factory=list)
    false: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        """Share of gold names overlapped by a PERSON finding (1.0 when there are none)."""
        return self.found / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        """Share of PERSON findings that overlap a gold name (1.0 when there are none)."""
        return self.right / self.predicted if self.predicted else 1.0

    @property
    def f1(self) -> float:
        """The harmonic mean of precision and recall."""
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    @property
    def clean_flagged_rate(self) -> float:
        """Share of sentences without a gold name that got a PERSON finding."""
        return self.clean_flagged / self.clean if self.clean else 0.0

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data."""
        return {
            "path": self.path,
            "entity": PERSON,
            "sentences": self.sentences,
            "gold": self.gold,
            "found": self.found,
            "predicted": self.predicted,
            "right": self.right,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "clean_sentences": self.clean,
            "clean_flagged": self.clean_flagged,
            "clean_flagged_rate": round(self.clean_flagged_rate, 4),
            "missed_examples": self.missed,
            "false_examples": self.false,
        }

    def to_json(self) -> str:
        """The report as a JSON document."""
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False)


def evaluate_corpus(engine: PolicyEngine, path: str | Path) -> CorpusReport:
    """Score the engine's PERSON findings on a CoNLL/BIO file (or a ``.jsonl`` file)."""
    path = Path(path)
    if not path.is_file():
        raise PolicyChecksError(f"corpus {str(path)!r} does not exist or is not a file")
    if path.suffix.lower() == ".jsonl":
        return _evaluate_jsonl(engine, path)
    with path.open(encoding="utf-8", errors="replace") as lines:
        return score_sentences(engine, read_conll(lines), path=str(path))


def _evaluate_jsonl(engine: PolicyEngine, path: Path) -> CorpusReport:
    try:
        module = importlib.import_module("policy_checks.evaluation.jsonl")
    except ImportError as exc:
        raise PolicyChecksError(
            f"cannot score {str(path)!r}: JSON Lines corpora need "
            "policy_checks.evaluation.jsonl.evaluate_jsonl, which is not installed"
        ) from exc
    report: CorpusReport = module.evaluate_jsonl(engine, path)
    return report


def score_sentences(
    engine: PolicyEngine, sentences: Iterable[Sentence], *, path: str = "<sentences>"
) -> CorpusReport:
    """Check every sentence and score its PERSON findings against its gold names."""
    report = CorpusReport(path=path)
    for sentence in sentences:
        report.sentences += 1
        predicted = [
            (f.start, f.end)
            for f in engine.check(sentence.text).findings
            if f.rule == "personal_data" and f.entity == PERSON
        ]
        _score(report, sentence, predicted)
    return report


def _score(report: CorpusReport, sentence: Sentence, predicted: list[tuple[int, int]]) -> None:
    text = sentence.text
    report.gold += len(sentence.names)
    report.predicted += len(predicted)
    for start, end in sentence.names:
        if any(p_start < end and start < p_end for p_start, p_end in predicted):
            report.found += 1
        elif len(report.missed) < _MAX_EXAMPLES:
            report.missed.append(f"{text[start:end]!r} in {text!r}")
    for start, end in predicted:
        if any(g_start < end and start < g_end for g_start, g_end in sentence.names):
            report.right += 1
        elif len(report.false) < _MAX_EXAMPLES:
            report.false.append(f"{text[start:end]!r} in {text!r}")
    if not sentence.names:
        report.clean += 1
        report.clean_flagged += bool(predicted)


def read_conll(lines: Iterable[str]) -> Iterator[Sentence]:
    """Sentences of a CoNLL/BIO file, each with its PERSON spans in the rebuilt text."""
    tokens: list[tuple[str, str]] = []
    for line in lines:
        fields = line.split()
        if not fields:
            if tokens:
                yield _sentence(tokens)
                tokens = []
            continue
        if fields[0] == "-DOCSTART-":
            continue
        tag = fields[-1] if len(fields) > 1 else "O"
        tokens.append((fields[0], tag))
    if tokens:
        yield _sentence(tokens)


def _sentence(tokens: list[tuple[str, str]]) -> Sentence:
    parts: list[str] = []
    names: list[tuple[int, int]] = []
    offset = 0
    open_name: tuple[int, int] | None = None
    for token, tag in tokens:
        start = offset + (1 if parts else 0)
        end = start + len(token)
        parts.append(token)
        offset = end
        prefix, is_person = _tag(tag)
        if is_person and (prefix in _INSIDE or prefix == "") and open_name is not None:
            open_name = (open_name[0], end)
            continue
        if open_name is not None:
            names.append(open_name)
            open_name = None
        if is_person:
            open_name = (start, end)
    if open_name is not None:
        names.append(open_name)
    return Sentence(" ".join(parts), tuple(names))


def _tag(tag: str) -> tuple[str, bool]:
    """A tag's prefix (``b``, ``i``... or empty) and whether its type is a person."""
    prefix, sep, kind = tag.partition("-")
    if not sep:
        prefix, kind = "", tag
    prefix = prefix.lower()
    if prefix and prefix not in _STARTS | _INSIDE:
        prefix, kind = "", tag
    return prefix, kind.lower() in _PERSON_TYPES


def format_corpus_report(report: CorpusReport) -> str:
    """A readable summary of the report."""
    lines = [
        f"{report.path}: {report.sentences} sentences, {report.gold} gold PERSON names",
        (
            f"PERSON precision {report.precision:.3f}  recall {report.recall:.3f}  "
            f"F1 {report.f1:.3f}  (found {report.found}/{report.gold}, "
            f"{report.right}/{report.predicted} findings right)"
        ),
        (
            f"sentences without a name flagged: {report.clean_flagged}/{report.clean} "
            f"({report.clean_flagged_rate:.1%})"
        ),
    ]
    if report.missed:
        lines += ["", "missed (first few):", *(f"  {m}" for m in report.missed)]
    if report.false:
        lines += ["", "false (first few):", *(f"  {f}" for f in report.false)]
    return "\n".join(lines)
