"""The word lists shipped with the name model, built from licensed sources at training time.

* first and last names: Faker's person providers in every locale the generator uses (MIT),
  Cyrillic transliterated, and the US Census lists carried by the ``names`` package (public
  domain);
* common words: words seen mostly in lower case in the training corpora (BTC train and dev,
  WNUT-17 dev, the Davidson tweets: CC BY 4.0 / MIT), Faker's lorem words and spaCy's stop
  words;
* titles, council roles, street and building words, months and days: hand-made lists;
* capitalised words that are mostly not people ("non-person"): countries, states, world
  cities (Faker's address and geo providers), company suffixes, and the hand lists of
  ``news.py`` (cities, nationalities, clubs, companies, parties, brands, TV shows), less
  every word of the name lists ("Morgan Stanley" does not make Morgan a non-person), and
  abbreviations of forms and offices (NINO, DOB, HMRC);
* the particles inside surnames (van, de, al...);
* English words: the words Webster's Second International writes in lower case, from the
  ``english-words`` package (MIT; training only: ``pip install english-words==2.0.2``).
"""

from __future__ import annotations

import importlib
import json
from collections import Counter
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

import news
from synthetic import LOCALES, ascii_fold

from policy_checks.recognizers.person import _DIMINUTIVES, _PLACE_WORDS, AMBIGUOUS, HONORIFICS
from policy_checks.recognizers.uk_address import STREET_SUFFIXES

TITLES = HONORIFICS | frozenset(
    [
        "mister",
        "madam",
        "madame",
        "messrs",
        "mrs.",
        "mr.",
        "dr.",
        "sen",
        "senator",
        "gov",
        "governor",
        "pres",
        "president",
        "rep",
        "minister",
        "premier",
        "chancellor",
        "prime",
        "general",
        "gen",
        "col",
        "colonel",
        "capt",
        "captain",
        "lt",
        "sgt",
        "sergeant",
        "insp",
        "inspector",
        "det",
        "detective",
        "supt",
        "judge",
        "justice",
        "pope",
        "st",
        "saint",
    ]
)
ROLES = frozenset(
    [
        "chair",
        "chairman",
        "chairwoman",
        "chairperson",
        "clerk",
        "mayor",
        "councillor",
        "councillors",
        "cllrs",
        "council",
        "treasurer",
        "secretary",
        "officer",
        "warden",
        "president",
        "minister",
        "chief",
        "executive",
        "manager",
        "director",
        "coach",
        "captain",
        "striker",
        "goalkeeper",
        "midfielder",
        "defender",
        "leader",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "king",
        "queen",
        "prince",
        "princess",
        "duke",
        "duchess",
        "judge",
        "governor",
        "senator",
        "team",
        "committee",
        "member",
        "members",
        "resident",
        "residents",
        "neighbour",
        "neighbours",
        "everyone",
        "all",
        "team",
        "vicar",
        "rector",
        "bishop",
        "archbishop",
        "headteacher",
        "head",
        "teacher",
        "doctor",
        "nurse",
        "police",
        "constable",
        "locum",
        "rfo",
        "proper",
        "admin",
        "moderator",
    ]
)
TIME_WORDS = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
        "today",
        "tomorrow",
        "yesterday",
        "tonight",
        "christmas",
        "easter",
        "xmas",
        "halloween",
        "bonfire",
        "new",
        "year",
        "spring",
        "summer",
        "autumn",
        "winter",
        "morning",
        "afternoon",
        "evening",
    ]
)
_CENSUS_LAST_NAMES = 30000
ORGANISATION_WORDS = frozenset(
    str.split(
        """united city rovers wanderers athletic albion county town hotspur rangers fc afc inc
    ltd plc llc corp corporation co company group holdings bank banks airways airlines air
    motors motor oil gas energy telecom systems technologies tech media news times post
    herald guardian telegraph mail express journal tribune gazette league cup championship
    open masters grand prix olympics party government ministry parliament congress senate
    assembly commission committee union federation association institute university
    college school academy hospital church cathedral museum gallery theatre stadium arena
    park street square airport station tv radio channel network records studios pictures
    films games entertainment fashion foods beverages pharmaceuticals capital securities
    investments partners fund trust exchange index market markets stock stocks shares dollar
    euro sterling yen republic kingdom states empire federal national international global
    world royal democratic republican liberal conservative socialist communist labour tory
    tories democrats republicans greens army navy force forces police court"""
    )
)
PARTICLES = frozenset(
    str.split(
        "van von der den de del della di da dos das du le la ter ten bin ibn al el ben st mac"
    )
)
# Form and office abbreviations written in capitals (kept even where a name list has them).
ACRONYMS = frozenset(
    str.split(
        """nino ni dob nhs vat paye cctv dvla hmrc dwp gp ae asap rsvp fyi aob agm egm
        bacs iban bic sort tbc tba eta nb ps pto ooo wfh rip lol omg mia faq hq ceo cfo
        mp mep msp mla pm dj mc tv pc uk usa eu un nato fifa uefa bbc itv nfl nba mlb"""
    )
)
STOP_WORDS_IN_NAMES = frozenset(str.split("the of and & a an in on at for to 's s"))


