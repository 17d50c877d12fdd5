"""What people read: counts that agree with their nouns, explanations that fit a phone."""

from __future__ import annotations

import pytest

from chatbot.core.wording import (
    REMOVAL_NOTICE,
    explain,
    plural,
    read_rules,
    rules_named,
    summary,
)
from policy_checks import RULE_IDS, PolicyEngine


@pytest.mark.parametrize(
    ("count", "expected"),
    [(0, "0 entries"), (1, "1 entry"), (2, "2 entries"), (1200, "1,200 entries")],
)
def test_when_a_count_is_worded_then_the_noun_agrees(count: int, expected: str) -> None:
    assert plural(count, "entry", "entries") == expected


def test_when_the_group_notice_is_posted_then_it_is_a_sentence() -> None:
    assert REMOVAL_NOTICE.endswith(".")


def test_when_a_post_repeats_one_kind_of_finding_then_it_is_explained_once_with_a_count(
    default_engine: PolicyEngine,
) -> None:
    numbers = ", ".join(f"07700 9{n:05d}" for n in range(60))
    text = explain(default_engine.check(f"Ring any of {numbers}"))
    assert "60 found" in text
    assert len(text.splitlines()) <= 4
    assert "and 57 more" in text


def test_when_rules_are_named_for_people_then_no_rule_id_is_shown() -> None:
    assert rules_named(["personal_data", "unapproved_link"]) == (
        "personal data, a link to an unapproved site"
    )


@pytest.mark.parametrize(
    ("words", "rules"),
    [
        (["threat"], ["threat"]),
        (["Threats"], ["threat"]),
        (["personal", "data"], ["personal_data"]),
        (["unapproved_link"], ["unapproved_link"]),
        (["links"], ["unapproved_link"]),
        (["politics"], ["political"]),
        (["password"], ["credential"]),
        (["ABUSE"], ["abuse"]),
    ],
)
def test_when_a_rule_is_written_as_people_say_it_then_it_is_read(
    words: list[str], rules: list[str]
) -> None:
    assert read_rules(words, RULE_IDS) == (rules, [])


@pytest.mark.parametrize("word", ["nonsense", "xyz", "a", "of"])
def test_when_a_word_names_no_rule_then_it_is_returned_as_unknown(word: str) -> None:
    assert read_rules([word], RULE_IDS) == ([], [word])


def test_when_a_rule_is_not_enabled_then_it_is_not_read() -> None:
    assert read_rules(["threats"], ["abuse"]) == ([], ["threats"])


def test_when_a_draft_holds_several_kinds_of_personal_data_then_the_summary_lists_them_once() -> (
    None
):
    engine = PolicyEngine()
    verdict = engine.check("Tell Mr Patel at 22 Oak Road, 07911 123456, he is an idiot")
    label = summary(verdict)
    assert label.startswith("Contains personal data: a name, a home address and a phone number")
    assert label.count("personal data") == 1
    assert summary(engine.check("Can we add the grass cutting to the agenda?")) == "No issues found"
