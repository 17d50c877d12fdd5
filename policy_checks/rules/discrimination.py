"""Racist, sexist, homophobic or sexually oriented content."""

from __future__ import annotations

from typing import ClassVar

from policy_checks.rules.base import TextRule

_GROUP_NAMES = (
    r"immigrants|foreigners|muslims|jews|poles|romanians|gypsies|gipsies|travellers|pakis|"
    r"blacks|asians|gays|queers|homos|lesbians|trannies|eastern europeans|refugees|"
    r"asylum seekers|africans|indians|chinese|arabs|women|females|bangladeshis|pakistanis|"
    r"somalis|nigerians|albanians|roma|mexicans|hindus|sikhs|catholics|disabled people|"
    r"old people|pensioners|transgender people|trans people"
)
_GROUPS = rf"(?:{_GROUP_NAMES})"
# What a sweeping attack says of a whole group, with or without "all" or "these" before it.
_SWEEPING = (
    r"(?:dirty|filthy|disgusting|revolting|thieves|criminals|scum|vermin|animals|rapists|"
    r"terrorists|lazy|scroungers|parasites|savages|subhuman|inferior|smelly|perverts|"
    r"perverted|unnatural|an abomination|a disease|a plague|a menace|a drain)"
)

# A group named by what it is (nationality, faith, ethnicity, sex, sexuality, age, disability),
# for the coded claims below, which need no slur: "they'll rob us blind", "they're past it".
# The groups above, with singular and adjective forms and more ways of naming one.
_GROUP_WORDS = (
    rf"(?:{_GROUP_NAMES}|"
    r"polish|romanian|bulgarians?|lithuanians?|albanian|eastern european|migrants|"
    r"asian (?:lads|men|women|families|kids)|asian|indian|pakistani|bangladeshi|african|"
    r"nigerian|somali|jamaicans?|black (?:people|lads|men|women|families|kids)|muslim|"
    r"jewish (?:people|families)|hindu|sikh|catholic|woman|girls|ladies|"
    r"gay (?:people|men|couples?)|lesbian|trans (?:women|men|folk)|transgender (?:women|men)|"
    r"older (?:people|councillors|members|folk|ones)|old dears|oldies|the elderly|boomers|"
    r"disabled (?:folk|members)|the disabled|wheelchair users?|deaf people|blind people|"
    r"autistic (?:people|kids)|his sort|her sort|their sort|his kind|their kind|that sort|"
    r"people like (?:him|her|them|that))"
)
# What such a claim says the group does or is.
_STEREOTYPE = (
    r"(?:rob (?:us|you|everyone|the place) blind|can'?t be trusted|cannot be trusted|"
    r"leave (?:\w+ ){0,3}(?:a tip|a mess|in a state)|(?:are |is )?past it|"
    r"(?:haven'?t|have not|hasn'?t) got a clue|slow (?:everything|us|things|it) down|"
    r"(?:get |are )?too emotional|(?:always )?push (?:their|his|her) agenda|"
    r"don'?t integrate|won'?t integrate|bring (?:crime|trouble|disease|drugs)|"
    r"(?:are|is) (?:all )?(?:the same|trouble|a problem|a liability))"
)
_SUBJECT = r"(?:they're|theyre|they are|they'll|theyll|they will|they|it'll|itll|it will|that'll)"


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
        "white pride", "heil hitler", "sieg heil", "nig", "nigs", "nig nog*", "niglet*",
        "negro", "negroes", "negros", "beaner", "beaners", "wigger", "wiggers", "white trash",
        "trailer trash", "cotton picker*", "gaywad*", "faggy", "queers",
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
        r"(?<![0-9] )(?<![0-9])\bfags?\b",  # "20 fags" are cigarettes
        rf"\b{_GROUPS} (?:are|are all|are just|are nothing but|all) (?:\w+ ){{0,1}}{_SWEEPING}\b",
        rf"\b{_GROUPS} (?:all )?(?:steal|smell|stink|breed like)\b",
        (
            rf"\b(?:the|these|those|all the|bloody) {_GROUPS}(?: \w+){{0,6}} (?:into|like) "
            r"(?:a|an) (?:slum|dump|ghetto|tip|shithole|sewer|zoo|jungle|third world)\b"
        ),
        (
            r"\b(?:women|woman|girls?|ladies)(?: \w+){0,2} (?:shouldn't be|should not be|can't be|"
            r"cannot be|aren't fit to|are not fit to|have no business|has no business|belong|"
            r"don't belong|dont belong)(?: \w+){0,3} (?:council|councillors?|chair|in charge|"
            r"politics|meetings?|kitchen|home)\b"
        ),
        r"\b(?:typical|silly|hysterical|emotional|stupid) (?:woman|women|female|girl|bird)\b",
        r"\b(?:that's|thats|so|how|too|well) gay\b",
        # Coded claims about a group: a stereotype, a group kept out, a group blamed.
        (
            rf"\b{_GROUP_WORDS}\b(?:[\s,.?!]{{1,3}}[\w'\-]+){{0,6}}?[\s,.?!]{{1,3}}(?:{_SUBJECT} )?"
            rf"(?:always |all |just )?{_STEREOTYPE}\b"
        ),
        (
            rf"\b{_GROUP_WORDS}\b.{{0,60}}(?:they're|theyre|they are) taking over\b"
            r"(?! (?:the|a|an|from|next|in|on|at)\b)"
        ),
        rf"\b(?:don'?t|do not) (?:need|want) (?:another|any more|more) {_GROUP_WORDS}\b",
        (
            rf"\b{_GROUP_WORDS}\b.{{0,60}}\bwhere (?:the|all the) (?:trouble|crime|problems?) "
            r"(?:comes?|is) from\b"
        ),
        (
            rf"\b{_GROUP_WORDS}(?: \w+){{0,3}} (?:shouldn'?t|should not|should never) "
            r"(?:be allowed to |even )?(?:stand|be chairing|chair|be in charge|vote|be on|"
            r"be councillors?|be elected)\b"
        ),
        (
            r"\b(?:blokes|men) in (?:dresses|frocks)\b(?: [\w']+){0,5} (?:ladies'?|women's|"
            r"changing|toilets?|loos?)\b"
        ),
        (
            r"\b(?:bloody|fucking|typical|a bunch of|bunch of) (?:poofs?|queers?|homos?|fairies|"
            r"dykes?|lesbos?)\b"
        ),
    )
    # "Fag" is also British for a cigarette.
    ALLOW: ClassVar[tuple[str, ...]] = (
        "faggots and peas", "faggots in gravy", "fag end", "fag ends", "fag butt", "fag butts",
        "fag packet", "fag packets", "fag break", "fag breaks", "packet of fags", "pack of fags",
        "box of fags", "for a fag", "have a fag", "having a fag", "had a fag", "smoke a fag",
        "smoking a fag", "light a fag", "lit a fag", "roll a fag", "rolled a fag", "sell fags",
        "selling fags", "sold fags", "buy fags", "buying fags", "bought fags", "cheap fags",
        "fags and booze", "booze and fags", "fags and alcohol", "fags and drink",
    )  # fmt: skip
