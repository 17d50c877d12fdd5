"""Build the labelled evaluation set: ``policy_checks/evaluation/eval_set.jsonl``.

Deterministic (fixed seeds): running it twice writes the same bytes. Messages are
template-generated with Faker ``en_GB`` values and hand-written (``hand_written.txt``); in both,
personal data is written as ``{SLOT}`` markers that this script fills with a valid-format value
and labels with exact offsets. Every label is checked before the file is written.

Run: ``python tools/eval/make_eval_set.py`` (needs the ``test`` extras: Faker).
"""

from __future__ import annotations

import json
import random
import re
import string
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from faker import Faker

HERE = Path(__file__).resolve().parent
OUTPUT = HERE.parents[1] / "policy_checks" / "evaluation" / "eval_set.jsonl"
HAND = HERE / "hand_written.txt"
SEED = 2026

MEMBER_NAMES = {
    "Jane Smith", "Peter Hughes", "Amanda Carter", "David Okafor", "Susan Whitfield",
    "Raj Patel", "Helen Moss", "Tom Griffiths",
}  # fmt: skip
MEMBER_WORDS = {w for n in MEMBER_NAMES for w in n.split()}
STREET_WORDS = ["Mill", "Church", "Station", "Manor", "Bedford", "Hitchin", "Sharpenhoe",
                "Hexton", "Barton", "Luton", "Higham", "Faldo", "Grange", "Orchard", "Willow",
                "Chestnut", "Sundon", "Bury", "Hillside", "Meadow"]  # fmt: skip
STREET_SUFFIXES = ["Road", "Lane", "Street", "Close", "Avenue", "Drive", "Way", "Crescent",
                   "Gardens", "Grove", "Place", "Court", "Rise", "View"]  # fmt: skip
HOUSE_NAMES = ["Rose Cottage", "The Old Forge", "Holly House", "Ivy Lodge", "Orchard Barn",
               "Willow Cottage", "The Granary", "Meadow View Farm"]  # fmt: skip
POSTCODE_AREAS = ["MK45", "LU2", "LU3", "LU5", "SG5", "MK40", "MK42", "LU7", "AL5", "SG17"]
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
NINO_FIRST = "ABCEGHJKLMNOPRSTWXYZ"
NINO_SECOND = "ABCEGHJKLMNPRSTWXYZ"
NINO_BANNED = {"BG", "GB", "NK", "KN", "TN", "NT", "ZZ"}
PLATE_LETTERS = "ABCDEFGHJKLMNOPRSTUVWXY"
LONE_FIRST = ["Dave", "Sarah", "Kevin", "Julie", "Steve", "Karen", "Gary", "Lisa", "Mike",
              "Tracey", "Paul", "Sharon", "Gemma", "Liam", "Nigel", "Brenda"]  # fmt: skip
TITLES = ["Mr", "Mrs", "Ms", "Miss", "Dr"]
EMAIL_DOMAINS = ["gmail.com", "hotmail.co.uk", "btinternet.com", "yahoo.co.uk",
                 "outlook.com", "sky.com", "icloud.com", "talktalk.net"]  # fmt: skip


@dataclass
class Message:
    """One labelled message."""

    id: str
    source: str
    topic: str
    text: str
    rules: list[str]
    entities: list[dict[str, object]] = field(default_factory=list)
    note: str = ""

    def to_json(self) -> str:
        data: dict[str, object] = {
            "id": self.id,
            "source": self.source,
            "topic": self.topic,
            "text": self.text,
            "rules": sorted(self.rules),
            "entities": self.entities,
        }
        if self.note:
            data["note"] = self.note
        return json.dumps(data, ensure_ascii=False)


