"""End to end in webhook mode: Telegram posts updates to our HTTP server with a secret."""

from __future__ import annotations

import httpx
import pytest

from tests.chatbot.e2e.conftest import (
    COUNCILLOR,
    GROUP,
    RunningBot,
)
from tests.chatbot.e2e.conftest import (
    WEBHOOK_SECRET as SECRET,
)


def _url(bot: RunningBot) -> str:
    return f"http://127.0.0.1:{bot.settings.http_port}/telegram/webhook"


async def test_when_webhook_mode_starts_then_the_webhook_is_registered_with_the_secret(
    webhook_bot: RunningBot,
) -> None:
    call = await webhook_bot.fake.wait_for("setWebhook")
    assert call.params["url"] == "https://bot.example.org/telegram/webhook"
    assert call.params["secret_token"] == SECRET
    assert "edited_message" in str(call.params["allowed_updates"])


async def test_when_an_update_arrives_with_the_secret_then_it_is_handled(
    webhook_bot: RunningBot,
) -> None:
    fake = webhook_bot.fake
    update = fake.message_update(GROUP, COUNCILLOR, "call me on 07911 123456", message_id=5)
    status = await fake.deliver_to_webhook(_url(webhook_bot), update, secret_token=SECRET)
    assert status == 200
    deleted = await fake.wait_for("deleteMessage")
    assert int(str(deleted.params["message_id"])) == 5


@pytest.mark.parametrize("secret", [None, "wrong-secret"])
async def test_when_the_secret_is_missing_or_wrong_then_the_update_is_refused(
    webhook_bot: RunningBot, secret: str | None
) -> None:
    fake = webhook_bot.fake
    update = fake.message_update(GROUP, COUNCILLOR, "call me on 07911 123456", message_id=6)
    status = await fake.deliver_to_webhook(_url(webhook_bot), update, secret_token=secret)
    assert status == 403
    assert fake.calls_to("deleteMessage") == []


async def test_when_the_body_is_not_an_update_then_it_is_refused_with_400(
    webhook_bot: RunningBot,
) -> None:
    async with httpx.AsyncClient() as client:
        response = await client.post(
            _url(webhook_bot),
            content=b"{not json",
            headers={"X-Telegram-Bot-Api-Secret-Token": SECRET},
        )
    assert response.status_code == 400


async def test_when_the_health_endpoint_is_asked_then_it_answers(webhook_bot: RunningBot) -> None:
    async with httpx.AsyncClient() as client:
        response = await client.get(f"http://127.0.0.1:{webhook_bot.settings.http_port}/healthz")
    assert response.status_code == 200
