"""E-mail addresses, validated against the bundled public-suffix list (never fetched).

Besides the plain form, addresses written to dodge filters are found: after ``email:`` or
``mailto:``, with spaces around ``@``, and spelt out (``jane at gmail dot com``,
``jane [at] gmail [dot] com``). :func:`canonical_email` turns any of them into the plain form.
"""

from __future__ import annotations

import re
from typing import ClassVar, Final

import tldextract
from presidio_analyzer import Pattern, PatternRecognizer

_LOCAL = r"[\w!#$%&'*+/=?^`{|}~\-](?:[\w!#$%&'*+/=?^`{|}~.\-]{0,63})"
_LABEL = r"[\w](?:[\w\-]{0,62}\w)?"
_OPEN = r"[\[({<]"
_CLOSE = r"[\])}>]"
# "@" spelt out: "[at]", "(at)", " at ", " AT ".
_AT_WORD = rf"(?:\s{{0,2}}{_OPEN}\s?at\s?{_CLOSE}\s{{0,2}}|\s{{1,2}}at\s{{1,2}})"
_DOT_WORD = rf"(?:\s{{0,2}}{_OPEN}\s?dot\s?{_CLOSE}\s{{0,2}}|\s{{1,2}}dot\s{{1,2}}|\.)"
_SPELT_AT: Final = re.compile(rf"(?i){_AT_WORD}|\s{{0,2}}@\s{{0,2}}")
_SPELT_DOT: Final = re.compile(rf"(?i){_DOT_WORD}")


def canonical_email(value: str) -> str:
    """The plain, lower-case form of an address however it was written."""
    local, at, domain = _split(value)
    if not at:
        return value.strip().lower()
    return f"{local.strip()}@{_SPELT_DOT.sub('.', domain.strip())}".lower()


def _split(value: str) -> tuple[str, str, str]:
    match = _SPELT_AT.search(value)
    if match is None:
        return value, "", ""
    return value[: match.start()], "@", value[match.end() :]


class OfflineEmailRecognizer(PatternRecognizer):
    """Presidio's e-mail recogniser with bounded (linear-time) patterns and offline TLDs."""

    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern(
            "Email (bounded)",
            rf"(?<![\w.+\-/]){_LOCAL}@{_LABEL}(?:\.{_LABEL}){{1,8}}\b",
            0.5,
        ),
        Pattern(
            "Email (spaces around @)",
            rf"(?<![\w.+\-/]){_LOCAL}(?:\s{{1,2}}@\s{{0,2}}|@\s{{1,2}}){_LABEL}(?:\.{_LABEL}){{1,8}}\b",
            0.5,
        ),
        Pattern(
            "Email (spelt out)",
            rf"(?<![\w.+\-/])[\w+\-](?:[\w.+\-]{{0,63}}){_AT_WORD}{_LABEL}"
            rf"(?:{_DOT_WORD}{_LABEL}){{1,4}}\b",
            0.5,
        ),
    ]
    CONTEXT: ClassVar[list[str]] = ["email", "e-mail", "mail", "contact"]

    def __init__(self) -> None:
        # An empty URL list makes tldextract use the snapshot shipped inside the package.
        self._extract = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
        super().__init__(
            supported_entity="EMAIL_ADDRESS",
            patterns=self.PATTERNS,
            context=self.CONTEXT,
            name="OfflineEmailRecognizer",
        )

    def validate_result(self, pattern_text: str) -> bool:
        """Accept only addresses whose domain ends in a real public suffix."""
        address = canonical_email(pattern_text)
        local, _, domain = address.rpartition("@")
        if not local or " " in address:
            return False
        extracted = self._extract(domain)
        return bool(extracted.suffix and extracted.domain)
