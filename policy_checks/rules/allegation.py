"""Allegations of a breach of council policy or the law (to be made by formal complaint)."""

from __future__ import annotations

from typing import ClassVar

from policy_checks.rules.base import TextRule

_ACTOR = (
    r"(?:he|she|they|he's|hes|she's|shes|they've|theyve|they're|theyre|he has|she has|"
    r"they have|the farmer|the developer|the contractor|the landlord|the owner|the chair|"
    r"the clerk|the council|the vicar|the builder|the neighbour|my neighbour|cllr \w+|"
    r"councillor \w+|mr \w+|mrs \w+|ms \w+|the parish council|the committee)"
)


class AllegationRule(TextRule):
    """Accusations of fraud, corruption, crime or misconduct, and breaches of the code."""

    RULE_ID = "allegation"
    WHY = "alleges fraud, crime or misconduct"
    TERMS: ClassVar[tuple[str, ...]] = (
        "corrupt", "corruption", "fraud", "fraudulent", "fraudulently", "embezzl*", "bribe",
        "bribes", "bribed", "bribery", "backhander*", "kickback*", "cover up", "covered up",
        "covering up", "covered it up", "cover it up", "brown envelope*", "nepotism",
        "misconduct", "illegally", "unlawfully", "unlawful", "against the law",
        "breaking the law", "broke the law", "broken the law", "breached the code",
        "breach of the code", "breach of code of conduct", "breached the code of conduct",
        "broke the code of conduct", "breaking the code of conduct", "fiddled",
        "fiddling the", "falsified", "perverting", "defrauded", "stolen from the council",
        "stealing from the council", "pocketed", "siphoned", "lined his pockets",
        "lined her pockets", "lining their pockets", "rigged", "stitch up", "stitched up",
        "failed to declare", "didn't declare", "did not declare", "never declared",
        "racket", "expenses are padded", "padded expenses", "padding his expenses",
        "padding her expenses", "padding their expenses", "turn a blind eye",
        "turns a blind eye", "turned a blind eye", "turning a blind eye", "thats theft",
        "that's theft", "its theft", "it's theft", "daylight robbery by",
    )  # fmt: skip
    PATTERNS: ClassVar[tuple[str, ...]] = (
        (
            rf"\b{_ACTOR} (?:\w+ ){{0,2}}(?:fly[ \-]?tipping|fly[ \-]?tipped|dumping|dumped|"
            r"stealing|stole|lied|lying|harass(?:ing|ed)|bully(?:ing)?|bullied|assaulted|abused|cheating|cheated|"
            r"forged|broke the rules|breaking the rules|ignored the rules|fiddles|fiddling)\b"
        ),
        (
            r"\b(?:is|was|are|were|that's|thats|it's|its) (?:\w+ ){0,1}(?:illegal|a crime|criminal|"
            r"a fraud|a scam|a breach of)\b"
        ),
        # Money moved to one's own pocket, work billed and not done, contracts kept in a family.
        r"\binto (?:his|her|their) own (?:account|bank account|pocket|pockets)\b",
        (
            r"\b(?:billed|charged|invoiced) (?:us|the council) for (?:\w+ ){0,4}"
            r"(?:they|he|she) never did\b"
        ),
        (
            r"\b(?:always|somehow|conveniently|every time) (?:\w+ ){0,3}(?:goes|went|go|gets|got) "
            r"to (?:the |a )?(?:chair|chairman|clerk|mayor|councillor|cllr)(?:'s|s)? "
            r"(?:\w+ )?(?:brother-in-law|sister-in-law|son-in-law|daughter-in-law|brother|sister|"
            r"son|daughter|wife|husband|mate|cousin|nephew|niece|friend|pal|family|mates)\b"
        ),
        (
            r"\b(?:broke|breached|breaking|breaching|broken|violated|violating|flouted|flouting)"
            r" (?:the |our )?(?:standing orders|financial regulations|rules|law|planning law|"
            r"conditions|code|data protection)\b"
        ),
    )
    ALLOW: ClassVar[tuple[str, ...]] = (
        "action fraud", "fraud awareness", "fraud prevention", "fraud alert", "fraud warning",
        "anti fraud", "cover up the", "cover up with", "covered up with",
    )  # fmt: skip
