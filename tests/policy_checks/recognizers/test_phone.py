"""UK phone numbers in the shapes people write them, and the figures that are not numbers."""

from __future__ import annotations

import pytest

from policy_checks import PolicyEngine
from policy_checks.recognizers.phone import UkPhoneRecognizer
from policy_checks.recognizers.spoken_digits import read_digits

HANGUL_FILLER = "\u3164"
BRAILLE_BLANK = "\u2800"


def _phones(engine: PolicyEngine, text: str) -> list[str]:
    verdict = engine.check(text)
    return [text[f.start : f.end] for f in verdict.findings if f.entity == "PHONE_NUMBER"]


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        pytest.param("call 0044 7700 900123", ["0044 7700 900123"], id="0044 prefix"),
        pytest.param("call 0044 20 7946 0123 today", ["0044 20 7946 0123"], id="0044 London"),
        pytest.param("call 020-7946-0123", ["020-7946-0123"], id="London in three groups"),
        pytest.param("call 01582-881-235", ["01582-881-235"], id="area code in three groups"),
        pytest.param(
            "ring 07700 900123 07700 900456",
            ["07700 900123", "07700 900456"],
            id="two side by side",
        ),
        pytest.param(
            "ring 07700 900123, 07700 900456", ["07700 900123", "07700 900456"], id="two, comma"
        ),
        pytest.param("text 07700/900123", ["07700/900123"], id="slash"),
        pytest.param("text 07700.900.123", ["07700.900.123"], id="dots"),
        pytest.param("text 07700_900_123", ["07700_900_123"], id="underscores"),
        pytest.param("ring 07700\n900123", ["07700\n900123"], id="line break"),
        pytest.param(
            f"ring 07700{HANGUL_FILLER}900123", [f"07700{HANGUL_FILLER}900123"], id="hangul filler"
        ),
        pytest.param(
            f"ring 0770{BRAILLE_BLANK}0900123", [f"0770{BRAILLE_BLANK}0900123"], id="braille blank"
        ),
        pytest.param(
            "ring oh seven seven double oh nine double oh one two three",
            ["oh seven seven double oh nine double oh one two three"],
            id="digits as words, oh and double",
        ),
        pytest.param(
            "ring zero seven seven zero zero nine zero zero one two three",
            ["zero seven seven zero zero nine zero zero one two three"],
            id="digits as words, zero",
        ),
        pytest.param(
            "Call Zero Seven Seven Zero Zero, nine zero zero, four five six",
            ["Zero Seven Seven Zero Zero, nine zero zero, four five six"],
            id="digits as words, capitals and commas",
        ),
        pytest.param("my number is 07700 900 123", ["07700 900 123"], id="plain"),
        pytest.param(
            "c a l l  me 0 7 7 0 0  9 0 0 1 2 3",
            ["0 7 7 0 0  9 0 0 1 2 3"],
            id="a mobile digit by digit",
        ),
        pytest.param(
            "text + 4 4 7 7 0 0 9 0 0 1 2 3 now",
            ["+ 4 4 7 7 0 0 9 0 0 1 2 3"],
            id="+44 digit by digit",
        ),
        pytest.param("ring 0.7.7.0.0.9.0.0.1.2.3", ["0.7.7.0.0.9.0.0.1.2.3"], id="dotted digits"),
    ],
)
def test_when_a_number_is_written_in_an_evasive_shape_then_it_is_found_whole(
    engine: PolicyEngine, text: str, numbers: list[str]
) -> None:
    assert _phones(engine, text) == numbers


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("call 107700 900123", id="extra digit before"),
        pytest.param("call 07700 9001234", id="extra digit after"),
        pytest.param("call 077009001234", id="one digit too many, run together"),
        pytest.param("call 0207946012345", id="London number with two extra digits"),
        pytest.param("ref 5-07700 900123", id="glued to a figure before"),
        pytest.param("order 07700 900123-7", id="glued to a figure after"),
    ],
)
def test_when_a_number_has_an_extra_digit_then_no_wrong_number_is_reported(
    engine: PolicyEngine, text: str
) -> None:
    assert _phones(engine, text) == []


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("We won 3-1, 2-0 at half time, then 12-10 and 21-19", id="sports results"),
        pytest.param("Results: 2-0, 3-1, 1-1, 0-0, 4-2, 10-12, 21-19, 08-07", id="scores"),
        pytest.param(
            "Prices: £12.50 tea, £3.20 cake, from 01.02.2026 to 28.02.2026, hire 12.50 30.00",
            id="price table",
        ),
        pytest.param("Tea 1.20 02.07.26 52.75 coffee 01.11.26 40.75", id="dates and prices"),
        pytest.param("League: 08-07-2026 7-6 16/04/2025 20.50", id="dates and results"),
        pytest.param("Fixtures 01/02/2026 02/02/2026 03/02/2026", id="dates in a row"),
        pytest.param("Server at 10.0.0.1 and 192.168.0.10", id="IP addresses"),
        pytest.param("Scores by round: 0 1 0 2 0 3 1 1 1 1", id="a line of single scores"),
    ],
)
def test_when_figures_are_results_prices_or_dates_then_no_number_is_found(
    engine: PolicyEngine, text: str
) -> None:
    verdict = engine.check(text)
    entities = {f.entity for f in verdict.findings}
    assert not entities & {"PHONE_NUMBER", "UK_SORT_CODE", "UK_BANK_ACCOUNT", "UK_NHS"}, [
        (f.entity, text[f.start : f.end]) for f in verdict.findings
    ]


@pytest.mark.parametrize(
    ("words", "digits"),
    [
        ("oh seven seven double oh", "07700"),
        ("zero one five eight two", "01582"),
        ("triple nine", "999"),
        ("plus four four seven seven", "+4477"),
        ("double", None),
        ("double double one", None),
    ],
)
def test_when_digits_are_spoken_then_they_read_as_digits(words: str, digits: str | None) -> None:
    assert read_digits(words) == digits


def test_when_a_number_is_long_then_its_scan_stays_linear() -> None:
    recognizer = UkPhoneRecognizer()
    text = "0 " * 50_000
    assert recognizer.analyze(text, ["PHONE_NUMBER"]) == []
