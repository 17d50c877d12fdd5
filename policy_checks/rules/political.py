"""Election or party promotion: political advertising."""

from __future__ import annotations

from typing import ClassVar

from policy_checks.rules.base import TextRule

_PARTY = (
    r"(?:labour|tory|tories|conservatives?|lib ?dems?|liberal democrats?|the greens|"
    r"green party|reform(?: uk)?|ukip|snp|plaid(?: cymru)?|independents? for \w+)"
)


class PoliticalRule(TextRule):
    """Calls to vote for, join or support a party or candidate; party campaigning."""

    RULE_ID = "political"
    WHY = "promotes a party or candidate"
    TERMS: ClassVar[tuple[str, ...]] = (
        "votelabour", "voteconservative", "votetory", "votereform", "votegreen", "votelibdem",
        "toriesout", "labourout", "torysout", "electioneering", "canvassing for",
        "election leaflet", "election leaflets", "campaign leaflet", "campaign leaflets",
        "vote green", "vote blue", "vote red", "vote yellow",
    )  # fmt: skip
    PATTERNS: ClassVar[tuple[str, ...]] = (
        rf"\bvote (?:for )?(?:the )?{_PARTY}\b",
        # Campaign material, and campaigning for or against whoever holds a seat.
        rf"\b{_PARTY}(?:'s)? (?:posters?|focus|newsletters?|stickers?|boards?|rosettes?)\b",
        r"\bvote (?:them|him|her|the lot of them|this lot|that lot) out\b",
        rf"\b{_PARTY}\b(?: \w+){{0,10}} (?:anyone|everyone|those) (?:still )?undecided\b",
        (
            r"\b(?:stood|stands|standing|stand|candidate)\b(?:[\s,.!]{1,3}\w+){0,12}[\s,.!]{1,3}"
            r"(?:everyone|everybody|all|please) get behind (?:him|her|them)\b"
        ),
        (
            rf"\b(?:support|join|back|elect|re-?elect|donate to|help|campaign for|get out the vote "
            rf"for) (?:the |our |your local )?{_PARTY}\b"
        ),
        (
            rf"\b{_PARTY} (?:candidate|candidates|leaflets?|campaign(?:ing|ers)?|manifesto|"
            r"canvass(?:ing|ers)?|hustings|rally|membership|volunteers|pledge)\b"
        ),
        (
            r"\b(?:vote|voting) (?:for )?(?:me|our candidate|my candidate)\b (?:\w+ ){0,3}"
            r"(?:election|polling day|may|thursday|ballot)\b"
        ),
        (
            r"\b(?:don't|dont|do not|never) vote (?:for )?(?:the )?(?:labour|tory|tories|"
            r"conservatives?|lib ?dems?|greens|reform)\b"
        ),
        r"\b(?:tories|labour|reform|lib dems|greens|conservatives) (?:out|in)\b(?! of\b)",
    )
