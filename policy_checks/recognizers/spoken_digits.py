"""Digits written as words: "oh seven seven double oh nine ...", "zero seven seven ...".

A run of number words (and short digit groups) is read into its digit string, so the phone
recogniser can check it like any written number. Linear time: one bounded regex scan.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

_DIGIT_WORDS: Final[dict[str, str]] = {
    "zero": "0", "oh": "0", "o": "0", "nought": "0", "nil": "0", "one": "1", "two": "2",
    "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8",
    "nine": "9",
}  # fmt: skip
_REPEATERS: Final[dict[str, int]] = {"double": 2, "treble": 3, "triple": 3}
_WORD = (
    r"(?:zero|oh|o|nought|nil|one|two|three|four|five|six|seven|eight|nine|double|treble|"
    r"triple|\d{1,5})"
)
# At least four words: the run must start with a word, so plain digits are left to the scan of
# written numbers. Separators: spaces, commas, dashes, dots, one line break.
_RUN = re.compile(
    r"(?i)(?<![\w+])(?:plus four four|zero|oh|o|nought|nil|double|treble|triple)"
    rf"(?:[ ,.\-\n]{{1,3}}{_WORD}){{3,24}}(?!\w)"
)
_TOKEN = re.compile(r"(?i)[a-z]+|\d+")
MIN_DIGITS: Final[int] = 10
MAX_DIGITS: Final[int] = 13


def spoken_digit_runs(text: str) -> Iterator[tuple[int, int, str]]:
    """Each run of number words as ``(start, end, digits)`` with 10 to 13 digits."""
    for match in _RUN.finditer(text):
        digits = read_digits(match.group())
        if digits is not None and MIN_DIGITS <= len(digits.lstrip("+")) <= MAX_DIGITS:
            yield match.start(), match.end(), digits


def read_digits(words: str) -> str | None:
    """The digits a run of number words says (``None`` when a repeater has nothing to repeat)."""
    out: list[str] = []
    repeat = 1
    tokens = _TOKEN.findall(words.lower())
    if tokens and tokens[0] == "plus":
        out.append("+")
        tokens = tokens[1:]
    for token in tokens:
        if token in _REPEATERS:
            if repeat != 1:
                return None
            repeat = _REPEATERS[token]
            continue
        digits = _DIGIT_WORDS.get(token, token)
        if not digits.isdigit():
            return None
        out.append(digits[0] * repeat + digits[1:])
        repeat = 1
    return None if repeat != 1 else "".join(out)
