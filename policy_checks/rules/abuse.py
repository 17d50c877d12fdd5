"""Profanity, obscenity, insults and personal attacks."""

from __future__ import annotations

from typing import ClassVar

from policy_checks.rules.base import TextRule

_PEOPLE = (
    r"(?:idiot|moron|clown|joke|disgrace|liar|fool|buffoon|halfwit|imbecile|cretin|loser|"
    r"parasite|leech|hypocrite|coward|bully|snob|jobsworth|numpty|muppet|plonker|pillock|prat|"
    r"git|dick|cow|pig|rat|snake|weasel|waste of space|embarrassment|nobody|nonentity|dinosaur)"
)
_TARGET = (
    r"(?:you|u|you're|youre|ur|you are|he's|hes|he is|she's|shes|she is|they're|theyre|"
    r"they are|what an?|such an?|bunch of|load of|pack of|total|complete|utter|absolute)"
)
# "Hoe" is a garden tool: only "that hoe", "them hoes" and the like, or "hoes", with no garden
# word in the next six words, are read as the insult.
_GARDEN = (
    r"(?:gardens?|gardening|allotments?|veg|vegetables?|beds?|weeds?|weeding|rakes?|spades?|"
    r"forks?|borders?|soil|plots?|seedlings|potatoes|onions|tools?|sheds?|patch|hedges?|"
    r"shrubs?|lawns?|rows?|orchard|churchyard|verge|blunt|sharpen\w*|handles?)"
)
_HOE = (
    r"(?:\b(?:dat|dem|them|you|u|ur|yo|ya|bad|stupid|dumb|lil|thirsty|ugly|fat|yall|y'all|"
    r"tweakin|sorry|broke|ratchet|trash|pregnant|no good|ass|these|those|that) hoes?\b|"
    r"(?<![0-9] )\bhoes\b)"  # "3 hoes" are tools; "three hoes" and the like are in ALLOW
    rf"(?!(?:[ ,.]{{1,3}}[\w']+){{0,6}}[ ,.]{{1,3}}{_GARDEN}\b)"
)


class AbuseRule(TextRule):
    """Vulgar words and attacks on people; place names and birds are allowed."""

    RULE_ID = "abuse"
    WHY = "uses vulgar or insulting words"
    TERMS: ClassVar[tuple[str, ...]] = (
        "fuck*", "fck*", "fuk*", "fcuk*", "fking", "fkin", "motherfuck*", "effing", "shit",
        "shits", "shite", "shitty", "shithead*", "shitshow", "bullshit*", "horseshit", "crap",
        "crappy", "cunt*", "twat*", "wanker*", "wank", "wanking", "bollocks", "bellend",
        "bell end", "dickhead*", "knobhead*", "knob head", "arse", "arsehole*", "asshole*",
        "arse wipe", "bastard*", "bitch*", "slag", "slags", "tosser*", "piss off", "pissed off",
        "piss take", "taking the piss", "bugger off", "sod off", "idiot*", "moron*",
        "imbecile*", "cretin*", "halfwit*", "numpty", "numpties", "pillock*", "plonker*",
        "dimwit*", "nitwit*", "scumbag*", "scum", "lowlife", "low life", "shut up",
        "shut your mouth", "shut your face", "stfu", "gtfo", "wtf", "ffs", "piece of shit",
        "go to hell", "get stuffed", "kiss my arse", "kiss my ass", "smart arse", "jackass",
        "dumbass", "douchebag*", "prick", "pricks", "minger", "gobshite", "tit", "tits",
        "cock", "cocks", "knob", "pussy", "pussies", "thot", "thots",
    )  # fmt: skip
    PATTERNS: ClassVar[tuple[str, ...]] = (
        _HOE,
        rf"\b{_TARGET} (?:\w+ ){{0,2}}{_PEOPLE}s?\b",
        (
            r"\b(?:you're|youre|you are|ur|he's|hes|she's|shes|they're|theyre) (?:so |really |"
            r"completely |totally |utterly |just )?(?:useless|incompetent|pathetic|stupid|thick|"
            r"clueless|spineless|brainless|worthless|gutless|an embarrassment|a joke|a disgrace)\b"
        ),
        (
            r"\b(?:useless|incompetent|pathetic|spineless|clueless|brainless|worthless|gutless|"
            r"stupid|thick) (?:\w+ ){0,1}(?:councillors?|clerks?|chair|chairman|woman|man|"
            r"individuals?|people|lot|bunch|idiots?|cow|git|lot of you)\b"
        ),
        r"(?<![a-z])f[*#_]{1,4}(?:k|ck|kin|king|cking|ing|in|ed|er|ers|off)?(?![a-z*#])",
        r"(?<![a-z])sh[*#]{1,2}t(?:e|ty|s)?(?![a-z])",
        r"(?<![a-z])c[*#]{1,3}(?:t|nt)s?(?![a-z])",
        r"(?<![a-z])c[*#]{3}(?![a-z*#])",
        (
            r"(?<![a-z])(?:b[*#]ll[o*#]cks|a[*#]{1,3}(?:hole|e)s?|tw[*#]ts?|w[*#]nk(?:er|ers)?|"
            r"b[*#]st[a*#]rds?|d[*#]ckheads?|p[*#]ss(?: off)?|tw[*#]{2}|sh[*#]{2}e)(?![a-z])"
        ),
    )
    ALLOW: ClassVar[tuple[str, ...]] = (
        "blue tit", "blue tits", "great tit", "great tits", "coal tit", "coal tits",
        "long tailed tit", "long tailed tits", "marsh tit", "willow tit", "tit box",
        "tit boxes", "cock pheasant", "cock pheasants", "door knob", "door knobs", "twatt",
        "dick turpin", "moby dick", "cocks bridge", "shut up shop", "prick your finger",
        "stop cock", "stopcock", "dutch hoe", "garden hoe", "draw hoe", "onion hoe", "push hoe",
        "hoe and rake", "rake and hoe", "hoes and rakes", "rakes and hoes", "spade and hoe",
        "spades and hoes", "forks and hoes", "rakes hoes", "spades hoes", "forks hoes",
        "two hoes", "three hoes", "four hoes", "five hoes", "six hoes", "new hoes", "old hoes",
        "garden hoes", "dutch hoes", "plymouth hoe", "hoe street", "hoe lane", "hoe road",
        "pussy cat", "pussy cats", "pussy willow", "pussy willows",
    )  # fmt: skip
