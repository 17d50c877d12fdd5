"""Log lines never hold a secret: a token in a URL in an exception, in either format."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import SecretStr

from chatbot.ops.logs import HANDLER_NAME, REDACTED, Scrubber, configure_logging
from chatbot.settings import Settings

TOKEN = "7312345678:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw_"
OTHER_TOKEN = "5550001112:BBFakeButShapedLikeOneFromBotFather9"  # one we were not told of
SMTP_PASSWORD = "smtp-pa55word-Zr7"
DB_PASSWORD = "db-s3cret-Qm2"
WEBHOOK_SECRET = "tg-webhook-secret-Qx81"


@pytest.fixture
def stream(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[io.StringIO]:
    """Where the bot's handler writes, for the format the test sets in ``LOG_FORMAT``."""
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    monkeypatch.chdir(tmp_path)
    out = io.StringIO()
    yield out
    for handler in list(root.handlers):
        if handler not in handlers:
            root.removeHandler(handler)
    root.setLevel(level)


def _configure(log_format: str, out: io.StringIO) -> None:
    settings = Settings(
        telegram_bot_token=SecretStr(TOKEN),
        telegram_webhook_secret=SecretStr(WEBHOOK_SECRET),
        smtp_url=SecretStr(f"smtps://clerk:{SMTP_PASSWORD}@mail.example.org:465"),
        database_url=f"postgresql+psycopg://bot:{DB_PASSWORD}@db.example.org/councilbot",
        log_format=log_format,  # type: ignore[arg-type]
    )
    configure_logging(settings)
    ours = next(h for h in logging.getLogger().handlers if h.get_name() == HANDLER_NAME)
    assert isinstance(ours, logging.StreamHandler)
    ours.setStream(out)


def _fail_with_url() -> None:
    url = f"https://api.telegram.org/bot{TOKEN}/getMe"
    raise ConnectionError(f"Client error '404 Not Found' for url '{url}'")


@pytest.mark.parametrize("log_format", ["text", "json"])
def test_when_an_exception_quotes_the_token_in_a_url_then_it_is_never_written(
    stream: io.StringIO, log_format: str
) -> None:
    _configure(log_format, stream)
    log = logging.getLogger("chatbot.test")
    try:
        _fail_with_url()
    except ConnectionError as exc:
        log.exception("getMe failed: %s", exc)  # noqa: TRY401 - the message is the point
    log.warning("webhook secret %s, smtp %s, database %s", WEBHOOK_SECRET, SMTP_PASSWORD,
                DB_PASSWORD)  # fmt: skip
    log.warning("download of /file/bot%s/documents/file_1.txt failed", OTHER_TOKEN)
    log.warning("a bare token %s", OTHER_TOKEN)
    written = stream.getvalue()
    for secret in (TOKEN, TOKEN.split(":")[1], OTHER_TOKEN, OTHER_TOKEN.split(":")[1],
                   WEBHOOK_SECRET, SMTP_PASSWORD, DB_PASSWORD):  # fmt: skip
        assert secret not in written
    assert "getMe failed" in written
    assert REDACTED in written
    if log_format == "text":
        assert "Traceback" in written  # the traceback is still there, without the token


def test_when_a_line_holds_no_secret_then_it_is_written_as_it_is() -> None:
    scrub = Scrubber(["s3cret-value"])
    line = "deleted chat=-1001234567890 message=5 at 14:30 for the bot; user 1234:ok"
    assert scrub(line) == line


def test_when_a_secret_is_url_quoted_then_it_is_scrubbed_too() -> None:
    scrub = Scrubber(["pa55:w/rd"])
    assert scrub("smtp://clerk:pa55%3Aw%2Frd@host") == f"smtp://clerk:{REDACTED}@host"
