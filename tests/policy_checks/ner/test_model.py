"""The shipped name tagger: it loads, its cached scoring matches the training features, and it
tells people from the clubs, companies and brands of news and social posts."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from policy_checks.ner import PersonTagger
from policy_checks.ner.features import (
    BOS,
    EOS,
    Lexicon,
    _in_dictionary,
    camel_flags,
    hashed,
    pair_features,
    sentence_mode,
    tokenize,
    word_features,
)


@pytest.fixture(scope="module")
def tagger() -> PersonTagger:
    return PersonTagger.load()


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("Priya Sharma rang about the bins", "M"),
        ("priya sharma rang about the bins", "L"),
        ("PRIYA SHARMA RANG ABOUT THE BINS", "U"),
    ],
)
def test_when_a_sentence_is_cased_then_its_mode_says_so(text: str, mode: str) -> None:
    words = [text[s:e] for s, e in tokenize(text)]
    assert sentence_mode(words) == mode


def test_when_probabilities_are_computed_then_they_equal_the_plain_feature_sum(
    tagger: PersonTagger,
) -> None:
    text = "Spoke to Mr Grove and J. Okonkwo on Park Road, they're upset"
    tokens = tuple(tokenize(text))
    words = [text[s:e] for s, e in tokens]
    mode = sentence_mode(words)
    padded = [BOS, BOS, *words, EOS, EOS]
    weights = tagger._weights
    per_word = [word_features(w, mode, tagger.lexicon) for w in padded]
    expected = []
    for i in range(len(words)):
        rows = [r for m in range(5) for r in hashed(per_word[i + m][m])]
        rows += hashed(pair_features(padded[i + 1], padded[i + 2], padded[i + 3]))
        logits = weights[rows].sum(axis=0)
        exp = np.exp(logits - logits.max())
        expected.append(exp / exp.sum())
    np.testing.assert_allclose(tagger.probabilities(text, tokens), expected, rtol=1e-4)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Priya Sharma rang", ["Priya Sharma"]),
        ("", []),
        ("email priya.sharma@example.com please", []),
    ],
)
def test_when_a_text_is_tagged_then_the_names_are_its_spans(
    tagger: PersonTagger, text: str, names: list[str]
) -> None:
    assert [text[s.start : s.end] for s in tagger.tag(text).names] == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Ruud van Nistelrooy scored for Manchester United", ["Ruud van Nistelrooy"]),
        ("Steffi Graf ( Germany ) beat Conchita Martinez ( Spain ) 6-3 6-4",
         ["Steffi Graf", "Conchita Martinez"]),
        ("Prime Minister Theresa May said on Tuesday", ["Theresa May"]),
        ("Germany 's Merkel met officials in Paris", ["Merkel"]),
        ("Shares in Morgan Stanley fell on Tuesday", []),
        ("This is just a Subaru and Chrysler advertisement .", []),
        ("La la land is my favourite film", []),
    ],
)  # fmt: skip
def test_when_news_or_brands_are_tagged_then_only_people_are_names(
    tagger: PersonTagger, text: str, names: list[str]
) -> None:
    assert [text[s.start : s.end] for s in tagger.tag(text).names] == names


def test_when_a_lexicon_lacks_the_newer_lists_then_it_still_loads() -> None:
    lexicon = Lexicon(
        first=frozenset({"priya"}),
        last=frozenset({"sharma"}),
        common=frozenset(),
        honorific=frozenset(),
        place=frozenset(),
        time=frozenset(),
        role=frozenset(),
    )
    assert lexicon.nonperson == lexicon.particle == lexicon.english == frozenset()
    assert word_features("Priya", "M", lexicon)[2]


@pytest.mark.parametrize(
    ("word", "known"),
    [("beam", True), ("cooks", True), ("marines", True), ("waved", True), ("schneiderlin", False)],
)
def test_when_a_word_is_an_inflected_dictionary_word_then_it_is_flagged(
    word: str, known: bool
) -> None:
    words = frozenset({"beam", "cook", "marine", "wave"})
    assert _in_dictionary(word, words) is known


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Blair , 43 , said the Labour leader Tony Blair would win", ["Blair", "Tony Blair"]),
        ("Spoke to Sunita Raghunathan about it ; Raghunathan agreed",
         ["Sunita Raghunathan", "Raghunathan"]),
        ("Met Tony Blair . blair is fine", ["Tony Blair"]),
        ("Shares in Morgan Stanley fell and Stanley shares rose", []),
    ],
)  # fmt: skip
def test_when_part_of_a_full_name_is_mentioned_again_then_it_is_a_name_too(
    tagger: PersonTagger, text: str, names: list[str]
) -> None:
    assert [text[s.start : s.end] for s in tagger.tag(text).names] == names


def test_when_many_names_repeat_then_tagging_stays_linear(tagger: PersonTagger) -> None:
    text = "Tony Blair met Gordon Brown ; Blair said . " * 2000
    names = tagger.tag(text).names
    assert len(names) == 6000


@pytest.mark.parametrize(
    ("word", "flags"),
    [("AlanPardew", ["kFkL"]), ("TeamPhil", ["k-k-"]), ("Alan", []), ("MANCHESTER", [])],
)
def test_when_a_name_is_run_together_then_its_halves_are_looked_up(
    word: str, flags: list[str]
) -> None:
    lexicon = Lexicon(
        first=frozenset({"alan", "phil"}),
        last=frozenset({"pardew"}),
        common=frozenset(),
        honorific=frozenset(),
        place=frozenset(),
        time=frozenset(),
        role=frozenset(),
    )
    assert camel_flags(word, lexicon) == flags


def test_when_threads_tag_at_once_on_a_cold_cache_then_each_gets_what_one_alone_gets() -> None:
    texts = [
        f"{first} {last} met {other} at {n} Park Road, and {first} said {last} was late"
        for n, (first, last, other) in enumerate(
            [("Priya", "Sharma", "Tom"), ("Tom", "Grove", "Priya"), ("Ada", "Okafor", "Jan")] * 20
        )
    ]
    alone = PersonTagger.load()
    expected = [alone.tag(text).name_probability for text in texts]
    shared = PersonTagger.load()  # its cache is empty: the threads fill it together
    with ThreadPoolExecutor(max_workers=4) as pool:
        got = list(pool.map(lambda text: shared.tag(text).name_probability, texts))
    assert got == expected
