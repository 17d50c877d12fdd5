"""Racist, sexist, homophobic or sexually oriented content."""

from __future__ import annotations

from typing import ClassVar

from policy_checks.rules.base import TextRule

_GROUPS = (
    r"(?:immigrants|foreigners|muslims|jews|poles|romanians|gypsies|gipsies|travellers|pakis|"
    r"blacks|asians|gays|queers|homos|lesbians|trannies|eastern europeans|refugees|"
    r"asylum seekers|africans|indians|chinese|arabs|women|females)"
)


class DiscriminationRule(TextRule):
    """Slurs, attacks on groups and sexually oriented content."""

    RULE_ID = "discrimination"
    WHY = "uses a slur, sexual content or an attack on a group"
    TERMS: ClassVar[tuple[str, ...]] = (
        "nigger*", "nigga*", "paki", "pakis", "chink", "chinks", "chinky", "wog", "wogs",
        "golliwog*", "coon", "coons", "kike", "kikes", "yid", "yids", "raghead*", "towelhead*",
        "gyppo*", "gypo*", "pikey*", "pikie*", "spastic*", "spaz", "retard", "retards",
        "retarded", "mong", "mongs", "faggot*", "poof", "poofs", "poofter*", "tranny",
        "trannies", "batty boy*", "lezza*", "whore*", "slut*", "porn*", "nudes", "send nudes",
        "blowjob*", "blow job*", "handjob*", "hand job*", "shagging", "shag", "horny", "milf",
        "dildo*", "orgasm*", "jizz", "onlyfans", "sexy", "tits out", "boobs",
        "go back to your own country", "go back to where you came from",
        "go back where you came from", "send them back", "send them all back",
        "back to the kitchen", "back in the kitchen", "no blacks", "white power",
        "white pride", "heil hitler", "sieg heil",
    )  # fmt: skip
    PATTERNS: ClassVar[tuple[str, ...]] = (
        (
            r"\b(?:all|these|those|bloody|typical|fucking|the) "
            rf"{_GROUPS}(?: \w+){{0,2}} "
            r"(?:are all|should be|should go|should get out|ought to go|need to go|breed|steal|"
            r"scrounge|ruin|"
            r"are ruining|are taking over|take over|out|go back|are criminals|are scum|are vermin|"
            r"are animals|can't be trusted|cant be trusted|don't belong|dont belong)\b"
        ),
        (
            r"\b(?:women|woman|girls?|ladies)(?: \w+){0,2} (?:shouldn't be|should not be|can't be|"
            r"cannot be|aren't fit to|are not fit to|have no business|has no business|belong|"
            r"don't belong|dont belong)(?: \w+){0,3} (?:council|councillors?|chair|in charge|"
            r"politics|meetings?|kitchen|home)\b"
        ),
        r"\b(?:typical|silly|hysterical|emotional|stupid) (?:woman|women|female|girl|bird)\b",
        r"\b(?:that's|thats|so|how|too|well) gay\b",
        (
            r"\b(?:bloody|fucking|typical|a bunch of|bunch of) (?:poofs?|queers?|homos?|fairies|"
            r"dykes?|lesbos?)\b"
        ),
    )
    ALLOW: ClassVar[tuple[str, ...]] = ("faggots and peas", "faggots in gravy")
