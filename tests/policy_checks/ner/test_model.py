"""The shipped name tagger: it loads, its cached scoring matches the training features."""

from __future__ import annotations

import numpy as np
import pytest

from policy_checks.ner import PersonTagger
from policy_checks.ner.features import (
    BOS,
    EOS,
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
