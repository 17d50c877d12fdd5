"""End to end: what people are told is what Telegram reported (issue #12's pipeline defects)."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from chatbot.db.database import Database
from chatbot.db.models import RecordEntry
from testing.fakes.telegram import BOT_USERNAME, Call
from tests.chatbot.e2e.conftest import CLERK, COUNCILLOR, GROUP, STRANGER, RunningBot

BREACH = "Mrs Thornton's number is 07911 123456, please call her"
ABUSE = "Helen Moss is a fucking idiot and a moron"
NO_RIGHTS = "Bad Request: message can't be deleted"
NEVER_STARTED = "Forbidden: bot can't initiate conversation with a user"
REMOVED_NOTICE = "A post breaching the Council's Social Media Policy has been removed."


def _text(call: Call) -> str:
    return str(call.params.get("text", ""))


def _chat(call: Call) -> int:
    return int(str(call.params.get("chat_id")))


def _buttons(call: Call) -> list[dict[str, Any]]:
    raw = call.params.get("reply_markup") or "{}"
    markup = json.loads(raw) if isinstance(raw, str) else dict(raw)
    return [b for row in markup.get("inline_keyboard", []) for b in row]


async def _settled(bot: RunningBot, updates: int) -> None:
    """Wait until the bot has confirmed ``updates`` updates (their handling is finished)."""
    await bot.fake.wait_for(
        "getUpdates", lambda c: int(str(c.params.get("offset") or 0)) > updates, timeout=15
    )


def _record(bot: RunningBot) -> list[tuple[str, int | None, bool, str]]:
    database = Database(bot.settings.database_url)
    rows = database.call(
        lambda s: [
            (r.kind, r.message_id, r.restricted, r.reason)
            for r in s.scalars(select(RecordEntry).order_by(RecordEntry.seq))
        ]
    )
    database.dispose()
    return rows


async def test_when_the_delete_fails_then_nobody_is_told_it_was_removed_and_the_clerk_is_asked(
    polling_bot: RunningBot,
) -> None:
    fake = polling_bot.fake
    fake.fail_next("deleteMessage", 400, NO_RIGHTS)
    fake.push_update(fake.message_update(GROUP, COUNCILLOR, BREACH, message_id=10))
    told = await fake.wait_for("sendMessage", lambda c: _chat(c) == COUNCILLOR)
    assert "was removed" not in _text(told)
    assert "could not remove it" in _text(told)
    alert = await fake.wait_for(
        "sendMessage", lambda c: _chat(c) == CLERK and "could not remove" in _text(c)
    )
    assert "right to delete" in _text(alert)
    assert "Helen Moss" in _text(alert)
    await _settled(polling_bot, 1)
    assert not [c for c in fake.calls_to("sendMessage") if _text(c) == REMOVED_NOTICE]
    kind, message_id, restricted, reason = _record(polling_bot)[0]
    assert (kind, message_id, restricted) == ("message", 10, True)
    assert reason == "not removed: personal_data"


async def test_when_the_delete_succeeds_then_the_record_says_removed(
    polling_bot: RunningBot,
) -> None:
    fake = polling_bot.fake
    fake.push_update(fake.message_update(GROUP, COUNCILLOR, BREACH, message_id=11))
    await fake.wait_for("sendMessage", lambda c: _text(c) == REMOVED_NOTICE)
    await _settled(polling_bot, 1)
    assert _record(polling_bot) == [("removed", 11, True, "personal_data")]


async def test_when_a_post_has_sixty_phone_numbers_then_the_explanation_still_arrives(
    polling_bot: RunningBot,
) -> None:
    fake = polling_bot.fake
    numbers = ", ".join(f"07700 9{n:05d}" for n in range(60))
    fake.push_update(fake.message_update(GROUP, COUNCILLOR, f"Ring any of {numbers}"))
    told = await fake.wait_for("sendMessage", lambda c: _chat(c) == COUNCILLOR)
    assert len(_text(told)) <= 4096
    assert "was removed" in _text(told)
    assert "60 found" in _text(told)


async def test_when_a_post_is_abusive_then_no_redacted_version_is_offered(
    polling_bot: RunningBot,
) -> None:
    fake = polling_bot.fake
    fake.push_update(fake.message_update(GROUP, COUNCILLOR, ABUSE))
    told = await fake.wait_for("sendMessage", lambda c: _chat(c) == COUNCILLOR)
    labels = [b["text"] for b in _buttons(told)]
    assert "Post a redacted version" not in labels
    assert "Ask the Clerk to review" in labels


async def test_when_a_stranger_never_started_the_bot_then_their_display_name_is_not_echoed(
    polling_bot: RunningBot,
) -> None:
    fake = polling_bot.fake
    fake.fail_next("sendMessage", 403, NEVER_STARTED)
    troll = "URGENT call HMRC on 0300 200 3300"
    fake.push_update(
        fake.message_update(GROUP, STRANGER, BREACH, first_name=troll, last_name="", message_id=5)
    )
    notice = await fake.wait_for(
        "sendMessage", lambda c: _chat(c) == GROUP and "Start a private chat" in _text(c)
    )
    assert "HMRC" not in _text(notice)
    assert [b["url"] for b in _buttons(notice)] == [f"https://t.me/{BOT_USERNAME}"]


async def test_when_a_member_never_started_the_bot_then_the_clerk_is_told_and_they_learn_why_later(
    polling_bot: RunningBot,
) -> None:
    fake = polling_bot.fake
    fake.fail_next("sendMessage", 403, NEVER_STARTED)
    fake.push_update(
        fake.message_update(GROUP, COUNCILLOR, BREACH, first_name="Troll", last_name="Name")
    )
    notice = await fake.wait_for(
        "sendMessage", lambda c: _chat(c) == GROUP and "Start a private chat" in _text(c)
    )
    assert _text(notice).startswith("Helen Moss:")
    await fake.wait_for(
        "sendMessage", lambda c: _chat(c) == CLERK and "could not tell Helen Moss" in _text(c)
    )
    fake.push_update(fake.message_update(COUNCILLOR, COUNCILLOR, "/start", chat_type="private"))
    later = await fake.wait_for(
        "sendMessage", lambda c: _chat(c) == COUNCILLOR and "was removed" in _text(c)
    )
    assert "07911 123456" not in _text(later)


async def test_when_the_record_cannot_take_the_text_then_the_breach_is_still_removed(
    polling_bot: RunningBot,
) -> None:
    fake = polling_bot.fake
    fake.push_update(fake.message_update(GROUP, COUNCILLOR, BREACH + " \ud800", message_id=12))
    deleted = await fake.wait_for("deleteMessage")
    assert int(str(deleted.params["message_id"])) == 12
    await fake.wait_for("sendMessage", lambda c: _chat(c) == COUNCILLOR)


async def test_when_a_post_is_removed_then_the_sender_sees_their_text_and_the_redacted_one(
    polling_bot: RunningBot,
) -> None:
    fake = polling_bot.fake
    fake.push_update(fake.message_update(GROUP, COUNCILLOR, "Email jane.doe@gmail.com today"))
    told = _text(await fake.wait_for("sendMessage", lambda c: _chat(c) == COUNCILLOR))
    assert "What you posted:\nEmail j***@g***.com today" in told
    assert "jane.doe@gmail.com" not in told
    assert "Redacted, it would read:\nEmail [e-mail address removed] today" in told
    assert "<EMAIL_ADDRESS>" not in told
    assert "personal_data" not in told


async def test_when_a_post_is_warned_then_its_sender_can_have_it_removed(
    polling_bot: RunningBot,
) -> None:
    fake = polling_bot.fake
    fake.push_update(
        fake.message_update(
            GROUP, COUNCILLOR, "Margaret Thornton asked about the bins", message_id=7
        )
    )
    warning = await fake.wait_for("sendMessage", lambda c: _chat(c) == COUNCILLOR)
    assert "may breach" in _text(warning)
    (button,) = [b for b in _buttons(warning) if b["text"] == "Remove my message"]
    message = {"message_id": 99, "date": 0, "chat": {"id": COUNCILLOR, "type": "private"}}
    fake.push_update(fake.callback_update(COUNCILLOR, button["callback_data"], message))
    deleted = await fake.wait_for("deleteMessage")
    assert (_chat(deleted), int(str(deleted.params["message_id"]))) == (GROUP, 7)
    answer = await fake.wait_for("answerCallbackQuery")
    assert answer.params.get("text") == "Removed. Thank you."


async def test_when_someone_else_presses_remove_my_message_then_nothing_is_removed(
    polling_bot: RunningBot,
) -> None:
    fake = polling_bot.fake
    fake.push_update(
        fake.message_update(
            GROUP, COUNCILLOR, "Margaret Thornton asked about the bins", message_id=8
        )
    )
    warning = await fake.wait_for("sendMessage", lambda c: _chat(c) == COUNCILLOR)
    (button,) = [b for b in _buttons(warning) if b["text"] == "Remove my message"]
    message = {"message_id": 99, "date": 0, "chat": {"id": CLERK, "type": "private"}}
    fake.push_update(fake.callback_update(CLERK, button["callback_data"], message))
    await fake.wait_for("answerCallbackQuery")
    assert fake.calls_to("deleteMessage") == []
