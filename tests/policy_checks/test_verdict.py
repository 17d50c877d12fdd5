"""Verdicts: the strictest finding decides, redaction hides what can be hidden, JSON shape."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policy_checks import ENTITY_TYPES, RULE_IDS, Action, Finding, Verdict, mask, redact
from policy_checks.verdict import REDACTABLE_RULES

TEXT = "Email jane@gmail.com or ring 07911 123456, you idiot, see bit.ly/x"


def _finding(
    rule: str,
    start: int,
    end: int,
    *,
    entity: str | None = None,
    action: Action = Action.BLOCK,
    score: float = 0.9,
) -> Finding:
    return Finding(
        rule=rule,
        start=start,
        end=end,
        score=score,
        clause=f"clause of {rule}",
        action=action,
        entity=entity,
    )


def _span(text: str, value: str) -> tuple[int, int]:
    start = text.index(value)
    return start, start + len(value)


def test_when_findings_are_redactable_then_exactly_their_spans_are_replaced() -> None:
    findings = [
        _finding("personal_data", *_span(TEXT, "jane@gmail.com"), entity="EMAIL_ADDRESS"),
        _finding("personal_data", *_span(TEXT, "07911 123456"), entity="PHONE_NUMBER"),
        _finding("abuse", *_span(TEXT, "idiot")),
        _finding("unapproved_link", *_span(TEXT, "bit.ly/x"), action=Action.WARN),
    ]
    assert redact(TEXT, findings) == (
        "Email <EMAIL_ADDRESS> or ring <PHONE_NUMBER>, you <ABUSE>, see <LINK>"
    )


def test_when_a_credential_is_found_then_it_is_replaced_by_a_credential_placeholder() -> None:
    text = "the key safe code is 4821"
    finding = _finding("credential", *_span(text, "key safe code is 4821"))
    assert redact(text, [finding]) == "the <CREDENTIAL>"


@pytest.mark.parametrize("rule", sorted(set(RULE_IDS) - REDACTABLE_RULES))
def test_when_a_finding_cannot_be_fixed_by_redaction_then_the_text_is_left_alone(
    rule: str,
) -> None:
    text = "we will deal with this in Part 2 of the meeting"
    assert redact(text, [_finding(rule, 0, 10)]) == text


@pytest.mark.parametrize(
    ("spans", "expected"),
    [
        pytest.param([(0, 6), (3, 10)], "<A> rest", id="overlapping"),
        pytest.param([(0, 10), (2, 5)], "<A> rest", id="nested"),
        pytest.param([(2, 5), (0, 10)], "<B> rest", id="nested, outer given second"),
        pytest.param([(0, 4), (4, 10)], "<A><B> rest", id="adjacent stay apart"),
        pytest.param([(0, 5), (3, 8), (7, 10)], "<A> rest", id="chain of overlaps"),
        pytest.param([(0, 10), (0, 10)], "<A> rest", id="same span twice"),
    ],
)
def test_when_redacted_spans_overlap_then_they_merge_into_one_placeholder(
    spans: list[tuple[int, int]], expected: str
) -> None:
    text = "0123456789 rest"
    entities = ["A", "B", "C"]
    findings = [
        _finding("personal_data", start, end, entity=entity)
        for (start, end), entity in zip(spans, entities, strict=False)
    ]
    assert redact(text, findings) == expected


def test_when_a_verdict_is_built_then_its_redaction_is_of_its_findings() -> None:
    text = "ring 07911 123456 please"
    verdict = Verdict.of(
        text, [_finding("personal_data", *_span(text, "07911 123456"), entity="PHONE_NUMBER")]
    )
    assert verdict.redacted == "ring <PHONE_NUMBER> please"


def test_when_serialised_then_the_verdict_has_the_contract_keys_in_order() -> None:
    text = "Email me at jane.doe@gmail.com please, it's confidential"
    verdict = Verdict.of(
        text,
        [
            _finding("confidential", *_span(text, "confidential")),
            _finding(
                "personal_data",
                *_span(text, "jane.doe@gmail.com"),
                entity="EMAIL_ADDRESS",
                score=0.999,
            ),
        ],
    )
    data = verdict.to_dict()
    assert list(data) == ["text", "action", "findings", "redacted"]
    assert data["text"] == text
    assert data["action"] == "block"
    assert data["redacted"] == "Email me at <EMAIL_ADDRESS> please, it's confidential"
    first, second = data["findings"]
    assert list(first) == ["rule", "entity", "start", "end", "score", "clause"]
    assert first == {
        "rule": "personal_data",
        "entity": "EMAIL_ADDRESS",
        "start": 12,
        "end": 30,
        "score": 1.0,
        "clause": "clause of personal_data",
    }
    assert list(second) == ["rule", "start", "end", "score", "clause"]
    assert "entity" not in second


def test_when_a_verdict_is_built_then_findings_are_in_text_order() -> None:
    findings = [_finding("abuse", 20, 25), _finding("threat", 0, 5), _finding("abuse", 5, 9)]
    verdict = Verdict.of("x" * 30, findings)
    assert [f.start for f in verdict.findings] == [0, 5, 20]
    assert verdict.rules == ("abuse", "threat")


@pytest.mark.parametrize(
    ("actions", "expected"),
    [
        ([], Action.ALLOW),
        ([Action.ALLOW], Action.ALLOW),
        ([Action.WARN], Action.WARN),
        ([Action.WARN, Action.ALLOW], Action.WARN),
        ([Action.WARN, Action.BLOCK, Action.WARN], Action.BLOCK),
        ([Action.BLOCK, Action.ALLOW], Action.BLOCK),
    ],
)
def test_when_findings_have_actions_then_the_strictest_decides(
    actions: list[Action], expected: Action
) -> None:
    findings = [_finding("abuse", i, i + 1, action=action) for i, action in enumerate(actions)]
    verdict = Verdict.of("abcdefgh", findings)
    assert verdict.action is expected
    assert verdict.to_dict()["action"] == expected.value


def test_when_only_redactable_findings_block_then_the_redacted_text_would_be_allowed() -> None:
    text = "call 07911 123456, in confidence"
    phone = _finding("personal_data", *_span(text, "07911 123456"), entity="PHONE_NUMBER")
    assert Verdict.of(text, [phone]).redacted_action is Action.ALLOW
    secret = _finding("confidential", *_span(text, "in confidence"))
    assert Verdict.of(text, [phone, secret]).redacted_action is Action.BLOCK


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("jane.doe@gmail.com", "j***@g***.com"),
        ("jane@gmail.com", "j***@g***.com"),
        ("07911 123456", "0*** 1***"),
        ("John Henderson", "J*** H***"),
        ("0 7 9 1 1  1 2 3 4 5 6", " ".join(["***"] * 11)),
        ("QQ 12 34 56 C", "*** *** *** *** ***"),
        ("", ""),
    ],
)
def test_when_a_value_is_masked_then_only_first_characters_and_the_domain_ending_show(
    value: str, masked: str
) -> None:
    assert mask(value) == masked


def test_the_contract_lists_every_rule_and_entity_type() -> None:
    assert RULE_IDS == (
        "personal_data", "confidential", "abuse", "threat", "discrimination", "political",
        "commercial", "allegation", "credential", "unapproved_link",
    )  # fmt: skip
    assert set(ENTITY_TYPES) == {
        "PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER", "UK_POSTCODE", "UK_ADDRESS", "IP_ADDRESS",
        "COOKIE_ID", "UK_NINO", "UK_NHS", "UK_SORT_CODE", "UK_BANK_ACCOUNT", "CREDIT_CARD",
        "IBAN_CODE", "DATE_OF_BIRTH", "UK_VEHICLE_REGISTRATION", "UK_PASSPORT",
        "UK_DRIVING_LICENCE",
    }  # fmt: skip


def _model_redaction(text: str, spans: list[tuple[int, int, str]]) -> str:
    """Merge spans that overlap (touching is not overlapping); the earliest, longest names it."""
    groups: list[tuple[int, int, str]] = []
    for start, end, name in sorted(spans, key=lambda span: (span[0], -span[1])):
        if groups and start < groups[-1][1]:
            first, last, kept = groups[-1]
            groups[-1] = (first, max(last, end), kept)
        else:
            groups.append((start, end, name))
    out: list[str] = []
    cursor = 0
    for start, end, name in groups:
        out.append(text[cursor:start])
        out.append(f"<{name}>")
        cursor = end
    out.append(text[cursor:])
    return "".join(out)


@settings(max_examples=200, deadline=None)
@given(data=st.data(), text=st.text(min_size=1, max_size=40))
def test_when_spans_are_arbitrary_then_redaction_replaces_their_union(
    data: st.DataObject, text: str
) -> None:
    size = len(text)
    starts = st.integers(0, size - 1)
    spans: list[tuple[int, int, str]] = []
    for index in range(data.draw(st.integers(0, 5), label="count")):
        start = data.draw(starts, label="start")
        end = data.draw(st.integers(start + 1, size), label="end")
        spans.append((start, end, ENTITY_TYPES[index]))
    findings = [_finding("personal_data", s, e, entity=name) for s, e, name in spans]
    assert redact(text, findings) == _model_redaction(text, spans)
