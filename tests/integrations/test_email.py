"""The mailer against a real SMTP server on loopback (aiosmtpd)."""

from __future__ import annotations

import logging
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from integrations.email import Attachment, EmailError, Mailer, parse_smtp_url
from integrations.errors import IntegrationConfigError
from testing.fakes.smtp import Certificate, SmtpServer, free_port, self_signed

CLERK = "theparishclerk@bartonleclay-pc.gov.uk"
PASSWORD = "p@ss:w/rd %"  # URL-encoded below
ENCODED = "p%40ss%3Aw%2Frd%20%25"

# The plain servers allow AUTH without TLS on purpose: loopback is exempt from the TLS rule.
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> Certificate:
    return self_signed(tmp_path_factory.mktemp("tls"))


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    with SmtpServer() as server:
        yield server


async def test_when_a_message_is_sent_then_the_server_receives_subject_body_and_attachment(
    smtp: SmtpServer,
) -> None:
    mailer = Mailer.from_url(f"smtp://127.0.0.1:{smtp.port}?from=councilbot@example.gov.uk")
    await mailer.send(
        to=[CLERK],
        subject="Official record digest, Tuesday 1 December 2026: 2 entries",
        body="Councillors — 2 entries\n  #1 09:00 Helen Moss: Rent review agreed ✓",
        attachments=[
            Attachment("record-digest-2026-12-01.csv", b"seq,text\r\n1,a\r\n", "text/csv")
        ],
    )
    (received,) = await smtp.wait_for(1)
    assert received.recipients == [CLERK]
    assert received.envelope_from == "councilbot@example.gov.uk"
    message = received.message
    assert message["Subject"] == "Official record digest, Tuesday 1 December 2026: 2 entries"
    body = message.get_body(preferencelist=("plain",))
    assert body is not None
    assert "Rent review agreed ✓" in body.get_content()
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_filename() == "record-digest-2026-12-01.csv"
    assert attachment.get_content_type() == "text/csv"
    assert attachment.get_payload(decode=True) == b"seq,text\r\n1,a\r\n"


async def test_when_the_url_has_encoded_credentials_then_they_are_decoded_to_log_in() -> None:
    with SmtpServer(users={"clerk@example.gov.uk": PASSWORD}) as server:
        mailer = Mailer.from_url(f"smtp://clerk%40example.gov.uk:{ENCODED}@127.0.0.1:{server.port}")
        await mailer.send(to=[CLERK], subject="s", body="b")
        (received,) = await server.wait_for(1)
    assert received.login == "clerk@example.gov.uk"
    assert received.envelope_from == "clerk@example.gov.uk"