class Values:
    """Valid-format personal data, drawn from a seeded generator."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.fake = Faker("en_GB")
        self.fake.seed_instance(seed)

    def _digits(self, n: int) -> str:
        return "".join(self.rng.choice(string.digits) for _ in range(n))

    def person_name(self) -> str:
        while True:
            name = f"{self.fake.first_name()} {self.fake.last_name()}"
            if not set(name.split()) & MEMBER_WORDS:
                return name

    def PERSON(self) -> str:
        kind = self.rng.random()
        if kind < 0.6:
            return self.person_name()
        if kind < 0.85:
            surname = self.person_name().split()[1]
            initial = self.rng.choice(["", f"{self.rng.choice(string.ascii_uppercase)} "])
            return f"{self.rng.choice(TITLES)} {initial}{surname}"
        return self.rng.choice(LONE_FIRST)

    def FULLNAME(self) -> str:
        return self.person_name()

    def EMAIL_ADDRESS(self) -> str:
        first, last = self.person_name().lower().replace("'", "").split()[:2]
        style = self.rng.choice([f"{first}.{last}", f"{first}{last}{self._digits(2)}",
                                 f"{first[0]}{last}", f"{last}.{first}{self._digits(1)}"])  # fmt: skip
        return f"{style}@{self.rng.choice(EMAIL_DOMAINS)}"

    def PHONE_NUMBER(self) -> str:
        mobile = f"07{self.rng.choice('3456789')}{self._digits(2)}"
        rest = self._digits(6)
        return self.rng.choice([
            f"{mobile} {rest}", f"{mobile}{rest}", f"+44 {mobile[1:]} {rest[:3]} {rest[3:]}",
            f"01582 {self._digits(6)}", f"(01525) {self._digits(6)}",
            f"020 7946 0{self._digits(3)}", f"01632 960{self._digits(3)}",
            f"+44 (0)1234 {self._digits(6)}", f"{mobile}-{rest}",
        ])  # fmt: skip

    def UK_POSTCODE(self) -> str:
        inward = f"{self.rng.randint(1, 9)}{self.rng.choice(INWARD_LETTERS)}{self.rng.choice(INWARD_LETTERS)}"
        space = " " if self.rng.random() < 0.85 else ""
        return f"{self.rng.choice(POSTCODE_AREAS)}{space}{inward}"

    def UK_ADDRESS(self) -> str:
        street = f"{self.rng.choice(STREET_WORDS)} {self.rng.choice(STREET_SUFFIXES)}"
        kind = self.rng.random()
        if kind < 0.7:
            return f"{self.rng.randint(1, 180)} {street}"
        if kind < 0.85:
            return f"Flat {self.rng.randint(1, 9)}, {self.rng.randint(1, 60)} {street}"
        return f"{self.rng.choice(HOUSE_NAMES)}, {street}"

    def IP_ADDRESS(self) -> str:
        if self.rng.random() < 0.85:
            return ".".join(str(self.rng.randint(1, 254)) for _ in range(4))
        return ":".join(f"{self.rng.randint(0, 65535):x}" for _ in range(8))

    def COOKIE_ID(self) -> str:
        return self.rng.choice([
            f"_ga=GA1.2.{self._digits(10)}.{self._digits(10)}",
            f"PHPSESSID={''.join(self.rng.choice('abcdef0123456789') for _ in range(26))}",
            f"JSESSIONID={''.join(self.rng.choice(string.ascii_uppercase + string.digits) for _ in range(32))}",
            f"_gid=GA1.2.{self._digits(9)}.{self._digits(10)}",
            "".join(self.rng.choice("abcdef0123456789") for _ in range(32)),
        ])  # fmt: skip

    def UK_NINO(self) -> str:
        while True:
            prefix = self.rng.choice(NINO_FIRST) + self.rng.choice(NINO_SECOND)
            if prefix not in NINO_BANNED:
                break
        digits, suffix = self._digits(6), self.rng.choice("ABCD")
        if self.rng.random() < 0.5:
            return f"{prefix}{digits}{suffix}"
        return f"{prefix} {digits[:2]} {digits[2:4]} {digits[4:]} {suffix}"

    def UK_NHS(self) -> str:
        while True:
            digits = [self.rng.randint(0, 9) for _ in range(9)]
            check = 11 - sum(d * (10 - i) for i, d in enumerate(digits)) % 11
            if check == 11:
                check = 0
            if check != 10:
                number = "".join(map(str, digits)) + str(check)
                break
        return f"{number[:3]} {number[3:6]} {number[6:]}" if self.rng.random() < 0.7 else number

    def UK_SORT_CODE(self) -> str:
        sep = self.rng.choice(["-", " "])
        return sep.join(self._digits(2) for _ in range(3))

    def UK_BANK_ACCOUNT(self) -> str:
        return self._digits(8)

    def CREDIT_CARD(self) -> str:
        digits = [4] + [self.rng.randint(0, 9) for _ in range(14)]
        total = 0
        for i, d in enumerate(reversed(digits)):
            d2 = d * 2 if i % 2 == 0 else d
            total += d2 - 9 if d2 > 9 else d2
        digits.append((10 - total % 10) % 10)
        number = "".join(map(str, digits))
        return (
            " ".join(number[i : i + 4] for i in range(0, 16, 4))
            if self.rng.random() < 0.7
            else number
        )

    def IBAN_CODE(self) -> str:
        return str(self.fake.iban())

    def DATE_OF_BIRTH(self) -> str:
        year, month, day = (
            self.rng.randint(1935, 2005),
            self.rng.randint(1, 12),
            self.rng.randint(1, 28),
        )
        months = ["January", "February", "March", "April", "May", "June", "July", "August",
                  "September", "October", "November", "December"]  # fmt: skip
        return self.rng.choice([f"{day:02d}/{month:02d}/{year}", f"{day} {months[month - 1]} {year}",
                                f"{year}-{month:02d}-{day:02d}"])  # fmt: skip

    def UK_VEHICLE_REGISTRATION(self) -> str:
        letters = "".join(self.rng.choice(PLATE_LETTERS) for _ in range(2))
        tail = "".join(self.rng.choice(PLATE_LETTERS) for _ in range(3))
        age = self.rng.choice(
            ["19", "69", "20", "70", "21", "71", "22", "72", "23", "73", "15", "65"]
        )
        return f"{letters}{age} {tail}" if self.rng.random() < 0.8 else f"{letters}{age}{tail}"

    def UK_PASSPORT(self) -> str:
        return self._digits(9)

    def UK_DRIVING_LICENCE(self) -> str:
        surname = self.person_name().split()[1].upper().replace("'", "")[:5].ljust(5, "9")
        decade = self.rng.randint(4, 9)
        month = self.rng.randint(1, 12) + self.rng.choice([0, 50])
        day = self.rng.randint(1, 28)
        year = self.rng.randint(0, 9)
        initials = "".join(self.rng.choice(string.ascii_uppercase) for _ in range(2))
        return f"{surname}{decade}{month:02d}{day:02d}{year}{initials}9{self.rng.choice(string.ascii_uppercase)}{self.rng.choice(string.ascii_uppercase)}"


SLOT = re.compile(r"\{([A-Z_]+)\}")
ENTITY_OF = {"FULLNAME": "PERSON"}


def fill(template: str, values: Values) -> tuple[str, list[dict[str, object]]]:
    """Replace ``{SLOT}`` markers, recording each value's span."""
    out: list[str] = []
    entities: list[dict[str, object]] = []
    pos = 0
    length = 0
    for match in SLOT.finditer(template):
        literal = template[pos : match.start()]
        out.append(literal)
        length += len(literal)
        slot = match.group(1)
        value = getattr(values, slot)()
        entities.append(
            {"entity": ENTITY_OF.get(slot, slot), "start": length, "end": length + len(value)}
        )
        out.append(value)
        length += len(value)
        pos = match.end()
    out.append(template[pos:])
    return "".join(out), entities


