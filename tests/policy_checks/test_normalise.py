"""Normalisation sees through evasions and maps every span back onto the original text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policy_checks.normalise import NormalisedText, TextView, normalise


def _original_of_word(normalised: NormalisedText, word: str) -> str:
    """The original text behind the first folded token that reads ``word``."""
    for token in normalised.tokens:
        if token.text == word:
            start, end = normalised.folded.to_original(token.start, token.end)
            return normalised.original[start:end]
    raise AssertionError(f"no token {word!r} in {normalised.folded.text!r}")


@pytest.mark.parametrize(
    ("text", "word", "written"),
    [
        pytest.param("you f\u200buck off", "fuck", "f\u200buck", id="zero-width space"),
        pytest.param("fu\u200dck this", "fuck", "fu\u200dck", id="zero-width joiner"),
        pytest.param("so f\ufeffucking rude", "fucking", "f\ufeffucking", id="BOM inside"),
        pytest.param(
            "what a fu\u202eck\u202c up", "fuck", "fu\u202eck\u202c", id="bidi override and pop"
        ),
        pytest.param("a s\u2066hi\u2069t day", "shit", "s\u2066hi\u2069t", id="bidi isolates"),
        pytest.param(
            "\uff46\uff55\uff43\uff4b off", "fuck", "\uff46\uff55\uff43\uff4b", id="fullwidth"
        ),
        pytest.param("sh\u0456t happens", "shit", "sh\u0456t", id="Cyrillic i"),
        pytest.param("\u0421unt", "cunt", "\u0421unt", id="Cyrillic capital Es"),
        pytest.param("what a \u0441r\u0430p idea", "crap", "\u0441r\u0430p", id="Cyrillic c and a"),
        pytest.param("f u c k off", "fuck", "f u c k", id="spaced letters"),
        pytest.param("f.u.c.k off", "fuck", "f.u.c.k", id="dotted letters"),
        pytest.param("this is sh1t", "shit", "sh1t", id="leet digit"),
        pytest.param("b1tch please", "bitch", "b1tch", id="leet one"),
        pytest.param("fuuuuuck", "fuck", "fuuuuuck", id="repeated letters"),
        pytest.param("f\u00fcck this", "fuck", "f\u00fcck", id="precomposed accent"),
        pytest.param("fu\u0308ck this", "fuck", "fu\u0308ck", id="combining accent inside"),
        pytest.param("caf\u00e9 cr\u00e8me", "creme", "cr\u00e8me", id="accents after a word"),
    ],
)
def test_when_a_word_is_disguised_then_its_token_maps_back_to_what_was_written(
    text: str, word: str, written: str
) -> None:
    assert _original_of_word(normalise(text), word) == written


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("F\u200bU\u200bC\u200bK you", "fuck you"),
        ("\uff26\uff55\uff43\uff4b", "fuck"),
        ("sh\u0456t", "shit"),
        ("f u c k off", "fuck off"),
        ("sh1t", "shit"),
        ("f\u00fc\u00fcck", "fuuck"),
        ("Stra\u00dfe", "strasse"),
    ],
)
def test_when_text_is_folded_then_the_evasion_is_undone(text: str, folded: str) -> None:
    assert normalise(text).folded.text == folded


@pytest.mark.parametrize(
    ("text", "clean"),
    [
        ("jane\u200b@gmail.com", "jane@gmail.com"),
        ("j\u0430ne@gm\u0430il.com", "jane@gmail.com"),
        ("\uff10\uff17\uff19\uff11\uff11 123456", "07911 123456"),
        ("07911\u00a0123456", "07911 123456"),
        ("Ren\u00e9e Dupont", "Renee Dupont"),
    ],
)
def test_when_text_is_cleaned_then_case_is_kept_and_evasions_removed(text: str, clean: str) -> None:
    view = normalise(text).clean
    assert view.text == clean
    assert view.to_original(0, len(view.text)) == (0, len(text))


def test_when_a_clean_span_sits_after_invisible_characters_then_it_maps_to_the_right_place() -> (
    None
):
    text = "\u200b\u200b\u202eCall 07911\u200b123456 now"
    view = normalise(text).clean
    start = view.text.index("07911")
    begin, end = view.to_original(start, start + len("07911123456"))
    assert text[begin:end] == "07911\u200b123456"


def test_when_text_is_plain_ascii_then_the_clean_view_is_the_text_itself() -> None:
    text = "Potholes on Mill Lane, see the minutes."
    normalised = normalise(text)
    assert normalised.clean.text == text
    assert normalised.clean.to_original(3, 9) == (3, 9)


def test_when_text_is_empty_then_both_views_are_empty() -> None:
    normalised = normalise("")
    assert normalised.clean.text == ""
    assert normalised.folded.text == ""
    assert normalised.tokens == ()
    assert normalised.folded.to_original(0, 0) == (0, 0)


@pytest.mark.parametrize(
    ("text", "word", "written"),
    [
        pytest.param(
            "s\u0336h\u0336i\u0336t\u0336 council",
            "shit",
            "s\u0336h\u0336i\u0336t\u0336",
            id="strikethrough marks",
        ),
        pytest.param("the cafe\u0301 is shut", "cafe", "cafe\u0301", id="combining accent"),
        pytest.param("fuck\u200b you", "fuck", "fuck\u200b", id="zero-width after"),
    ],
)
def test_when_invisible_characters_follow_a_word_then_its_span_covers_them(
    text: str, word: str, written: str
) -> None:
    assert _original_of_word(normalise(text), word) == written


def _assert_view_maps_into(view: TextView, original: str, data: st.DataObject) -> None:
    origins = view.origins()
    ends = view.end_map()
    assert len(origins) == len(ends) == len(view.text)
    assert all(
        0 <= origin < end <= len(original) for origin, end in zip(origins, ends, strict=True)
    )
    assert origins == sorted(origins), "origins must never run backwards"
    assert ends == sorted(ends), "ends must never run backwards"
    if not view.text:
        return
    start = data.draw(st.integers(0, len(view.text)), label="start")
    end = data.draw(st.integers(start, len(view.text)), label="end")
    begin, finish = view.to_original(start, end)
    assert 0 <= begin <= finish <= len(original)
    if end > start:
        assert finish > begin


@settings(max_examples=200, deadline=None)
@given(text=st.text(), data=st.data())
def test_when_text_is_arbitrary_then_both_views_map_into_the_original_in_order(
    text: str, data: st.DataObject
) -> None:
    normalised = normalise(text)
    _assert_view_maps_into(normalised.clean, text, data)
    _assert_view_maps_into(normalised.folded, text, data)
    for token in normalised.tokens:
        begin, end = normalised.folded.to_original(token.start, token.end)
        assert 0 <= begin < end <= len(text)


@settings(max_examples=100, deadline=None)
@given(
    text=st.text(
        alphabet=st.sampled_from(
            [*"fuckshit 1!@$.-_*", "\u200b", "\u202e", "\u0456", "\uff46", "\u0308"]
        ),
        max_size=60,
    ),
    data=st.data(),
)
def test_when_text_is_dense_with_evasions_then_both_views_still_map_in_order(
    text: str, data: st.DataObject
) -> None:
    normalised = normalise(text)
    _assert_view_maps_into(normalised.clean, text, data)
    _assert_view_maps_into(normalised.folded, text, data)


FILLERS = ["\u3164", "\u2800", "\u115f", "\u1160", "\uffa0"]


@pytest.mark.parametrize(
    ("text", "clean"),
    [
        pytest.param("07700\u3164900123", "07700900123", id="hangul filler in a number"),
        pytest.param("07700\u2800900123", "07700900123", id="braille blank in a number"),
        pytest.param("f\u3164u\u2800ck", "fuck", id="fillers inside a word"),
        pytest.param("\uffa0hello\u115f", "hello", id="halfwidth and choseong fillers"),
    ],
)
def test_when_invisible_fillers_pad_text_then_the_clean_view_drops_them(
    text: str, clean: str
) -> None:
    normalised = normalise(text)
    assert normalised.clean.text == clean
    begin, end = normalised.clean.to_original(0, len(clean))
    assert "".join(ch for ch in text[begin:end] if ch not in FILLERS) == clean


def test_when_a_filler_sits_inside_a_number_then_its_span_covers_the_filler() -> None:
    text = "ring 07700\u3164900123 now"
    normalised = normalise(text)
    start = normalised.clean.text.index("07700")
    begin, end = normalised.clean.to_original(start, start + len("07700900123"))
    assert text[begin:end] == "07700\u3164900123"


@settings(max_examples=150, deadline=None)
@given(
    text=st.text(
        alphabet=st.sampled_from([*"07 9ab\n.-", *FILLERS, "\u200b", "\u0430", "\u0308"]),
        max_size=60,
    ),
    data=st.data(),
)
def test_when_text_is_dense_with_fillers_then_both_views_still_map_into_the_original(
    text: str, data: st.DataObject
) -> None:
    normalised = normalise(text)
    assert not set(FILLERS) & set(normalised.clean.text)
    _assert_view_maps_into(normalised.clean, text, data)
    _assert_view_maps_into(normalised.folded, text, data)
