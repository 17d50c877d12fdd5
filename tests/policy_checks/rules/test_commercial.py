"""Selling and spam; words that merely start like a sales term are not selling."""

from __future__ import annotations

import pytest

from policy_checks import PolicyEngine
from policy_checks.rules.base import has_symbols, symbol_term_pattern, term_words
from policy_checks.rules.commercial import CommercialRule


def _commercial(engine: PolicyEngine, text: str) -> list[str]:
    verdict = engine.check(text)
    return [text[f.start : f.end] for f in verdict.findings if f.rule == "commercial"]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Earnings from the car park rose this year", id="earnings"),
        pytest.param("He is an earnest young man", id="earnest"),
        pytest.param("They earned the thanks of the village", id="earned"),
        pytest.param("The Earnshaw family sent apologies", id="surname"),
    ],
)
def test_when_a_word_starts_with_earn_then_it_is_not_commercial(
    engine: PolicyEngine, text: str
) -> None:
    assert _commercial(engine, text) == []


@pytest.mark.parametrize(
    ("text", "covered"),
    [
        pytest.param("Earn £500 a week from home", "Earn £500", id="earn pounds"),
        pytest.param("you can earn £ 200 daily", "earn £ 200", id="space after pound"),
    ],
)
def test_when_earn_is_followed_by_a_sum_then_it_is_commercial(
    engine: PolicyEngine, text: str, covered: str
) -> None:
    assert covered in _commercial(engine, text)


def test_when_a_term_has_a_symbol_then_it_is_matched_as_written_not_as_a_word_prefix() -> None:
    assert has_symbols("earn £*")
    assert not has_symbols("don't forward")
    assert "earn £*" not in CommercialRule().terms
    assert term_words("earn money") == (("earn", "money"), False)
    assert symbol_term_pattern("earn £*").startswith("(?<![a-z0-9])earn")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "The Christmas market stalls are £35 each, proceeds to the hall fund", id="are"
        ),
        pytest.param("Tickets for the quiz cost £5 each from the shop", id="cost"),
        pytest.param("Allotment rents were £30 each last year", id="were"),
    ],
)
def test_when_a_fee_is_stated_then_the_price_pattern_does_not_call_it_selling(text: str) -> None:
    assert _commercial(PolicyEngine(learned=False), text) == []


def test_when_goods_are_priced_without_a_verb_then_the_price_pattern_calls_it_selling() -> None:
    assert _commercial(PolicyEngine(learned=False), "Seasoned logs £5 each, collection only") == [
        "£5 each"
    ]
