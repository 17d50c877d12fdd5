"""An @-handle names an account: the word rules do not read its letters as the message's words."""

from __future__ import annotations

import pytest

from policy_checks import PolicyEngine


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("RT @FukTylar: heard you were at the meeting", id="retweet"),
        pytest.param("Thanks @shitty_bob for the photos of the fete", id="mention"),
    ],
)
def test_when_a_listed_word_is_inside_a_handle_then_the_word_rules_do_not_fire(
    text: str,
) -> None:
    engine = PolicyEngine(learned=False)
    assert engine.check(text).rules == ()


def test_when_a_listed_word_follows_a_handle_then_the_word_rules_still_fire() -> None:
    verdict = PolicyEngine(learned=False).check("@bob you are talking shit")
    assert "abuse" in verdict.rules
    finding = next(f for f in verdict.findings if f.rule == "abuse")
    assert verdict.text[finding.start : finding.end] == "shit"
