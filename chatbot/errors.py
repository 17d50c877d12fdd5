"""Errors of the bot and its command line.

CouncilbotError
├── ConfigError          settings or the council file cannot be used (names file, line, field)
└── UsageError           a command was called the wrong way (exit status 2)
"""

from __future__ import annotations


class CouncilbotError(Exception):
    """Base of every error councilbot raises on purpose; its message is safe to show."""


class ConfigError(CouncilbotError):
    """The configuration cannot be used."""


class UsageError(CouncilbotError):
    """A command was called the wrong way."""
