"""UK phone numbers (GB, Isle of Man, Jersey, Guernsey) in the ways people write them."""

from __future__ import annotations

import re
from typing import ClassVar

import phonenumbers
from presidio_analyzer import LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from policy_checks.recognizers.results import recognizer_result

# Candidates: an optional +44 / 0044 / (0) prefix, then digits with spaces, dots, dashes and
# brackets between them. Every quantifier is bounded, so the scan is linear in the text.
_CANDIDATE = re.compile(
    r"(?<![\w+])(?:\+|00)?(?:\(\s?0\s?\)|\(?\d)[\d \-.()]{7,17}\d(?![\w])",
)
_NATIONAL_PREFIXES = ("1", "2", "3", "7", "8")
MAX_DIGIT_GROUPS = 5


class UkPhoneRecognizer(LocalRecognizer):
    """Find UK numbers with one pass of our own candidate scan and ``phonenumbers`` checks.

    Presidio's stock recogniser runs ``PhoneNumberMatcher`` once per region and, with its
    default eight regions, reads dates, IP addresses and NHS numbers as phone numbers.
    """

    SCORE: ClassVar[float] = 0.6
    VALID_SCORE: ClassVar[float] = 0.75
    REGIONS: ClassVar[frozenset[str]] = frozenset({"GB", "IM", "JE", "GG"})
    CONTEXT: ClassVar[list[str]] = [
        "phone", "telephone", "tel", "mobile", "mob", "call", "ring", "text", "number", "whatsapp",
    ]  # fmt: skip

    def __init__(self) -> None:
        super().__init__(
            supported_entities=["PHONE_NUMBER"], context=self.CONTEXT, name="UkPhoneRecognizer"
        )

    def load(self) -> None:
        """Nothing to load."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Return a result for every candidate that parses as a plausible UK number."""
        results: list[RecognizerResult] = []
        for match in _CANDIDATE.finditer(text):
            candidate = match.group().rstrip(" -.(")
            score = self._score(candidate)
            if score:
                results.append(self._result(match.start(), match.start() + len(candidate), score))
        return results

    def _score(self, candidate: str) -> float:
        digits = re.sub(r"\D", "", candidate)
        if not 10 <= len(digits) <= 13 or _looks_like_date_or_ip(candidate):
            return 0.0
        if len(re.findall(r"\d+", candidate)) > MAX_DIGIT_GROUPS:
            return 0.0  # "1 1 1 1 1 1 1 1 1 1" is not how anyone writes a number
        try:
            number = phonenumbers.parse(candidate.replace("(0)", ""), "GB")
        except phonenumbers.NumberParseException:
            return 0.0
        if phonenumbers.is_valid_number(number):
            return self.VALID_SCORE
        national = str(number.national_number)
        if (
            number.country_code == 44
            and phonenumbers.is_possible_number(number)
            and national.startswith(_NATIONAL_PREFIXES)
        ):
            # Unallocated but well-formed (Ofcom's drama ranges, new ranges): still a number.
            return self.SCORE
        return 0.0

    def _result(self, start: int, end: int, score: float) -> RecognizerResult:
        return recognizer_result(self, "PHONE_NUMBER", start, end, score, why="UK number")


def _looks_like_date_or_ip(candidate: str) -> bool:
    parts = re.split(r"[.\-/]", candidate.strip())
    return (
        len(parts) in (3, 4)
        and all(part.strip().isdigit() for part in parts)
        and all(len(part.strip()) <= 4 for part in parts)
    )
