"""The quality targets, measured on the labelled evaluation set (fails on a regression)."""

from __future__ import annotations

from policy_checks import PolicyEngine
from policy_checks.evaluation import (
    CLEAN_FLAGGED_TARGET,
    EVALUATION_COUNCIL,
    Item,
    evaluate,
    load_eval_set,
)


def test_when_the_evaluation_set_is_checked_then_every_quality_target_is_met(
    engine: PolicyEngine,
) -> None:
    report = evaluate(engine)
    assert report.failures == []
    assert report.clean_flagged_rate <= CLEAN_FLAGGED_TARGET


def test_when_the_set_is_loaded_then_it_is_large_and_mixed_enough() -> None:
    items = load_eval_set()
    assert len(items) >= 500
    assert sum(not item.rules for item in items) >= 150
    assert {item.source for item in items} == {"hand", "template"}
    for item in items:
        for span in item.entities:
            assert 0 <= span.start < span.end <= len(item.text)


def test_when_a_label_is_missed_then_recall_drops_and_the_report_says_so() -> None:
    engine = PolicyEngine(council=EVALUATION_COUNCIL)
    items = [
        Item(id="a", text="nothing to see here", rules=frozenset({"threat"}), entities=()),
        Item(id="b", text="I know where you live", rules=frozenset({"threat"}), entities=()),
    ]
    report = evaluate(engine, items)
    assert report.rules["threat"].recall == 0.5
    assert any(failure.startswith("threat: recall 0.500") for failure in report.failures)
