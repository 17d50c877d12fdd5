"""Generate council-style training messages for the text scorers: ``tools/eval/council_train.jsonl``.

British English parish business (planning, allotments, potholes, precept, agendas, minutes),
breaches (veiled threats, defamation of named people, group generalisations, campaigning,
selling, abuse) and traps that borrow a breach's words ("the hall is killing it", "attack the
backlog", "vote on the motion", "the fete sells cakes for charity"). Some breaches are written
with evasions (leetspeak, spacing, homoglyphs, emoji, zero-width characters).

Four rounds: the first templates; then insults, threats, selling, campaigning, claims and
generalisations composed from parts (opener, body, call to action) with names of many
origins, so the scorers learn the kind of sentence rather than one template; and many more
traps (praise such as "you absolute star", criticism of things rather than people, groups
named in passing, crime and fraud reported as fact, "X is a retired teacher", "my postcode
is ...", "I'll sort out the ..."). Business without slots gets varied sign-offs so that it
lands in both the train and the dev split.

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


# ---------------------------------------------------------------------------------------------
# Second round (issue #13): phrasings without a listed word, names of many origins, and more
# ordinary business that borrows a breach's words. Composed from parts, so no one sentence is
# learned by heart.
# ---------------------------------------------------------------------------------------------

FIRST_NAMES = [
    "Aisha", "Bogdan", "Chidi", "Deborah", "Eilidh", "Farhan", "Gwen", "Hamza", "Ioana",
    "Jasbir", "Kofi", "Lorraine", "Malgorzata", "Nadia", "Oluwaseun", "Priya", "Quentin",
    "Rhys", "Sunita", "Tariq", "Ursula", "Vikram", "Wendy", "Xiu", "Yusuf", "Zofia", "Alan",
    "Bev", "Callum", "Dawn", "Errol", "Fiona", "Gordon", "Hilary", "Ifeoma", "Jens", "Keith",
    "Liam", "Mohammed", "Niamh", "Owen", "Pauline", "Raj", "Shirley", "Terry", "Vanessa",
    "Winston", "Yasmin", "Declan", "Agnieszka", "Giorgos", "Mehmet", "Hiroshi", "Mei",
    "Santiago", "Lucia", "Dmitri", "Anka", "Sipho", "Abdullahi", "Carys", "Morag", "Trevor",
]  # fmt: skip
SURNAMES = [
    "Adebayo", "Brennan", "Chowdhury", "Davies", "Evans", "Fitzgerald", "Gupta", "Hussain",
    "Ibrahim", "Jankowski", "Kaur", "Lewandowski", "MacDonald", "Nkemelu", "O'Connor", "Popescu",
    "Quinn", "Rahman", "Sandhu", "Thompson", "Usman", "Vasquez", "Williams", "Yilmaz", "Zielinski",
    "Achterberg", "Boateng", "Cheung", "Dunmore", "Esposito", "Fairweather", "Grant", "Hartley",
    "Iqbal", "Jovanovic", "Kamara", "Lindqvist", "Mbeki", "Novak", "Ogunleye", "Papadopoulos",
    "Rossi", "Shah", "Tanaka", "Urquhart", "Varga", "Wozniak", "Yates", "Abara", "Begum",
    "Chen", "Dimitrova", "Edwards", "Fernandes", "Goldberg", "Horvath", "Islam", "Kovalenko",
    "Llewellyn", "Mahmood", "Nwosu", "Pritchard", "Reyes", "Sokolova", "Tran", "Walsh",
]  # fmt: skip
TITLES = ["Cllr", "Councillor", "Mr", "Mrs", "Ms", "Miss", "Dr", ""]
ROLES = [
    "the chair", "the clerk", "the vice-chair", "the treasurer", "the RFO", "our ward member",
    "the county councillor", "the hall manager", "the footpath warden", "the new councillor",
]  # fmt: skip


# Business without slots would land whole in the train or the dev split: sign-offs vary it.
SIGN_OFFS = ["", "", "", ".", " thanks", ", thanks all", " 👍", " cheers", "!", " x"]


def _person(rng: random.Random) -> str:
    """A person named in one of many ways, from names of many origins."""
    how = rng.random()
    if how < 0.25:
        return rng.choice(FIRST_NAMES)
    if how < 0.6:
        title = rng.choice(TITLES)
        return f"{title} {rng.choice(SURNAMES)}".strip()
    if how < 0.8:
        return f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"
    if how < 0.9:
        return rng.choice(ROLES)
    return rng.choice(NAMES)


INSULT_ADJ = [
    "absolute", "utter", "complete", "total", "prize", "sad", "pathetic", "miserable", "ugly",
    "fat", "old", "smug", "gormless", "clueless", "brainless", "spineless", "gutless", "idle",
    "bone idle", "lazy", "thick", "dense", "dozy", "silly", "stupid", "nasty", "vile", "horrible",
    "snivelling", "whining", "pompous", "jumped-up", "self-important", "two-faced", "slimy",
    "daft", "bumbling", "senile", "decrepit", "dribbling", "mouthy", "gobby", "sour-faced",
    "sanctimonious", "halfwitted", "pea-brained", "bitter", "sneaky", "toxic", "creepy",
    "wretched", "feeble", "useless", "hopeless", "ignorant", "sorry excuse for a",
]  # fmt: skip
INSULT_NOUN = [
    "weapon", "bat", "goat", "hag", "lump", "worm", "oaf", "creep", "cow", "mare", "plank",
    "numpty", "nugget", "melt", "wazzock", "pillock", "plonker", "berk", "git", "prat", "tit",
    "numbskull", "dipstick", "bozo", "wally", "twerp", "muppet", "nonentity", "toad", "rat",
    "slug", "maggot", "leech", "troll", "fossil", "windbag", "gasbag", "busybody", "jobsworth",
    "coward", "weasel", "snake", "cockroach", "dunce", "simpleton", "imbecile", "halfwit",
    "nitwit", "dimwit", "dope", "doughnut", "spanner", "wet wipe", "wet lettuce", "bampot",
    "clown", "crank", "crackpot", "nutter", "lunatic", "freak", "bully", "hypocrite", "sheep",
    "parasite", "bigot", "moaner", "loser", "nobody", "witch", "trout", "old boot", "dinosaur",
    "cabbage", "turnip", "clot", "buffoon", "clod", "dolt", "waste of skin", "waste of air",
    "drip", "knob", "tosspot", "scrounger", "sponger", "snob", "gargoyle", "blob", "pig",
]  # fmt: skip
INSULT_FRAMES = [
    "You {adj} {noun}",
    "you {adj} {noun}, nobody asked you",
    "{who} is a{n} {adj} {noun}",
    "{who} is {adj2} and a{n} {noun}",
    "What a{n} {adj} {noun} {who} is",
    "Shut up you {adj} {noun}",
    "Sit down you {noun}",
    "Get lost you {adj} {noun}",
    "{who}, you {adj} {noun}",
    "Oh do one, you {adj} {noun}",
    "{who} you are a{n} {adj} {noun} and everyone knows it",
    "Honestly {who}, you're a{n} {adj} {noun}",
    "Nobody can stand you {who}, you {adj} {noun}",
    "Why would anyone listen to that {adj} {noun} {who}",
    "{who} is the biggest {noun} on this council",
    "Listen to yourself, you {adj} {noun}",
    "Typical {who}, a{n} {adj} {noun} as usual",
    "{who} has the brains of a {noun2}",
    "{who} looks like a {noun2} and acts like one",
    "Shut your {mouth} {who}",
    "{who} should shut {his} {mouth} for once",
    "You're not fit to run a bath, {who}",
    "{who} is too thick to understand a simple agenda",
    "Crawl back under your rock, {who}",
    "Go back to your cave you {noun}",
    "{who} couldn't organise a {event} in a brewery",
    "{who}, you're an embarrassment to this village",
    "Nobody wants you here {who}, just go",
    "Everyone's laughing at you {who}, you {noun}",
    "{who} has a face like a {face}",
    "{who} has got a face only a mother could love",
    "You make me sick {who}",
    "{who} is a nasty bitter little {noun}",
    "Get back in your box {who}",
    "Keep your trap shut you {adj} {noun}",
    "You are a{n} {adj} {noun} {who}",
    "Why don't you do us all a favour and resign, you {noun}",
    "I can't stand that {adj} {noun}",
    "The {role2} is a{n} {adj} {noun}",
    "What planet are you on you {adj} {noun}",
]  # fmt: skip
NOUN2 = ["goldfish", "rock", "potato", "brick", "plank", "pigeon", "sheep", "turnip", "doorknob"]
MOUTH = ["gob", "trap", "mouth", "cakehole", "big mouth"]
FACES = [
    "slapped arse", "bulldog chewing a wasp", "smacked bottom", "wet weekend", "bag of spanners",
    "dropped pie", "melted welly", "robber's dog",
]  # fmt: skip
EVENTS = ["raffle", "bun fight", "coffee morning", "jumble sale", "tea party", "piss-up"]

THREAT_BAD = [
    "burnt down", "got smashed up", "caught fire", "had an accident", "got vandalised",
    "was broken into", "went up in flames", "got wrecked", "got keyed", "was torched",
    "ended up in the river", "had its windows put through",
]  # fmt: skip
THREAT_FRAMES = [
    "Lovely {p} you've got on {street}, would be terrible if it {bad}",
    "It'd be awful if your {p} {bad}",
    "Would be a tragedy if your {p} {bad} one night",
    "Nice {p}. Shame if it {bad}",
    "I'd think very carefully before you {act}, for your own sake",
    "Think hard before you {act}, {who}. For your own good",
    "For your own safety I wouldn't {act}",
    "Your {k} {walk} on their own, don't they",
    "I know what time your {k} {walk}",
    "I know where your {k} {walk}",
    "Keep going with this and you'll find out what happens to people who cross me",
    "People who cross me end up regretting it, {who}",
    "One of these nights someone will be waiting for you {where}",
    "Someone will be waiting for you {where}, {who}",
    "You won't be smiling when your {p} {bad}",
    "Don't be surprised if you wake up to {damage}",
    "Don't be shocked when you find {damage}",
    "I'm going to come round and sort you out, {who}",
    "I'll be round yours tonight {who}, we'll settle this properly",
    "You have no idea who you're dealing with, {who}. You'll regret this",
    "You'll regret crossing me",
    "People who grass end up in a ditch round here",
    "Grasses get what they deserve in this village",
    "If {t} goes through I'll make sure you pay for it personally",
    "You'll pay for this {who}, one way or another",
    "I'll break your {body} if you come near my land again",
    "Come near my {p} again and I'll break your {body}",
    "I'll knock your teeth down your throat, {who}",
    "I'll deck you next time I see you",
    "I'll put you through a wall",
    "We've got your address, {who}, see you soon",
    "I know where you live {who}. See you soon",
    "I know what car you drive and where you park it",
    "Mind how you go on those dark lanes, {who}, it'd be awful if something happened",
    "You'll be leaving this village in an ambulance",
    "You'll leave the next meeting in a box",
    "Keep your nose out or I'll burn your {p} down with you in it",
    "Remember your {k} go to the same {pl} as mine",
    "Somebody ought to put a bullet in {who}",
    "Someone should run {who} over",
    "Someone needs to give {who} a good kicking",
    "Sleep with one eye open, {who}",
    "I'd be looking over my shoulder if I were you, {who}",
    "Your days are numbered on this council, {who}",
    "Last warning {who}. Drop it or else",
    "Drop the complaint about {t} or things will get nasty for you",
    "You'd better hope we never meet on a dark night",
    "There's a lot of accidents on that road, be a shame if you were one",
    "We'll be paying your {k} a visit",
    "Do that again and I'll make sure you can't walk",
    "A petrol can and a match would sort {who}'s {p} out",
    "Your {p} won't be there much longer",
]  # fmt: skip
STREETS = ["Willow Road", "Mill Lane", "Station Road", "the High Street", "Orchard Close",
           "Church Walk", "Meadow View", "the Green", "Back Lane", "Kiln Way"]  # fmt: skip
ACTS = ["vote on Thursday", "object to my plans", "report me", "speak at the meeting",
        "call the enforcement officer", "put that in the minutes", "go to the police"]  # fmt: skip
WALKS = ["walk home from the bus stop", "leave school", "go to football", "get off the bus",
         "play in the park"]  # fmt: skip
WHERES = ["in the car park", "outside the hall", "by your gate", "on the footpath",
          "after the meeting", "at the bus stop"]  # fmt: skip
DAMAGES = ["four flat tyres", "your windows in", "paint stripper on your car",
           "your fence kicked in", "a brick through your window", "your shed on fire"]  # fmt: skip
BODY = ["legs", "arms", "jaw", "neck", "nose", "fingers"]

GROUPS2 = [
    "Polish people", "the Poles", "Lithuanians", "the Irish", "Scots", "the Welsh", "the English",
    "Bulgarians", "Albanians", "Somalis", "Nigerians", "Afghans", "Syrians", "Kurds", "Indians",
    "Bangladeshis", "Pakistanis", "the Chinese", "Asians", "black lads", "black people", "Arabs",
    "Jews", "Muslims", "Hindus", "Sikhs", "Catholics", "Christians", "atheists", "gay couples",
    "lesbians", "gay men", "trans people", "bisexuals", "women", "young mums", "single mums",
    "men", "old people", "pensioners", "teenagers", "disabled people", "people in wheelchairs",
    "autistic people", "deaf people", "people on benefits", "council tenants", "travellers",
    "Gypsies", "Roma", "migrants", "immigrants", "refugees", "asylum seekers", "foreigners",
    "Romanians", "Eastern Europeans", "Africans", "Turks", "Kosovans", "Portuguese workers",
    "Filipinos", "Caribbean families", "mixed-race kids", "Hong Kongers", "Ukrainians",
]  # fmt: skip
SWEEP = [
    "are all {bad}", "are {bad}, every one of them", "are nothing but {bad}", "are always {bad}",
    "are basically {bad}", "are {bad}, the lot of them",
]  # fmt: skip
GROUP_BAD = [
    "drunks", "layabouts", "thieves", "criminals", "liars", "scroungers", "parasites", "animals",
    "vermin", "filthy", "lazy", "thick", "violent", "dirty", "stupid", "freeloaders", "perverts",
    "a menace", "a disease", "a danger to children", "terrorists", "rapists", "benefit cheats",
    "useless", "sick in the head", "mentally ill", "savages", "breeding like rabbits", "trouble",
    "inbred", "spongers", "untrustworthy", "beneath us",
]  # fmt: skip
GROUP_FRAMES = [
    "{G} {sweep}",
    "{G} {sweep}, everyone knows that",
    "Let's face it, {g} {sweep}",
    "Every single one of those {g} is {bad1}",
    "You can't trust {g}, they {sweep}",
    "Once {g} move in the whole street goes downhill",
    "Since {g} arrived this village has gone to the dogs",
    "{G} shouldn't be allowed to {right}",
    "{G} should never be allowed to {right}",
    "No {g} on the council, they {sweep}",
    "{G} control everything round here",
    "{G} are taking all the houses and jobs",
    "{G} will steal anything that isn't nailed down",
    "{G} are ruining the village, send them all home",
    "Get {g} out of our parish",
    "{G} should be moved on for good",
    "Keep {g} away from our kids",
    "Don't let {g} anywhere near the hall",
    "{G} are the ones always causing trouble",
    "The problem with this village is {g}",
    "I wouldn't rent to {g}, they {sweep}",
    "{G} stink, the whole estate smells because of them",
    "{G} are just faking it for the money",
    "{G} can't be trusted to run anything",
    "Typical of {g}, they {sweep}",
    "It's always {g}, isn't it. {G} {sweep}",
    "{G} don't belong in a village like ours",
    "Ban {g} from the allotments, they {sweep}",
]  # fmt: skip
RIGHTS = [
    "vote", "foster", "stand for the council", "use the hall", "live here", "have allotments",
    "run a business here", "teach our children", "adopt", "get a council house", "marry",
]  # fmt: skip

SELL_ITEMS = [
    "seasoned hardwood", "kindling", "a bulk bag of logs", "my old Ford Fiesta", "a trampoline",
    "a dining table and six chairs", "a cot, barely used", "a petrol strimmer", "the kids' bikes",
    "duck eggs", "honey from our own bees", "homemade jam", "a kitchen island", "a greenhouse",
    "rabbit hutches", "bags of manure", "a cement mixer", "a sofa", "my caravan", "garden gnomes",
    "a wedding dress", "a second-hand Aga", "concert tickets", "a pony", "cockapoo puppies",
]  # fmt: skip
SERVICES = [
    "oven cleaning", "personal training", "pressure washing", "cleaning", "handyman jobs",
    "dog grooming", "mobile hairdressing", "ironing", "decluttering", "wedding photography",
    "plastering", "tiling", "bookkeeping", "massage", "reflexology", "lawn care", "hedge trimming",
    "pet sitting", "guitar lessons", "maths tuition", "computer repairs", "carpet cleaning",
    "boiler servicing", "bathroom fitting", "garden clearance", "fence repairs", "cake making",
    "face painting", "mortgage advice", "spray tans", "eyebrow threading", "MOT and servicing",
]  # fmt: skip
SELL_FRAMES = [
    "I've got {item} going, £{small} {delivery}, message me",
    "{Item}, £{price} ono",
    "{Item} for £{small}, you collect",
    "Who wants {item}? £{small}, first to message gets it",
    "Anyone need {service}? Reasonable rates, ring me",
    "Anyone in need of {service}? I've got space this week, drop me a line",
    "{Service} available, first session free, DM for details",
    "{Service} now covering the village, call for availability",
    "{Service}, no job too small, local references",
    "{Service}, spring special this month only",
    "My {kin2} has started doing {service}, please give her a try, mates rates",
    "My {kin2} has just set up a {service} business, please share and support",
    "Looking for {service}? I have two spare mornings a week",
    "Taking bookings now for {service}, limited spaces",
    "{Service} at fair prices, fully insured, text me",
    "{Item} at the end of my drive, honesty box, £{small}",
    "Join my team and earn from your phone, ask me how",
    "Work from home and make £{small}0 a week, no experience needed, message me",
    "Want to lose weight fast? My plan works, message me for a starter pack",
    "Crypto doubled my savings, I can show you how for a small fee",
    "Use my referral code for £{small} off your first box",
    "Discount code VILLAGE{small} for {service}, valid till Sunday",
    "Order your Christmas {item2} now, collection from mine",
    "Free quote for {service}, ring or WhatsApp me",
    "{Service} from £{small}, book through my page",
    "Grab a bargain: {item}, {price} pounds, can deliver",
    "Doing {service} for anyone in the parish, £{small} an hour, cash is fine",
]  # fmt: skip
ITEM2 = ["wreaths", "cakes", "hampers", "puddings", "turkeys", "gift boxes", "trees"]
KIN2 = ["daughter", "son", "niece", "wife", "sister", "nephew", "husband", "brother"]

PARTIES2 = [
    "Labour", "the Conservatives", "the Tories", "the Lib Dems", "the Liberal Democrats",
    "the Greens", "the Green Party", "Reform", "Reform UK", "Plaid Cymru", "the SNP", "UKIP",
    "the Independents", "the Workers Party", "our Labour candidate", "the Tory candidate",
]  # fmt: skip
POLITICAL_FRAMES = [
    "Vote {party} on the {date}, the only party that cares about {t}",
    "{party} will wreck {t}, don't vote for them",
    "Support your {party} candidate {person}, out on the doorstep this weekend",
    "{party} are the only answer, give them your vote",
    "Only {party} will stop {t} going to pot, vote {party}",
    "Come and help us leaflet for {party} on Saturday",
    "Sign the {party} petition and join the party today",
    "Please put a {party} poster in your window, the election is close",
    "{party} out! Everyone vote {party2} in the county elections",
    "Our independent candidate {person} needs your vote on Thursday",
    "Don't waste your vote, only {party} can win here",
    "Join {party}, it's £{small} a month",
    "Make sure you back {party} at the by-election",
    "If you want {t} sorted, put your cross next to {party}",
    "Canvassing for {party} tonight if anyone fancies joining me",
    "{person} is standing for {party} in the county division, please vote for her",
    "Give {party} a kicking at the ballot box",
    "Cast your vote for {party}, they have a plan for {t}",
]  # fmt: skip

ALLEGATION_FRAMES = [
    "{who} has been taking money from {payer} for years",
    "{who} is fiddling the petty cash, I've seen it",
    "Everybody knows {who} got {kin3} the {t} contract, it's a stitch up",
    "{who} is a fraud who lied about {his} qualifications",
    "{who} pocketed the grant money for {t}",
    "{who} has been forging the minutes to cover {his} tracks",
    "{who} is a thief, ask where the {fund} went",
    "{who} is bent, in bed with the developers",
    "{who} has a conviction for {crime2} and nobody's been told",
    "{who} rigged the co-option, corrupt to the core",
    "{who} lies about everything, a compulsive fantasist",
    "{who} paid {himself} out of the {fund} and hid it from the auditor",
    "{who} is a drunk driver, drove home from the pub again last night",
    "{who} takes brown envelopes from {payer}",
    "{who} gets kickbacks on every contract",
    "{who} has been skimming off the {fund}",
    "{who} covered up the missing {fund} money",
    "{who} is on the fiddle and we all know it",
    "{who} falsified the expenses claims",
    "{who} has been claiming for hours {he} never worked",
    "{who} was sacked from {his} last job for theft",
    "{who} is a known {crime3}",
    "{who} doctored the planning report for {kin3}",
    "{who} lied to the auditor about the {fund}",
    "{who} helped {himself} to the {fund}",
    "{who} is abusing {his} position to line {his} pockets",
    "{who} is defrauding the parish",
    "{who} bribed the planning officer",
    "{who} sells off council land to {his} mates on the cheap",
    "{who} has been grooming kids at the youth club",
]  # fmt: skip
PAYERS = ["the builder", "the developer", "the contractor", "Bellway", "the quarry company",
          "the landowner", "the pub landlord"]  # fmt: skip
KIN3 = ["his son-in-law", "her brother", "his mate", "her husband's firm", "his cousin",
        "her nephew"]  # fmt: skip
FUNDS = ["raffle money", "hall fund", "petty cash", "Christmas lights fund", "precept",
         "youth club grant", "memorial fund", "section 137 money"]  # fmt: skip
CRIME2 = ["fraud", "theft", "assault", "drink driving", "embezzlement", "burglary"]
CRIME3 = ["fraudster", "thief", "con artist", "crook", "shoplifter", "wife beater"]

# Ordinary business that borrows a breach's words, and plain business naming anyone.
TRAPS = [
    "The bat survey for the barn conversion at {street} found a roost, so works must wait",
    "Cricket club needs a new bat and pads for the juniors, can we use the sports grant?",
    "The police weapons amnesty bin is at the station until the end of the month",
    "The goats on the allotment have escaped again, {who} is rounding them up",
    "There's a rat problem by the bins behind the hall, pest control booked for {d}",
    "Toad crossing volunteers needed on {street} in March",
    "Cows are on the footpath by the brook, please shut the gate",
    "The pig roast at the fete raised £{small}0 for the hall",
    "The old school building is ugly but listed, we can't knock it down",
    "The bus shelter is an eyesore and needs replacing",
    "The consultation response was pretty useless to be honest, we should push back",
    "That new one-way system is a stupid idea, I'll be voting against it",
    "The plan for {t} is daft, the money is better spent on the footpaths",
    "I disagree with {who} on {t} and I'd like my objection minuted",
    "Frankly I think the decision on {t} was a mistake",
    "The lump sum from the county will cover {t}",
    "The wormery at the school is thriving, the kids love it",
    "Mission creep on the neighbourhood plan, let's keep it focused",
    "The clown at the children's party was brilliant, {who} booked him",
    "Snakes and ladders and board games at the over-60s club on {d}",
    "The magician and the face painter are booked for the fete",
    "The absolute majority needed for the co-option was not reached",
    "That storm absolutely battered the marquee",
    "The youth club is absolutely smashing it, {n}0 kids on Friday",
    "Our lot absolutely destroyed Barton in the quiz, well done team",
    "Great job everyone, the flower show was a knockout",
    "The lads from the rugby club gave the pavilion a proper blitz",
    "Old Tom's bench is being installed on {d}, his family will be there",
    "{who} is a legend, the hall has never looked better",
    "{who} is a star for sorting {t}",
    "You absolute star {who}, thank you",
    "You absolute legend, the new website is brilliant",
    "{who}, you're a genius, the spreadsheet works perfectly",
    "Cheeky monkey {who} has already eaten all the biscuits",
    "Mind how you go in this weather everyone, the lanes are icy",
    "It'd be awful if the bus service was cut, please respond to the consultation",
    "It would be terrible if we lost the post office, please use it",
    "Would be a shame if the fete was rained off, fingers crossed",
    "Lovely garden you've got on {street}, {who}, it should enter Britain in Bloom",
    "Think very carefully before you vote on the precept, it affects every household",
    "I'll be round on {d} to drop off the keys, {who}",
    "See you soon {who}, safe travels",
    "I know where you live is hard to find, the postcode sends people to the farm",
    "Someone will be waiting for the contractor at the hall at 8am",
    "I'll be waiting for you in the car park with the spare chairs",
    "The shed at the allotments burnt down last year, the insurance paid out",
    "The fire brigade will do a controlled burn on the common on {d}",
    "Bonfire safety: keep children away from the fire and have a bucket ready",
    "The ambulance station consultation is open, response times have got worse",
    "Highways say the accident on the bypass was caused by ice",
    "Kill the lights in the hall when you leave please, the bill was huge",
    "The hedge on {street} needs a good beating back",
    "We'll smash the fundraising target at this rate",
    "Let's knock the budget item on the head tonight",
    "Break a leg at the panto tonight everyone",
    "The PCSO says the break-ins on {street} were the same gang, they've been arrested",
    "Vandals broke the bus shelter glass again, crime number {ref}",
    "Police are investigating threatening letters sent to residents, report anything odd",
    "The Polish club has booked the hall for a christening",
    "The Muslim section of the cemetery needs a new path",
    "Irish dancing classes start in the small hall on {d}",
    "The county's traveller liaison officer will attend the next meeting",
    "The travellers moved on from the lay-by yesterday and the county cleared the site",
    "The older residents' lunch club is on {d}, transport can be arranged",
    "We need two more disabled parking bays outside the surgery",
    "The women's football team won the county cup, congratulations",
    "The LGBT history month display in the library looks great",
    "The Jewish community centre has invited us to its open day",
    "The Pakistani restaurant on the high street has sponsored the hanging baskets",
    "ESOL classes for refugees are running at the library, volunteers welcome",
    "A talk for Black History Month is on at the school on {d}",
    "Trans awareness training for staff is booked for {d}",
    "The Gurdwara is running a free community meal on Sunday, all welcome",
    "The Hindu temple's Diwali celebration is on the green, fireworks at 8",
    "The Ukrainian families hosted by residents have organised a thank-you lunch",
    "The Romanian family who run the café are catering the volunteers' lunch",
    "Eastern European workers on the farm have asked about the bus times",
    "The survey found young people feel there is nothing to do in the village",
    "Pensioners can get a free bus pass from the county",
    "Wheelchair access to the pavilion is on the agenda, we need a ramp",
    "The autism-friendly session at the pool is on Saturdays",
    "Hall hire rates from April: main hall £{small} per hour, small room £{small} per hour",
    "Payments for approval: {who} £{money}, SLCC subs £{small}.00, water rates £{small}.40",
    "Three quotes for {t}: £{money}, £{money} and £{money}, recommend the lowest",
    "The contractor's quote for {t} includes VAT, £{money} in total",
    "Tickets for the jubilee lunch are £{small} from the shop or the clerk",
    "The farmers' market is back on the green, stallholders contact the clerk",
    "The scouts are doing a car wash on Sunday to raise money for camp",
    "The Friends of the Park are selling calendars at £{small} to fund the bulbs",
    "The café at the hall reopens on {d}, new opening hours on the door",
    "The shop is looking for volunteers to cover Saturday mornings",
    "The school PTA is running a second-hand uniform sale, all money to the school",
    "The village hall has a new price list for wedding hire on the website",
    "Free community defib training at the hall on {d}, book with the clerk",
    "Internal audit found two invoices paid twice, the supplier has refunded both",
    "The bank says the missing payment was a clerical error, now corrected",
    "The auditor's report is on the website, no matters raised",
    "Section 106 money from the Meadow View development will pay for the goalposts",
    "The CIL receipts are £{money} this year, to be spent on {t}",
    "{who} declared a pecuniary interest in {t} and left the room",
    "The contract for {t} went to the lowest of three quotes, as standing orders require",
    "The clerk reconciled the petty cash, it balances to the penny",
    "The treasurer's report shows a surplus of £{money}",
    "The boundary dispute at {street} went to court and has now been settled",
    "The magistrates fined the fly tipper £{small}0, the council's evidence helped",
    "The code of conduct complaint against a councillor was dismissed by the monitoring officer",
    "The election notice for the by-election is up, nominations close on the {n}th",
    "The hall is a polling station on Thursday, the toddler group moves to the church",
    "We should invite the MP to the annual parish meeting, regardless of party",
    "The county councillor's report is attached, mostly about the highways budget",
    "Voting for the community award closes Friday, the shortlist is online",
    "Our neighbourhood plan passed the referendum with {n}0% voting yes",
    "The motion on {t} was carried 7 votes to 2",
    "{who} proposed and {who2} seconded that the accounts be approved, carried",
    "Item {n} is exempt under the Public Bodies (Admission to Meetings) Act 1960",
    "Resolved: that the press and public be excluded for item {n}",
    "Planning ref {yy}/0{ref}/HH, rear extension at {n} {street}, no objection",
    "Application for change of use at the former Red Lion on {street}, comments close soon",
    "Under 11s won {n}-1 against Barton on Sunday, brilliant effort",
    "Cricket results: Haddon {n}87 for 6, Little Brickhill {n}54 all out",
    "Darts league: the Plough beat the Bell 7-2, {who} hit a 180",
    "Bowls club results: won 3 rinks out of 4 against Toddington",
    "The pub quiz team destroyed the opposition, well done the Plough",
]  # fmt: skip
NAMED_BUSINESS2 = [
    "Thanks to {who} for donating the Christmas tree again this year",
    "Welcome to {who}, who joins us as our new clerk on {d}",
    "Apologies from {who} and {who2}, both at work",
    "{who} from the surgery will give a talk on flu jabs at the next meeting",
    "{who} asked about the broken street light on {street}, I've reported it",
    "{who} has kindly offered to do the risk assessment for the play park",
    "{who} fixed the lock on the hall door, thanks",
    "Allotment plot {n} is vacant, next on the waiting list is {who}",
    "{who}'s planning appeal was upheld by the inspector",
    "The memorial bench for {who} is being installed on {d}",
    "{who} wants to know if we can borrow the gazebos for the school fair",
    "Nice one {who}, the new website looks really professional",
    "Could {who} chase the insurance claim for the fallen tree?",
    "{who} will send the draft response to the local plan by {d}",
    "{who} is retiring after 30 years as lollipop lady, we're organising a card",
    "{who} has asked for the footpath by the brook to go on the agenda",
    "{who} says the bins on the rec are overflowing again",
    "{who} is stepping in as acting clerk while {who2} is off sick",
    "Parish magazine articles to {who} by the 15th please",
    "{who} has been co-opted onto the council, welcome aboard",
    "{who} raised concerns about the speed of traffic on {street}",
    "{who} and {who2} counted the votes for the community award",
    "Condolences to {who} and family, a lovely man who did so much for the village",
]  # fmt: skip


def _fill2(template: str, rng: random.Random) -> str:
    adj = rng.choice(INSULT_ADJ)
    noun = rng.choice(INSULT_NOUN)
    first_word = adj if "{adj}" in template.split("{noun}", maxsplit=1)[0] else noun
    item = rng.choice(SELL_ITEMS)
    service = rng.choice(SERVICES)
    he = rng.choice(["he", "she"])
    values = {
        "who": _person(rng), "who2": _person(rng), "person": _person(rng), "adj": adj,
        "adj2": rng.choice(INSULT_ADJ[5:40]), "noun": noun, "noun2": rng.choice(NOUN2),
        "n": "n" if first_word[:1] in "aeiou" else "", "mouth": rng.choice(MOUTH),
        "face": rng.choice(FACES), "event": rng.choice(EVENTS), "role2": rng.choice(ROLES)[4:],
        "his": "his" if he == "he" else "her", "himself": "himself" if he == "he" else "herself",
        "he": he, "p": rng.choice(PROPERTY), "k": rng.choice(KIN), "pl": rng.choice(PLACES),
        "street": rng.choice(STREETS), "bad": rng.choice(THREAT_BAD), "act": rng.choice(ACTS),
        "walk": rng.choice(WALKS), "where": rng.choice(WHERES), "damage": rng.choice(DAMAGES),
        "body": rng.choice(BODY), "t": rng.choice(TOPICS), "item": item,
        "Item": item[:1].upper() + item[1:], "service": service,
        "Service": service[:1].upper() + service[1:], "item2": rng.choice(ITEM2),
        "kin2": rng.choice(KIN2), "delivery": rng.choice(["delivered", "collected", "a load", ""]),
        "price": str(rng.choice([40, 60, 85, 120, 250, 900, 1500, 3200])),
        "party": rng.choice(PARTIES2), "party2": rng.choice(PARTIES2),
        "date": rng.choice(["2nd of May", "4th of July", "7th", "first Thursday in May"]),
        "payer": rng.choice(PAYERS), "kin3": rng.choice(KIN3), "fund": rng.choice(FUNDS),
        "crime2": rng.choice(CRIME2), "crime3": rng.choice(CRIME3), "d": rng.choice(DAYS),
        "small": str(rng.randint(2, 60)), "ref": str(rng.randint(1000, 9999)),
        "money": f"{rng.randint(1, 40)},{rng.randint(100, 999)}", "yy": str(rng.randint(22, 26)),
        "site": rng.choice(SITES),
    }  # fmt: skip
    values["thing"] = rng.choice(THINGS).format(street=values["street"])
    if "{n}" in template and "{noun}" not in template:
        values["n"] = str(rng.randint(2, 14))
    text = template.format(**values)
    return text[:1].upper() + text[1:]


def _group_message2(rng: random.Random) -> str:
    group = rng.choice(GROUPS2 + GROUPS)
    bad = rng.choice(GROUP_BAD)
    sweep = rng.choice(SWEEP).format(bad=bad)
    text = rng.choice(GROUP_FRAMES).format(
        g=group, G=group[:1].upper() + group[1:], sweep=sweep, bad1=bad, right=rng.choice(RIGHTS)
    )
    return text[:1].upper() + text[1:]


def evade2(text: str, rng: random.Random) -> str:
    """More disguises: dotted letters, spaced words, mixed leet and homoglyphs, lower case."""
    how = rng.random()
    if how < 0.25:
        words = text.split(" ")
        picks = [i for i, w in enumerate(words) if len(w) > 2]
        if picks:
            i = rng.choice(picks)
            words[i] = rng.choice([".", "-", "*", "_"]).join(words[i])
        return " ".join(words)
    if how < 0.4:
        return text.lower().replace(",", "").replace(".", "")
    return evade(text, rng)


def generate_extra(rng: random.Random) -> list[tuple[str, list[str], str]]:
    """The second round of messages: (text, rules, kind)."""
    out: list[tuple[str, list[str], str]] = []
    for _ in range(3200):
        out.append((_fill2(rng.choice(TRAPS), rng) + rng.choice(SIGN_OFFS), [], "business"))
    for _ in range(1400):
        out.append(
            (_fill2(rng.choice(NAMED_BUSINESS2), rng) + rng.choice(SIGN_OFFS), [], "business")
        )
    breaches = [
        (INSULT_FRAMES, "abuse", 1800), (THREAT_FRAMES, "threat", 1100),
        (SELL_FRAMES, "commercial", 1000), (POLITICAL_FRAMES, "political", 500),
        (ALLEGATION_FRAMES, "allegation", 900),
    ]  # fmt: skip
    for templates, rule, count in breaches:
        for _ in range(count):
            text = _fill2(rng.choice(templates), rng)
            if rng.random() < 0.3:
                text = evade2(text, rng)
            out.append((text + rng.choice(EMOJI), [rule], "breach"))
    for _ in range(1200):
        text = _group_message2(rng)
        if rng.random() < 0.3:
            text = evade2(text, rng)
        out.append((text + rng.choice(EMOJI), ["discrimination"], "breach"))
    return out


# Third round: breaches composed from an opener, a body and a call to action, so the scorers
# learn the kind of sentence rather than its template.
SALE_OPENERS = [
    "", "For sale: ", "Selling ", "Going cheap: ", "Must go: ", "Quick sale: ", "Bargain: ",
    "Clearing out the garage, ", "Moving house so ", "Anyone interested? ", "Offers please: ",
    "Up for grabs: ", "Just listed: ", "Still available: ", "Reduced! ",
]  # fmt: skip
SALE_THINGS = [
    "an ex-display hot tub", "a brand new phone, still boxed", "a mountain bike", "a fridge freezer",
    "two season tickets", "a rowing machine", "a double buggy", "a chest of drawers", "a ride-on toy",
    "a camper van", "a laptop, hardly used", "a leather sofa", "an electric scooter", "a shed kit",
    "a games console", "a pair of football boots", "a garden bench", "festival tickets",
    "a patio heater", "a pizza oven", "a dog crate", "a set of alloy wheels", "a log burner",
    "a wardrobe", "a chainsaw", "a trailer", "baby clothes", "a TV", "a piano", "a horsebox",
]  # fmt: skip
TRADES = [
    "electrician", "plumber", "roofer", "painter and decorator", "joiner", "locksmith", "gardener",
    "tree surgeon", "mechanic", "cleaner", "childminder", "dog walker", "photographer", "tutor",
    "hairdresser", "beautician", "builder", "window cleaner", "chimney sweep", "upholsterer",
    "mortgage broker", "financial adviser", "estate agent", "personal trainer", "caterer", "DJ",
    "wedding planner", "nail tech", "barber", "driving instructor", "web designer", "accountant",
]  # fmt: skip
MADE_THINGS = [
    "birthday cakes", "baby blankets", "candles", "soaps", "greetings cards", "dog treats",
    "wreaths", "jewellery", "cushions", "brownies", "curry boxes", "Sunday roasts to take away",
    "knitted toys", "wooden planters", "bird boxes", "pet portraits", "hampers", "cupcakes",
]  # fmt: skip
SALE_DETAILS = [
    "", "excellent condition", "barely used", "one careful owner", "still under warranty",
    "all flavours", "made to order", "bespoke designs", "fully qualified", "DBS checked",
    "20 years' experience", "local and reliable", "no call-out charge", "evenings and weekends",
    "grain free", "all handmade", "same-day service", "fully insured", "five-star reviews",
]  # fmt: skip
PRICES = [
    "£{p}", "£{p} ono", "£{p} or near offer", "£{p} cash", "only £{p}", "from £{p}",
    "£{p} each", "£{p} for the lot", "silly price", "open to offers", "face value", "half price",
    "£{p} a session", "£{p} per hour", "{p} quid", "free to a good home if you buy the stand",
]  # fmt: skip
CALLS = [
    "message me", "DM me", "PM me", "inbox me", "drop me a message", "text me", "WhatsApp me",
    "ring me", "call {name1}", "link in the comments", "link in my bio", "details on my page",
    "first to come gets it", "collection only", "can deliver", "book now", "order now",
    "get in touch", "any takers?", "tag a friend", "share please", "pop round to see it",
    "free quote", "free consultation", "mention this group for 10% off", "limited slots left",
]  # fmt: skip
PITCHES = [
    "Be your own boss and earn from home", "Passive income opportunity, no experience needed",
    "Looking for people to join my team", "I'm now a brand ambassador, ask me how you can be one",
    "Made £{p}0 last month from my phone", "Want extra cash for Christmas? I can show you how",
    "Investment opportunity with great returns", "New business launch, support local",
    "I've started a little business from home", "Side hustle alert",
]  # fmt: skip


def _sale(rng: random.Random) -> str:
    p = str(rng.choice([5, 8, 12, 20, 25, 35, 45, 60, 75, 90, 120, 150, 250, 400, 650, 1200]))
    price = rng.choice(PRICES).format(p=p)
    call = rng.choice(CALLS).format(name1=rng.choice(FIRST_NAMES))
    detail = rng.choice(SALE_DETAILS)
    how = rng.random()
    if how < 0.35:
        body = rng.choice(SALE_OPENERS) + rng.choice(SALE_THINGS)
    elif how < 0.65:
        trade = rng.choice(TRADES)
        body = rng.choice(
            [
                f"{trade.capitalize()} available",
                f"Local {trade} here",
                f"I'm a {trade}, happy to quote for any work",
                f"Need a {trade}? I'm taking on new customers",
                f"My {rng.choice(KIN2)} is a {trade}, cheaper than the big firms",
                f"Qualified {trade} with space in the diary",
                f"Looking for a {trade}? Look no further",
            ]
        )
    elif how < 0.85:
        thing = rng.choice(MADE_THINGS)
        body = rng.choice(
            [
                f"Offering {thing}", f"Taking orders for {thing}", f"Homemade {thing}",
                f"I make {thing} to order", f"Selling my {thing}", f"Beautiful {thing}",
            ]
        )  # fmt: skip
    else:
        body = rng.choice(PITCHES).format(p=p)
    parts = [body] + [x for x in (detail, price, call) if x and rng.random() < 0.8]
    return ", ".join(parts)


THREAT_OPENERS = [
    "", "{who}, ", "Listen {who}, ", "Final warning: ", "Consider this a warning. ",
    "You've been warned. ", "Just so you know, ", "Word of advice {who}: ",
]  # fmt: skip
THREAT_CONDITIONS = [
    "If you report me again", "If that planning objection goes in", "If you carry on like this",
    "If I find out who complained", "If you say one more word about me",
    "If you come near my land again", "If you go to the police", "If this gets minuted",
    "If you vote against me", "If my name comes up again",
]  # fmt: skip
THREAT_CONSEQUENCES = [
    "you'll wish you'd never been born", "you'll regret it", "you'll be sorry",
    "you'll get hurt", "I'll make your life a misery", "I'll come for you",
    "things will get very nasty", "I won't be responsible for what happens",
    "you'll find out what I'm capable of", "I'll have you", "you'll end up in hospital",
    "your {p} will pay for it", "don't expect your {p} to survive the week",
    "I'll be paying you a visit", "your family will hear from me",
]  # fmt: skip
ROUTINES = [
    "walk the dog by the canal", "lock up the hall", "leave the office", "go jogging",
    "park on the drive", "pick the kids up", "get the last bus", "go to the gym",
    "walk home from the pub", "put the bins out", "go to bed",
]  # fmt: skip
VIOLENT = [
    "throttle", "strangle", "batter", "kick the living daylights out of", "punch", "glass",
    "knock out", "smash", "hurt", "bury", "finish off", "do over", "stab", "shoot",
    "run over", "break", "wring the neck of", "flatten",
]  # fmt: skip
VEILED = [
    "Would hate for anything to happen to your {k}", "Be careful out there {who}",
    "Watch yourself {who}", "It's not safe for people like you round here",
    "I know people who'd sort you out for a tenner", "Lovely {k} you've got. Keep them safe",
    "Best keep your curtains shut at night", "Best lock your doors tonight",
    "It'd be a real shame if your {p} wasn't there in the morning",
    "Things have a way of catching fire round here", "Your {p} would go up a treat",
    "Funny how accidents happen to people who make trouble",
    "Nobody would miss you if you disappeared, {who}", "Enjoy your last meeting, {who}",
    "We'll see how brave you are when nobody's watching", "Don't walk home alone, {who}",
    "I hope you've got good insurance on that {p}",
]  # fmt: skip


def _threat(rng: random.Random) -> str:
    who = _person(rng)
    fill = {"who": who, "p": rng.choice(PROPERTY), "k": rng.choice(KIN)}
    opener = rng.choice(THREAT_OPENERS).format(**fill)
    how = rng.random()
    if how < 0.3:
        body = f"{rng.choice(THREAT_CONDITIONS)} {rng.choice(THREAT_CONSEQUENCES)}"
    elif how < 0.5:
        routine = rng.choice(ROUTINES)
        body = rng.choice(
            [
                f"we know you {routine} every night", f"I know what time you {routine}",
                f"I've watched you {routine}", f"remember I see you {routine}",
                f"you {routine} at the same time every day, don't you",
            ]
        )  # fmt: skip
    elif how < 0.75:
        target = rng.choice([who, "you", "that clerk", "the chair", "whoever complained"])
        body = rng.choice(
            [
                f"I'll {rng.choice(VIOLENT)} {target}",
                f"I'm going to {rng.choice(VIOLENT)} {target}",
                f"someone should {rng.choice(VIOLENT)} {target}",
                f"I swear I'll {rng.choice(VIOLENT)} {target} with my bare hands",
                f"I could happily {rng.choice(VIOLENT)} {target}",
            ]
        )  # fmt: skip
    else:
        body = rng.choice(VEILED).format(**fill)
    text = opener + body
    return text[:1].upper() + text[1:]


SWEEP_VERBS = [
    "scam the system", "cheat", "nick anything they can", "steal", "take our jobs",
    "don't integrate", "keep to themselves and cheat", "breed like rats", "bring disease",
    "lie", "smell", "drink all day", "sponge off the rest of us", "can't be trusted",
    "always cause trouble", "ruin every place they go", "need to be kept out",
    "are a burden on everyone", "are a drain on the NHS", "are too stupid to vote",
    "should go back where they came from", "have no place in this village",
    "are all the same", "are born thieves", "are all extremists", "are all perverts",
    "are all thick", "are useless", "are disgusting",
]  # fmt: skip
SWEEP_FRAMES = [
    "{G} {v}", "All {g} {v}", "{G}, they {v}", "Honestly, {g} {v}", "{G} always {v0}",
    "It's a well known fact that {g} {v}", "Every one of them {v}, {g}",
    "The estate's full of {g} now and it's a no-go zone", "This village is overrun with {g}",
    "The council is overrun with {g} who haven't a clue", "No more housing for {g}, they {v}",
    "{G}? {V}, the lot of them", "Never trust {g}, they {v}", "{G} ruin everything",
    "{G} and their kind {v}", "Don't let {g} near the hall, they {v}",
    "We don't want {g} here, they {v}", "{G} are a plague", "Get rid of {g}, they {v}",
    "It's in their blood, {g} {v}", "I'd never employ {g}, they {v}",
]  # fmt: skip


def _sweep(rng: random.Random) -> str:
    group = rng.choice(GROUPS2 + GROUPS)
    verb = rng.choice(SWEEP_VERBS)
    v0 = re.sub(r"^(are|can't|don't|have|need to|should) ", "", verb)
    text = rng.choice(SWEEP_FRAMES).format(
        g=group, G=group[:1].upper() + group[1:], v=verb, V=verb[:1].upper() + verb[1:], v0=v0
    )
    return text[:1].upper() + text[1:]


ACCUSE_ACTS = [
    "stole", "nicked", "pinched", "pocketed", "embezzled", "siphoned off", "helped himself to",
    "made off with", "fiddled", "laundered", "cooked the books on", "lied about",
]  # fmt: skip
ACCUSE_OBJECTS = [
    "the charity tin", "the raffle takings", "the grant money", "the hall float", "the lottery money",
    "the Christmas fund", "the football club subs", "the memorial fund", "the parish funds",
    "the allotment rents", "the donations", "the expenses", "the precept money", "the car park takings",
]  # fmt: skip
ACCUSE_CLAIMS = [
    "accepted a holiday from the developer, that's why {he} voted yes",
    "took bribes to wave through the plans", "is running a cannabis farm out of {his} garage",
    "is dealing drugs from the allotment shed", "is a convicted paedophile",
    "has a record for violence", "was arrested for fraud last year", "is an embezzler",
    "fiddled the tender so {his} brother would win", "is having the planning officer on",
    "forged the signatures on the petition", "drinks and drives every weekend",
    "is a benefits fraud", "sold the parish's land to {his} mate for a pound",
    "takes cash in hand from the contractors", "is a kiddie fiddler",
    "has been falsifying the attendance records", "has been at it for years, a proper crook",
    "got a backhander for the tarmac contract", "cheated the residents out of thousands",
    "is stealing from old people", "rigged the election count",
]  # fmt: skip
ACCUSE_TAILS = [
    "", ", I've seen it", ", everyone knows", ", ask anyone", ", it's common knowledge",
    ", and nobody does anything", ", and the council covers for {him}", ", true story",
    ", mark my words", ", I have proof",
]  # fmt: skip


def _accuse(rng: random.Random) -> str:
    he = rng.choice(["he", "she"])
    fill = {"he": he, "his": "his" if he == "he" else "her", "him": "him" if he == "he" else "her"}
    who = _person(rng)
    if rng.random() < 0.45:
        act = rng.choice(ACCUSE_ACTS).replace("himself", "himself" if he == "he" else "herself")
        body = f"{who} {act} {rng.choice(ACCUSE_OBJECTS)}"
    else:
        body = f"{who} {rng.choice(ACCUSE_CLAIMS).format(**fill)}"
    text = body + rng.choice(ACCUSE_TAILS).format(**fill)
    return text[:1].upper() + text[1:]


PARTY_CALLS = [
    "vote {party}", "vote for {party}", "back {party}", "support {party}", "join {party}",
    "become a member of {party}", "help {party} win", "give {party} your vote",
    "put your cross next to {party}", "kick out {party}", "keep {party} out", "don't trust {party}",
    "sign up to {party}'s campaign", "deliver leaflets for {party}", "come to {party}'s meeting",
]  # fmt: skip
PARTY_REASONS = [
    "", "they'll fix the roads", "they're the only ones who care about the countryside",
    "they've delivered for this county", "they'll stop the housing estates", "they'll save the NHS",
    "they've ruined everything", "it's time for change", "they'll stop the boats",
    "they got the bypass built", "the election's on Thursday", "every vote counts",
    "join the movement", "we need a change of government",
]  # fmt: skip


def _campaign(rng: random.Random) -> str:
    party = rng.choice(PARTIES2)
    call = rng.choice(PARTY_CALLS).format(party=party)
    reason = rng.choice(PARTY_REASONS)
    frame = rng.choice(["{c}", "{C}, {r}", "Please {c}, {r}", "{C}! {R}", "{R}, so {c}",
                        "Everyone {c} at the election", "{C} in May"])  # fmt: skip
    text = frame.format(
        c=call, C=call[:1].upper() + call[1:], r=reason, R=(reason[:1].upper() + reason[1:])
    )
    return text.strip(", ")[:1].upper() + text.strip(", ")[1:]


TRAPS2 = [
    "Quote from the electrician for the hall lights is £{money}, on the agenda",
    "The free consultation on the local plan closes on the {n}th, drop-in at the library",
    "Panto tickets are on sale at the shop, all proceeds to the school",
    "Book the hall through the website, the availability calendar is up to date",
    "Message the clerk for a booking form for the small hall",
    "The contractor will be on site at 8, please keep the car park clear",
    "The frost will kill off the new bedding plants if we plant too early",
    "The hall roof is going to collapse if we don't get it fixed this year",
    "Someone will get hurt on that broken swing, it needs taping off today",
    "Accidents happen at that junction every winter, we need a mirror",
    "I'll be at the hall at 6 tomorrow to open up for the contractor",
    "If your dog is nervous keep your curtains shut during the fireworks",
    "Dog walkers use the canal path every night, so the lighting matters",
    "The storm will wreck the marquee if we leave it up",
    "The developers have been warned that enforcement action will follow",
    "The county has warned that the bridge will close if the repairs are not done",
    "The enforcement officer says the owner faces prosecution if the hedge isn't cut",
    "The police have arrested a man for the shed burglaries on {street}",
    "A man has been charged with theft from the church, the case is at the magistrates",
    "The auditor asked for evidence of the three quotes for {t}",
    "The clerk banked the raffle takings, £{small}3 in total",
    "The treasurer has counted the donations from the fete, {n}00 pounds",
    "The grant money for {t} has arrived, £{money}",
    "The allotment rents have all been paid except two plots",
    "Councillor expenses for the year are published on the website, £{small} in total",
    "The Christmas fund stands at £{money}, thanks for all the donations",
    "Electric scooter safety talk by the police at the school on {d}",
    "The fridge freezer in the hall kitchen has broken, can we get a replacement?",
    "The hall needs a new piano tuner, the old one has retired",
    "Does anyone know a good electrician? The hall's fuse box keeps tripping",
    "Can anyone recommend a tree surgeon for the oak on the green? We need three quotes",
    "The football club is looking for a new kit sponsor, please ask local businesses",
    "The library has a free computer help session for older residents on {d}",
    "The shop has closed for refurbishment, reopening on {d}",
    "Residents can order a free compost bin from the county website",
    "The county is offering free trees for schools and parishes, order by the {n}th",
    "We have been quoted £{money} for the resurfacing, I think it's too much",
    "Our MP has replied about the bus cuts, letter attached",
    "The Conservative group on the county council has proposed cutting the library hours",
    "Labour and Lib Dem county councillors both attended the flood meeting",
    "The Green Party candidate asked to use the hall for a hustings, all candidates are invited",
    "Purdah starts next week, so no council publicity until after the election",
    "The annual canvass forms from the electoral office are arriving this week",
    "Please return your electoral registration form, it's not a vote",
    "The vote on the precept will be recorded, as the regulations require",
    "The chair has the casting vote if it's a tie",
    "A member of the public asked whether councillors are paid, they aren't",
    "The Somali community group has asked about hall hire on Sunday afternoons",
    "Nigerian Independence Day celebration at the community centre, all welcome",
    "The Welsh choir is performing in the church on {d}",
    "Women make up half the council for the first time, which is great",
    "Wheelchair users have asked for dropped kerbs by the shop",
    "Young people from the youth club are painting the mural on the underpass",
    "The Hindu and Sikh temples are running a joint blood donor session",
    "The Gypsy and Traveller site consultation has had {n}0 responses",
    "The estate has a new residents' association, the chair is {who}",
    "Immigration advice drop-in at the library is run by the county",
    "Can we get an interpreter for the Polish-speaking residents at the meeting?",
    "The report found that older people feel isolated in the village",
    "Gay and lesbian couples are welcome at the over-60s dance, the organisers say",
    "{who} is a real credit to the village, thank you for everything",
    "{who} you are a diamond, thanks for the lift",
    "Cheers {who}, you're a lifesaver",
    "You lot are brilliant, the hall has never looked so good",
    "What a top bloke {who} is, fixed the gate for nothing",
    "Don't be daft {who}, it was no trouble at all",
    "Silly me, I put the wrong date on the agenda, it's the {n}th",
    "I was an idiot and left the hall keys at home, sorry all",
    "The kids had a wild time at the disco, absolute chaos but fun",
    "That pothole is a monster, it swallowed my front wheel",
    "The old oak is a monster of a tree, the survey says it's healthy",
    # Reports of crime and damage, and questions: ordinary business, not threats or claims.
    "Someone smashed the {thing} again, the police have a crime number",
    "The {thing} has been vandalised, I've reported it and sent photos to the clerk",
    "Kids have kicked in the {thing}, can we get a price for repairs?",
    "The {thing} was set on fire overnight, the fire service made it safe",
    "Graffiti on the {thing} again, the county will clean it next week",
    "Thieves took the {thing} from the {site}, please report anything suspicious",
    "There was a break-in at the {site} on {d}, nothing much was taken",
    "Two men were seen trying car doors on {street} last night, police informed",
    "The police want to speak to anyone who saw the fight outside the pub on {d}",
    "Someone was assaulted near the station, police are appealing for witnesses",
    "A car was stolen from {street}, the owner has asked us to share the appeal",
    "Does anyone know if the {thing} has been fixed yet?",
    "Does anyone know who looks after the {thing}?",
    "Everyone knows the {thing} has needed replacing for years",
    "Does anyone know if the footpath order for {t} has been confirmed?",
    "Has anyone heard whether the county approved the order for {t}?",
    "Anyone know when the contractor is back to finish {t}?",
    "Who's responsible for the {thing}, us or the county?",
    "Is it true the {thing} is being taken away?",
    "Why has nobody fixed the {thing}? It's been months",
    "I can't believe the {thing} is still broken, this is ridiculous",
    "The {thing} is a disgrace, it needs sorting out",
    "We were robbed by the referee in the cup final, 2-1 to them",
    "The prices at the new café are daylight robbery, but the cake is good",
    "I'll kill for a cup of tea after that meeting",
    "My phone died halfway through the meeting, sorry",
    "That was a killer of a hill on the charity walk",
    "The old clerk's handover notes are a crime against handwriting",
]  # fmt: skip
THINGS = [
    "bus shelter glass", "noticeboard", "bench on the green", "dog bin", "play area fence",
    "street light on {street}", "phone box", "war memorial railings", "planters", "goalposts",
    "salt bin", "cricket nets", "pavilion windows", "defibrillator cabinet", "village sign",
]  # fmt: skip
SITES = ["allotments", "pavilion", "churchyard", "hall", "scout hut", "cemetery", "rec"]


def generate_third(rng: random.Random) -> list[tuple[str, list[str], str]]:
    """The third round of messages: (text, rules, kind)."""
    out: list[tuple[str, list[str], str]] = []
    for _ in range(3400):
        out.append((_fill2(rng.choice(TRAPS2), rng) + rng.choice(SIGN_OFFS), [], "business"))
    makers = [
        (_sale, "commercial", 1400), (_threat, "threat", 1400), (_sweep, "discrimination", 1200),
        (_accuse, "allegation", 1200), (_campaign, "political", 600),
    ]  # fmt: skip
    for maker, rule, count in makers:
        for _ in range(count):
            text = maker(rng)
            if rng.random() < 0.3:
                text = evade2(text, rng)
            out.append((text + rng.choice(EMOJI), [rule], "breach"))
    return out


# Fourth round: the many kinds of selling, claims and generalisations a village group sees.
SALE_KINDS = [
    "Car boot on my drive Sunday morning, toys, books and clothes, all cheap",
    "Loft clearance, loads of bits going for next to nothing",
    "Anyone after {thing3}? Good working order, collection from {street}",
    "Does anyone want {thing3}? Yours for £{p}",
    "{Thing3} going for £{p}, pick up from mine",
    "{Thing3}, works perfectly, £{p}, can drop off locally",
    "Hosting a {party_plan} party next week, message me to book yours",
    "I'm now selling {party_plan}, catalogues available, get in touch",
    "{Party_plan} orders going in on Friday, let me know what you want",
    "{Lesson} lessons for all ages, first one half price",
    "Taking new pupils for {lesson} lessons, evenings and weekends",
    "{Class} classes starting at the hall on Tuesdays, £{p} a class, book your place",
    "Room to rent in a lovely house on {street}, £{p}0 a month, bills included",
    "Holiday let available in Norfolk, sleeps six, special rate for locals",
    "Parking space to rent near the station, £{p} a month",
    "{Hire} hire for parties and events, great rates, check our page",
    "{Food} every Friday at the pub car park, pre-order by text",
    "{Produce} from the farm, fresh today, honesty box at the gate",
    "Grand opening of {shop} on the high street this Saturday, 20% off everything",
    "{Shop} is now open late on Thursdays, pop in and say hello",
    "Two for one on all {food2} this weekend at {shop}",
    "Loyalty card now available at {shop}, tenth one free",
    "Man with a van, removals and tip runs, cheap rates, give me a shout",
    "Skip hire and waste removal, same day, call Darren",
    "Driveways, patios and block paving, free estimates, all work guaranteed",
    "Need your chimney swept before winter? Book me now",
    "Fancy earning extra? I'm recruiting for my team, flexible hours",
    "I've been making great money online, comment INFO and I'll tell you how",
    "Learn to trade crypto with my mentoring programme, only a few places left",
    "Looking for investors for my new business, great returns guaranteed",
    "Ironing service, £{p} a basket, collection and delivery",
    "Dog boarding in a family home, book early for the summer",
    "Pet portraits painted from your photos, perfect gift, prices on my page",
    "Birthday party packages from £{p}, includes food and a host",
    "Your logo on our van! Advertising space available, ring for rates",
    "Support my small business, like and share my page please",
    "Follow my page for deals on {thing3} and more",
    "Discount for anyone in this group, just quote the code VILLAGE",
]  # fmt: skip
THING3 = [
    "a cot bed", "a washing machine", "a tumble dryer", "a treadmill", "a garden shed",
    "a paddling pool", "a child's car seat", "a microwave", "an electric piano", "a go-kart",
    "a greenhouse frame", "a dishwasher", "a chest freezer", "a hot water urn", "a lawnmower",
]  # fmt: skip
PARTY_PLAN = ["Avon", "Tupperware", "Usborne books", "Scentsy", "Partylite", "Arbonne",
              "Forever Living", "Younique", "Pampered Chef", "Herbalife"]  # fmt: skip
LESSONS = ["piano", "guitar", "swimming", "singing", "drum", "French", "driving", "riding"]
CLASSES = ["Yoga", "Pilates", "Zumba", "Boxercise", "Dance", "Art", "Baby massage", "Spin"]
HIRES = ["Bouncy castle", "Marquee", "Photo booth", "Van", "Chair cover", "Karaoke machine"]
FOODS = ["Fish and chip van", "Pizza van", "Curry night takeaway", "Burger van",
         "Thai street food"]  # fmt: skip
PRODUCE = ["Asparagus", "New potatoes", "Sweetcorn", "Pumpkins", "Meat boxes", "Apples"]
SHOPS = ["Bloom florist", "the Corner Deli", "Cut Above barbers", "the Tea Rooms",
         "Greens grocers", "the new bakery"]  # fmt: skip
FOODS2 = ["pastries", "haircuts", "bouquets", "sandwiches", "pies", "cream teas"]

CRIMINAL_NOUNS = [
    "fraudster", "conman", "embezzler", "racketeer", "crook", "thief", "cheat", "liar",
    "drug dealer", "abuser", "bully", "forger", "grifter", "shyster", "chancer", "shark",
]  # fmt: skip
CLAIM_VERBS = [
    "misused the parish funds", "misappropriated the grant", "defrauded the hall committee",
    "conned a pensioner out of her savings", "blackmailed the previous clerk",
    "harassed the women in the office", "assaulted a neighbour and hushed it up",
    "faked the quotes for {t}", "fabricated the survey results for {t}",
    "lied under oath at the tribunal", "sold drugs outside the school",
    "diverted the section 106 money to his own road", "took a cut of every invoice",
    "kept the deposit money for the hall", "claimed mileage for trips never made",
    "used the council credit card for holidays", "is in the developer's pocket",
    "has been threatening witnesses", "broke into the pavilion and took the bar takings",
    "lied to the police about the crash", "hid the complaint from the monitoring officer",
    "paid his mates with council money", "has been secretly recording residents",
]  # fmt: skip


def _claim(rng: random.Random) -> str:
    who = _person(rng)
    frame = rng.random()
    if frame < 0.35:
        body = f"{who} is a {rng.choice(['', 'known ', 'convicted ', 'total ', 'proper '])}"
        body += rng.choice(CRIMINAL_NOUNS)
    elif frame < 0.85:
        body = f"{who} {rng.choice(CLAIM_VERBS).format(t=rng.choice(TOPICS))}"
    else:
        body = rng.choice(
            [
                f"Everyone knows {who} is on the take",
                f"{who} has been ripping off the parish for years",
                f"Ask {who} about the money that went missing, {who} knows",
                f"{who} should be locked up for what they did with the accounts",
                f"{who} got off a fraud charge on a technicality",
            ]
        )
    text = body + rng.choice(ACCUSE_TAILS).format(him="them")
    return text[:1].upper() + text[1:]


GROUP_ADJ = [
    "Jewish", "Muslim", "Polish", "Indian", "Pakistani", "Romanian", "Gypsy", "Traveller",
    "Black", "Asian", "Chinese", "Nigerian", "Somali", "Irish", "Scottish", "gay", "lesbian",
    "trans", "disabled", "female", "foreign", "immigrant", "Catholic", "Hindu", "Sikh", "Arab",
    "Turkish", "Albanian", "Kurdish", "Bangladeshi", "old", "Welsh", "Lithuanian",
]  # fmt: skip
GROUP_PEOPLE = [
    "families", "men", "women", "builders", "shopkeepers", "drivers", "teachers", "doctors",
    "councillors", "neighbours", "kids", "lads", "workers", "tenants", "taxi drivers", "mums",
]  # fmt: skip
GROUP_TRAITS = [
    "are all crooks", "are all lazy", "are useless at their jobs", "are all the same",
    "can't be trusted", "are filthy", "smell", "are thick", "are dangerous", "are criminals",
    "are scum", "should be banned", "should be sent back", "don't belong here",
    "bring the place down", "are ruining the village", "cheat everyone", "are a menace",
    "are backward", "are primitive", "are all on benefits", "are violent", "are weirdos",
    "are not real people", "are a joke", "are a drain on everyone", "spread disease",
]  # fmt: skip


def _generalise(rng: random.Random) -> str:
    people = f"{rng.choice(GROUP_ADJ)} {rng.choice(GROUP_PEOPLE)}"
    trait = rng.choice(GROUP_TRAITS)
    frame = rng.choice(
        [
            "{P} {t}",
            "All {p} {t}",
            "Typical {p}, they {t}",
            "{P}? They {t}",
            "In my experience {p} {t}",
            "Never use {p}, they {t}",
            "Honestly, {p} {t}",
            "I'm sorry but {p} {t}",
            "No offence but {p} {t}",
            "{P} {t}, simple as",
            "We've got too many {p} here, they {t}",
            "Why do {p} always {t0}?",
        ]
    )
    if frame.startswith("Why do") and re.match(r"(are|can't|don't|should) ", trait):
        frame = "Why are {p} always so " + ("bad" if not trait.startswith("are ") else "{t0}") + "?"
    t0 = re.sub(r"^(are|can't|don't|should) (all )?", "", trait)
    text = frame.format(p=people, P=people[:1].upper() + people[1:], t=trait, t0=t0)
    return text[:1].upper() + text[1:]


TRAPS3 = [
    "The parish council is selling the old mower by sealed bid, details on the noticeboard",
    "The hall has a new price list for parties, available from the clerk",
    "Local businesses can sponsor a hanging basket for £{p}, the money pays for the watering",
    "The Christmas market is looking for stallholders, application form attached",
    "The youth club raised £{p}0 from the sponsored walk, thank you",
    "The shop on {street} has closed down, sad news after 40 years",
    "The new café has asked for permission to put tables on the pavement, that's a county matter",
    "Planning: change of use from shop to café at {n} {street}, no objection",
    "A resident asked if we could advertise their business on the website, our policy says no",
    "The farmers market stall fees go up to £{p} next year, agreed at committee",
    "Quote from Greenway Tree Care: £{money} including VAT, valid for 30 days",
    "Three quotes for the hall kitchen: £{money}, £{money} and £{money}",
    "Bouncy castle for the fete is booked, the hire firm has public liability insurance",
    "The Avon lady who has been delivering for 30 years is retiring, lovely card from residents",
    "Yoga at the hall is now on Mondays, the instructor has asked us to update the website",
    "The pub has changed hands, the new landlord is {who}",
    "The allotment society has plants left over from the sale, free to members",
    "Litter pickers are available to borrow from the clerk, free of charge",
    "Room hire for community groups is free on weekday mornings",
    "The council has been quoted £{money} for the CCTV, we're looking for grants",
    "The police say a man has been charged with fraud after the doorstep scam on {street}",
    "Trading standards warn of fake roofers going door to door, don't pay upfront",
    "The court case over the boundary hedge is finished, the judge found for the farmer",
    "The ombudsman found no fault with the council's handling of the complaint",
    "The monitoring officer dismissed the complaint about the chair",
    "The auditor has raised a question about the VAT, the clerk is dealing with it",
    "Cllr {who2} has asked for a recorded vote on the precept",
    "Someone left a bag of clothes at the hall door, the charity shop will take it",
    "The accounts were checked by the internal auditor and everything was in order",
    "The treasurer will present the budget at the next meeting, questions to her beforehand",
    "There are concerns about the number of HMOs on {street}, we'll raise it with the county",
    "The Indian restaurant on the high street won a food hygiene award",
    "The Polish builders who did the pavilion roof did a great job",
    "The Muslim women's group has raised money for the hospice",
    "The Gypsy Roma Traveller history month display is in the library",
    "Our female councillors outnumber the men for the first time",
    "Disabled drivers need the blue badge bays kept clear, please",
    "Older drivers can get a free eyesight check at the optician",
    "The Jewish cemetery on {street} is being restored by volunteers",
    "Black History Month talk on the Windrush generation, all welcome",
    "The Sikh temple is serving free langar to everyone on Sunday",
    "Irish families in the village are organising a St Patrick's ceilidh",
    "Chinese families have invited the council to their New Year celebration",
    "Trans and non-binary young people have a support group at the youth centre",
    # Groups named in passing, and wrongdoing reported as fact by the proper bodies.
    "{G3} in the village have set up a {club}, everyone is welcome",
    "{G3} have asked whether the hall is free for a {club} on Sundays",
    "Thanks to the {g3} who helped at the litter pick",
    "A group of {g3} has started a {club} at the library",
    "The school says {g3} would like more bus routes",
    "The survey heard from {g3}, results at the next meeting",
    "The county's report says {g3} wait longest for housing",
    "The monitoring officer found that a councillor breached the code of conduct, report attached",
    "The standards committee upheld a complaint about a former councillor, details are public",
    "The police have charged a man with theft from the pavilion, the court date is set",
    "Scam warning: fake emails pretending to be from the council, never give your bank details",
    "Trading standards say a rogue trader has been conning pensioners, report any cold callers",
    "Beware of phishing texts claiming to be from the bank, delete them",
    "The auditor found a payment made without approval, the procedure has been tightened",
    "The clerk reported a fraud attempt on the council's bank account, the bank stopped it",
    "A parish in the next county lost £{money} to an invoice fraud, let's check our controls",
    "The holiday club is fully booked, a waiting list is with the organisers",
    "The lunch club is full, a waiting list is with {who}",
    "The court fined the landlord for the illegal conversion on {street}",
    # "X is a Y" and "my Y is Z" about ordinary people and details: not insults, not claims.
    "{who} is a {role3}",
    "{who} is a {role3} and has lived here for {n} years",
    "{who} is our {role4}",
    "{who} is the new {role4}, please make her welcome",
    "My {field} is {value}",
    "Her {field} is {value}",
    "His {field} is {value}, if you need it",
    "The {field} is {value}",
    "The door code is private, ask the clerk if you need it",
    "The wifi password for the hall is on the noticeboard, ask {who} if it's missing",
    "Ask the clerk for the key code",
    "Ask {who} about the allotment waiting list, she keeps it",
    "Ask anyone at the hall, they'll point you to the room",
    "If in doubt ask the clerk, she'll know",
    "I'll sort out the {thing} tomorrow",
    "I'll deal with the {thing} after the meeting",
    "I'll finish off the minutes tonight",
    "I'll knock up a poster for the fete",
    "I'll hit the shops for the raffle prizes",
    "We'll bury the time capsule by the new bench",
    "Can someone flatten the molehills on the rec?",
    "I'll break the news to the bowls club",
    "I'm going to sort out the sign-up sheet for the litter pick",
    "Someone should sort out the parking on {street}",
]  # fmt: skip
ROLE3 = [
    "retired teacher", "nurse at the surgery", "keen gardener", "local farmer", "school governor",
    "trustee of the hall", "member of the planning committee", "volunteer driver", "magistrate",
    "parent at the school", "dog owner", "retired vicar", "local builder", "keen cyclist",
    "grandmother of six", "former clerk", "bell ringer", "footpath volunteer", "qualified accountant",
]  # fmt: skip
ROLE4 = ["tree warden", "footpath warden", "clerk", "RFO", "flood warden", "chair", "treasurer",
         "snow warden", "lengthsman", "hall caretaker"]  # fmt: skip
FIELDS = [
    ("postcode", ["MK45 4RP", "LU5 6JH", "SG17 5QT", "NN10 9BD", "CB2 1TN"]),
    ("phone number", ["07700 900123", "01525 714 220", "07911 123456"]),
    ("email", ["jo.smith@example.com", "clerk@parish.org.uk"]),
    ("NI number", ["AB 12 34 56 C", "QQ 12 34 56 B"]),
    ("address", ["14 Orchard Close", "2 Mill Lane", "The Old Forge, Back Lane"]),
    ("name", ["Patricia Okafor", "Zbigniew Nowak", "Siân Davies"]),
    ("date of birth", ["3 March 1961", "12/08/1975"]),
    ("account number", ["12345678", "87654321"]),
]  # fmt: skip
G3 = [
    "refugee families", "Ukrainian families", "Polish mums", "older residents", "young people",
    "Muslim families", "Nepalese families", "Hong Kong families", "disabled residents",
    "Traveller families", "new residents from the estate", "Syrian families", "Indian families",
    "retired residents", "single parents", "Black residents", "Chinese students", "gay couples",
]  # fmt: skip
CLUBS = ["conversation club", "coffee morning", "walking group", "supper club", "choir",
         "knit and natter group", "homework club", "book club"]  # fmt: skip


def generate_fourth(rng: random.Random) -> list[tuple[str, list[str], str]]:
    """The fourth round of messages: (text, rules, kind)."""
    out: list[tuple[str, list[str], str]] = []

    def sale() -> str:
        values = {
            "p": str(rng.choice([5, 10, 15, 25, 40, 60, 80, 150])), "street": rng.choice(STREETS),
            "thing3": rng.choice(THING3), "party_plan": rng.choice(PARTY_PLAN),
            "lesson": rng.choice(LESSONS), "class": rng.choice(CLASSES), "hire": rng.choice(HIRES),
            "food": rng.choice(FOODS), "produce": rng.choice(PRODUCE), "shop": rng.choice(SHOPS),
            "food2": rng.choice(FOODS2),
        }  # fmt: skip
        for key in list(values):
            values[key[:1].upper() + key[1:]] = values[key][:1].upper() + values[key][1:]
        return rng.choice(SALE_KINDS).format(**values)

    for _ in range(3200):
        g3 = rng.choice(G3)
        values = {"p": str(rng.choice([5, 12, 25, 40, 60])), "street": rng.choice(STREETS),
                  "who": _person(rng), "who2": _person(rng), "n": str(rng.randint(2, 40)),
                  "money": f"{rng.randint(1, 30)},{rng.randint(100, 999)}", "g3": g3,
                  "G3": g3[:1].upper() + g3[1:], "club": rng.choice(CLUBS),
                  "role3": rng.choice(ROLE3), "role4": rng.choice(ROLE4)}  # fmt: skip
        field, field_values = rng.choice(FIELDS)
        values.update(field=field, value=rng.choice(field_values))
        values["thing"] = rng.choice(THINGS).format(street=values["street"])
        out.append((rng.choice(TRAPS3).format(**values) + rng.choice(SIGN_OFFS), [], "business"))
    makers = [
        (sale, "commercial", 1400), (lambda: _claim(rng), "allegation", 900),
        (lambda: _generalise(rng), "discrimination", 900),
    ]  # fmt: skip
    for maker, rule, count in makers:
        for _ in range(count):
            text = maker()
            if rng.random() < 0.3:
                text = evade2(text, rng)
            out.append((text + rng.choice(EMOJI), [rule], "breach"))
    return out


# Plain, kind or factual statements about a group: "Refugees are welcome here" is business, and
# a scorer that has only ever seen "<group> are <slur>" learns that "<group> are" is the breach.
GROUP_NEUTRAL = [
    "are welcome at {event}", "are welcome here", "are invited to {event}",
    "are entitled to {right}", "are part of our community", "are holding {event}",
    "are vital to {place}", "are settling in well", "are vulnerable to {risk}",
    "are under-represented on {body}", "are marking {festival} this week",
    "are asked to {ask}", "are running {event}", "are volunteering at {event}",
    "have asked for {right}", "have raised £{n} for {cause}", "are supported by {body}",
    "are among the residents who replied to {survey}", "often miss out on {right}",
    "are the biggest users of {place}", "are more likely to need {right}",
    "are helping with {event}", "are represented on {body}", "are new to the village",
    "are staying at the hotel while the county finds homes", "are joining {event}",
    "asked about {topic}", "came to {event}", "use {place} most", "wrote to the clerk about {topic}",
    "are keen on {topic}", "are worried about {topic}", "are affected by {topic}",
    "are running a stall at {event}", "are coming to {event}", "are moving into the new homes",
    "are using {place} more this year", "are looking for {right}", "are happy with {topic}",
    "are still waiting for {right}", "are working with the clerk on {topic}",
    "are our neighbours and friends", "are a big part of {place}", "are good neighbours",
    "are proud of {place}", "are welcome to speak at the open session",
    "are invited to join the working group on {topic}", "are helping to plan {event}",
    "were thanked at {event}", "were consulted on {topic}", "will be at {event}",
]  # fmt: skip
NEUTRAL_FRAMES = [
    "{G} {claim}", "{G} {claim}.", "Many {g} {claim}", "Local {g} {claim}",
    "Our {g} {claim}", "Some {g} {claim}, says the clerk", "Reminder: {g} {claim}",
    "Good news: {g} {claim}", "As agreed, {g} {claim}", "{G} in the parish {claim}",
]  # fmt: skip
NEUTRAL_SLOTS = {
    "event": ["the fete", "the coffee morning", "the interfaith tea", "the litter pick",
              "the open meeting", "the jubilee picnic", "the quiz night", "the carol service",
              "a fundraiser", "the summer fair", "the consultation event", "the drop-in"],
    "right": ["a site under the local plan", "blue badge spaces", "free bus passes",
              "support from the county", "housing advice", "a school place", "the grant",
              "a seat on the forum", "step-free access", "translation at meetings"],
    "place": ["local farms", "the care home", "the bus service", "the surgery", "the shop",
              "the library", "the village hall", "the food bank"],
    "risk": ["scams", "fuel poverty", "flooding", "isolation in winter", "doorstep fraud"],
    "body": ["parish councils", "the youth forum", "the hall committee", "the county board",
             "the patient group"],
    "festival": ["Hanukkah", "Diwali", "Eid", "Vaisakhi", "Chinese New Year", "Pride month",
                 "Black History Month", "Holocaust Memorial Day", "Christmas", "Easter"],
    "ask": ["park considerately", "reply to the survey", "book through the clerk",
            "bring a dish", "register by Friday"],
    "cause": ["the food bank", "the church roof", "the defibrillator", "the hospice"],
    "survey": ["the housing survey", "the parking survey", "the play area survey"],
    "topic": ["the bus timetable", "the speed limit", "the new allotments", "dog fouling",
              "the play area", "street lighting", "the precept", "the bin collections",
              "the flood plan", "the footpath repairs", "the new houses", "broadband"],
}  # fmt: skip


# British words that are slurs or vulgar elsewhere: cigarettes, garden tools, willows.
BRITISH_USES = [
    "Fag ends all over {place} again, can we get a bin",
    "Someone bought 20 fags for the kids outside {place}",
    "The shop was fined for selling fags to under-18s",
    "Cigarette and fag butt litter by {place} is getting worse",
    "He nipped out for a fag before the meeting",
    "Empty fag packets in the hedge by {place}",
    "The allotment society is lending a dutch hoe and a rake",
    "Bring a hoe and gloves to the community garden",
    "Can I borrow a hoe for the beds by {place}",
    "The pussy willow by {place} is out",
    "Hoe the beds at the memorial garden before the judging",
    "Lost pussy cat near {place}, ginger, answers to Biscuit",
    "A cock pheasant is nesting by {place}",
    "The stopcock at {place} needs replacing",
    "The blue tits are back in the box at {place}",
]


def generate_fifth(rng: random.Random) -> list[tuple[str, list[str], str]]:
    """The fifth round, all business: neutral statements about groups, garden hoes lent and
    borrowed, and British uses of words that are slurs elsewhere (:data:`BRITISH_USES`)."""
    out: list[tuple[str, list[str], str]] = []
    for _ in range(4000):
        if rng.random() < 0.6:
            group = rng.choice(GROUPS2 + GROUPS[:12])
        else:
            group = f"{rng.choice(GROUP_ADJ)} {rng.choice(GROUP_PEOPLE)}"
        group = group.removeprefix("the ")
        values = {key: rng.choice(options) for key, options in NEUTRAL_SLOTS.items()}
        values["n"] = str(rng.choice([120, 250, 400, 600, 1200]))
        claim = rng.choice(GROUP_NEUTRAL).format(**values)
        text = rng.choice(NEUTRAL_FRAMES).format(
            G=group[:1].upper() + group[1:], g=group, claim=claim
        )
        out.append((text + rng.choice(SIGN_OFFS), [], "business"))
    for _ in range(300):
        verb = rng.choice(
            [
                "Can you lend me",
                "Can I borrow",
                "Please bring",
                "Don't forget",
                "Who has",
                "Pass me",
                "I've sharpened",
                "We bought",
                "Has anyone seen",
            ]
        )
        owner = rng.choice(["your", "a", "the", "my", "our", "the club's", "Dave's"])
        rest = rng.choice(
            [
                "for the veg patch",
                "for the weeds",
                "at the allotment",
                "from the shed",
                "on Saturday",
                "before the work party",
                "for the churchyard",
                "for the community orchard",
                "",
                "please",
                "for the verge",
            ]
        )
        out.append((f"{verb} {owner} hoe {rest}".strip() + rng.choice(SIGN_OFFS), [], "business"))
    for _ in range(400):
        place = rng.choice(NEUTRAL_SLOTS["place"])
        out.append(
            (rng.choice(BRITISH_USES).format(place=place) + rng.choice(SIGN_OFFS), [], "business")
        )
    return out


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
    for text, rules, kind in generate_extra(random.Random(seed + 1)):
        add(text, rules, kind)
    for text, rules, kind in generate_third(random.Random(seed + 2)):
        add(text, rules, kind)
    for text, rules, kind in generate_fourth(random.Random(seed + 3)):
        add(text, rules, kind)
    for text, rules, kind in generate_fifth(random.Random(seed + 4)):
        add(text, rules, kind)
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
