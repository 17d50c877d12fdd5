"""The Telegram connector: the one place a Telegram message becomes our own event.

Everything a message holds that people can read is carried over, so that it is checked and
recorded: the visible text or caption (``MessageEvent.text``, which redaction applies to), and as
:class:`~chatbot.core.events.TextPart` s a contact card, a location or venue, a poll, a
checklist, the names of the files sent, and where links hidden behind words really go.

Who sent it is read as the group shows it: a person (or another bot), an admin posting as the
group itself (``sender_chat`` is the group; ``from`` is then Telegram's GroupAnonymousBot), or a
channel (``sender_chat`` is the channel; ``from`` is the Channel_Bot). Only the bot's own
messages are left out.

An edit's version is its Unix time x :data:`EDIT_VERSION_SCALE` plus a hash of what it holds:
Telegram gives edit times in whole seconds, so two edits in one second get different versions,
while the same edit delivered again gets the same one (and is recognised), and later edits still
have larger versions.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Final
from urllib.parse import parse_qs, unquote, urlsplit

from telegram import Contact, Message, MessageEntity, Update

from chatbot.core.events import (
    Attachment,
    Command,
    MessageEvent,
    PartKind,
    SenderKind,
    TextPart,
)

EDIT_VERSION_SCALE: Final[int] = 10_000
FILE_KINDS: Final[tuple[str, ...]] = (
    "document",
    "video",
    "audio",
    "voice",
    "animation",
    "video_note",
    "sticker",
)
NAMED_FILE_KINDS: Final[tuple[str, ...]] = ("document", "audio", "video", "animation")
HASHTAG_TRIM: Final[str] = ".,;:!?"
COORDINATE_PLACES: Final[int] = 5  # about a metre: as precise as anyone shares a place
# vCard properties that hold nothing a person typed, or only repeat the card's name.
VCARD_SKIPPED: Final[frozenset[str]] = frozenset(
    {"BEGIN", "END", "VERSION", "N", "FN", "PRODID", "REV", "UID", "PHOTO", "LOGO", "SOUND", "KEY"}
)
MAIL_SCHEMES: Final[frozenset[str]] = frozenset({"mailto"})
PHONE_SCHEMES: Final[frozenset[str]] = frozenset({"tel", "sms"})
MAIL_FIELDS: Final[tuple[str, ...]] = ("to", "cc", "bcc")


@dataclass(frozen=True, slots=True)
class Sender:
    """Who a message is from, as the group shows it."""

    id: int
    name: str
    kind: SenderKind
    is_bot: bool = False


def event_from_update(update: Update, *, bot_id: int) -> MessageEvent | None:
    """Our event for a group message or edit in ``update``.

    None when there is no message, when it is the bot's own, or when it holds nothing to check
    (a service message such as a member joining).
    """
    message = update.edited_message or update.message
    if message is None:
        return None
    if message.sender_chat is None and message.from_user and message.from_user.id == bot_id:
        return None
    return message_event(message, edited=update.edited_message is not None)


def message_event(message: Message, *, edited: bool = False) -> MessageEvent | None:
    """Our event for ``message``: None if it has no sender or holds nothing to check."""
    sender = sender_of(message)
    if sender is None:
        return None
    text = message.text or message.caption or ""
    attachments = attachments_of(message)
    parts = parts_of(message)
    if not (text or attachments or parts):
        return None
    entities = (*message.entities, *message.caption_entities)
    event = MessageEvent(
        chat_id=message.chat.id,
        chat_title=message.chat.title or "",
        message_id=message.message_id,
        sender_id=sender.id,
        sender_name=sender.name,
        text=text,
        date=message.date or datetime.now(UTC),
        edited=edited,
        forwarded=message.forward_origin is not None,
        sender_is_bot=sender.is_bot,
        hashtags=frozenset(
            word.lstrip("#").rstrip(HASHTAG_TRIM).lower()
            for word in text.split()
            if word.startswith("#")
        ),
        mentioned_ids=frozenset(
            entity.user.id
            for entity in entities
            if entity.type == MessageEntity.TEXT_MENTION and entity.user is not None
        ),
        reply_to_sender_id=(
            message.reply_to_message.from_user.id
            if message.reply_to_message and message.reply_to_message.from_user
            else None
        ),
        attachments=attachments,
        parts=parts,
        sender_kind=sender.kind,
        command=command_of(message),
    )
    if not edited:
        return event
    when = message.edit_date or message.date
    seconds = int(when.timestamp()) if when else 0
    return replace(event, version=edit_version(seconds, version_content(event)))


def edit_version(edit_seconds: int, content: str) -> int:
    """The version of an edit made at ``edit_seconds`` (Unix time) leaving ``content``."""
    digest = hashlib.sha256(content.encode("utf-8", "surrogatepass")).digest()
    return edit_seconds * EDIT_VERSION_SCALE + int.from_bytes(digest[:8]) % EDIT_VERSION_SCALE


def version_content(event: MessageEvent) -> str:
    """What an edit's version hashes: all its text and the files it carries."""
    files = "".join(f"\n{a.file_unique_id}" for a in event.attachments)
    return event.check_text + files


