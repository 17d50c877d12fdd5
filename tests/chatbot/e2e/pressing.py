"""Pressing an inline button the bot sent, as its recipient would (for the end-to-end tests)."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from testing.fakes.telegram import Call, FakeTelegram

_POLLS = 800
_POLL_S = 0.025


def labels(call: Call) -> dict[str, str]:
    """The buttons under a sent message: label to callback data."""
    raw = call.params.get("reply_markup") or "{}"
    markup: dict[str, Any] = json.loads(raw) if isinstance(raw, str) else dict(raw)
    return {b["text"]: b["callback_data"] for row in markup.get("inline_keyboard", []) for b in row}


async def press(fake: FakeTelegram, user: int, call: Call, label: str) -> str:
    """``user`` presses the button ``label`` under the message ``call`` sent; the press's answer."""
    data = labels(call)[label]
    before = len(fake.calls_to("answerCallbackQuery"))
    message = {"message_id": 99, "date": 0, "chat": {"id": user, "type": "private"}}
    fake.push_update(fake.callback_update(user, data, message))
    for _ in range(_POLLS):
        answers = fake.calls_to("answerCallbackQuery")
        if len(answers) > before:
            return str(answers[before].params.get("text", ""))
        await asyncio.sleep(_POLL_S)
    raise AssertionError(f"no answer to the press of {label!r}")


async def next_to(fake: FakeTelegram, user: int, after: int) -> str:
    """The text of the bot's message to ``user`` after their first ``after`` messages."""
    for _ in range(_POLLS):
        sent = [
            c for c in fake.calls_to("sendMessage") if str(c.params.get("chat_id")) == str(user)
        ]
        if len(sent) > after:
            return str(sent[after].params.get("text", ""))
        await asyncio.sleep(_POLL_S)
    raise AssertionError("no message")


def sent_to(fake: FakeTelegram, user: int) -> list[Call]:
    """Every message the bot sent to ``user``."""
    return [c for c in fake.calls_to("sendMessage") if str(c.params.get("chat_id")) == str(user)]


async def confirm(fake: FakeTelegram, user: int, label: str = "Remove") -> str:
    """Press ``label`` under the bot's last message to ``user``; the message that follows."""
    question = sent_to(fake, user)[-1]
    count = len(sent_to(fake, user))
    await press(fake, user, question, label)
    return await next_to(fake, user, count)
