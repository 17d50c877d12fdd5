"""Logging set-up: plain lines, or one JSON object per line with ``LOG_FORMAT=json``.

A JSON line has ``time`` (UTC, ISO 8601), ``level``, ``logger`` and ``message``, and for an
exception its type only. The messages themselves carry ids, never message text, personal data
or tokens; the formatter adds nothing from the record beyond these fields (no arguments, no
traceback text, which could quote a message or an SQL value).

Whatever a line holds, secrets are taken out of it as it is written (:class:`Scrubber`): the
configured ones (the bot token, the webhook secrets, the SMTP, Zoom and database passwords)
and anything shaped like a bot token, in a URL's ``/bot<token>/`` or on its own, so a token
quoted by an exception's message or in a plain line's traceback is never written.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Final
from urllib.parse import quote, unquote, urlsplit

from chatbot.settings import Settings

TEXT_FORMAT: Final[str] = "%(asctime)s %(levelname)s %(name)s %(message)s"
# Loggers that say too much at INFO: httpx logs every request URL, which holds the bot token.
HANDLER_NAME: Final[str] = "councilbot"
# python-telegram-bot logs every Bot API call's parameters and answer at DEBUG: message text,
# digests with the record's content, the webhook secret, the token (tests/reliability found it).
QUIET_LOGGERS: Final[tuple[str, ...]] = ("httpx", "httpcore", "alembic", "telegram")
REDACTED: Final[str] = "[redacted]"
MIN_SECRET_CHARS: Final[int] = 4  # shorter values would blank out ordinary words
# A bot token in a Bot API URL (``/bot123:ABC/getMe``, ``/file/bot123:ABC/...``), and a bare
# token of the shape @BotFather issues (digits, a colon, 35 URL-safe characters).
_TOKEN_IN_URL: Final = re.compile(r"(/bot)\d+(?::|%3A)[^/\s'\"?#]+", re.IGNORECASE)
_BARE_TOKEN: Final = re.compile(r"\b\d{5,}:[A-Za-z0-9_-]{30,}")


class Scrubber:
    """Takes secrets out of a line: the given values, and anything shaped like a bot token."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        variants = {
            variant
            for secret in secrets
            for variant in (secret, quote(secret, safe=""), quote(secret))
            if len(variant) >= MIN_SECRET_CHARS
        }
        # Longest first, so a token goes whole before the secret part it contains.
        self._secrets = sorted(variants, key=len, reverse=True)

    def __call__(self, text: str) -> str:
        """``text`` with every secret replaced by ``[redacted]``."""
        for secret in self._secrets:
            if secret in text:
                text = text.replace(secret, REDACTED)
        text = _TOKEN_IN_URL.sub(rf"\1{REDACTED}", text)
        return _BARE_TOKEN.sub(REDACTED, text)


def secrets_of(settings: Settings) -> list[str]:
    """Every secret value in ``settings``, and the passwords inside its URLs."""
    values = [
        secret.get_secret_value()
        for secret in (
            settings.telegram_bot_token,
            settings.telegram_webhook_secret,
            settings.zoom_client_secret,
            settings.zoom_webhook_secret_token,
            settings.smtp_url,
        )
        if secret is not None
    ]
    token = settings.telegram_bot_token
    if token is not None:
        values.append(token.get_secret_value().partition(":")[2])  # the secret half alone
    for url in (settings.smtp_url.get_secret_value() if settings.smtp_url else "",
                settings.database_url):  # fmt: skip
        password = _password(url)
        if password:
            values += [password, unquote(password)]
    return [value for value in values if value]


def _password(url: str) -> str | None:
    try:
        return urlsplit(url).password
    except ValueError:
        return None


class TextFormatter(logging.Formatter):
    """The plain line format (with any traceback), secrets scrubbed."""

    def __init__(self, scrub: Scrubber | None = None) -> None:
        super().__init__(TEXT_FORMAT)
        self._scrub = scrub or Scrubber()

    def format(self, record: logging.LogRecord) -> str:
        """The record as a plain line, without a secret."""
        return self._scrub(super().format(record))


class JsonFormatter(logging.Formatter):
    """One JSON object per record: time, level, logger, message (and an exception's type)."""

    def __init__(self, scrub: Scrubber | None = None) -> None:
        super().__init__()
        self._scrub = scrub or Scrubber()

    def format(self, record: logging.LogRecord) -> str:
        """The record as one line of JSON."""
        line: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": self._scrub(record.getMessage()),
        }
        if record.exc_info and record.exc_info[0] is not None:
            line["exception"] = record.exc_info[0].__name__
        return json.dumps(line, ensure_ascii=False)


def configure_logging(settings: Settings) -> None:
    """Send the root logger's records to stderr in the format ``LOG_FORMAT`` names."""
    handler = logging.StreamHandler()
    handler.set_name(HANDLER_NAME)
    scrub = Scrubber(secrets_of(settings))
    if settings.log_format == "json":
        handler.setFormatter(JsonFormatter(scrub))
    else:
        handler.setFormatter(TextFormatter(scrub))
    root = logging.getLogger()
    for old in [h for h in root.handlers if h.get_name() == HANDLER_NAME]:
        root.removeHandler(old)  # configured again (tests): replace ours, keep the others
    root.addHandler(handler)
    root.setLevel(settings.log_level.upper())
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