# --- templates ----------------------------------------------------------------------------

PD_TEMPLATES: dict[str, list[str]] = {
    "potholes": [
        "{PERSON} rang about the pothole outside {UK_ADDRESS}, it's getting worse. Can we chase Highways?",
        "Pothole report from {FULLNAME} of {UK_ADDRESS}, {UK_POSTCODE} - she says her tyre burst",
        "resident at {UK_ADDRESS} says the pothole has been there 3 months, her mobile is {PHONE_NUMBER}",
        "Can someone call {PERSON} back on {PHONE_NUMBER} re the pothole by the school",
    ],
    "dog fouling": [
        "{FULLNAME} ({EMAIL_ADDRESS}) has complained again about dog fouling on the rec",
        "Dog fouling by the play area - the complainant is {PERSON}, {UK_ADDRESS}",
        "We had an email from {EMAIL_ADDRESS} about a dog walker, the car was {UK_VEHICLE_REGISTRATION}",
    ],
    "allotments": [
        "Allotment plot 14 rent: {FULLNAME} paid by transfer, sort code {UK_SORT_CODE} account {UK_BANK_ACCOUNT}",
        "New allotment tenant {FULLNAME}, {UK_ADDRESS}, {UK_POSTCODE}, tel {PHONE_NUMBER}",
        "{PERSON} wants plot 7, her email is {EMAIL_ADDRESS}",
        "Allotment waiting list: {FULLNAME} {PHONE_NUMBER}, {FULLNAME} {EMAIL_ADDRESS}",
    ],
    "grants": [
        "Grant paid to the youth club - bank details: sort code {UK_SORT_CODE}, account number {UK_BANK_ACCOUNT}",
        "For the grant the treasurer gave IBAN {IBAN_CODE}, can the clerk check it",
        "The applicant {FULLNAME} put her card {CREDIT_CARD} on the form by mistake!",
        "Grant form from {FULLNAME}, DOB {DATE_OF_BIRTH}, NI number {UK_NINO}",
    ],
    "residents' complaints": [
        "Complaint from {FULLNAME}, {UK_ADDRESS}, {UK_POSTCODE}. Phone {PHONE_NUMBER}.",
        "{PERSON} says the neighbour's bonfires are every weekend, she lives at {UK_ADDRESS}",
        "Forwarding for info: {EMAIL_ADDRESS} wrote about the streetlight outside number 4",
        "The abusive posts on the Facebook page came from IP {IP_ADDRESS} according to the web host",
        "Website logs show the spam form submissions from {IP_ADDRESS}, cookie {COOKIE_ID}",
    ],
    "planning": [
        "Objection to CB/24/01234/FULL from {FULLNAME} at {UK_ADDRESS}",
        "The applicant {PERSON} can be reached on {PHONE_NUMBER} or {EMAIL_ADDRESS}",
        "Site visit: meet {PERSON} at {UK_ADDRESS}, {UK_POSTCODE} at 10am",
    ],
    "defibrillator": [
        "Defib training volunteers: {FULLNAME} {PHONE_NUMBER}, {FULLNAME} {PHONE_NUMBER}",
        "{PERSON} who looks after the defib has NHS number {UK_NHS} on the first aider form?!",
        "First aider record: {FULLNAME}, born {DATE_OF_BIRTH}, NHS no {UK_NHS}",
    ],
    "village hall": [
        "Hall booking from {FULLNAME}, deposit paid from account {UK_BANK_ACCOUNT} sort code {UK_SORT_CODE}",
        "The hirer left her passport number {UK_PASSPORT} as ID, is that OK for us to keep?",
        "Hall key holder is {PERSON}, {PHONE_NUMBER}",
        "Booking system login issue: the user's session id is {COOKIE_ID}",
    ],
    "parking": [
        "Car {UK_VEHICLE_REGISTRATION} parked on the green again, owner is {PERSON} at {UK_ADDRESS}",
        "White van reg {UK_VEHICLE_REGISTRATION} blocking the footpath on Station Road all week",
        "The driver gave his licence number {UK_DRIVING_LICENCE} to the warden",
    ],
    "bins": [
        "Missed bin at {UK_ADDRESS} {UK_POSTCODE}, resident {PERSON} is furious",
        "{FULLNAME} asked for an extra recycling box, {UK_ADDRESS}",
    ],
    "play area": [
        "Inspector's report sent by {EMAIL_ADDRESS}, call him on {PHONE_NUMBER} with questions",
        "{PERSON} from number 9 says the swing chain is broken",
    ],
    "website": [
        "Web host says the login attempts came from {IP_ADDRESS} and {IP_ADDRESS}",
        "The analytics cookie for that visitor was {COOKIE_ID}",
        "Pasting the debug info: ip {IP_ADDRESS}, cookie {COOKIE_ID}",
    ],
    "payments": [
        "Hirer paid by card, long number {CREDIT_CARD}, can we delete that from the email?",
        "Overseas supplier wants paying to IBAN {IBAN_CODE}",
        "Refund the deposit to {IBAN_CODE} please",
    ],
    "benefits": [
        "Resident asked us to help with her pension letter, NI number {UK_NINO}",
        "For the council tax support form: {FULLNAME}, NINO {UK_NINO}",
    ],
    "health": [
        "Volunteer form: {FULLNAME}, NHS number {UK_NHS}, allergies none",
        "{PERSON}'s NHS no. is {UK_NHS} for the care referral",
    ],
    "recruitment": [
        "Clerk's assistant applicant {FULLNAME}, DOB {DATE_OF_BIRTH}, NI {UK_NINO}, driving licence {UK_DRIVING_LICENCE}",
        "References for {FULLNAME}: passport {UK_PASSPORT}, date of birth {DATE_OF_BIRTH}",
        "Payroll needs {PERSON}'s NI number {UK_NINO} and bank account {UK_BANK_ACCOUNT}, sort code {UK_SORT_CODE}",
    ],
}

