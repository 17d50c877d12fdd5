"""Our own events: what a platform message means to the council's services.

Connectors (:mod:`chatbot.telegram.connector`, Zoom's) translate platform objects into these;
services only ever see events.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Final


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


class PartKind(StrEnum):
    """What a part of a message other than its visible text is."""

    CONTACT = "contact"  # a shared contact card: name, phone number, the vCard's details
    LOCATION = "location"
    VENUE = "venue"  # a place: its title and address
    POLL = "poll"  # the question and the options
    CHECKLIST = "checklist"  # the title and the tasks
    FILE_NAME = "file_name"  # a document's, audio's, video's or animation's name
    LINK = "link"  # where a link hidden behind words goes, or a bare link Telegram found


PART_LABELS: Final[dict[PartKind, str]] = {
    PartKind.CONTACT: "Contact",
    PartKind.LOCATION: "Location",
    PartKind.VENUE: "Venue",
    PartKind.POLL: "Poll",
    PartKind.CHECKLIST: "Checklist",
    PartKind.FILE_NAME: "File",
    PartKind.LINK: "Link",
}


@dataclass(frozen=True, slots=True)
class TextPart:
    """Text a message holds besides its visible text: it is checked and recorded too."""

    kind: PartKind
    text: str

    def describe(self) -> str:
        """The part as people read it, e.g. ``Contact: Jane Doe, 07700 900123``."""
        return f"{PART_LABELS[self.kind]}: {self.text}"


class SenderKind(StrEnum):
    """Who a group message is from, as the group shows it."""

    USER = "user"  # a person (or another bot) under their own account
    ANONYMOUS_ADMIN = "anonymous_admin"  # an admin posting as the group itself
    CHANNEL = "channel"  # posted on behalf of a channel (or forwarded from the linked one)


@dataclass(frozen=True, slots=True)
class Command:
    """A message that is a bot command: ``/name`` or ``/name@bot``, at its very start."""

    name: str  # lower case, without the slash
    addressee: str = ""  # the bot named after '@', lower case; "" when none is named

    def is_for(self, username: str) -> bool:
        """Whether the command is meant for the bot called ``username``."""
        return not self.addressee or self.addressee == username.lower()


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
    # 0 for the message as posted; an edit's is its Unix time x 10,000 plus a hash of what it
    # holds, so two edits in one second differ and the same edit delivered twice does not.
    version: int = 0
    forwarded: bool = False
    sender_is_bot: bool = False  # another bot's account (its posts are checked all the same)
    hashtags: frozenset[str] = frozenset()  # lower case, without '#'
    mentioned_ids: frozenset[int] = frozenset()  # users mentioned by a text mention
    reply_to_sender_id: int | None = None
    attachments: tuple[Attachment, ...] = ()
    parts: tuple[TextPart, ...] = ()  # what it holds besides ``text``, in the order shown
    sender_kind: SenderKind = SenderKind.USER
    command: Command | None = None  # set when the message is a bot command

    @property
    def check_text(self) -> str:
        """Everything the message holds that the policy check must read, one part a line.

        The visible text (or caption) comes first, as it is; the other parts follow with what
        they are (``Contact: …``), which is also how the record shows them.
        """
        return "\n".join(line for line in (self.text, *(p.describe() for p in self.parts)) if line)
