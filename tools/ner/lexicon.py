"""The word lists shipped with the name model, built from licensed sources at training time.

* first and last names: Faker's person providers in every locale the generator uses (MIT),
  Cyrillic transliterated, and the US Census lists carried by the ``names`` package (public
  domain);
* common words: words seen mostly in lower case in the training corpora (BTC train and dev,
  WNUT-17 dev, the Davidson tweets: CC BY 4.0 / MIT), Faker's lorem words and spaCy's stop
  words;
* titles, council roles, street and building words, months and days: hand-made lists.
"""

from __future__ import annotations

import importlib
import json
from collections import Counter
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

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
    }
    return {name: sorted(words) for name, words in lists.items()}


def davidson_sentences(shared: Path) -> list[list[str]]:
    """The Davidson tweets' words (for word frequencies only)."""
    path = shared / "data" / "abuse" / "davidson" / "davidson-70.jsonl"
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line)["text"].split() for line in handle if line.strip()]
