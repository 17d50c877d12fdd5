"""Findings, verdicts, redaction and masking: what a check returns."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Final


class Action(StrEnum):
    """What to do with a message: keep it, warn the sender, or remove it."""

    ALLOW = "allow"
    WARN = "warn"
    BLOCK = "block"

    @property
    def severity(self) -> int:
        """Order actions so the strictest one wins."""
        return _SEVERITY[self]


_SEVERITY: Final[Mapping[Action, int]] = {Action.ALLOW: 0, Action.WARN: 1, Action.BLOCK: 2}

RULE_IDS: Final[tuple[str, ...]] = (
    "personal_data",
    "confidential",
    "abuse",
    "threat",
    "discrimination",
    "political",
    "commercial",
    "allegation",
    "credential",
    "unapproved_link",
)

ENTITY_TYPES: Final[tuple[str, ...]] = (
    "PERSON",
    "EMAIL_ADDRESS",
    "PHONE_NUMBER",
    "UK_POSTCODE",
    "UK_ADDRESS",
    "IP_ADDRESS",
    "COOKIE_ID",
    "UK_NINO",
    "UK_NHS",
    "UK_SORT_CODE",
    "UK_BANK_ACCOUNT",
    "CREDIT_CARD",
    "IBAN_CODE",
    "DATE_OF_BIRTH",
    "UK_VEHICLE_REGISTRATION",
    "UK_PASSPORT",
    "UK_DRIVING_LICENCE",
)

# Rules whose findings disappear when their spans are replaced by a placeholder. A message
# whose only findings are of these rules can be posted in its redacted form.
REDACTABLE_RULES: Final[frozenset[str]] = frozenset(
    {"personal_data", "credential", "abuse", "unapproved_link"}
)


_PLACEHOLDERS: Final[Mapping[str, str]] = {"unapproved_link": "LINK"}


# Rules whose matched text is shown masked (``j***@g***.com``), never whole.
MASKED_RULES: Final[frozenset[str]] = frozenset({"personal_data", "credential"})


def _placeholder(finding: Finding) -> str:
    return finding.placeholder


def max_action(actions: Iterable[Action]) -> Action:
    """Return the strictest of ``actions`` (``allow`` when there are none)."""
    return max(actions, key=lambda action: action.severity, default=Action.ALLOW)


@dataclass(frozen=True, slots=True)
class Finding:
    """One breach of one rule, located by character offsets into the original text."""

    rule: str
    start: int
    end: int
    score: float
    clause: str
    action: Action
    entity: str | None = None
    # Why it was found, in plain words ("reads as a threat against a person or their
    # property"); not part of the ``check --json`` contract.
    why: str = ""

    @property
    def placeholder(self) -> str:
        """The text that replaces this finding's span in a redacted message."""
        return f"<{self.entity or _PLACEHOLDERS.get(self.rule, self.rule.upper())}>"

    def to_dict(self) -> dict[str, Any]:
        """Serialise in the order of the ``check --json`` contract."""
        out: dict[str, Any] = {"rule": self.rule}
        if self.entity is not None:
            out["entity"] = self.entity
        out.update(start=self.start, end=self.end, score=round(self.score, 2), clause=self.clause)
        return out


@dataclass(frozen=True)
class Verdict:
    """The outcome of checking one message."""

    text: str
    action: Action
    findings: tuple[Finding, ...] = ()
    redacted: str = field(default="")

    @classmethod
    def of(cls, text: str, findings: Iterable[Finding]) -> Verdict:
        """Build a verdict: the strictest finding decides, redaction is computed once."""
        ordered = tuple(sorted(findings, key=lambda f: (f.start, f.end, f.rule)))
        return cls(
            text=text,
            action=max_action(f.action for f in ordered),
            findings=ordered,
            redacted=redact(text, ordered),
        )

    @property
    def rules(self) -> tuple[str, ...]:
        """The distinct rules breached, in rule-id order."""
        found = {f.rule for f in self.findings}
        return tuple(rule for rule in RULE_IDS if rule in found)

    @property
    def redacted_action(self) -> Action:
        """The action the redacted text would get: findings that redaction cannot fix."""
        return max_action(f.action for f in self.findings if f.rule not in REDACTABLE_RULES)

    def to_dict(self) -> dict[str, Any]:
        """Serialise in the order of the ``check --json`` contract."""
        return {
            "text": self.text,
            "action": self.action.value,
            "findings": [f.to_dict() for f in self.findings],
            "redacted": self.redacted,
        }


def redact(
    text: str,
    findings: Iterable[Finding],
    *,
    placeholder: Callable[[Finding], str] = _placeholder,
) -> str:
    """Replace every redactable finding's span with its placeholder, merging overlaps.

    ``placeholder`` says what stands in for a finding (``<EMAIL_ADDRESS>`` by default, the
    ``check --json`` contract; the bot writes words for people instead).
    """
    spans = sorted(
        ((f.start, f.end, placeholder(f)) for f in findings if f.rule in REDACTABLE_RULES),
        key=lambda span: (span[0], -span[1]),
    )
    pieces: list[str] = []
    cursor = 0
    for start, end, stand_in in spans:
        if end <= cursor:
            continue
        if start < cursor:
            # Overlaps the previous placeholder: that placeholder already covers the start.
            cursor = end
            continue
        pieces.append(text[cursor:start])
        pieces.append(stand_in)
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces)


def mask(value: str) -> str:
    """Show a detected value without revealing it: ``jane@gmail.com`` -> ``j***@g***.com``.

    Each word of three characters or more keeps its first character (shorter ones show none,
    so a number written digit by digit is not shown whole); an e-mail or web domain keeps its
    last label so the sender can tell which value was meant.
    """
    local, at, domain = value.partition("@")
    if at:
        head, dot, tld = domain.rpartition(".")
        return f"{_mask_word(local)}@{_mask_word(head) if dot else _mask_word(tld)}{dot}{tld}"
    return " ".join(_mask_word(word) for word in value.split())


_SHORTEST_SHOWN = 3  # a word shorter than this shows nothing: "0 7 9 1 1 …" would show it all


def _mask_word(word: str) -> str:
    if not word:
        return word
    return "***" if len(word) < _SHORTEST_SHOWN else word[0] + "***"
