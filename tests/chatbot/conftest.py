"""Databases for the bot's tests: SQLite always, PostgreSQL too when TEST_DATABASE_URL is set."""

from __future__ import annotations

import functools
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text

from chatbot.db.database import Database

_KINDS = ["sqlite"] + (["postgresql"] if os.environ.get("TEST_DATABASE_URL") else [])


@pytest.fixture(params=_KINDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database's URL (PostgreSQL's public schema is dropped and made anew)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.db'}"
    url = _worker_database(os.environ["TEST_DATABASE_URL"])
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return url


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    """A migrated database."""
    db = Database(database_url)
    db.upgrade()
    yield db
    db.dispose()


@functools.cache
def _worker_database(url: str) -> str:
    """The URL of this pytest-xdist worker's own database beside ``url`` (``url`` itself unsplit).

    Workers run at once, so each drops and makes its own schema in a database of its own,
    ``<name>_<worker>``, made on first use (looked up once per worker, not per test).
    """
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker:
        return url
    base = make_url(url)
    name = f"{base.database}_{worker}"
    engine = create_engine(base, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        exists = connection.execute(
            text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}
        ).first()
        if exists is None:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return base.set(database=name).render_as_string(hide_password=False)
