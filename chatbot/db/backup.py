"""Backing up and restoring the database: ``councilbot backup PATH`` and ``restore PATH``.

SQLite is copied with its online backup API, page by page under the database's own locks, so the
copy is consistent while the bot runs and writes, and is one self-contained file. PostgreSQL
is dumped with ``pg_dump --format=custom`` and restored with ``pg_restore --clean
--if-exists`` (both found on ``PATH``); the password goes to them in ``PGPASSWORD``, never on
the command line.

Neither ever replaces something silently: a backup does not overwrite an existing file, and a
restore does not overwrite a database that has tables, unless told to (``--force``). Stop the
bot before restoring.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Final

from sqlalchemy import URL, create_engine, inspect, make_url
from sqlalchemy.exc import SQLAlchemyError

from chatbot.core.progress import SILENT, Meter
from chatbot.db.database import DatabaseError, make_sqlite_private
from chatbot.errors import CouncilbotError
from chatbot.ops.files import FileRefusedError, describe_os_error, private_output

SQLITE_MAGIC: Final[bytes] = b"SQLite format 3\x00"
PG_DUMP_MAGIC: Final[bytes] = b"PGDMP"
PG_TIMEOUT_S: Final[float] = 3600.0
STDERR_LINES_SHOWN: Final[int] = 5


class BackupError(CouncilbotError):
    """A backup or restore could not be made; the message says why and what to do."""


class Kind(StrEnum):
    """Which database a URL names."""

    SQLITE = "sqlite"
    POSTGRESQL = "postgresql"


@dataclass(frozen=True, slots=True)
class Copied:
    """What a backup or restore did."""

    kind: Kind
    path: Path
    size: int


def kind_of(url: str) -> Kind:
    """The database kind of a SQLAlchemy URL; other databases are refused."""
    backend = make_url(url).get_backend_name()
    if backend == "sqlite":
        return Kind.SQLITE
    if backend == "postgresql":
        return Kind.POSTGRESQL
    raise BackupError(f"cannot back up a {backend} database: only SQLite and PostgreSQL")


def sqlite_file(url: str) -> Path:
    """The file a ``sqlite:///…`` URL names (an in-memory database has none)."""
    database = make_url(url).database
    if not database or database == ":memory:":
        raise BackupError("DATABASE_URL names an in-memory SQLite database: nothing to back up")
    return Path(database)


def backup(url: str, target: Path, *, overwrite: bool = False, meter: Meter = SILENT) -> Copied:
    """Copy the database at ``url`` to the file ``target`` (consistent while the bot runs).

    The copy is written ``0600`` beside ``target`` and moved into place when complete, so a
    failed backup leaves no partial file and keeps the earlier backup it was to replace.
    A symbolic link or anything but a regular file at ``target`` is refused. ``meter`` shows
    that the copy (SQLite) or ``pg_dump`` (PostgreSQL) is under way.
    """
    if target.exists() and not overwrite:
        raise BackupError(f"{target} exists; choose another name or use --force to replace it")
    if not target.parent.is_dir():
        raise BackupError(f"{target.parent}: no such folder")
    kind = kind_of(url)
    try:
        with private_output(target, replace=overwrite) as partial:
            if kind is Kind.SQLITE:
                _sqlite_backup(sqlite_file(url), partial, meter)
            else:
                meter.start("Backing up with pg_dump", total=None)
                try:
                    _pg_dump(url, partial)
                finally:
                    meter.finish()
    except FileRefusedError as exc:
        raise BackupError(str(exc)) from None
    except OSError as exc:
        raise BackupError(f"{target} cannot be written ({describe_os_error(exc)})") from None
    return Copied(kind=kind, path=target, size=target.stat().st_size)


def restore(url: str, source: Path, *, overwrite: bool = False) -> Copied:
    """Restore the backup ``source`` into the database at ``url``."""
    kind = kind_of(url)
    if not source.is_file():
        raise BackupError(f"{source}: no such backup file")
    _check_format(source, kind)
    if not overwrite and has_tables(url):
        raise BackupError(
            "the database at DATABASE_URL already has tables; stop the bot, and use --force "
            "to replace them with the backup"
        )
    if kind is Kind.SQLITE:
        target = sqlite_file(url)
        if not target.parent.is_dir():
            raise BackupError(f"{target.parent}: no such folder")
        make_sqlite_private(url)  # a database made by the restore is 0600, as the bot's own
        _sqlite_copy(source, target)
    else:
        _pg_restore(url, source)
    return Copied(kind=kind, path=source, size=source.stat().st_size)


