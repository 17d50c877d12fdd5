"""What people read: rule names, explanations of findings, and the policy's own notices."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from policy_checks import Finding, Verdict, mask
from policy_checks.verdict import MASKED_RULES, redact

# How much of a verdict an explanation shows: kinds of finding, and values of each kind.
MAX_KINDS_SHOWN: Final[int] = 8
MAX_VALUES_SHOWN: Final[int] = 3
REMOVAL_NOTICE: Final[str] = "A post breaching the Council's Social Media Policy has been removed."
RULE_NAMES: Final[dict[str, str]] = {
    "personal_data": "Personal data",
    "confidential": "Confidential material",
    "abuse": "Abusive or vulgar language",
    "threat": "Threatening language",
    "discrimination": "Discriminatory or sexual content",
    "political": "Political advertising",
    "commercial": "Commercial promotion",
    "allegation": "An allegation of a breach of policy or the law",
    "credential": "A password or secret",
    "unapproved_link": "A link to an unapproved site",
}
ENTITY_NAMES: Final[dict[str, str]] = {
    "PERSON": "a name",
    "EMAIL_ADDRESS": "an e-mail address",
    "PHONE_NUMBER": "a phone number",
    "UK_POSTCODE": "a postcode",
    "UK_ADDRESS": "a home address",
    "IP_ADDRESS": "an IP address",
    "COOKIE_ID": "a cookie identifier",
    "UK_NINO": "a National Insurance number",
    "UK_NHS": "an NHS number",
    "UK_SORT_CODE": "a sort code",
    "UK_BANK_ACCOUNT": "a bank account number",
    "CREDIT_CARD": "a card number",
    "IBAN_CODE": "an IBAN",
    "DATE_OF_BIRTH": "a date of birth",
    "UK_VEHICLE_REGISTRATION": "a number plate",
    "UK_PASSPORT": "a passport number",
    "UK_DRIVING_LICENCE": "a driving licence number",
}


_MIN_TOPIC_LETTERS: Final[int] = 4


def _topic_words(rule: str) -> set[str]:
    words = f"{rule.replace('_', ' ')} {RULE_NAMES.get(rule, '')}".casefold().split()
    return {w for w in words if len(w) >= _MIN_TOPIC_LETTERS}


def read_rules(words: Iterable[str], rules: Iterable[str]) -> tuple[list[str], list[str]]:
    """The rules among ``rules`` that ``words`` name, and the words that name none.

    People write a rule as they would say it: its id (``unapproved_link``), or a word of its
    name or the start of one (``threats``, ``personal``, ``politics``, ``links``), in any case.
    """
    topics = {rule: _topic_words(rule) for rule in rules}
    found: list[str] = []
    unknown: list[str] = []
    for word in words:
        key = word.casefold().strip(".,;:!?\"'“”")
        stem = key.removesuffix("s") if len(key) > _MIN_TOPIC_LETTERS else key
        named = [
            rule
            for rule, names in topics.items()
            if key == rule
            or (
                len(stem) >= _MIN_TOPIC_LETTERS
                and any(name.startswith(stem) or stem.startswith(name) for name in names)
            )
        ]
        if named:
            found.extend(rule for rule in named if rule not in found)
        elif key:
            unknown.append(word)
    return found, unknown


def describe(finding: Finding, text: str) -> str:
    """One line about one finding; personal data and secrets are shown masked, never whole."""
    name = RULE_NAMES.get(finding.rule, finding.rule)
    if finding.entity:
        name = f"{name}: {ENTITY_NAMES.get(finding.entity, finding.entity)}"
    return f'• {name} — "{_shown(finding, text)}"\n  Policy: "{finding.clause}"'


def explain(verdict: Verdict) -> str:
    """The findings of a verdict, one block per kind of finding, however many there are.

    A kind found more than once shows its first few values and how many there were, so that a
    post with sixty phone numbers is explained in a few lines that fit a phone screen (and
    Telegram's message limit), not sixty blocks.
    """
    kinds: dict[tuple[str, str | None], list[Finding]] = {}
    for finding in verdict.findings:
        kinds.setdefault((finding.rule, finding.entity), []).append(finding)
    blocks = []
    for findings in list(kinds.values())[:MAX_KINDS_SHOWN]:
        if len(findings) == 1:
            blocks.append(describe(findings[0], verdict.text))
            continue
        first = findings[0]
        name = RULE_NAMES.get(first.rule, first.rule)
        if first.entity:
            name = f"{name}: {ENTITY_NAMES.get(first.entity, first.entity)}"
        shown = ", ".join(f'"{_shown(f, verdict.text)}"' for f in findings[:MAX_VALUES_SHOWN])
        more = len(findings) - MAX_VALUES_SHOWN
        extra = f" and {more} more" if more > 0 else ""
        blocks.append(
            f'• {name} ({len(findings)} found) — {shown}{extra}\n  Policy: "{first.clause}"'
        )
    hidden = len(kinds) - MAX_KINDS_SHOWN
    if hidden > 0:
        blocks.append(f"• …and {hidden} other kinds of finding.")
    return "\n".join(blocks)


def _shown(finding: Finding, text: str) -> str:
    value = text[finding.start : finding.end]
    return mask(value) if finding.rule in MASKED_RULES else _shorten(value)


def summary(verdict: Verdict) -> str:
    """A short label of what was found: "Contains personal data: a name and a phone number"."""
    data: list[str] = []
    rules: list[str] = []
    for finding in verdict.findings:
        if finding.entity:
            label, into = ENTITY_NAMES.get(finding.entity, finding.entity), data
        else:
            label, into = RULE_NAMES.get(finding.rule, finding.rule).lower(), rules
        if label not in into:
            into.append(label)
    parts = ([f"personal data: {_and(data)}"] if data else []) + rules
    return "No issues found" if not parts else "Contains " + "; ".join(parts)


def _and(items: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _shorten(value: str, limit: int = 40) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


def rules_named(rules: Iterable[str]) -> str:
    """Rules in words, for people ("personal data, threatening language"), never rule ids."""
    named = [RULE_NAMES.get(rule, rule.replace("_", " ")).lower() for rule in rules]
    return ", ".join(dict.fromkeys(named)) or "no rule recorded"


def plural(count: int, one: str, many: str) -> str:
    """``1 entry``, ``2 entries``: a count with the word that fits it."""
    return f"{count:,} {one if count == 1 else many}"


_REMOVED_RULES: Final[dict[str, str]] = {
    "credential": "password",
    "abuse": "offensive words",
    "unapproved_link": "link",
}


def removed_words(finding: Finding) -> str:
    """What stands in a redacted text for a finding: ``[phone number removed]``."""
    if finding.entity:
        name = ENTITY_NAMES.get(finding.entity, "personal details")
        name = name.removeprefix("a ").removeprefix("an ")
    else:
        name = _REMOVED_RULES.get(finding.rule, "text")
    return f"[{name} removed]"


def readable_redaction(verdict: Verdict) -> str:
    """The redacted text as people read it: no ``<PHONE_NUMBER>``-style placeholders."""
    return redact(verdict.text, verdict.findings, placeholder=removed_words)


def masked_text(verdict: Verdict) -> str:
    """The checked text with its personal data and secrets masked (``0**** ******``).

    What a sender is shown of their own post: recognisable to them, and no use to anyone
    reading over their shoulder.
    """

    def shown(finding: Finding) -> str:
        value = verdict.text[finding.start : finding.end]
        return mask(value) if finding.rule in MASKED_RULES else value

    return redact(verdict.text, verdict.findings, placeholder=shown)