RULE_TEMPLATES: dict[str, list[str]] = {
    "confidential": [
        "This is confidential but the {X} tender came in at £{N},000",
        "Part 2 item: the Clerk's grievance - please don't repeat outside the meeting",
        "Not for publication: the legal advice on the {X} boundary says we'd lose",
        "Strictly confidential - the exempt item on the {X} lease",
        "Between ourselves the in camera discussion on the {X} went badly",
        "do not forward - the commercially sensitive quotes for the {X} are attached",
        "From the Part II session: the {X} contractor is about to go bust",
        "The solicitor's legal advice on the {X} dispute is below, keep it in confidence",
    ],
    "abuse": [
        "What a load of shit this {X} decision is",
        "Honestly the {X} committee are a bunch of idiots",
        "you're a useless twat, sort the {X} out",
        "f*** the {X}, nobody cares",
        "sh1t service from the {X} contractor again",
        "f u c k i n g joke that the {X} still isn't fixed",
        "the chair is an absolute moron about the {X}",
        "piss off with your {X} survey",
        "Cllr whoever is a complete prat over the {X}",
        "what a c*** the {X} bloke is",
        "this is bollocks, the {X} was never approved",
        "wankers the lot of them at the {X}",
    ],
    "threat": [
        "I know where you live and I'll burn your house down if the {X} goes ahead",
        "you'll regret this when the {X} is voted through",
        "watch your back after the {X} meeting",
        "someone should sort him out over the {X}",
        "if that {X} is approved I'll smash his windows",
        "I'll kill him if he mentions the {X} again",
        "brick through their window, that's what they deserve for the {X}",
        "keep pushing the {X} and you'll get hurt",
    ],
    "discrimination": [
        "women shouldn't be on the council, look at the {X} mess",
        "typical woman, can't run the {X}",
        "go back to your own country if you don't like the {X}",
        "all these immigrants are ruining the {X}",
        "the {X} is so gay",
        "those gypsies should be moved off the {X} site",
        "send nudes lol, forget the {X}",
        "that {X} organiser is a right slut",
    ],
    "political": [
        "Vote Labour on Thursday to save the {X}!",
        "Please support the Lib Dem candidate, she'll fix the {X}",
        "Reform UK leaflets are in the hall if anyone wants some for the {X} area",
        "join the Conservatives, we need more members to fight the {X}",
        "don't vote Tory, they'll sell off the {X}",
        "Green Party canvassing this weekend round the {X}, volunteers welcome",
        "#VoteLabour for a better {X}",
        "re-elect the Conservative candidate in May, he saved the {X}",
    ],
    "commercial": [
        "My roofing firm is doing 20% off for anyone near the {X}",
        "DM me for prices, I do gardening round the {X}",
        "Use code BARTON10 at my shop, great for the {X}",
        "Buy now! Limited offer on logs, delivered to the {X}",
        "Bitcoin investment opportunity, guaranteed returns - ask me after the {X} item",
        "My son's landscaping business does cheap quotes for the {X}",
        "Mountain bike for sale £80 ono, collect from near the {X}",
        "Earn money from home! click here - nothing to do with the {X}",
    ],
    "allegation": [
        "The Chair fiddled his expenses for the {X}, everyone knows",
        "The farmer is illegally dumping waste behind the {X}",
        "That's fraud - the {X} money never reached the club",
        "Cllr X broke the code of conduct over the {X}",
        "the council covered up the {X} overspend",
        "he's been fly-tipping by the {X} for months",
        "the contractor bribed someone to win the {X} job",
        "the clerk lied about the {X} figures",
    ],
    "credential": [
        "the Facebook password is Barton{N}! for the {X} posts",
        "key safe code is {PIN} at the {X}",
        "wifi password: Hall{N}guest for the {X}",
        "login for the {X} account - username clerk, password = {N}Pcouncil",
        "alarm code is {PIN}# if you're first at the {X}",
        "the padlock code on the {X} gate is {PIN}",
        "API key sk_live_{HEX} for the {X} booking site",
        "the pin is {PIN} for the {X} card",
    ],
    "unapproved_link": [
        "Have a look at https://bit.ly/{ALNUM} about the {X}",
        "Petition here: www.change.org/p/save-the-{XS}",
        "Photos of the {X} on https://imgur.com/a/{ALNUM}",
        "See facebook.com/groups/{ALNUM} for the {X} debate",
        "My blog has it all: https://bartonwatch.wordpress.com/{XS}",
        "the {X} survey: https://forms.gle/{ALNUM}",
        "video of the {X} meeting: https://youtu.be/{ALNUM}",
        "Full story at www.dailymail.co.uk/news/{XS}",
    ],
}

