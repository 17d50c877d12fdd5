"""Building the policy engine the way the council configured it."""

from __future__ import annotations

from pathlib import Path

from chatbot.council.file import CouncilFile
from policy_checks import PolicyEngine, load_policy


def build_policy_engine(council: CouncilFile | None, path: Path | None) -> PolicyEngine:
    """The engine with the council's policy file and published contacts (defaults without)."""
    if council is None or path is None:
        return PolicyEngine()
    policy_path = council.policy.file
    if policy_path is not None and not policy_path.is_absolute():
        policy_path = path.parent / policy_path
    return PolicyEngine(
        load_policy(policy_path), council.council_context(), nlp_model=council.policy.nlp_model
    )
