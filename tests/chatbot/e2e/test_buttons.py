"""End to end: buttons whose meaning lives on the server, checked again on every press."""

from __future__ import annotations

import asyncio
import json
from datetime import timedelta
from typing import Any

from sqlalchemy import select

from chatbot.buttons.kinds import POSTING_TTL, ButtonKind, PostTo
from chatbot.buttons.service import ButtonService
from chatbot.db.base import utcnow
from chatbot.db.database import Database
from chatbot.db.models import RecordEntry
from testing.fakes.telegram import Call
from tests.chatbot.e2e.conftest import (
    CHAIR,
    CLERK,
    COUNCILLOR,
    GROUP,
    OTHER_GROUP,
    STRANGER,
    RunningBot,
)

BREACH = "Mrs Thornton's number is 07911 123456, please call her"
CLEAN = "Can we add the grass cutting to next month's agenda please?"
UNSERVED_GROUP = -1009999999999


def _text(call: Call) -> str:
    return str(call.params.get("text", ""))


def _chat(call: Call) -> int:
    return int(str(call.params.get("chat_id")))


def _buttons(call: Call) -> dict[str, str]:
    raw = call.params.get("reply_markup") or "{}"
    markup: dict[str, Any] = json.loads(raw) if isinstance(raw, str) else dict(raw)
    return {b["text"]: b["callback_data"] for row in markup.get("inline_keyboard", []) for b in row}


def _posts(bot: RunningBot) -> list[Call]:
    """What the bot posted for someone ("… wrote:"), anywhere, that Telegram accepted."""
    return [
        c for c in bot.fake.calls_to("sendMessage") if "wrote:" in _text(c) and c.failed is None
    ]


async def _press(
    bot: RunningBot, user: int, data: str, *, display_name: str = "Helen"
) -> tuple[str, bool]:
    """``user`` presses a button with ``data`` in their private chat; the answer and if an alert."""
    fake = bot.fake
    before = len(fake.calls_to("answerCallbackQuery"))
    update = fake.callback_update(
        user, data, {"message_id": 99, "date": 0, "chat": {"id": user, "type": "private"}}
    )
    update["callback_query"]["from"]["first_name"] = display_name
    fake.push_update(update)
    for _ in range(400):
        answers = fake.calls_to("answerCallbackQuery")
        if len(answers) > before:
            answer = answers[before]
            return _text(answer), str(answer.params.get("show_alert")).lower() == "true"
        await asyncio.sleep(0.025)
    raise AssertionError(f"no answer to the press of {data[:40]!r}")


async def _says(bot: RunningBot, user: int, text: str) -> Call:
    """``user`` writes ``text`` privately; the bot's next message to them."""
    fake = bot.fake
    before = len([c for c in fake.calls_to("sendMessage") if _chat(c) == user])
    fake.push_update(fake.message_update(user, user, text, chat_type="private"))
    for _ in range(400):
        answers = [c for c in fake.calls_to("sendMessage") if _chat(c) == user]
        if len(answers) > before:
            return answers[before]
        await asyncio.sleep(0.025)
    raise AssertionError(f"no answer to {text[:20]!r}")


async def _removed(bot: RunningBot, sender: int, message_id: int) -> dict[str, str]:
    """``sender`` posts a breach in the group; it is removed; the buttons they are sent."""
    fake = bot.fake
    before = len([c for c in fake.calls_to("sendMessage") if _chat(c) == sender])
    fake.push_update(fake.message_update(GROUP, sender, BREACH, message_id=message_id))
    for _ in range(800):
        told = [c for c in fake.calls_to("sendMessage") if _chat(c) == sender][before:]
        with_buttons = [_buttons(c) for c in told if _buttons(c)]
        if with_buttons:
            return with_buttons[0]
        await asyncio.sleep(0.025)
    raise AssertionError(f"no explanation of the removal of message {message_id}")


async def _issued(bot: RunningBot, *, owner: int, chat_id: int, issued_ago: timedelta) -> str:
    """A "Post to …" button stored as the drafting desk stores one, ``issued_ago``."""
    database = Database(bot.settings.database_url)
    moment = utcnow() - issued_ago
    try:
        return await ButtonService(database, clock=lambda: moment).issue(
            ButtonKind.POST,
            owner_id=owner,
            payload=PostTo(text=CLEAN, chat_id=chat_id).to_payload(),
        )
    finally:
        database.dispose()


def _record(bot: RunningBot) -> list[RecordEntry]:
    database = Database(bot.settings.database_url)
    try:
        return database.call(
            lambda s: list(s.scalars(select(RecordEntry).where(RecordEntry.kind == "message")))
        )
    finally:
        database.dispose()


async def test_when_a_member_presses_post_redacted_then_it_says_their_registered_name(
    polling_bot: RunningBot,
) -> None:
    buttons = await _removed(polling_bot, COUNCILLOR, 30)
    answer, _ = await _press(
        polling_bot, COUNCILLOR, buttons["Post a redacted version"], display_name="Jane Smith"
    )
    (posted,) = _posts(polling_bot)
    assert _chat(posted) == GROUP
    assert _text(posted).startswith("Helen Moss wrote:\n")
    assert "Jane Smith" not in _text(posted)
    assert "07911" not in _text(posted)
    assert "[phone number removed]" in _text(posted)
    assert answer == "Posted to Councillors."


