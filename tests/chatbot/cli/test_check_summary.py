"""``councilbot check --file`` ends with a summary, and shows progress on a terminal."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from chatbot.cli.main import main
from chatbot.cli.progress import Progress


def test_when_a_file_is_checked_then_a_summary_with_counts_per_rule_ends_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    lines = tmp_path / "messages.txt"
    lines.write_text(
        "call me on 07911 123456\nthe hall is open\nMargaret Thornton asked\n", encoding="utf-8"
    )
    assert main(["check", "--file", str(lines), "--json"]) == 0
    captured = capsys.readouterr()
    assert len(captured.out.splitlines()) == 3  # stdout stays one verdict a line
    summary = captured.err.splitlines()
    assert summary[0] == "3 messages checked: 1 blocked, 1 warned, 1 allowed."
    assert "personal_data 2" in summary[1]
    assert "PHONE_NUMBER 1" in summary[2]
    assert "PERSON 1" in summary[2]


def test_when_progress_is_on_a_terminal_then_it_is_redrawn_and_cleared() -> None:
    stream = io.StringIO()
    progress = Progress("Checking x.txt", total=200, stream=stream, enabled=True)
    progress.advance(100)
    progress.finish()
    drawn = stream.getvalue()
    assert "Checking x.txt: 100 [############............] 50%" in drawn
    assert drawn.endswith("\r")


def test_when_output_is_not_a_terminal_then_no_progress_is_drawn() -> None:
    stream = io.StringIO()
    progress = Progress("Checking x.txt", total=200, stream=stream)
    progress.advance(100)
    progress.finish()
    assert stream.getvalue() == ""


def test_when_run_has_no_token_then_the_hint_works_as_typed_in_the_checkout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    assert main(["run"]) == 2
    hints = [line.strip() for line in capsys.readouterr().err.splitlines() if "check" in line]
    assert '.venv/bin/councilbot check "Call Jane on 07911 123456 about the pothole"' in hints
