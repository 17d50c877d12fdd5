"""The text rules, one small class each, and the registry that builds them from a policy."""

from __future__ import annotations

from typing import Final

from policy_checks.context import CouncilContext
from policy_checks.policy import Policy
from policy_checks.rules.abuse import AbuseRule
from policy_checks.rules.allegation import AllegationRule
from policy_checks.rules.base import Hit, Lexicon, LexiconMatch, TextRule
from policy_checks.rules.commercial import CommercialRule
from policy_checks.rules.confidential import ConfidentialRule
from policy_checks.rules.credential import CredentialRule
from policy_checks.rules.discrimination import DiscriminationRule
from policy_checks.rules.political import PoliticalRule
from policy_checks.rules.threat import ThreatRule
from policy_checks.rules.unapproved_link import UnapprovedLinkRule

__all__ = ["Hit", "Lexicon", "LexiconMatch", "TextRule", "build_rules"]

_WORD_RULES: Final[tuple[type[TextRule], ...]] = (
    ConfidentialRule,
    AbuseRule,
    ThreatRule,
    DiscriminationRule,
    PoliticalRule,
    CommercialRule,
    AllegationRule,
    CredentialRule,
)


def build_rules(policy: Policy, council: CouncilContext) -> tuple[list[TextRule], Lexicon]:
    """Build the enabled text rules with the policy's extra words, and their shared lexicon."""
    rules: list[TextRule] = []
    for cls in _WORD_RULES:
        settings = policy[cls.RULE_ID]
        if settings.enabled:
            rules.append(cls(extra_terms=settings.words, extra_allow=settings.allow))
    link = policy["unapproved_link"]
    if link.enabled:
        rules.append(UnapprovedLinkRule(council, extra_allow=link.allow))
    lexicon = Lexicon()
    for rule in rules:
        lexicon.add(rule.RULE_ID, rule.terms)
        lexicon.add(rule.RULE_ID, rule.allow, allow=True)
    return rules, lexicon
