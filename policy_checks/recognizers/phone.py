"""UK phone numbers (GB, Isle of Man, Jersey, Guernsey) in the ways people write them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import ClassVar, Final

import phonenumbers
from presidio_analyzer import LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from policy_checks.recognizers.results import recognizer_result
from policy_checks.recognizers.spoken_digits import spoken_digit_runs

# A region where numbers may be: digit groups with spaces, one line break, dots, dashes,
# slashes, underscores and brackets between them. Every quantifier is bounded, so the scan is
# linear in the text; a region is then cut into numbers group by group (``_segments``).
_REGION = re.compile(r"(?<![\w+])(?:\+|\(\s?)?\d(?:[\d \-.()/_\n]{0,60}\d)?(?![\w])")
_GROUP = re.compile(r"\d+")
# What may stand between two groups of one number.
_SEPARATOR = re.compile(r"(?: ?[\-./_] ?| ?\n ?| {1,2}| ?\( ?0 ?\) ?| ?\) ?| ?\( ?)")
# A number written digit by digit, to get past a number filter: ``0 7 9 1 1  1 2 3 4 5 6``.
# Too many groups for ``_segments``; one digit a group, so it is never a list of amounts. Only
# a mobile number counts: a run of single digits starting 0 is also a line of scores.
_ONE_BY_ONE = re.compile(r"(?<![\w+])(?:0|\+ ?4 ?4)(?:[ .\-_/]{1,2}\d){9,12}(?![\w])")
_NATIONAL_PREFIXES = ("1", "2", "3", "7", "8")
MAX_DIGIT_GROUPS: Final[int] = 5
_STARTS: Final[tuple[str, ...]] = ("0", "+44", "(0", "( 0", "(+44")  # how a UK number begins
_DATE_PART_LENGTHS: Final[frozenset[tuple[int, ...]]] = frozenset(
    {(1, 1, 2), (1, 1, 4), (1, 2, 2), (1, 2, 4), (2, 1, 2), (2, 1, 4), (2, 2, 2), (2, 2, 4),
     (4, 1, 1), (4, 1, 2), (4, 2, 1), (4, 2, 2)}
)  # fmt: skip


class UkPhoneRecognizer(LocalRecognizer):
    """Find UK numbers with one pass of our own candidate scan and ``phonenumbers`` checks.

    Presidio's stock recogniser runs ``PhoneNumberMatcher`` once per region and, with its
    default eight regions, reads dates, IP addresses and NHS numbers as phone numbers. Here a
    number must be written the way UK numbers are: starting ``0``, ``+44``, ``0044`` or
    ``(0``; the digits of one number are never borrowed from a neighbouring group, so an extra
    digit glued on makes no number, and two numbers side by side are two findings. Numbers
    spelt in words ("oh seven seven double oh ...") are read too.
    """

    SCORE: ClassVar[float] = 0.6
    VALID_SCORE: ClassVar[float] = 0.75
    SPOKEN_SCORE: ClassVar[float] = 0.7
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
        """Return a result for every number that parses as a plausible UK number."""
        results: list[RecognizerResult] = []
        for region in _REGION.finditer(text):
            for start, end, score in self._segments(text, region.start(), region.end()):
                results.append(self._result(start, end, score))
        for spaced in _ONE_BY_ONE.finditer(text):
            digits = re.sub(r"[ .\-_/]", "", spaced[0])
            mobile = digits.startswith(("07", "+447"))
            score = self._score(digits) if mobile else 0.0
            if score and not any(r.start <= spaced.start() < r.end for r in results):
                results.append(self._result(spaced.start(), spaced.end(), score))
        for start, end, digits in spoken_digit_runs(text):
            score = self._score(digits)
            if score:
                results.append(self._result(start, end, max(score, self.SPOKEN_SCORE)))
        return results

    def _segments(self, text: str, start: int, end: int) -> Iterator[tuple[int, int, float]]:
        """Cut a region into numbers: the longest run of whole groups that is a number wins."""
        groups = [m.span() for m in _GROUP.finditer(text, start, end)]
        gaps = _Gaps(text, groups)
        index = 0
        while index < len(groups):
            found = None
            first = _with_prefix(text, groups[index][0], start)
            # Every candidate from this group starts here: one that cannot start a UK number
            # ("0", "+44", a bracket) is passed over at once, whatever follows it.
            if _glued_before(text, groups[index][0]) or not text.startswith(_STARTS, first):
                index += 1
                continue
            for last in range(min(len(groups), index + MAX_DIGIT_GROUPS) - 1, index - 1, -1):
                if _glued_after(text, groups[last][1]):
                    continue
                if not _joined_all(gaps, index, last):
                    continue
                stop = _with_bracket(text, groups[last][1], end)
                score = self._score(text[first:stop])
                if score:
                    found = (first, stop, score, last)
                    break
            if found is None:
                index += 1
                continue
            first, stop, score, last = found
            yield first, stop, score
            index = last + 1

    def _score(self, candidate: str) -> float:
        """How sure we are that ``candidate`` is a UK number (0 when it is not one)."""
        candidate = candidate.strip()
        if not candidate.startswith(_STARTS):
            return 0.0
        if candidate.startswith("0044"):
            candidate = "+" + candidate[2:]
        cut = candidate.replace("(0)", "").replace("( 0 )", "")
        digits = re.sub(r"\D", "", cut)
        national = digits[2:] if cut.lstrip("(").startswith("+") else digits.removeprefix("0")
        if not 9 <= len(national) <= 10 or any(map(_looks_like_date_or_ip, candidate.split())):
            return 0.0
        if not national.startswith(_NATIONAL_PREFIXES):
            return 0.0
        try:
            number = phonenumbers.parse(re.sub(r"[_/\n]", " ", cut), "GB")
        except phonenumbers.NumberParseException:
            return 0.0
        if str(number.national_number) != national:
            return 0.0  # phonenumbers read the digits differently: not our number
        if phonenumbers.is_valid_number(number):
            return self.VALID_SCORE
        if number.country_code == 44 and phonenumbers.is_possible_number(number):
            # Unallocated but well-formed (Ofcom's drama ranges, new ranges): still a number.
            return self.SCORE
        return 0.0

    def _result(self, start: int, end: int, score: float) -> RecognizerResult:
        return recognizer_result(self, "PHONE_NUMBER", start, end, score, why="UK number")


def _joined(text: str, end: int, start: int) -> bool:
    """Whether what lies between two digit groups can join them into one number."""
    return _SEPARATOR.fullmatch(text, end, start) is not None


def _glued_before(text: str, at: int) -> bool:
    """Whether a group is the tail of a larger figure (``21.07``, ``3-1``), not a start."""
    return at >= 2 and text[at - 1] in "./-_" and text[at - 2].isdigit()


def _glued_after(text: str, at: int) -> bool:
    """Whether a group runs on into more digits through punctuation (``07/2025``)."""
    return at + 1 < len(text) and text[at] in "./-_" and text[at + 1].isdigit()


@dataclass(frozen=True, slots=True)
class _Gap:
    """What lies between two neighbouring digit groups."""

    joins: bool  # it can join them into one number
    kinds: frozenset[str]  # the punctuation in it
    breaks: int  # line breaks in it

    @classmethod
    def between(cls, text: str, end: int, start: int) -> _Gap:
        gap = text[end:start]
        return cls(
            _joined(text, end, start), frozenset(ch for ch in gap if ch in "-./_"), gap.count("\n")
        )


class _Gaps:
    """The gaps between a region's digit groups, each looked at once, when first needed."""

    def __init__(self, text: str, groups: list[tuple[int, int]]) -> None:
        self._text = text
        self._groups = groups
        self._seen: dict[int, _Gap] = {}

    def __getitem__(self, index: int) -> _Gap:
        """The gap after group ``index``."""
        gap = self._seen.get(index)
        if gap is None:
            end, start = self._groups[index][1], self._groups[index + 1][0]
            gap = self._seen[index] = _Gap.between(self._text, end, start)
        return gap


def _joined_all(gaps: _Gaps, first: int, last: int) -> bool:
    """Whether every gap of the groups ``first..last`` joins, with one kind of punctuation."""
    kinds: set[str] = set()
    breaks = 0
    for index in range(first, last):
        gap = gaps[index]
        if not gap.joins:
            return False
        kinds |= gap.kinds
        breaks += gap.breaks
    return len(kinds) <= 1 and breaks <= 1


def _with_prefix(text: str, at: int, floor: int) -> int:
    """Widen a number's start over a ``+`` or an opening bracket written just before it."""
    for prefix in ("(+", "( ", "+", "("):
        if at - len(prefix) >= floor and text.startswith(prefix, at - len(prefix)):
            return at - len(prefix)
    return at


def _with_bracket(text: str, at: int, ceiling: int) -> int:
    """Widen a number's end over a closing bracket that belongs to it."""
    return at + 1 if at < ceiling and text[at] == ")" else at


def _looks_like_date_or_ip(candidate: str) -> bool:
    """A date (``01.02.2026``, ``2026-02-01``) or an IP address, not a number."""
    parts = re.split(r"[.\-/]", candidate.strip())
    if not all(part.strip().isdigit() for part in parts):
        return False
    lengths = tuple(len(part.strip()) for part in parts)
    if len(parts) == 3:
        return lengths in _DATE_PART_LENGTHS
    return len(parts) == 4 and all(length <= 3 for length in lengths)
