"""What the words around a candidate say about it: public context that is not personal data.

* A planning application's site address (and its postcode) written right after the
  application's reference or the words "planning application" is on the public register:
  ``Planning application CB/26/01234/FUL: 14 Station Road, LU5 4AB``. An objector's address
  after the reference ("... from Mrs Bishop at 4 Mill Lane") is still personal data.
* Digits in a table of prices, dates or results (``£12.50 ... 01.02.2026``, ``won 3-1, 2-0``)
  are not a phone number, sort code, account or NHS number unless one is named just before.
* A name given with a public office (``Cllr Okonkwo``, ``Cllrs Khan, Davies and Brown``,
  ``PCSO Barnes``) is that office-holder's, published by the council or the police; a
  festival's greeting (``Eid Mubarak``) is nobody's name.
* The council's own lines: an address at a council's domain (``clerk@marstonvale-parish-
  council.gov.uk``), and a number introduced as the office's or the council's ("the office
  number is ...", "the council mobile is ..."), unless a word just before makes it someone's
  own ("her office number", "my mobile").

Every pattern is linear-time (bounded quantifiers) and reads the clean view.
"""

from __future__ import annotations

import re
from typing import Final

from presidio_analyzer import RecognizerResult

_PLANNING_CUE: Final = re.compile(
    r"(?i)\b(?:[A-Z]{1,4}/)?\d{2,4}/\d{3,6}(?:/[A-Z]{2,6})?\b"
    r"|\bplanning (?:application|permission|ref(?:erence)?|appeal|consultation)s?"
    r"(?: (?:no|number|ref|reference)\.?)?"
    r"|\b(?:application|proposal|development|site address|listed building consent"
    r"|prior approval|lawful development certificate)(?: (?:no|number|ref|reference)\.?)?"
)
# What may stand between a planning cue and the site address it introduces: a few words that
# describe the works ("single storey rear extension at"), none of which brings in a person
# ("... objection from Mrs Bishop at 4 Mill Lane" is still personal data).
_SITE_GAP: Final = re.compile(
    r"(?i)[\s:,\-\u2013(]{0,6}(?:(?:(?!(?:from|by|mr|mrs|ms|miss|dr|objector|objectors|"
    r"objection|objections|neighbour|neighbours|resident|residents|lives|living|home|his|her|"
    r"their|my|our|owner|owners|occupier|occupiers)\b)[A-Za-z][A-Za-z'\-]{0,20}|\d{1,3})"
    r"[\s:,\-\u2013(]{1,4}){0,8}"
)
_POSTCODE_GAP: Final = re.compile(r"[\s,]{0,4}(?:[A-Z][a-z'\-]{1,20}[\s,]{1,4}){0,3}")
_PLANNING_WINDOW: Final[int] = 80

_TABLE_VALUE: Final = re.compile(
    r"£\s?\d{1,6}(?:\.\d{2})?"
    r"|(?<![\d.])\d{1,4}\.\d{2}(?![\d.])"
    r"|(?<![\d\-])\d{1,2}\s?-\s?\d{1,2}(?![\d\-])"
    r"|(?<![\d./\-])\d{1,2}[./\-]\d{1,2}[./\-]\d{2,4}(?![\d./\-])"
    r"|(?<![\d./\-])\d{4}-\d{2}-\d{2}(?![\d./\-])"
)
_TABLE_WINDOW: Final[int] = 60
_TABLE_VALUES: Final[int] = 2
_LABEL_WINDOW: Final[int] = 30
_LABELS: Final[dict[str, re.Pattern[str]]] = {
    "PHONE_NUMBER": re.compile(
        r"(?i)\b(?:tel|phone|telephone|mobile|mob|call|ring|text|whatsapp|number|contact)\b"
    ),
    "UK_SORT_CODE": re.compile(r"(?i)\bsort\s?code\b"),
    "UK_BANK_ACCOUNT": re.compile(r"(?i)\b(?:account|acc|acct|a/c)\b"),
    "UK_NHS": re.compile(r"(?i)\bnhs\b"),
}
TABLE_ENTITIES: Final[frozenset[str]] = frozenset(_LABELS)

