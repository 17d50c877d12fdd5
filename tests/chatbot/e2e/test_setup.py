"""End to end: the first run without a council file (#15), against the fake Bot API.

``serve`` starts in setup mode, prints a one-time link to the console, makes whoever sends
``/start <code>`` first the Clerk, asks the setup questions, and then runs as usual; a restart
keeps what was set up.
"""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr
from sqlalchemy import select

from chatbot.app import serve
from chatbot.council.setup import Setting, Source
from chatbot.council.store import CouncilSettingsStore
from chatbot.db.database import Database
from chatbot.db.models import Member
from chatbot.settings import Settings
from policy_checks import PolicyEngine
from testing.fakes.telegram import BOT_USERNAME, Call, FakeTelegram
from tests.chatbot.e2e.conftest import TOKEN, RunningBot, free_port, stop_bot

CLERK, SOMEONE_ELSE = 7001, 7002
LINK = re.compile(rf"https://t\.me/{BOT_USERNAME}\?start=([A-Za-z0-9_-]+)")


@pytest.fixture
def settings(tmp_path: Path, fake_telegram: FakeTelegram, database_url: str) -> Settings:
    """Settings whose council file does not exist."""
    return Settings(
        telegram_bot_token=SecretStr(TOKEN),
        telegram_api_base_url=fake_telegram.base_url,
        database_url=database_url,
        council_config=tmp_path / "council.toml",  # never written: there is no council file
        http_port=free_port(),
    )


def _start(settings: Settings, engine: PolicyEngine, fake: FakeTelegram) -> RunningBot:
    stop = asyncio.Event()
    task = asyncio.create_task(serve(settings, stop=stop, engine=engine, poll_timeout=1))
    return RunningBot(fake=fake, settings=settings, stop=stop, task=task)


def _texts_to(fake: FakeTelegram, chat_id: int) -> list[str]:
    return [
        str(c.params.get("text", ""))
        for c in fake.calls_to("sendMessage")
        if int(str(c.params.get("chat_id"))) == chat_id
    ]


async def _reply_to(fake: FakeTelegram, chat_id: int, *, after: int, contains: str) -> Call:
    """The first message to ``chat_id`` after the ``after``-th that contains ``contains``."""

    def matches(call: Call) -> bool:
        return (
            int(str(call.params.get("chat_id"))) == chat_id
            and contains in str(call.params.get("text", ""))
            and fake.calls_to("sendMessage").index(call) >= after
        )

    return await fake.wait_for("sendMessage", matches, timeout=10)


def _say(
    fake: FakeTelegram, user: int, text: str, *, first: str = "Jane", last: str = "Smith"
) -> int:
    before = len(fake.calls_to("sendMessage"))
    fake.push_update(
        fake.message_update(user, user, text, chat_type="private", first_name=first, last_name=last)
    )
    return before


def _button(call: Call) -> tuple[str, str]:
    raw = call.params.get("reply_markup") or "{}"
    markup: dict[str, Any] = json.loads(raw) if isinstance(raw, str) else dict(raw)
    (row,) = markup["inline_keyboard"]
    (button,) = row
    return str(button["text"]), str(button["callback_data"])


async def _setup_code(capsys: pytest.CaptureFixture[str], fake: FakeTelegram) -> str:
    await fake.wait_for("getUpdates", timeout=20)
    printed = capsys.readouterr().out
    match = LINK.search(printed)
    assert match is not None, printed
    assert f"/start {match[1]}" in printed
    return match[1]


async def _claim_and_give_a_name(capsys: pytest.CaptureFixture[str], fake: FakeTelegram) -> str:
    """The Clerk sends the setup code and their name; the bot asks the council's name."""
    code = await _setup_code(capsys, fake)
    before = _say(fake, CLERK, f"/start {code}")
    await _reply_to(fake, CLERK, after=before, contains="Is that your full name")
    before = _say(fake, CLERK, "Jane Smith")
    await _reply_to(fake, CLERK, after=before, contains="council's name")
    return code


