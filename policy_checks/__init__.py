"""councilbot's policy checks: text in, findings out. No I/O, no Telegram, no database."""

from policy_checks.context import CouncilContext
from policy_checks.engine import PolicyEngine
from policy_checks.errors import InputError, PolicyChecksError, PolicyFileError
from policy_checks.policy import Policy, RulePolicy, load_policy
from policy_checks.verdict import ENTITY_TYPES, RULE_IDS, Action, Finding, Verdict, mask, redact

__all__ = [
    "ENTITY_TYPES",
    "RULE_IDS",
    "Action",
    "CouncilContext",
    "Finding",
    "InputError",
    "Policy",
    "PolicyChecksError",
    "PolicyEngine",
    "PolicyFileError",
    "RulePolicy",
    "Verdict",
    "load_policy",
    "mask",
    "redact",
]
