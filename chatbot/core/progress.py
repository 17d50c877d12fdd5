"""How long work reports how far it has got, without knowing who is watching. Pure.

A service that may run for minutes (verifying the record's chain, exporting it, backing up the
database) takes a :class:`Meter`: it says what it is doing and how much of it there is, then
counts what it has done. The command line shows a progress bar on a terminal; everyone else
passes :data:`SILENT`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Final, Protocol, TypeVar

T = TypeVar("T")
EVERY: Final[int] = 500
"""How many items :func:`counted` lets pass between reports."""


class Meter(Protocol):
    """Where long work reports its progress."""

    def start(self, label: str, *, total: int | None) -> None:
        """A new stage begins: what it is, and how many items it has (``None``: unknown)."""

    def advance(self, items: int) -> None:
        """``items`` more of the stage are done."""

    def finish(self) -> None:
        """The stage (and its progress line) is over."""


class _Silent:
    """A meter nobody watches."""

    def start(self, label: str, *, total: int | None) -> None:
        """Nothing to show."""

    def advance(self, items: int) -> None:
        """Nothing to count."""

    def finish(self) -> None:
        """Nothing to clear."""


SILENT: Final[Meter] = _Silent()


def counted(items: Iterable[T], meter: Meter, *, every: int = EVERY) -> Iterator[T]:
    """``items`` unchanged, reporting to ``meter`` every ``every`` items and at the end."""
    pending = 0
    for item in items:
        yield item
        pending += 1
        if pending == every:
            meter.advance(pending)
            pending = 0
    if pending:
        meter.advance(pending)
