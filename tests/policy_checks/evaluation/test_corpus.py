"""Scoring PERSON findings on CoNLL/BIO corpora (``councilbot eval --corpus``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from policy_checks import PolicyEngine
from policy_checks.errors import PolicyChecksError
from policy_checks.evaluation.corpus import (
    evaluate_corpus,
    format_corpus_report,
    read_conll,
)

_CONLL = """-DOCSTART- O

Priya B-PER
Sharma I-PER
rang O
about O
the O
bins O

The O
pothole O
on O
Park B-LOC
Road I-LOC
is O
deep O

Spoke\tO
to\tO
Wojciech\tB-person
Kowalski\tI-person
and\tO
Anna\tB-person
"""


@pytest.mark.parametrize(
    ("lines", "text", "names"),
    [
        (["Priya B-PER", "Sharma I-PER", "rang O"], "Priya Sharma rang", ["Priya Sharma"]),
        (["Anna\tB-person", "Bob\tB-person"], "Anna Bob", ["Anna", "Bob"]),
        (["Anna PER", "Smith PER", "ok O"], "Anna Smith ok", ["Anna Smith"]),
        (["x O", "Anna I-PER", "y O"], "x Anna y", ["Anna"]),
        (["Anna S-PER", "Smith B-PERSON", "Jones E-PERSON"], "Anna Smith Jones",
         ["Anna", "Smith Jones"]),
        (["Paris B-LOC", "Hilton I-LOC"], "Paris Hilton", []),
        (["word"], "word", []),
    ],
)  # fmt: skip
def test_when_tags_are_read_then_person_spans_are_rebuilt(
    lines: list[str], text: str, names: list[str]
) -> None:
    (sentence,) = list(read_conll(lines))
    assert sentence.text == text
    assert [sentence.text[s:e] for s, e in sentence.names] == names


def test_when_a_corpus_is_scored_then_recall_and_false_sentences_are_counted(
    engine: PolicyEngine, tmp_path: Path
) -> None:
    path = tmp_path / "tiny.conll"
    path.write_text(_CONLL, encoding="utf-8")
    report = evaluate_corpus(engine, path)
    assert report.sentences == 3
    assert report.gold == 3
    assert report.clean == 1
    assert report.clean_flagged == 0
    assert report.recall == 1.0
    assert report.precision == 1.0
    data = json.loads(report.to_json())
    assert data["recall"] == 1.0
    assert data["clean_flagged_rate"] == 0.0
    assert "PERSON precision 1.000" in format_corpus_report(report)


def test_when_a_name_is_missed_then_the_report_lists_it(
    engine: PolicyEngine, tmp_path: Path
) -> None:
    path = tmp_path / "missed.conll"
    path.write_text("the O\nhedge B-PER\nis O\ntall O\n", encoding="utf-8")
    report = evaluate_corpus(engine, path)
    assert report.recall == 0.0
    assert report.missed
    assert "'hedge'" in report.missed[0]
    assert "missed" in format_corpus_report(report)


def test_when_the_corpus_is_missing_then_a_clear_error_is_raised(
    engine: PolicyEngine, tmp_path: Path
) -> None:
    with pytest.raises(PolicyChecksError, match="does not exist"):
        evaluate_corpus(engine, tmp_path / "absent.conll")
