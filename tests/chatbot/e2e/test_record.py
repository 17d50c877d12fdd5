"""End to end: what goes on the Clerk's record outside official chats, and ``/note``."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select, text

from chatbot.db.database import Database
from chatbot.db.models import RecordEntry, RecordFile
from chatbot.record.service import NewEntry, RecordService
from policy_checks import PolicyEngine
from testing.fakes.telegram import Call, FakeTelegram
from tests.chatbot.e2e.conftest import (
    CLERK,
    COUNCILLOR,
    GROUP,
    OTHER_GROUP,
    RunningBot,
    make_settings,
    start_bot,
    stop_bot,
)


def _recorded(bot: RunningBot) -> list[tuple[str, int | None, str]]:
    database = Database(bot.settings.database_url)
    rows = database.call(
        lambda s: [
            (r.kind, r.message_id, r.content or "")
            for r in s.scalars(select(RecordEntry).order_by(RecordEntry.seq))
        ]
    )
    database.dispose()
    return rows


def _chat(call: Call) -> int:
    return int(str(call.params.get("chat_id")))


async def _settle(bot: RunningBot, pushed: int) -> None:
    await bot.fake.wait_for(
        "getUpdates", lambda c: int(str(c.params.get("offset") or 0)) > pushed, timeout=10
    )


async def test_when_a_message_is_tagged_or_copies_the_clerk_then_it_is_recorded(
    polling_bot: RunningBot,
) -> None:
    fake = polling_bot.fake
    fake.push_update(fake.message_update(OTHER_GROUP, COUNCILLOR, "plot 9 is free", message_id=1))
    fake.push_update(
        fake.message_update(OTHER_GROUP, COUNCILLOR, "Rent review agreed #official", message_id=2)
    )
    reply: dict[str, Any] = fake.message_update(
        OTHER_GROUP, COUNCILLOR, "Yes, please invoice them", message_id=3
    )
    reply["message"]["reply_to_message"] = {
        "message_id": 0,
        "date": 0,
        "chat": {"id": OTHER_GROUP, "type": "supergroup", "title": "Allotments working group"},
        "from": {"id": CLERK, "is_bot": False, "first_name": "Jane"},
        "text": "Shall I invoice plot 4?",
    }
    last = fake.push_update(reply)
    await _settle(polling_bot, last)
    assert [(kind, message_id) for kind, message_id, _ in _recorded(polling_bot)] == [
        ("message", 2),
        ("message", 3),
    ]


async def test_when_a_member_replies_record_then_the_original_is_recorded(
    polling_bot: RunningBot,
) -> None:
    fake = polling_bot.fake
    command: dict[str, Any] = fake.message_update(OTHER_GROUP, COUNCILLOR, "/record", message_id=11)
    command["message"]["reply_to_message"] = {
        "message_id": 10,
        "date": 0,
        "chat": {"id": OTHER_GROUP, "type": "supergroup", "title": "Allotments working group"},
        "from": {"id": 4321, "is_bot": False, "first_name": "Resident"},
        "text": "We agreed the water charge at £25",
    }
    fake.push_update(command)
    confirmation = await fake.wait_for(
        "sendMessage", lambda c: _chat(c) == OTHER_GROUP and "council record" in str(c.params)
    )
    assert "entry 1" in str(confirmation.params["text"])
    rows = _recorded(polling_bot)
    assert rows[0][:2] == ("message", 10)
    assert "water charge" in rows[0][2]


async def test_when_a_member_notes_a_phone_call_then_it_is_recorded_with_who_and_when(
    polling_bot: RunningBot,
) -> None:
    fake = polling_bot.fake
    fake.push_update(
        fake.message_update(
            COUNCILLOR,
            COUNCILLOR,
            "/note Highways officer | 21/11/2026 14:30 | agreed to patch Mill Lane next week",
            chat_type="private",
        )
    )
    reply = await fake.wait_for("sendMessage", lambda c: _chat(c) == COUNCILLOR)
    assert "Sat 21 Nov 2026 14:30" in str(reply.params["text"])
    kind, _, content = _recorded(polling_bot)[0]
    assert kind == "note"
    assert "Highways officer" in content
    assert "patch Mill Lane" in content


async def test_when_a_note_is_malformed_then_the_usage_is_shown_and_nothing_recorded(
    polling_bot: RunningBot,
) -> None:
    fake = polling_bot.fake
    fake.push_update(
        fake.message_update(COUNCILLOR, COUNCILLOR, "/note rang them", chat_type="private")
    )
    reply = await fake.wait_for("sendMessage", lambda c: _chat(c) == COUNCILLOR)
    assert str(reply.params["text"]).startswith("Usage: /note")
    assert _recorded(polling_bot) == []


async def test_when_the_bot_joins_an_official_chat_then_it_says_messages_are_kept(
    polling_bot: RunningBot,
) -> None:
    fake = polling_bot.fake
    bot_user = {"id": 999, "is_bot": True, "first_name": "Councilbot"}
    fake.push_update(
        {
            "my_chat_member": {
                "chat": {"id": GROUP, "type": "supergroup", "title": "Councillors"},
                "from": {"id": CLERK, "is_bot": False, "first_name": "Jane"},
                "date": 0,
                "old_chat_member": {"status": "left", "user": bot_user},
                "new_chat_member": {"status": "member", "user": bot_user},
            }
        }
    )
    notice = await fake.wait_for("sendMessage", lambda c: _chat(c) == GROUP)
    assert "kept as council records" in str(notice.params["text"])


async def test_when_the_record_was_tampered_with_then_the_clerk_is_told_at_start_up(
    tmp_path: Path, fake_telegram: FakeTelegram, engine: PolicyEngine, database_url: str
) -> None:
    database = Database(database_url)
    database.upgrade()
    record = RecordService(database)
    for n in range(1, 4):
        await record.append(
            NewEntry(kind="note", occurred_at=datetime.now(UTC), text=f"note {n}", sender_id=CLERK)
        )
    with database.engine.begin() as connection:
        connection.execute(text("UPDATE record_entries SET content = '{}' WHERE seq = 2"))
    database.dispose()
    bot = await start_bot(
        make_settings(tmp_path, fake_telegram, database_url), fake_telegram, engine
    )
    try:
        alert = await fake_telegram.wait_for(
            "sendMessage", lambda c: _chat(c) == CLERK and "hash chain is broken" in str(c.params)
        )
        assert "entry 2" in str(alert.params["text"])
    finally:
        await stop_bot(bot)


async def test_when_a_document_is_posted_in_an_official_chat_then_it_is_kept_with_its_hash(
    polling_bot: RunningBot,
) -> None:
    fake = polling_bot.fake
    content = b"%PDF-1.4 minutes of the November meeting"
    fake.add_file("minutes-id", content)
    small = {"file_id": "minutes-id", "file_unique_id": "m1", "file_name": "minutes.pdf",
             "mime_type": "application/pdf", "file_size": len(content)}  # fmt: skip
    huge = {"file_id": "plans-id", "file_unique_id": "p1", "file_name": "plans.zip",
            "mime_type": "application/zip", "file_size": 50_000_000}  # fmt: skip
    fake.push_update(fake.message_update(GROUP, COUNCILLOR, "Minutes attached", document=small))
    last = fake.push_update(fake.message_update(GROUP, COUNCILLOR, "", document=huge))
    await _settle(polling_bot, last)
    rows = _recorded(polling_bot)
    assert len(rows) == 2
    first = json.loads(rows[0][2])["attachments"][0]
    assert first["name"] == "minutes.pdf"
    assert first["size"] == len(content)
    assert first["sha256"] == hashlib.sha256(content).hexdigest()
    second = json.loads(rows[1][2])["attachments"][0]
    assert (second["name"], second["size"]) == ("plans.zip", 50_000_000)
    assert "sha256" not in second  # over the size limit: described, not stored
    database = Database(polling_bot.settings.database_url)
    stored = database.call(lambda s: [(f.sha256, f.data) for f in s.scalars(select(RecordFile))])
    database.dispose()
    assert stored == [(hashlib.sha256(content).hexdigest(), content)]
    assert not fake.calls_to("download")[1:]  # the large one was never fetched
