"""Hostile deliveries to the Telegram webhook of the running bot: never a 5xx.

With the right secret, any body is either handled or refused with 400; without it, 403.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import SecretStr

from policy_checks import PolicyEngine
from testing.fakes.telegram import FakeTelegram
from tests.chatbot.e2e.conftest import RunningBot, make_settings, start_bot, stop_bot

SECRET = "fuzz-telegram-secret"
HEADER = "X-Telegram-Bot-Api-Secret-Token"


@pytest.fixture
async def webhook_bot(
    tmp_path: Path, fake_telegram: FakeTelegram, engine: PolicyEngine, database_url: str
) -> AsyncIterator[RunningBot]:
    bot = await start_bot(
        make_settings(
            tmp_path,
            fake_telegram,
            database_url,
            webhook_url="https://bot.example.org",
            telegram_webhook_secret=SecretStr(SECRET),
        ),
        fake_telegram,
        engine,
    )
    await fake_telegram.wait_for("setWebhook", timeout=10)
    yield bot
    await stop_bot(bot)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=25,
)
update_like = st.fixed_dictionaries(
    {"update_id": st.one_of(st.integers(), st.text(max_size=5), st.none())},
    optional={
        "message": st.one_of(
            json_values,
            st.fixed_dictionaries(
                {
                    "message_id": st.one_of(st.integers(), st.text(max_size=3)),
                    "date": st.one_of(
                        st.integers(min_value=0, max_value=2**31), st.text(max_size=3)
                    ),
                    "chat": st.one_of(
                        json_values,
                        st.fixed_dictionaries(
                            {
                                "id": st.integers(),
                                "type": st.sampled_from(["private", "group", "supergroup", "x"]),
                            }
                        ),
                    ),
                },
                optional={"text": st.text(max_size=50), "from": json_values},
            ),
        ),
        "edited_message": json_values,
        "callback_query": json_values,
        "inline_query": json_values,
    },
)
bodies = st.one_of(
    st.binary(max_size=300),
    json_values.map(lambda v: json.dumps(v).encode()),
    update_like.map(lambda v: json.dumps(v).encode()),
)


@pytest.mark.parametrize(
    "body",
    [b"null", b"[]", b"1", b'"x"', b"{}", b'{"update_id": "x"}', b'{"update_id": 1, "message": 5}'],
)
async def test_when_a_body_is_not_an_update_object_then_it_is_refused_not_a_5xx(
    webhook_bot: RunningBot, body: bytes
) -> None:
    url = f"http://127.0.0.1:{webhook_bot.settings.http_port}/telegram/webhook"
    async with httpx.AsyncClient() as client:
        response = await client.post(url, content=body, headers={HEADER: SECRET})
    assert response.status_code < 500, response.text


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(body=bodies, secret=st.sampled_from([SECRET, SECRET, "", "wrong"]))
async def test_when_any_body_is_posted_to_the_telegram_webhook_then_it_never_answers_5xx(
    webhook_bot: RunningBot, body: bytes, secret: str
) -> None:
    url = f"http://127.0.0.1:{webhook_bot.settings.http_port}/telegram/webhook"
    headers: dict[str, Any] = {HEADER: secret} if secret else {}
    async with httpx.AsyncClient() as client:
        response = await client.post(url, content=body, headers=headers)
    assert response.status_code < 500
    if secret != SECRET:
        assert response.status_code == 403
