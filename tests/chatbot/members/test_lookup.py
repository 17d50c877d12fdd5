"""The person resolver: ids, @usernames and names (or parts of them) to members."""

from __future__ import annotations

import pytest

from chatbot.core.access import Role
from chatbot.members.lookup import Found, NoMatch, Person, Several, find_person
from chatbot.members.service import MemberView

HELEN = MemberView(1004, "Helen Moss", Role.COUNCILLOR)
HELENA = MemberView(1005, "Helena Price", Role.VICE_CHAIR)
JANE = MemberView(1001, "Jane Smith", Role.CLERK)
ROSS = MemberView(1006, "Ross Mossop", Role.COUNCILLOR)
ROSTER = (JANE, HELEN, HELENA, ROSS)


def _found(result: object) -> int:
    assert isinstance(result, Found), result
    return result.person.telegram_id


@pytest.mark.parametrize(
    ("typed", "who"),
    [
        ("Helen Moss", HELEN),
        ("helen moss", HELEN),
        ("  HELEN   moss ", HELEN),
        ("h moss", HELEN),
        ("Cllr Moss", HELEN),  # a title is not part of the name
        ("Mrs Helena Price", HELENA),
        ("price", HELENA),
        ("jane", JANE),
        ("1004", HELEN),
        ("mossop", ROSS),
        ("ossop", ROSS),  # anywhere in the name, when no word starts with it
    ],
)
def test_when_words_fit_one_member_then_that_member_is_found(typed: str, who: MemberView) -> None:
    assert _found(find_person(typed, ROSTER)) == who.telegram_id


def test_when_a_word_is_a_whole_word_of_one_name_then_it_wins_over_names_it_starts() -> None:
    # "moss" is Helen Moss's surname and only the start of Ross Mossop's.
    assert _found(find_person("moss", ROSTER)) == HELEN.telegram_id
    assert _found(find_person("helen", ROSTER)) == HELEN.telegram_id  # not Helena


def test_when_a_part_fits_several_members_then_they_are_offered_in_roster_order() -> None:
    assert find_person("hel", ROSTER) == Several((HELEN, HELENA))
    assert find_person("mos", ROSTER) == Several((HELEN, ROSS))


def test_when_nothing_fits_then_the_closest_names_come_best_first() -> None:
    result = find_person("Hellen Mos", ROSTER)
    assert isinstance(result, NoMatch)
    assert result.wanted == "Hellen Mos"
    assert result.closest[0] == "Helen Moss"
    assert find_person("zebedee", ROSTER) == NoMatch("zebedee", ())


def test_when_an_id_is_nobodys_then_it_is_a_non_member_named_as_seen() -> None:
    result = find_person("5555", ROSTER, seen={5555: "Spam  King"})
    assert result == Found(Person(5555, None, seen_as="Spam  King"))
    assert isinstance(result, Found)
    assert result.person.name == 'a non-member ("Spam King", id 5555)'
    assert _found(find_person("-1001", ROSTER)) == -1001


def test_when_an_at_username_was_seen_then_it_finds_its_person() -> None:
    assert _found(find_person("@HelenM", ROSTER, usernames={"helenm": 1004})) == 1004


def test_when_an_at_username_was_not_seen_then_a_name_run_together_still_fits() -> None:
    assert _found(find_person("@helenmoss", ROSTER)) == HELEN.telegram_id
    assert _found(find_person("@price", ROSTER)) == HELENA.telegram_id  # read as a name
