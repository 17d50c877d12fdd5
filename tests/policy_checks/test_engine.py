"""The engine end to end: what each rule must find, the traps it must not fall into, offsets."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.policy import adversarial_inputs
from policy_checks import ENTITY_TYPES, Action, PolicyEngine, Verdict
from policy_checks.engine import CHUNK_CHARS
from policy_checks.verdict import REDACTABLE_RULES

ZWSP = "\u200b"  # zero-width space
ZWJ = "\u200d"  # zero-width joiner
RLO = "\u202e"  # right-to-left override
CYR_A = "\u0430"  # Cyrillic a
CYR_O = "\u043e"  # Cyrillic o
CYR_ES = "\u0441"  # Cyrillic es, looks like c
CYR_I = "\u0456"  # Cyrillic i


def _fullwidth(text: str) -> str:
    return "".join(chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else "\u3000" for ch in text)


def _assert_in_bounds(verdict: Verdict) -> None:
    for finding in verdict.findings:
        assert 0 <= finding.start < finding.end <= len(verdict.text), finding


def _assert_found(verdict: Verdict, rule: str, fragment: str) -> None:
    """Some finding of ``rule`` covers the first occurrence of ``fragment``."""
    _assert_in_bounds(verdict)
    start = verdict.text.index(fragment)
    end = start + len(fragment)
    spans = [(f.start, f.end) for f in verdict.findings if f.rule == rule]
    assert any(s <= start and end <= e for s, e in spans), (
        f"{rule} should cover {fragment!r}; found "
        f"{[(f.rule, verdict.text[f.start : f.end]) for f in verdict.findings]}"
    )


# --------------------------------------------------------------------------------------------
# Rules: (message, the part a finding of the rule must cover)

ABUSE = [
    pytest.param("This is bullshit", "bullshit", id="plain"),
    pytest.param(f"You f{ZWSP}ucking idiot", f"f{ZWSP}ucking", id="zero-width space"),
    pytest.param(f"what a fu{ZWJ}ck up", f"fu{ZWJ}ck", id="zero-width joiner"),
    pytest.param(f"What a fu{CYR_ES}king mess", f"fu{CYR_ES}king", id="Cyrillic homoglyph"),
    pytest.param(f"sh{CYR_I}t plan", f"sh{CYR_I}t", id="Cyrillic i"),
    pytest.param(f"{_fullwidth('FUCK')} the lot of you", _fullwidth("FUCK"), id="fullwidth"),
    pytest.param("f u c k this council", "f u c k", id="spaced letters"),
    pytest.param("b.o.l.l.o.c.k.s to that", "b.o.l.l.o.c.k.s", id="dotted letters"),
    pytest.param("this plan is sh1t", "sh1t", id="leet"),
    pytest.param("Absolute tw@t", "tw@t", id="leet symbol"),
    pytest.param("f*** off", "f***", id="asterisks"),
    pytest.param("what a load of sh*t", "sh*t", id="asterisk inside"),
    pytest.param("You're a c*nt", "c*nt", id="asterisk vowel"),
    pytest.param("f\u00fcck this", "f\u00fcck", id="accent"),
    pytest.param("fuuuuuck off", "fuuuuuck", id="stretched"),
    pytest.param("The clerk is a complete idiot", "idiot", id="insult"),
    pytest.param("shuuuut up", "shuuuut up", id="shut up stretched"),
    pytest.param("these hoes aint loyal", "these hoes", id="hoes"),
    pytest.param("you pussy", "pussy", id="pussy"),
]
THREAT = [
    pytest.param("I will kill you", "kill you", id="kill"),
    pytest.param("I'm going to k1ll you", "k1ll", id="leet"),
    pytest.param(f"I will k{ZWSP}ill you", f"k{ZWSP}ill", id="zero-width"),
    pytest.param("I know where you live", "know where you live", id="know where you live"),
    pytest.param("w a t c h your back", "w a t c h your back", id="spaced"),
    pytest.param("I'll smash your windows", "smash your windows", id="property"),
    pytest.param(
        "there'll be a brick through your window", "brick through your window", id="brick"
    ),
    pytest.param("someone should burn his house down", "someone should burn", id="someone"),
    pytest.param("I just wanna slit his throat", "slit his throat", id="throat"),
    pytest.param("I hope those people all die", "hope those people all die", id="hope die"),
    pytest.param("they deserve to be shot", "they deserve to be shot", id="deserve"),
    pytest.param("I'll be round later and you won't like it", "you won't like it", id="veiled"),
    pytest.param("I'd hate for your kids to get hurt", "hate for your kids", id="hate for"),
    pytest.param(
        "I'll make them wish they'd never been born", "wish they'd never been born", id="wish"
    ),
    pytest.param("Vote yes and you'll get your tyres done", "your tyres done", id="tyres done"),
    pytest.param("Their barn looks awfully flammable", "barn looks awfully flammable", id="fire"),
    pytest.param("We'll sort the chair out ourselves", "sort the chair out", id="sort out"),
    pytest.param(
        "You've got grandkids in the village, don't you. Think on.", "Think on", id="think on"
    ),
    pytest.param(
        "Nice walk you take by the canal. Accidents happen.", "Accidents happen", id="accidents"
    ),
]
DISCRIMINATION = [
    pytest.param("go back to your own country", "go back to your own country", id="go back"),
    pytest.param("all immigrants should go back", "immigrants should go back", id="group"),
    pytest.param("typical woman", "typical woman", id="sexist"),
    pytest.param(f"p{CYR_A}ki shop", f"p{CYR_A}ki", id="homoglyph slur"),
    pytest.param("send nudes", "send nudes", id="sexual"),
    pytest.param("that's so gay", "gay", id="homophobic"),
    pytest.param("What a fag", "fag", id="fag"),
    pytest.param("ratchet white trash", "white trash", id="white trash"),
    pytest.param("G y p s i e s steal everything", "steal", id="spaced group"),
    pytest.param("F0reigners are d1rty", "d1rty", id="leet group"),
    pytest.param(
        "These Eastern Europeans have turned the high street into a slum", "slum", id="into a"
    ),
    pytest.param(
        "Don't let the Bulgarians near the float, they'll rob us blind",
        "rob us blind",
        id="coded theft",
    ),
    pytest.param("The pensioners on the committee have not got a clue", "got a clue", id="age"),
    pytest.param(
        "Hire a wheelchair user? That'll slow things down", "slow things down", id="disability"
    ),
    pytest.param("Blind people shouldn't be councillors", "shouldn't be councillors", id="exclude"),
    pytest.param("We don't want any more Somalis here", "Somalis", id="no more"),
    pytest.param(
        "Watch the travellers, that's where the crime comes from", "comes from", id="blamed"
    ),
]
POLITICAL = [
    pytest.param("Vote Labour on Thursday", "Vote Labour", id="vote party"),
    pytest.param("Support the Green Party", "Green Party", id="support party"),
    pytest.param("#VoteReform", "VoteReform", id="hashtag"),
    pytest.param("v o t e labour", "labour", id="spaced"),
    pytest.param("Tories out!", "Tories out", id="out"),
    pytest.param("Spare Labour posters if anyone wants one", "Labour posters", id="poster"),
    pytest.param("They've had their chance, vote them out in May", "vote them out", id="vote out"),
    pytest.param(
        "She's standing again in May. Everybody get behind her!", "get behind her", id="get behind"
    ),
]
COMMERCIAL = [
    pytest.param("Buy now 50% off at my shop", "Buy now", id="buy now"),
    pytest.param("DM me for prices", "DM me for prices", id="dm me"),
    pytest.param("Use code SAVE20 for 20% off", "20% off", id="discount code"),
    pytest.param("Earn money from home with crypto", "crypto", id="spam"),
    pytest.param("Mountain bike for sale, £50", "for sale", id="for sale"),
    pytest.param("Join my energy supplier with my referral link", "referral link", id="referral"),
    pytest.param("Tell them I sent you at the chippy", "Tell them I sent you", id="sent you"),
    pytest.param(
        "The deli gives you £5 off if you mention my name", "mention my name", id="my name"
    ),
    pytest.param("Shameless plug for my wife's candles", "Shameless plug", id="plug"),
    pytest.param("My calendar of village views is just £8", "calendar", id="my product"),
]
ALLEGATION = [
    pytest.param("The chair is corrupt", "corrupt", id="corrupt"),
    pytest.param("Cllr Jones broke the law", "broke the law", id="broke the law"),
    pytest.param(
        "The developer has been fly tipping on the verge", "fly tipping", id="fly tipping"
    ),
    pytest.param("He lined his pockets with the grant", "lined his pockets", id="pockets"),
    pytest.param(f"It's fr{CYR_A}ud", f"fr{CYR_A}ud", id="homoglyph"),
    pytest.param("The hedging contract somehow went to the clerk's nephew", "nephew", id="family"),
    pytest.param(
        "The mowing always goes to the mayor's son-in-law", "son-in-law", id="whole in-law"
    ),
    pytest.param(
        "They charged the council for two visits they never did", "never did", id="billed"
    ),
    pytest.param("The councillor put the grant into his own account", "own account", id="own"),
    pytest.param("Highways turned a blind eye to the tipping", "blind eye", id="blind eye"),
    pytest.param("His MOT racket is common knowledge", "racket", id="racket"),
]
CONFIDENTIAL = [
    pytest.param("This is strictly confidential", "strictly confidential", id="confidential"),
    pytest.param("Part 2 item: the clerk's salary", "Part 2", id="part 2"),
    pytest.param("Please don't forward this", "don't forward", id="don't forward"),
    pytest.param("This is c0nfidential", "c0nfidential", id="leet"),
    pytest.param(f"This is conf{ZWSP}idential", f"conf{ZWSP}idential", id="zero-width"),
    pytest.param("legal advice, not for publication", "not for publication", id="publication"),
    pytest.param("Counsel's opinion is that we'd lose", "Counsel's opinion", id="counsel"),
    pytest.param("The groundsman got a written warning", "written warning", id="staffing"),
    pytest.param("Their sealed bid came in at £12,000", "sealed bid came in at", id="bid"),
    pytest.param("The offer is £380k, keep it quiet", "keep it quiet", id="quiet"),
]
CREDENTIAL = [
    pytest.param("my password: hunter2xyz", "hunter2xyz", id="password colon"),
    pytest.param("the key safe code is 4821", "4821", id="key safe"),
    pytest.param("wifi password = Parish2024!", "Parish2024!", id="wifi"),
    pytest.param(
        "token 123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1",
        "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1",
        id="bot token",
    ),
    pytest.param("key AKIAIOSFODNN7EXAMPLE", "AKIAIOSFODNN7EXAMPLE", id="aws key"),
]
UNAPPROVED_LINK = [
    pytest.param("see https://bit.ly/abc123", "https://bit.ly/abc123", id="shortener"),
    pytest.param("www.example.com/offer", "www.example.com/offer", id="www"),
    pytest.param("visit scam-site.xyz now", "scam-site.xyz", id="bare domain"),
    pytest.param(
        "see https://bartonleclay-pc.gov.uk.evil.com/pay",
        "https://bartonleclay-pc.gov.uk.evil.com/pay",
        id="approved name as a subdomain",
    ),
    pytest.param("see https://www.xn--gv-nmc.uk/pay", "https://www.xn--gv-nmc.uk/pay", id="puny"),
    pytest.param(f"see https://bit.ly/ab{ZWSP}c", f"https://bit.ly/ab{ZWSP}c", id="zero-width"),
]


@pytest.mark.parametrize(("text", "fragment"), ABUSE)
def test_when_vulgar_or_abusive_language_is_used_then_abuse_is_found(
    engine: PolicyEngine, text: str, fragment: str
) -> None:
    verdict = engine.check(text)
    _assert_found(verdict, "abuse", fragment)
    assert verdict.action is Action.BLOCK
    assert fragment not in verdict.redacted


@pytest.mark.parametrize(
    ("text", "redacted"),
    [
        pytest.param("s\u0336h\u0336i\u0336t\u0336 council", "<ABUSE> council", id="strikethrough"),
        pytest.param("f\u200bu\u200bc\u200bk\u200b off", "<ABUSE> off", id="zero-width after"),
        pytest.param(f"fu{RLO}ck\u202c off", "<ABUSE> off", id="bidi override and pop"),
    ],
)
def test_when_an_evasive_word_is_redacted_then_no_invisible_characters_are_left_behind(
    engine: PolicyEngine, text: str, redacted: str
) -> None:
    assert engine.check(text).redacted == redacted


@pytest.mark.parametrize(("text", "fragment"), THREAT)
def test_when_someone_is_threatened_then_threat_is_found(
    engine: PolicyEngine, text: str, fragment: str
) -> None:
    _assert_found(engine.check(text), "threat", fragment)


@pytest.mark.parametrize(("text", "fragment"), DISCRIMINATION)
def test_when_a_group_is_attacked_or_content_is_sexual_then_discrimination_is_found(
    engine: PolicyEngine, text: str, fragment: str
) -> None:
    _assert_found(engine.check(text), "discrimination", fragment)


@pytest.mark.parametrize(("text", "fragment"), POLITICAL)
def test_when_a_party_is_promoted_then_political_is_found(
    engine: PolicyEngine, text: str, fragment: str
) -> None:
    _assert_found(engine.check(text), "political", fragment)


@pytest.mark.parametrize(("text", "fragment"), COMMERCIAL)
def test_when_something_is_sold_then_commercial_is_found(
    engine: PolicyEngine, text: str, fragment: str
) -> None:
    _assert_found(engine.check(text), "commercial", fragment)


@pytest.mark.parametrize(("text", "fragment"), ALLEGATION)
def test_when_a_breach_is_alleged_then_allegation_is_found(
    engine: PolicyEngine, text: str, fragment: str
) -> None:
    _assert_found(engine.check(text), "allegation", fragment)


@pytest.mark.parametrize(("text", "fragment"), CONFIDENTIAL)
def test_when_material_is_marked_confidential_then_confidential_is_found(
    engine: PolicyEngine, text: str, fragment: str
) -> None:
    _assert_found(engine.check(text), "confidential", fragment)


@pytest.mark.parametrize(("text", "fragment"), CREDENTIAL)
def test_when_a_secret_is_written_out_then_credential_is_found_and_redacted(
    engine: PolicyEngine, text: str, fragment: str
) -> None:
    verdict = engine.check(text)
    _assert_found(verdict, "credential", fragment)
    assert fragment not in verdict.redacted
    assert "<CREDENTIAL>" in verdict.redacted


@pytest.mark.parametrize(("text", "fragment"), UNAPPROVED_LINK)
def test_when_a_link_leaves_the_approved_sites_then_unapproved_link_is_found(
    engine: PolicyEngine, text: str, fragment: str
) -> None:
    verdict = engine.check(text)
    _assert_found(verdict, "unapproved_link", fragment)
    assert verdict.action is Action.WARN
    assert verdict.redacted == text.replace(fragment, "<LINK>")


@pytest.mark.parametrize(
    "link",
    [f"https://www.g{CYR_O}v.uk/pay", f"https://bartonleclay-pc.g{CYR_O}v.uk/pay"],
    ids=["gov.uk look-alike", "council look-alike"],
)
def test_when_an_approved_domain_is_spelt_with_homoglyphs_then_the_link_is_unapproved(
    engine: PolicyEngine, link: str
) -> None:
    _assert_found(engine.check(f"pay your fine at {link}"), "unapproved_link", link)


def test_when_a_price_is_advertised_then_the_finding_starts_at_the_price(
    engine: PolicyEngine,
) -> None:
    text = "Mountain bike £50 ono"
    _assert_found(engine.check(text), "commercial", "£50 ono")
    spans = [text[f.start : f.end] for f in engine.check(text).findings]
    assert spans == [span.strip() for span in spans]


TRAPS = [
    pytest.param("Scunthorpe United won on Saturday", id="Scunthorpe"),
    pytest.param("Roadworks on the road to Penistone", id="Penistone"),
    pytest.param("Cockermouth flooded again", id="Cockermouth"),
    pytest.param("A blue tit is nesting in the box", id="blue tit"),
    pytest.param("We saw a great tit and a robin", id="great tit"),
    pytest.param("Potholes on Mill Lane again", id="Mill Lane"),
    pytest.param("Brown bin collection is on Tuesday", id="Brown bin"),
    pytest.param("Church Road is closed for resurfacing", id="Church Road"),
    pytest.param("Apologies for the May meeting", id="the May meeting"),
    pytest.param("The Bishop will open the fete", id="Bishop"),
    pytest.param("Put it in the confidential waste sack", id="confidential waste"),
    pytest.param("We need to kill the weeds on the verge", id="kill the weeds"),
    pytest.param("Item 1: election of the Chair", id="election of the Chair"),
    pytest.param("Guidance at https://www.gov.uk/planning-permission", id="gov.uk link"),
    pytest.param("Minutes at https://bartonleclay-pc.gov.uk/minutes", id="council link"),
    pytest.param("Bins: www.centralbedfordshire.gov.uk/bins", id="gov.uk subdomain"),
    pytest.param("We will get you a copy of the minutes", id="get you a copy"),
    pytest.param("I'll sort out the hedges tomorrow", id="sort out the hedges"),
    pytest.param("Report scams to Action Fraud", id="Action Fraud"),
    pytest.param("Please cover up the grit bin", id="cover up the"),
    pytest.param("We should seek legal advice", id="seek legal advice"),
    pytest.param("The item is no longer confidential", id="no longer confidential"),
    pytest.param("The land for sale behind the school was discussed", id="land for sale"),
    pytest.param("Faggots and peas at the harvest supper", id="faggots and peas"),
    pytest.param("The polling station is in the village hall", id="polling station"),
    pytest.param("The password is secret, ask the clerk", id="password without value"),
    pytest.param("See item 5.2 of the minutes at 7.30 p.m.", id="numbered item and time"),
    pytest.param("Grant funding for the playground was approved", id="Grant"),
    pytest.param("Someone dropped fag ends on the playing field", id="fag ends"),
    pytest.param("He bought 20 fags at the garage", id="20 fags"),
    pytest.param("Pass me the hoe", id="garden hoe"),
    pytest.param("Two spades and three hoes were taken from the store", id="three hoes"),
    pytest.param("Pussy willow cuttings at the plant sale", id="pussy willow"),
    pytest.param("Refugees are welcome here", id="refugees welcome"),
    pytest.param("I hope the frost doesn't kill the seedlings", id="frost"),
    pytest.param("The noise should die down after ten", id="die down"),
    pytest.param(
        "Items 8 and 9 are exempt under Part 2; the public will be asked to leave",
        id="asked to leave",
    ),
    pytest.param("The Part 2 notes are kept by the clerk", id="kept by the clerk"),
    pytest.param(
        "We'll defer item 7 until we have the legal advice back",
        id="awaiting advice",
    ),
    pytest.param("The sealed bid process closes on Friday", id="sealed bid process"),
    pytest.param("The Polish deli is taking over the old bank", id="taking over premises"),
    pytest.param("Cllr Obi and Cllr Wiśniewska will represent us", id="councillors titled"),
    pytest.param("Apologies from Cllrs Nnamdi, Kowalski and Ferreira", id="councillors listed"),
    pytest.param("Eid Mubarak to all celebrating", id="greeting"),
    pytest.param("Residents can email enquiries@oakley-parish-council.gov.uk", id="council mail"),
    pytest.param("Any questions, the office number is 01234 567890", id="office line"),
    pytest.param("App 26/00412/FUL: two storey side extension at 3 Elm Close", id="planning"),
]


@pytest.mark.parametrize("text", TRAPS)
def test_when_an_innocent_message_looks_like_a_breach_then_nothing_is_found(
    engine: PolicyEngine, text: str
) -> None:
    verdict = engine.check(text)
    assert verdict.findings == (), [
        (f.rule, f.entity, text[f.start : f.end]) for f in verdict.findings
    ]
    assert verdict.action is Action.ALLOW
    assert verdict.redacted == text


# --------------------------------------------------------------------------------------------
# Personal data: (message, entity type, the value's exact text)

PERSONAL_DATA = [
    pytest.param("Call Dave Thompson about the hedge", "PERSON", "Dave Thompson", id="person"),
    pytest.param("Mr Wilkinson rang about the bins", "PERSON", "Mr Wilkinson", id="honorific"),
    pytest.param("Email me at jane.doe@gmail.com please", "EMAIL_ADDRESS", "jane.doe@gmail.com"),
    pytest.param(
        f"Email j{CYR_A}ne.doe@gm{CYR_A}il.com please",
        "EMAIL_ADDRESS",
        f"j{CYR_A}ne.doe@gm{CYR_A}il.com",
        id="email with homoglyphs",
    ),
    pytest.param(
        f"Email jane.doe{ZWSP}@gmail.com please",
        "EMAIL_ADDRESS",
        f"jane.doe{ZWSP}@gmail.com",
        id="email with zero-width",
    ),
    pytest.param("Call me on 07911 123456 tonight", "PHONE_NUMBER", "07911 123456"),
    pytest.param("my mobile is +44 7700 900123", "PHONE_NUMBER", "+44 7700 900123"),
    pytest.param(
        f"Call {_fullwidth('07911 123456')} tonight",
        "PHONE_NUMBER",
        _fullwidth("07911 123456"),
        id="fullwidth phone",
    ),
    pytest.param("Her postcode is MK45 4RP", "UK_POSTCODE", "MK45 4RP"),
    pytest.param("She lives at 12 Station Road, Barton", "UK_ADDRESS", "12 Station Road"),
    pytest.param("My IP is 192.168.1.23", "IP_ADDRESS", "192.168.1.23"),
    pytest.param(
        "cookie _ga=GA1.2.1234567890.1234567890",
        "COOKIE_ID",
        "_ga=GA1.2.1234567890.1234567890",
    ),
    pytest.param("My NI number is AB 12 34 56 C", "UK_NINO", "AB 12 34 56 C"),
    pytest.param("NHS number 943 476 5919", "UK_NHS", "943 476 5919"),
    pytest.param("sort code 20-00-00 please", "UK_SORT_CODE", "20-00-00"),
    pytest.param("bank account 12345678 please", "UK_BANK_ACCOUNT", "12345678"),
    pytest.param("card 4111 1111 1111 1111", "CREDIT_CARD", "4111 1111 1111 1111"),
    pytest.param("IBAN GB82 WEST 1234 5698 7654 32", "IBAN_CODE", "GB82 WEST 1234 5698 7654 32"),
    pytest.param("born on 12/03/1985", "DATE_OF_BIRTH", "12/03/1985"),
    pytest.param("car reg AB12 CDE", "UK_VEHICLE_REGISTRATION", "AB12 CDE"),
    pytest.param("passport number 123456789", "UK_PASSPORT", "123456789"),
    pytest.param("driving licence MORGA657054SM9IJ", "UK_DRIVING_LICENCE", "MORGA657054SM9IJ"),
]


def _param_entity(param: object) -> str:
    values: tuple[object, ...] = getattr(param, "values", ())
    return str(values[1])


def test_every_entity_type_of_the_contract_has_a_personal_data_case() -> None:
    assert {_param_entity(p) for p in PERSONAL_DATA} == set(ENTITY_TYPES)


@pytest.mark.parametrize(("text", "entity", "value"), PERSONAL_DATA)
def test_when_personal_data_is_written_then_it_is_found_with_its_entity_and_exact_span(
    engine: PolicyEngine, text: str, entity: str, value: str
) -> None:
    verdict = engine.check(text)
    _assert_in_bounds(verdict)
    found = [
        (text[f.start : f.end], f.clause)
        for f in verdict.findings
        if f.rule == "personal_data" and f.entity == entity
    ]
    assert found, [(f.rule, f.entity, text[f.start : f.end]) for f in verdict.findings]
    assert found[0][0] == value
    assert found[0][1] == "Not contain any personal information."
    assert value not in verdict.redacted
    assert f"<{entity}>" in verdict.redacted


def test_when_a_name_is_the_only_personal_data_then_the_sender_is_warned(
    engine: PolicyEngine,
) -> None:
    verdict = engine.check("Dave Thompson said the hedge is too high")
    assert [f.entity for f in verdict.findings] == ["PERSON"]
    assert verdict.action is Action.WARN


def test_when_several_values_appear_then_each_is_found_in_order(engine: PolicyEngine) -> None:
    text = "Call me on 07911 123456 or email bob.jones@outlook.com, I live at 4 Mill Lane"
    verdict = engine.check(text)
    assert [(f.entity, text[f.start : f.end]) for f in verdict.findings] == [
        ("PHONE_NUMBER", "07911 123456"),
        ("EMAIL_ADDRESS", "bob.jones@outlook.com"),
        ("UK_ADDRESS", "4 Mill Lane"),
    ]
    assert verdict.redacted == (
        "Call me on <PHONE_NUMBER> or email <EMAIL_ADDRESS>, I live at <UK_ADDRESS>"
    )


PUBLISHED = [
    pytest.param("Contact theparishclerk@bartonleclay-pc.gov.uk", id="clerk email"),
    pytest.param("Write to clerk@bartonleclay-pc.gov.uk", id="council domain email"),
    pytest.param("Ring the office on 01582 881234", id="office phone"),
    pytest.param("Ring the office on +44 1582 881234", id="office phone international"),
    pytest.param("Ring the office on (01582) 881234", id="office phone brackets"),
    pytest.param("Cllr Smith will report back", id="Cllr Smith"),
    pytest.param("Jane Smith chaired the meeting", id="member full name"),
    pytest.param("Peter Hughes sent apologies", id="another member"),
    pytest.param("Thanks Helen Moss", id="member after thanks"),
]


@pytest.mark.parametrize("text", PUBLISHED)
def test_when_the_council_publishes_a_contact_then_it_is_not_personal_data(
    engine: PolicyEngine, text: str
) -> None:
    assert engine.check(text).findings == ()


@pytest.fixture(scope="module")
def words_only() -> PolicyEngine:
    """The word lists and patterns alone, without the learned scorers."""
    return PolicyEngine(learned=False)


@pytest.mark.parametrize(
    "text",
    [
        "Accidents happen at that bend every winter",
        "It would be a shame if we lost the bus",
        "Is it a shame if something is lost? Not really",
    ],
)
def test_when_a_misfortune_is_only_mentioned_then_no_threat_pattern_fires(
    words_only: PolicyEngine, text: str
) -> None:
    assert "threat" not in words_only.check(text).rules


def test_when_a_number_is_someone_s_own_office_line_then_it_is_still_personal_data(
    engine: PolicyEngine,
) -> None:
    text = "Her office number is 01234 567890"
    assert [f.entity for f in engine.check(text).findings] == ["PHONE_NUMBER"]


def test_when_a_planning_message_brings_in_an_objector_then_their_address_is_found(
    engine: PolicyEngine,
) -> None:
    text = "App 26/00412/FUL: objection from the neighbour at 5 Elm Close"
    assert "UK_ADDRESS" in [f.entity for f in engine.check(text).findings]


@pytest.mark.parametrize(
    "text",
    [
        "Contact theparishclerk@bartonleclay-pc.gov.uk",
        "Ring 01582 881234",
        "Jane Smith chaired the meeting",
    ],
)
def test_when_no_council_is_known_then_the_same_contacts_are_personal_data(
    default_engine: PolicyEngine, text: str
) -> None:
    assert [f.rule for f in default_engine.check(text).findings] == ["personal_data"]


@pytest.mark.parametrize("text", ["", " ", "\n\t  \n", ZWSP])
def test_when_the_text_is_empty_then_it_is_allowed_with_no_findings(
    engine: PolicyEngine, text: str
) -> None:
    verdict = engine.check(text)
    assert verdict.action is Action.ALLOW
    assert verdict.findings == ()
    assert verdict.redacted == text
    assert verdict.text == text


def test_when_several_messages_are_checked_then_verdicts_come_back_in_order(
    engine: PolicyEngine,
) -> None:
    texts = ["hello", "you idiot", "call 07911 123456", ""]
    assert [v.text for v in engine.check_many(texts)] == texts
    assert [v.action for v in engine.check_many(texts)] == [
        Action.ALLOW,
        Action.BLOCK,
        Action.BLOCK,
        Action.ALLOW,
    ]


# --------------------------------------------------------------------------------------------
# Long and hostile inputs


@pytest.mark.slow
def test_when_a_message_is_five_megabytes_then_findings_anywhere_are_found_in_bounds(
    engine: PolicyEngine,
) -> None:
    filler = "The parish council met to discuss the allotments and the new playground. "
    body = filler * (2_500_000 // len(filler))
    text = (
        "Ring 07911 123456 first. "
        + body
        + "Email me at jane.doe@gmail.com in the middle. "
        + body
        + "Last of all, you fucking idiot, see https://bit.ly/abc123"
    )
    assert len(text) >= 5_000_000
    verdict = engine.check(text)
    _assert_in_bounds(verdict)
    found = [(f.rule, text[f.start : f.end]) for f in verdict.findings]
    assert found == [
        ("personal_data", "07911 123456"),
        ("personal_data", "jane.doe@gmail.com"),
        ("abuse", "you fucking idiot"),
        ("unapproved_link", "https://bit.ly/abc123"),
    ]
    assert verdict.redacted.endswith("Last of all, <ABUSE>, see <LINK>")


ADVERSARIAL = adversarial_inputs()


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_when_input_is_shaped_to_cause_backtracking_then_the_check_completes(
    engine: PolicyEngine, name: str
) -> None:
    text = ADVERSARIAL[name]
    verdict = engine.check(text)
    assert verdict.text == text
    _assert_in_bounds(verdict)


@pytest.mark.parametrize(
    ("value", "rule"),
    [
        ("jane.doe@gmail.com", "personal_data"),
        ("https://bit.ly/abc123def", "unapproved_link"),
        ("you fucking idiot", "abuse"),
    ],
)
def test_when_a_value_straddles_a_chunk_boundary_then_it_is_reported_once_and_whole(
    engine: PolicyEngine, value: str, rule: str
) -> None:
    # No spaces just before the boundary, so the chunk cannot be cut at white space.
    prefix = "a " * ((CHUNK_CHARS - 200) // 2)
    problems: list[tuple[int, list[str]]] = []
    for start in range(CHUNK_CHARS - len(value), CHUNK_CHARS):
        text = prefix + "," * (start - len(prefix)) + value + " end"
        verdict = engine.check(text)
        spans = [(f.rule, f.start, f.end) for f in verdict.findings]
        if spans != [(rule, start, start + len(value))]:
            problems.append((start, [text[s:e] for _, s, e in spans]))
    assert problems == []


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text())
def test_when_text_is_arbitrary_unicode_then_the_check_never_fails_and_offsets_fit(
    engine: PolicyEngine, text: str
) -> None:
    verdict = engine.check(text)
    assert verdict.text == text
    _assert_in_bounds(verdict)
    strictest = max((f.action.severity for f in verdict.findings), default=0)
    assert verdict.action.severity == strictest


_FRAGMENTS = [
    "Call 07911 123456",
    "jane.doe@gmail.com",
    "MK45 4RP",
    "Dave Thompson",
    "Mr Wilkinson",
    "12 Station Road",
    "192.168.1.23",
    "AB 12 34 56 C",
    "4111 1111 1111 1111",
    "you fucking idiot",
    "see https://bit.ly/abc123",
    "password: hunter2xyz",
    "the Clerk",
    "Mill Lane",
    "and",
    ZWSP,
    RLO,
    CYR_A,
    "\u0308",
    "\n",
    ", ",
    " ",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.one_of(
        st.text(),
        st.lists(st.one_of(st.sampled_from(_FRAGMENTS), st.text(max_size=5)), max_size=12).map(
            "".join
        ),
    )
)
def test_when_personal_data_is_found_then_its_value_does_not_survive_redaction(
    engine: PolicyEngine, text: str
) -> None:
    verdict = engine.check(text)
    _assert_in_bounds(verdict)
    for finding in verdict.findings:
        if finding.rule not in REDACTABLE_RULES:
            continue
        value = text[finding.start : finding.end]
        if len(value) >= 6 and text.count(value) == 1:
            assert value not in verdict.redacted, (finding, verdict.redacted)
