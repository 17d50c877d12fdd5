"""UK postcodes, found with or without the word "postcode" nearby."""

from __future__ import annotations

import re

from presidio_analyzer import Pattern
from presidio_analyzer.predefined_recognizers import UkPostcodeRecognizer

_POSTCODE = (
    r"GIR\s?0AA"
    r"|[A-PR-UWYZ][0-9][ABCDEFGHJKPSTUW]?\s?[0-9][ABD-HJLNP-UW-Z]{2}"
    r"|[A-PR-UWYZ][0-9]{2}\s?[0-9][ABD-HJLNP-UW-Z]{2}"
    r"|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY]?\s?[0-9][ABD-HJLNP-UW-Z]{2}"
    r"|[A-PR-UWYZ][A-HK-Y][0-9]{2}\s?[0-9][ABD-HJLNP-UW-Z]{2}"
)


class BarePostcodeRecognizer(UkPostcodeRecognizer):
    """Presidio's postcode patterns, scored so a well-formed postcode counts on its own.

    Presidio scores every postcode 0.1, which misses about half of bare postcodes. A postcode
    written in capitals is almost never anything else; one in lower case needs context.
    """

    PATTERNS = [
        Pattern("UK postcode (capitals)", rf"\b(?:{_POSTCODE})\b", 0.7),
        Pattern("UK postcode (any case)", rf"(?i)\b(?:{_POSTCODE})\b", 0.3),
    ]

    def __init__(self) -> None:
        super().__init__(patterns=self.PATTERNS, name="BarePostcodeRecognizer")
        self.global_regex_flags = re.DOTALL | re.MULTILINE
