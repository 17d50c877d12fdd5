"""The python-telegram-bot application builder, pointed at the Bot API our settings name.

Both applications (the bot, and setup mode before the council exists) talk to the same Bot API
the same way: its token and its base URL (a loopback fake in tests). Each adds its own context
types, and neither has PTB's updater (updates come from our poller or webhook) or job queue.
"""

from __future__ import annotations

from telegram.ext import Application
from telegram.ext._applicationbuilder import InitApplicationBuilder

from chatbot.errors import ConfigError
from chatbot.settings import Settings


def bot_api_builder(settings: Settings) -> InitApplicationBuilder:
    """A builder for ``settings``' bot token and Bot API; the caller adds its context types."""
    token = settings.telegram_bot_token
    if token is None:
        raise ConfigError("TELEGRAM_BOT_TOKEN is not set")
    root = settings.telegram_api_base_url.rstrip("/")
    return (
        Application.builder()
        .token(token.get_secret_value())
        .base_url(f"{root}/bot")
        .base_file_url(f"{root}/file/bot")
    )
