"""End to end: ``/note`` content is checked, and a note cannot be dated in the future (#15)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from chatbot.db.database import Database
from chatbot.db.models import RecordEntry
from testing.fakes.telegram import Call
from tests.chatbot.e2e.conftest import COUNCILLOR, RunningBot


def _text(call: Call) -> str:
    return str(call.params.get("text", ""))


def _notes(bot: RunningBot) -> list[tuple[bool, bool]]:
    database = Database(bot.settings.database_url)
    rows = database.call(
        lambda s: [
            (r.personal_data, r.restricted)
            for r in s.scalars(select(RecordEntry).where(RecordEntry.kind == "note"))
        ]
    )
    database.dispose()
    return rows


async def _note(bot: RunningBot, body: str) -> str:
    fake = bot.fake
    fake.push_update(
        fake.message_update(COUNCILLOR, COUNCILLOR, f"/note {body}", chat_type="private")
    )
    reply = await fake.wait_for(
        "sendMessage", lambda c: str(c.params.get("chat_id")) == str(COUNCILLOR)
    )
    return _text(reply)


async def test_when_a_note_holds_personal_data_then_it_is_flagged_and_restricted(
    polling_bot: RunningBot,
) -> None:
    said = await _note(
        polling_bot, "Resident | 21/11/2026 14:30 | she asked us to ring her on 07911 123456"
    )
    assert "personal data: a phone number" in said
    assert "07911" not in said
    assert _notes(polling_bot) == [(True, True)]


async def test_when_a_note_is_plain_business_then_it_is_open(polling_bot: RunningBot) -> None:
    await _note(polling_bot, "Highways officer | 21/11/2026 14:30 | agreed to patch Mill Lane")
    assert _notes(polling_bot) == [(False, False)]


async def test_when_a_note_is_dated_in_the_future_then_it_is_refused(
    polling_bot: RunningBot,
) -> None:
    said = await _note(polling_bot, "Highways officer | 21/11/2099 14:30 | agreed to patch it")
    assert "still to come" in said
    assert _notes(polling_bot) == []


@pytest.mark.parametrize("when", ["tomorrow", "next Monday 10:00", "tomorrow 09:00"])
async def test_when_a_note_is_dated_ahead_in_words_then_it_is_refused(
    polling_bot: RunningBot, when: str
) -> None:
    said = await _note(polling_bot, f"Highways officer | {when} | agreed to patch it")
    assert "is still to come: a note records a conversation that has happened." in said
    assert _notes(polling_bot) == []


@pytest.mark.parametrize("when", ["now", "last Monday 10:00", "yesterday", "21.11.2026 14.30"])
async def test_when_a_note_is_dated_in_words_people_use_then_it_is_noted(
    polling_bot: RunningBot, when: str
) -> None:
    said = await _note(polling_bot, f"Highways officer | {when} | agreed to patch it")
    assert said.startswith("Noted on the council record"), said
    assert _notes(polling_bot) == [(False, False)]
