"""Generated training sentences: council chat, news and social posts, with and without names.

Names come from Faker in many locales (British, Irish, South Asian, West and East African,
Eastern and Western European, Turkish, Filipino...; Cyrillic ones transliterated) and take
many shapes: full names, lone first names, lone surnames, titles, initials, lower case,
capitals, surnames that are also street words. The traps are street names ("Park Road"),
places, organisations, months, days and council roles, which must stay unlabelled.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from faker import Faker

LOCALES: dict[str, float] = {
    "en_GB": 4.0, "en_US": 1.0, "en_IE": 0.7, "ga_IE": 0.3, "en_IN": 2.0, "en_PK": 1.0,
    "en_NG": 1.0, "yo_NG": 1.0, "ig_NG": 0.8, "ha_NG": 0.6, "tw_GH": 0.6, "en_KE": 0.6,
    "zu_ZA": 0.4, "sw": 0.4, "pl_PL": 1.5, "ro_RO": 1.0, "cs_CZ": 0.5, "sk_SK": 0.4,
    "hu_HU": 0.5, "hr_HR": 0.4, "sl_SI": 0.3, "lt_LT": 0.5, "lv_LV": 0.5, "et_EE": 0.3,
    "tr_TR": 0.8, "de_DE": 0.6, "fr_FR": 0.6, "es_ES": 0.6, "it_IT": 0.6, "pt_PT": 0.4,
    "pt_BR": 0.4, "nl_NL": 0.4, "fil_PH": 0.5, "id_ID": 0.3, "vi_VN": 0.3, "fi_FI": 0.2,
    "sv_SE": 0.2, "da_DK": 0.2, "uk_UA": 1.0, "ru_RU": 0.5, "bg_BG": 0.3, "az_AZ": 0.2,
}  # fmt: skip
_CYRILLIC = dict(
    zip(
        "абвгґдеєжзиіїйклмнопрстуфхцчшщьюяыэёъ",
        [
            "a",
            "b",
            "v",
            "h",
            "g",
            "d",
            "e",
            "ye",
            "zh",
            "z",
            "y",
            "i",
            "yi",
            "y",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "kh",
            "ts",
            "ch",
            "sh",
            "shch",
            "",
            "yu",
            "ya",
            "y",
            "e",
            "yo",
            "",
        ],
        strict=True,
    )
)
STREET_SURNAMES = [
    "Grove",
    "Park",
    "Hill",
    "Wood",
    "Lane",
    "Field",
    "Brook",
    "Green",
    "Hall",
    "Church",
    "Marsh",
    "Moss",
    "Banks",
    "Ford",
    "Rivers",
    "Bridge",
    "Dale",
    "Meadows",
    "Wells",
    "Fields",
    "Mills",
    "Castle",
    "Street",
    "Heath",
    "Cross",
    "Close",
    "Moore",
    "Lee",
    "Rowe",
    "Mead",
    "Glen",
    "Holt",
    "Garden",
    "Gates",
]
HONORIFICS = ["Mr", "Mrs", "Ms", "Miss", "Dr", "Cllr", "Councillor", "Prof", "Rev", "Mr.", "Mrs.",
              "Dr.", "Sir", "Dame", "Lady", "Lord", "PC", "Sgt"]  # fmt: skip
STREET_TYPES = ["Road", "Lane", "Close", "Street", "Avenue", "Way", "Drive", "Crescent",
                "Gardens", "Grove", "Place", "Rise", "View", "Terrace", "Court", "Park"]  # fmt: skip
STREET_BASES = ["Park", "Grove", "Hill", "Church", "Mill", "Station", "High", "Green", "Brook",
                "Meadow", "Chapel", "School", "Manor", "Orchard", "Victoria", "Windsor", "Queens",
                "Kings", "Hall", "Wood", "Field", "Bridge", "Castle", "Sundon", "Hitchin",
                "Luton", "Bedford", "Ampthill", "Shefford", "Harlington", "Westoning", "Cooper",
                "Fletcher", "Baker", "Taylor", "Chandos", "Spencer", "Howard", "Russell"]  # fmt: skip
PLACES = [
    "Barton",
    "Luton",
    "Bedford",
    "London",
    "Manchester",
    "Leeds",
    "Hitchin",
    "Ampthill",
    "Shefford",
    "Flitwick",
    "Toddington",
    "Harlington",
    "Sundon",
    "Streatley",
    "Silsoe",
    "Dunstable",
    "Leighton",
    "Buzzard",
    "Milton",
    "Keynes",
    "Cambridge",
    "Oxford",
    "Birmingham",
    "Bristol",
    "Cardiff",
    "Glasgow",
    "Edinburgh",
    "Belfast",
    "Dublin",
    "Paris",
    "Berlin",
    "Warsaw",
    "Krakow",
    "Lagos",
    "Delhi",
    "Mumbai",
    "Karachi",
    "Nairobi",
    "Accra",
    "Bucharest",
    "Kyiv",
    "Istanbul",
    "Madrid",
    "Rome",
    "Lisbon",
    "Amsterdam",
    "Bedfordshire",
    "Hertfordshire",
    "Buckinghamshire",
    "Cambridgeshire",
    "Essex",
    "Kent",
    "Surrey",
    "Devon",
    "Cornwall",
    "Yorkshire",
    "Lancashire",
    "England",
    "Scotland",
    "Wales",
    "Ireland",
    "Britain",
    "France",
    "Germany",
    "Poland",
    "India",
    "Pakistan",
    "Nigeria",
    "Ghana",
    "Kenya",
    "Romania",
    "Ukraine",
    "Turkey",
    "Spain",
    "Italy",
    "Australia",
    "America",
    "Canada",
    "China",
    "Japan",
    "Russia",
    "Europe",
    "Africa",
    "Asia",
    "Chiltern",
    "Hills",
    "Thames",
]
MULTI_PLACES = ["Barton-le-Clay", "Milton Keynes", "Leighton Buzzard", "Central Bedfordshire",
                "New York", "Los Angeles", "South Africa", "Hong Kong", "Hyde Park",
                "St Albans", "Hemel Hempstead", "Sharpenhoe Clappers", "Chiltern Hills",
                "Upper Gravenhurst", "Lower Stondon", "Henlow Camp", "Great Barford"]  # fmt: skip
ORGS = ["Barton Rovers FC", "St Mary's Church", "Central Bedfordshire Council", "Anglian Water",
        "the Village Hall", "Barton Parish Council", "Highways", "the NHS", "the BBC", "Tesco",
        "Sainsbury's", "the Co-op", "Royal Mail", "BT Openreach", "UK Power Networks",
        "the Environment Agency", "Bedfordshire Police", "the Scouts", "the WI", "Reuters",
        "Manchester United", "Arsenal", "Chelsea", "the Labour Party", "the Conservatives",
        "Apple", "Google", "Microsoft", "Amazon", "the Guardian", "the Times", "Network Rail",
        "Grove Primary School", "Park Surgery", "Hill Farm", "Church Street Pharmacy",
        "Greene King", "the Red Lion", "the Bell Inn", "Marks and Spencer", "John Lewis",
        "Age UK", "Citizens Advice", "the Met Office", "Ofsted", "HMRC", "the DVLA"]  # fmt: skip
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]  # fmt: skip
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
ROLES = ["the Chair", "the Clerk", "the Vice Chair", "the Mayor", "the Treasurer",
         "our Chairman", "the Council", "the Locum Clerk", "the RFO", "the Ward Councillor",
         "the Planning Officer", "the Tree Warden", "the Footpaths Officer"]  # fmt: skip
NATIONS = [
    "British",
    "English",
    "Polish",
    "Indian",
    "Nigerian",
    "German",
    "French",
    "Irish",
    "Scottish",
    "Welsh",
    "American",
    "European",
    "Romanian",
    "Turkish",
    "Ukrainian",
]

# Templates: {P} a person, {S} a street, {L} a place, {O} an organisation, {M} a month,
# {D} a day, {R} a council role, {N} a nationality, {n} a number. {P} may be used twice.
PERSON_TEMPLATES = """{P} rang about the pothole on {S} again
Spoke to {P} this morning, she says the bins on {S} were missed
{P} has complained about the hedge at the end of {S}
Can someone call {P} back? It's about the allotment
Complaint from {P} about dog fouling on {S}
{P} says the streetlight outside her house has been out since {M}
I met {P} at the {D} surgery and he raised the parking on {S}
{P} and {P} both objected to the planning application
thanks {P} for sorting the defibrillator
Has anyone heard from {P}? He was meant to bring the keys on {D}
{P}'s son was caught speeding on {S}
{P} emailed the Clerk about the footpath near {L}
Please ask {P} to move the van from {S}
{P} of {S} wants a grit bin
My neighbour {P} said the drain is blocked again
apparently {P} is moving to {L} in {M}
{R} has spoken to {P} about the noise complaint
{P} from {O} will attend the meeting on {D}
Letter received from {P} regarding the bus shelter
{P} phoned, very upset about the tree works on {S}
I think {P} lives at the end of {S}, the one with the blue door
{P} wants to know why nobody replied to her email
Tell {P} the grass cutting is booked for {M}
{P} told me the play area gate is broken
Just had {P} on the phone for an hour about the bonfire
ask {P} if she still wants the allotment
Minutes: {P} raised concerns about speeding through {L}
Resident {P} asked for the item to be deferred
{P} said, "nobody listens to us"
Cllr {P} proposed and {P} seconded
{P} will chase {O} about the leak
Apologies received from {P}
{P} and her husband have reported the fly-tipping on {S}
can u tell {P} the meeting is {D}
lol {P} was fuming at the meeting
{P} reckons the council is wasting money
omg {P} is at it again
Prime Minister {P} said on {D} that the {N} economy would recover
{P} scored twice as {O} beat {O} 3-1 on {D}
{P}, the {N} champion, won in straight sets
{P} told reporters in {L} that talks would continue
"We are very happy," said {P}, a spokesman for {O}
{P} ( {L} ) beat {P} ( {L} ) 6-3 6-4
The ministry said {P} would visit {L} next week
{P} was appointed chief executive of {O} in {M}
Police named the victim as {P}, {n}, from {L}
{P} , who joined {O} in {M} , will step down
Opposition leader {P} criticised the decision
{P} finished second behind {P}
Striker {P} signed a new contract with {O}
{P} 's lawyer said he would appeal
Coach {P} said the team had played well
{P} returned {n} home runs
watching {P} on tv tonight
{P} is the best singer ever
cant believe {P} said that on twitter
who else loves {P} lol
{P} just followed me !!
happy birthday {P} !!
RT if you love {P}
{P} and {P} are going to {L} for the weekend
me and {P} went to {O} yesterday
new video with {P} is out
{P} wrote the letter on behalf of the residents of {S}
The petition was started by {P}
{P} has offered to help with the litter pick on {D}
According to {P} the works will finish in {M}
It was {P} who found the dog
""".strip().splitlines()
CLEAN_TEMPLATES = """The pothole on {S} is getting worse
The bins on {S} were missed again on {D}
Meeting moved to {D} {n} {M} at the Village Hall
{R} will circulate the minutes before {D}
Can {R} chase {O} about the streetlight on {S}?
Grass cutting on {S} is booked for {M}
The hedge at the corner of {S} and {S} needs cutting back
Footpath from {L} to {L} is flooded again
Thanks all for coming on {D}
Good morning everyone, the agenda is attached
Please send apologies to {R} by {D}
{O} have confirmed the road closure on {S} in {M}
Item {n}: planning application for {n} {S}
The council agreed to fund the bench in {M}
Parking on {S} is a nightmare in {M}
We need more volunteers for the litter pick on {D}
{O} will resurface {S} during {M}
Bus service to {L} cut from {M}
The Christmas lights will go up on {S} in {M}
{R} thanked everyone for their work this year
Planning committee meets on {D} at 7pm
Has {O} replied about the drain on {S}?
The playground on {S} reopens in {M}
{N} visitors came to the fete in {M}
Who's going to the meeting in {L} on {D}?
Road closed between {L} and {L} until {M}
Litter bins along {S} and {S} are overflowing
{O} said the leak on {S} was fixed on {D}
May we remind everyone that the meeting starts at 7pm
Will the {R} please sign the cheques
Grant funding from {O} was approved in {M}
The new houses off {S} will add traffic to {L}
Chair's report for {M} attached
The Clerk is on leave until {D}
Spring clean on {S} this {D}
Hill Close and Park Road will be resurfaced in {M}
The {N} government said on {D} it would cut taxes
Shares in {O} rose {n} percent in {L} on {D}
{O} beat {O} 2-0 in {L} on {D}
Heavy rain hit {L} and {L} on {D}
Talks between {L} and {L} resumed on {D}
{O} reported profits of {n} million in {M}
The {N} team arrived in {L} on {D}
Temperatures in {L} reached {n} degrees in {M}
going to {L} this weekend !!
so bored of this weather in {L}
cant wait for {M} lol
who's watching the game tonight
best day ever at {O}
RT this if you live in {L}
new post on the blog about {L}
traffic on {S} is awful this morning
anyone know if {O} is open on {D}?
Happy {D} everyone
Great turnout at the {L} fete on {D}
The Grove Lane bus stop has been moved
Walked up Church Hill to the Park this morning
Wood Lane and Green Lane are both flooded
Mark the date: the fete is on {D} {n} {M}
Carol singing round the tree on {S} after the switch-on
Holly and ivy wreaths for sale at {O}
Will you be at the meeting on {D}?
May we remind residents that the tip is closed on {D}
Grant funding for the play area was approved in {M}
Bill for the hall hire is {n} pounds
Rose garden on {S} needs weeding
Hope to see you all on {D}
Grace period for the allotment rent ends in {M}
Don't forget the litter pick on {D}
Dawn chorus walk from {L} on {D}
Frank discussion about the precept at the meeting
Hall boiler is fixed, invoice to follow
Chase the invoice from {O} please
Pat test for the hall kettles is booked for {D}
Sandy soil on the allotments by {S}
Robin nesting in the hedge on {S}
Heather on the common is in flower
Faith groups are invited to the meeting on {D}
Joy at the fete as the rain stayed away
Summer fete planning meeting on {D}
Brook Street is closed on {D}
Jack the car up before changing the tyre
Guy Fawkes night bonfire on the rec
Drew up the plans for the new bench
Sterling work by everyone at the litter pick
Miles of hedges still to cut on {S}
Dick Whittington panto at the Village Hall in {M}
Robin Hood walk through {L} on {D}
Father Christmas arrives on {S} at 5pm
Dear all, please find the minutes attached
Hi all, the agenda for {D} is attached
Cheers everyone for helping out
Thanks Highways for fixing {S}
Thanks {O} for the quick reply
IBAN and sort code are on the invoice from {O}
Please pay by BACS before {M}
""".strip().splitlines()


@dataclass(frozen=True, slots=True)
class Example:
    """A generated sentence and the character spans of its names."""

    text: str
    names: tuple[tuple[int, int], ...]


def ascii_fold(text: str) -> str:
    """Transliterate Cyrillic and strip accents."""
    text = "".join(_CYRILLIC.get(c.lower(), c) if c.lower() in _CYRILLIC else c for c in text)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class Generator:
    """Makes :class:`Example` sentences, deterministically from a seed."""

    def __init__(self, seed: int) -> None:
        self._rng = random.Random(seed)
        self._fakers: dict[str, Faker] = {}
        for index, locale in enumerate(LOCALES):
            fake = Faker(locale)
            fake.seed_instance(seed * 1000 + index)
            self._fakers[locale] = fake
        self._locales = list(LOCALES)
        self._weights = list(LOCALES.values())
        self._gb = self._fakers["en_GB"]

    def _faker(self) -> Faker:
        return self._fakers[self._rng.choices(self._locales, self._weights)[0]]

    def _first(self, fake: Faker) -> str:
        return _clean_name(fake.first_name())

    def _last(self, fake: Faker) -> str:
        if self._rng.random() < 0.07:
            return self._rng.choice(STREET_SURNAMES)
        return _clean_name(fake.last_name())

    def person(self) -> str:
        """A name in one of many shapes."""
        rng = self._rng
        fake = self._faker()
        first, last = self._first(fake), self._last(fake)
        shape = rng.random()
        if shape < 0.34:
            name = f"{first} {last}"
        elif shape < 0.50:
            name = first
        elif shape < 0.58:
            name = last
        elif shape < 0.70:
            name = f"{rng.choice(HONORIFICS)} {last}"
        elif shape < 0.75:
            name = f"{rng.choice(HONORIFICS)} {first} {last}"
        elif shape < 0.84:
            initial = first[0].upper()
            name = f"{initial}{rng.choice(['.', '.', ''])} {last}"
        elif shape < 0.88:
            name = f"{first} {self._first(fake)[0].upper()}. {last}"
        elif shape < 0.92:
            name = f"{first} {self._first(fake)} {last}"
        elif shape < 0.95:
            name = f"{first} {last}-{self._last(fake)}"
        else:
            name = f"{first} {last}"
        case = rng.random()
        if case < 0.05:
            name = name.lower()
        elif case < 0.08:
            name = name.upper()
        return name

    def street(self) -> str:
        """A street name, often one whose first word is also a surname."""
        rng = self._rng
        if rng.random() < 0.25:
            return str(self._gb.street_name())
        return f"{rng.choice(STREET_BASES)} {rng.choice(STREET_TYPES)}"

    def _slot(self, piece: str) -> str:
        rng = self._rng
        slots: dict[str, Callable[[], str]] = {
            "{S}": self.street,
            "{L}": lambda: rng.choice(PLACES) if rng.random() < 0.8 else rng.choice(MULTI_PLACES),
            "{O}": lambda: rng.choice(ORGS) if rng.random() < 0.8 else str(self._gb.company()),
            "{M}": lambda: rng.choice(MONTHS),
            "{D}": lambda: rng.choice(DAYS),
            "{R}": lambda: rng.choice(ROLES),
            "{N}": lambda: rng.choice(NATIONS),
            "{n}": lambda: str(rng.randint(2, 99)),
        }
        fill = slots.get(piece)
        return fill() if fill else piece

    def fill(self, template: str) -> Example:
        """The template with its slots filled."""
        names: list[tuple[int, int]] = []
        out: list[str] = []
        length = 0
        for piece in re.split(r"(\{[A-Za-z]\})", template):
            if piece == "{P}":
                value = self.person()
                names.append((length, length + len(value)))
            else:
                value = self._slot(piece)
            out.append(value)
            length += len(value)
        text = "".join(out)
        case = self._rng.random()
        if case < 0.08:
            text = text.lower()
        elif case < 0.13:
            text = text.upper()
        return Example(text, tuple(names))

    def examples(self, count: int, *, clean_share: float = 0.4) -> Iterator[Example]:
        """``count`` sentences, about ``clean_share`` of them without a name."""
        for _ in range(count):
            if self._rng.random() < clean_share:
                yield self.fill(self._rng.choice(CLEAN_TEMPLATES))
            else:
                yield self.fill(self._rng.choice(PERSON_TEMPLATES))


def _clean_name(name: str) -> str:
    name = ascii_fold(name).strip()
    name = name.split()[0] if " " in name else name
    return name[:1].upper() + name[1:] if name else "Sam"
