"""Verifying a Mini App's ``initData``, exactly as Telegram documents it. Pure.

Telegram opens the desk with its signed *init data*: a URL-encoded query string of fields
(``user``, ``auth_date``, ``query_id``, ``signature``…) and ``hash``. It is genuine when

- the secret key is HMAC-SHA256 of the bot's token, keyed with the constant ``WebAppData``;
- ``hash`` is the hex HMAC-SHA256, with that key, of the *data-check string*: every field but
  ``hash``, as ``key=value`` with its value decoded, sorted by key and joined by newlines;
- the comparison is made in constant time;

and fresh when its ``auth_date`` is at most 24 hours old. A field given twice, a missing or
malformed ``hash``, ``auth_date`` or ``user`` is refused, never guessed at.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Final
from urllib.parse import parse_qsl, urlencode

__all__ = [
    "MAX_AGE",
    "InitDataError",
    "TelegramUser",
    "data_check_string",
    "sign_init_data",
    "verify_init_data",
]

MAX_AGE: Final[timedelta] = timedelta(hours=24)
# A phone's clock may run a little ahead of ours; further ahead is not a real sign-in.
CLOCK_SLACK: Final[timedelta] = timedelta(minutes=5)
MAX_FIELDS: Final[int] = 32
MAX_LENGTH: Final[int] = 8192
_KEY_CONSTANT: Final[bytes] = b"WebAppData"
_HASH: Final[str] = "hash"
_HEX_DIGITS: Final[frozenset[str]] = frozenset("0123456789abcdef")
_SHA256_HEX: Final[int] = 64


class InitDataError(Exception):
    """The init data is missing, malformed, forged or stale; ``reason`` says which (no data)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class TelegramUser:
    """Who opened the desk, as Telegram vouches for them."""

    id: int
    first_name: str = ""
    last_name: str = ""
    username: str = ""
    signed_at: datetime | None = None


def _secret_key(bot_token: str) -> bytes:
    return hmac.new(_KEY_CONSTANT, bot_token.encode("utf-8"), hashlib.sha256).digest()


def data_check_string(fields: Mapping[str, str]) -> str:
    """Every field but ``hash`` as ``key=value``, sorted by key, joined by newlines."""
    return "\n".join(f"{key}={fields[key]}" for key in sorted(fields) if key != _HASH)


def _signature(fields: Mapping[str, str], bot_token: str) -> str:
    check = data_check_string(fields).encode("utf-8")
    return hmac.new(_secret_key(bot_token), check, hashlib.sha256).hexdigest()


def sign_init_data(fields: Mapping[str, str], *, bot_token: str) -> str:
    """``fields`` as Telegram would send them, signed with ``bot_token`` (tests and tools)."""
    signed = {key: value for key, value in fields.items() if key != _HASH}
    signed[_HASH] = _signature(signed, bot_token)
    return urlencode(signed)


def _fields(init_data: str) -> dict[str, str]:
    if not init_data or len(init_data) > MAX_LENGTH:
        raise InitDataError("missing" if not init_data else "too long")
    try:
        pairs = parse_qsl(
            init_data, keep_blank_values=True, strict_parsing=True, max_num_fields=MAX_FIELDS
        )
    except ValueError:
        raise InitDataError("malformed") from None
    fields: dict[str, str] = {}
    for key, value in pairs:
        if key in fields:
            raise InitDataError("a field is repeated")
        fields[key] = value
    return fields


def _user(fields: Mapping[str, str], signed_at: datetime) -> TelegramUser:
    try:
        data = json.loads(fields["user"])
    except (KeyError, ValueError):
        raise InitDataError("no user") from None
    if not isinstance(data, dict):
        raise InitDataError("no user")
    user_id = data.get("id")
    if not isinstance(user_id, int) or isinstance(user_id, bool) or user_id <= 0:
        raise InitDataError("no user")

    def text(name: str) -> str:
        value = data.get(name, "")
        return value if isinstance(value, str) else ""

    return TelegramUser(
        id=user_id,
        first_name=text("first_name"),
        last_name=text("last_name"),
        username=text("username"),
        signed_at=signed_at,
    )


def verify_init_data(
    init_data: str, *, bot_token: str, now: datetime, max_age: timedelta = MAX_AGE
) -> TelegramUser:
    """The Telegram user ``init_data`` was signed for; :class:`InitDataError` if not genuine.

    The signature is checked before anything in the data is believed; then its age.
    """
    fields = _fields(init_data)
    given = fields.get(_HASH, "")
    if len(given) != _SHA256_HEX or not set(given) <= _HEX_DIGITS:
        raise InitDataError("unsigned")
    if not hmac.compare_digest(given, _signature(fields, bot_token)):
        raise InitDataError("forged")
    raw = fields.get("auth_date", "")
    if not raw.isascii() or not raw.isdigit():
        raise InitDataError("no auth_date")
    try:
        signed_at = datetime.fromtimestamp(int(raw), tz=UTC)
    except (OverflowError, OSError, ValueError):
        raise InitDataError("no auth_date") from None
    if signed_at < now - max_age:
        raise InitDataError("stale")
    if signed_at > now + CLOCK_SLACK:
        raise InitDataError("from the future")
    return _user(fields, signed_at)
