"""E-mail addresses however they are written, and which published addresses exempt others."""

from __future__ import annotations

import pytest

from policy_checks import PolicyEngine
from policy_checks.context import CouncilContext
from policy_checks.recognizers.email import canonical_email


def _emails(engine: PolicyEngine, text: str) -> list[str]:
    verdict = engine.check(text)
    return [text[f.start : f.end] for f in verdict.findings if f.entity == "EMAIL_ADDRESS"]


@pytest.mark.parametrize(
    ("text", "address"),
    [
        pytest.param("email:jane.doe@gmail.com", "jane.doe@gmail.com", id="after email colon"),
        pytest.param("Email: jane.doe@gmail.com", "jane.doe@gmail.com", id="email colon space"),
        pytest.param("mailto:jane.doe@gmail.com", "jane.doe@gmail.com", id="after mailto"),
        pytest.param("write to jane.doe @ gmail.com", "jane.doe @ gmail.com", id="spaces around @"),
        pytest.param("write to jane.doe@ gmail.com", "jane.doe@ gmail.com", id="space after @"),
        pytest.param("write to jane.doe @gmail.com", "jane.doe @gmail.com", id="space before @"),
        pytest.param("jane at gmail dot com", "jane at gmail dot com", id="spelt at and dot"),
        pytest.param(
            "mail jane [at] gmail [dot] com", "jane [at] gmail [dot] com", id="bracketed at dot"
        ),
        pytest.param(
            "mail jane(at)btinternet(dot)com", "jane(at)btinternet(dot)com", id="parenthesised"
        ),
        pytest.param(
            "bob.smith AT outlook DOT co DOT uk", "bob.smith AT outlook DOT co DOT uk", id="caps"
        ),
        pytest.param("mail jane at gmail.com", "jane at gmail.com", id="spelt at, real dot"),
    ],
)
def test_when_an_address_is_written_to_dodge_the_filter_then_it_is_found(
    engine: PolicyEngine, text: str, address: str
) -> None:
    assert _emails(engine, text) == [address]
    assert address not in engine.check(text).redacted


@pytest.mark.parametrize(
    "text",
    [
        "meet at the hall at seven",
        "look at the minutes dot points",
        "we voted at 7pm.",
        "the fete is at the green",
    ],
)
def test_when_at_and_dot_are_ordinary_words_then_no_address_is_found(
    engine: PolicyEngine, text: str
) -> None:
    assert _emails(engine, text) == []


@pytest.mark.parametrize(
    ("written", "plain"),
    [
        ("jane at gmail dot com", "jane@gmail.com"),
        ("Jane [at] Gmail [dot] com", "jane@gmail.com"),
        ("jane @ gmail.com", "jane@gmail.com"),
        ("jane.doe@gmail.com", "jane.doe@gmail.com"),
    ],
)
def test_when_an_address_is_spelt_then_its_canonical_form_is_plain(
    written: str, plain: str
) -> None:
    assert canonical_email(written) == plain


MEMBER_ON_GMAIL = CouncilContext.build(
    approved_domains=("bartonleclay-pc.gov.uk", "gov.uk"),
    public_emails=("theparishclerk@bartonleclay-pc.gov.uk", "cllr.hughes.barton@gmail.com"),
)
CLERK_ON_OWN_DOMAIN = CouncilContext.build(public_emails=("clerk@hexton-pc.org.uk",))


@pytest.mark.parametrize(
    ("council", "address", "public"),
    [
        pytest.param(MEMBER_ON_GMAIL, "cllr.hughes.barton@gmail.com", True, id="published gmail"),
        pytest.param(MEMBER_ON_GMAIL, "jane.doe@gmail.com", False, id="another gmail address"),
        pytest.param(MEMBER_ON_GMAIL, "CLLR.Hughes.Barton@Gmail.com", True, id="case"),
        pytest.param(
            MEMBER_ON_GMAIL, "cllr.hughes.barton at gmail dot com", True, id="published, spelt"
        ),
        pytest.param(MEMBER_ON_GMAIL, "office@bartonleclay-pc.gov.uk", True, id="own domain"),
        pytest.param(MEMBER_ON_GMAIL, "someone@dwp.gov.uk", False, id="gov.uk is not the council"),
        pytest.param(CLERK_ON_OWN_DOMAIN, "chair@hexton-pc.org.uk", True, id="clerk's own domain"),
        pytest.param(CLERK_ON_OWN_DOMAIN, "someone@other.org.uk", False, id="other domain"),
    ],
)
def test_when_a_webmail_address_is_published_then_it_exempts_only_itself(
    council: CouncilContext, address: str, public: bool
) -> None:
    assert council.is_public_email(address) is public


def test_when_a_member_publishes_a_gmail_address_then_other_gmail_addresses_are_personal_data() -> (
    None
):
    engine = PolicyEngine(council=MEMBER_ON_GMAIL)
    assert _emails(engine, "mail cllr.hughes.barton@gmail.com") == []
    assert _emails(engine, "mail jane.doe@gmail.com") == ["jane.doe@gmail.com"]
