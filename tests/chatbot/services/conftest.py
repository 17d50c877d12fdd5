"""A migrated database per test, on every database kind under test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from chatbot.db.database import Database


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    db = Database(database_url)
    db.upgrade()
    yield db
    db.dispose()
