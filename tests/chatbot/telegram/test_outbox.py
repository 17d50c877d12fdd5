"""The outbox against the fake Bot API: outcomes as Telegram reported them, long texts split."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from telegram import Bot

from chatbot.core.actions import MAX_TEXT_CHARS, Delete, Failure, Restrict, Send
from chatbot.telegram.outbox import TelegramOutbox, split_text
from testing.fakes.telegram import FakeTelegram

GROUP, NEW_GROUP, MEMBER = -100123, -100999, 1004


@pytest.fixture
async def bot(fake_telegram: FakeTelegram) -> AsyncIterator[Bot]:
    root = fake_telegram.base_url.rstrip("/")
    bot = Bot(fake_telegram.token, base_url=f"{root}/bot", base_file_url=f"{root}/file/bot")
    async with bot:
        yield bot


@pytest.mark.parametrize(
    ("code", "description", "failure"),
    [
        (400, "Bad Request: message can't be deleted", Failure.FORBIDDEN),
        (400, "Bad Request: message to delete not found", Failure.GONE),
        (403, "Forbidden: bot was kicked from the supergroup chat", Failure.FORBIDDEN),
        (400, "Bad Request: something else", Failure.REFUSED),
    ],
)
async def test_when_telegram_refuses_a_delete_then_the_outcome_says_why(
    bot: Bot, fake_telegram: FakeTelegram, code: int, description: str, failure: Failure
) -> None:
    fake_telegram.fail_next("deleteMessage", code, description)
    outcome = await TelegramOutbox(bot).do(Delete(GROUP, 5))
    assert (outcome.done, outcome.failure) == (False, failure)


async def test_when_telegram_fails_every_round_then_the_delete_is_unreachable(
    bot: Bot, fake_telegram: FakeTelegram
) -> None:
    fake_telegram.fail_next("deleteMessage", 502, "Bad Gateway", times=50)
    outbox = TelegramOutbox(bot, delete_retry_s=0.0)
    outcome = await outbox.do(Delete(GROUP, 5))
    assert (outcome.done, outcome.failure) == (False, Failure.UNREACHABLE)


async def test_when_a_delete_succeeds_then_the_outcome_is_done(
    bot: Bot, fake_telegram: FakeTelegram
) -> None:
    assert (await TelegramOutbox(bot).do(Delete(GROUP, 5))).done
    assert len(fake_telegram.calls_to("deleteMessage")) == 1


async def test_when_a_text_is_too_long_then_its_start_is_sent_and_the_whole_is_attached(
    bot: Bot, fake_telegram: FakeTelegram
) -> None:
    text = "\n".join(f"line {n}: " + "x" * 60 for n in range(200))
    outcome = await TelegramOutbox(bot).do(Send(MEMBER, text, file_name="explanation.txt"))
    assert outcome.done
    (sent,) = fake_telegram.calls_to("sendMessage")
    assert len(str(sent.params["text"])) <= MAX_TEXT_CHARS
    assert "the whole text is attached" in str(sent.params["text"])
    assert len(fake_telegram.calls_to("sendDocument")) == 1


async def test_when_a_group_moved_then_the_send_follows_it(
    bot: Bot, fake_telegram: FakeTelegram
) -> None:
    moved: list[tuple[int, int]] = []

    async def follow(old: int, new: int) -> None:
        moved.append((old, new))

    fake_telegram.fail_next(
        "sendMessage", 400, "Bad Request: group chat was upgraded", migrate_to_chat_id=NEW_GROUP
    )
    outcome = await TelegramOutbox(bot, on_migrated=follow).do(Send(GROUP, "Hello"))
    assert outcome.done
    assert moved == [(GROUP, NEW_GROUP)]
    assert int(str(fake_telegram.calls_to("sendMessage")[-1].params["chat_id"])) == NEW_GROUP


async def test_when_the_sender_never_started_the_bot_then_the_send_is_forbidden(
    bot: Bot, fake_telegram: FakeTelegram
) -> None:
    fake_telegram.fail_next("sendMessage", 403, "Forbidden: bot can't initiate conversation")
    outcome = await TelegramOutbox(bot).do(Send(MEMBER, "Hello"))
    assert (outcome.done, outcome.failure) == (False, Failure.FORBIDDEN)


async def test_when_a_restriction_is_refused_then_it_is_reported_not_raised(
    bot: Bot, fake_telegram: FakeTelegram
) -> None:
    fake_telegram.fail_next("restrictChatMember", 400, "Bad Request: not enough rights")
    outcome = await TelegramOutbox(bot).do(Restrict(GROUP, MEMBER))
    assert (outcome.done, outcome.failure) == (False, Failure.FORBIDDEN)


@pytest.mark.parametrize("length", [0, 1, MAX_TEXT_CHARS, MAX_TEXT_CHARS + 1, 20_000])
def test_when_a_text_is_split_then_the_part_sent_always_fits(length: int) -> None:
    part, cut = split_text("a" * length)
    assert len(part) <= MAX_TEXT_CHARS
    assert cut == (length > MAX_TEXT_CHARS)
