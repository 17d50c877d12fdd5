"""A progress line on stderr while a long command works, shown only on a terminal."""

from __future__ import annotations

import time
from typing import Final, TextIO

BAR_CELLS: Final[int] = 24
REDRAW_S: Final[float] = 0.2


class Progress:
    """A redrawn progress line: items done, and a bar when the total is known.

    A :class:`chatbot.core.progress.Meter`: a service may :meth:`start` new stages on it.
    """

    def __init__(
        self, label: str, *, total: int | None, stream: TextIO, enabled: bool | None = None
    ) -> None:
        self._label = label
        self._total = total if total else None
        self._stream = stream
        self._enabled = stream.isatty() if enabled is None else enabled
        self._done = 0
        self._drawn_at = 0.0
        self._width = 0

    def start(self, label: str, *, total: int | None) -> None:
        """Begin a new stage on the same line, and show it at once."""
        self.finish()
        self._label, self._total, self._done, self._width = label, total or None, 0, 0
        if self._enabled:
            self._drawn_at = time.monotonic()
            self._draw()

    def advance(self, items: int) -> None:
        """Count ``items`` more done, redrawing now and then."""
        self._done += items
        now = time.monotonic()
        if self._enabled and now - self._drawn_at >= REDRAW_S:
            self._drawn_at = now
            self._draw()

    def finish(self) -> None:
        """Clear the progress line, so what follows starts on a clean line."""
        if self._enabled and self._width:
            self._stream.write("\r" + " " * self._width + "\r")
            self._stream.flush()

    def _draw(self) -> None:
        if self._total is None and not self._done:
            line = f"{self._label}…"
        else:
            line = f"{self._label}: {self._done:,}"
        if self._total is not None:
            share = min(self._done / self._total, 0.99)
            filled = int(share * BAR_CELLS)
            line += f" [{'#' * filled}{'.' * (BAR_CELLS - filled)}] {share:.0%}"
        self._width = max(self._width, len(line))
        self._stream.write("\r" + line.ljust(self._width))
        self._stream.flush()
