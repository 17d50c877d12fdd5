"""Every command in ``COMMANDS`` against every role, an unregistered user and a monitor.

Driven through the real bot and the fake Bot API: a command is sent in a private chat and the
reply read. Nobody gets past the guard for a command their role may not use, and a refused
command changes nothing in the database; whoever may use it is not refused.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import MetaData, func, select

from chatbot.core.access import COMMANDS, Command, Role, allowed
from chatbot.db.database import Database
from chatbot.telegram.handlers.guard import not_registered
from policy_checks import PolicyEngine
from testing.fakes.telegram import FakeTelegram
from tests.chatbot.e2e.conftest import RunningBot, make_settings, start_bot, stop_bot

COUNCIL_NAME = "Access Test Parish Council"
GROUP = -1003000
NOBODY = 7777  # the target of commands that act on a member: nobody is changed by mistake
USERS: dict[str, tuple[int, Role | None, bool]] = {
    "clerk": (4001, Role.CLERK, False),
    "assistant clerk": (4002, Role.ASSISTANT_CLERK, False),
    "chair": (4003, Role.CHAIR, False),
    "vice chair": (4004, Role.VICE_CHAIR, False),
    "councillor": (4005, Role.COUNCILLOR, False),
    "monitor": (4006, Role.COUNCILLOR, True),
    "unregistered": (4999, None, False),
}
ARGUMENTS = {
    "policy": "personal_data",
    "check": "Can we meet on Tuesday?",
    "note": "Mr Jones | today | asked about the bins",
    "invite": "clerk Evil Person",
    "role": f"{NOBODY} clerk",
    "remove": str(NOBODY),
    "monitor": f"{NOBODY} on",
    "pardon": str(NOBODY),
    "search": "bins",
    "export": "01/01/2026 31/12/2026 csv",
    "foi": "A Requester | all the minutes",
    "sar": "A Person | ",
    "close": "FOI-2026-001",
    "leave": "list",
    "cover": "",
    "zoom": "list",
    "review": "1 upheld",
}
REPLY_TIMEOUT_S = 10.0


def _council() -> str:
    lines = [f'[council]\nname = "{COUNCIL_NAME}"\n']
    for label, (telegram_id, role, monitor) in USERS.items():
        if role is not None:
            lines.append(
                f'[[members]]\ntelegram_id = {telegram_id}\nname = "{label.title()} Person"\n'
                f'role = "{role.value}"\nmonitor = {"true" if monitor else "false"}\n'
            )
    lines.append(f'[[chats]]\ntelegram_id = {GROUP}\ntitle = "Councillors"\nofficial = true\n')
    return "\n".join(lines)


@pytest.fixture
async def bot(
    tmp_path: Path, fake_telegram: FakeTelegram, engine: PolicyEngine, database_url: str
) -> AsyncIterator[RunningBot]:
    settings = make_settings(tmp_path, fake_telegram, database_url)
    settings.council_config.write_text(_council(), encoding="utf-8")
    running = await start_bot(settings, fake_telegram, engine)
    await fake_telegram.wait_for("getUpdates", timeout=10)
    yield running
    await stop_bot(running)


def _snapshot(database_url: str) -> dict[str, Any]:
    """Every table's rows (a refused command must change none of them)."""
    database = Database(database_url)
    try:
        metadata = MetaData()
        metadata.reflect(database.engine)
        with database.engine.connect() as connection:
            return {
                name: sorted(map(repr, connection.execute(select(table))))
                if name == "members"
                else connection.execute(select(func.count()).select_from(table)).scalar()
                for name, table in metadata.tables.items()
            }
    finally:
        database.dispose()


async def _send(fake: FakeTelegram, user: int, command: Command) -> str:
    """Send ``/command args`` in private; the bot's first answer to this user."""
    text = f"/{command.name} {ARGUMENTS.get(command.name, '')}".strip()
    update = fake.message_update(user, user, text, chat_type="private", first_name="Someone")
    if command.name == "record":  # /record is a reply to the message to be recorded
        update["message"]["reply_to_message"] = fake.message_update(
            user, user, "the message to record", chat_type="private"
        )["message"]
    before = len(fake.calls)
    fake.push_update(update)
    deadline = time.monotonic() + REPLY_TIMEOUT_S
    while time.monotonic() < deadline:
        for call in fake.calls[before:]:
            if call.method in {"sendMessage", "sendDocument"} and str(
                call.params.get("chat_id")
            ) == str(user):
                return str(call.params.get("text") or call.params.get("caption") or "")
        await asyncio.sleep(0.02)
    raise AssertionError(f"no answer to /{command.name} from {user}")


def _refusal(command: Command) -> str:
    return f"/{command.name} is for:"


async def test_when_anyone_uses_a_command_their_role_does_not_allow_then_it_is_refused(
    bot: RunningBot,
) -> None:
    fake = bot.fake
    before = _snapshot(bot.settings.database_url)
    refused = 0
    for label, (user, role, monitor) in USERS.items():
        for command in COMMANDS:
            if role is not None and allowed(role, command.name, monitor=monitor):
                continue
            answer = await _send(fake, user, command)
            if role is None:
                assert answer == not_registered(COUNCIL_NAME), (label, command.name, answer)
            else:
                assert answer.startswith(_refusal(command)), (label, command.name, answer)
            refused += 1
    assert refused > len(COMMANDS)  # the unregistered user alone is refused every command
    assert _snapshot(bot.settings.database_url) == before  # nothing was done


async def test_when_anyone_uses_a_command_their_role_allows_then_it_is_not_refused(
    bot: RunningBot,
) -> None:
    fake = bot.fake
    for label, (user, role, monitor) in USERS.items():
        if role is None:
            continue
        for command in COMMANDS:
            if not allowed(role, command.name, monitor=monitor):
                continue
            answer = await _send(fake, user, command)
            assert not answer.startswith(_refusal(command)), (label, command.name, answer)
            assert answer != not_registered(COUNCIL_NAME), (label, command.name)
