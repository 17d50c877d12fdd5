"""Threats of violence, harm or intimidation."""

from __future__ import annotations

from typing import ClassVar

from policy_checks.rules.base import TextRule

_WILL = (
    r"(?:'ll|ll| will| shall| am going to| are going to|'m going to| m going to| gonna|"
    r"'m gonna| im gonna| am gonna|'re going to| re going to|'re gonna)"
)
_PERSON = r"(?:you|u|ya|him|her|them|ye)"
_THEIR = r"(?:your|ur|his|her|their|yer)"
_VIOLENCE = (
    r"(?:kill|murder|hurt|stab|shoot|beat|batter|punch|thump|deck|strangle|slap|smack|"
    r"knife|glass|bottle|lamp|twat|kick the shit out of|kick the crap out of|do|sort out|get)"
)


class ThreatRule(TextRule):
    """Threats against people or their homes; fires, weeds and deadlines are not people."""

    RULE_ID = "threat"
    WHY = "uses threatening wording against a person or their property"
    TERMS: ClassVar[tuple[str, ...]] = (
        "watch your back", "watch ur back", "kys", "kill yourself", "sleep with one eye open",
        "you have been warned", "you've been warned", "youve been warned",
        "looking over your shoulder", "know where you live", "know where u live",
        "know where he lives", "know where she lives", "know where they live",
        "you'll regret this", "youll regret this", "you will regret this", "you'll regret it",
        "you will regret it", "you'll pay for this", "you will pay for this",
        "you're dead meat", "youre dead meat", "you're a dead man", "youre a dead man",
        "you're going to get it", "youre going to get it", "you're gonna get it",
        "youre gonna get it", "petrol bomb", "firebomb",
    )  # fmt: skip
    PATTERNS: ClassVar[tuple[str, ...]] = (
        (
            rf"\b(?:i|we|i'm|im|i am|we're|were|we are){_WILL}? (?:\w+ ){{0,2}}{_VIOLENCE} "
            rf"{_PERSON}\b(?! (?:a|an|the|some|copies|copy|details|info|figures|numbers|quotes?|"
            r"on|in|at|tomorrow|later|soon|back|a copy|the link|the minutes|up to|there|home|"
            r"sorted|signed|printed|done|out of)\b)"
        ),
        (
            rf"\b(?:burn|torch|firebomb|smash up|smash|trash|wreck) {_THEIR} (?:\w+ ){{0,1}}"
            r"(?:house|home|car|van|place|windows?|shop|office|fence|garden|shed|family|kids)s?\b"
        ),
        rf"\b(?:brick|rock|stone|bricks|rocks) through {_THEIR} windows?\b",
        rf"\b(?:slash|slashed|let down|key|keyed) {_THEIR} (?:tyres|tires|car)\b",
        # Veiled: their tyres "done", their shed "very flammable", a warning about their kids.
        (
            rf"\b(?:have|get|got|having|getting) {_THEIR} (?:tyres|tires|windows|car|van) "
            r"(?:done|slashed|smashed|put in|let down)\b"
        ),
        (
            rf"\b{_THEIR} (?:\w+ ){{0,2}}(?:shed|house|home|car|van|fence|garage|door|hedge|barn|"
            r"shop|caravan)s? (?:looks?|is|seems|would be) "
            r"(?:very |quite |really |awfully |rather )?"
            r"(?:flammable|combustible|easy to (?:burn|set alight|break into))\b"
        ),
        (
            r"\b(?:sort|sorting) (?:the clerk|the chair|the chairman|the mayor|cllr \w+|councillor "
            r"\w+|him|her|them|you) out (?:ourselves|myself|properly|once and for all)\b"
        ),
        r"(?:^|[.!?] )think on[.!]*$",
        # "... your dog by the river at night. Accidents happen." (not "at that junction").
        (
            r"\b(?:you|your|ur|yer)\b[^.?!]{0,80}[.?!,]? ?accidents (?:can |do )?happen\b"
            r"(?! (?:at|on|in|when|to|every|all|if|because|near|round|around|there|here)\b)"
        ),
        (
            r"\b(?:be a (?:shame|pity)|be terrible|be awful) if (?:something|anything) "
            r"(?:happened|were to happen|was to happen) to\b"
        ),
        (
            r"\b(?:you've|youve|you have) got (?:kids|children|a son|a daughter|grandkids|"
            r"a family)\b(?: \w+){0,6} (?:haven't you|havent you|don't you|dont you|right)\b"
        ),
        (
            rf"\bsomeone (?:should|ought to|needs to|is going to|will|wants to) (?:sort {_PERSON} "
            rf"out|teach {_PERSON} a lesson|shut {_PERSON} up|do {_PERSON} in|deal with {_PERSON}|"
            rf"kill|hurt|stab|shoot|burn|smash|torch|get {_PERSON})\b"
        ),
        (
            rf"\b(?:i|we){_WILL} (?:find|come for|come after|be coming for|be waiting for|get) "
            rf"{_PERSON}\b(?! (?:a|an|the|some|copies|copy|details|info|figures|numbers|quotes?|"
            r"on|in|at|tomorrow|later|soon|back|a copy|the link|the minutes|up to|there|home|"
            r"sorted|signed|printed|done|out of|to|from|at|when|after|before|if)\b)"
        ),
        rf"\bhope {_PERSON}(?: all)? (?:die|dies|rot|rots|get cancer|gets cancer|burn|burns)\b",
        rf"\b(?:ruin|end|destroy|finish) {_PERSON}\b(?! (?:up|off|with)\b)",
        r"\byou (?:don't|dont|do not) know who you're dealing with\b",
        (
            r"\b(?:you|he|she|they)(?:'ll|ll| will|'d| would) (?:get|be) (?:hurt|what's coming|"
            r"what (?:you|he|she|they) deserves?|a kicking|a beating|done in)\b"
        ),
        rf"\bwatch {_THEIR} back\b",
        r"\b(?:or|else) (?:you'll|youll|you will) (?:be sorry|regret it|get hurt)\b",
        rf"\b(?:slit|cut|slash) (?:{_THEIR}|this|that|the) (?:\w+ )?throats?\b",
        (
            r"\bhope (?:those|these|they|the|all|you all|y'all)"
            r"(?: (?!(?:not|never|don't|dont|won't|wont|doesn't|doesnt|didn't|didnt)\b)\w+){0,3} "
            r"(?:all )?(?:die|rot)\b(?! (?:down|out|off|back|away)\b)"
        ),
        (
            r"\b(?:you|u|they|he|she|all of (?:you|them)|people like (?:you|them|him|her|that)|"
            r"(?:these|those) \w+(?: \w+)?) (?:should|deserve to|deserves to|ought to|need to|"
            r"needs to) (?:all )?(?:die|be shot|be killed|be hanged|be hung|be strung up|"
            r"be put down)\b(?! (?:down|out|off|back|away)\b)"
        ),
        r"\b(?:you|he|she|they) (?:won't|wont|will not) like (?:it|what happens|what's coming)\b",
        (
            r"\b(?:make|making) (?:you|him|her|them) wish (?:you|he|she|they)(?:'d| had| were| was)"
            r" never been born\b"
        ),
        (
            rf"\b(?:i'd|id|i would|we'd|we would) hate for {_THEIR} (?:\w+ ){{0,2}}"
            r"(?:kids?|children|wife|husband|daughter|son|girl|boy|family|house|home|car|windows?|"
            r"dog|cat|mum|dad|mother|father|partner)\b"
        ),
    )
