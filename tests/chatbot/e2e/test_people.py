"""End to end: commands name people by reply, @username, name or id; choices and confirmations.

Against the fake Bot API (#15 items 3 and 5): ``/pardon``, ``/monitor``, ``/role``,
``/remove`` and ``/strikes`` find a person by a reply to their message, an @username, a name or
part of one, or an id; a name several members fit offers buttons; ``/remove`` and a new Chair
are confirmed by the Clerk who asked, once; replies name people, never only by id.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from policy_checks import PolicyEngine
from testing.fakes.telegram import Call, FakeTelegram
from tests.chatbot.e2e.conftest import GROUP, RunningBot, make_settings, start_bot, stop_bot
from tests.chatbot.e2e.pressing import confirm, labels, next_to, press, sent_to

CLERK, CHAIR, HELEN, HELEN_PRICE, SAM = 1001, 1002, 1004, 1005, 1006
BREACH = "Mrs Thornton's number is 07911 123456, please call her"

COUNCIL = f"""
[council]
name = "Barton-le-Clay Parish Council"
clerk_email = "theparishclerk@bartonleclay-pc.gov.uk"

[[members]]
telegram_id = {CLERK}
name = "Jane Smith"
role = "clerk"

[[members]]
telegram_id = {CHAIR}
name = "Peter Hughes"
role = "chair"

[[members]]
telegram_id = {HELEN}
name = "Helen Moss"
role = "councillor"

[[members]]
telegram_id = {HELEN_PRICE}
name = "Helen Price"
role = "councillor"

[[members]]
telegram_id = {SAM}
name = "Sam Lee"
role = "councillor"

[[chats]]
telegram_id = {GROUP}
title = "Councillors"
official = true
moderate = true
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


async def _ask(fake: FakeTelegram, user: int, text: str) -> Call:
    """``user`` writes ``text`` privately; the bot's next message to them."""
    before = len(sent_to(fake, user))
    fake.push_update(fake.message_update(user, user, text, chat_type="private"))
    await next_to(fake, user, before)
    return sent_to(fake, user)[before]


async def _says(fake: FakeTelegram, user: int, text: str) -> str:
    return str((await _ask(fake, user, text)).params.get("text", ""))


def _in_group(
    fake: FakeTelegram, user: int, text: str, *, first: str, last: str, username: str = ""
) -> dict[str, Any]:
    update = fake.message_update(GROUP, user, text, first_name=first, last_name=last)
    if username:
        update["message"]["from"]["username"] = username
    return update


async def _strike(fake: FakeTelegram) -> dict[str, Any]:
    """Helen Moss breaches the policy in the group (a strike); her removed message."""
    update = _in_group(fake, HELEN, BREACH, first="Helen", last="Moss", username="helenm")
    deleted = len(fake.calls_to("deleteMessage"))
    fake.push_update(update)
    for _ in range(800):
        if len(fake.calls_to("deleteMessage")) > deleted:
            return dict(update["message"])
        await asyncio.sleep(0.025)
    raise AssertionError("not removed")


async def test_when_a_name_fits_two_members_then_the_clerk_chooses_and_the_command_carries_on(
    bot: RunningBot,
) -> None:
    fake = bot.fake
    question = await _ask(fake, CLERK, "/pardon helen")
    assert question.params["text"] == "More than one member fits “helen”. Which one?"
    assert list(labels(question)) == ["Helen Moss (Councillor)", "Helen Price (Councillor)"]
    assert await press(fake, CHAIR, question, "Helen Moss (Councillor)") == (
        "This button is not for you."
    )
    count = len(sent_to(fake, CLERK))
    assert await press(fake, CLERK, question, "Helen Price (Councillor)") == "OK"
    assert await next_to(fake, CLERK, count) == "Cleared 0 strikes for Helen Price."
    # Once: the other member's button was used up with it.
    assert await press(fake, CLERK, question, "Helen Moss (Councillor)") == (
        "This has already been done."
    )


async def test_when_no_member_fits_then_the_closest_names_are_offered(bot: RunningBot) -> None:
    answer = await _says(bot.fake, CLERK, "/monitor Hellen Mos on")
    assert answer.startswith("No member is called “Hellen Mos”. Did you mean Helen Moss")
    assert await _says(bot.fake, CLERK, "/remove zebedee") == (
        "No member is called “zebedee”. /members lists everyone."
    )


