"""The policy as data: defaults, the clauses they quote, and a council's file laid over them."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest

from policy_checks import (
    ENTITY_TYPES,
    RULE_IDS,
    Action,
    PolicyEngine,
    PolicyFileError,
    load_policy,
)

SHARED_POLICY = Path(__file__).parents[2] / ".." / "shared" / "policy" / "social-media-policy.txt"


def _packaged_policy_text() -> str:
    source = resources.files("policy_checks").joinpath("data", "social-media-policy.txt")
    return source.read_text(encoding="utf-8")


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "policy.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_when_no_file_is_given_then_the_defaults_cover_every_rule() -> None:
    policy = load_policy()
    assert set(policy.rules) == set(RULE_IDS)
    assert policy.enabled_rules == RULE_IDS
    for rule in RULE_IDS:
        settings = policy[rule]
        assert settings.rule == rule
        assert settings.clause
        assert 0 <= settings.threshold <= 1


@pytest.mark.parametrize(
    ("rule", "entity", "action"),
    [
        ("personal_data", "EMAIL_ADDRESS", Action.BLOCK),
        ("personal_data", "PERSON", Action.WARN),
        ("unapproved_link", None, Action.WARN),
        ("abuse", None, Action.BLOCK),
        ("threat", None, Action.BLOCK),
        ("confidential", None, Action.BLOCK),
    ],
)
def test_when_defaults_load_then_each_rule_has_its_documented_action(
    rule: str, entity: str | None, action: Action
) -> None:
    assert load_policy()[rule].action_for(entity) is action


@pytest.mark.parametrize("rule", RULE_IDS)
def test_when_a_rule_quotes_the_policy_then_the_quote_is_word_for_word(rule: str) -> None:
    document = _words(_packaged_policy_text())
    settings = load_policy()[rule]
    assert _words(settings.clause) in document
    if settings.advice is not None:
        assert _words(settings.advice) in document


def test_the_allegation_rule_carries_advice_on_formal_complaints() -> None:
    advice = load_policy()["allegation"].advice
    assert advice is not None
    assert "formal complaint" in advice


def test_when_the_shared_policy_exists_then_the_packaged_copy_is_identical() -> None:
    if not SHARED_POLICY.exists():
        pytest.skip(f"{SHARED_POLICY} is not present in this checkout")
    assert _packaged_policy_text() == SHARED_POLICY.read_text(encoding="utf-8")


def test_when_a_council_file_is_laid_over_then_fields_change_and_words_are_added(
    tmp_path: Path,
) -> None:
    path = _write(
        tmp_path,
        """\
rules:
  abuse:
    action: warn
    words: ["wombat", "gribble*"]
    allow: ["wombat sanctuary"]
  threat:
    threshold: 0.95
  personal_data:
    entities:
      UK_POSTCODE: {enabled: false}
      PERSON: {action: block}
  political:
    enabled: false
""",
    )
    defaults = load_policy()
    policy = load_policy(path)
    abuse = policy["abuse"]
    assert abuse.action is Action.WARN
    assert abuse.clause == defaults["abuse"].clause
    assert abuse.words[-2:] == ("wombat", "gribble*")
    assert abuse.allow[-1] == "wombat sanctuary"
    assert policy["threat"].threshold == 0.95
    assert policy["threat"].action is defaults["threat"].action
    personal = policy["personal_data"]
    assert not personal.entity_enabled("UK_POSTCODE")
    assert personal.action_for("PERSON") is Action.BLOCK
    assert personal.threshold_for("PERSON") == defaults["personal_data"].threshold
    assert personal.action_for("EMAIL_ADDRESS") is Action.BLOCK
    assert "political" not in policy.enabled_rules
    for rule in ("confidential", "commercial", "allegation", "credential", "unapproved_link"):
        assert policy[rule] == defaults[rule]


def test_when_a_council_file_is_laid_over_then_the_engine_applies_it(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        """\
rules:
  abuse:
    action: warn
    words: ["wombat"]
    allow: ["wombat sanctuary"]
  personal_data:
    entities:
      UK_POSTCODE: {enabled: false}
  political:
    enabled: false
