"""Role names as people write them: the one reader (:meth:`Role.read`) and its splitters."""

from __future__ import annotations

import pytest

from chatbot.core.access import Role


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Councillor", Role.COUNCILLOR),
        ("councillor", Role.COUNCILLOR),
        ("vice chair", Role.VICE_CHAIR),
        ("Vice-Chair", Role.VICE_CHAIR),
        ("vice_chair", Role.VICE_CHAIR),
        ("assistant clerk", Role.ASSISTANT_CLERK),
        ("assistant_clerk", Role.ASSISTANT_CLERK),
        ("Assistant  Clerk", Role.ASSISTANT_CLERK),
        ("Chair", Role.CHAIR),
        ("CLERK", Role.CLERK),
    ],
)
def test_when_a_role_is_written_as_people_do_then_it_is_read(text: str, role: Role) -> None:
    assert Role.read(text) is role


@pytest.mark.parametrize("text", ["", "chairs", "vice", "assistant", "mayor", "clerk chair"])
def test_when_text_names_no_role_then_none(text: str) -> None:
    assert Role.read(text) is None


def test_when_a_command_ends_in_a_role_then_the_person_is_the_words_before_it() -> None:
    assert Role.trailing(["helen", "vice", "chair"]) == (["helen"], Role.VICE_CHAIR)
    assert Role.trailing(["Helen", "Moss", "Assistant-Clerk"]) == (
        ["Helen", "Moss"],
        Role.ASSISTANT_CLERK,
    )
    assert Role.trailing(["vice", "chair"]) == ([], Role.VICE_CHAIR)  # a reply names the person
    assert Role.trailing(["helen", "moss"]) is None


def test_when_an_invitation_starts_with_a_role_then_the_name_is_the_words_after_it() -> None:
    assert Role.leading(["vice", "chair", "Ann", "Example"]) == (
        Role.VICE_CHAIR,
        ["Ann", "Example"],
    )
    assert Role.leading(["councillor", "Ann"]) == (Role.COUNCILLOR, ["Ann"])
    assert Role.leading(["Ann", "Example"]) is None
