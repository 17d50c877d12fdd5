"""End to end: Telegram refusing the bot token at start-up is one plain line, never the token.

PTB's own error for a refused token quotes it ("The token `123:ABC` was rejected"), and it
came out of ``councilbot run`` inside a 70-line traceback. ``serve`` now stops with a
:class:`ConfigError` that names the status and what to do, and nothing logged holds the token.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from chatbot.app import serve
from chatbot.errors import ConfigError
from chatbot.ops.logs import configure_logging
from policy_checks import PolicyEngine
from testing.fakes.telegram import FakeTelegram
from tests.chatbot.e2e.conftest import TOKEN, make_settings

REFUSED_401 = (
    "Telegram refused the bot token (401 Unauthorized). Check TELEGRAM_BOT_TOKEN with @BotFather."
)
REFUSED_404 = (
    "Telegram refused the bot token (404 Not Found). Check TELEGRAM_BOT_TOKEN with @BotFather."
)


@pytest.fixture
def logs_restored() -> Iterator[None]:
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    yield None
    for handler in list(root.handlers):
        if handler not in handlers:
            root.removeHandler(handler)
    root.setLevel(level)


async def _refusal(settings_path: Path, fake: FakeTelegram, url: str, engine: PolicyEngine) -> str:
    settings = make_settings(settings_path, fake, url, log_level="DEBUG")
    configure_logging(settings)  # as `councilbot run` does
    with pytest.raises(ConfigError) as refused:
        await serve(settings, engine=engine, poll_timeout=1)
    assert refused.value.__cause__ is None
    assert refused.value.__suppress_context__  # no "during handling" chain to print
    return str(refused.value)


@pytest.mark.usefixtures("logs_restored")
async def test_when_telegram_answers_401_to_the_token_then_one_line_says_so_without_it(
    tmp_path: Path,
    engine: PolicyEngine,
    database_url: str,
    capfd: pytest.CaptureFixture[str],
) -> None:
    with FakeTelegram("424242:THE-FAKES-OWN-TOKEN") as fake:  # not ours: every call is a 401
        told = await _refusal(tmp_path, fake, database_url, engine)
    assert told == REFUSED_401
    out, err = capfd.readouterr()
    for secret in (TOKEN, TOKEN.split(":")[1]):
        assert secret not in out + err


@pytest.mark.usefixtures("logs_restored")
async def test_when_telegram_answers_404_to_the_token_then_one_line_says_so_without_it(
    tmp_path: Path,
    fake_telegram: FakeTelegram,
    engine: PolicyEngine,
    database_url: str,
    capfd: pytest.CaptureFixture[str],
) -> None:
    fake_telegram.fail_next("getMe", 404, "Not Found")  # Telegram's answer to a malformed one
    told = await _refusal(tmp_path, fake_telegram, database_url, engine)
    assert told == REFUSED_404
    out, err = capfd.readouterr()
    assert TOKEN not in out + err
    assert not fake_telegram.calls_to("getUpdates")  # it stopped there
