"""What ``councilbot check --file`` found, counted: messages, blocked, warned, rules, entities.

Counted where the checks run (in the workers too) and added up in the parent, so the summary
costs nothing extra; printed on stderr, so stdout stays one verdict a line.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from chatbot.core.wording import plural
from policy_checks import Action, Verdict


@dataclass(slots=True)
class Tally:
    """Counts over the messages checked so far."""

    messages: int = 0
    blocked: int = 0
    warned: int = 0
    rules: Counter[str] = field(default_factory=Counter)
    entities: Counter[str] = field(default_factory=Counter)

    def count(self, verdict: Verdict) -> None:
        """Count one checked message (each rule and entity once per message)."""
        self.messages += 1
        self.blocked += verdict.action is Action.BLOCK
        self.warned += verdict.action is Action.WARN
        self.rules.update(set(verdict.rules))
        self.entities.update({f.entity for f in verdict.findings if f.entity})

    def add(self, other: Tally) -> None:
        """Add ``other``'s counts to these."""
        self.messages += other.messages
        self.blocked += other.blocked
        self.warned += other.warned
        self.rules.update(other.rules)
        self.entities.update(other.entities)

    def summary(self) -> str:
        """A few lines for a person: totals, then messages per rule and per entity type."""
        allowed = self.messages - self.blocked - self.warned
        head = (
            f"{plural(self.messages, 'message', 'messages')} checked: "
            f"{self.blocked:,} blocked, {self.warned:,} warned, {allowed:,} allowed."
        )
        lines = [head]
        if self.rules:
            lines.append("By rule (messages): " + _listed(self.rules))
        if self.entities:
            lines.append("Personal data (messages): " + _listed(self.entities))
        return "\n".join(lines)


def _listed(counts: Counter[str]) -> str:
    return ", ".join(f"{name} {count:,}" for name, count in counts.most_common())
