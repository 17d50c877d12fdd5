"""The database and its backups are private: ``0600`` under a ``022`` umask, WAL and SHM too."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from chatbot.db import backup
from chatbot.db.database import Database

OPEN_UMASK = 0o022


@pytest.fixture(autouse=True)
def open_umask() -> Iterator[None]:
    previous = os.umask(OPEN_UMASK)
    yield
    os.umask(previous)


def _modes(folder: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mode & 0o777 for p in folder.iterdir()}


def _use(database: Database) -> None:
    database.upgrade()
    with database.transaction() as session:  # a write: the WAL and the SHM exist now
        session.execute(text("CREATE TABLE IF NOT EXISTS probe (x INTEGER)"))
        session.execute(text("INSERT INTO probe VALUES (1)"))


def test_when_a_sqlite_database_is_created_then_it_and_its_wal_and_shm_are_0600(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    database = Database(f"sqlite:///{folder / 'councilbot.db'}")
    try:
        _use(database)
        modes = _modes(folder)
    finally:
        database.dispose()
    assert {"councilbot.db", "councilbot.db-wal", "councilbot.db-shm"} <= set(modes)
    assert set(modes.values()) == {0o600}, modes


def test_when_an_older_database_is_world_readable_then_it_is_made_0600(tmp_path: Path) -> None:
    path = tmp_path / "councilbot.db"
    first = Database(f"sqlite:///{path}")
    _use(first)
    for existing in tmp_path.iterdir():
        existing.chmod(0o644)  # as an earlier version left them
    second = Database(f"sqlite:///{path}")
    try:
        _use(second)
        modes = _modes(tmp_path)
    finally:
        first.dispose()
        second.dispose()
    assert set(modes.values()) == {0o600}, modes


def test_when_the_sqlite_database_is_backed_up_and_restored_then_both_files_are_0600(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'councilbot.db'}"
    database = Database(url)
    try:
        _use(database)
    finally:
        database.dispose()
    copy = tmp_path / "backup.db"
    backup.backup(url, copy)
    assert copy.stat().st_mode & 0o777 == 0o600
    restored = tmp_path / "restored"
    restored.mkdir()
    backup.restore(f"sqlite:///{restored / 'councilbot.db'}", copy)
    assert set(_modes(restored).values()) == {0o600}


def test_when_a_backup_would_go_through_a_symbolic_link_then_it_is_refused(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'councilbot.db'}"
    database = Database(url)
    try:
        _use(database)
    finally:
        database.dispose()
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    link = tmp_path / "backup.db"
    link.symlink_to(victim)
    with pytest.raises(backup.BackupError, match="symbolic link"):
        backup.backup(url, link, overwrite=True)
    assert victim.read_text(encoding="utf-8") == "precious"


def test_when_a_backup_cannot_be_written_there_then_a_backup_error_says_so(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'councilbot.db'}"
    database = Database(url)
    try:
        _use(database)
    finally:
        database.dispose()
    with pytest.raises(backup.BackupError, match="cannot be written"):
        backup.backup(url, Path("/proc/version"), overwrite=True)
