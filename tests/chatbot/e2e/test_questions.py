"""End to end: a private question for the Clerk gets one answer, not a draft check (#15)."""

from __future__ import annotations

from collections.abc import Callable

from testing.fakes.telegram import Call
from tests.chatbot.e2e.conftest import COUNCILLOR, STRANGER, RunningBot


def _to(person: int) -> Callable[[Call], bool]:
    return lambda c: str(c.params.get("chat_id")) == str(person)


def _text(call: Call) -> str:
    return str(call.params.get("text", ""))


async def _settled(bot: RunningBot, updates: int) -> None:
    await bot.fake.wait_for(
        "getUpdates", lambda c: int(str(c.params.get("offset") or 0)) > updates, timeout=15
    )


async def test_when_a_member_asks_for_the_clerk_then_no_draft_is_offered_for_posting(
    polling_bot: RunningBot,
) -> None:
    fake = polling_bot.fake
    fake.push_update(
        fake.message_update(
            COUNCILLOR, COUNCILLOR, "Is the Clerk around? It's urgent", chat_type="private"
        )
    )
    answer = await fake.wait_for("sendMessage", _to(COUNCILLOR))
    assert "do not pass messages on" in _text(answer)
    assert "theparishclerk@bartonleclay-pc.gov.uk" in _text(answer)
    assert "reply_markup" not in answer.params
    await _settled(polling_bot, 1)
    assert len([c for c in fake.calls_to("sendMessage") if _to(COUNCILLOR)(c)]) == 1


async def test_when_a_stranger_asks_for_the_clerk_then_they_get_one_answer(
    polling_bot: RunningBot,
) -> None:
    fake = polling_bot.fake
    fake.push_update(
        fake.message_update(STRANGER, STRANGER, "I need to speak to the clerk", chat_type="private")
    )
    answer = await fake.wait_for("sendMessage", _to(STRANGER))
    assert "do not pass messages on" in _text(answer)
    assert "/check" not in _text(answer)
    await _settled(polling_bot, 1)
    assert len([c for c in fake.calls_to("sendMessage") if _to(STRANGER)(c)]) == 1


async def test_when_a_draft_mentions_the_clerk_then_it_is_still_checked(
    polling_bot: RunningBot,
) -> None:
    fake = polling_bot.fake
    fake.push_update(
        fake.message_update(
            COUNCILLOR, COUNCILLOR, "The clerk will circulate the minutes.", chat_type="private"
        )
    )
    answer = await fake.wait_for("sendMessage", _to(COUNCILLOR))
    assert _text(answer).startswith("No issues found")