async def test_when_a_role_is_several_words_then_the_person_is_the_words_before_it(
    bot: RunningBot,
) -> None:
    fake = bot.fake
    assert await _says(fake, CLERK, "/role moss vice chair") == (
        "Helen Moss now has the role Vice chair."
    )
    assert await _says(fake, CLERK, "/role Helen Moss Assistant-Clerk") == (
        "Helen Moss now has the role Assistant clerk."
    )
    assert await _says(fake, CLERK, "/monitor sam lee on") == (
        "Sam Lee is now a monitor (on the council record: entry 1)."
    )


async def test_when_someone_else_is_made_chair_then_it_is_confirmed_and_the_chair_replaced(
    bot: RunningBot,
) -> None:
    fake = bot.fake
    assert await _says(fake, CLERK, "/role sam chair") == (
        "Make Sam Lee (Councillor) Chair? Peter Hughes will no longer be Chair "
        "(the role becomes Councillor)."
    )
    assert await confirm(fake, CLERK, "Make Chair") == "Sam Lee now has the role Chair."
    await fake.wait_for(
        "sendMessage",
        lambda c: c.params.get("text") == "Peter Hughes now has the role Councillor.",
        timeout=20,
    )
    members = await _says(fake, CLERK, "/members")
    assert "Sam Lee — Chair" in members
    assert "Peter Hughes — Councillor" in members


async def test_when_the_clerk_removes_someone_then_it_is_asked_first_and_done_once(
    bot: RunningBot,
) -> None:
    fake = bot.fake
    question = await _ask(fake, CLERK, "/remove sam")
    assert question.params["text"] == "Remove Sam Lee (Councillor) from the council?"
    assert list(labels(question)) == ["Remove", "Cancel"]
    assert await press(fake, CLERK, question, "Cancel") == "Cancelled: nothing was changed."
    assert await press(fake, CLERK, question, "Remove") == "This has already been done."
    assert "Sam Lee" in await _says(fake, CLERK, "/members")

    await _ask(fake, CLERK, "/remove @samlee")
    assert await confirm(fake, CLERK) == "Sam Lee was removed."
    assert "Sam Lee" not in await _says(fake, CLERK, "/members")


async def test_when_the_only_clerk_would_be_removed_then_it_is_refused_without_asking(
    bot: RunningBot,
) -> None:
    assert await _says(bot.fake, CLERK, "/remove jane") == (
        "The council's only Clerk cannot be removed: make someone else Clerk first."
    )


async def test_when_the_clerk_replies_to_a_post_in_the_group_then_it_means_its_sender(
    bot: RunningBot,
) -> None:
    fake = bot.fake
    removed = await _strike(fake)
    assert (
        await _says(fake, CLERK, "/strikes") == "Strikes in the last 30 days:\nHelen Moss: 1 strike"
    )
    # Learned from her post: her username finds her, though members have none stored.
    assert await _says(fake, CLERK, "/strikes @HelenM") == (
        "Helen Moss: 1 strike in the last 30 days."
    )
    command = _in_group(fake, CLERK, "/pardon", first="Jane", last="Smith")
    command["message"]["reply_to_message"] = removed
    count = len(sent_to(fake, CLERK))
    fake.push_update(command)
    # Answered privately: the group is not told about a member's strikes.
    assert await next_to(fake, CLERK, count) == "Cleared 1 strike for Helen Moss."


async def test_when_members_and_strikes_are_listed_then_people_are_named_not_numbered(
    bot: RunningBot,
) -> None:
    members = await _says(bot.fake, CLERK, "/members")
    assert members.splitlines()[0] == "Helen Moss — Councillor"
    assert "id" not in members


async def test_when_an_invitation_names_one_word_then_the_full_name_is_asked_for(
    bot: RunningBot,
) -> None:
    fake = bot.fake
    assert await _says(fake, CLERK, "/invite councillor helen") == (
        "Please give Helen's full name, e.g. /invite councillor Helen Moss"
    )
    answer = await _says(fake, CLERK, "/invite Vice Chair Ann Example")
    assert answer.startswith("Invitation for Ann Example (Vice chair), valid for 7 days")
