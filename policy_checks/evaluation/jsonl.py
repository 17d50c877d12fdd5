"""Score the engine on a labelled JSONL file (Davidson-style tweets or council messages).

Tweets are labelled like Davidson et al.; council messages with rules and personal-data spans.

Each line is a JSON object with ``text`` and one of:

* ``label``: ``hate``, ``offensive`` or ``neither`` (the Davidson form). Reported per label:
  the share of messages *flagged by a text rule*, meaning any finding of a content rule
  (:data:`CONTENT_RULES`: every rule but ``personal_data`` and ``unapproved_link``; tweets
  carry links and names that say nothing about their tone).
* ``rules``: the rule ids the message breaches (the council form), optionally ``entities``
  (``[{"entity", "start", "end"}]``), ``expected_action`` (allow / warn / block) and ``kind``
  (a free-form group such as ``evasion``). Reported: per-rule precision and recall (per
  message), per-entity precision and recall (span overlap), clean messages removed and warned
  per 100, and per kind the share caught (every labelled rule found; for clean messages,
  allowed).

A line may carry both forms. Lines without ``text`` are an error naming the line.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from policy_checks.engine import PolicyEngine
from policy_checks.verdict import RULE_IDS, Action, Verdict

CONTENT_RULES: Final[frozenset[str]] = frozenset(RULE_IDS) - {"personal_data", "unapproved_link"}
DAVIDSON_LABELS: Final[tuple[str, ...]] = ("hate", "offensive", "neither")


def davidson_part(tweet_id: object) -> str:
    """The part of the Davidson set a tweet is in: ``train`` (70 %), ``dev`` or ``test``.

    Fixed by SHA-256 of the tweet's id, so training (``tools/text/train_text.py``) and the
    regression test agree without a copy of the split; the scorers never saw ``test``.
    """
    bucket = int(hashlib.sha256(str(tweet_id).encode()).hexdigest()[:8], 16) % 100
    return "train" if bucket < 70 else "dev" if bucket < 85 else "test"


class JsonlFileError(ValueError):
    """A labelled file that cannot be read, naming the file and line."""


@dataclass(slots=True)
class Counts:
    """True positives, false positives and false negatives."""

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

    def to_json(self) -> dict[str, Any]:
        """Counts and ratios."""
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
        }


@dataclass(slots=True)
class Rate:
    """How many of ``messages`` had some property (flagged, caught)."""

    messages: int = 0
    hits: int = 0

    @property
    def rate(self) -> float:
        """The share (0.0 for no messages)."""
        return self.hits / self.messages if self.messages else 0.0

    def to_json(self) -> dict[str, Any]:
        """Counts and the share."""
        return {"messages": self.messages, "hits": self.hits, "rate": round(self.rate, 4)}


@dataclass
class JsonlReport:
    """What the engine did on one labelled file."""

    path: str
    messages: int = 0
    flagged_by_label: dict[str, Rate] = field(default_factory=dict)
    rules: dict[str, Counts] = field(default_factory=dict)
    entities: dict[str, Counts] = field(default_factory=dict)
    clean: int = 0
    clean_removed: int = 0
    clean_warned: int = 0
    caught_by_kind: dict[str, Rate] = field(default_factory=dict)
    expected_actions: Rate = field(default_factory=Rate)
    misses: list[dict[str, Any]] = field(default_factory=list)

    def flagged(self, label: str) -> float:
        """Share of messages with ``label`` flagged by a text rule."""
        return self.flagged_by_label.get(label, Rate()).rate

    @property
    def removed_per_100(self) -> float:
        """Clean messages removed (blocked), per 100 clean messages."""
        return 100.0 * self.clean_removed / self.clean if self.clean else 0.0

    @property
    def warned_per_100(self) -> float:
        """Clean messages warned (not removed), per 100 clean messages."""
        return 100.0 * self.clean_warned / self.clean if self.clean else 0.0

    def caught(self, kind: str) -> float:
        """Share of messages of ``kind`` caught."""
        return self.caught_by_kind.get(kind, Rate()).rate

    def to_json(self) -> dict[str, Any]:
        """The report as JSON-ready data."""
        return {
            "path": self.path,
            "messages": self.messages,
            "flagged_by_label": {k: v.to_json() for k, v in self.flagged_by_label.items()},
            "rules": {k: v.to_json() for k, v in self.rules.items()},
            "entities": {k: v.to_json() for k, v in self.entities.items()},
            "clean": self.clean,
            "clean_removed": self.clean_removed,
            "clean_warned": self.clean_warned,
            "removed_per_100": round(self.removed_per_100, 2),
            "warned_per_100": round(self.warned_per_100, 2),
            "caught_by_kind": {k: v.to_json() for k, v in self.caught_by_kind.items()},
            "expected_actions": self.expected_actions.to_json(),
        }


def evaluate_jsonl(engine: PolicyEngine, path: Path | str) -> JsonlReport:
    """Check every message of the labelled file at ``path`` and score the verdicts."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise JsonlFileError(f"{path}: cannot be read ({exc})") from exc
    return evaluate_rows(engine, _rows(lines, str(path)), name=str(path))