async def test_when_the_password_is_wrong_then_the_error_names_neither_password_nor_address(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    with SmtpServer(users={"clerk": "right"}) as server:
        mailer = Mailer.from_url(f"smtp://clerk:{ENCODED}@127.0.0.1:{server.port}")
        with pytest.raises(EmailError) as caught:
            await mailer.send(to=[CLERK], subject="s", body="b")
    assert "535" in str(caught.value)
    for text in (str(caught.value), caplog.text):
        assert PASSWORD not in text
        assert ENCODED not in text
        assert CLERK not in text


async def test_when_the_server_refuses_the_message_then_an_email_error_is_raised(
    smtp: SmtpServer,
) -> None:
    smtp.refuse_next("554 Transaction failed")
    mailer = Mailer.from_url(f"smtp://127.0.0.1:{smtp.port}")
    with pytest.raises(EmailError, match="554"):
        await mailer.send(to=[CLERK], subject="s", body="b")
    assert smtp.received == []


async def test_when_no_server_listens_then_an_email_error_is_raised_within_the_timeout() -> None:
    mailer = Mailer.from_url(f"smtp://127.0.0.1:{free_port()}", timeout=2)
    with pytest.raises(EmailError, match="ConnectionRefusedError"):
        await mailer.send(to=[CLERK], subject="s", body="b")


async def test_when_the_server_offers_starttls_then_credentials_go_over_tls(
    certificate: Certificate,
) -> None:
    # The server refuses AUTH before STARTTLS, so a login proves the upgrade happened.
    server = SmtpServer(users={"clerk": PASSWORD}, starttls=certificate.server_context())
    with server:
        mailer = Mailer.from_url(
            f"smtp://clerk:{ENCODED}@localhost:{server.port}",
            ssl_context=certificate.client_context(),
        )
        await mailer.send(to=[CLERK], subject="over tls", body="b")
        (received,) = await server.wait_for(1)
    assert (received.login, received.message["Subject"]) == ("clerk", "over tls")


async def test_when_the_url_is_smtps_then_the_connection_is_tls_from_the_start(
    certificate: Certificate,
) -> None:
    with SmtpServer(implicit_tls=certificate.server_context()) as server:
        mailer = Mailer.from_url(
            f"smtps://localhost:{server.port}", ssl_context=certificate.client_context()
        )
        await mailer.send(to=[CLERK], subject="implicit", body="b")
        (received,) = await server.wait_for(1)
    assert received.message["Subject"] == "implicit"


async def test_when_the_certificate_is_not_trusted_then_nothing_is_sent(
    certificate: Certificate,
) -> None:
    with SmtpServer(implicit_tls=certificate.server_context()) as server:
        mailer = Mailer.from_url(f"smtps://localhost:{server.port}")
        with pytest.raises(EmailError, match="SSL"):
            await mailer.send(to=[CLERK], subject="s", body="b")
        assert server.received == []


def _non_literal_loopback_name() -> str:
    name = socket.gethostname()
    try:
        address = socket.gethostbyname(name)
    except OSError:
        pytest.skip("the host name does not resolve")
    if name == "localhost" or not address.startswith("127."):
        pytest.skip("the host name is not on loopback")
    return name


async def test_when_a_remote_server_offers_no_tls_then_credentials_are_never_sent() -> None:
    name = _non_literal_loopback_name()
    with SmtpServer(users={"clerk": PASSWORD}) as server:
        mailer = Mailer.from_url(f"smtp://clerk:{ENCODED}@{name}:{server.port}")
        with pytest.raises(EmailError, match="STARTTLS"):
            await mailer.send(to=[CLERK], subject="s", body="b")
        assert server.received == []


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("http://host:25", "scheme"),
        ("smtp://", "no host"),
        ("smtp://host:notaport", "not a valid URL"),
        ("smtp://user@host:587", "both a user and a password"),
        ("smtp://host:587/inbox", "path"),
        ("smtp://host:587?sender=x", "unknown parameter"),
    ],
)
def test_when_smtp_url_is_malformed_then_the_error_names_the_variable(
    url: str, problem: str
) -> None:
    with pytest.raises(IntegrationConfigError, match=problem) as caught:
        parse_smtp_url(url)
    assert str(caught.value).startswith("SMTP_URL: ")


def test_when_a_malformed_url_holds_a_password_then_the_error_does_not_repeat_it() -> None:
    with pytest.raises(IntegrationConfigError) as caught:
        parse_smtp_url(f"ftp://clerk:{ENCODED}@host")
    assert ENCODED not in str(caught.value)
    assert PASSWORD not in str(caught.value)


@pytest.mark.parametrize(
    ("url", "port"),
    [("smtp://mail.example.gov.uk", 587), ("smtps://mail.example.gov.uk", 465)],
)
def test_when_no_port_is_given_then_the_scheme_default_is_used(url: str, port: int) -> None:
    assert parse_smtp_url(url).port == port


def test_when_the_user_is_not_an_address_then_the_sender_is_councilbot_at_the_host(
    tmp_path: Path,
) -> None:
    config = parse_smtp_url("smtp://apikey:secret@mail.example.gov.uk:587")
    assert config.sender == "councilbot@mail.example.gov.uk"
    assert config.password is not None
    assert "secret" not in repr(config)