""",
    )
    engine = PolicyEngine(load_policy(path))
    verdict = engine.check("You absolute wombat")
    assert [(f.rule, f.action) for f in verdict.findings] == [("abuse", Action.WARN)]
    assert verdict.action is Action.WARN
    assert engine.check("Visit the wombat sanctuary").findings == ()
    assert engine.check("Our postcode is MK45 4RP").findings == ()
    assert engine.check("Vote Labour on Thursday").findings == ()


def test_when_the_council_file_is_empty_then_the_defaults_stand(tmp_path: Path) -> None:
    assert load_policy(_write(tmp_path, "")) == load_policy()


@pytest.mark.parametrize(
    ("text", "line", "field"),
    [
        pytest.param(
            "rules:\n  abuse:\n    action: block\n   bad: indent\n", 4, "file", id="bad YAML"
        ),
        pytest.param("rules:\n  spam:\n    action: block\n", 2, "rules.spam", id="unknown rule"),
        pytest.param(
            "rules:\n  abuse:\n    colour: red\n", 3, "rules.abuse.colour", id="unknown field"
        ),
        pytest.param(
            "rules:\n  abuse:\n    action: delete\n", 3, "rules.abuse.action", id="bad action"
        ),
        pytest.param(
            "rules:\n  threat:\n    threshold: 1.5\n",
            3,
            "rules.threat.threshold",
            id="threshold above one",
        ),
        pytest.param(
            "rules:\n  threat:\n    action: warn\n    threshold: -0.1\n",
            4,
            "rules.threat.threshold",
            id="threshold below zero",
        ),
        pytest.param(
            "rules:\n  threat:\n    threshold: high\n",
            3,
            "rules.threat.threshold",
            id="threshold not a number",
        ),
        pytest.param(
            "rules:\n  personal_data:\n    entities:\n      SHOE_SIZE: {action: warn}\n",
            4,
            "rules.personal_data.entities.SHOE_SIZE",
            id="unknown entity type",
        ),
        pytest.param(
            "rules:\n  personal_data:\n    entities:\n      PERSON:\n        threshold: 2\n",
            5,
            "rules.personal_data.entities.PERSON.threshold",
            id="entity threshold out of range",
        ),
        pytest.param(
            "rules:\n  personal_data:\n    entities:\n      PERSON: {action: shout}\n",
            4,
            "rules.personal_data.entities.PERSON.action",
            id="entity bad action",
        ),
        pytest.param(
            "rules:\n  abuse:\n    words: wombat\n", 3, "rules.abuse.words", id="words not a list"
        ),
        pytest.param(
            "rules:\n  abuse:\n    enabled: maybe\n", 3, "rules.abuse.enabled", id="bad boolean"
        ),
        pytest.param("abuse:\n  action: warn\n", 1, "abuse", id="unknown top-level field"),
        pytest.param(
            "rules:\n  abuse: {action: warn}\n  abuse: {action: block}\n",
            3,
            "rules.abuse",
            id="rule given twice",
        ),
    ],
)
def test_when_the_policy_file_is_bad_then_the_error_names_file_line_and_field(
    tmp_path: Path, text: str, line: int, field: str
) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(PolicyFileError) as caught:
        load_policy(path)
    error = caught.value
    assert error.path == str(path)
    assert error.line == line
    assert error.field == field
    message = str(error)
    assert str(path) in message
    assert f"line {line}" in message
    assert field in message


def test_when_the_policy_file_is_missing_then_the_error_names_it(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.yaml"
    with pytest.raises(PolicyFileError, match="not found") as caught:
        load_policy(path)
    assert caught.value.path == str(path)


@pytest.mark.parametrize("entity", ENTITY_TYPES)
def test_when_an_entity_type_is_overridden_then_every_contract_type_is_accepted(
    tmp_path: Path, entity: str
) -> None:
    path = _write(
        tmp_path, f"rules:\n  personal_data:\n    entities:\n      {entity}: {{action: warn}}\n"
    )
    assert load_policy(path)["personal_data"].action_for(entity) is Action.WARN
