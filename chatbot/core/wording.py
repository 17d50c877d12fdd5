"""What people read: rule names, explanations of findings, and the policy's own notices."""

from __future__ import annotations

from typing import Final

from policy_checks import Finding, Verdict, mask
from policy_checks.verdict import MASKED_RULES

REMOVAL_NOTICE: Final[str] = "A post breaching the Council's Social Media Policy has been removed"
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


def describe(finding: Finding, text: str) -> str:
    """One line about one finding; personal data and secrets are shown masked, never whole."""
    name = RULE_NAMES.get(finding.rule, finding.rule)
    if finding.entity:
        name = f"{name}: {ENTITY_NAMES.get(finding.entity, finding.entity)}"
    value = text[finding.start : finding.end]
    shown = mask(value) if finding.rule in MASKED_RULES else _shorten(value)
    return f'• {name} — "{shown}"\n  Policy: "{finding.clause}"'


def explain(verdict: Verdict) -> str:
    """Every finding of a verdict, one block each."""
    return "\n".join(describe(finding, verdict.text) for finding in verdict.findings)


def summary(verdict: Verdict) -> str:
    """A short label of what was found, such as "Contains personal data: email"."""
    parts: list[str] = []
    for finding in verdict.findings:
        if finding.entity:
            label = f"personal data: {ENTITY_NAMES.get(finding.entity, finding.entity)}"
        else:
            label = RULE_NAMES.get(finding.rule, finding.rule).lower()
        if label not in parts:
            parts.append(label)
    return "No issues found" if not parts else "Contains " + ", ".join(parts)


def _shorten(value: str, limit: int = 40) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"
