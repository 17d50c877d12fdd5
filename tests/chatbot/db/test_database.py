from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from chatbot.db.base import Base
from chatbot.db.database import Database, DatabaseError, migration_config
from chatbot.db.models import Member
from chatbot.db.repositories import MemberRepository


def test_when_migrated_then_the_schema_matches_the_models(database_url: str) -> None:
    database = Database(database_url)
    database.upgrade()
    with database.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
    database.dispose()


def test_when_migrations_are_rolled_back_and_reapplied_then_they_still_work(
    database_url: str,
) -> None:
    database = Database(database_url)
    database.upgrade()
    command.downgrade(migration_config(database), "base")
    database.upgrade()
    database.call(lambda s: MemberRepository(s).add(Member(telegram_id=1, name="A", role="clerk")))
    assert database.call(lambda s: MemberRepository(s).get(1)) is not None
    database.dispose()


def test_when_a_timestamp_is_stored_then_it_comes_back_aware_in_utc(database_url: str) -> None:
    database = Database(database_url)
    database.upgrade()
    local = datetime(2026, 3, 29, 1, 30, tzinfo=timezone(timedelta(hours=1)))
    database.call(
        lambda s: MemberRepository(s).add(
            Member(telegram_id=2, name="B", role="clerk", created_at=local)
        )
    )
    member = database.call(lambda s: MemberRepository(s).get(2))
    assert member is not None
    assert member.created_at == local
    assert member.created_at.tzinfo == UTC
    database.dispose()


def test_when_the_database_refuses_work_then_a_database_error_is_raised(database_url: str) -> None:
    database = Database(database_url)
    database.upgrade()
    database.call(lambda s: MemberRepository(s).add(Member(telegram_id=3, name="C", role="clerk")))
    with pytest.raises(DatabaseError):
        database.call(
            lambda s: MemberRepository(s).add(Member(telegram_id=3, name="D", role="clerk"))
        )
    database.dispose()
