"""What the command line writes is private (``0600``) under a ``022`` umask, which it restores."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from chatbot.cli.main import main

OPEN_UMASK = 0o022
COUNCIL_TOML = '[council]\nname = "Little Snoring Parish Council"\n'


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "council.toml").write_text(COUNCIL_TOML, encoding="utf-8")
    monkeypatch.setenv("COUNCIL_CONFIG", str(tmp_path / "council.toml"))
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'councilbot.db'}")
    previous = os.umask(OPEN_UMASK)
    yield
    os.umask(previous)


def _mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def test_when_the_database_is_made_backed_up_and_exported_then_every_file_is_0600(
    tmp_path: Path,
) -> None:
    assert main(["db", "upgrade"]) == 0
    assert main(["backup", str(tmp_path / "backup.db")]) == 0
    export = tmp_path / "export.json"
    argv = ["record", "export", "--from", "01/11/2026", "--to", "30/11/2026", "--format", "json"]
    assert main([*argv, "-o", str(export)]) == 0
    modes = {p.name: _mode(p) for p in tmp_path.iterdir() if p.suffix != ".toml"}
    assert {"councilbot.db", "backup.db", "export.json"} <= set(modes)
    assert set(modes.values()) == {0o600}, modes


def test_when_a_command_ends_then_the_callers_umask_is_back() -> None:
    main(["db", "upgrade"])
    current = os.umask(OPEN_UMASK)
    assert current == OPEN_UMASK
