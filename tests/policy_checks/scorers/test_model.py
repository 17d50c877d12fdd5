"""The text scorer's arithmetic and its two styles of text, on small hand-made weights."""

from __future__ import annotations

import numpy as np

from policy_checks.scorers.features import DIMENSIONS, token_features
from policy_checks.scorers.model import TextScorer, Thresholds

RULES = ("abuse",)
STRICT = Thresholds(warn=0.45, act=0.75, tweet_warn=0.95, tweet_act=0.99)


def _scorer(*, tweetish: str, abusive: str) -> TextScorer:
    """One rule and a style column: ``abusive`` pushes the rule, ``tweetish`` the style."""
    weights = np.zeros((DIMENSIONS, 2), dtype=np.float32)
    for row in token_features([abusive])[0]:
        weights[row, 0] += 3.0
    for row in token_features([tweetish])[0]:
        weights[row, 1] += 6.0
    return TextScorer(weights, [-2.0, -3.0], RULES, {"abuse": STRICT}, style_cut=0.5)


def test_when_a_message_reads_like_a_tweet_then_the_strict_thresholds_apply() -> None:
    scorer = _scorer(tweetish="lmao", abusive="plonker")
    council = scorer.score(["you", "plonker"])
    tweet = scorer.score(["plonker", "lmao"])
    assert council is not None
    assert tweet is not None
    assert not council.tweet_like
    assert tweet.tweet_like
    assert STRICT.pair(tweet_like=council.tweet_like) == (0.45, 0.75)
    assert STRICT.pair(tweet_like=tweet.tweet_like) == (0.95, 0.99)
    # The style column is not a rule: only the rule's probability is reported.
    assert council.probabilities.shape == (1,)
    assert council.by_word.shape == (2, 1)


def test_when_thresholds_have_no_tweet_pair_then_every_message_uses_the_one_pair() -> None:
    plain = Thresholds(warn=0.5, act=0.8)
    assert plain.pair(tweet_like=True) == plain.pair(tweet_like=False) == (0.5, 0.8)


def test_when_a_model_has_no_style_column_then_no_message_is_tweet_like() -> None:
    weights = np.zeros((DIMENSIONS, 1), dtype=np.float32)
    scores = TextScorer(weights, [0.0], RULES, {"abuse": STRICT}).score(["lmao"])
    assert scores is not None
    assert not scores.tweet_like
    assert float(scores.probabilities[0]) == 0.5
