"""End to end: ``/search`` and ``/export`` of the Clerk's record through the fake Bot API."""

from __future__ import annotations

import asyncio
import csv
import io
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from chatbot.db.database import Database
from chatbot.db.models import RecordAccess, RecordEntry
from testing.fakes.telegram import Call
from tests.chatbot.e2e.conftest import CHAIR, CLERK, COUNCILLOR, GROUP, RunningBot

LONDON = ZoneInfo("Europe/London")


def _chat(call: Call) -> int:
    return int(str(call.params.get("chat_id")))


def _count(bot: RunningBot, model: Any) -> int:
    database = Database(bot.settings.database_url)
    try:
        return int(database.call(lambda s: s.scalar(select(func.count()).select_from(model)) or 0))
    finally:
        database.dispose()


def _accesses(bot: RunningBot, action: str) -> int:
    """How many times the record was accessed this way (digests log their own)."""
    database = Database(bot.settings.database_url)
    try:
        actions = database.call(lambda s: list(s.scalars(select(RecordAccess.action))))
    finally:
        database.dispose()
    return actions.count(action)


async def _post_official_messages(bot: RunningBot) -> None:
    """Helen and the Clerk each post in the official group; wait until both are recorded."""
    fake = bot.fake
    fake.push_update(fake.message_update(GROUP, COUNCILLOR, "Grass cutting on Mill Lane booked"))
    fake.push_update(
        fake.message_update(
            GROUP, CLERK, "Mill Lane hedge invoice paid", first_name="Jane", last_name="Smith"
        )
    )
    for _ in range(100):
        if _count(bot, RecordEntry) >= 2:
            return
        await asyncio.sleep(0.1)
    raise AssertionError("the messages were not recorded")


async def _private(bot: RunningBot, user: int, text: str) -> None:
    bot.fake.push_update(bot.fake.message_update(user, user, text, chat_type="private"))


def _today() -> str:
    return datetime.now(UTC).astimezone(LONDON).strftime("%d/%m/%Y")


def _tomorrow() -> str:
    return (datetime.now(UTC).astimezone(LONDON) + timedelta(days=1)).strftime("%d/%m/%Y")


async def test_when_a_councillor_searches_then_they_see_only_their_own_entries(
    polling_bot: RunningBot,
) -> None:
    await _post_official_messages(polling_bot)
    await _private(polling_bot, COUNCILLOR, "/search mill lane")
    reply = await polling_bot.fake.wait_for("sendMessage", lambda c: _chat(c) == COUNCILLOR)
    text = str(reply.params["text"])
    assert "Grass cutting on Mill Lane booked" in text
    assert "hedge invoice" not in text
    assert "Councillors" in text


async def test_when_the_clerk_searches_then_every_entry_is_listed_newest_first(
    polling_bot: RunningBot,
) -> None:
    await _post_official_messages(polling_bot)
    await _private(polling_bot, CLERK, f"/search mill from:{_today()} to:{_today()}")
    reply = await polling_bot.fake.wait_for(
        "sendMessage", lambda c: _chat(c) == CLERK and " · " in str(c.params.get("text"))
    )
    text = str(reply.params["text"])
    assert text.index("hedge invoice") < text.index("Grass cutting")
    assert text.startswith("#2 · ")


async def test_when_a_search_has_no_words_or_filters_then_the_usage_is_shown(
    polling_bot: RunningBot,
) -> None:
    await _private(polling_bot, CHAIR, "/search")
    reply = await polling_bot.fake.wait_for("sendMessage", lambda c: _chat(c) == CHAIR)
    assert str(reply.params["text"]).startswith("Usage: /search")
    assert _accesses(polling_bot, "search") == 0


async def test_when_the_clerk_exports_then_the_file_arrives_as_a_document(
    polling_bot: RunningBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Temporary folders of this test only, so another run on the machine cannot disturb it.
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    await _post_official_messages(polling_bot)
    folders_before = set(Path(tempfile.gettempdir()).glob("councilbot-export-*"))
    await _private(polling_bot, CLERK, f"/export {_today()} {_tomorrow()} csv")
    sent = await polling_bot.fake.wait_for("sendDocument", lambda c: _chat(c) == CLERK)
    document = sent.params["document"]
    assert str(document["filename"]).startswith("record-")
    assert str(document["filename"]).endswith(".csv")
    rows = list(csv.DictReader(io.StringIO(bytes(document["content"]).decode("utf-8"))))
    assert [row["text"] for row in rows] == [
        "Grass cutting on Mill Lane booked",
        "Mill Lane hedge invoice paid",
    ]
    assert "2 entries" in str(sent.params["caption"])
    # The fake has the document once it is sent; the bot removes its folder right after.
    for _ in range(100):
        if set(Path(tempfile.gettempdir()).glob("councilbot-export-*")) == folders_before:
            break
        await asyncio.sleep(0.05)
    assert set(Path(tempfile.gettempdir()).glob("councilbot-export-*")) == folders_before
    assert _accesses(polling_bot, "export") == 1


async def test_when_a_councillor_asks_for_an_export_then_it_is_refused(
    polling_bot: RunningBot,
) -> None:
    await _private(polling_bot, COUNCILLOR, f"/export {_today()} {_today()}")
    reply = await polling_bot.fake.wait_for("sendMessage", lambda c: _chat(c) == COUNCILLOR)
    assert str(reply.params["text"]) == "/export is for: Assistant clerk, Clerk."
    assert polling_bot.fake.calls_to("sendDocument") == []


async def test_when_an_export_date_is_unreadable_then_the_clerk_is_told(
    polling_bot: RunningBot,
) -> None:
    await _private(polling_bot, CLERK, "/export 31/11/2026 01/12/2026 pdf")
    reply = await polling_bot.fake.wait_for(
        "sendMessage", lambda c: _chat(c) == CLERK and "31/11/2026" in str(c.params.get("text"))
    )
    assert "could not read the date" in str(reply.params["text"])
    assert polling_bot.fake.calls_to("sendDocument") == []
