"""What the words around a candidate say about it: public context that is not personal data.

* A planning application's site address (and its postcode) written right after the
  application's reference or the words "planning application" is on the public register:
  ``Planning application CB/26/01234/FUL: 14 Station Road, LU5 4AB``. An objector's address
  after the reference ("... from Mrs Bishop at 4 Mill Lane") is still personal data.
* Digits in a table of prices, dates or results (``£12.50 ... 01.02.2026``, ``won 3-1, 2-0``)
  are not a phone number, sort code, account or NHS number unless one is named just before.

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
# What may stand between a planning cue and the site address it introduces.
_SITE_GAP: Final = re.compile(
    r"(?i)[\s:,\-\u2013(]{0,6}(?:(?:site(?: address)?|at|for|on|to|land|adjacent|rear|of|the|"
    r"north|south|east|west|address|proposed|works|plot|\d{1,3})[\s:,\-\u2013(]{0,4}){0,6}"
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
    if entity in TABLE_ENTITIES:
        return in_number_table(entity, text, start, end)
    return False


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
    """The results that are not public context (planning sites, tables of figures)."""
    kept: list[RecognizerResult] = []
    site_end: int | None = None
    for result in sorted(results, key=lambda r: (r.start, r.end)):
        entity = result.entity_type
        if is_public_context(entity, text, result.start, result.end, site_address_before=site_end):
            if entity in PLANNING_ENTITIES:
                site_end = result.end
            continue
        kept.append(result)
    return kept