# Offices whose holders' names the council or the police publish. A list after a plural
# title ("Cllrs Khan, Davies and Brown") is of office-holders too.
_OFFICES: Final[str] = r"(?:cllrs?|councillors?|mayor|mayoress|pcso|mp)"
_PLURAL_OFFICES: Final[str] = r"(?:cllrs|councillors)"
_OFFICE_START: Final = re.compile(rf"(?i){_OFFICES}\b\.?")
_OFFICE_BEFORE: Final = re.compile(rf"(?i)\b{_OFFICES}\.?\s{{1,3}}$")
_PLURAL_START: Final = re.compile(rf"(?i){_PLURAL_OFFICES}\b")
_PLURAL_BEFORE: Final = re.compile(rf"(?i)\b{_PLURAL_OFFICES}\.?\s{{1,3}}$")
# Between names of a list: separators, and perhaps names the recognisers did not take.
_LIST_GAP: Final = re.compile(
    r"(?:\s{0,3}(?:,|&|and|,\s{0,3}and)\s{1,3}[A-Z][\w'\-]{1,30}){0,6}"
    r"\s{0,3}(?:,|&|and|,\s{0,3}and)\s{1,3}"
)
_OFFICE_WINDOW: Final[int] = 16
_GREETINGS: Final[frozenset[str]] = frozenset(
    {"eid mubarak", "ramadan mubarak", "ramadan kareem", "happy diwali", "diwali mubarak",
     "happy hanukkah", "chag sameach", "shana tova", "happy vaisakhi", "happy holi",
     "merry christmas", "happy easter", "happy new year", "nadolig llawen", "blwyddyn newydd dda"}
)  # fmt: skip
# A council's own mail domain: a label naming a council, at a public-sector or UK suffix.
_COUNCIL_DOMAIN: Final = re.compile(
    r"(?i)@(?:[a-z0-9\-]{1,63}\.){0,4}[a-z0-9\-]{0,63}council[a-z0-9\-]{0,63}"
    r"(?:\.[a-z0-9\-]{1,63}){0,3}\.(?:gov\.uk|org\.uk|co\.uk|uk|org|com|net)$"
)
# A number introduced, just before it, as the office's or the council's own line.
_COUNCIL_LINE: Final = re.compile(
    r"(?i)(?:\b(?:the |our )?(?:parish |town |council |clerk'?s? )?(?:office|council)(?:'s)? "
    r"(?:main |direct |out of hours |emergency |work )?(?:land ?line|number|phone(?: number)?|"
    r"telephone(?: number)?|tel|mobile(?: number)?|line|no)\.?(?: is| are)?"
    r"|\b(?:ring|call|phone|contact|text) (?:the )?(?:parish |town |council |clerk'?s? )?office "
    r"(?:on|at)"
    r"|\bhelpline(?: number)?(?: is)?)[\s:=\-]{0,3}$"
)
_OWN_LINE: Final = re.compile(
    r"(?i)\b(?:home|personal|private|his|her|my|their|wife'?s?|husband'?s?|partner'?s?|"
    r"son'?s?|daughter'?s?|mum'?s?|dad'?s?|own)\b"
)
_LINE_WINDOW: Final[int] = 48
PLANNING_ENTITIES: Final[frozenset[str]] = frozenset({"UK_ADDRESS", "UK_POSTCODE"})


def is_public_context(
    entity: str, text: str, start: int, end: int, *, site_address_before: int | None = None
) -> bool:
    """Whether the candidate ``text[start:end]`` is public context, not personal data.

    ``site_address_before`` is the end of a site address already found public, so the postcode
    written after it is public too.
    """
    if entity in PLANNING_ENTITIES:
        return is_planning_site(text, start, site_address_before=site_address_before)
    if entity == "PERSON":
        return is_office_holder(text, start, end) or text[start:end].lower() in _GREETINGS
    if entity == "EMAIL_ADDRESS":
        return _COUNCIL_DOMAIN.search(text[start:end]) is not None
    if entity == "PHONE_NUMBER" and is_council_line(text, start):
        return True
    if entity in TABLE_ENTITIES:
        return in_number_table(entity, text, start, end)
    return False


def is_office_holder(text: str, start: int, end: int) -> bool:
    """Whether a name is given with a public office: ``Cllr Okonkwo``, ``Councillor Li``."""
    return (
        _OFFICE_START.match(text, start, end) is not None
        or _OFFICE_BEFORE.search(text, max(0, start - _OFFICE_WINDOW), start) is not None
    )


def is_council_line(text: str, start: int) -> bool:
    """Whether a number is introduced as the council's or its office's, not anyone's own."""
    cue = _COUNCIL_LINE.search(text, max(0, start - _LINE_WINDOW), start)
    if cue is None:
        return False
    return _OWN_LINE.search(text, max(0, cue.start() - 12), start) is None


def is_planning_site(text: str, start: int, *, site_address_before: int | None = None) -> bool:
    """Whether an address starting at ``start`` follows a planning reference or cue."""
    if site_address_before is not None and _POSTCODE_GAP.fullmatch(
        text, site_address_before, start
    ):
        return True
    window = max(0, start - _PLANNING_WINDOW)
    return any(
        _SITE_GAP.fullmatch(text, cue.end(), start)
        for cue in _PLANNING_CUE.finditer(text, window, start)
    )


def in_number_table(entity: str, text: str, start: int, end: int) -> bool:
    """Whether digits sit among prices, dates or results with no label naming them."""
    label = _LABELS[entity]
    if label.search(text, max(0, start - _LABEL_WINDOW), start):
        return False
    lo, hi = max(0, start - _TABLE_WINDOW), min(len(text), end + _TABLE_WINDOW)
    values = sum(
        1 for m in _TABLE_VALUE.finditer(text, lo, hi) if m.end() <= start or m.start() >= end
    )
    return values >= _TABLE_VALUES


def drop_public_context(text: str, results: list[RecognizerResult]) -> list[RecognizerResult]:
    """The results that are not public context (planning sites, tables, office-holders...)."""
    kept: list[RecognizerResult] = []
    site_end: int | None = None
    office_list_end: int | None = None
    for result in sorted(results, key=lambda r: (r.start, r.end)):
        entity = result.entity_type
        if entity == "PERSON" and _continues_office_list(text, result.start, office_list_end):
            office_list_end = result.end
            continue
        if is_public_context(entity, text, result.start, result.end, site_address_before=site_end):
            if entity in PLANNING_ENTITIES:
                site_end = result.end
            if entity == "PERSON" and _names_many_offices(text, result.start, result.end):
                office_list_end = result.end
            continue
        kept.append(result)
    return kept


def _names_many_offices(text: str, start: int, end: int) -> bool:
    """Whether a name is given with a plural office, so a list follows: ``Cllrs Khan, ...``."""
    return (
        _PLURAL_START.match(text, start, end) is not None
        or _PLURAL_BEFORE.search(text, max(0, start - _OFFICE_WINDOW), start) is not None
    )


def _continues_office_list(text: str, start: int, list_end: int | None) -> bool:
    """Whether a name follows a list of office-holders ("Cllrs Khan, Davies and Brown")."""
    return list_end is not None and _LIST_GAP.fullmatch(text, list_end, start) is not None
