"""What the bot does in a group, as the Clerk chooses it in Telegram, and how often it asks.

A group is served one of three ways (:class:`GroupSetting`): moderated; moderated and kept as an
official record; or ignored. They are stored as the ``chats`` row's two flags, so no new column
is needed: *Ignore* is a row with neither flag (the moderation pipeline serves a chat only when
one of them is set). A group the bot is removed from is set to *Ignore*, and the row kept, so a
group that was in ``council.toml`` is not seeded back at the next start: what was chosen in
Telegram wins over the file.

Anyone can add the bot to groups, so when someone who is not an officer does,
:class:`GroupReports` lets the Clerks be told of each group at most once a day (the hourly cap
across all groups is :class:`chatbot.core.budget.AlertBudget`'s). Pure: the caller passes the
time, and keeps it for the life of the process.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Final

REPORT_EVERY: Final[timedelta] = timedelta(days=1)
"""A group added by a non-officer is reported at most once in this time."""
MAX_REMEMBERED: Final[int] = 1000
"""How many groups' last reports are remembered (the oldest are forgotten first)."""


class GroupSetting(StrEnum):
    """What the bot does in a group."""

    MODERATE = "moderate"
    OFFICIAL = "official"  # moderated, and its messages kept as the council's official record
    IGNORE = "ignore"

    @property
    def moderate(self) -> bool:
        """Whether posts are checked (and breaching ones removed)."""
        return self is not GroupSetting.IGNORE

    @property
    def official(self) -> bool:
        """Whether its messages go on the official record."""
        return self is GroupSetting.OFFICIAL

    @property
    def button(self) -> str:
        """The label of the button that chooses it."""
        return _BUTTONS[self]

    @property
    def described(self) -> str:
        """What the bot does there, after a group's title: ``Councillors: moderated``."""
        return _DESCRIBED[self]

    @classmethod
    def of(cls, *, moderate: bool, official: bool) -> GroupSetting:
        """The setting a ``chats`` row's flags stand for.

        An official chat that is not moderated (possible in ``council.toml``) is kept on the
        record without being checked; it is shown as the official setting, its nearest.
        """
        if official:
            return cls.OFFICIAL
        return cls.MODERATE if moderate else cls.IGNORE


_BUTTONS: Final[dict[GroupSetting, str]] = {
    GroupSetting.MODERATE: "Moderate",
    GroupSetting.OFFICIAL: "Moderate and keep as official record",
    GroupSetting.IGNORE: "Ignore",
}
_DESCRIBED: Final[dict[GroupSetting, str]] = {
    GroupSetting.MODERATE: "moderated",
    GroupSetting.OFFICIAL: "moderated and kept as the official record",
    GroupSetting.IGNORE: "ignored",
}

AUDIT_ACTIONS: Final[dict[GroupSetting, str]] = {
    GroupSetting.MODERATE: "chat_moderate",
    GroupSetting.OFFICIAL: "chat_official",
    GroupSetting.IGNORE: "chat_ignore",
}
"""The audit log's action for each setting chosen."""
AUDIT_REMOVED: Final[str] = "chat_left"
"""The audit log's action when the bot was removed from a group (it is then ignored)."""


@dataclass
class GroupReports:
    """When each group added by a non-officer was last reported: at most once a day each."""

    every: timedelta = REPORT_EVERY
    limit: int = MAX_REMEMBERED
    _last: OrderedDict[int, datetime] = field(default_factory=OrderedDict, repr=False)

    def due(self, chat_id: int, now: datetime) -> bool:
        """Whether the group ``chat_id`` may be reported at ``now``; if so, it counts as told."""
        last = self._last.get(chat_id)
        if last is not None and now < last + self.every:
            return False
        self._last.pop(chat_id, None)
        self._last[chat_id] = now
        while len(self._last) > self.limit:
            self._last.popitem(last=False)
        return True
