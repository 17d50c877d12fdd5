"""People's names without a downloaded NER model: gazetteers, capitalisation and honorifics.

The name lists come from packages with a clear licence: Faker's ``en_GB`` person provider and
the public-domain US Census lists carried by the ``names`` package. Words that are also common
English words ("May", "Grant", "Will", "Robin") never count as a first name on their own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from typing import ClassVar, Final

from presidio_analyzer import LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from policy_checks.recognizers.results import recognizer_result
from policy_checks.recognizers.uk_address import STREET_SUFFIXES


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


HONORIFICS: Final[frozenset[str]] = frozenset(
    _words(
        """mr mrs ms miss mx dr prof professor rev revd reverend sir dame lady lord cllr
        councillor canon pc sgt"""
    )
)
# Words that may follow a capitalised word and make it a place or an organisation.
_PLACE_WORDS: Final[frozenset[str]] = frozenset(
    {s.lower() for s in STREET_SUFFIXES}
    | _words(
        """farm hall house school church chapel council centre center surgery pharmacy trust
        ltd limited group society club fc academy estate wood common meadow field bridge brook
        cottage court place county borough district parish village town city street road lane
        close avenue drive way crescent gardens allotments pavilion rec recreation ground pond
        lake river station garage motors builders homes properties associates partners cafe
        tearoom inn arms pub hotel nursery college university hospital primary junior infant
        museum library memorial institute foundation charity bin bins day week month year
        report plan policy act award fund grant mayor chair chairman clerk vice"""
    )
)
# Common words that are also in the census name lists, and words of council business.
_AMBIGUOUS: Final[frozenset[str]] = _words(
    """may will mark grant bill chase rose holly carol robin hope faith grace june april august
    dawn joy art guy frank don see an in many love lane young long sterling major ray gay dick
    penny ruby summer eve noel jack pat sue rob sandy cliff dale glen reed clay heath moss
    autumn winter spring sunny rusty misty precious destiny harmony melody honey sugar candy
    cherry olive pearl violet iris daisy heather jasmine poppy hazel fern willow ash rowan storm
    rain river brook forest star sky king prince duke earl rich cash price hunter miles norman
    bishop brown green white black gray grey church hall mill wood hill field page bell lee
    best case chance christian dean drew early free gene golden ivy jean kit lance lord lucky
    mason mercy minister noble pier reading royal sage scott sharp short small so son sonny tad
    tess van vale ward wells west wilt said the and to of a for on at by with from as is be not
    no it this that all any can did do dear thanks hi hello cheers morning evening afternoon
    monday tuesday wednesday thursday friday saturday sunday christmas easter fete police
    council clerk chair vice parish planning highways item agenda minutes"""
)
AMBIGUOUS: Final[frozenset[str]] = _AMBIGUOUS
# Short forms people use in chat, which the formal name lists lack.
_DIMINUTIVES: Final[frozenset[str]] = _words(
    """dave davey steve stevie mike mick micky chris pete jim jimmy tony andy nick nicky ben
    sam joe dan danny phil rick ricky matt greg jeff geoff ken kenny les len lenny sid alf
    bert fred freddie harry charlie alfie archie ollie olly jon johnny jonny rich dom jamie
    liz lizzie beth jen jenny kate katie kath cathy jo becky vicky sally mandy debbie debs
    tracey trace bev gill jackie jacqui maggie meg pam sandra sandie sue suzy val viv wendy
    babs di lou lulu nat tash tasha ros roz pat patsy shaz sharon nicola nikki"""
)
_HONORIFIC_SCORE: Final[float] = 0.85
_FULL_NAME_SCORE: Final[float] = 0.85
_UNKNOWN_SURNAME_SCORE: Final[float] = 0.7
_LONE_FIRST_NAME_SCORE: Final[float] = 0.6
_CENSUS_LAST_NAMES: Final[int] = 30000

_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]{0,30}\.?")
_CAPITALISED = re.compile(r"(?:[A-Z]\.?|[A-Z][a-z]{1,30}(?:'[A-Z]?[a-z]+)?(?:-[A-Z][a-z]+)?\.?)")
_MAC = re.compile(r"(?:Ma?c|O')[A-Z][a-z]+")


@dataclass(frozen=True, slots=True)
class NameLists:
    """Name lists: the ``any_`` lists keep names that are also common words ("Mark", "Green").

    A full name needs one unambiguous part: "Mark Johnson" and "Stephen Green" are names,
    "Heather Green" and "Mark Lane" are not.
    """

    lone_first: frozenset[str]
    first: frozenset[str]
    last: frozenset[str]
    any_first: frozenset[str]
    any_last: frozenset[str]

    @classmethod
    def load(cls) -> NameLists:
        """Read the lists from Faker's en_GB provider and the ``names`` package."""
        from faker.providers.lorem.en_US import Provider as Lorem  # noqa: PLC0415
        from faker.providers.person.en_GB import Provider as Person  # noqa: PLC0415

        common = {word.lower() for word in Lorem.word_list} | _AMBIGUOUS
        uk_first = {n.lower() for n in (*Person.first_names_male, *Person.first_names_female)} | (
            _DIMINUTIVES - _AMBIGUOUS
        )
        census_first = set(_census("dist.male.first")) | set(_census("dist.female.first"))
        census_last = _census("dist.all.last")[:_CENSUS_LAST_NAMES]
        last = {n.lower() for n in Person.last_names} | set(census_last)
        from spacy.lang.en.stop_words import STOP_WORDS  # noqa: PLC0415

        return cls(
            lone_first=frozenset(n for n in uk_first if n not in common and len(n) > 2),
            first=frozenset(n for n in uk_first | census_first if n not in common and len(n) > 1),
            last=frozenset(n for n in last if n not in common and len(n) > 1),
            any_first=frozenset(
                n for n in uk_first | census_first if n not in STOP_WORDS and len(n) > 2
            ),
            any_last=frozenset(n for n in last if n not in STOP_WORDS and len(n) > 1),
        )


