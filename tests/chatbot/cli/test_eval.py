"""``councilbot eval --corpus``: a CoNLL/BIO file scored, a missing one refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from chatbot.cli.main import main

CONLL = (
    "Priya\tB-PER\nSharma\tI-PER\nopened\tO\nthe\tO\nfete\tO\n\n"
    "The\tO\nhall\tO\nis\tO\nopen\tO\n\n"
    "Ring\tO\nMr\tO\nKowalski\tB-PER\ntoday\tO\n"
)


def test_when_a_conll_corpus_is_scored_then_person_recall_and_false_rate_are_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "small.conll"
    corpus.write_text(CONLL, encoding="utf-8")
    assert main(["eval", "--corpus", str(corpus), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["sentences"] == 3
    assert "PERSON" in json.dumps(report)


def test_when_the_corpus_is_missing_then_it_says_so_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["eval", "--corpus", str(tmp_path / "absent.conll")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_when_a_labelled_jsonl_corpus_is_scored_then_rule_recall_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "council.jsonl"
    rows = [
        {"id": "a", "text": "Vote Labour on Thursday!", "rules": ["political"]},
        {"id": "b", "text": "The hall is open on Tuesday", "rules": []},
    ]
    corpus.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    assert main(["eval", "--corpus", str(corpus), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert "political" in json.dumps(report)
    assert main(["eval", "--corpus", str(corpus)]) == 0
    assert "political" in capsys.readouterr().out
