"""UK sort codes and bank account numbers: common digit shapes, so they need banking context."""

from __future__ import annotations

from typing import ClassVar

from presidio_analyzer import Pattern, PatternRecognizer

BANKING_CONTEXT = ["sort", "bank", "account", "banking", "a/c", "acct", "acc", "transfer", "bacs"]


class UkSortCodeRecognizer(PatternRecognizer):
    """Six digits in three pairs (``20-00-00``), counted only near banking words."""

    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern("Sort code (pairs)", r"(?<![\d\-/.])\d{2}[- ]\d{2}[- ]\d{2}(?![\d\-/.])", 0.25),
        Pattern("Sort code (run)", r"(?<=\bsort\s?code:?\s{0,2})\d{6}\b", 0.6),
    ]

    def __init__(self) -> None:
        super().__init__(
            supported_entity="UK_SORT_CODE",
            patterns=self.PATTERNS,
            context=BANKING_CONTEXT,
            name="UkSortCodeRecognizer",
        )


class UkBankAccountRecognizer(PatternRecognizer):
    """Eight-digit account numbers, counted only near banking words."""

    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern("Account number", r"(?<![\d\-/.])\d{8}(?![\d\-/.])", 0.25),
        Pattern("Account number (spaced)", r"(?<![\d\-/.])\d{4} \d{4}(?![\d\-/.])", 0.15),
    ]

    def __init__(self) -> None:
        super().__init__(
            supported_entity="UK_BANK_ACCOUNT",
            patterns=self.PATTERNS,
            context=BANKING_CONTEXT,
            name="UkBankAccountRecognizer",
        )
