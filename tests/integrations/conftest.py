"""The databases of the bot's tests (SQLite, and PostgreSQL with TEST_DATABASE_URL) here too."""

from tests.chatbot.conftest import database, database_url

__all__ = ["database", "database_url"]
