"""Street addresses: a house number or name followed by a street."""

from __future__ import annotations

import re
from typing import ClassVar, Final

from presidio_analyzer import Pattern, PatternRecognizer

STREET_SUFFIXES: Final[tuple[str, ...]] = (
    "Road", "Rd", "Lane", "Ln", "Street", "St", "Close", "Avenue", "Ave", "Drive", "Dr", "Way",
    "Crescent", "Cres", "Gardens", "Gdns", "Grove", "Place", "Court", "Ct", "Mews", "Row",
    "Terrace", "Walk", "Green", "Rise", "View", "Hill", "Park", "Square", "Sq", "Parade",
    "Meadow", "Meadows", "End", "Fields", "Wharf", "Yard", "Gate", "Approach", "Vale", "Chase",
    "Croft", "Orchard", "Paddock", "Leys", "Lea", "Bank", "Brow", "Common", "Cottages", "Drove",
    "Hollow", "Wynd", "Crossing", "Circle", "Boulevard", "Broadway", "Embankment", "Villas",
)  # fmt: skip
_HOUSE_WORDS = r"Cottage|House|Farm|Farmhouse|Barn|Lodge|Villa|Manor|Bungalow|Grange|Hall|Mill"
_SUFFIX = "|".join(STREET_SUFFIXES)
_NAME = r"(?:[A-Z][a-z'\-]{1,20}|St\.?)"
_STREET = rf"(?:{_NAME} ){{1,3}}(?:{_SUFFIX})\b"
_UNIT = r"(?:(?:Flat|Apartment|Apt|Unit|Plot)\.? ?\d{1,4}[A-Za-z]?,? )?"
_NUMBER = r"(?:No\.? |Number )?\d{1,4}[A-Za-z]?(?:-\d{1,4})?,? "


class UkAddressRecognizer(PatternRecognizer):
    """House number or house name, then a street ending in a street word.

    ``the potholes on Mill Lane`` names a street, not anybody's home, and is not matched.
    """

    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern("number + street", rf"\b{_UNIT}{_NUMBER}{_STREET}", 0.7),
        Pattern(
            "house name + street",
            rf"\b(?:[A-Z][a-z'\-]{{1,20}} ){{1,2}}(?:{_HOUSE_WORDS}),? {_STREET}",
            0.65,
        ),
        Pattern("The house + street", rf"\bThe [A-Z][a-z'\-]{{2,20}},? {_STREET}", 0.6),
        Pattern(
            "number + street (lower case)",
            rf"(?i)\b{_UNIT}{_NUMBER}(?:[a-z'\-]{{2,20}} ){{1,3}}(?:{_SUFFIX})\b",
            0.4,
        ),
    ]
    CONTEXT: ClassVar[list[str]] = [
        "address", "lives", "live", "living", "house", "home", "resident", "residents", "flat",
        "neighbour", "neighbours", "property", "moved", "deliver",
    ]  # fmt: skip

    def __init__(self) -> None:
        super().__init__(
            supported_entity="UK_ADDRESS",
            patterns=self.PATTERNS,
            context=self.CONTEXT,
            name="UkAddressRecognizer",
        )
        self.global_regex_flags = re.DOTALL | re.MULTILINE
