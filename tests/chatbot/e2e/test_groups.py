"""End to end: groups chosen in Telegram, against the loopback fake Bot API (issue 15, item 2).

The first test runs the real bot polling the fake; the others hand each update to the
application's ``process_update`` in turn, so what was sent in between is known exactly.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from itertools import count
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from telegram import Update

from chatbot.app import build_application, build_services, read_council
from chatbot.core.budget import JOIN_ALERTS_PER_HOUR
from chatbot.db.database import Database
from chatbot.db.models import Chat, MemberChange
from chatbot.settings import Settings
from chatbot.telegram.context import BotApplication, Services
from chatbot.telegram.handlers.group_commands import POINTER
from chatbot.telegram.handlers.groups import NO_DELETE
from policy_checks import PolicyEngine
from testing.fakes.telegram import Call, FakeTelegram
from tests.chatbot.e2e.conftest import (
    CHAIR,
    CLERK,
    COUNCILLOR,
    GROUP,
    OTHER_GROUP,
    STRANGER,
    RunningBot,
    make_settings,
)

BREACH = "Mrs Thornton's number is 07911 123456, please call her"
NEW_GROUP = -1007777777777
SUPERGROUP = -1008888888888
MODERATE, OFFICIAL, IGNORE = "Moderate", "Moderate and keep as official record", "Ignore"


def _text(call: Call) -> str:
    return str(call.params.get("text", ""))


def _chat(call: Call) -> int:
    return int(str(call.params.get("chat_id")))


def _labels(call: Call) -> dict[str, str]:
    raw = call.params.get("reply_markup") or "{}"
    markup: dict[str, Any] = json.loads(raw) if isinstance(raw, str) else dict(raw)
    return {b["text"]: b["callback_data"] for row in markup.get("inline_keyboard", []) for b in row}


def _to(fake: FakeTelegram, user: int) -> list[Call]:
    return [c for c in fake.calls_to("sendMessage") if _chat(c) == user]


def _deleted(fake: FakeTelegram, chat_id: int) -> list[int]:
    return [
        int(str(c.params["message_id"]))
        for c in fake.calls_to("deleteMessage")
        if _chat(c) == chat_id
    ]


def _press_update(fake: FakeTelegram, user: int, call: Call, label: str) -> dict[str, Any]:
    message = {"message_id": 99, "date": 0, "chat": {"id": user, "type": "private"}}
    return fake.callback_update(user, _labels(call)[label], message)


async def test_when_the_clerk_presses_moderate_then_breaches_are_removed_from_then_on(
    polling_bot: RunningBot,
) -> None:
    fake = polling_bot.fake
    fake.push_update(
        fake.my_chat_member_update(NEW_GROUP, CHAIR, title="Planning", new="administrator")
    )
    question = await fake.wait_for("sendMessage", lambda c: _chat(c) == CLERK)
    assert _text(question) == "Peter Hughes (Chair) added me to “Planning”. What shall I do there?"
    assert list(_labels(question)) == [MODERATE, OFFICIAL, IGNORE]
    # Not before: the group's updates are handled in order, so once the pointer answers the
    # command that followed the breach, the breach was seen, and left alone.
    fake.push_update(fake.message_update(NEW_GROUP, COUNCILLOR, BREACH, message_id=30))
    fake.push_update(fake.message_update(NEW_GROUP, COUNCILLOR, "/help", message_id=31))
    await fake.wait_for("sendMessage", lambda c: _chat(c) == NEW_GROUP and _text(c) == POINTER)
    assert _deleted(fake, NEW_GROUP) == []

    fake.push_update(_press_update(fake, CLERK, question, MODERATE))
    edited = await fake.wait_for("editMessageText")
    assert _text(edited) == "“Planning”: moderated. Chosen by Jane Smith."
    assert list(_labels(edited)) == [f"✓ {MODERATE}", OFFICIAL, IGNORE]
    answer = await fake.wait_for("answerCallbackQuery")
    assert answer.params.get("text") == "Done: moderated."
    # At once, with no restart and no file edit.
    fake.push_update(fake.message_update(NEW_GROUP, COUNCILLOR, BREACH, message_id=32))
    await fake.wait_for("deleteMessage", lambda c: _chat(c) == NEW_GROUP)
    assert _deleted(fake, NEW_GROUP) == [32]


@dataclass
class App:
    """The application, handed one update at a time."""

    fake: FakeTelegram
    settings: Settings
    database: Database
    services: Services
    application: BotApplication
    ids: count[int]

    async def send(self, update: dict[str, Any]) -> None:
        """Handle ``update`` to the end."""
        raw = {"update_id": next(self.ids), **update}
        await self.application.process_update(Update.de_json(raw, self.application.bot))

    async def chat(self, telegram_id: int) -> Chat | None:
        """The chat's row, as stored."""
        return await self.database.run(
            lambda s: s.scalar(select(Chat).where(Chat.telegram_id == telegram_id))
        )


