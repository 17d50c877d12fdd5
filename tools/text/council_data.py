"""Generate council-style training messages for the text scorers: ``tools/eval/council_train.jsonl``.

British English parish business (planning, allotments, potholes, precept, agendas, minutes),
breaches (veiled threats, defamation of named people, group generalisations, campaigning,
selling, abuse) and traps that borrow a breach's words ("the hall is killing it", "attack the
backlog", "vote on the motion", "the fete sells cakes for charity"). Some breaches are written
with evasions (leetspeak, spacing, homoglyphs, emoji, zero-width characters).

Deterministic (fixed seed). The held-out set ``tools/eval/council_test.jsonl`` is hand-written
separately (``tools/eval/council_test.txt``) and never generated from these templates.

Run: ``python tools/text/council_data.py``.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUTPUT = HERE.parent / "eval" / "council_train.jsonl"
SEED = 1313

NAMES = [
    "Cllr Jones",
    "Councillor Patel",
    "Mrs Whitfield",
    "Mr Okafor",
    "the Chair",
    "the clerk",
    "Cllr Hughes",
    "Dave from the hall committee",
    "Cllr Moss",
    "Mr Griffiths",
    "Sandra",
    "Councillor Baker",
    "the vice-chair",
    "Mrs Carter",
    "Cllr Ahmed",
    "Gary",
    "Mr Fenwick",
    "Cllr O'Brien",
    "the treasurer",
    "Brian",
    "Councillor Lloyd",
    "Mrs Singh",
]
YOU = ["you", "your lot", "the lot of you", "you people", "all of you on the council"]
PROPERTY = [
    "car",
    "van",
    "windows",
    "fence",
    "shed",
    "greenhouse",
    "front door",
    "garden",
    "allotment",
    "conservatory",
    "tyres",
    "house",
    "business",
    "shop",
]
KIN = ["kids", "children", "wife", "husband", "family", "daughter", "son", "mum", "dog"]
PLACES = ["school", "work", "the gym", "church", "the surgery", "nursery", "football practice"]
GROUPS = [
    "travellers",
    "gypsies",
    "immigrants",
    "foreigners",
    "eastern europeans",
    "poles",
    "romanians",
    "muslims",
    "asylum seekers",
    "refugees",
    "the travelling community",
    "people from the estate",
    "council house lot",
    "benefit scroungers",
    "africans",
    "the new families on the estate",
    "pakistanis",
    "jews",
    "gay people",
    "those people",
    "that lot from the caravan site",
    "people like them",
    "women",
    "old people",
    "the Chinese family",
    "the Indians",
    "black people",
    "them lot",
]
GROUP_CLAIMS = [
    "are all thieves",
    "always leave a mess",
    "are all criminals",
    "can't be trusted",
    "are ruining this village",
    "never pay their way",
    "are all on the take",
    "bring crime wherever they go",
    "are dirty",
    "are all the same",
    "breed like rabbits",
    "should be kept out",
    "don't belong here",
    "are taking over",
    "steal everything",
    "are a plague on this village",
    "should go back where they came from",
    "are lazy scroungers",
    "are vermin",
    "shouldn't be allowed to live here",
    "are animals",
    "always cause trouble",
    "are a drain on the village",
    "should be run out of the parish",
    "lower the tone",
    "are scum",
]
PARTIES = [
    "Labour",
    "the Conservatives",
    "the Tories",
    "the Lib Dems",
    "the Greens",
    "Reform",
    "Reform UK",
    "the Green Party",
    "the Liberal Democrats",
    "the Independents",
]
PRODUCTS = [
    "logs",
    "eggs",
    "my cakes",
    "handmade candles",
    "a ride-on mower",
    "kittens",
    "garden furniture",
    "my wife's jewellery",
    "puppies",
    "firewood",
    "a caravan",
    "turf",
    "skip hire",
    "driveway cleaning",
    "gutter cleaning",
    "roofing",
    "tarmac",
    "window cleaning",
    "dog walking",
    "ironing",
    "tutoring",
    "nails and lashes",
    "fresh veg boxes",
    "my book",
    "Avon",
    "Herbalife",
    "protein shakes",
]
CRIMES = [
    "a liar",
    "a criminal",
    "a thief",
    "a fraudster",
    "a crook",
    "corrupt",
    "on the take",
    "bent",
    "a con man",
    "a paedo",
    "a drug dealer",
    "a wife beater",
    "dodgy as hell",
    "a compulsive liar",
    "stealing from the allotment fund",
    "fiddling the expenses",
    "taking backhanders from developers",
    "cooking the books",
    "pocketing the precept",
    "lying through their teeth",
    "a benefit cheat",
    "a known shoplifter",
    "in the pocket of the developers",
    "embezzling the hall money",
    "a nonce",
]
INSULTS = [
    "an oaf",
    "a weasel",
    "a snake",
    "a leech",
    "a parasite",
    "a nasty old witch",
    "a gobby cow",
    "a dozy mare",
    "a waste of oxygen",
    "a prize plank",
    "a bellend",
    "a small-minded bigot",
    "a sad little man",
    "a pompous windbag",
    "a slimeball",
    "a dimwit",
    "a lazy slob",
    "a nitwit",
    "a buffoon",
    "a dinosaur",
    "a hypocrite",
    "useless",
    "a waste of space",
    "thick as mince",
    "a joke",
    "a pathetic excuse",
    "brain dead",
    "a total moron",
    "gormless",
    "a clueless idiot",
    "spineless",
    "a muppet",
    "an absolute tool",
    "a pillock",
    "vile",
    "a disgrace",
    "a knobhead",
    "a fat pig",
    "an ugly cow",
    "a smug git",
    "pathetic",
    "a nasty piece of work",
    "a two-faced snake",
    "scum",
    "a donkey",
    "a brainless twit",
    "a bloody embarrassment",
    "thick",
]
TOPICS = [
    "the pothole on Sharpenhoe Road",
    "the allotment waiting list",
    "the precept",
    "the village hall roof",
    "the play area",
    "the street lights",
    "the speed limit",
    "the planning application for the old garage",
    "the hedge on Church Lane",
    "the bins",
    "the war memorial",
    "the footpath by the brook",
    "the Christmas lights",
    "the defibrillator",
    "the bus shelter",
    "the grass cutting contract",
    "the car park",
    "the neighbourhood plan",
    "the cemetery extension",
    "the dog fouling signs",
]
BUSINESS = [
    "Draft minutes of the {d} meeting are attached, comments to the clerk by Friday please",
    "Agenda item {n}: {t}. Papers are on the website",
    "Can we add {t} to the agenda for {d}?",
    "I've reported {t} to Central Beds again, ref {ref}",
    "The working group on {t} meets {d} at 7pm in the small hall",
    "Quote for {t} came in at £{money}, three quotes needed under standing orders",
    "Precept for next year proposed at £{money}, a {pct}% rise on Band D",
    "Thanks all for a good meeting last night, {t} is moving at last",
    "Apologies for {d}, I'm away with work",
    "Planning application CB/{yy}/0{ref}/FUL for {t}: any comments before the deadline?",
    "Allotment rents are due by the end of the month, £{small} per plot",
    "Reminder: the annual parish meeting is {d} at 7.30pm",
    "The grass cutting contractor will be on the rec {d}",
    "Has anyone heard back from the county about {t}?",
    "Clerk's report: the insurance renewal is due, {t} is on the list for next month",
    "Could we get a volunteer to check {t} before the meeting?",
    "Item {n} will be taken in closed session under the Public Bodies (Admission to Meetings) Act 1960",
    "The council resolved to approve the budget, proposed by the chair, seconded by the vice-chair",
    "We'll vote on the motion about {t} at the next meeting",
    "The motion to accept the quote for {t} was carried, 6 for and 1 against",
    "Bank reconciliation for {d} is done, all balanced",
    "Litter pick {d} from 10am, meet at the hall, grabbers provided",
    "Councillor surgery at the library {d} 10 till 12",
    "Footpath {n} has been cleared, thanks to the volunteers",
    "The defib pads need replacing in {d}, about £{small}",
    "Tree survey says the ash on the green has dieback, we need to fell it",
    "Speedwatch results are in, {n} vehicles over 35 in an hour",
    "The fete sells cakes for charity every year, volunteers to bake please",
    "The hall is killing it with bookings this term, {n} new regulars",
    "We need to attack the backlog of {t} complaints before summer",
    "The new play equipment is a real hit with the kids",
    "Great turnout, the quiz night smashed its target",
    "The weeds on the allotments are out of control, someone needs to kill them off before they seed",
    "The bin lorry took out the bollard again, the driver owned up",
    "Can we shoot some photos of the war memorial for the website?",
    "The hedgehog survey is on, please log sightings",
    "I'll beat the deadline for the grant bid if I finish tonight",
    "The election for the new councillor is on {d}, the notice is on the board",
    "Polling station is in the village hall on {d}, so no bookings that day please",
    "The co-option vote is on the agenda, candidates have been sent the forms",
    "The Christmas market stalls are £{small} each, proceeds to the hall fund",
    "The village shop is selling tickets for the quiz, £{small} each",
    "The scouts are selling Christmas trees again, all money to the troop",
    "The clerk's contract of employment is on the staffing agenda",
    "Hall hire prices for next year: £{small} an hour for residents",
    "The planning committee voted to object to the application for {t}",
    "Thanks to Cllr Jones for sorting {t}, much appreciated",
    "Councillor Patel has declared an interest in item {n}",
    "The auditor signed off the annual return with no issues",
    "Reminder that the code of conduct training is {d}",
    "The police report says burglary is down, two thefts from sheds this month",
    "PCSO says there have been thefts from vans on the estate, lock up please",
    "Someone reported fly tipping on the byway, the county is clearing it",
    "The school has asked for a crossing patrol, can we support that?",
    "A resident complained about the noise from the pub, I've passed it on",
    "The developer has submitted a revised plan for {t}",
    "Fire service will do the bonfire safety check on {d}",
    "Just had a look at {t}, it's worse than last week to be honest",
    "No objection from me on the extension, it's in keeping",
    "Can someone remind me what we decided about {t}?",
    "The travellers' liaison officer from the county will attend the next meeting",
    "The county's Gypsy and Traveller accommodation assessment is out for consultation",
    "The refugee welcome group has booked the hall for {d}",
    "The mosque and the church are running a joint food bank collection",
    "The Polish shop on the high street has sponsored the hanging baskets",
    "Women's Institute meeting moved to {d}",
    "The Pride picnic on the green was a lovely afternoon",
    "I'm going to kill two birds with one stone and do both site visits on {d}",
    "That pothole will kill somebody's suspension, it's deep",
    "We'll hit the ground running with {t} after the summer",
    "The bonfire will be lit at 7pm sharp, keep children behind the rope",
    "Watch your step on the footpath by the brook, it's icy",
    "It would be a shame to lose the bus service, please respond to the consultation",
    "I know where you can get the forms, they're in the hall foyer",
    "The budget took a beating this year with the roof repairs",
    "Burn the old noticeboard? No, it's going to the tip",
    "Cllr Hughes is the lead on {t}, please send updates to him",
    "The chair thanked the clerk for all her work on {t}",
    "Please don't share the draft until the chair has seen it",
    "Rates for the hall are competitive with the other halls round here",
    "Free entry to the fete, donations welcome",
    "The allotment society's seed swap is {d}, bring spares",
]
NAMED_BUSINESS = [
    "Thanks {name} for sorting {t}",
    "Apologies from {name}, unwell",
    "{name} has offered to chair the working group on {t}",
    "{name} will report back on {t} next month",
    "{name} is on leave until the {n}th, please copy the chair",
    "{name} proposed, Cllr Hughes seconded, carried unanimously",
    "Well done {name} on the grant bid for {t}",
    "{name} has kindly agreed to check {t} on {d}",
    "{name} declared an interest in item {n} and left the room",
    "{name} signed the cheques for {t}",
    "Can {name} send round the figures for {t}?",
    "{name} met the county officer about {t}, notes to follow",
    "Please welcome {name}, our newest councillor",
    "{name} is the lead on {t}",
    "{name} asked whether we could move {t} to the next agenda",
    "{name} has resigned from the council, a casual vacancy notice is up",
    "{name} chaired the meeting in the chair's absence",
    "The money for {t} came from the community fund, {name} has the receipts",
    "{name} says the estate residents would like more bins",
    "{name} and the clerk will meet the contractor on {d}",
    "Watch your step by the hall door, {name} says the mat is loose",
    "{name} thinks the quote for {t} is too high, can we get another?",
    "{name} is stepping down as treasurer after ten years, thank you",
    "The police told {name} there were two break-ins on the estate",
    "{name} lost the vote on {t}, 5 to 3",
    "{name} was elected vice-chair",
]
DAYS = [
    "Tuesday",
    "Thursday",
    "next week",
    "the 14th",
    "March",
    "the AGM",
    "Monday",
    "the 3rd of June",
    "the next full council",
    "Saturday",
]
THREATS = [
    "It would be a shame if your {p} got scratched",
    "Shame if something happened to your {p}",
    "Be a pity if your {p} caught fire one night",
    "Watch your back {name}",
    "We know where your {k} go to {pl}",
    "I know which {pl} your {k} go to",
    "Nice {p} you've got. Be a shame if anything happened to it",
    "Keep pushing this and see what happens to your {p}",
    "You'd better watch yourself walking home, {name}",
    "People like you have accidents",
    "Don't be surprised if your {p} gets a brick through it",
    "I'd keep an eye on your {k} if I were you",
    "One more word about {t} and you'll be sorry",
    "{name} should be careful, accidents happen on dark lanes",
    "Someone's going to teach {name} a lesson",
    "I'll be waiting for you after the meeting",
    "You won't be so brave when I catch you on your own",
    "Your {p} would burn nicely",
    "I'll make your life hell, {name}",
    "We'll see how smug you are when your {p} is smashed up",
    "Carry on and you'll end up in hospital",
    "I hope someone puts you in the ground",
    "You'll get what's coming to you",
    "Count your days on this council, {name}. And lock your doors",
    "Pity about your {p}, would be a real shame if it happened again",
    "Your {k} walk past my house every day, remember that",
    "Sleep tight {name}, we know where you are",
    "Step outside and say that",
    "I'll smash your face in",
    "I'm going to sort you out properly",
    "Keep your mouth shut about {t} or else",
    "There are people in this village who'd happily hurt you",
    "Wouldn't want your {p} to have an accident",
    "Better hope your {p} is insured",
]
ALLEGATIONS = [
    "{name} is {c}",
    "Everyone knows {name} is {c}",
    "{name} has been {c2} for years",
    "{name} lied to the meeting about {t}",
    "{name} is a liar and everyone knows it",
    "{name} should be in prison",
    "{name} is the biggest crook in the parish",
    "Don't trust {name}, {c}",
    "{name} got the contract for {t} for his mate, it's a fix",
    "{name} has his hand in the till",
    "{name} is lining his own pockets with {t}",
    "{name} lied on the declaration of interests",
    "The clerk has been cooking the books on {t}",
    "Ask {name} where the money for {t} went",
    "{name} stole from the hall fund",
    "{name} is a known criminal",
    "{name} beats his wife, ask anyone",
    "{name} is a thief and a liar",
    "{name} took a bung from the developer",
    "{name} rigged the vote on {t}",
    "Funny how {name}'s brother got the {t} job. Corruption, plain and simple",
    "{name} is a sex offender, keep your kids away",
]
POLITICAL = [
    "Vote {party} on Thursday!",
    "Please vote for {party} in the county elections",
    "Remember to vote {party}, they'll sort {t}",
    "Only {party} will fix {t}, vote for them in May",
    "Don't let {party} in, vote for our candidate",
    "{party} have ruined this country, kick them out at the election",
    "Join {party} today, membership is only £{small}",
    "Our {party} candidate is out canvassing on {d}, come and help",
    "Sign up to help {party} deliver leaflets",
    "Come to the {party} rally at the hall on {d}",
    "I'm standing for {party} at the general election, please support me",
    "Vote for me on 2nd May, I'll fix {t}",
    "{party} out! Time for change",
    "Donate to the {party} campaign fund here",
    "If you care about {t}, you'll vote {party}",
    "Keir Starmer is the only hope, vote Labour",
    "Back Farage, vote Reform",
    "Get the Tories out, vote Lib Dem",
    "Make your vote count for {party} this time",
    "Please share: {party} need your vote in the by-election",
]
COMMERCIAL = [
    "Selling {prod}, message me for prices",
    "Anyone want {prod}? £{small} each, collection only",
    "My son does {prod}, very reasonable rates, drop me a message",
    "Check out my new {prod} business, 10% off for parish residents",
    "I've got {prod} for sale if anyone's interested",
    "Looking for {prod}? Call us today for a free quote",
    "We're offering {prod} at half price this week only",
    "Earn £{money} a month from home, message me to find out how",
    "Get rich with crypto, DM me",
    "Great deals on {prod}, link in my bio",
    "Book your {prod} now, limited slots",
    "Discount for councillors on {prod}, just mention this group",
    "Reasonable prices on {prod}, cash only",
    "Want {prod}? Best price in the county, PM me",
    "Fresh {prod} at the farm gate, £{small} a box, come and buy",
    "Anyone interested in buying {prod}? Open to offers",
    "Plug: my shop is doing {prod}, would love your support, first order 20% off",
    "Investment opportunity, guaranteed returns, ask me how",
    "Local trader, {prod}, fully insured, competitive quotes",
    "Flogging {prod} cheap, quick sale",
]
ABUSE = [
    "{name} is {ins}",
    "You're {ins}, {name}",
    "What a {ins2} {name} is",
    "The clerk is {ins} and should go",
    "{name}, you are {ins}",
    "Shut up {name}, nobody cares",
    "This council is full of {ins3}",
    "Honestly {name} you're {ins}",
    "Typical of {name}, {ins}",
    "Go away {name}, you're {ins}",
    "Useless bunch of {ins3}",
    "Who voted for this {ins2}?",
    "Pack of {ins3}, the lot of you",
    "Piss off {name}",
    "Get stuffed {name}",
    "{name} is a fat ugly cow",
    "{name} is thick as two short planks",
    "Bloody hell {name}, are you brain dead?",
]
INS3 = [
    "sheep",
    "clowns",
    "donkeys",
    "halfwits",
    "nobodies",
    "losers",
    "parasites",
    "hypocrites",
    "dimwits",
    "buffoons",
    "idiots",
    "clowns",
    "morons",
    "muppets",
    "numpties",
    "wasters",
    "halfwits",
    "dinosaurs",
    "tossers",
    "wankers",
    "incompetents",
    "jobsworths",
]
INS2 = [
    "idiot",
    "clown",
    "moron",
    "muppet",
    "numpty",
    "waster",
    "halfwit",
    "plonker",
    "tosser",
    "wanker",
    "pillock",
    "cretin",
    "prat",
    "twit",
]
EMOJI = [" 😡", " 🤬", " 🔥", " 🙄", " 💀", " 👀", " 🤡", " 😂", ""]
HOMOGLYPHS = {
    "a": "\u0430", "e": "\u0435", "o": "\u043e", "c": "\u0441", "p": "\u0440", "i": "\u0456",
    "x": "\u0445",
}  # fmt: skip
LEET = {"a": "4", "e": "3", "i": "1", "o": "0", "s": "5", "t": "7"}


def _fill(template: str, rng: random.Random) -> str:
    values = {
        "name": rng.choice(NAMES), "p": rng.choice(PROPERTY), "k": rng.choice(KIN),
        "pl": rng.choice(PLACES), "t": rng.choice(TOPICS), "party": rng.choice(PARTIES),
        "prod": rng.choice(PRODUCTS), "c": rng.choice(CRIMES), "c2": rng.choice(CRIMES[14:]),
        "ins": rng.choice(INSULTS), "ins2": rng.choice(INS2), "ins3": rng.choice(INS3),
        "d": rng.choice(DAYS), "n": str(rng.randint(2, 14)), "ref": str(rng.randint(1000, 9999)),
        "money": f"{rng.randint(1, 90)},{rng.randint(100, 999)}", "pct": str(rng.randint(1, 9)),
        "small": str(rng.randint(2, 60)), "yy": str(rng.randint(22, 26)),
    }  # fmt: skip
    return template.format(**values)


def _group_message(rng: random.Random) -> str:
    group = rng.choice(GROUPS)
    claim = rng.choice(GROUP_CLAIMS)
    frames = [
        "{g} {c}",
        "All {g} {c}",
        "Let's be honest, {g} {c}",
        "Everyone knows {g} {c}",
        "It's a fact that {g} {c}",
        "{G} {c}, that's why {t} is a mess",
        "Typical, {g} {c}",
        "Not being funny but {g} {c}",
        "Watch out, {g} {c}",
        "{G}? They {c2}",
        "Keep {g} out of the village, they {c2}",
        "I'm not racist but {g} {c}",
    ]
    c2 = re.sub(r"^are ", "", claim)
    frame = rng.choice(frames)
    text = frame.format(
        g=group, G=group[:1].upper() + group[1:], c=claim, c2=c2, t=rng.choice(TOPICS)
    )
    return text[:1].upper() + text[1:]


def evade(text: str, rng: random.Random) -> str:
    """Disguise a message the way trolls do: leetspeak, homoglyphs, spacing, emoji."""
    words = text.split(" ")
    how = rng.choice(["leet", "homoglyph", "space", "zwsp", "stretch", "emoji", "caps"])
    picks = [i for i, w in enumerate(words) if len(w) > 3]
    if not picks:
        return text
    for i in rng.sample(picks, k=min(len(picks), rng.randint(1, 3))):
        w = words[i]
        if how == "leet":
            w = "".join(LEET.get(ch, ch) if rng.random() < 0.5 else ch for ch in w)
        elif how == "homoglyph":
            w = "".join(HOMOGLYPHS.get(ch, ch) for ch in w)
        elif how == "space":
            w = " ".join(w)
        elif how == "zwsp":
            w = w[:2] + "\u200b" + w[2:]
        elif how == "stretch":
            w = w[:-1] + w[-1] * 4
        elif how == "caps":
            w = w.upper()
        words[i] = w
    out = " ".join(words)
    return out + rng.choice(EMOJI) if how == "emoji" else out


def generate(seed: int = SEED) -> list[dict[str, object]]:
    """Every generated message with its rules."""
    rng = random.Random(seed)
    rows: list[dict[str, object]] = []

    def add(text: str, rules: list[str], kind: str) -> None:
        rows.append({"id": f"g{len(rows):05d}", "text": text, "rules": rules, "kind": kind})

    for _ in range(2400):
        add(_fill(rng.choice(BUSINESS), rng) + rng.choice(EMOJI[-3:]), [], "business")
    for _ in range(1200):
        add(_fill(rng.choice(NAMED_BUSINESS), rng), [], "business")
    sets = [
        (THREATS, ["threat"], 900), (ALLEGATIONS, ["allegation"], 700),
        (POLITICAL, ["political"], 600), (COMMERCIAL, ["commercial"], 600),
        (ABUSE, ["abuse"], 600),
    ]  # fmt: skip
    for templates, rules, count in sets:
        for _ in range(count):
            text = _fill(rng.choice(templates), rng)
            if rng.random() < 0.3:
                text = evade(text, rng)
            add(text + rng.choice(EMOJI), rules, "breach")
    for _ in range(900):
        text = _group_message(rng)
        if rng.random() < 0.3:
            text = evade(text, rng)
        add(text + rng.choice(EMOJI), ["discrimination"], "breach")
    return rows


def main() -> None:
    """Write the training set."""
    rows = generate()
    with OUTPUT.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"wrote {len(rows)} messages to {OUTPUT}")


if __name__ == "__main__":
    main()
