"""Confidential material, and the public procedure that merely mentions closed sessions."""

from __future__ import annotations

import pytest

from policy_checks import Action, PolicyEngine


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Item 7 will be taken in closed session under the Public Bodies (Admission to "
            "Meetings) Act 1960",
            id="agenda notice",
        ),
        pytest.param(
            "To resolve to exclude the press and public under the Public Bodies (Admission to "
            "Meetings) Act 1960 by reason of the confidential nature of the business",
            id="resolution to exclude",
        ),
        pytest.param("The council moved into closed session for item 9 (staffing)", id="minutes"),
    ],
)
def test_when_an_agenda_says_an_item_is_taken_in_closed_session_then_it_is_allowed(
    engine: PolicyEngine, text: str
) -> None:
    verdict = engine.check(text)
    assert [f.rule for f in verdict.findings if f.rule == "confidential"] == []
    assert verdict.action is not Action.BLOCK


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("What was said in closed session: the clerk's salary is", id="leak"),
        pytest.param("This is strictly confidential, do not forward", id="marked"),
        pytest.param(
            "CONFIDENTIAL - the exempt item will be discussed on Tuesday", id="marked as well"
        ),
        pytest.param("Here are the exempt item papers for you", id="papers, no procedure"),
        pytest.param("Part 2 papers will be taken as read, not for publication", id="not for pub"),
    ],
)
def test_when_closed_session_material_is_shared_then_it_is_confidential(
    engine: PolicyEngine, text: str
) -> None:
    assert "confidential" in engine.check(text).rules


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Item 9, the staffing review, will be taken in confidential session", id="taken"
        ),
        pytest.param("The council moved into confidential session for the tender", id="moved"),
        pytest.param(
            "Item 9 is exempt business and will be taken after the public leave.", id="exempt"
        ),
        pytest.param(
            "Items 10 and 11 are Part 2 and will be considered in the absence of the press and "
            "public.",
            id="part 2",
        ),
        pytest.param("Exempt business: the press and public will be excluded for item 12.", id="x"),
    ],
)
def test_when_an_agenda_says_how_an_item_is_taken_without_the_public_then_it_is_procedure(
    engine: PolicyEngine, text: str
) -> None:
    assert "confidential" not in engine.check(text).rules
