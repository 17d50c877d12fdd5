"""Checking a Zoom meeting's chat against the policy, and the report the host reads.

The same report answers a host who sends the bot the chat file Zoom saved, ``councilbot zoom
scan``, and (through the Zoom gateway) a cloud recording's CHAT file. A report never holds a
message's text: each finding's value is shown masked (``j***@g***.com``) or shortened, and the
redacted message has every piece of personal data replaced by a placeholder.

The quoted text of a reply (``Replying to "…"``) and of a reaction (``Reacted to "…" with 👍``)
is checked as well: it is text in the file, and text can be smuggled inside a quote. A finding
in a quote says so (``in: quote``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

from chatbot.core.wording import ENTITY_NAMES, RULE_NAMES
from integrations.zoom.chat_file import (
    ChatMessage,
    ParsedChat,
    Problem,
    Reaction,
    parse_chat_bytes,
)
from policy_checks import Action, Finding, PolicyEngine, Verdict, mask
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
    quoted: bool = False  # found in the quoted text of a reply or a reaction

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready, in the order of ``check --json`` (``shown`` instead of offsets)."""
        out: dict[str, Any] = {"rule": self.rule}
        if self.entity is not None:
            out["entity"] = self.entity
        out.update(clause=self.clause, shown=self.shown, action=self.action.value)
        if self.quoted:
            out["in"] = "quote"
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
        """Parse a saved chat file's bytes and check every message and reaction."""
        parsed = parse_chat_bytes(data)
        return ScannedChat(parsed, check_chat(self._engine, parsed))


def check_chat(engine: PolicyEngine, parsed: ParsedChat) -> ChatReport:
    """Check a parsed chat: its messages, their quotes, and the quotes of its reactions."""
    return check_messages(engine, parsed.messages, reactions=parsed.reacted)


def check_messages(
    engine: PolicyEngine,
    messages: Sequence[ChatMessage],
    *,
    reactions: Sequence[Reaction] = (),
) -> ChatReport:
    """Check every message (and quote); the report lists those that breach, in file order.

    One process, no workers, so it is safe to run in the bot's threads. A 10,000-message chat
    takes 4-5 s on a quiet two-core machine (``councilbot bench --only zoom``); a real
    meeting's chat of a few hundred messages, well under a second.
    """
    breaches = [b for b in (_checked_message(engine, m) for m in messages) if b is not None]
    breaches += [b for b in (_checked_reaction(engine, r) for r in reactions) if b is not None]
    breaches.sort(key=lambda b: b.line)
    return ChatReport(messages=len(messages), breaches=tuple(breaches))


def _check(engine: PolicyEngine, text: str | None) -> Verdict | None:
    """The verdict on ``text``, or ``None`` when there is nothing to check."""
    return engine.check(text) if text is not None and text.strip() else None


def _checked_message(engine: PolicyEngine, message: ChatMessage) -> Breach | None:
    said, quote = _check(engine, message.text), _check(engine, message.reply_to)
    action = _strictest(said, quote)
    if action is Action.ALLOW:
        return None
    findings = _findings(said, message.text) + _findings(quote, message.reply_to, quoted=True)
    redacted = _redacted(said, message.text)
    if message.reply_to is not None:
        redacted = f'Replying to "{_redacted(quote, message.reply_to)}"\n{redacted}'.rstrip("\n")
    return Breach(
        line=message.line,
        time=message.time,
        sender=message.sender,
        recipient=message.recipient,
        direct=message.direct,
        action=action,
        findings=findings,
        redacted=redacted,
    )


def _checked_reaction(engine: PolicyEngine, reaction: Reaction) -> Breach | None:
    quote = _check(engine, reaction.quoted)
    action = _strictest(quote)
    if quote is None or action is Action.ALLOW:
        return None
    return Breach(
        line=reaction.line,
        time=reaction.time,
        sender=reaction.sender,
        recipient=reaction.recipient,
        direct=reaction.direct,
        action=action,
        findings=_findings(quote, reaction.quoted, quoted=True),
        redacted=reaction.line_text.replace(f'"{reaction.quoted}"', f'"{quote.redacted}"', 1),
    )


def _strictest(*verdicts: Verdict | None) -> Action:
    actions = [v.action for v in verdicts if v is not None]
    return max(actions, key=lambda a: a.severity, default=Action.ALLOW)


def _findings(
    verdict: Verdict | None, text: str | None, *, quoted: bool = False
) -> tuple[ReportedFinding, ...]:
    if verdict is None or text is None:
        return ()
    return tuple(_reported(f, text, quoted=quoted) for f in verdict.findings)


def _redacted(verdict: Verdict | None, text: str) -> str:
    return verdict.redacted if verdict is not None and verdict.findings else text


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
            where = " (in the quoted text)" if finding.quoted else ""
            lines += [f'• {name} — "{finding.shown}"{where}', f'  Policy: "{finding.clause}"']
    if problems:
        lines += ["", _problems(problems)]
    return "\n".join(lines) + "\n"


def _reported(finding: Finding, text: str, *, quoted: bool = False) -> ReportedFinding:
    value = text[finding.start : finding.end]
    shown = mask(value) if finding.rule in MASKED_RULES else _shorten(value)
    return ReportedFinding(
        finding.rule, finding.entity, finding.clause, shown, finding.action, quoted=quoted
    )


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
