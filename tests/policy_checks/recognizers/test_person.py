"""People's names: names the gazetteer alone used to miss are found, traps stay clean."""

from __future__ import annotations

import pytest

from policy_checks import PolicyEngine
from policy_checks.context import CouncilContext


def _names(engine: PolicyEngine, text: str) -> list[str]:
    return [
        text[f.start : f.end]
        for f in engine.check(text).findings
        if f.rule == "personal_data" and f.entity == "PERSON"
    ]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Priya Sharma rang about the bins on Church Street", "Priya Sharma"),
        ("Oluwaseun Adeyemi has complained about the hedge again", "Oluwaseun Adeyemi"),
        ("Spoke to Wojciech Kowalski this morning about the allotment", "Wojciech Kowalski"),
        ("letter from j. okonkwo about the footpath", "okonkwo"),
        ("J. Okonkwo says the streetlight is out", "Okonkwo"),
        ("COMPLAINT FROM JOHN SMITH ABOUT THE DOG FOULING ON PARK ROAD", "SMITH"),
        ("spoke to Mr Grove about his fence", "Grove"),
        ("Mrs Park phoned about the bus shelter", "Park"),
        ("Sarah Hill emailed the Clerk about the footpath", "Hill"),
        ("ask Chukwuemeka if he still wants the allotment", "Chukwuemeka"),
        ("Ioana Popescu and her husband reported the fly-tipping", "Ioana Popescu"),
        ("priya sharma said the drain is blocked again", "priya sharma"),
    ],
)
def test_when_a_name_the_lists_missed_is_written_then_it_is_found(
    engine: PolicyEngine, text: str, name: str
) -> None:
    found = _names(engine, text)
    assert any(name in value or value in name for value in found), found


@pytest.mark.parametrize(
    "text",
    [
        "The pothole on Park Road is getting worse",
        "Grove Lane is flooded again by the school",
        "Meeting moved to Thursday 12 May at the Village Hall",
        "The Chair will circulate the minutes in May",
        "Can the Clerk chase Highways about the streetlight?",
        "Mark the date: the fete is on 6 June",
        "Hill Close and Church Street will be resurfaced in October",
        "Thanks all for coming on Monday",
        "Walked up Church Hill to the Park this morning",
        "Email theparishclerk@bartonleclay-pc.gov.uk for the agenda",
    ],
)
def test_when_a_trap_is_written_then_no_name_is_found(engine: PolicyEngine, text: str) -> None:
    assert _names(engine, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "i need those Calvin Klein lol",
        "finally got tickets for Harry Potter live in Beirut",
    ],
)
def test_when_only_the_gazetteer_reads_a_brand_as_a_name_then_no_name_is_found(
    engine: PolicyEngine, text: str
) -> None:
    assert _names(engine, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Cllr Jane Smith proposed and Peter Hughes seconded",
        "Raj Patel will chase the drain on Mill Lane",
        "thanks to helen moss for the minutes",
    ],
)
def test_when_a_council_member_is_named_then_no_name_is_found(
    engine: PolicyEngine, text: str
) -> None:
    assert _names(engine, text) == []


def test_when_a_member_is_named_beside_a_resident_then_only_the_resident_is_found() -> None:
    council = CouncilContext.build(public_names=("Jane Smith",))
    engine = PolicyEngine(council=council)
    found = _names(engine, "Jane Smith met Priya Sharma about the hedge")
    assert found == ["Priya Sharma"]


def test_when_members_are_admitted_then_only_the_current_ones_are_not_names(
    engine: PolicyEngine,
) -> None:
    own = engine.own_copy()
    own.admit_members(["Adaeze Nwosu"])
    assert _names(own, "Adaeze Nwosu met Priya Sharma about the hedge") == ["Priya Sharma"]
    assert _names(engine, "Adaeze Nwosu met Priya Sharma") == ["Adaeze Nwosu", "Priya Sharma"]
    own.admit_members([])
    assert _names(own, "Adaeze Nwosu met Priya Sharma") == ["Adaeze Nwosu", "Priya Sharma"]
