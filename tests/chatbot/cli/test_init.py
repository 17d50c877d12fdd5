"""``councilbot init``: a commented example council file that loads, never written over."""

from __future__ import annotations

from pathlib import Path

import pytest

from chatbot.cli.main import main
from chatbot.council.file import load_council_file


def test_when_init_runs_then_the_example_loads_as_a_council_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "council.toml"
    assert main(["init", str(path)]) == 0
    council = load_council_file(path)
    assert council.council.name == "Example Parish Council"
    # No numeric ids to fill in (#15): the first run's setup code makes the Clerk.
    assert council.members == ()
    text = path.read_text(encoding="utf-8")
    assert "# One [[chats]] block per group." in text
    assert "set in\n# Telegram (name, clerk_email, office_hours, website_domains) wins" in text
    assert "Wrote" in capsys.readouterr().out


def test_when_a_council_file_exists_then_init_leaves_it_unless_forced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "council.toml"
    path.write_text("# ours\n", encoding="utf-8")
    assert main(["init", str(path)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == "# ours\n"
    assert main(["init", str(path), "--force"]) == 0
    assert "Example Parish Council" in path.read_text(encoding="utf-8")
