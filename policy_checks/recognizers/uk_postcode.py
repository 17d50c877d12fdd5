"""UK postcodes, found with or without the word "postcode" nearby."""

from __future__ import annotations

import re
from typing import Final

from presidio_analyzer import Pattern
from presidio_analyzer.predefined_recognizers import UkPostcodeRecognizer

_POSTCODE = (
    r"GIR\s?0AA"
    r"|[A-PR-UWYZ][0-9][ABCDEFGHJKPSTUW]?\s?[0-9][ABD-HJLNP-UW-Z]{2}"
    r"|[A-PR-UWYZ][0-9]{2}\s?[0-9][ABD-HJLNP-UW-Z]{2}"
    r"|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY]?\s?[0-9][ABD-HJLNP-UW-Z]{2}"
    r"|[A-PR-UWYZ][A-HK-Y][0-9]{2}\s?[0-9][ABD-HJLNP-UW-Z]{2}"
)
# The postcode areas in use (Royal Mail), so a lower-case look-alike must name a real area.
_AREAS = """AB AL B BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL
    DN DT DY E EC EH EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY
    L LA LD LE LL LN LS LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA
    SE SG SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV
    YO ZE"""
POSTCODE_AREAS: Final[frozenset[str]] = frozenset(_AREAS.split())
_AREA = re.compile(r"[A-Za-z]{1,2}")


class BarePostcodeRecognizer(UkPostcodeRecognizer):
    """Presidio's postcode patterns, scored so a well-formed postcode counts on its own.

    Presidio scores every postcode 0.1, which misses about half of bare postcodes. A postcode
    written in capitals is almost never anything else. One in lower or mixed case counts when
    it is written with its space and names a real postcode area (``lu5 4ab``); run together
    (``lu54ab``) it needs the word "postcode" nearby.
    """

    PATTERNS = [
        Pattern("UK postcode (capitals)", rf"(?-i:\b(?:{_POSTCODE})\b)", 0.7),
        Pattern(
            "UK postcode (any case, spaced)",
            rf"(?i)\b(?=[a-z]{{1,2}}\d[a-z\d]? \d[a-z]{{2}}\b)(?:{_POSTCODE})\b",
            0.6,
        ),
        Pattern("UK postcode (any case)", rf"(?i)\b(?:{_POSTCODE})\b", 0.3),
    ]

    def __init__(self) -> None:
        super().__init__(patterns=self.PATTERNS, name="BarePostcodeRecognizer")
        self.global_regex_flags = re.DOTALL | re.MULTILINE

    def validate_result(self, pattern_text: str) -> bool | None:
        """Reject a look-alike whose area is not a postcode area (``xz1 2ab``)."""
        area = _AREA.match(pattern_text)
        if area is None or area.group().upper() not in POSTCODE_AREAS:
            return False
        return None
