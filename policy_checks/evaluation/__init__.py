"""Precision and recall of the engine on the labelled evaluation set (``eval_set.jsonl``).

The set is made by ``tools/eval/make_eval_set.py`` (Faker ``en_GB`` templates plus
hand-written messages). Personal data is scored per entity type by span overlap; every rule is
scored per message. Clean messages are counted separately: any finding on one is a false alarm.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, Final

from policy_checks.context import CouncilContext
from policy_checks.engine import PolicyEngine
from policy_checks.verdict import ENTITY_TYPES, RULE_IDS, Verdict

EVAL_SET: Final[str] = "eval_set.jsonl"
EVALUATION_COUNCIL: Final[CouncilContext] = CouncilContext.build(
    approved_domains=("bartonleclay-pc.gov.uk", "gov.uk"),
    public_emails=("theparishclerk@bartonleclay-pc.gov.uk",),
    public_phones=("01582 881234",),
    public_names=(
        "Jane Smith", "Peter Hughes", "Amanda Carter", "David Okafor", "Susan Whitfield",
        "Raj Patel", "Helen Moss", "Tom Griffiths",
    ),
)  # fmt: skip
STRUCTURED_ENTITIES: Final[tuple[str, ...]] = (
    "EMAIL_ADDRESS", "PHONE_NUMBER", "UK_POSTCODE", "UK_NINO", "UK_NHS", "UK_SORT_CODE",
    "UK_BANK_ACCOUNT", "IP_ADDRESS", "COOKIE_ID",
)  # fmt: skip
STRUCTURED_TARGET: Final[tuple[float, float]] = (0.90, 0.95)  # precision, recall
PERSON_TARGET: Final[tuple[float, float]] = (0.90, 0.85)
RULE_RECALL_TARGET: Final[float] = 0.90
CLEAN_FLAGGED_TARGET: Final[float] = 0.03


@dataclass(frozen=True, slots=True)
class GoldSpan:
    """A labelled personal-data span."""

    entity: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Item:
    """One labelled message."""

    id: str
    text: str
    rules: frozenset[str]
    entities: tuple[GoldSpan, ...]
    source: str = "template"


@dataclass(slots=True)
class Score:
    """Counts of true positives, false positives and false negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """Share of predictions that were right (1.0 when nothing was predicted)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """Share of labels that were found (1.0 when nothing was labelled)."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def to_dict(self) -> dict[str, Any]:
        """Counts and ratios."""
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
        }