SUBJECTS = ["pothole", "play area", "allotments", "village hall", "precept", "footpath",
            "street lights", "Christmas lights", "car park", "bins", "hedges", "bus shelter",
            "war memorial", "pavilion", "recreation ground", "speed signs"]  # fmt: skip

CLEAN_TEMPLATES: list[str] = [
    "Agenda item {N}: the {X}. Cllr Patel to report.",
    "Thanks Jane, I'll bring the {X} figures to the May meeting.",
    "The Brown bin collections move to Tuesdays from next week, see https://www.centralbedfordshire.gov.uk/bins",
    "Church Road will be closed on 14/03/2025 for the {X} works",
    "Planning ref CB/24/0{N}/FULL for the {X} - comments by 21 December please",
    "Budget for the {X} is £1,{N} including VAT",
    "Mill Lane resurfacing starts Monday, the {X} is unaffected",
    "Peter Hughes will chair; Helen Moss has sent apologies",
    "Minutes are on https://www.bartonleclay-pc.gov.uk/minutes - the {X} is item {N}",
    "Bishop's Close residents have asked about the {X} again",
    "Chase Farm have offered to help with the {X}",
    "Blue tits are nesting in the {X} box, lovely to see",
    "The great tit boxes by the {X} need cleaning out in autumn",
    "Confidential waste collection is on Friday, leave bags in the {X}",
    "Meeting at 19:30 in the village hall, the {X} is first",
    "Amanda Carter and Tom Griffiths will walk the {X} route on Saturday",
    "Could we get three quotes for the {X} contract?",
    "Election of the Chair is at the annual meeting in May",
    "The co-option vote for the vacancy is on the agenda",
    "Party in the park is on 12 July, the {X} will be closed",
    "The Conservation Area appraisal mentions the {X}",
    "Green waste skip at the {X} on Saturday morning",
    "Report fly-tipping via https://www.gov.uk/report-flytipping please",
    "Reminder to declare interests under the code of conduct for the {X} item",
    "Please change your passwords regularly - use a strong password",
    "The Scunthorpe {X} company quoted too - twice ours",
    "Cockermouth and Penistone have similar {X} schemes",
    "Kill the weeds on the {X} before they seed",
    "The fire service will burn the gorse near the {X} in March",
    "This deadline is killing me, the {X} report is nearly done",
    "Threat to the hedgehog population from the {X} strimming",
    "Dick Turpin history talk at the {X} on Wednesday",
    "Cocktail evening raised £{N} for the {X}",
    "The what3words for the {X} is ///table.lamp.spoon",
    "The A6 roadworks are delaying the {X} delivery",
    "Susan Whitfield says the {X} grant was approved, £2,{N}",
    "Raj, can you forward the {X} report to the Clerk please?",
    "David Okafor has the key to the {X}",
    "The Clerk's email is theparishclerk@bartonleclay-pc.gov.uk if residents ask about the {X}",
    "Office number for the {X} is 01582 881234",
    "Equality Act training for councillors is on the {X} agenda",
    "The Traveller site consultation closes next month",
    "Women's Institute are using the hall for the {X} fundraiser",
    "The item on the {X} is no longer exempt and will be in the public part of the agenda",
    "We should seek legal advice on the {X} lease",
    "The Co-op car park by the {X} is being resurfaced",
    "The village fete raffle is for the air ambulance, not the {X}",
    "Grant application for the {X} goes in on Friday",
    "Will someone check the {X} before Sunday?",
    "Mark the date: the {X} opens on 6 December",
    "Carol singing by the {X} at 6pm",
    "Holly and Ivy decorations for the {X}",
    "Station Road {X} is finished at last",
    "Sorry I can't make Tuesday, the {X} report is on the drive",
    "Item {N}: precept. Proposed £{N},000, seconded Cllr Moss.",
]