async def test_when_a_repost_goes_into_an_official_chat_then_it_is_on_the_record_once(
    polling_bot: RunningBot,
) -> None:
    buttons = await _removed(polling_bot, COUNCILLOR, 31)
    await _press(polling_bot, COUNCILLOR, buttons["Post a redacted version"])
    (posted,) = _posts(polling_bot)
    for _ in range(100):
        entries = await asyncio.to_thread(_record, polling_bot)
        if entries:
            break
        await asyncio.sleep(0.05)
    (entry,) = entries
    assert (entry.chat_telegram_id, entry.sender_telegram_id) == (GROUP, COUNCILLOR)
    assert entry.message_id is not None
    assert entry.entry_key == f"tg:{GROUP}:{entry.message_id}:0"
    content = json.loads(entry.content or "{}")
    assert content["sender_name"] == "Helen Moss"
    assert content["text"] == _text(posted)
    # Pressed again: nothing more is posted, nothing more recorded.
    answer, alert = await _press(polling_bot, COUNCILLOR, buttons["Post a redacted version"])
    assert (answer, alert) == ("This has already been done.", True)
    assert len(_posts(polling_bot)) == 1
    assert len(await asyncio.to_thread(_record, polling_bot)) == 1


async def test_when_a_removed_member_presses_their_old_redacted_button_then_nothing_is_posted(
    polling_bot: RunningBot,
) -> None:
    buttons = await _removed(polling_bot, COUNCILLOR, 32)
    question = await _says(polling_bot, CLERK, f"/remove {COUNCILLOR}")
    assert _text(question) == "Remove Helen Moss (Councillor) from the council?"
    assert await _press(polling_bot, CLERK, _buttons(question)["Remove"]) == ("OK", False)
    await polling_bot.fake.wait_for(
        "sendMessage", lambda c: _text(c) == "Helen Moss was removed.", timeout=20
    )
    answer, alert = await _press(polling_bot, COUNCILLOR, buttons["Post a redacted version"])
    assert (answer, alert) == ("Only registered members can post through me.", True)
    await asyncio.sleep(0.3)
    assert _posts(polling_bot) == []


async def test_when_a_restricted_non_member_presses_a_posting_button_then_nothing_is_posted(
    polling_bot: RunningBot,
) -> None:
    fake = polling_bot.fake
    for message_id in (40, 41, 42):
        fake.push_update(fake.message_update(GROUP, STRANGER, BREACH, message_id=message_id))
    await fake.wait_for("restrictChatMember", timeout=20)
    explanations = [c for c in fake.calls_to("sendMessage") if _chat(c) == STRANGER and _buttons(c)]
    assert explanations
    # The bot never posts for a stranger: no redacted-version button is offered at all...
    assert all("Post a redacted version" not in _buttons(c) for c in explanations)
    # ...and a posting button in their hands (however they came by it) posts nothing.
    data = await _issued(polling_bot, owner=STRANGER, chat_id=GROUP, issued_ago=timedelta(0))
    answer, _ = await _press(polling_bot, STRANGER, data, display_name="Helen Moss")
    assert answer == "Only registered members can post through me."
    await asyncio.sleep(0.3)
    assert _posts(polling_bot) == []


async def test_when_a_draft_button_has_expired_then_nothing_is_posted(
    polling_bot: RunningBot,
) -> None:
    data = await _issued(
        polling_bot,
        owner=COUNCILLOR,
        chat_id=GROUP,
        issued_ago=POSTING_TTL + timedelta(minutes=1),
    )
    assert await _press(polling_bot, COUNCILLOR, data) == ("This button has expired.", True)
    fresh = await _issued(polling_bot, owner=COUNCILLOR, chat_id=GROUP, issued_ago=timedelta(0))
    assert (await _press(polling_bot, COUNCILLOR, fresh))[0] == "Posted to Councillors."
    assert len(_posts(polling_bot)) == 1


async def test_when_forged_data_names_another_chat_then_nothing_is_posted(
    polling_bot: RunningBot,
) -> None:
    draft = _buttons(await _says(polling_bot, COUNCILLOR, CLEAN))
    data = draft["Post to Councillors"]
    # The chat id is not taken from the press: data naming one is not valid at all...
    for forged in (f"{data}:{STRANGER}", f"{data}:{UNSERVED_GROUP}", f"p:x:{CHAIR}"):
        answer, _ = await _press(polling_bot, COUNCILLOR, forged)
        assert answer == "This button is no longer valid."
    # ...someone else's button is not theirs to press...
    answer, _ = await _press(polling_bot, CHAIR, data)
    assert answer == "This button is not for you."
    # ...and a stored target the bot does not serve (a private chat, another group) is refused.
    for target in (CHAIR, UNSERVED_GROUP):
        stored = await _issued(
            polling_bot, owner=COUNCILLOR, chat_id=target, issued_ago=timedelta(0)
        )
        answer, _ = await _press(polling_bot, COUNCILLOR, stored)
        assert answer == "You can no longer post to that group."
    await asyncio.sleep(0.3)
    assert _posts(polling_bot) == []
    # The draft's own button still works, once.
    assert (await _press(polling_bot, COUNCILLOR, data))[0] == "Posted to Councillors."
    assert [_chat(c) for c in _posts(polling_bot)] == [GROUP]


