"""A budget of alerts: at most a few per window, the rest counted for one summary.

Used for the alerts that someone added the bot to a group (anyone can, to as many groups as they
like): the first :data:`JOIN_ALERTS_PER_HOUR` in an hour are sent one by one; the others are
only counted, and once that hour is over one summary says how many there were. Pure: the
caller passes the time, and keeps the budget for the life of the process (a restart starts a
new hour).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Final

JOIN_ALERTS_PER_HOUR: Final[int] = 3
HOUR: Final[timedelta] = timedelta(hours=1)


@dataclass
class AlertBudget:
    """At most ``limit`` alerts in each ``window`` (from the first of them); the rest held."""

    limit: int = JOIN_ALERTS_PER_HOUR
    window: timedelta = HOUR
    _opened: datetime | None = field(default=None, repr=False)
    _sent: int = field(default=0, repr=False)
    _held: int = field(default=0, repr=False)
    _held_since: datetime | None = field(default=None, repr=False)

    def take(self, now: datetime) -> bool:
        """Whether an alert at ``now`` may be sent; if not, it is counted for the summary.

        Call :meth:`summary` first: a window that is over is not reopened while its count
        waits to be told.
        """
        if self._opened is None or (now >= self._opened + self.window and not self._held):
            self._opened, self._sent = now, 0
        if self._sent < self.limit and not self._held:
            self._sent += 1
            return True
        if not self._held:
            self._held_since = now
        self._held += 1
        return False

    def summary(self, now: datetime) -> tuple[int, datetime] | None:
        """How many alerts were held back and since when, once their window is over.

        The count is then forgotten (and a new window may open), so each is told once.
        """
        if not self._held or self._opened is None or now < self._opened + self.window:
            return None
        held, since = self._held, self._held_since or self._opened
        self._held, self._held_since, self._opened, self._sent = 0, None, None, 0
        return held, since