def has_tables(url: str) -> bool:
    """Whether the database at ``url`` exists and has any table (a missing file has none)."""
    if kind_of(url) is Kind.SQLITE and not sqlite_file(url).exists():
        return False
    engine = create_engine(url)
    try:
        return bool(inspect(engine).get_table_names())
    except SQLAlchemyError as exc:
        raise DatabaseError(f"cannot read the database ({type(exc).__name__})") from exc
    finally:
        engine.dispose()


def _check_format(source: Path, kind: Kind) -> None:
    with source.open("rb") as handle:
        head = handle.read(len(SQLITE_MAGIC))
    expected = SQLITE_MAGIC if kind is Kind.SQLITE else PG_DUMP_MAGIC
    if not head.startswith(expected):
        what = "a SQLite database" if kind is Kind.SQLITE else "a pg_dump custom-format file"
        raise BackupError(f"{source} is not {what}, so it cannot restore this {kind} database")


def _sqlite_backup(source: Path, target: Path, meter: Meter) -> None:
    if not source.is_file():
        raise BackupError(f"{source}: no SQLite database there (check DATABASE_URL)")
    _sqlite_copy(source, target, read_only=True, meter=meter)


def _sqlite_copy(
    source: Path, target: Path, *, read_only: bool = False, meter: Meter = SILENT
) -> None:
    """Copy ``source`` into ``target`` with the online backup API (under their locks).

    In one step: a copy made in several would start again each time the running bot writes,
    and might never finish. So ``meter`` only shows that the copy is under way.
    """
    uri = source.resolve().as_uri() + ("?mode=ro" if read_only else "")
    meter.start("Backing up", total=None)
    try:
        with (
            _closing(sqlite3.connect(uri, uri=True)) as origin,
            _closing(sqlite3.connect(target)) as copy,
        ):
            origin.backup(copy)
    except sqlite3.Error as exc:
        raise BackupError(f"SQLite copy failed ({type(exc).__name__}: {exc})") from exc
    finally:
        meter.finish()


class _closing:  # noqa: N801 - a context manager used like contextlib.closing
    """Close a sqlite3 connection on exit (its own ``with`` only commits)."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection

    def __enter__(self) -> sqlite3.Connection:
        return self._connection

    def __exit__(self, *_: object) -> None:
        self._connection.close()


def libpq_url(url: str) -> tuple[str, str | None]:
    """The libpq connection URI of a SQLAlchemy URL, without its password, and the password."""
    parsed: URL = make_url(url)
    plain = parsed.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), parsed.password


def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(
            f"{name} was not found on PATH; install the PostgreSQL client tools "
            "(Debian/Ubuntu: apt install postgresql-client) of the server's major version"
        )
    return found


def _run_pg(arguments: list[str], url: str) -> None:
    """Run a PostgreSQL client tool; the password goes in its environment, not its arguments."""
    _, password = libpq_url(url)
    # Passed through to the child unchanged (PATH, locale, PGSSL*); not read as configuration.
    environment = dict(os.environ)
    if password is not None:
        environment["PGPASSWORD"] = password
    try:
        done = subprocess.run(  # noqa: S603 - a fixed tool with our own arguments, no shell
            arguments,
            env=environment,
            capture_output=True,
            text=True,
            timeout=PG_TIMEOUT_S,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise BackupError(f"{Path(arguments[0]).name} failed ({type(exc).__name__})") from exc
    if done.returncode != 0:
        said = " / ".join(done.stderr.strip().splitlines()[-STDERR_LINES_SHOWN:])
        raise BackupError(f"{Path(arguments[0]).name} failed (exit {done.returncode}): {said}")


def _pg_dump(url: str, target: Path) -> None:
    uri, _ = libpq_url(url)
    tool = _pg_tool("pg_dump")
    _run_pg([tool, "--format=custom", "--no-owner", f"--file={target}", f"--dbname={uri}"], url)


def _pg_restore(url: str, source: Path) -> None:
    uri, _ = libpq_url(url)
    tool = _pg_tool("pg_restore")
    _run_pg(
        [
            tool,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={uri}",
            str(source),
        ],
        url,
    )
