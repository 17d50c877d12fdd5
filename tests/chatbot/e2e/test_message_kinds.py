"""End to end: every kind of group message is checked and recorded, and commands are not recorded.

The real application polls the loopback fake Bot API; messages are built as Telegram sends
them (contacts, polls, hidden links, anonymous admins, channels, edits).
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from chatbot.db.database import Database
from chatbot.db.models import RecordEntry
from chatbot.telegram.handlers.group_commands import POINTER
from testing.fakes.telegram import BOT_USERNAME, Call
from tests.chatbot.e2e.conftest import COUNCILLOR, GROUP, RunningBot

CHANNEL = -1009876543210
RESIDENT_PHONE = "07911 123456"


def _chat(call: Call) -> int:
    return int(str(call.params.get("chat_id")))


def _text(call: Call) -> str:
    return str(call.params.get("text", ""))


def _buttons(call: Call) -> list[dict[str, Any]]:
    raw = call.params.get("reply_markup") or "{}"
    markup = json.loads(raw) if isinstance(raw, str) else dict(raw)
    return [b for row in markup.get("inline_keyboard", []) for b in row]


def _recorded(bot: RunningBot) -> list[tuple[str, int | None, int, str]]:
    database = Database(bot.settings.database_url)
    rows = database.call(
        lambda s: [
            (r.kind, r.message_id, r.version, r.content or "")
            for r in s.scalars(select(RecordEntry).order_by(RecordEntry.seq))
        ]
    )
    database.dispose()
    return rows


async def _settle(bot: RunningBot, pushed: int) -> None:
    """Wait until the bot has confirmed every update up to ``pushed``."""
    await bot.fake.wait_for(
        "getUpdates", lambda c: int(str(c.params.get("offset") or 0)) > pushed, timeout=10
    )


async def _deleted(bot: RunningBot, message_id: int) -> Call:
    return await bot.fake.wait_for(
        "deleteMessage",
        lambda c: _chat(c) == GROUP and int(str(c.params["message_id"])) == message_id,
    )


def _command(text: str) -> dict[str, Any]:
    command = text.split(maxsplit=1)[0]
    return {
        "text": text,
        "entities": [{"type": "bot_command", "offset": 0, "length": len(command)}],
    }


async def test_when_a_contact_card_holds_a_residents_number_then_it_is_removed(
    polling_bot: RunningBot,
) -> None:
    fake = polling_bot.fake
    contact = {
        "contact": {
            "phone_number": RESIDENT_PHONE,
            "first_name": "Margaret",
            "last_name": "Thornton",
        }
    }
    fake.push_update(fake.content_update(GROUP, contact, user_id=COUNCILLOR, message_id=101))
    await _deleted(polling_bot, 101)
    told = await fake.wait_for("sendMessage", lambda c: _chat(c) == COUNCILLOR)
    assert RESIDENT_PHONE not in _text(told)


async def test_when_a_poll_option_holds_an_email_address_then_it_is_removed(
    polling_bot: RunningBot,
) -> None:
    fake = polling_bot.fake
    poll = fake.poll("Who should we invite?", "The vicar", "jane.doe@gmail.com")
    fake.push_update(fake.content_update(GROUP, poll, user_id=COUNCILLOR, message_id=102))
    await _deleted(polling_bot, 102)


async def test_when_a_link_hides_a_mailto_to_a_private_address_then_it_is_removed(
    polling_bot: RunningBot,
) -> None:
    fake = polling_bot.fake
    text = "write to her"
    hidden = {
        "text": text,
        "entities": [
            {
                "type": "text_link",
                "offset": 0,
                "length": len(text),
                "url": "mailto:jane.doe@gmail.com",
            }
        ],
    }
    fake.push_update(fake.content_update(GROUP, hidden, user_id=COUNCILLOR, message_id=103))
    await _deleted(polling_bot, 103)
    told = await fake.wait_for("sendMessage", lambda c: _chat(c) == COUNCILLOR)
    assert "jane.doe@gmail.com" not in _text(told)


async def test_when_an_anonymous_admin_posts_a_breach_then_it_is_removed(
    polling_bot: RunningBot,
) -> None:
    fake = polling_bot.fake
    group = {"id": GROUP, "type": "supergroup", "title": "Councillors"}
    breach = {"text": f"Mrs Thornton's number is {RESIDENT_PHONE}"}
    fake.push_update(fake.content_update(GROUP, breach, sender_chat=group, message_id=104))
    await _deleted(polling_bot, 104)


async def test_when_a_channel_posts_a_breach_then_it_is_removed(polling_bot: RunningBot) -> None:
    fake = polling_bot.fake
    channel = {"id": CHANNEL, "type": "channel", "title": "Barton News"}
    breach = {"text": f"Mrs Thornton's number is {RESIDENT_PHONE}"}
    fake.push_update(fake.content_update(GROUP, breach, sender_chat=channel, message_id=105))
    await _deleted(polling_bot, 105)


async def test_when_help_is_typed_in_a_group_then_it_is_not_recorded_and_points_to_private(
    polling_bot: RunningBot,
) -> None:
    fake = polling_bot.fake
    fake.push_update(fake.content_update(GROUP, _command("/help"), user_id=COUNCILLOR))
    pointer = await fake.wait_for("sendMessage", lambda c: _chat(c) == GROUP)
    assert _text(pointer) == POINTER
    assert [b.get("url") for b in _buttons(pointer)] == [f"https://t.me/{BOT_USERNAME}"]
    # Once a minute per group at most, however the command is spelt.
    for message_id, text in ((111, "/status"), (112, f"/help@{BOT_USERNAME}")):
        update = fake.content_update(
            GROUP, _command(text), user_id=COUNCILLOR, message_id=message_id
        )
        fake.push_update(update)
    clean = fake.content_update(
        GROUP, {"text": "Agenda is out"}, user_id=COUNCILLOR, message_id=113
    )
    last = fake.push_update(clean)
    await _settle(polling_bot, last)
    assert len([c for c in fake.calls_to("sendMessage") if _chat(c) == GROUP]) == 1
    assert [(kind, message_id) for kind, message_id, _, _ in _recorded(polling_bot)] == [
        ("message", 113)
    ]


async def test_when_a_command_is_for_another_bot_then_no_pointer_is_posted(
    polling_bot: RunningBot,
) -> None:
    fake = polling_bot.fake
    other = fake.content_update(GROUP, _command("/help@PollBot"), user_id=COUNCILLOR)
    last = fake.push_update(other)
    await _settle(polling_bot, last)
    assert not [c for c in fake.calls_to("sendMessage") if _chat(c) == GROUP]
    assert _recorded(polling_bot) == []


async def test_when_a_command_holds_a_breach_then_it_is_still_removed(
    polling_bot: RunningBot,
) -> None:
    fake = polling_bot.fake
    text = f"/help Mrs Thornton's number is {RESIDENT_PHONE}"
    fake.push_update(fake.content_update(GROUP, _command(text), user_id=COUNCILLOR, message_id=130))
    await _deleted(polling_bot, 130)
    await fake.wait_for("sendMessage", lambda c: _chat(c) == COUNCILLOR)
    assert _recorded(polling_bot) == []


async def test_when_record_is_replied_in_an_official_group_then_only_the_original_is_recorded(
    polling_bot: RunningBot,
) -> None:
    fake = polling_bot.fake
    command = fake.content_update(GROUP, _command("/record"), user_id=COUNCILLOR, message_id=141)
    command["message"]["reply_to_message"] = {
        "message_id": 140,
        "date": 0,
        "chat": {"id": GROUP, "type": "supergroup", "title": "Councillors"},
        "sender_chat": {"id": CHANNEL, "type": "channel", "title": "Barton News"},
        "from": {"id": 136817688, "is_bot": True, "first_name": "Channel"},
        "text": "Road closed on Friday",
    }
    fake.push_update(command)
    confirmation = await fake.wait_for(
        "sendMessage", lambda c: _chat(c) == GROUP and "council record" in _text(c)
    )
    assert "entry 1" in _text(confirmation)
    rows = _recorded(polling_bot)
    assert [(kind, message_id) for kind, message_id, _, _ in rows] == [("message", 140)]
    assert "Road closed on Friday" in rows[0][3]


async def test_when_two_edits_land_in_one_second_then_both_reach_the_record(
    polling_bot: RunningBot,
) -> None:
    fake = polling_bot.fake
    posted = {"text": "Meeting on Tuesday at 7"}
    fake.push_update(fake.content_update(GROUP, posted, user_id=COUNCILLOR, message_id=150))
    edited_at = 1_760_000_000
    edits = [
        fake.content_update(
            GROUP, {"text": text}, user_id=COUNCILLOR, message_id=150, edit_date=edited_at
        )
        for text in ("Meeting on Wednesday at 7", "Meeting on Wednesday at 8")
    ]
    for edit in edits:
        fake.push_update(edit)
    last = fake.push_update(edits[1])  # the second edit delivered again: recognised
    await _settle(polling_bot, last)
    rows = _recorded(polling_bot)
    assert [(kind, message_id) for kind, message_id, _, _ in rows] == [
        ("message", 150),
        ("edit", 150),
        ("edit", 150),
    ]
    assert "at 8" in rows[2][3]
    assert rows[1][2] != rows[2][2]


async def test_when_a_venue_is_posted_in_an_official_group_then_the_record_reads_it(
    polling_bot: RunningBot,
) -> None:
    fake = polling_bot.fake
    venue = {
        "location": {"latitude": 52.0045, "longitude": -0.4234},
        "venue": {
            "location": {"latitude": 52.0045, "longitude": -0.4234},
            "title": "Village Hall",
            "address": "Barton-le-Clay",
        },
    }
    last = fake.push_update(fake.content_update(GROUP, venue, user_id=COUNCILLOR, message_id=160))
    await _settle(polling_bot, last)
    rows = _recorded(polling_bot)
    assert [(kind, message_id) for kind, message_id, _, _ in rows] == [("message", 160)]
    assert "Venue: Village Hall, Barton-le-Clay" in rows[0][3]


async def test_when_an_anonymous_admin_breaches_then_no_explanation_is_posted_in_the_group(
    polling_bot: RunningBot,
) -> None:
    fake = polling_bot.fake
    group = {"id": GROUP, "type": "supergroup", "title": "Councillors"}
    breach = {"text": f"Mrs Thornton's number is {RESIDENT_PHONE}"}
    fake.push_update(fake.content_update(GROUP, breach, sender_chat=group, message_id=106))
    await _deleted(polling_bot, 106)
    await fake.wait_for("sendMessage", lambda c: _chat(c) == GROUP)  # the policy's notice
    await fake.wait_for(
        "getUpdates", lambda c: int(str(c.params.get("offset") or 0)) > 1, timeout=15
    )
    to_group = [_text(c) for c in fake.calls_to("sendMessage") if _chat(c) == GROUP]
    assert not [t for t in to_group if t.startswith("Your message")]


async def test_when_a_channel_keeps_breaching_then_the_channel_is_banned_not_restricted(
    polling_bot: RunningBot,
) -> None:
    fake = polling_bot.fake
    channel = {"id": CHANNEL, "type": "channel", "title": "Barton News"}
    for message_id in (110, 111, 112):
        breach = {"text": f"Mrs Thornton's number is {RESIDENT_PHONE}"}
        fake.push_update(
            fake.content_update(GROUP, breach, sender_chat=channel, message_id=message_id)
        )
    banned = await fake.wait_for("banChatSenderChat", timeout=15)
    assert int(str(banned.params["sender_chat_id"])) == CHANNEL
    assert fake.calls_to("restrictChatMember") == []
    assert not [c for c in fake.calls_to("sendMessage") if _chat(c) == CHANNEL]