async def _answer_the_questions(fake: FakeTelegram) -> Call:
    """The Clerk answers every question (one wrongly first), skipping the last with its button."""
    before = _say(fake, CLERK, "Jane Elizabeth Smith")
    await _reply_to(fake, CLERK, after=before, contains="council's name")
    before = _say(fake, CLERK, "/skip")
    await _reply_to(fake, CLERK, after=before, contains="The council's name is needed")
    before = _say(fake, CLERK, "Barton-le-Clay Parish Council")
    await _reply_to(fake, CLERK, after=before, contains="e-mail address")
    before = _say(fake, CLERK, "theparishclerk@bartonleclay-pc.gov.uk")
    await _reply_to(fake, CLERK, after=before, contains="office hours")
    before = _say(fake, CLERK, "whenever suits")
    await _reply_to(fake, CLERK, after=before, contains="I cannot read those hours")
    before = _say(fake, CLERK, "Mon-Thu 09:00-13:00; Fri 09:00-12:00")
    domains = await _reply_to(fake, CLERK, after=before, contains="websites")
    label, data = _button(domains)
    assert label == "Skip"
    before = len(fake.calls_to("sendMessage"))
    private = {"message_id": 99, "date": 0, "chat": {"id": CLERK, "type": "private"}}
    fake.push_update(fake.callback_update(CLERK, data, private))
    return await _reply_to(fake, CLERK, after=before, contains="Setup is done")


def _assert_stored(database_url: str) -> None:
    database = Database(database_url)
    try:
        members = database.call(lambda s: list(s.scalars(select(Member))))
        assert [(m.telegram_id, m.name, m.role) for m in members] == [
            (CLERK, "Jane Elizabeth Smith", "clerk")
        ]
        stored = CouncilSettingsStore(database).stored_now()
        assert stored[Setting.NAME].value == "Barton-le-Clay Parish Council"
        assert stored[Setting.CLERK_EMAIL].value == "theparishclerk@bartonleclay-pc.gov.uk"
        assert stored[Setting.OFFICE_HOURS].value == "Mon-Thu 09:00-13:00; Fri 09:00-12:00"
        assert Setting.WEBSITE_DOMAINS not in stored  # skipped: the default applies
        assert all(entry.source is Source.TELEGRAM for entry in stored.values())
    finally:
        database.dispose()