async def test_when_callback_data_is_garbage_or_oversized_then_it_is_answered_cleanly(
    polling_bot: RunningBot,
) -> None:
    digits = "9" * 400
    for data in (
        f"v:{digits}:1",
        f"v:1:{digits}",
        f"v:-{digits}:{digits}",
        digits,
        f"p:AAAAAAAAAAAAAAAA:{digits}",
        f"r:{digits}",
        "",
        "x:",
        "\u202e\x00",
    ):
        answer, _ = await _press(polling_bot, COUNCILLOR, data)
        assert answer == "This button is no longer valid."
    # The bot is still answering: a real button press works.
    draft = _buttons(await _says(polling_bot, COUNCILLOR, CLEAN))
    assert (await _press(polling_bot, COUNCILLOR, draft["Discard"]))[0] == "Discarded."


async def test_when_a_drafts_post_button_is_pressed_then_its_other_buttons_are_used_up(
    polling_bot: RunningBot,
) -> None:
    draft = _buttons(await _says(polling_bot, COUNCILLOR, CLEAN))
    assert list(draft) == ["Post to Allotments working group", "Post to Councillors", "Discard"]
    answer, _ = await _press(polling_bot, COUNCILLOR, draft["Post to Allotments working group"])
    assert answer == "Posted to Allotments working group."
    (posted,) = _posts(polling_bot)
    assert _chat(posted) == OTHER_GROUP
    assert _text(posted) == f"Helen Moss wrote:\n{CLEAN}"
    await polling_bot.fake.wait_for("editMessageReplyMarkup")
    for label in ("Post to Councillors", "Discard"):
        assert (await _press(polling_bot, COUNCILLOR, draft[label]))[0] == (
            "This has already been done."
        )
    assert len(_posts(polling_bot)) == 1
    # Not an official chat: nothing is put on the record.
    assert await asyncio.to_thread(_record, polling_bot) == []


async def test_when_a_draft_is_discarded_then_its_post_buttons_post_nothing(
    polling_bot: RunningBot,
) -> None:
    draft = _buttons(await _says(polling_bot, COUNCILLOR, CLEAN))
    assert (await _press(polling_bot, COUNCILLOR, draft["Discard"]))[0] == "Discarded."
    answer, _ = await _press(polling_bot, COUNCILLOR, draft["Post to Councillors"])
    assert answer == "This has already been done."
    assert _posts(polling_bot) == []


async def test_when_telegram_refuses_the_post_then_the_member_is_told_and_may_press_again(
    polling_bot: RunningBot,
) -> None:
    draft = _buttons(await _says(polling_bot, COUNCILLOR, CLEAN))
    polling_bot.fake.fail_next("sendMessage", 403, "Forbidden: bot was kicked from the group")
    answer, alert = await _press(polling_bot, COUNCILLOR, draft["Post to Councillors"])
    assert (answer, alert) == ("I could not post to Councillors. Please try again later.", True)
    assert _posts(polling_bot) == []
    assert await asyncio.to_thread(_record, polling_bot) == []
    assert (await _press(polling_bot, COUNCILLOR, draft["Post to Councillors"]))[0] == (
        "Posted to Councillors."
    )
    assert len(await asyncio.to_thread(_record, polling_bot)) == 1


async def test_when_a_removal_offers_a_review_then_the_button_is_stored_and_only_theirs(
    polling_bot: RunningBot,
) -> None:
    buttons = await _removed(polling_bot, COUNCILLOR, 60)
    data = buttons["Ask the Clerk to review"]
    assert data.startswith("v:")
    assert str(GROUP) not in data
    assert data.count(":") == 1  # a kind and an opaque id: no chat or message ids
    assert await _press(polling_bot, CHAIR, data) == ("This button is not for you.", True)
    answer, _ = await _press(polling_bot, COUNCILLOR, data, display_name="Jane Smith")
    assert answer == "Review request 1 sent to the Clerk (or whoever covers for the Clerk)."
    alert = await polling_bot.fake.wait_for(
        "sendMessage", lambda c: _chat(c) == CLERK and "Review requested" in _text(c)
    )
    # Named by name and group title: no message or chat ids (#15).
    assert "Helen Moss asks you to review the removal of their post in Councillors" in _text(alert)
    assert str(GROUP) not in _text(alert)
    assert "Jane Smith" not in _text(alert)
    answer, _ = await _press(polling_bot, COUNCILLOR, data)
    assert answer == "Review request 1 is with the Clerk (or whoever covers for the Clerk)."
