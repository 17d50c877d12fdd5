"""Dates of birth: a date is personal data only when it is said to be somebody's birth date."""

from __future__ import annotations

from typing import ClassVar

from presidio_analyzer import Pattern, PatternRecognizer

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DAY = r"(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"


class DateOfBirthRecognizer(PatternRecognizer):
    """Dates in British forms, scored below the threshold unless birth context is near."""

    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern("d/m/y", rf"\b{_DAY}[/.\-](?:0?[1-9]|1[0-2])[/.\-](?:{_YEAR}|\d{{2}})\b", 0.2),
        Pattern("d month y", rf"\b{_DAY}(?: of)? {_MONTH},? {_YEAR}\b", 0.2),
        Pattern("month d y", rf"\b{_MONTH} {_DAY},? {_YEAR}\b", 0.2),
        Pattern("iso", rf"\b{_YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])\b", 0.2),
    ]
    CONTEXT: ClassVar[list[str]] = ["dob", "born", "birth", "birthday", "d.o.b", "aged"]

    def __init__(self) -> None:
        super().__init__(
            supported_entity="DATE_OF_BIRTH",
            patterns=self.PATTERNS,
            context=self.CONTEXT,
            name="DateOfBirthRecognizer",
        )
