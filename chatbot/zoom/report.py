"""Checking a Zoom meeting's chat against the policy, and the report the host reads.

The same report answers a host who sends the bot the chat file Zoom saved, ``councilbot zoom
scan``, and (through the Zoom gateway) a cloud recording's CHAT file. A report never holds a
message's text: each finding's value is shown masked (``j***@g***.com``) or shortened, and the
redacted message has every piece of personal data replaced by a placeholder.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

from chatbot.core.wording import ENTITY_NAMES, RULE_NAMES
from integrations.zoom.chat_file import ChatMessage, ParsedChat, Problem, parse_chat_bytes
from policy_checks import Action, Finding, PolicyEngine, mask
from policy_checks.verdict import MASKED_RULES, RULE_IDS

SHOWN_CHARS: Final[int] = 40
PROBLEMS_LISTED: Final[int] = 20


@dataclass(frozen=True, slots=True)
class ReportedFinding:
    """One finding in a chat message: the rule, its clause and what was found, masked."""

    rule: str
    entity: str | None
    clause: str
    shown: str
    action: Action

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready, in the order of ``check --json`` (``shown`` instead of offsets)."""
        out: dict[str, Any] = {"rule": self.rule}
        if self.entity is not None:
            out["entity"] = self.entity
        out.update(clause=self.clause, shown=self.shown, action=self.action.value)
        return out


@dataclass(frozen=True, slots=True)
class Breach:
    """A message that breaches the policy: who sent it to whom and when, and the findings."""

    line: int
    time: str
    sender: str
    recipient: str
    direct: bool
    action: Action
    findings: tuple[ReportedFinding, ...]
    redacted: str

    def to_dict(self) -> dict[str, Any]:
        """One object of ``councilbot zoom scan --json``."""
        return {
            "line": self.line,
            "time": self.time,
            "sender": self.sender,
            "recipient": self.recipient,
            "direct": self.direct,
            "action": self.action.value,
            "findings": [finding.to_dict() for finding in self.findings],
            "redacted": self.redacted,
        }


@dataclass(frozen=True, slots=True)
class ChatReport:
    """How many messages were checked, and every one that breaches the policy, in order."""

    messages: int
    breaches: tuple[Breach, ...]

    def count(self, action: Action) -> int:
        """How many breaching messages got ``action``."""
        return sum(1 for breach in self.breaches if breach.action is action)

    @property
    def rules(self) -> dict[str, int]:
        """How many breaching messages broke each rule, in rule-id order."""
        found = Counter(rule for b in self.breaches for rule in {f.rule for f in b.findings})
        return {rule: found[rule] for rule in RULE_IDS if found[rule]}


@dataclass(frozen=True, slots=True)
class ScannedChat:
    """A chat file read and checked: the report, and the lines that could not be read."""

    parsed: ParsedChat
    report: ChatReport

    @property
    def readable(self) -> bool:
        """Whether anything in it was a Zoom chat (an empty file is readable, and empty)."""
        return bool(self.parsed.messages) or not self.parsed.problems


class ChatFileService:
    """Reads and checks chat files with the council's engine (synchronous: run it in a thread)."""

    def __init__(self, engine: PolicyEngine) -> None:
        self._engine = engine

    def scan(self, data: bytes) -> ScannedChat:
        """Parse a saved chat file's bytes and check every message."""
        parsed = parse_chat_bytes(data)
        return ScannedChat(parsed, check_messages(self._engine, parsed.messages))


def check_messages(engine: PolicyEngine, messages: Sequence[ChatMessage]) -> ChatReport:
    """Check every message; the report lists those that breach the policy, in file order.

    One process is fast enough (a 10,000-message chat in about two seconds; see ``councilbot
    bench --only zoom``), so this needs no workers and is safe to run in the bot's threads.
    """
    breaches: list[Breach] = []
    for message in messages:
        if not message.text.strip():
            continue
        verdict = engine.check(message.text)
        if verdict.action is Action.ALLOW:
            continue
        breaches.append(
            Breach(
                line=message.line,
                time=message.time,
                sender=message.sender,
                recipient=message.recipient,
                direct=message.direct,
                action=verdict.action,
                findings=tuple(_reported(f, message.text) for f in verdict.findings),
                redacted=verdict.redacted,
            )
        )
    return ChatReport(messages=len(messages), breaches=tuple(breaches))


def format_report(report: ChatReport, *, title: str, problems: Sequence[Problem] = ()) -> str:
    """A readable report: the counts, each breaching message, and the lines not read."""
    lines = [title, _summary(report)]
    if report.rules:
        lines.append(
            "Rules: "
            + ", ".join(f"{RULE_NAMES.get(rule, rule)} {n}" for rule, n in report.rules.items())
        )
    for breach in report.breaches:
        lines += ["", _heading(breach)]
        for finding in breach.findings:
            name = RULE_NAMES.get(finding.rule, finding.rule)
            if finding.entity:
                name = f"{name}: {ENTITY_NAMES.get(finding.entity, finding.entity)}"
            lines += [f'• {name} — "{finding.shown}"', f'  Policy: "{finding.clause}"']
    if problems:
        lines += ["", _problems(problems)]
    return "\n".join(lines) + "\n"


def _reported(finding: Finding, text: str) -> ReportedFinding:
    value = text[finding.start : finding.end]
    shown = mask(value) if finding.rule in MASKED_RULES else _shorten(value)
    return ReportedFinding(finding.rule, finding.entity, finding.clause, shown, finding.action)


def _shorten(value: str) -> str:
    value = " ".join(value.split())
    return value if len(value) <= SHOWN_CHARS else value[: SHOWN_CHARS - 1] + "…"


def _summary(report: ChatReport) -> str:
    checked = f"{report.messages} message{'' if report.messages == 1 else 's'} checked"
    if not report.breaches:
        return f"{checked}: none breaches the policy."
    n = len(report.breaches)
    verb = "breaches" if n == 1 else "breach"
    return (
        f"{checked}: {n} {verb} the policy (block {report.count(Action.BLOCK)}, "
        f"warn {report.count(Action.WARN)})."
    )


def _heading(breach: Breach) -> str:
    to = f"to {breach.recipient}" + (" (direct message)" if breach.direct else "")
    return (
        f"{breach.time} {breach.sender} {to} — {breach.action.value.upper()} (line {breach.line})"
    )


def _problems(problems: Sequence[Problem]) -> str:
    n = len(problems)
    listed = "; ".join(f"line {p.line}: {p.reason}" for p in problems[:PROBLEMS_LISTED])
    more = f"; and {n - PROBLEMS_LISTED} more" if n > PROBLEMS_LISTED else ""
    return f"{n} line{'' if n == 1 else 's'} could not be read ({listed}{more})."