@dataclass
class Builder:
    """Collects messages and numbers them."""

    values: Values
    rng: random.Random
    messages: list[Message] = field(default_factory=list)

    def add(self, source: str, topic: str, template: str, rules: list[str], note: str = "") -> None:
        text, entities = fill(self._words(template), self.values)
        if entities and "personal_data" not in rules:
            rules = [*rules, "personal_data"]
        prefix = "h" if source == "hand" else "t"
        count = sum(m.source == source for m in self.messages) + 1
        self.messages.append(
            Message(f"{prefix}{count:04d}", source, topic, text, sorted(set(rules)), entities, note)
        )

    def _words(self, template: str) -> str:
        replacements: dict[str, Callable[[], str]] = {
            "{X}": lambda: self.rng.choice(SUBJECTS),
            "{XS}": lambda: self.rng.choice(SUBJECTS).replace(" ", "-"),
            "{N}": lambda: str(self.rng.randint(10, 99)),
            "{PIN}": lambda: str(self.rng.randint(1000, 9999)),
            "{HEX}": lambda: "".join(self.rng.choice("abcdef0123456789") for _ in range(24)),
            "{ALNUM}": lambda: "".join(
                self.rng.choice(string.ascii_letters + string.digits) for _ in range(7)
            ),
        }
        for marker, make in replacements.items():
            while marker in template:
                template = template.replace(marker, make(), 1)
        return template


