"""Sending e-mail: a small typed mailer built once from ``SMTP_URL``.

``smtp://user:pass@host:587`` connects in the clear and upgrades with STARTTLS whenever the
server offers it; credentials are never sent without TLS unless the server is on loopback.
``smtps://user:pass@host:465`` uses implicit TLS. The user and password are URL-decoded; an
optional ``?from=address`` sets the sender (default: the user when it is an address, else
``councilbot@<host>``).

The standard library's ``smtplib`` is blocking, so every send runs in a worker thread, with
explicit timeouts.

Errors (:mod:`integrations.errors`): a malformed ``SMTP_URL`` raises
:class:`IntegrationConfigError` naming the variable; a message that could not be sent raises
:class:`EmailError`, whose text carries no password or address.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import smtplib
import ssl
from collections.abc import Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import make_msgid
from typing import Final, Literal
from urllib.parse import parse_qs, unquote, urlsplit

from pydantic import SecretStr

from integrations.errors import EmailError, IntegrationConfigError

__all__ = ["Attachment", "EmailError", "Mailer", "SmtpConfig", "parse_smtp_url"]

logger = logging.getLogger(__name__)

TIMEOUT_S: Final[float] = 30.0
DEFAULT_PORTS: Final[dict[str, int]] = {"smtp": 587, "smtps": 465}
_VARIABLE: Final[str] = "SMTP_URL"


@dataclass(frozen=True, slots=True)
class SmtpConfig:
    """Where and how to send mail: the parsed ``SMTP_URL``."""

    scheme: Literal["smtp", "smtps"]
    host: str
    port: int
    sender: str
    username: str | None = None
    password: SecretStr | None = None

    @property
    def loopback(self) -> bool:
        """Whether the server is on this machine's loopback (so TLS may be skipped)."""
        if self.host.lower() == "localhost":
            return True
        try:
            return ipaddress.ip_address(self.host).is_loopback
        except ValueError:
            return False


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file attached to a message."""

    filename: str
    content: bytes
    mime_type: str = "application/octet-stream"


def parse_smtp_url(url: str | SecretStr) -> SmtpConfig:
    """Parse ``SMTP_URL``; a malformed one raises :class:`IntegrationConfigError` (naming it).

    The error never repeats the URL (it may hold a password).
    """
    raw = url.get_secret_value() if isinstance(url, SecretStr) else url
    try:
        parts = urlsplit(raw.strip())
        port = parts.port
    except ValueError:
        raise IntegrationConfigError(f"{_VARIABLE}: not a valid URL") from None
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS:
        raise IntegrationConfigError(
            f"{_VARIABLE}: the scheme must be smtp:// (STARTTLS) or smtps:// (implicit TLS)"
        )
    host = parts.hostname
    if not host:
        raise IntegrationConfigError(
            f"{_VARIABLE}: no host, expected e.g. smtp://user:pass@host:587"
        )
    if parts.path not in {"", "/"}:
        raise IntegrationConfigError(f"{_VARIABLE}: unexpected path after the host")
    username = unquote(parts.username) if parts.username else None
    password = SecretStr(unquote(parts.password)) if parts.password is not None else None
    if (username is None) != (password is None):
        raise IntegrationConfigError(f"{_VARIABLE}: give both a user and a password, or neither")
    query = parse_qs(parts.query)
    unknown = set(query) - {"from"}
    if unknown:
        raise IntegrationConfigError(
            f"{_VARIABLE}: unknown parameter(s) {', '.join(sorted(unknown))}"
        )
    sender = query.get("from", [""])[0].strip()
    if not sender:
        sender = username if username and "@" in username else f"councilbot@{host}"
    if "@" not in sender:
        raise IntegrationConfigError(f"{_VARIABLE}: the from= parameter must be an e-mail address")
    return SmtpConfig(
        scheme="smtps" if scheme == "smtps" else "smtp",
        host=host,
        port=port or DEFAULT_PORTS[scheme],
        sender=sender,
        username=username,
        password=password,
    )


class Mailer:
    """Sends plain-text messages with attachments through one SMTP server."""

    def __init__(
        self,
        config: SmtpConfig,
        *,
        timeout: float = TIMEOUT_S,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        self.config = config
        self._timeout = timeout
        self._ssl = ssl_context or ssl.create_default_context()

    @classmethod
    def from_url(
        cls,
        url: str | SecretStr,
        *,
        timeout: float = TIMEOUT_S,
        ssl_context: ssl.SSLContext | None = None,
    ) -> Mailer:
        """The mailer for ``SMTP_URL`` (:class:`IntegrationConfigError` if it is malformed)."""
        return cls(parse_smtp_url(url), timeout=timeout, ssl_context=ssl_context)

    def message(
        self,
        *,
        to: Sequence[str],
        subject: str,
        body: str,
        attachments: Sequence[Attachment] = (),
    ) -> EmailMessage:
        """The message that :meth:`send` would send."""
        message = EmailMessage()
        message["From"] = self.config.sender
        message["To"] = ", ".join(to)
        message["Subject"] = subject
        message["Message-ID"] = make_msgid(domain=self.config.sender.rsplit("@", 1)[-1])
        message.set_content(body)
        for attachment in attachments:
            maintype, _, subtype = attachment.mime_type.partition("/")
            message.add_attachment(
                attachment.content,
                maintype=maintype,
                subtype=subtype or "octet-stream",
                filename=attachment.filename,
            )
        return message

    async def send(
        self,
        *,
        to: Sequence[str],
        subject: str,
        body: str,
        attachments: Sequence[Attachment] = (),
    ) -> None:
        """Send one message to ``to``; raises :class:`EmailError` if it was not accepted."""
        if not to:
            raise EmailError("e-mail not sent: no recipient")
        message = self.message(to=to, subject=subject, body=body, attachments=attachments)
        await asyncio.to_thread(self._send, message)

    def _send(self, message: EmailMessage) -> None:
        config = self.config
        try:
            client = self._connect()
            with client:
                if config.username is not None and config.password is not None:
                    client.login(config.username, config.password.get_secret_value())
                client.send_message(message)
        except EmailError:
            raise
        except smtplib.SMTPResponseException as exc:
            raise EmailError(
                f"e-mail refused by the server (SMTP {exc.smtp_code}, {type(exc).__name__})"
            ) from None
        except (smtplib.SMTPException, OSError) as exc:
            # SMTPRecipientsRefused and friends carry addresses: only the type is kept.
            raise EmailError(f"e-mail could not be sent ({type(exc).__name__})") from None
        logger.info("e-mail sent via port=%s", config.port)

    def _connect(self) -> smtplib.SMTP:
        config = self.config
        if config.scheme == "smtps":
            return smtplib.SMTP_SSL(
                config.host, config.port, timeout=self._timeout, context=self._ssl
            )
        client = smtplib.SMTP(config.host, config.port, timeout=self._timeout)
        try:
            self._secure(client)
        except BaseException:
            client.close()
            raise
        return client

    def _secure(self, client: smtplib.SMTP) -> None:
        """Upgrade with STARTTLS when offered; refuse to log in in the clear off loopback."""
        client.ehlo()
        if client.has_extn("starttls"):
            client.starttls(context=self._ssl)
            client.ehlo()
            return
        if self.config.username is not None and not self.config.loopback:
            raise EmailError(
                "e-mail not sent: the server does not offer STARTTLS, and credentials "
                "are never sent without TLS (use smtps:// or a server with STARTTLS)"
            )
