"""Scoring labelled JSONL files: both label forms, the rates, and bad files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from policy_checks import PolicyEngine
from policy_checks.evaluation.jsonl import (
    JsonlFileError,
    davidson_part,
    evaluate_jsonl,
    format_jsonl_report,
)


def _write(tmp_path: Path, rows: list[dict[str, object]]) -> Path:
    path = tmp_path / "set.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_when_tweets_are_labelled_then_the_flagged_share_is_reported_per_label(
    engine: PolicyEngine, tmp_path: Path
) -> None:
    path = _write(
        tmp_path,
        [
            {"id": 1, "text": "you stupid fucking idiot", "label": "offensive"},
            {"id": 2, "text": "lovely weather for the fete https://t.co/abc", "label": "neither"},
            {"id": 3, "text": "Minutes are on the website", "label": "neither"},
        ],
    )
    report = evaluate_jsonl(engine, path)
    assert report.flagged("offensive") == 1.0
    assert report.flagged("neither") == 0.0  # a link is not a text-rule finding
    assert "flagged by a text rule" in format_jsonl_report(report)
    assert report.to_json()["flagged_by_label"]["neither"]["messages"] == 2


def test_when_council_messages_are_labelled_then_rules_entities_and_clean_rates_are_scored(
    engine: PolicyEngine, tmp_path: Path
) -> None:
    path = _write(
        tmp_path,
        [
            {"text": "Call me on 07700 900123", "rules": ["personal_data"], "kind": "personal",
             "entities": [{"entity": "PHONE_NUMBER", "start": 11, "end": 23}]},
            {"text": "Vote Labour on Thursday", "rules": ["political"], "kind": "breach"},
            {"text": "Minutes approved", "rules": [], "expected_action": "allow"},
            {"text": "This is strictly confidential", "rules": []},
        ],
    )  # fmt: skip
    report = evaluate_jsonl(engine, path)
    assert report.entities["PHONE_NUMBER"].recall == 1.0
    assert report.rules["political"].recall == 1.0
    assert report.rules["confidential"].fp == 1
    assert report.clean == 2
    assert report.removed_per_100 == 50.0
    assert report.caught("breach") == 1.0
    assert report.expected_actions.hits == 1
    assert json.dumps(report.to_json())


@pytest.mark.parametrize(
    "line",
    ["not json", json.dumps({"label": "hate"}), json.dumps({"text": "no labels"})],
)
def test_when_a_line_is_bad_then_the_error_names_the_file_and_line(
    engine: PolicyEngine, tmp_path: Path, line: str
) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps({"text": "ok", "rules": []}) + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(JsonlFileError, match=r"bad\.jsonl:2"):
        evaluate_jsonl(engine, path)


def test_when_tweets_are_split_then_the_parts_are_fixed_and_near_70_15_15() -> None:
    parts = [davidson_part(i) for i in range(10_000)]
    assert davidson_part(12345) == davidson_part("12345")
    assert 0.67 < parts.count("train") / len(parts) < 0.73
    assert 0.13 < parts.count("test") / len(parts) < 0.17
