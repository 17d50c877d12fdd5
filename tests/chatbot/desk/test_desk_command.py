"""``/desk`` and the menu button, through the running bot against the fake Bot API."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from chatbot.desk.bot import NO_PUBLIC_URL
from policy_checks import PolicyEngine
from testing.fakes.telegram import Call, FakeTelegram
from tests.chatbot.desk.conftest import auth
from tests.chatbot.e2e.conftest import (
    CHAIR,
    CLERK,
    COUNCILLOR,
    RunningBot,
    make_settings,
    start_bot,
    stop_bot,
)

PUBLIC_URL = "https://bot.example.org/council"


async def _running(
    tmp_path: Path, fake: FakeTelegram, engine: PolicyEngine, **settings: object
) -> AsyncIterator[RunningBot]:
    configured = make_settings(tmp_path, fake, f"sqlite:///{tmp_path / 'desk.db'}", **settings)
    bot = await start_bot(configured, fake, engine)
    await fake.wait_for("getUpdates", timeout=10)
    yield bot
    await stop_bot(bot)


@pytest.fixture
async def public_bot(
    tmp_path: Path, fake_telegram: FakeTelegram, engine: PolicyEngine
) -> AsyncIterator[RunningBot]:
    async for bot in _running(tmp_path, fake_telegram, engine, public_url=PUBLIC_URL):
        yield bot


@pytest.fixture
async def polling_bot(
    tmp_path: Path, fake_telegram: FakeTelegram, engine: PolicyEngine
) -> AsyncIterator[RunningBot]:
    async for bot in _running(tmp_path, fake_telegram, engine):
        yield bot


def _to(user: int) -> object:
    return lambda call: str(call.params.get("chat_id")) == str(user)


def _markup(call: Call) -> dict[str, object]:
    markup = call.params.get("reply_markup") or "{}"
    return dict(json.loads(markup) if isinstance(markup, str) else markup)


async def test_when_an_officer_sends_desk_then_a_web_app_button_opens_the_desk(
    public_bot: RunningBot,
) -> None:
    fake = public_bot.fake
    fake.push_update(fake.message_update(CHAIR, CHAIR, "/desk", chat_type="private"))
    reply = await fake.wait_for("sendMessage", _to(CHAIR))  # type: ignore[arg-type]
    button = _markup(reply)["inline_keyboard"][0][0]  # type: ignore[index]
    assert button == {"text": "Open the Clerk's desk", "web_app": {"url": f"{PUBLIC_URL}/app/"}}


async def test_when_a_councillor_sends_desk_then_it_is_refused_by_the_access_table(
    public_bot: RunningBot,
) -> None:
    fake = public_bot.fake
    fake.push_update(fake.message_update(COUNCILLOR, COUNCILLOR, "/desk", chat_type="private"))
    reply = await fake.wait_for("sendMessage", _to(COUNCILLOR))  # type: ignore[arg-type]
    assert str(reply.params["text"]).startswith("/desk is for:")
    assert "reply_markup" not in reply.params


async def test_when_the_bot_starts_with_a_public_url_then_officers_get_the_desk_menu_button(
    public_bot: RunningBot,
) -> None:
    fake = public_bot.fake
    call = await fake.wait_for("setChatMenuButton", _to(CLERK))  # type: ignore[arg-type]
    button = call.params["menu_button"]
    button = json.loads(button) if isinstance(button, str) else button
    assert button == {"type": "web_app", "text": "Desk", "web_app": {"url": f"{PUBLIC_URL}/app/"}}
    chats = {str(c.params["chat_id"]) for c in fake.calls_to("setChatMenuButton")}
    assert chats == {str(CLERK), str(CHAIR)}  # not the councillor


async def test_when_the_bot_serves_http_then_the_desk_is_on_it(public_bot: RunningBot) -> None:
    root = f"http://127.0.0.1:{public_bot.settings.http_port}"
    async with httpx.AsyncClient() as client:
        page = await client.get(f"{root}/app/")
        me = await client.get(f"{root}/app/api/me", headers=auth(CLERK))
    assert page.status_code == 200
    assert me.json()["name"] == "Jane Smith"


async def test_when_public_url_is_not_set_then_desk_explains_what_is_needed(
    polling_bot: RunningBot,
) -> None:
    fake = polling_bot.fake
    fake.push_update(fake.message_update(CLERK, CLERK, "/desk", chat_type="private"))
    reply = await fake.wait_for("sendMessage", _to(CLERK))  # type: ignore[arg-type]
    assert reply.params["text"] == NO_PUBLIC_URL
    assert fake.calls_to("setChatMenuButton") == []
