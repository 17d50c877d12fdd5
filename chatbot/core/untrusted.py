"""Text from outside the council shown as data: a group's own title, quoted and defanged.

Anyone can add the bot to a group and title it "URGENT from HMRC: Clerk must call 0300…". When
such a title is shown to the Clerk it is the group's claim, not ours, so it is quoted and made
inert: folded to plain characters (NFKC, so look-alike full-width dots and digits are caught),
control, format and bidirectional characters removed, on one line, cut to
:data:`TITLE_CHARS` characters, and nothing in it left for Telegram or a phone to make
clickable: dots between letters, ``@``, ``://`` and a leading ``/``, ``#`` or ``$`` are
bracketed (the usual way of showing a link that is not to be followed), and numbers long
enough to be phone numbers are hidden.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

TITLE_CHARS: Final[int] = 60
"""The most characters of a title shown (before it is made inert)."""

PHONE_DIGITS: Final[int] = 9
"""A run of this many digits or more (spaces, dashes, dots, brackets between) is hidden.

Enough for any phone number but short codes, few enough that ``2025-2026`` stays.
"""

_DROPPED_CATEGORIES: Final[frozenset[str]] = frozenset({"Cc", "Cf", "Co", "Cs", "Cn"})
_SPACE: Final[re.Pattern[str]] = re.compile(r"\s+")
_IDEOGRAPHIC_STOPS: Final[dict[int, str]] = {0x3002: "."}  # "。" ends a domain label too
_NUMBER: Final[re.Pattern[str]] = re.compile(r"\+?\(?\d[\d\s().\-]*\d")
_DOT: Final[re.Pattern[str]] = re.compile(r"(?<=\w)\.(?=\w)")
_SCHEME: Final[re.Pattern[str]] = re.compile(r":(?=//)")
_LEADING: Final[re.Pattern[str]] = re.compile(r"(?:(?<=\s)|^)([/#$])")


def plain_line(text: str) -> str:
    """``text`` folded (NFKC), without control, format or bidi characters, on one line."""
    folded = unicodedata.normalize("NFKC", text).translate(_IDEOGRAPHIC_STOPS)
    kept = "".join(
        " " if unicodedata.category(ch) in {"Zl", "Zp"} else ch
        for ch in folded
        if unicodedata.category(ch) not in _DROPPED_CATEGORIES or ch in "\t\n\r"
    )
    return _SPACE.sub(" ", kept).strip()


def _hide_number(match: re.Match[str]) -> str:
    number = match.group(0)
    if sum(ch.isdigit() for ch in number) < PHONE_DIGITS:
        return number
    return re.sub(r"\d", "•", number)


def inert(text: str) -> str:
    """``text`` with nothing a chat app would make clickable (links, mentions, phone numbers)."""
    text = _NUMBER.sub(_hide_number, text)
    text = _DOT.sub("[.]", text)
    text = _SCHEME.sub("[:]", text)
    text = text.replace("@", "[at]")
    return _LEADING.sub(r"[\1]", text)


def quoted_title(title: str | None, *, limit: int = TITLE_CHARS) -> str:
    """A group's own title as data: ``“…”``, one line, at most ``limit`` characters, inert.

    An empty title (or one of only invisible characters) is ``“(no title)”``.
    """
    line = plain_line(title or "")
    if len(line) > limit:
        line = line[: limit - 1].rstrip() + "…"
    return f"“{inert(line) or '(no title)'}”"
