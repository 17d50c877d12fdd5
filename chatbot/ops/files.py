"""Files only the bot's own user can read: the database, the spool, exports and backups.

Everything councilbot writes to disk holds the record or residents' personal data, so it is
created ``0600`` (folders ``0700``) whatever the process umask says: :func:`private_dir`,
:func:`private_file` and :func:`open_private` set the mode themselves (``os.open`` with the
mode, then ``fchmod``, which the umask cannot loosen). :func:`private_output` writes a file
beside its destination and moves it into place when it is complete, so a failed export or
backup never leaves half a file and never destroys the one it was to replace; it refuses to
write through a symbolic link or onto anything that is not a regular file.

:data:`PRIVATE_UMASK` is set by the command line at start-up as a backstop for files made by
code that does not use these helpers (a library's, a future module's).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Final

from chatbot.errors import CouncilbotError

__all__ = [
    "PRIVATE_DIR_MODE",
    "PRIVATE_FILE_MODE",
    "PRIVATE_UMASK",
    "FileRefusedError",
    "describe_os_error",
    "open_private",
    "private_dir",
    "private_file",
    "private_output",
]

PRIVATE_FILE_MODE: Final[int] = 0o600
PRIVATE_DIR_MODE: Final[int] = 0o700
PRIVATE_UMASK: Final[int] = 0o077
_WRITE_FLAGS: Final[int] = os.O_WRONLY | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC
# Hard links are how a new file is put in place without replacing one that appeared meanwhile;
# on file systems without them the file is renamed instead (after checking nothing is there).
_NO_HARD_LINKS: Final[frozenset[int]] = frozenset(
    {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK}
)


class FileRefusedError(CouncilbotError):
    """A file was not written where asked, and why (a link, not a file, already there)."""


def private_dir(path: Path) -> Path:
    """Make the folder ``path`` (and its parents) if need be; ``path`` itself ends ``0700``."""
    path.mkdir(mode=PRIVATE_DIR_MODE, parents=True, exist_ok=True)
    if path.is_symlink():
        raise FileRefusedError(f"{path} is a symbolic link; give the real folder instead")
    path.chmod(PRIVATE_DIR_MODE)
    return path


def private_file(path: Path) -> Path:
    """Create ``path`` empty if it is missing; either way it ends ``0600`` (never emptied)."""
    descriptor = _open(path, os.O_WRONLY | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC)
    os.close(descriptor)
    return path


def open_private(path: Path, *, replace: bool = False) -> IO[bytes]:
    """``path`` opened for binary writing, ``0600``: a new file, or emptied if ``replace``.

    Raises :class:`FileRefusedError` for a symbolic link or anything not a regular file, and
    ``FileExistsError`` when the file exists and ``replace`` is not given.
    """
    flags = _WRITE_FLAGS | (os.O_TRUNC if replace else os.O_EXCL)
    return os.fdopen(_open(path, flags), "wb")


def _open(path: Path, flags: int) -> int:
    """``os.open`` with the private mode; the mode is set again (the umask cannot loosen it)."""
    _refuse_unusual(path)
    try:
        descriptor = os.open(path, flags, PRIVATE_FILE_MODE)
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # O_NOFOLLOW: a link appeared since the check
            raise FileRefusedError(_LINK.format(path=path)) from None
        raise
    try:
        regular = stat.S_ISREG(os.fstat(descriptor).st_mode)
        if regular:  # never chmod a device or /proc file that slipped past the check
            os.fchmod(descriptor, PRIVATE_FILE_MODE)
    except OSError:
        os.close(descriptor)
        raise
    if not regular:
        os.close(descriptor)
        raise FileRefusedError(_NOT_A_FILE.format(path=path))
    return descriptor


_LINK: Final[str] = "{path} is a symbolic link; refusing to write through it (give the real path)"
_NOT_A_FILE: Final[str] = "{path} is not a regular file; refusing to write to it"


def _refuse_unusual(path: Path) -> None:
    """Refuse a symbolic link or a device, folder or pipe at ``path`` (a missing path is fine)."""
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        return
    if stat.S_ISLNK(mode):
        raise FileRefusedError(_LINK.format(path=path))
    if not stat.S_ISREG(mode):
        raise FileRefusedError(_NOT_A_FILE.format(path=path))


@contextlib.contextmanager
def private_output(target: Path, *, replace: bool = False) -> Iterator[Path]:
    """A new empty ``0600`` file beside ``target``, moved onto ``target`` if the block succeeds.

    The block writes the file at the path it is given (by name: ``sqlite3`` and ``pg_dump``
    want one). On success the file is flushed to disk and put in place, atomically; on any
    failure it is removed and ``target`` is left as it was. ``target`` is never replaced
    unless ``replace``; a symbolic link or anything but a regular file there is refused.

    Raises :class:`FileRefusedError` for those refusals and ``OSError`` when the folder cannot
    hold the file.
    """
    _refuse_unusual(target)
    if not replace and target.exists():
        raise FileRefusedError(f"{target} already exists")
    descriptor, name = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".partial"
    )
    partial = Path(name)
    try:
        os.fchmod(descriptor, PRIVATE_FILE_MODE)
        os.close(descriptor)
        yield partial
        _sync(partial)
        _put_in_place(partial, target, replace=replace)
    finally:
        partial.unlink(missing_ok=True)


def _sync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _put_in_place(partial: Path, target: Path, *, replace: bool) -> None:
    """Move ``partial`` onto ``target``; without ``replace``, never over a file that is there."""
    _refuse_unusual(target)  # again: the export or backup may have taken a while
    if replace:
        partial.replace(target)
        return
    try:
        os.link(partial, target, follow_symlinks=False)
    except FileExistsError:
        raise FileRefusedError(f"{target} already exists") from None
    except OSError as exc:
        if exc.errno not in _NO_HARD_LINKS:
            raise
        if target.exists() or target.is_symlink():
            raise FileRefusedError(f"{target} already exists") from None
        partial.replace(target)


def describe_os_error(exc: OSError) -> str:
    """An ``OSError`` in a few plain words (``Permission denied``), without a traceback."""
    return exc.strerror or type(exc).__name__