def sender_of(message: Message) -> Sender | None:
    """Who sent ``message``: a person, an anonymous admin or a channel (None if unknown)."""
    chat = message.sender_chat
    if chat is not None:
        title = chat.title or chat.username or ""
        if chat.id == message.chat.id:
            kind, label = SenderKind.ANONYMOUS_ADMIN, "anonymous admin"
        else:
            kind, label = SenderKind.CHANNEL, "channel"
        signed = f", {message.author_signature}" if message.author_signature else ""
        return Sender(chat.id, f"{title} ({label}{signed})".strip(), kind)
    user = message.from_user
    if user is None:
        return None
    return Sender(user.id, user.full_name, SenderKind.USER, is_bot=user.is_bot)


def command_of(message: Message) -> Command | None:
    """The bot command ``message`` starts with, if it does (``/help``, ``/help@SomeBot``)."""
    if not message.text or not message.entities:
        return None
    first = message.entities[0]
    if first.type != MessageEntity.BOT_COMMAND or first.offset != 0:
        return None
    name, _, addressee = message.parse_entity(first)[1:].partition("@")
    return Command(name.lower(), addressee.lower())


def attachments_of(message: Message) -> tuple[Attachment, ...]:
    """The files sent with ``message`` (for a photo, its largest size)."""
    found: list[Attachment] = []
    for kind in FILE_KINDS:
        media = getattr(message, kind, None)
        if media is not None:
            found.append(
                Attachment(
                    kind=kind,
                    file_id=media.file_id,
                    file_unique_id=media.file_unique_id,
                    name=getattr(media, "file_name", None) or "",
                    mime_type=getattr(media, "mime_type", None) or "",
                    size=media.file_size,
                )
            )
    if message.photo:
        photo = message.photo[-1]
        found.append(
            Attachment(
                kind="photo",
                file_id=photo.file_id,
                file_unique_id=photo.file_unique_id,
                mime_type="image/jpeg",
                size=photo.file_size,
            )
        )
    return tuple(found)


def parts_of(message: Message) -> tuple[TextPart, ...]:
    """Everything ``message`` holds besides its text or caption, each once, in order."""
    found: list[TextPart] = []
    for part in _parts(message):
        if part.text and part not in found:
            found.append(part)
    return tuple(found)


