"""Logging set-up: plain lines, or one JSON object per line with ``LOG_FORMAT=json``.

A JSON line has ``time`` (UTC, ISO 8601), ``level``, ``logger`` and ``message``, and for an
exception its type only. The messages themselves carry ids, never message text, personal data
or tokens; the formatter adds nothing from the record beyond these fields (no arguments, no
traceback text, which could quote a message or an SQL value).
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from typing import Final

from chatbot.settings import Settings

TEXT_FORMAT: Final[str] = "%(asctime)s %(levelname)s %(name)s %(message)s"
# Loggers that say too much at INFO: httpx logs every request URL, which holds the bot token.
HANDLER_NAME: Final[str] = "councilbot"
# python-telegram-bot logs every Bot API call's parameters and answer at DEBUG: message text,
# digests with the record's content, the webhook secret, the token (tests/reliability found it).
QUIET_LOGGERS: Final[tuple[str, ...]] = ("httpx", "httpcore", "alembic", "telegram")


class JsonFormatter(logging.Formatter):
    """One JSON object per record: time, level, logger, message (and an exception's type)."""

    def format(self, record: logging.LogRecord) -> str:
        """The record as one line of JSON."""
        line: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info and record.exc_info[0] is not None:
            line["exception"] = record.exc_info[0].__name__
        return json.dumps(line, ensure_ascii=False)


def configure_logging(settings: Settings) -> None:
    """Send the root logger's records to stderr in the format ``LOG_FORMAT`` names."""
    handler = logging.StreamHandler()
    handler.set_name(HANDLER_NAME)
    if settings.log_format == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter(TEXT_FORMAT))
    root = logging.getLogger()
    for old in [h for h in root.handlers if h.get_name() == HANDLER_NAME]:
        root.removeHandler(old)  # configured again (tests): replace ours, keep the others
    root.addHandler(handler)
    root.setLevel(settings.log_level.upper())
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
