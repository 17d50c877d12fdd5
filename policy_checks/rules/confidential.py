"""Confidential council material: exempt items, Part 2 business, legal advice.

An agenda's public notice that an item will be taken in closed session, or the resolution
to exclude the press and public under the Public Bodies (Admission to Meetings) Act 1960, is
procedure, not confidential material: those wordings are allowed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import ClassVar, Final

from policy_checks.normalise import NormalisedText
from policy_checks.rules.base import Hit, LexiconMatch, TextRule


class ConfidentialRule(TextRule):
    """Words that mark material as confidential; confidential waste is not."""

    RULE_ID = "confidential"
    WHY = "marks or shares material as confidential"
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
        "keep that quiet", "keep this quiet", "keep it quiet", "don't tell anyone",
        "dont tell anyone", "do not tell anyone", "keep it between us", "not for sharing",
        "exempt report", "counsel's opinion", "counsels opinion", "solicitor's advice",
        "solicitors advice", "advice from our solicitor*", "the solicitor says",
        "the solicitors say", "final written warning",
        "written warning", "lodged a grievance", "raised a grievance", "grievance against",
        "signed off with stress", "disciplinary hearing", "tender doesn't close",
        "before the tender closes",
    )  # fmt: skip
    ALLOW: ClassVar[tuple[str, ...]] = (
        "confidential waste", "confidential shredding", "confidential reporting",
        "no longer confidential", "not confidential", "isnt confidential", "no longer exempt",
        "not exempt", "seek legal advice", "get legal advice", "take legal advice",
        "obtain legal advice", "need legal advice", "needs legal advice", "seeking legal advice",
        "taking legal advice", "free legal advice", "confidential helpline",
        # Procedure, published on every agenda.
        "taken in closed session", "be taken in closed session", "held in closed session",
        "move into closed session", "moved into closed session", "go into closed session",
        "taken in private session", "held in private session", "closed session under",
        "taken in confidential session", "held in confidential session",
        "move into confidential session", "moved into confidential session",
        "confidential session under",
        "private session under", "in closed session because", "exclude the press and public under",
        "resolve to exclude the press and public", "resolved to exclude the press and public",
        "resolution to exclude the press and public", "press and public be excluded under",
        "press and public be excluded from the meeting", "excluded under section 1",
        "excluding the press and public under", "public bodies admission to meetings act",
        "public bodies admission to meetings act 1960", "admission to meetings act",
        "exempt under schedule 12a", "schedule 12a of the local government act",
        "by reason of the confidential nature of the business",
        "confidential nature of the business to be transacted",
        "due to the confidential nature of the business",
        "because of the confidential nature of the business",
        "confidential nature of the business to be discussed",
        # Waiting for advice shares none of it.
        "legal advice back", "awaiting legal advice", "waiting for legal advice",
        "waiting on legal advice", "wait for legal advice", "until we have legal advice",
        "until we get legal advice", "until we've had legal advice",
    )  # fmt: skip
    PATTERNS: ClassVar[tuple[str, ...]] = (
        # A bid's price before the tender closes; the sealed-bid process itself is public.
        r"\bsealed bids? (?:\w+ ){0,2}(?:is|was|are|were|came in|of|at|for) (?:\w+ )?£\s?\d",
    )

    def find(self, text: NormalisedText, lexicon: Sequence[LexiconMatch]) -> list[Hit]:
        """Hits, less an agenda's labels of exempt business when the message is procedure.

        "Item 9 is exempt business and will be taken after the public leave" announces how an
        item is taken, as every agenda does; it shares nothing. When every hit only labels an
        item (``exempt business``, ``part 2``, ``closed session``...) and the message says how
        or when it is taken, nothing is found. Material marked confidential, or shared "not
        for publication", is still found.
        """
        hits = super().find(text, lexicon)
        if not hits or not _PROCEDURE.search(text.folded.text):
            return hits
        original = text.original
        if all(_LABEL.fullmatch(original[h.start : h.end].lower()) for h in hits):
            return []
        return hits


# What only labels an agenda item as taken without the public.
_LABEL: Final = re.compile(
    r"exempt (?:items?|business|information)|part (?:2|ii|two)|(?:closed|private) session"
)
# How or when such an item is taken: the agenda's procedure.
_PROCEDURE: Final = re.compile(
    r"\b(?:will|to|shall|would) be (?:taken|considered|discussed|dealt with|heard)\b"
    r"|\b(?:after|once|when) the (?:press and )?public (?:leave|have left|are excluded|withdraw)"
    r"|\bin the absence of the (?:press and )?public\b"
    r"|\b(?:press and public|public and press) (?:are|will be|be) excluded\b"
    r"|\b(?:press and public|public and press|public|press)(?: will be| are| to be| be)? "
    r"asked to (?:leave|withdraw)\b"
    r"|\b(?:will be|are|is|to be) (?:held|kept|retained) by the clerk\b"
)
