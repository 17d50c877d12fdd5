"""Telegram's init data, verified as Telegram documents it: any tampering of any field fails."""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qsl, urlencode

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chatbot.desk.auth import (
    InitDataError,
    data_check_string,
    sign_init_data,
    verify_init_data,
)

TOKEN = "123456:TEST-TOKEN"
NOW = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
USER = json.dumps({"id": 1001, "first_name": "Jane", "last_name": "Smith", "username": "jane"})


def _fields(auth_date: datetime = NOW) -> dict[str, str]:
    return {
        "query_id": "AAHdF6IQAAAAAN0XohDhrOrc",
        "user": USER,
        "auth_date": str(int(auth_date.timestamp())),
        "signature": "abc",
    }


def _pairs(init_data: str) -> list[tuple[str, str]]:
    return parse_qsl(init_data, keep_blank_values=True)


def test_when_init_data_is_signed_as_telegram_documents_then_its_user_is_returned() -> None:
    fields = _fields()
    # Telegram's recipe, written out independently of the module under test.
    secret = hmac.new(b"WebAppData", TOKEN.encode(), hashlib.sha256).digest()
    check = "\n".join(f"{k}={v}" for k, v in sorted(fields.items()))
    digest = hmac.new(secret, check.encode(), hashlib.sha256).hexdigest()
    init_data = urlencode({**fields, "hash": digest})
    user = verify_init_data(init_data, bot_token=TOKEN, now=NOW)
    assert (user.id, user.first_name, user.last_name, user.username) == (
        1001,
        "Jane",
        "Smith",
        "jane",
    )
    assert user.signed_at == NOW


def test_when_the_data_check_string_is_made_then_hash_is_left_out_and_keys_are_sorted() -> None:
    assert data_check_string({"b": "2", "hash": "x", "a": "1"}) == "a=1\nb=2"


@pytest.mark.parametrize(
    ("init_data", "reason"),
    [
        ("", "missing"),
        ("user=%7B%7D&auth_date=1", "unsigned"),
        ("a=1&&b=2", "malformed"),
        ("hash=" + "0" * 64 + "&hash=" + "0" * 64, "a field is repeated"),
    ],
)
def test_when_init_data_is_missing_or_malformed_then_it_is_refused(
    init_data: str, reason: str
) -> None:
    with pytest.raises(InitDataError) as refused:
        verify_init_data(init_data, bot_token=TOKEN, now=NOW)
    assert refused.value.reason == reason


def test_when_init_data_is_signed_with_another_bots_token_then_it_is_forged() -> None:
    init_data = sign_init_data(_fields(), bot_token="654321:OTHER-TOKEN")
    with pytest.raises(InitDataError, match="forged"):
        verify_init_data(init_data, bot_token=TOKEN, now=NOW)


def test_when_auth_date_is_older_than_24_hours_then_it_is_stale() -> None:
    old = sign_init_data(_fields(NOW - timedelta(hours=24, seconds=1)), bot_token=TOKEN)
    with pytest.raises(InitDataError, match="stale"):
        verify_init_data(old, bot_token=TOKEN, now=NOW)
    fresh = sign_init_data(_fields(NOW - timedelta(hours=23, minutes=59)), bot_token=TOKEN)
    assert verify_init_data(fresh, bot_token=TOKEN, now=NOW).id == 1001


def test_when_auth_date_is_well_in_the_future_then_it_is_refused() -> None:
    ahead = sign_init_data(_fields(NOW + timedelta(hours=1)), bot_token=TOKEN)
    with pytest.raises(InitDataError, match="future"):
        verify_init_data(ahead, bot_token=TOKEN, now=NOW)


@pytest.mark.parametrize(
    "user",
    ["", "not json", "[1]", '{"id": "1001"}', '{"id": true}', '{"id": -5}', '{"name": "x"}'],
)
def test_when_the_signed_user_is_not_a_telegram_user_then_it_is_refused(user: str) -> None:
    init_data = sign_init_data({**_fields(), "user": user}, bot_token=TOKEN)
    with pytest.raises(InitDataError, match="no user"):
        verify_init_data(init_data, bot_token=TOKEN, now=NOW)


def test_when_auth_date_is_not_a_number_then_it_is_refused() -> None:
    init_data = sign_init_data({**_fields(), "auth_date": "yesterday"}, bot_token=TOKEN)
    with pytest.raises(InitDataError, match="auth_date"):
        verify_init_data(init_data, bot_token=TOKEN, now=NOW)


_text = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40)


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_when_any_field_is_tampered_with_then_verification_fails(data: st.DataObject) -> None:
    extra = data.draw(
        st.dictionaries(
            st.text("abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=12).filter(
                lambda k: k not in {"hash", "user", "auth_date"}
            ),
            _text,
            max_size=3,
        )
    )
    signed = sign_init_data({**_fields(), **extra}, bot_token=TOKEN)
    pairs = _pairs(signed)
    assert verify_init_data(signed, bot_token=TOKEN, now=NOW).id == 1001
    index = data.draw(st.integers(0, len(pairs) - 1))
    key, value = pairs[index]
    how = data.draw(st.sampled_from(["value", "key", "drop", "add"]))
    if how == "value":
        new = data.draw(_text.filter(lambda v: v != value))
        pairs[index] = (key, new)
    elif how == "key":
        new_key = data.draw(
            st.text("abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=12).filter(
                lambda k: k not in dict(pairs)
            )
        )
        pairs[index] = (new_key, value)
    elif how == "drop":
        del pairs[index]
    else:
        new_key = data.draw(
            st.text("abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=12).filter(
                lambda k: k not in dict(pairs)
            )
        )
        pairs.append((new_key, data.draw(_text)))
    with pytest.raises(InitDataError):
        verify_init_data(urlencode(pairs), bot_token=TOKEN, now=NOW)