def _census(name: str) -> list[str]:
    text = resources.files("names").joinpath(name).read_text(encoding="ascii")
    return [line.split(maxsplit=1)[0].lower() for line in text.splitlines() if line.strip()]


@dataclass(frozen=True, slots=True)
class _Word:
    text: str
    start: int
    end: int

    @property
    def key(self) -> str:
        return self.text.rstrip(".").lower()

    @property
    def is_capitalised(self) -> bool:
        return bool(_CAPITALISED.fullmatch(self.text) or _MAC.fullmatch(self.text.rstrip(".")))

    @property
    def is_initial(self) -> bool:
        return len(self.text.rstrip(".")) == 1 and self.text[0].isupper()


class GazetteerPersonRecognizer(LocalRecognizer):
    """Names: an honorific and a surname, a known first name and a surname, or a lone name."""

    CONTEXT: ClassVar[list[str]] = [
        "resident", "neighbour", "said", "says", "told", "rang", "phoned", "called", "emailed",
        "spoke", "speak", "asked", "complained", "complaint", "contact", "husband", "wife",
        "son", "daughter", "mum", "dad", "partner", "tenant", "owner", "lives", "named",
        "thanks", "thank", "from", "mr", "mrs", "ms", "applicant", "complainant", "holder",
        "volunteer", "objector", "hirer", "meet", "ring", "call", "ask",
    ]  # fmt: skip

    def __init__(self, names: NameLists) -> None:
        self._names = names
        super().__init__(
            supported_entities=["PERSON"], context=self.CONTEXT, name="GazetteerPersonRecognizer"
        )

    def load(self) -> None:
        """The lists are loaded by :meth:`NameLists.load`."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Find names in runs of capitalised words."""
        return [self._result(start, end, score) for start, end, score in self._spans(text)]

    def spans(self, text: str) -> list[tuple[int, int, float]]:
        """``(start, end, score)`` of every name the lists find in ``text``."""
        return list(self._spans(text))

    def _spans(self, text: str) -> Iterator[tuple[int, int, float]]:
        words = [_Word(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]
        index = 0
        while index < len(words):
            found = self._match_at(words, index, text)
            if found is None:
                index += 1
                continue
            last, score = found
            yield words[index].start, words[last].end, score
            index = last + 1

    def _match_at(self, words: list[_Word], index: int, text: str) -> tuple[int, float] | None:
        word = words[index]
        names = self._names
        if word.key in HONORIFICS and word.text[0].isupper():
            last = self._name_run(words, index + 1, text, limit=3)
            return (last, _HONORIFIC_SCORE) if last > index else None
        key = word.key
        strong = key in names.first
        if not word.is_capitalised or word.is_initial or not (strong or key in names.any_first):
            return None
        after = self._next(words, index, text)
        if after is not None and words[after].is_initial:
            after = self._next(words, after, text) or after
        if after is not None and words[after].is_capitalised and not words[after].is_initial:
            surname = words[after].key
            if surname in _PLACE_WORDS or self._followed_by_place(words, after, text):
                return None
            if surname in names.last or (strong and surname in names.any_last):
                return after, _FULL_NAME_SCORE
            if strong and surname not in _AMBIGUOUS and surname not in names.any_first:
                return after, _UNKNOWN_SURNAME_SCORE
        if key in names.lone_first and not self._followed_by_place(words, index, text):
            return index, _LONE_FIRST_NAME_SCORE
        return None

    def _name_run(self, words: list[_Word], start: int, text: str, *, limit: int) -> int:
        """The index of the last name word of up to ``limit`` words from ``start``."""
        last = start - 1
        cursor: int | None = (
            start if start < len(words) and self._adjacent(words, start - 1, start, text) else None
        )
        while cursor is not None and cursor - start < limit:
            word = words[cursor]
            # Right after a title any capitalised word is a surname ("Mrs Day", "Mr Hall").
            place = word.key in _PLACE_WORDS and cursor > start
            if not word.is_capitalised or place or word.key in HONORIFICS:
                break
            last = cursor
            cursor = self._next(words, cursor, text)
        if last >= start and words[last].is_initial:
            return last - 1 if last - 1 >= start else start - 1
        return last

    def _followed_by_place(self, words: list[_Word], index: int, text: str) -> bool:
        after = self._next(words, index, text)
        return after is not None and words[after].key in _PLACE_WORDS

    def _next(self, words: list[_Word], index: int, text: str) -> int | None:
        following = index + 1
        if following < len(words) and self._adjacent(words, index, following, text):
            return following
        return None

    @staticmethod
    def _adjacent(words: list[_Word], first: int, second: int, text: str) -> bool:
        return first >= 0 and text[words[first].end : words[second].start] == " "

    def _result(self, start: int, end: int, score: float) -> RecognizerResult:
        return recognizer_result(self, "PERSON", start, end, score, why="name gazetteer")