def _parts(message: Message) -> Iterator[TextPart]:
    if message.contact is not None:
        yield TextPart(PartKind.CONTACT, contact_text(message.contact))
    if message.venue is not None:
        venue = message.venue
        yield TextPart(PartKind.VENUE, _joined((venue.title, venue.address)))
    elif message.location is not None:
        place = message.location
        yield TextPart(
            PartKind.LOCATION,
            f"{place.latitude:.{COORDINATE_PLACES}f}, {place.longitude:.{COORDINATE_PLACES}f}",
        )
    if message.poll is not None:
        poll = message.poll
        lines = [poll.question]
        if poll.description:
            lines.append(poll.description)
        lines += [f"• {option.text}" for option in poll.options]
        if poll.explanation:
            lines.append(f"Explanation: {poll.explanation}")
        yield TextPart(PartKind.POLL, "\n".join(lines))
    if message.checklist is not None:
        checklist = message.checklist
        lines = [checklist.title, *(f"• {task.text}" for task in checklist.tasks)]
        yield TextPart(PartKind.CHECKLIST, "\n".join(lines))
    for kind in NAMED_FILE_KINDS:
        media = getattr(message, kind, None)
        if media is not None:
            yield TextPart(PartKind.FILE_NAME, getattr(media, "file_name", None) or "")
    if message.audio is not None:
        yield TextPart(PartKind.FILE_NAME, _joined((message.audio.performer, message.audio.title)))
    for target in _link_targets(message):
        yield TextPart(PartKind.LINK, target)


def contact_text(contact: Contact) -> str:
    """A contact card as one line: the name, the phone number, then the vCard's other details."""
    name = " ".join(n for n in (contact.first_name, contact.last_name) if n)
    values = [name, contact.phone_number]
    values += vcard_values(contact.vcard or "")
    return _joined(values)


def vcard_values(vcard: str) -> list[str]:
    """What a vCard holds for people to read: its e-mail addresses, numbers, address, notes."""
    unfolded = vcard.replace("\r\n", "\n").replace("\n ", "").replace("\n\t", "")
    values: list[str] = []
    for line in unfolded.split("\n"):
        head, colon, value = line.partition(":")
        if not colon:
            continue
        name = head.split(";", 1)[0].split(".")[-1].strip().upper()
        if name in VCARD_SKIPPED or name.startswith("X-"):
            continue
        # Structured values (ADR, ORG) separate their fields with ';'; '\\,' and '\\;' escape.
        fields = value.replace("\\,", ",").replace("\\n", " ").replace("\\N", " ").split(";")
        readable = ", ".join(f.strip() for f in fields if f.strip())
        if readable:
            values.append(readable)
    return values


def _link_targets(message: Message) -> Iterator[str]:
    """Where the message's links go, where the text does not already show it.

    A ``text_link`` hides its address behind words; a ``url`` Telegram recognised without a
    scheme (``example.gg/x``) is given one, so the policy's link check sees it as a link.
    """
    for entities in (message.parse_entities(), message.parse_caption_entities()):
        for entity, shown in entities.items():
            if entity.type == MessageEntity.TEXT_LINK and entity.url:
                yield link_target(entity.url)
            elif entity.type == MessageEntity.URL and "://" not in shown:
                yield f"http://{shown}"


def link_target(url: str) -> str:
    """A link's target as people read it: e-mail and phone links show the address or number."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url
    scheme = parts.scheme.lower()
    if scheme in MAIL_SCHEMES:
        query = parse_qs(parts.query)
        found = [parts.path, *(v for key in MAIL_FIELDS for v in query.get(key, ()))]
        addresses = _joined(unquote(a) for chunk in found for a in chunk.split(","))
        return f"e-mail {addresses}" if addresses else url
    number = unquote(parts.path).strip()
    if scheme in PHONE_SCHEMES and number:
        return f"phone {number}"
    return url


def _joined(values: Iterable[str | None], *, separator: str = ", ") -> str:
    """The non-empty values, each once, joined."""
    kept: list[str] = []
    for value in values:
        cleaned = " ".join((value or "").split())
        if cleaned and cleaned not in kept:
            kept.append(cleaned)
    return separator.join(kept)
