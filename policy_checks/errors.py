"""Errors raised by the policy library.

PolicyChecksError
├── PolicyFileError      a policy YAML file is missing, malformed or names a bad field
└── InputError           a text given to a check cannot be read (for example bad UTF-8)
"""

from __future__ import annotations

from pathlib import Path


class PolicyChecksError(Exception):
    """Base of every error this library raises on purpose."""


class PolicyFileError(PolicyChecksError):
    """A policy file cannot be used; the message names the file, line and field."""

    def __init__(self, path: Path | str, line: int | None, field: str, problem: str) -> None:
        self.path = str(path)
        self.line = line
        self.field = field
        self.problem = problem
        where = f"{self.path}, line {line}" if line is not None else self.path
        super().__init__(f"{where}: {field}: {problem}")


class InputError(PolicyChecksError):
    """A message cannot be read; the message names where."""
