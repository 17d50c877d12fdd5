"""The learned scorers say nothing on a word or two: commands and one-word replies pass."""

from __future__ import annotations

import pytest

from policy_checks import Action, PolicyEngine


@pytest.mark.parametrize("text", ["/help", "/status", "help", "status", "ok", "noted", "agreed"])
def test_when_a_message_is_a_word_or_two_then_no_learned_rule_fires(
    default_engine: PolicyEngine, text: str
) -> None:
    assert default_engine.check(text).action is Action.ALLOW


@pytest.mark.parametrize("text", ["v o t e   r e f o r m", "vote     labour"])
def test_when_words_are_spread_apart_then_the_word_rules_still_read_them(
    default_engine: PolicyEngine, text: str
) -> None:
    assert "political" in default_engine.check(text).rules
