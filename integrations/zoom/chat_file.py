r"""Zoom's saved meeting chats: the ``.txt`` a host saves, and a cloud recording's CHAT file.

Pure: text (or bytes) in, messages and problems out. Every format Zoom has written is read:

* the older one-line form, ``10:02:03\t From  Jane Smith  to  Everyone : hello``, also
  ``From Jane Smith : hello`` (no recipient) and direct messages,
  ``From Jane Smith to Tom Griffiths(Direct Message) : hi`` or ``(Privately)``; the lines after
  a message that carry no time continue it;
* the newer multi-line form, a header ``10:02:03 From Jane Smith to Everyone:`` and the text on
  the following lines, each indented with a tab; a reply starts with
  ``Replying to "first words…"`` and a reaction reads ``Reacted to "…" with 👍`` (or
  ``Removed a 👍 reaction from "…"``);
* a cloud recording's CHAT file, ``00:12:05\tJane Smith:\thello`` (time since the recording
  started), often with a byte-order mark.

A reply's quote and a reaction's quote are kept (:attr:`ChatMessage.reply_to`,
:attr:`Reaction.quoted`): they are text in the file like any other, so whoever checks the chat
must check them too (text can be smuggled inside a quote).

A line that cannot be read is a :class:`Problem` naming its line; it never stops the rest.
Everything is done with plain string methods and one anchored, bounded pattern, so any input
takes linear time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

EVERYONE: Final[str] = "Everyone"
BOM: Final[str] = "\ufeff"
# Recipients that are a group of people, not one person: a message to them is not direct.
GROUP_RECIPIENTS: Final[frozenset[str]] = frozenset(
    {
        "everyone",
        "everyone (in meeting)",
        "everyone (in waiting room)",
        "waiting room participants",
        "hosts and panelists",
        "all panelists",
        "all panelists and attendees",
        "host and co-hosts",
    }
)
DIRECT_MARKERS: Final[tuple[str, ...]] = ("(direct message)", "(privately)")
REPLY_PREFIX: Final[str] = 'Replying to "'
REACTION_PREFIXES: Final[tuple[str, ...]] = ('Reacted to "', "Removed a ")
FROM: Final[str] = "From "
# The time that opens a message: one or two digits of hours, then minutes and seconds.
_TIME: Final[re.Pattern[str]] = re.compile(r"([0-9]{1,2}):([0-5][0-9]):([0-5][0-9])(?=\s)")
MAX_NAME_CHARS: Final[int] = 200
MAX_EMOJI_CHARS: Final[int] = 16


@dataclass(frozen=True, slots=True)
class ChatMessage:
    """One message of a meeting chat, as saved.

    ``line`` is the line its header is on (from 1); ``time`` as written, ``HH:MM:SS``;
    ``recipient`` is ``"Everyone"`` or a name; ``direct`` when it went to one person only;
    ``reply_to`` is the quoted start of the message it answers.
    """

    line: int
    time: str
    sender: str
    recipient: str
    text: str
    direct: bool
    reply_to: str | None


@dataclass(frozen=True, slots=True)
class Reaction:
    """An emoji reaction (given or removed) and the quoted start of the message it is on.

    It carries no text of its own, so it is not a message; but its quote is text in the file.
    """

    line: int
    time: str
    sender: str
    recipient: str
    direct: bool
    quoted: str
    line_text: str  # the reaction as written, ``Reacted to "…" with 👍``


@dataclass(frozen=True, slots=True)
class Problem:
    """A line that could not be read, and why (the reason never quotes the line)."""

    line: int
    reason: str


@dataclass(frozen=True, slots=True)
class ParsedChat:
    """Every message that could be read, every reaction, and every line that could not."""

    messages: tuple[ChatMessage, ...]
    problems: tuple[Problem, ...]
    reacted: tuple[Reaction, ...] = ()

    @property
    def reactions(self) -> int:
        """How many emoji reactions were seen."""
        return len(self.reacted)


@dataclass(slots=True)
class _Open:
    """The message being read: its header, and its text lines so far."""

    line: int
    time: str
    sender: str
    recipient: str
    direct: bool
    lines: list[str]
    # A one-line header already carried text; an empty header waits for indented lines.
    multiline: bool


def parse_chat_file(text: str) -> ParsedChat:
    """Read a saved Zoom chat; any text parses, unreadable lines become problems."""
    return _Parser().feed(text.removeprefix(BOM).split("\n"))


def parse_chat_bytes(data: bytes) -> ParsedChat:
    """Read a saved Zoom chat from its bytes (UTF-8, with or without a BOM, LF or CRLF).

    A line that is not UTF-8 text (or holds a NUL byte) is a problem, and is read as empty.
    """
    lines: list[str] = []
    problems: list[Problem] = []
    for number, raw in enumerate(data.removeprefix(BOM.encode()).split(b"\n"), start=1):
        if b"\x00" in raw:
            problems.append(Problem(number, "binary data (a NUL byte), not text"))
            lines.append("")
            continue
        try:
            lines.append(raw.decode("utf-8"))
        except UnicodeDecodeError as exc:
            problems.append(Problem(number, f"not UTF-8 text (column {exc.start + 1})"))
            lines.append("")
    parsed = _Parser().feed(lines)
    merged = sorted((*problems, *parsed.problems), key=lambda p: p.line)
    return ParsedChat(parsed.messages, tuple(merged), parsed.reacted)


def format_chat_file(messages: tuple[ChatMessage, ...] | list[ChatMessage]) -> str:
    """Write messages in Zoom's newer multi-line form (what :func:`parse_chat_file` reads)."""
    out: list[str] = []
    for message in messages:
        recipient = message.recipient
        if message.direct:
            recipient += "(Direct Message)"
        out.append(f"{message.time} From {message.sender} to {recipient}:")
        if message.reply_to is not None:
            out.append(f'\t{REPLY_PREFIX}{message.reply_to}"')
        out.extend(f"\t{line}" for line in message.text.split("\n"))
    return "\n".join(out) + "\n"


