"""Text-rule quality on held-out sets must not regress.

* The Davidson et al. test part (``davidson_part(id) == "test"``, never trained or tuned on),
  read from ``../shared/data`` at test time (skipped when it is absent).
* The hand-written council messages ``tools/eval/council_test.jsonl`` (in the repository, so
  this part always runs).

The floors are the figures the shipped scorers reached, less a small margin.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Final

import pytest

from policy_checks import PolicyEngine
from policy_checks.evaluation import EVALUATION_COUNCIL
from policy_checks.evaluation.jsonl import davidson_part, evaluate_jsonl, evaluate_rows

ROOT: Final[Path] = Path(__file__).resolve().parents[2]
DAVIDSON: Final[Path] = ROOT / ".." / "shared" / "data" / "abuse" / "davidson" / "davidson-70.jsonl"
COUNCIL_TEST: Final[Path] = ROOT / "tools" / "eval" / "council_test.jsonl"
# The council the held-out set was written for: the evaluation council and its own address.
COUNCIL = dataclasses.replace(
    EVALUATION_COUNCIL,
    public_addresses=frozenset(
        {"the parish clerk", "parish office", "village hall", "1 church street", "lu5 4ab"}
    ),
)

# Reached 0.868, 0.936 and 0.068 (30 of 438) with the scorer of session 8; before it, 0.861,
# 0.928 and 0.066. The slurs and vulgar words added in session 7 flag 13 more hate and
# 125 more offensive tweets of this part, and 2 more "neither" tweets (29 of 438, 0.066, where
# 27 were): the ceiling moved from 0.065 to 0.07 with the floors raised from 0.75 and 0.85.
DAVIDSON_MIN_FLAGGED: Final[dict[str, float]] = {"hate": 0.84, "offensive": 0.91}
DAVIDSON_MAX_NEITHER: Final[float] = 0.07
COUNCIL_MIN_RECALL: Final[dict[str, float]] = {
    "threat": 0.90,
    "abuse": 0.90,
    "discrimination": 0.90,
    "political": 0.95,
    "commercial": 0.90,
    "allegation": 0.90,
    "personal_data": 0.95,
}  # fmt: skip  (reached 0.926, 0.958, 0.950, 1.0, 1.0, 1.0, 1.0)
STRUCTURED_MIN_RECALL: Final[float] = 0.95
COUNCIL_MAX_REMOVED_PER_100: Final[float] = 1.0  # reached 0.9 (1 of 109)
COUNCIL_MAX_WARNED_PER_100: Final[float] = 2.8  # reached 1.8 (2 of 109)
EVASIONS_MIN_CAUGHT: Final[float] = 0.93  # reached 0.966


@pytest.fixture(scope="module")
def council_engine() -> PolicyEngine:
    return PolicyEngine(council=COUNCIL)


def test_when_the_davidson_test_part_is_checked_then_abuse_quality_holds(
    council_engine: PolicyEngine,
) -> None:
    if not DAVIDSON.is_file():
        pytest.skip(f"the shared Davidson set is not at {DAVIDSON} (CI lays ../shared beside)")
    with DAVIDSON.open(encoding="utf-8") as handle:
        rows = [row for row in map(json.loads, handle) if davidson_part(row["id"]) == "test"]
    assert len(rows) > 2000
    report = evaluate_rows(council_engine, rows, name="davidson test")
    for label, floor in DAVIDSON_MIN_FLAGGED.items():
        assert report.flagged(label) >= floor, (label, report.flagged(label))
    assert report.flagged("neither") <= DAVIDSON_MAX_NEITHER


def test_when_the_held_out_council_set_is_checked_then_rule_quality_holds(
    council_engine: PolicyEngine,
) -> None:
    report = evaluate_jsonl(council_engine, COUNCIL_TEST)
    assert report.messages >= 250
    for rule, floor in COUNCIL_MIN_RECALL.items():
        assert report.rules[rule].recall >= floor, (rule, report.rules[rule].to_json())
    for entity, counts in report.entities.items():
        if entity != "PERSON":
            assert counts.recall >= STRUCTURED_MIN_RECALL, (entity, counts.to_json())
    assert report.removed_per_100 <= COUNCIL_MAX_REMOVED_PER_100
    assert report.warned_per_100 <= COUNCIL_MAX_WARNED_PER_100
    assert report.caught("evasion") >= EVASIONS_MIN_CAUGHT


# Two sets of 240 council messages written in session 8 by writers who saw none of the code,
# nor each other's sets: held out, scored with no council (as `councilbot eval --corpus`).
# Reached, in order: business removed 6 and 6 per 100, warned 4 and 4 per 100, breaches
# caught 0.758 and 0.792 (before that session's changes: removed 10 and 10, warned 18 and 13,
# caught 0.658 and 0.617).
INDEPENDENT: Final[tuple[Path, ...]] = (
    ROOT / "tools" / "eval" / "council_indep_test.jsonl",
    ROOT / "tools" / "eval" / "council_indep_test2.jsonl",
)
INDEPENDENT_MAX_REMOVED_PER_100: Final[float] = 6.0
INDEPENDENT_MAX_WARNED_PER_100: Final[float] = 4.0
INDEPENDENT_MIN_BREACHES_CAUGHT: Final[float] = 0.75


@pytest.mark.parametrize("path", INDEPENDENT, ids=lambda p: p.stem)
def test_when_an_independent_council_set_is_checked_then_business_stays_up(
    default_engine: PolicyEngine, path: Path
) -> None:
    report = evaluate_jsonl(default_engine, path)
    assert report.messages == 240
    assert report.removed_per_100 <= INDEPENDENT_MAX_REMOVED_PER_100
    assert report.warned_per_100 <= INDEPENDENT_MAX_WARNED_PER_100
    assert report.caught("breach") >= INDEPENDENT_MIN_BREACHES_CAUGHT