def english_words() -> set[str]:
    """Lower-case dictionary words (Webster's 2nd, via the ``english-words`` package)."""
    module = importlib.import_module("english_words")
    words = module.get_english_words_set(["web2"], lower=False, alpha=True)
    return {w for w in words if w.islower() and len(w) > 1}


def _non_person_words() -> set[str]:
    """Words of places, organisations, nationalities, brands and shows (lower case)."""
    from faker.providers.address.en_US import Provider as Address  # noqa: PLC0415
    from faker.providers.company.en_US import Provider as Company  # noqa: PLC0415
    from faker.providers.geo import Provider as Geo  # noqa: PLC0415

    phrases: list[str] = [
        *Address.countries,
        *Address.states,
        *(row[2] for row in Geo.land_coords),
        *Company.company_suffixes,
        *news.COUNTRIES,
        *news.NATIONALITIES,
        *news.CITIES,
        *news.TEAMS,
        *news.COMPANIES,
        *news.BODIES,
        *news.COMPETITIONS,
        *news.BRANDS,
        *news.SHOWS,
    ]
    words = set(ORGANISATION_WORDS)
    for phrase in phrases:
        for raw in _fold(phrase).replace("-", " ").replace("'s", " ").split():
            word = raw.strip(".,()'&")
            if word.isalpha() and len(word) > 1 and word not in STOP_WORDS_IN_NAMES:
                words.add(word)
    return words


def _values(attribute: Any) -> list[str]:
    if isinstance(attribute, dict):
        return [str(k) for k in attribute]
    if isinstance(attribute, list | tuple):
        return [str(v) for v in attribute]
    return []


def _faker_names() -> tuple[set[str], set[str]]:
    first: set[str] = set()
    last: set[str] = set()
    for locale in LOCALES:
        try:
            provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        except ModuleNotFoundError:  # the locale falls back to another provider
            continue
        for attribute in ("first_names", "first_names_male", "first_names_female"):
            first.update(_fold(n) for n in _values(getattr(provider, attribute, ())))
        for attribute in ("last_names", "last_names_male", "last_names_female"):
            last.update(_fold(n) for n in _values(getattr(provider, attribute, ())))
    return first, last


def _fold(name: str) -> str:
    return ascii_fold(name).strip().lower()


def _census(name: str) -> list[str]:
    text = resources.files("names").joinpath(name).read_text(encoding="ascii")
    return [line.split(maxsplit=1)[0].lower() for line in text.splitlines() if line.strip()]


def common_words(sentences: Iterable[list[str]]) -> set[str]:
    """Words seen at least 3 times in lower case and not more often capitalised mid-sentence."""
    lower: Counter[str] = Counter()
    capital: Counter[str] = Counter()
    for words in sentences:
        for index, word in enumerate(words):
            if not word.isalpha():
                continue
            if word.islower():
                lower[word] += 1
            elif index > 0 and word[0].isupper() and not word.isupper():
                capital[word.lower()] += 1
    return {w for w, n in lower.items() if n >= 3 and n >= capital[w]}


def build(sentences: Iterable[list[str]]) -> dict[str, list[str]]:
    """Every list, sorted (so the file is the same on every run)."""
    from faker.providers.lorem.en_US import Provider as Lorem  # noqa: PLC0415
    from spacy.lang.en.stop_words import STOP_WORDS  # noqa: PLC0415

    faker_first, faker_last = _faker_names()
    census_first = set(_census("dist.male.first")) | set(_census("dist.female.first"))
    census_last = set(_census("dist.all.last")[:_CENSUS_LAST_NAMES])
    first = {
        n for n in faker_first | census_first | set(_DIMINUTIVES) if n.isalpha() and len(n) > 1
    }
    last = {n for n in faker_last | census_last if n.replace("-", "").isalpha() and len(n) > 1}
    common = (
        common_words(sentences)
        | {w.lower() for w in Lorem.word_list}
        | set(STOP_WORDS)
        | set(AMBIGUOUS)
    )
    lists = {
        "first": first,
        "last": last,
        "common": common,
        "honorific": {t.rstrip(".") for t in TITLES},
        "place": set(_PLACE_WORDS) | {s.lower() for s in STREET_SUFFIXES},
        "time": set(TIME_WORDS),
        "role": set(ROLES),
        "nonperson": (_non_person_words() - first - last) | ACRONYMS,
        "particle": set(PARTICLES),
        "english": english_words(),
    }
    return {name: sorted(words) for name, words in lists.items()}


def davidson_sentences(shared: Path) -> list[list[str]]:
    """The Davidson tweets' words (for word frequencies only)."""
    path = shared / "data" / "abuse" / "davidson" / "davidson-70.jsonl"
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line)["text"].split() for line in handle if line.strip()]