class _Parser:
    """Reads lines one at a time; state is the message still open."""

    def __init__(self) -> None:
        self._messages: list[ChatMessage] = []
        self._problems: list[Problem] = []
        self._reactions: list[Reaction] = []
        self._open: _Open | None = None

    def feed(self, lines: list[str]) -> ParsedChat:
        for number, raw in enumerate(lines, start=1):
            self._line(number, raw.removesuffix("\r"))
        self._close()
        return ParsedChat(tuple(self._messages), tuple(self._problems), tuple(self._reactions))

    def _line(self, number: int, line: str) -> None:
        match = _TIME.match(line)
        if match is None:
            self._continue(number, line)
            return
        hours, minutes, seconds = match.groups()
        time = f"{int(hours):02d}:{minutes}:{seconds}"
        rest = line[match.end() :]
        stripped = rest.lstrip()
        if rest.startswith("\t") and not rest[1:2].isspace() and ":\t" in rest:
            self._recording_line(number, time, rest[1:])
        elif stripped.startswith(FROM):
            self._zoom_header(number, time, stripped[len(FROM) :])
        else:
            self._close()
            self._problem(number, "starts with a time but is not a message header")

    def _zoom_header(self, number: int, time: str, body: str) -> None:
        self._close()
        who, colon, after = body.partition(":")
        if not colon:
            self._problem(number, "a message header without ':'")
            return
        parties = _parties(who)
        if parties is None:
            self._problem(number, "a message header without a sender's name")
            return
        sender, recipient, direct = parties
        first = after.strip()
        self._open = _Open(
            line=number,
            time=time,
            sender=sender,
            recipient=recipient,
            direct=direct,
            lines=[first] if first else [],
            multiline=not first,
        )

    def _recording_line(self, number: int, time: str, body: str) -> None:
        self._close()
        name, _, text = body.partition(":\t")
        sender = _name(name)
        if sender is None:
            self._problem(number, "a message without a sender's name")
            return
        self._open = _Open(
            line=number,
            time=time,
            sender=sender,
            recipient=EVERYONE,
            direct=False,
            lines=[text.strip()],
            multiline=False,
        )

    def _continue(self, number: int, line: str) -> None:
        current = self._open
        if current is None:
            if line.strip():
                self._problem(number, "text before the first message")
            return
        if line.startswith("\t"):
            line = line[1:]
        elif current.multiline:
            line = line.lstrip(" ")
        current.lines.append(line.rstrip())

    def _close(self) -> None:
        current, self._open = self._open, None
        if current is None:
            return
        lines = current.lines
        reply_to: str | None = None
        first = next((i for i, line in enumerate(lines) if line.strip()), None)
        if first is not None and lines[first].startswith(REPLY_PREFIX):
            reply_to, remainder = _quoted(lines[first][len(REPLY_PREFIX) :])
            lines = [remainder, *lines[first + 1 :]] if remainder else lines[first + 1 :]
        text = "\n".join(lines).strip("\n")
        quoted = _reaction(text) if reply_to is None and "\n" not in text else None
        if quoted is not None:
            self._reactions.append(
                Reaction(
                    line=current.line,
                    time=current.time,
                    sender=current.sender,
                    recipient=current.recipient,
                    direct=current.direct,
                    quoted=quoted,
                    line_text=text,
                )
            )
            return
        self._messages.append(
            ChatMessage(
                line=current.line,
                time=current.time,
                sender=current.sender,
                recipient=current.recipient,
                text=text,
                direct=current.direct,
                reply_to=reply_to,
            )
        )

    def _problem(self, number: int, reason: str) -> None:
        self._problems.append(Problem(number, reason))


