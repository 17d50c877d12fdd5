"""End to end: "Ask the Clerk to review" stored, ``/reviews`` listed, ``/review`` resolved."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from policy_checks import PolicyEngine
from testing.fakes.telegram import Call, FakeTelegram
from tests.chatbot.e2e.conftest import GROUP, RunningBot, make_settings, start_bot, stop_bot
from tests.chatbot.e2e.test_cover import (
    ASSISTANT,
    BREACH,
    CLERK,
    COUNCILLOR,
    COVER_COUNCIL,
    MONITOR,
    OTHER,
)

PRIVATE = {"message_id": 99, "date": 0, "chat": {"id": COUNCILLOR, "type": "private"}}


def _chat(call: Call) -> int:
    return int(str(call.params.get("chat_id")))


def _text(call: Call) -> str:
    return str(call.params.get("text", ""))


def _review_button(call: Call) -> str:
    raw = call.params.get("reply_markup") or "{}"
    markup: dict[str, Any] = json.loads(raw) if isinstance(raw, str) else dict(raw)
    for row in markup.get("inline_keyboard", []):
        for button in row:
            if button["text"] == "Ask the Clerk to review":
                return str(button["callback_data"])
    raise AssertionError("no review button")


@pytest.fixture
async def review_bot(
    tmp_path: Path, fake_telegram: FakeTelegram, engine: PolicyEngine, database_url: str
) -> AsyncIterator[RunningBot]:
    """The bot with a Clerk, an Assistant Clerk, a monitor and councillors, polling."""
    council = tmp_path / "review-council.toml"
    council.write_text(COVER_COUNCIL, encoding="utf-8")
    settings = make_settings(tmp_path, fake_telegram, database_url, council_config=council)
    bot = await start_bot(settings, fake_telegram, engine)
    await fake_telegram.wait_for("getUpdates", timeout=10)
    yield bot
    await stop_bot(bot)


async def _says(bot: RunningBot, user: int, text: str) -> str:
    """Send ``text`` privately as ``user``; the bot's next answer to them."""
    fake = bot.fake
    before = len([c for c in fake.calls_to("sendMessage") if _chat(c) == user])
    fake.push_update(fake.message_update(user, user, text, chat_type="private"))
    for _ in range(200):
        answers = [c for c in fake.calls_to("sendMessage") if _chat(c) == user]
        if len(answers) > before:
            return _text(answers[before])
        await asyncio.sleep(0.05)
    raise AssertionError(f"no answer to {text!r}")


async def _removed(bot: RunningBot, message_id: int) -> str:
    """The councillor posts a breach; it is removed; the review button's data."""
    fake = bot.fake
    fake.push_update(fake.message_update(GROUP, COUNCILLOR, BREACH, message_id=message_id))
    explained = await fake.wait_for(
        "sendMessage",
        lambda c: _chat(c) == COUNCILLOR and "was removed" in _text(c),
        timeout=20,
    )
    return _review_button(explained)


async def _press(bot: RunningBot, data: str) -> str:
    """The councillor presses the button; what the bot answers."""
    fake = bot.fake
    before = len(fake.calls_to("answerCallbackQuery"))
    fake.push_update(fake.callback_update(COUNCILLOR, data, PRIVATE))
    for _ in range(200):
        answers = fake.calls_to("answerCallbackQuery")
        if len(answers) > before:
            return _text(answers[before])
        await asyncio.sleep(0.05)
    raise AssertionError("no answer to the button")


def _alerts(bot: RunningBot) -> list[Call]:
    return [c for c in bot.fake.calls_to("sendMessage") if "Review requested" in _text(c)]


async def test_when_the_sender_asks_for_review_then_it_is_stored_listed_resolved_and_told(
    review_bot: RunningBot,
) -> None:
    data = await _removed(review_bot, 50)
    assert await _press(review_bot, data) == (
        "Review request 1 sent to the Clerk (or whoever covers for the Clerk)."
    )
    (alert,) = _alerts(review_bot)
    assert _chat(alert) == CLERK
    assert _text(alert).startswith("Review request 1: Review requested: Helen")
    assert "07911" not in _text(alert)
    assert await _press(review_bot, data) == (
        "Review request 1 is with the Clerk (or whoever covers for the Clerk)."
    )
    assert len(_alerts(review_bot)) == 1  # asked twice, one request, one alert

    listing = await _says(review_bot, CLERK, "/reviews")
    lines = listing.splitlines()
    assert lines[0] == "Open review requests (1):"
    assert lines[1].startswith("1. ")
    assert f"Councillors, Helen Moss (id {COUNCILLOR}): " in lines[1]
    assert "07911" not in listing
    assert "Thornton" not in listing

    reply = await _says(review_bot, CLERK, "/review 1 reinstated a published contact")
    assert reply == "Review request 1 resolved: reinstated."
    told = [c for c in review_bot.fake.calls_to("sendMessage") if _chat(c) == COUNCILLOR][-1]
    assert _text(told) == (
        "Review request 1: the Clerk's office reviewed the removal of your message in "
        "Councillors: it should not have been removed: you may post it again.\n"
        "Note: a published contact"
    )
    assert await _says(review_bot, CLERK, "/reviews") == "No open review requests."
    again = await _says(review_bot, CLERK, "/review 1 upheld")
    assert again == "Review request 1 is already resolved."


async def test_when_a_councillor_tries_to_resolve_then_it_is_refused_and_stays_open(
    review_bot: RunningBot,
) -> None:
    await _press(review_bot, await _removed(review_bot, 51))
    refused = await _says(review_bot, OTHER, "/review 1 upheld")
    assert refused.startswith("/review is for: ")
    assert (await _says(review_bot, OTHER, "/reviews")).startswith("/reviews is for: ")
    # A nominated monitor who is not covering may not act either.
    not_covering = await _says(review_bot, MONITOR, "/review 1 upheld")
    assert "you are not covering now" in not_covering
    assert (await _says(review_bot, CLERK, "/reviews")).startswith("Open review requests (1):")


async def test_when_a_forged_press_names_another_message_then_nothing_is_stored_or_alerted(
    review_bot: RunningBot,
) -> None:
    answer = await _press(review_bot, f"v:{GROUP}:777")
    assert answer == "I have no record of removing that message of yours."
    assert _alerts(review_bot) == []
    assert await _says(review_bot, CLERK, "/reviews") == "No open review requests."


async def test_when_both_clerks_are_away_then_the_covering_monitor_resolves_it(
    review_bot: RunningBot,
) -> None:
    await _says(review_bot, CLERK, "/leave add today")
    await _says(review_bot, ASSISTANT, "/leave add today")
    await _press(review_bot, await _removed(review_bot, 52))
    assert [_chat(c) for c in _alerts(review_bot)] == [MONITOR]
    assert (await _says(review_bot, MONITOR, "/reviews")).startswith("Open review requests (1):")
    reply = await _says(review_bot, MONITOR, "/review 1 upheld")
    assert reply == "Review request 1 resolved: upheld."
    told = [c for c in review_bot.fake.calls_to("sendMessage") if _chat(c) == COUNCILLOR][-1]
    assert "the removal is upheld" in _text(told)