async def test_when_there_is_no_council_file_then_the_first_to_send_the_code_sets_the_bot_up(
    settings: Settings,
    fake_telegram: FakeTelegram,
    engine: PolicyEngine,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    fake = fake_telegram
    bot = _start(settings, engine, fake)
    try:
        code = await _setup_code(capsys, fake)
        assert code not in caplog.text  # the code is on the console only, never in the logs
        assert not fake.calls_to("setMyCommands")  # not running as usual yet

        before = _say(fake, CLERK, f"/start {code}")
        asked = await _reply_to(fake, CLERK, after=before, contains="Jane Smith")
        assert "you are now the Clerk" in str(asked.params["text"])
        assert _button(asked)[0] == "Yes, that is my name"

        before = _say(fake, SOMEONE_ELSE, f"/start {code}", first="Eve", last="Mallory")
        await _reply_to(fake, SOMEONE_ELSE, after=before, contains="not valid or was already used")

        done = await _answer_the_questions(fake)
        assert "Barton-le-Clay Parish Council" in str(done.params["text"])
        # Running as usual now, in the same process: the Clerk's own command menu is set.
        await fake.wait_for(
            "setMyCommands", lambda c: str(CLERK) in json.dumps(c.params), timeout=20
        )
        before = _say(fake, CLERK, "/start")
        await _reply_to(fake, CLERK, after=before, contains="Hello Jane Elizabeth Smith")
        before = _say(fake, SOMEONE_ELSE, "/start", first="Eve", last="Mallory")
        await _reply_to(fake, SOMEONE_ELSE, after=before, contains="not a registered member")
    finally:
        await stop_bot(bot)
    _assert_stored(settings.database_url)

    # A restart keeps it all: no setup mode, no new code, the Clerk is still the Clerk.
    fake_calls = len(fake.calls_to("setMyCommands"))
    again = _start(settings, engine, fake)
    try:
        await fake.wait_for(
            "setMyCommands", lambda c: fake.calls_to("setMyCommands").index(c) >= fake_calls
        )
        assert LINK.search(capsys.readouterr().out) is None
        before = _say(fake, CLERK, "/start")
        await _reply_to(fake, CLERK, after=before, contains="Hello Jane Elizabeth Smith")
    finally:
        await stop_bot(again)


@pytest.mark.parametrize("confirmed", [True, False], ids=["confirmed", "never confirmed"])
async def test_when_setup_is_stopped_halfway_then_a_restart_carries_on_with_the_clerk(
    settings: Settings,
    fake_telegram: FakeTelegram,
    engine: PolicyEngine,
    capsys: pytest.CaptureFixture[str],
    confirmed: bool,
) -> None:
    """Also when setup could not confirm its updates, so that Telegram sends them again.

    Those two messages (the code and the Clerk's name) must not be answered again: the name
    would be taken for the council's.
    """
    fake = fake_telegram
    bot = _start(settings, engine, fake)
    try:
        code = await _claim_and_give_a_name(capsys, fake)
        if not confirmed:  # from here every getUpdates fails, the confirming one too
            fake.fail_next("getUpdates", 502, "Bad Gateway", times=100)
    finally:
        await stop_bot(bot)
    assert bot.task.done()
    fake.clear_failures("getUpdates")
    if not confirmed:  # the poll after the name may have confirmed it: Telegram sends both again
        fake.send_again(fake.pushed_ids)

    before = len(fake.calls_to("sendMessage"))
    again = _start(settings, engine, fake)
    try:
        await _reply_to(fake, CLERK, after=before, contains="Setup carries on")
        printed = capsys.readouterr().out
        assert LINK.search(printed) is None  # the code was used: no new one is printed
        assert "Jane Smith" in printed
        asked = len(fake.calls_to("sendMessage"))
        before = _say(fake, CLERK, f"/start {code}")  # the used code changes nothing
        await _reply_to(fake, CLERK, after=before, contains="council's name")
        assert asked == before  # nothing was answered between
        before = _say(fake, CLERK, "Ampthill Town Council")
        await _reply_to(fake, CLERK, after=before, contains="Saved.")
    finally:
        await stop_bot(again)
    database = Database(settings.database_url)
    try:
        stored = CouncilSettingsStore(database).stored_now()
        assert stored[Setting.NAME].value == "Ampthill Town Council"
    finally:
        database.dispose()


async def test_when_the_council_file_lists_nobody_then_the_code_makes_the_clerk_and_asks_no_more(
    settings: Settings,
    fake_telegram: FakeTelegram,
    engine: PolicyEngine,
    capsys: pytest.CaptureFixture[str],
) -> None:
    fake = fake_telegram
    settings.council_config.write_text('[council]\nname = "Flitwick Town Council"\n')
    bot = _start(settings, engine, fake)
    try:
        code = await _setup_code(capsys, fake)
        before = _say(fake, CLERK, f"/start {code}")
        asked = await _reply_to(fake, CLERK, after=before, contains="Is that your full name")
        before = len(fake.calls_to("sendMessage"))
        private = {"message_id": 99, "date": 0, "chat": {"id": CLERK, "type": "private"}}
        fake.push_update(fake.callback_update(CLERK, _button(asked)[1], private))
        done = await _reply_to(fake, CLERK, after=before, contains="Setup is done")
        assert "Flitwick Town Council" in str(done.params["text"])
        await fake.wait_for(
            "setMyCommands", lambda c: str(CLERK) in json.dumps(c.params), timeout=20
        )
        before = _say(fake, CLERK, "/start")
        await _reply_to(fake, CLERK, after=before, contains="Hello Jane Smith")
    finally:
        await stop_bot(bot)