def _name(raw: str) -> str | None:
    """A name with its padding removed (Zoom pads with double spaces), or ``None`` if empty."""
    name = " ".join(raw.split())
    if not name or len(name) > MAX_NAME_CHARS:
        return None
    return name


def _parties(who: str) -> tuple[str, str, bool] | None:
    """``Jane Smith  to  Everyone`` → sender, recipient, whether it went to one person."""
    who = " ".join(who.split())
    direct = False
    folded = who.casefold()
    for marker in DIRECT_MARKERS:
        if folded.endswith(marker):
            who = who[: -len(marker)].rstrip()
            direct = True
            break
    cut = who.rfind(" to ")
    sender: str | None
    recipient: str | None
    if cut < 0:
        if direct:
            return None
        sender, recipient = _name(who), EVERYONE
    else:
        sender, recipient = _name(who[:cut]), _name(who[cut + len(" to ") :])
    if sender is None or recipient is None:
        return None
    if recipient.casefold() == EVERYONE.casefold():
        recipient = EVERYONE
    direct = direct or recipient.casefold() not in GROUP_RECIPIENTS
    return sender, recipient, direct


def _quoted(after_quote: str) -> tuple[str, str]:
    """Split ``first words…" the reply`` into the quoted words and the reply's own text."""
    end = after_quote.find('" ')
    if end < 0:
        if after_quote.endswith('"'):
            return after_quote[:-1], ""
        return after_quote, ""
    return after_quote[:end], after_quote[end + 2 :].strip()


def _reaction(text: str) -> str | None:
    """The quote of a reaction, ``Reacted to "…" with 👍`` or ``Removed a 👍 reaction from "…"``."""
    if not text.startswith(REACTION_PREFIXES):
        return None
    if text.startswith('Reacted to "'):
        head, _, emoji = text.rpartition('" with ')
        if head and 0 < len(emoji.strip()) <= MAX_EMOJI_CHARS:
            return head[len('Reacted to "') :]
        return None
    head, _, quoted = text.partition(' reaction from "')
    if quoted.endswith('"') and 0 < len(head) - len("Removed a ") <= MAX_EMOJI_CHARS:
        return quoted[:-1]
    return None