async def _start(settings: Settings, fake: FakeTelegram, engine: PolicyEngine) -> App:
    database = Database(settings.database_url)
    database.upgrade()
    services = build_services(settings, database, read_council(settings), engine)
    application = build_application(settings, services)
    await application.initialize()
    return App(fake, settings, database, services, application, count(1))


async def _stop(app: App) -> None:
    await app.application.shutdown()
    if app.services.zoom_gateway is not None:
        await app.services.zoom_gateway.aclose()
    app.database.dispose()


@pytest.fixture
async def app(
    tmp_path: Path, fake_telegram: FakeTelegram, engine: PolicyEngine, database_url: str
) -> AsyncIterator[App]:
    started = await _start(
        make_settings(tmp_path, fake_telegram, database_url), fake_telegram, engine
    )
    yield started
    await _stop(started)


async def test_when_added_without_the_right_to_delete_then_the_clerk_is_told_so(app: App) -> None:
    fake = app.fake
    await app.send(fake.my_chat_member_update(NEW_GROUP, CLERK, title="Planning", new="member"))
    (question,) = _to(fake, CLERK)
    assert _text(question).endswith(f"\n{NO_DELETE}")
    await app.send(_press_update(fake, CLERK, question, MODERATE))
    (edited,) = fake.calls_to("editMessageText")
    assert _text(edited) == f"“Planning”: moderated. Chosen by Jane Smith.\n{NO_DELETE}"


async def test_when_a_non_officer_adds_the_bot_then_a_group_is_told_once_a_day_and_few_an_hour(
    app: App,
) -> None:
    fake = app.fake
    for title, chat_id in [("A", -1001), ("A", -1001), ("B", -1002), ("C", -1003), ("D", -1004)]:
        await app.send(
            fake.my_chat_member_update(
                chat_id, STRANGER, title=f"Group {title}", first_name="Troll"
            )
        )
    reports = _to(fake, CLERK)
    assert len(reports) == JOIN_ALERTS_PER_HOUR
    titles = [_text(r).split("set it: ", 1)[1].split(".", 1)[0] for r in reports]
    assert titles == ["“Group A”", "“Group B”", "“Group C”"]
    assert _text(reports[0]).startswith(
        "Someone who is not a member, “Troll”, who is not a council officer, added me to a group."
    )
    # Only reported: there is nothing to choose, and the report says how it could be served.
    assert list(_labels(reports[0])) == []
    assert "I will not moderate it" in _text(reports[0])
    assert "remove me from it and add me again" in _text(reports[0])
    # A councillor is not an officer either.
    await app.send(fake.my_chat_member_update(-1005, COUNCILLOR, title="Group E"))
    assert len(_to(fake, CLERK)) == JOIN_ALERTS_PER_HOUR


async def test_when_the_clerk_chooses_the_official_record_then_the_group_is_told_and_it_is_audited(
    app: App,
) -> None:
    fake = app.fake
    await app.send(
        fake.my_chat_member_update(NEW_GROUP, CHAIR, title="Planning", new="administrator")
    )
    (question,) = _to(fake, CLERK)
    await app.send(_press_update(fake, CLERK, question, OFFICIAL))
    (notice,) = _to(fake, NEW_GROUP)
    assert "kept as council records" in _text(notice)
    row = await app.chat(NEW_GROUP)
    assert row is not None
    assert (row.title, row.moderate, row.official) == ("Planning", True, True)
    audit = await app.database.run(
        lambda s: list(
            s.scalars(select(MemberChange).where(MemberChange.action == "chat_official"))
        )
    )
    assert [(a.actor_telegram_id, a.detail) for a in audit] == [(CLERK, f"chat={NEW_GROUP}")]


async def test_when_the_bot_is_removed_from_a_group_then_the_clerk_is_told_and_it_is_not_served(
    app: App,
) -> None:
    fake = app.fake
    await app.send(
        fake.my_chat_member_update(
            OTHER_GROUP, CHAIR, title="Allotments working group", old="administrator", new="kicked"
        )
    )
    (told,) = _to(fake, CLERK)
    assert _text(told) == (
        "Peter Hughes (Chair) removed me from “Allotments working group”. I no longer serve it; "
        "if I am added back, I will ask you again."
    )
    await app.send(fake.message_update(OTHER_GROUP, COUNCILLOR, BREACH, message_id=40))
    assert _deleted(fake, OTHER_GROUP) == []
    # Added back, it is asked about again.
    await app.send(fake.my_chat_member_update(OTHER_GROUP, CHAIR, title="Allotments working group"))
    assert list(_labels(_to(fake, CLERK)[-1])) == [MODERATE, OFFICIAL, IGNORE]