def evaluate_rows(
    engine: PolicyEngine, rows: Iterable[Mapping[str, Any]], *, name: str = "<rows>"
) -> JsonlReport:
    """Score already-parsed labelled rows (the same forms as the file's lines)."""
    report = JsonlReport(path=name)
    for row in rows:
        verdict = engine.check(str(row["text"]))
        report.messages += 1
        if "label" in row:
            _score_label(report, str(row["label"]), verdict)
        if "rules" in row:
            _score_council(report, row, verdict)
    return report


def _rows(lines: Iterable[str], name: str) -> Iterable[Mapping[str, Any]]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise JsonlFileError(f"{name}:{number}: not JSON ({exc.msg})") from exc
        if not isinstance(row, dict) or not isinstance(row.get("text"), str):
            raise JsonlFileError(f"{name}:{number}: expected an object with a text")
        if "label" not in row and "rules" not in row:
            raise JsonlFileError(f"{name}:{number}: expected a label or rules")
        yield row


def _score_label(report: JsonlReport, label: str, verdict: Verdict) -> None:
    rate = report.flagged_by_label.setdefault(label, Rate())
    rate.messages += 1
    rate.hits += any(f.rule in CONTENT_RULES for f in verdict.findings)


def _score_council(report: JsonlReport, row: Mapping[str, Any], verdict: Verdict) -> None:
    expected = frozenset(str(rule) for rule in row["rules"])
    gold = [(str(e["entity"]), int(e["start"]), int(e["end"])) for e in row.get("entities", ())]
    if gold:
        expected |= {"personal_data"}
    found = set(verdict.rules)
    for rule in RULE_IDS:
        counts = report.rules.setdefault(rule, Counts())
        if rule in expected and rule in found:
            counts.tp += 1
        elif rule in found:
            counts.fp += 1
        elif rule in expected:
            counts.fn += 1
    entity_misses = _score_entities(report, gold, verdict)
    clean = not expected
    if clean:
        report.clean += 1
        report.clean_removed += verdict.action is Action.BLOCK
        report.clean_warned += verdict.action is Action.WARN
    caught = verdict.action is Action.ALLOW if clean else expected <= found
    kind = str(row.get("kind", "clean" if clean else "breach"))
    rate = report.caught_by_kind.setdefault(kind, Rate())
    rate.messages += 1
    rate.hits += caught
    if "expected_action" in row:
        report.expected_actions.messages += 1
        report.expected_actions.hits += verdict.action.value == row["expected_action"]
    if not caught or entity_misses or (found - expected):
        report.misses.append(
            {
                "id": row.get("id"),
                "text": verdict.text,
                "expected": sorted(expected),
                "found": sorted(found),
                "entities": entity_misses,
            }
        )


def _score_entities(
    report: JsonlReport, gold: list[tuple[str, int, int]], verdict: Verdict
) -> list[str]:
    predictions = [f for f in verdict.findings if f.rule == "personal_data"]
    misses: list[str] = []
    for entity, start, end in gold:
        hit = any(p.entity == entity and p.start < end and start < p.end for p in predictions)
        counts = report.entities.setdefault(entity, Counts())
        counts.tp += hit
        counts.fn += not hit
        if not hit:
            misses.append(f"missed {entity} {verdict.text[start:end]!r}")
    for p in predictions:
        entity = p.entity or ""
        if not any(g == entity and p.start < e and s < p.end for g, s, e in gold):
            report.entities.setdefault(entity, Counts()).fp += 1
            misses.append(f"false {entity} {verdict.text[p.start : p.end]!r}")
    return misses


def format_jsonl_report(report: JsonlReport) -> str:
    """A readable summary of the report."""
    lines = [f"{report.path}: {report.messages} messages"]
    if report.flagged_by_label:
        lines.append("")
        lines.append(f"{'label':<12}{'messages':>10}{'flagged by a text rule':>25}")
        for label, rate in report.flagged_by_label.items():
            lines.append(f"{label:<12}{rate.messages:>10}{rate.rate:>25.3f}")
    if report.rules:
        lines.append("")
        lines.append(
            f"{'rule / entity':<26}{'precision':>10}{'recall':>8}{'tp':>6}{'fp':>5}{'fn':>5}"
        )
        for name, counts in [*report.rules.items(), *report.entities.items()]:
            if counts.tp + counts.fp + counts.fn:
                lines.append(
                    f"{name:<26}{counts.precision:>10.3f}{counts.recall:>8.3f}"
                    f"{counts.tp:>6}{counts.fp:>5}{counts.fn:>5}"
                )
        lines.append("")
        lines.append(
            f"clean messages: {report.clean}, removed {report.removed_per_100:.1f} per 100, "
            f"warned {report.warned_per_100:.1f} per 100"
        )
        for kind, rate in report.caught_by_kind.items():
            lines.append(f"{kind}: {rate.hits}/{rate.messages} caught ({rate.rate:.1%})")
        if report.expected_actions.messages:
            lines.append(
                f"expected action matched: {report.expected_actions.hits}/"
                f"{report.expected_actions.messages}"
            )
    return "\n".join(lines)
