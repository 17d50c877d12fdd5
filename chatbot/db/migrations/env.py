"""Alembic environment: migrations run on the engine councilbot already built."""

from __future__ import annotations

from alembic import context

from chatbot.db import models  # noqa: F401 - registers the tables on Base.metadata
from chatbot.db.base import Base

config = context.config
engine = config.attributes["connection_engine"]

with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
