"""Telegram's webhook route over real HTTP: the secret, the size limit, malformed bodies."""

from __future__ import annotations

import httpx
import pytest
from starlette.types import ASGIApp
from telegram.ext import Application

from chatbot.ops.metrics import Metrics
from chatbot.telegram.context import CONTEXT_TYPES, BotApplication
from chatbot.telegram.dispatch import Dispatcher
from chatbot.telegram.webhook import WEBHOOK_PATH, telegram_routes, webhook_url
from integrations.http import build_app
from tests.integrations.test_http import serving

SECRET = "telegram-secret"
HEADER = "X-Telegram-Bot-Api-Secret-Token"
NESTING = 100_000  # far deeper than the JSON parser's recursion limit


def _application() -> BotApplication:
    application: BotApplication = (
        Application.builder()
        .token("123456:TEST-TOKEN")
        .context_types(CONTEXT_TYPES)
        .updater(None)
        .job_queue(None)
        .build()
    )
    return application


def _app(metrics: Metrics) -> ASGIApp:
    application = _application()
    return build_app(
        telegram_routes(
            application=application,
            dispatcher=Dispatcher(application),
            secret=SECRET,
            on_refused=lambda reason: metrics.webhook_refusals.inc(
                source="telegram", reason=reason
            ),
        )
    )


@pytest.mark.parametrize(
    ("headers", "body", "reason", "status"),
    [
        ({}, b"{}", "forbidden", 403),
        ({HEADER: "wrong"}, b"{}", "forbidden", 403),
        ({HEADER: SECRET}, b"{not json", "malformed update", 400),
        ({HEADER: SECRET}, b" " * 1_000_001, "too large", 413),
    ],
)
async def test_when_telegram_webhook_calls_are_refused_then_they_are_counted_by_reason(
    headers: dict[str, str], body: bytes, reason: str, status: int
) -> None:
    metrics = Metrics()
    async with serving(_app(metrics)) as root, httpx.AsyncClient() as client:
        refused = await client.post(f"{root}{WEBHOOK_PATH}", content=body, headers=headers)
    assert refused.status_code == status
    assert metrics.webhook_refusals.value(source="telegram", reason=reason) == 1


@pytest.mark.parametrize(
    "body",
    [
        b"[" * NESTING + b"]" * NESTING,
        b'{"update_id": 1, "message": ' + b'{"a":' * NESTING + b"1" + b"}" * NESTING + b"}",
    ],
    ids=["nested list", "nested object in an update"],
)
async def test_when_the_json_is_nested_too_deeply_then_400_not_500(body: bytes) -> None:
    metrics = Metrics()
    async with serving(_app(metrics)) as root, httpx.AsyncClient() as client:
        response = await client.post(
            f"{root}{WEBHOOK_PATH}", content=body, headers={HEADER: SECRET}
        )
    assert response.status_code == 400
    assert metrics.webhook_refusals.value(source="telegram", reason="malformed update") == 1


@pytest.mark.parametrize(
    ("given", "registered"),
    [
        ("https://bot.example.org", "https://bot.example.org/telegram/webhook"),
        ("https://bot.example.org/", "https://bot.example.org/telegram/webhook"),
        ("https://bot.example.org/telegram/webhook", "https://bot.example.org/telegram/webhook"),
    ],
)
def test_when_the_webhook_url_is_given_then_it_ends_in_the_webhooks_path(
    given: str, registered: str
) -> None:
    assert webhook_url(given) == registered
