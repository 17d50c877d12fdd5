"""The Presidio recognisers councilbot runs: Presidio's UK set switched on, and our own.

Which recognisers run is decided here, once; the US recognisers are left out (noise on UK
text) and so are Presidio's date, URL and NER-based ones (dates of birth, links and names have
their own recognisers here).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Final

from presidio_analyzer import EntityRecognizer, Pattern
from presidio_analyzer.predefined_recognizers import (
    CreditCardRecognizer,
    IbanRecognizer,
    IpRecognizer,
    NhsRecognizer,
    UkDrivingLicenceRecognizer,
    UkNinoRecognizer,
    UkPassportRecognizer,
    UkVehicleRegistrationRecognizer,
)

from policy_checks.recognizers.cookie_id import CookieIdRecognizer
from policy_checks.recognizers.date_of_birth import DateOfBirthRecognizer
from policy_checks.recognizers.email import OfflineEmailRecognizer
from policy_checks.recognizers.person import NameLists
from policy_checks.recognizers.person_model import PersonRecognizer
from policy_checks.recognizers.phone import UkPhoneRecognizer
from policy_checks.recognizers.uk_address import UkAddressRecognizer
from policy_checks.recognizers.uk_bank import UkBankAccountRecognizer, UkSortCodeRecognizer
from policy_checks.recognizers.uk_postcode import BarePostcodeRecognizer

__all__ = ["NameLists", "councilbot_recognizers", "prefilter_for"]

_DIGIT = re.compile(r"\d")
# A recogniser runs only when its prefilter finds something in the text: most personal data
# has digits in it, and most chat messages have none.
_PREFILTERS: Final[Mapping[str, re.Pattern[str]]] = {
    "OfflineEmailRecognizer": re.compile(
        r"(?i)@|[\[({<] ?at ?[\])}>]|\bat\s{1,2}[\w\-]{1,63}(?:\s{1,2}dot\b|\.\w)"
    ),
    # Digits, or a number spelt out (every UK number starts "zero", "oh" or "plus four four").
    "UkPhoneRecognizer": re.compile(r"(?i)\d|\b(?:zero|oh|o|nought|nil|double|plus)\b"),
    "BarePostcodeRecognizer": _DIGIT,
    "UkAddressRecognizer": re.compile(
        r"\d|Cottage|House|Farm|Barn|Lodge|Villa|Manor|Bungalow|Grange|Hall|Mill"
    ),
    "IpRecognizer": re.compile(r"\d|::"),
    "CookieIdRecognizer": re.compile(r"\d|="),
    "UkNinoRecognizer": _DIGIT,
    "NhsRecognizer": _DIGIT,
    "UkSortCodeRecognizer": _DIGIT,
    "UkBankAccountRecognizer": _DIGIT,
    "CreditCardRecognizer": _DIGIT,
    "IbanRecognizer": _DIGIT,
    "DateOfBirthRecognizer": _DIGIT,
    "CurrentPlateRecognizer": _DIGIT,
    "NineDigitPassportRecognizer": _DIGIT,
    "UkDrivingLicenceRecognizer": _DIGIT,
}


def prefilter_for(recognizer: EntityRecognizer) -> re.Pattern[str] | None:
    """The pattern a text must contain for ``recognizer`` to be worth running, if any."""
    return _PREFILTERS.get(type(recognizer).__name__)


class CurrentPlateRecognizer(UkVehicleRegistrationRecognizer):
    """Current-style number plates (``AB12 CDE``) only, in capitals.

    Presidio's prefix and suffix styles match ordinary words and numbers in lower case.
    """

    PATTERNS = [
        Pattern(
            "UK plate (current)",
            r"\b[A-HJ-PR-Y][A-HJ-PR-Y](?:0[1-9]|[1-7][0-9])[- ]?[A-HJ-PR-Z]{3}\b",
            0.45,
        )
    ]

    def __init__(self) -> None:
        super().__init__(patterns=self.PATTERNS, name="CurrentPlateRecognizer")
        self.global_regex_flags = 0


class NineDigitPassportRecognizer(UkPassportRecognizer):
    """UK passport numbers as printed (nine digits) and Presidio's newer form, by context."""

    PATTERNS = [
        Pattern("UK passport (nine digits)", r"(?<![\d\-/.])\d{9}(?![\d\-/.])", 0.2),
        Pattern("UK passport (letters)", r"\b[A-Z]{2}\d{7}\b", 0.2),
    ]
    CONTEXT = ["passport"]

    def __init__(self) -> None:
        super().__init__(
            patterns=self.PATTERNS, context=self.CONTEXT, name="NineDigitPassportRecognizer"
        )


def councilbot_recognizers(names: NameLists) -> list[EntityRecognizer]:
    """Every recogniser councilbot runs, freshly built."""
    return [
        OfflineEmailRecognizer(),
        UkPhoneRecognizer(),
        BarePostcodeRecognizer(),
        UkAddressRecognizer(),
        PersonRecognizer(names),
        IpRecognizer(),
        CookieIdRecognizer(),
        UkNinoRecognizer(),
        NhsRecognizer(),
        UkSortCodeRecognizer(),
        UkBankAccountRecognizer(),
        CreditCardRecognizer(),
        IbanRecognizer(),
        DateOfBirthRecognizer(),
        CurrentPlateRecognizer(),
        NineDigitPassportRecognizer(),
        UkDrivingLicenceRecognizer(),
    ]
