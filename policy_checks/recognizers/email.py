"""E-mail addresses, validated against the bundled public-suffix list (never fetched)."""

from __future__ import annotations

from typing import ClassVar

import tldextract
from presidio_analyzer import Pattern, PatternRecognizer


class OfflineEmailRecognizer(PatternRecognizer):
    """Presidio's e-mail recogniser with bounded (linear-time) patterns and offline TLDs."""

    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern(
            "Email (bounded)",
            r"(?<![\w.+\-/:])[\w!#$%&'*+/=?^`{|}~\-](?:[\w!#$%&'*+/=?^`{|}~.\-]{0,63})"
            r"@[\w](?:[\w\-]{0,62}\w)?(?:\.[\w](?:[\w\-]{0,62}\w)?){1,8}\b",
            0.5,
        )
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
        return bool(self._extract(pattern_text.rpartition("@")[2]).suffix)
