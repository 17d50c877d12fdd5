"""Private files: ``0600`` files and ``0700`` folders whatever the umask; never through links."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from chatbot.ops.files import (
    FileRefusedError,
    open_private,
    private_dir,
    private_file,
    private_output,
)

OPEN_UMASK = 0o022  # the usual default: without the helpers, files would be 0644


@pytest.fixture(autouse=True)
def open_umask() -> Iterator[None]:
    previous = os.umask(OPEN_UMASK)
    yield
    os.umask(previous)


def _mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def test_when_a_folder_is_made_private_then_it_is_0700_even_if_it_existed(tmp_path: Path) -> None:
    made = private_dir(tmp_path / "a" / "spool")
    assert _mode(made) == 0o700
    existing = tmp_path / "open"
    existing.mkdir(mode=0o755)
    assert _mode(private_dir(existing)) == 0o700


def test_when_a_private_file_is_made_then_it_is_0600_and_an_existing_one_is_kept(
    tmp_path: Path,
) -> None:
    path = private_file(tmp_path / "councilbot.db")
    assert _mode(path) == 0o600
    path.write_bytes(b"data")
    path.chmod(0o644)
    assert _mode(private_file(path)) == 0o600
    assert path.read_bytes() == b"data"  # tightened, never emptied


def test_when_a_private_file_is_opened_then_it_is_0600_and_new_unless_replace(
    tmp_path: Path,
) -> None:
    path = tmp_path / "entry.json"
    with open_private(path) as handle:
        handle.write(b"{}")
    assert _mode(path) == 0o600
    with pytest.raises(FileExistsError):
        open_private(path)
    path.chmod(0o644)
    with open_private(path, replace=True) as handle:
        handle.write(b"[]")
    assert (path.read_bytes(), _mode(path)) == (b"[]", 0o600)


def test_when_the_path_is_a_symbolic_link_then_nothing_is_written_through_it(
    tmp_path: Path,
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    link = tmp_path / "out.csv"
    link.symlink_to(victim)
    with pytest.raises(FileRefusedError, match="symbolic link"):
        open_private(link, replace=True)
    with pytest.raises(FileRefusedError, match="symbolic link"):
        private_file(link)
    with pytest.raises(FileRefusedError, match="symbolic link"), private_output(link, replace=True):
        pass
    assert victim.read_text(encoding="utf-8") == "precious"
    assert _mode(victim) == 0o644


def test_when_the_target_is_not_a_regular_file_then_it_is_refused(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    with pytest.raises(FileRefusedError, match="not a regular file"), private_output(pipe):
        pass
    with pytest.raises(FileRefusedError, match="not a regular file"):
        open_private(tmp_path, replace=True)


def test_when_an_output_succeeds_then_the_file_is_0600_in_place_and_no_partial_is_left(
    tmp_path: Path,
) -> None:
    target = tmp_path / "backup.db"
    with private_output(target) as partial:
        assert _mode(partial) == 0o600
        partial.write_bytes(b"copy")
    assert (target.read_bytes(), _mode(target)) == (b"copy", 0o600)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["backup.db"]


def test_when_an_output_fails_then_the_file_it_would_replace_is_kept(tmp_path: Path) -> None:
    target = tmp_path / "export.csv"
    target.write_text("earlier export", encoding="utf-8")

    def fail_half_way() -> None:
        with private_output(target, replace=True) as partial:
            partial.write_bytes(b"half")
            raise RuntimeError

    with pytest.raises(RuntimeError):
        fail_half_way()
    assert target.read_text(encoding="utf-8") == "earlier export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.csv"]


def test_when_the_target_exists_then_it_is_replaced_only_if_asked(tmp_path: Path) -> None:
    target = tmp_path / "export.csv"
    target.write_text("earlier export", encoding="utf-8")
    with pytest.raises(FileRefusedError, match="already exists"), private_output(target):
        pass
    with private_output(target, replace=True) as partial:
        partial.write_bytes(b"new")
    assert target.read_bytes() == b"new"


def test_when_the_target_appears_while_writing_then_it_is_not_replaced(tmp_path: Path) -> None:
    target = tmp_path / "export.csv"

    def race() -> None:
        with private_output(target) as partial:
            partial.write_bytes(b"ours")
            target.write_text("someone else's", encoding="utf-8")

    with pytest.raises(FileRefusedError, match="already exists"):
        race()
    assert target.read_text(encoding="utf-8") == "someone else's"


def test_when_the_folder_cannot_hold_the_file_then_an_os_error_says_so(tmp_path: Path) -> None:
    with pytest.raises(OSError, match="No such file"), private_output(tmp_path / "none" / "x"):
        pass
