"""The reliability suite runs on the bot's databases: SQLite always, PostgreSQL when configured."""

from __future__ import annotations

from tests.chatbot.conftest import database, database_url

__all__ = ["database", "database_url"]
