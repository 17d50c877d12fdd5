"""Our own events: what a platform message means to the council's services.

Connectors (the Telegram handlers, later Zoom) translate platform objects into these; services
only ever see events.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file sent with a message: what Telegram tells us about it."""

    kind: str  # document | photo | video | audio | voice | animation | video_note | sticker
    file_id: str
    file_unique_id: str
    name: str = ""
    mime_type: str = ""
    size: int | None = None

    def describe(self) -> dict[str, object]:
        """The attachment as the record keeps it."""
        return {
            "kind": self.kind,
            "name": self.name,
            "mime_type": self.mime_type,
            "size": self.size,
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
        }


@dataclass(frozen=True, slots=True)
class MessageEvent:
    """A message posted (or edited) in a group."""

    chat_id: int
    chat_title: str
    message_id: int
    sender_id: int
    sender_name: str
    text: str
    date: datetime
    edited: bool = False
    version: int = 0  # 0 for the message as posted, else the edit's Unix time
    forwarded: bool = False
    sender_is_bot: bool = False
    hashtags: frozenset[str] = frozenset()  # lower case, without '#'
    mentioned_ids: frozenset[int] = frozenset()  # users mentioned by a text mention
    reply_to_sender_id: int | None = None
    attachments: tuple[Attachment, ...] = ()

    @property
    def check_text(self) -> str:
        """Everything the message holds that the policy check must read."""
        return self.text