def load_hand_written(builder: Builder) -> None:
    """``rules | topic | text`` per line; ``-`` for no rules; ``#`` starts a comment line."""
    for number, line in enumerate(HAND.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        try:
            rules, topic, text = (part.strip() for part in line.split(" | ", 2))
        except ValueError:
            sys.exit(f"{HAND}:{number}: expected 'rules | topic | text'")
        rule_list = [] if rules == "-" else rules.split(",")
        builder.add("hand", topic, text.replace("\\n", "\n"), rule_list)


def validate(messages: list[Message]) -> Counter[str]:
    counts: Counter[str] = Counter()
    ids = set()
    for message in messages:
        if message.id in ids:
            sys.exit(f"duplicate id {message.id}")
        ids.add(message.id)
        for entity in message.entities:
            start, end = int(entity["start"]), int(entity["end"])  # type: ignore[call-overload]
            if not 0 <= start < end <= len(message.text):
                sys.exit(f"{message.id}: bad span {entity}")
            counts[str(entity["entity"])] += 1
        if bool(message.entities) != ("personal_data" in message.rules):
            sys.exit(f"{message.id}: entities and personal_data disagree")
        for rule in message.rules:
            counts["rule:" + rule] += 1
        counts["clean" if not message.rules else "breach"] += 1
        counts["source:" + message.source] += 1
    return counts


MINIMUMS = {
    "clean": 150, "rule:confidential": 35, "rule:abuse": 35, "rule:threat": 35,
    "rule:discrimination": 35, "rule:political": 35, "rule:commercial": 35,
    "rule:allegation": 35, "rule:credential": 35, "rule:unapproved_link": 35,
    "PERSON": 120, "EMAIL_ADDRESS": 30, "PHONE_NUMBER": 30, "UK_POSTCODE": 30,
    "UK_ADDRESS": 30, "UK_NINO": 20, "UK_NHS": 20, "IP_ADDRESS": 20, "COOKIE_ID": 20,
    "UK_SORT_CODE": 20, "UK_BANK_ACCOUNT": 20, "DATE_OF_BIRTH": 12, "CREDIT_CARD": 10,
    "IBAN_CODE": 10, "UK_VEHICLE_REGISTRATION": 12, "UK_PASSPORT": 10, "UK_DRIVING_LICENCE": 10,
}  # fmt: skip


def main() -> None:
    rng = random.Random(SEED)
    builder = Builder(values=Values(SEED), rng=rng)
    for topic, templates in PD_TEMPLATES.items():
        for template in templates:
            for _ in range(6):
                builder.add("template", topic, template, [])
    for rule, templates in RULE_TEMPLATES.items():
        for template in templates:
            for _ in range(4):
                builder.add("template", "chat", template, [rule])
    for template in CLEAN_TEMPLATES:
        for _ in range(2):
            builder.add("template", "clean", template, [], note="trap")
    load_hand_written(builder)
    counts = validate(builder.messages)
    short = {k: (counts[k], v) for k, v in MINIMUMS.items() if counts[k] < v}
    total = len(builder.messages)
    print(f"{total} messages")
    for key in sorted(counts):
        print(f"  {key:28} {counts[key]}")
    if total < 500 or short:
        sys.exit(f"below the minimums: {short} (total {total})")
    OUTPUT.write_text("".join(m.to_json() + "\n" for m in builder.messages), encoding="utf-8")
    print(f"wrote {OUTPUT}")


if __name__ == "__main__":
    main()
