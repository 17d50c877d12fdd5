"""The database: one engine per process, transactions owned by the caller, run off the loop.

Repositories never commit; :meth:`Database.transaction` commits or rolls back the unit of work,
and :meth:`Database.run` does that in a worker thread so the event loop never blocks. Driver
errors are wrapped in :class:`DatabaseError` here, at the boundary. A SQLite database file is
created ``0600`` (it holds the record and residents' personal data), whatever the umask.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any, Final, TypeVar

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from chatbot.errors import CouncilbotError
from chatbot.ops.files import PRIVATE_FILE_MODE, private_file

T = TypeVar("T")


class DatabaseError(CouncilbotError):
    """The database could not be reached or refused the work."""


class Database:
    """A SQLAlchemy engine with a session factory."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine: Engine = _create_engine(url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work is committed on success and rolled back on error."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except SQLAlchemyError as exc:
            session.rollback()
            raise DatabaseError(f"database error ({type(exc).__name__})") from exc
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def call(self, work: Callable[[Session], T]) -> T:
        """Run ``work`` in one transaction, in this thread."""
        with self.transaction() as session:
            return work(session)

    async def run(self, work: Callable[[Session], T]) -> T:
        """Run ``work`` in one transaction, in a worker thread."""
        return await asyncio.to_thread(self.call, work)

    def upgrade(self) -> None:
        """Apply every migration not yet applied."""
        try:
            command.upgrade(migration_config(self), "head")
        except SQLAlchemyError as exc:
            where = self.engine.url.render_as_string(hide_password=True)
            raise DatabaseError(
                f"cannot migrate the database at {where} ({type(exc).__name__}); "
                "check DATABASE_URL and that the server is running"
            ) from exc

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()


def migration_config(database: Database) -> Config:
    """Alembic's configuration, without an ini file."""
    config = Config()
    location = resources.files("chatbot.db").joinpath("migrations")
    config.set_main_option("script_location", str(location))
    config.attributes["connection_engine"] = database.engine
    return config


SQLITE_COMPANIONS: Final[tuple[str, ...]] = ("-wal", "-shm", "-journal")


def sqlite_path(url: str) -> Path | None:
    """The file a SQLite URL names; None for another database, memory, or a ``file:`` URI."""
    parsed = make_url(url)
    database = parsed.database
    if parsed.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return None
    if database.startswith("file:") or parsed.query.get("uri"):
        return None  # SQLite reads these itself (modes, shared memory): left to it
    return Path(database)


def make_sqlite_private(url: str) -> None:
    """Create the SQLite database file ``0600`` before SQLite does (it would follow the umask).

    SQLite gives its ``-wal``, ``-shm`` and journal files the database file's permissions, so
    they are private too; ones left by an earlier version are made ``0600`` here. A missing
    folder is left for SQLite to report.
    """
    path = sqlite_path(url)
    if path is None or not path.parent.is_dir():
        return
    private_file(path)
    for suffix in SQLITE_COMPANIONS:
        companion = path.with_name(path.name + suffix)
        if companion.is_file() and not companion.is_symlink():
            companion.chmod(PRIVATE_FILE_MODE)


def _create_engine(url: str) -> Engine:
    # hide_parameters: error messages never carry stored values (message text, names).
    kwargs: dict[str, Any] = {"future": True, "hide_parameters": True}
    if url.startswith("sqlite"):
        make_sqlite_private(url)
        kwargs["connect_args"] = {"check_same_thread": False, "timeout": 30}
    else:
        kwargs["pool_pre_ping"] = True
    engine = create_engine(url, **kwargs)
    if url.startswith("sqlite"):
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()
