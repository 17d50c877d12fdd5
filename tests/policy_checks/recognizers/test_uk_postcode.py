"""Postcodes in any case; planning sites and the council's own address are public."""

from __future__ import annotations

import pytest

from policy_checks import PolicyEngine
from policy_checks.context import CouncilContext


def _found(engine: PolicyEngine, text: str) -> list[tuple[str | None, str]]:
    return [(f.entity, text[f.start : f.end]) for f in engine.check(text).findings]


@pytest.mark.parametrize(
    ("text", "postcode"),
    [
        pytest.param("send it to lu5 4ab please", "lu5 4ab", id="lower case, no cue"),
        pytest.param("I'm at mk45 2rp", "mk45 2rp", id="lower case, two-digit district"),
        pytest.param("post it to Lu5 4Ab", "Lu5 4Ab", id="mixed case"),
        pytest.param("my postcode is lu54ab", "lu54ab", id="run together, with the cue"),
        pytest.param("drop it at sw1a 1aa", "sw1a 1aa", id="letter district"),
    ],
)
def test_when_a_postcode_is_in_lower_case_then_it_is_found_without_the_word_postcode(
    engine: PolicyEngine, text: str, postcode: str
) -> None:
    assert ("UK_POSTCODE", postcode) in _found(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("we need qx1 2ab of them", id="not a postcode area"),
        pytest.param("lu54ab is a code", id="run together, no cue"),
    ],
)
def test_when_a_lower_case_look_alike_names_no_area_then_it_is_not_a_postcode(
    engine: PolicyEngine, text: str
) -> None:
    assert [e for e, _ in _found(engine, text) if e == "UK_POSTCODE"] == []


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Planning application CB/26/01234/FUL: 14 Station Road, LU5 4AB, two-storey extension",
            id="reference then site",
        ),
        pytest.param(
            "CB/26/01234/FUL - 14 Station Road, Barton, LU5 4AB - single storey rear extension",
            id="reference only",
        ),
        pytest.param(
            "Planning application for land at 3 Mill Lane, LU5 4AB: two dwellings",
            id="land at",
        ),
        pytest.param(
            "New planning application: Rose Cottage, Church Street, MK45 4RP, new garage",
            id="house name",
        ),
    ],
)
def test_when_an_address_is_a_planning_site_then_it_is_public_context(
    engine: PolicyEngine, text: str
) -> None:
    found = _found(engine, text)
    assert [f for f in found if f[0] in {"UK_ADDRESS", "UK_POSTCODE"}] == [], found
    assert engine.check(text).action.value == "allow"


@pytest.mark.parametrize(
    ("text", "address"),
    [
        pytest.param(
            "Objection to CB/24/01234/FULL from Malcolm Bishop at 4 Higham Street",
            "4 Higham Street",
            id="objector's address",
        ),
        pytest.param(
            "Planning application CB/26/01234/FUL: the applicant lives at 9 Mill Lane",
            "9 Mill Lane",
            id="applicant's home, not the site",
        ),
        pytest.param("Site visit: meet Kevin at 15 Mill Avenue", "15 Mill Avenue", id="meeting"),
    ],
)
def test_when_a_planning_message_names_a_person_s_home_then_it_is_still_personal_data(
    engine: PolicyEngine, text: str, address: str
) -> None:
    assert ("UK_ADDRESS", address) in _found(engine, text)


def test_when_the_council_publishes_its_address_then_it_is_not_personal_data() -> None:
    council = CouncilContext.build(public_addresses=("Village Hall, 1 Church Street, LU5 4AB",))
    engine = PolicyEngine(council=council)
    text = "Meeting at the Village Hall, 1 Church Street, LU5 4AB on Tuesday"
    assert _found(engine, text) == []
    assert ("UK_ADDRESS", "4 Mill Lane") in _found(engine, "She lives at 4 Mill Lane, LU5 4AB")