async def test_when_the_bot_is_removed_from_a_group_it_does_not_serve_then_nobody_is_told(
    app: App,
) -> None:
    fake = app.fake
    await app.send(fake.my_chat_member_update(NEW_GROUP, STRANGER, old="member", new="left"))
    await app.send(fake.message_update(CLERK, CLERK, "/groups", chat_type="private"))
    await app.send(_press_update(fake, CLERK, _to(fake, CLERK)[0], IGNORE))
    told = len(_to(fake, CLERK))
    for _ in range(3):  # an ignored group, added and removed again and again
        await app.send(fake.my_chat_member_update(OTHER_GROUP, STRANGER, new="member"))
        await app.send(fake.my_chat_member_update(OTHER_GROUP, STRANGER, old="member", new="left"))
    assert len(_to(fake, CLERK)) == told + 1  # the one report of the day; no removals told


async def test_when_the_clerk_asks_for_groups_then_each_is_listed_and_can_be_changed(
    app: App,
) -> None:
    fake = app.fake
    await app.send(fake.message_update(CLERK, CLERK, "/groups", chat_type="private"))
    listed = _to(fake, CLERK)
    assert [_text(c) for c in listed] == [
        "“Allotments working group”: moderated.",
        "“Councillors”: moderated and kept as the official record.",
    ]
    assert list(_labels(listed[0])) == [f"✓ {MODERATE}", OFFICIAL, IGNORE]
    assert list(_labels(listed[1])) == [MODERATE, f"✓ {OFFICIAL}", IGNORE]

    await app.send(_press_update(fake, CLERK, listed[0], IGNORE))
    (edited,) = fake.calls_to("editMessageText")
    assert _text(edited) == "“Allotments working group”: ignored. Chosen by Jane Smith."
    await app.send(fake.message_update(OTHER_GROUP, COUNCILLOR, BREACH, message_id=41))
    assert _deleted(fake, OTHER_GROUP) == []
    audit = await app.database.run(
        lambda s: list(s.scalars(select(MemberChange).where(MemberChange.action == "chat_ignore")))
    )
    assert [(a.actor_telegram_id, a.detail) for a in audit] == [(CLERK, f"chat={OTHER_GROUP}")]
    # Each button works once: the rewritten message carries fresh ones.
    await app.send(_press_update(fake, CLERK, listed[0], f"✓ {MODERATE}"))
    assert fake.calls_to("answerCallbackQuery")[-1].params.get("text") == (
        "This has already been done."
    )
    await app.send(_press_update(fake, CLERK, edited, MODERATE))
    await app.send(fake.message_update(OTHER_GROUP, COUNCILLOR, BREACH, message_id=42))
    assert _deleted(fake, OTHER_GROUP) == [42]


async def test_when_the_chair_asks_for_groups_then_they_are_told_it_is_for_the_clerks(
    app: App,
) -> None:
    fake = app.fake
    await app.send(fake.message_update(CHAIR, CHAIR, "/groups", chat_type="private"))
    (refused,) = _to(fake, CHAIR)
    assert _text(refused) == "/groups is for: Assistant clerk, Clerk."


async def test_when_a_choice_was_made_in_telegram_then_the_council_file_does_not_undo_it(
    app: App, engine: PolicyEngine
) -> None:
    fake = app.fake
    await app.send(fake.message_update(CLERK, CLERK, "/groups", chat_type="private"))
    await app.send(_press_update(fake, CLERK, _to(fake, CLERK)[0], IGNORE))
    restarted = await _start(app.settings, fake, engine)  # seeds from council.toml again
    try:
        row = await restarted.chat(OTHER_GROUP)
        assert row is not None
        assert (row.moderate, row.official) == (False, False)
    finally:
        await _stop(restarted)


async def test_when_a_served_group_becomes_a_supergroup_then_it_is_served_and_not_asked_about(
    app: App,
) -> None:
    fake = app.fake
    moved = fake.message_update(GROUP, CLERK, "", chat_type="group")
    moved["message"].pop("text")
    moved["message"]["migrate_to_chat_id"] = SUPERGROUP
    await app.send(moved)
    # Telegram then says the bot joined the supergroup (and never that it left the group).
    await app.send(
        fake.my_chat_member_update(SUPERGROUP, CLERK, title="Councillors", new="administrator")
    )
    assert all(not _labels(c) for c in _to(fake, CLERK))
    row = await app.chat(SUPERGROUP)
    assert row is not None
    assert (row.moderate, row.official) == (True, True)
    await app.send(fake.message_update(SUPERGROUP, COUNCILLOR, BREACH, message_id=43))
    assert _deleted(fake, SUPERGROUP) == [43]
