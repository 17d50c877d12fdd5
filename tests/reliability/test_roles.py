"""Attacks on the roles, through the real bot and the fake Bot API.

The Assistant Clerk tries to take over (invite a Clerk, make themselves Clerk, remove the real
one); the council's only Clerk is demoted or removed. Each is refused with a plain reply, and
the roster is as it was. A one-time invitation sent by eight people in the same batch of
updates admits one of them.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from chatbot.core.access import Role
from chatbot.db.database import Database
from chatbot.db.models import Invite, Member
from policy_checks import PolicyEngine
from testing.fakes.telegram import FakeTelegram
from tests.chatbot.e2e.conftest import RunningBot, make_settings, start_bot, stop_bot

CLERK, ASSISTANT, CHAIR, COUNCILLOR = 6001, 6002, 6003, 6004
ATTACKERS = tuple(range(6101, 6109))
REPLY_TIMEOUT_S = 10.0
COUNCIL = f"""
[council]
name = "Roles Test Parish Council"

[[members]]
telegram_id = {CLERK}
name = "Jane Smith"
role = "clerk"

[[members]]
telegram_id = {ASSISTANT}
name = "Bob Jones"
role = "assistant_clerk"

[[members]]
telegram_id = {CHAIR}
name = "Peter Hughes"
role = "chair"

[[members]]
telegram_id = {COUNCILLOR}
name = "Helen Moss"
role = "councillor"
"""


@pytest.fixture
async def bot(
    tmp_path: Path, fake_telegram: FakeTelegram, engine: PolicyEngine, database_url: str
) -> AsyncIterator[RunningBot]:
    settings = make_settings(tmp_path, fake_telegram, database_url)
    settings.council_config.write_text(COUNCIL, encoding="utf-8")
    running = await start_bot(settings, fake_telegram, engine)
    await fake_telegram.wait_for("getUpdates", timeout=10)
    yield running
    await stop_bot(running)


def _answers(fake: FakeTelegram, user: int) -> list[str]:
    return [
        str(c.params.get("text", ""))
        for c in fake.calls_to("sendMessage")
        if str(c.params.get("chat_id")) == str(user)
    ]


async def _says(fake: FakeTelegram, user: int, text: str) -> str:
    """Send ``text`` privately as ``user``; the bot's next answer to them."""
    before = len(_answers(fake, user))
    fake.push_update(fake.message_update(user, user, text, chat_type="private"))
    for _ in range(int(REPLY_TIMEOUT_S / 0.02)):
        answers = _answers(fake, user)
        if len(answers) > before:
            return answers[before]
        await asyncio.sleep(0.02)
    raise AssertionError(f"no answer to {text!r} from {user}")


def _roster(bot: RunningBot) -> dict[int, tuple[str, bool]]:
    database = Database(bot.settings.database_url)
    try:
        rows = database.call(
            lambda s: list(s.execute(select(Member.telegram_id, Member.role, Member.active)))
        )
        return {int(t): (str(role), bool(active)) for t, role, active in rows}
    finally:
        database.dispose()


def _invites(bot: RunningBot) -> int:
    database = Database(bot.settings.database_url)
    try:
        return int(database.call(lambda s: s.scalar(select(func.count(Invite.id)))) or 0)
    finally:
        database.dispose()


async def test_when_the_assistant_clerk_tries_to_take_over_then_every_step_is_refused(
    bot: RunningBot,
) -> None:
    fake, before = bot.fake, _roster(bot)
    answer = await _says(fake, ASSISTANT, "/invite clerk Evil Twin")
    assert answer == "Only the Clerk can invite a Clerk."
    assert _invites(bot) == 0
    assert (await _says(fake, ASSISTANT, f"/role {ASSISTANT} clerk")).startswith("/role is for:")
    assert (await _says(fake, ASSISTANT, f"/remove {CLERK}")).startswith("/remove is for:")
    assert _roster(bot) == before


async def test_when_the_assistant_clerk_invites_a_councillor_then_the_invitation_is_made(
    bot: RunningBot,
) -> None:
    answer = await _says(bot.fake, ASSISTANT, "/invite councillor Ann Example")
    assert answer.startswith("Invitation for Ann Example (Councillor)")
    assert _invites(bot) == 1


@pytest.mark.parametrize("role", [r.value for r in Role if r is not Role.CLERK])
async def test_when_the_only_clerk_is_demoted_then_it_is_refused_plainly(
    bot: RunningBot, role: str
) -> None:
    answer = await _says(bot.fake, CLERK, f"/role {CLERK} {role}")
    assert answer == "Jane Smith is the council's only Clerk: make someone else Clerk first."
    assert _roster(bot)[CLERK] == ("clerk", True)


async def test_when_the_only_clerk_is_removed_then_it_is_refused_plainly(bot: RunningBot) -> None:
    answer = await _says(bot.fake, CLERK, f"/remove {CLERK}")
    assert answer == "The council's only Clerk cannot be removed: make someone else Clerk first."
    assert _roster(bot)[CLERK] == ("clerk", True)


async def test_when_a_second_clerk_is_appointed_then_the_first_may_step_down(
    bot: RunningBot,
) -> None:
    fake = bot.fake
    assert (
        await _says(fake, CLERK, f"/role {ASSISTANT} clerk") == "Bob Jones now has the role Clerk."
    )
    answer = await _says(fake, CLERK, f"/role {CLERK} councillor")
    assert answer == "Jane Smith now has the role Councillor."
    assert _roster(bot)[ASSISTANT] == ("clerk", True)


async def test_when_eight_people_send_one_invitation_in_one_batch_then_one_joins(
    bot: RunningBot,
) -> None:
    fake = bot.fake
    invitation = await _says(fake, CLERK, "/invite councillor Ann Example")
    code = invitation.split("?start=")[1].split()[0]
    for attacker in ATTACKERS:
        fake.push_update(
            fake.message_update(attacker, attacker, f"/start {code}", chat_type="private")
        )
    for _ in range(int(REPLY_TIMEOUT_S / 0.02)):
        if all(_answers(fake, a) for a in ATTACKERS):
            break
        await asyncio.sleep(0.02)
    answers = [_answers(fake, a)[0] for a in ATTACKERS]
    welcomed = [a for a in answers if a.startswith("Welcome")]
    assert len(welcomed) == 1, answers
    assert answers.count("That invitation code is not valid or was already used.") == 7, answers
    roster = _roster(bot)
    assert sum(1 for a in ATTACKERS if a in roster) == 1
