"""The words the text scorers read: every word but those of links and handles, in linear time."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from policy_checks.normalise import normalise
from policy_checks.scorers.features import scored_tokens, scored_words

_LINK = re.compile(
    r"(?:https?://|www\.)[^\s]{1,500}|@\w{1,30}|(?<![\w.])[\w\-]{1,63}(?:\.[\w\-]{1,63}){0,4}"
    r"\.(?:com|co\.uk|org\.uk|org|net|uk|io|ly|me|info|gov\.uk)\b(?:/[^\s]{0,500})?"
)


def _naive(text: str) -> list[int]:
    """Every token checked against every link: the definition, at any cost."""
    normalised = normalise(text)
    links = [m.span() for m in _LINK.finditer(normalised.folded.text)]
    return [
        i for i, t in enumerate(normalised.tokens) if not any(s <= t.start < e for s, e in links)
    ]


def test_when_a_message_has_links_and_handles_then_their_words_are_not_scored() -> None:
    words = scored_words(normalise("ask @helen or see www.example.com/x today, idiots"))
    assert words == ["ask", "or", "see", "today", "idiots"]


@given(
    st.lists(
        st.sampled_from(["you", "@bob", "www.a.com/x", "liar", "a@a", "x.co.uk", "  ", ".", "go"]),
        max_size=30,
    ).map(" ".join)
)
def test_when_words_are_scored_then_they_are_those_of_the_definition(text: str) -> None:
    assert scored_tokens(normalise(text)) == _naive(text)
