"""Confidential council material: exempt items, Part 2 business, legal advice."""

from __future__ import annotations

from typing import ClassVar

from policy_checks.rules.base import TextRule


class ConfidentialRule(TextRule):
    """Words that mark material as confidential; confidential waste is not."""

    RULE_ID = "confidential"
    TERMS: ClassVar[tuple[str, ...]] = (
        "confidential", "strictly confidential", "in confidence", "in strict confidence",
        "exempt item", "exempt items", "exempt information", "exempt business", "part 2",
        "part ii", "part two", "not for publication", "not for circulation", "not for public",
        "in camera", "commercially sensitive", "legal advice", "legally privileged",
        "legal privilege", "do not forward", "dont forward", "don't forward", "please don't share",
        "do not share this", "dont share this", "don't share this", "keep this between us",
        "between ourselves", "off the record", "under embargo", "embargoed", "closed session",
        "private session", "press and public be excluded", "exclude the press and public",
        "excluding the press and public", "schedule 12a", "not to be shared",
        "not to be made public", "eyes only", "strictly private",
    )  # fmt: skip
    ALLOW: ClassVar[tuple[str, ...]] = (
        "confidential waste", "confidential shredding", "confidential reporting",
        "no longer confidential", "not confidential", "isnt confidential", "no longer exempt",
        "not exempt", "seek legal advice", "get legal advice", "take legal advice",
        "obtain legal advice", "need legal advice", "needs legal advice", "seeking legal advice",
        "taking legal advice", "free legal advice", "confidential helpline",
    )  # fmt: skip
