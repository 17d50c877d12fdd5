"""Shared fixtures: policy engines are built once per test session (about a second each)."""

from __future__ import annotations

import pytest

from policy_checks import PolicyEngine
from policy_checks.evaluation import EVALUATION_COUNCIL


@pytest.fixture(scope="session")
def engine() -> PolicyEngine:
    """The engine with the evaluation council's approved sites and published contacts."""
    return PolicyEngine(council=EVALUATION_COUNCIL)


@pytest.fixture(scope="session")
def default_engine() -> PolicyEngine:
    """The engine with the packaged defaults and no council."""
    return PolicyEngine()


pytest_plugins = ["testing.fakes.fixtures"]