@dataclass
class Report:
    """The evaluation's results and whether they meet the targets."""

    messages: int = 0
    clean: int = 0
    clean_flagged: int = 0
    entities: dict[str, Score] = field(default_factory=dict)
    rules: dict[str, Score] = field(default_factory=dict)
    misses: list[dict[str, Any]] = field(default_factory=list)

    @property
    def clean_flagged_rate(self) -> float:
        """Share of clean messages with any finding."""
        return self.clean_flagged / self.clean if self.clean else 0.0

    @property
    def failures(self) -> list[str]:
        """Every target not met, as a sentence."""
        failed: list[str] = []
        for entity, score in self.entities.items():
            if entity in STRUCTURED_ENTITIES:
                target = STRUCTURED_TARGET
            elif entity == "PERSON":
                target = PERSON_TARGET
            else:
                continue
            if score.precision < target[0] or score.recall < target[1]:
                failed.append(
                    f"{entity}: precision {score.precision:.3f} (target {target[0]}), "
                    f"recall {score.recall:.3f} (target {target[1]})"
                )
        for rule, score in self.rules.items():
            if rule != "personal_data" and score.recall < RULE_RECALL_TARGET:
                failed.append(f"{rule}: recall {score.recall:.3f} (target {RULE_RECALL_TARGET})")
        if self.clean_flagged_rate > CLEAN_FLAGGED_TARGET:
            failed.append(
                f"clean messages flagged: {self.clean_flagged_rate:.3f} "
                f"(target at most {CLEAN_FLAGGED_TARGET})"
            )
        return failed

    @property
    def meets_targets(self) -> bool:
        """Whether every target is met."""
        return not self.failures

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data."""
        return {
            "messages": self.messages,
            "clean": self.clean,
            "clean_flagged": self.clean_flagged,
            "clean_flagged_rate": round(self.clean_flagged_rate, 4),
            "entities": {k: v.to_dict() for k, v in self.entities.items()},
            "rules": {k: v.to_dict() for k, v in self.rules.items()},
            "meets_targets": self.meets_targets,
            "failures": self.failures,
        }


def load_eval_set(lines: Iterable[str] | None = None) -> list[Item]:
    """Read the labelled set (the packaged one unless ``lines`` are given)."""
    if lines is None:
        text = resources.files(__package__).joinpath(EVAL_SET).read_text(encoding="utf-8")
        lines = text.splitlines()
    items = []
    for line in lines:
        if not line.strip():
            continue
        raw = json.loads(line)
        items.append(
            Item(
                id=raw["id"],
                text=raw["text"],
                rules=frozenset(raw["rules"]),
                entities=tuple(
                    GoldSpan(e["entity"], e["start"], e["end"]) for e in raw["entities"]
                ),
                source=raw.get("source", "template"),
            )
        )
    return items


def evaluate(engine: PolicyEngine, items: Sequence[Item] | None = None) -> Report:
    """Check every item and score the verdicts against the labels."""
    items = load_eval_set() if items is None else items
    report = Report(
        entities={entity: Score() for entity in ENTITY_TYPES},
        rules={rule: Score() for rule in RULE_IDS},
    )
    for item in items:
        verdict = engine.check(item.text)
        report.messages += 1
        _score_rules(report.rules, item, verdict)
        entity_misses = _score_entities(report.entities, item, verdict)
        if not item.rules:
            report.clean += 1
            report.clean_flagged += bool(verdict.findings)
        predicted = set(verdict.rules)
        if predicted != item.rules or entity_misses:
            report.misses.append(
                {
                    "id": item.id,
                    "expected": sorted(item.rules),
                    "found": sorted(predicted),
                    "entities": entity_misses,
                }
            )
    report.entities = {k: v for k, v in report.entities.items() if v.tp + v.fp + v.fn}
    return report


def _score_rules(scores: Mapping[str, Score], item: Item, verdict: Verdict) -> None:
    predicted = set(verdict.rules)
    for rule in RULE_IDS:
        expected = rule in item.rules
        found = rule in predicted
        if expected and found:
            scores[rule].tp += 1
        elif found:
            scores[rule].fp += 1
        elif expected:
            scores[rule].fn += 1


def _score_entities(scores: Mapping[str, Score], item: Item, verdict: Verdict) -> list[str]:
    predictions = [f for f in verdict.findings if f.rule == "personal_data"]
    misses: list[str] = []
    for gold in item.entities:
        hit = any(
            p.entity == gold.entity and p.start < gold.end and gold.start < p.end
            for p in predictions
        )
        scores[gold.entity].tp += hit
        scores[gold.entity].fn += not hit
        if not hit:
            misses.append(f"missed {gold.entity} {item.text[gold.start : gold.end]!r}")
    for prediction in predictions:
        entity = prediction.entity or ""
        right = any(
            g.entity == entity and prediction.start < g.end and g.start < prediction.end
            for g in item.entities
        )
        if not right:
            scores[entity].fp += 1
            misses.append(f"false {entity} {item.text[prediction.start : prediction.end]!r}")
    return misses


def format_report(report: Report) -> str:
    """A readable table of the report."""
    lines = [
        (
            f"{report.messages} messages, {report.clean} clean; "
            f"clean messages flagged: {report.clean_flagged} ({report.clean_flagged_rate:.1%})"
        ),
        "",
        f"{'entity / rule':<26}{'precision':>10}{'recall':>8}{'tp':>6}{'fp':>5}{'fn':>5}",
    ]
    for name, score in [*report.entities.items(), *report.rules.items()]:
        lines.append(
            f"{name:<26}{score.precision:>10.3f}{score.recall:>8.3f}"
            f"{score.tp:>6}{score.fp:>5}{score.fn:>5}"
        )
    lines.append("")
    failures = report.failures
    lines.append("all targets met" if not failures else "targets not met:")
    lines.extend(f"  {failure}" for failure in failures)
    return "\n".join(lines)
