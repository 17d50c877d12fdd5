"""``councilbot run`` with a token Telegram refuses: one line, no token, no traceback, exit 2.

The real command in a process of its own, against the fake Bot API, in both log formats.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from testing.fakes.telegram import FakeTelegram
from tests.chatbot.e2e.conftest import COUNCIL_TOML

COUNCILBOT = Path(sys.executable).with_name("councilbot")
REFUSED_TOKEN = "987654321:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw_"  # the shape @BotFather gives
RUN_TIMEOUT_S = 180.0


@pytest.mark.parametrize("log_format", ["text", "json"])
def test_when_telegram_refuses_the_token_then_run_says_so_in_one_line_and_exits_2(
    tmp_path: Path, log_format: str
) -> None:
    council = tmp_path / "council.toml"
    council.write_text(COUNCIL_TOML, encoding="utf-8")
    with FakeTelegram("111111:THE-FAKES-OWN-TOKEN") as fake:
        done = subprocess.run(
            [str(COUNCILBOT), "run"],
            env={
                "PATH": os.environ.get("PATH", ""),
                "HOME": str(tmp_path),
                "TELEGRAM_BOT_TOKEN": REFUSED_TOKEN,
                "TELEGRAM_API_BASE_URL": fake.base_url,
                "DATABASE_URL": f"sqlite:///{tmp_path / 'councilbot.db'}",
                "COUNCIL_CONFIG": str(council),
                "LOG_FORMAT": log_format,
                "LOG_LEVEL": "DEBUG",
            },
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=RUN_TIMEOUT_S,
            check=False,
        )
    output = done.stdout + done.stderr
    assert done.returncode == 2, output[-2000:]
    assert REFUSED_TOKEN not in output
    assert REFUSED_TOKEN.split(":")[1] not in output
    assert "Traceback" not in output
    assert done.stderr.splitlines()[-1] == (
        "councilbot: Telegram refused the bot token (401 Unauthorized). "
        "Check TELEGRAM_BOT_TOKEN with @BotFather."
    )
