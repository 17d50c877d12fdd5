"""Search input that tries SQL injection, and export paths that try to escape their folder.

Search words are text: they match only entries containing them literally (``%`` and ``_`` are
not wildcards) and the record is unchanged. The Telegram export's file name is made by the bot
from the dates and the format only, so nothing the Clerk types reaches the file system. The
CLI's ``-o`` is the user's own path, on their own machine: "escaping" there means writing
anywhere but exactly that path, or over an existing file (or through a symlink) without
``--force``.
"""

from __future__ import annotations

import asyncio
import re
import tempfile
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import select

from chatbot.cli.main import main
from chatbot.db.database import Database
from chatbot.db.models import RecordEntry
from chatbot.record.service import RecordService
from policy_checks import PolicyEngine
from testing.fakes.telegram import FakeTelegram
from tests.chatbot.e2e.conftest import (
    CLERK,
    COUNCILLOR,
    GROUP,
    RunningBot,
    make_settings,
    start_bot,
    stop_bot,
)

MESSAGES = (
    "The precept rises by 100% next year",
    "Rename file a_b before the meeting",
    "Grass cutting starts on Monday",
)
INJECTIONS = (
    "' OR '1'='1",
    "'; DROP TABLE record_entries; --",
    '" OR ""="',
    "%' UNION SELECT content, salt FROM record_entries --",
    "\\",
    "1; UPDATE record_head SET seq = 0",
    "x' OR 1=1 -- chat:x' OR '1'='1 person:' OR 1=1 --",
    "x\x00y",  # PostgreSQL refuses NUL in a statement: once an error with no reply
    "chat:\x00 person:\x00",
)


@pytest.fixture
async def bot(
    tmp_path: Path, fake_telegram: FakeTelegram, engine: PolicyEngine, database_url: str
) -> AsyncIterator[RunningBot]:
    running = await start_bot(
        make_settings(tmp_path, fake_telegram, database_url), fake_telegram, engine
    )
    await fake_telegram.wait_for("getUpdates", timeout=10)
    for index, text in enumerate(MESSAGES):
        fake_telegram.push_update(
            fake_telegram.message_update(GROUP, COUNCILLOR, text, message_id=500 + index)
        )
    await fake_telegram.wait_for(
        "getUpdates", lambda c: int(str(c.params.get("offset") or 0)) > len(MESSAGES), timeout=10
    )
    yield running
    await stop_bot(running)


def _record(database_url: str) -> list[tuple[int, str, str]]:
    database = Database(database_url)
    try:
        rows = database.call(
            lambda s: [(e.seq, e.hash, e.content or "") for e in s.scalars(select(RecordEntry))]
        )
        assert RecordService(database).verify().intact
        return rows
    finally:
        database.dispose()


async def _search(bot: RunningBot, words: str) -> str:
    fake = bot.fake
    before = len(fake.calls_to("sendMessage"))
    fake.push_update(fake.message_update(CLERK, CLERK, f"/search {words}", chat_type="private"))
    call = await fake.wait_for(
        "sendMessage",
        lambda c: (
            str(c.params.get("chat_id")) == str(CLERK)
            and fake.calls_to("sendMessage").index(c) >= before
        ),
    )
    return str(call.params["text"])


def _found(reply: str) -> set[int]:
    return {int(n) for n in re.findall(r"^#(\d+) ·", reply, flags=re.MULTILINE)}


async def test_when_search_words_try_sql_injection_then_they_are_text_and_the_record_is_unchanged(
    bot: RunningBot,
) -> None:
    before = _record(bot.settings.database_url)
    assert len(before) == len(MESSAGES)
    for attempt in INJECTIONS:
        reply = await _search(bot, attempt)
        assert reply == "Nothing on the record matches." or "could not read" in reply, attempt
    assert _found(await _search(bot, "%")) == {1}  # only the entry with a literal %
    assert _found(await _search(bot, "_")) == {2}  # only the entry with a literal _
    assert _found(await _search(bot, "grass")) == {3}
    assert _record(bot.settings.database_url) == before


@pytest.mark.parametrize(
    "person", ["../../../../etc/passwd", "..\\..\\windows", "/tmp/evil", "x\u0000y", "a/../../b"]
)
async def test_when_an_export_names_a_path_then_the_file_name_stays_the_bots_own(
    bot: RunningBot, person: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = bot.fake
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))  # where the bot's export folder goes
    outside = {p for p in tmp_path.rglob("*") if scratch not in p.parents}
    fake.push_update(
        fake.message_update(
            CLERK, CLERK, f"/export 01/01/2020 31/12/2030 csv person:{person}", chat_type="private"
        )
    )
    sent = await fake.wait_for("sendDocument", timeout=10)
    name = sent.params["document"]["filename"]
    assert name == "record-2020-01-01-to-2030-12-31-person.csv"
    deadline = time.monotonic() + 5
    while any(scratch.iterdir()) and time.monotonic() < deadline:
        await asyncio.sleep(0.02)
    assert not any(scratch.iterdir())  # the export folder is gone, and held only that file
    assert {p for p in tmp_path.rglob("*") if scratch not in p.parents} == outside


def _export(path: Path, *extra: str) -> int:
    return main(
        ["record", "export", "--from", "01/01/2020", "--to", "31/12/2030", "-o", str(path), *extra]
    )


@pytest.fixture
def cli_env(bot: RunningBot, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = bot.settings
    monkeypatch.setenv("DATABASE_URL", settings.database_url)
    monkeypatch.setenv("COUNCIL_CONFIG", str(settings.council_config))


@pytest.mark.usefixtures("cli_env")
def test_when_the_cli_output_exists_or_is_a_symlink_then_it_is_not_written_without_force(
    tmp_path: Path,
) -> None:
    existing = tmp_path / "existing.csv"
    existing.write_text("keep me", encoding="utf-8")
    target = tmp_path / "elsewhere.txt"
    target.write_text("not yours", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    dangling = tmp_path / "dangling.csv"
    dangling.symlink_to(tmp_path / "nowhere" / "file.csv")
    assert _export(existing) == 2
    assert existing.read_text(encoding="utf-8") == "keep me"
    assert _export(link) == 2
    assert target.read_text(encoding="utf-8") == "not yours"
    assert _export(dangling) == 2
    assert not (tmp_path / "nowhere").exists()


@pytest.mark.usefixtures("cli_env")
def test_when_the_cli_output_has_dot_dots_then_exactly_that_path_is_written_and_nothing_else(
    tmp_path: Path,
) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    before = set(tmp_path.rglob("*"))
    assert _export(tmp_path / "a" / "b" / ".." / "out.csv") == 0
    assert set(tmp_path.rglob("*")) - before == {tmp_path / "a" / "out.csv"}
    assert _export(tmp_path / "missing" / "out.csv") == 2  # no folder is made for it
    assert not (tmp_path / "missing").exists()


async def test_when_a_message_holds_a_nul_character_then_it_and_later_messages_are_recorded(
    bot: RunningBot,
) -> None:
    fake = bot.fake
    fake.push_update(fake.message_update(GROUP, COUNCILLOR, "before\x00after", message_id=600))
    fake.push_update(fake.message_update(GROUP, COUNCILLOR, "the next message", message_id=601))
    deadline = time.monotonic() + 10
    while len(_record(bot.settings.database_url)) < len(MESSAGES) + 2:
        assert time.monotonic() < deadline, "not recorded"
        await asyncio.sleep(0.1)
