"""What ``@bot <draft>`` offers: the draft when clean, redacted when that fixes it, else nothing."""

from __future__ import annotations

import pytest

from chatbot.telegram.handlers.inline import inline_answer
from policy_checks import PolicyEngine


@pytest.fixture(scope="module")
def engine() -> PolicyEngine:
    return PolicyEngine()


def test_when_a_draft_is_clean_then_it_is_offered_as_it_is(engine: PolicyEngine) -> None:
    answer = inline_answer("q1", engine.check("The allotment meeting is on Tuesday"))
    assert [(o.title, o.text) for o in answer.offers] == [
        ("No issues", "The allotment meeting is on Tuesday")
    ]
    assert not answer.start_parameter


def test_when_redaction_fixes_a_draft_then_only_the_redacted_words_are_offered(
    engine: PolicyEngine,
) -> None:
    answer = inline_answer("q2", engine.check("ring me on 07911 123456"))
    (offer,) = answer.offers
    assert "07911" not in offer.text + offer.description
    assert "[phone number removed]" in offer.text
    assert "<" not in offer.text


def test_when_a_draft_cannot_be_posted_then_nothing_is_offered_but_a_way_to_ask_why(
    engine: PolicyEngine,
) -> None:
    answer = inline_answer("q3", engine.check("I will kill you, you worthless idiot"))
    assert answer.offers == ()
    assert answer.start_label.startswith("Blocked:")
    assert answer.start_parameter == "draft"
