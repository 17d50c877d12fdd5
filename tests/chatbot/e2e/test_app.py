"""End to end: the real application, polling the loopback fake Bot API over HTTP."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from chatbot.db.database import Database
from chatbot.db.models import RecordEntry
from chatbot.record.service import RecordService
from testing.fakes.telegram import Call
from tests.chatbot.e2e.conftest import CHAIR, CLERK, COUNCILLOR, GROUP, STRANGER, RunningBot

BREACH = "Mrs Thornton's number is 07911 123456, please call her"
CLEAN = "Can we add the grass cutting to next month's agenda please?"


def _text(call: Call) -> str:
    return str(call.params.get("text", ""))


def _chat(call: Call) -> int:
    return int(str(call.params.get("chat_id")))


def _markup(call: Call) -> dict[str, Any]:
    raw = call.params.get("reply_markup") or "{}"
    return json.loads(raw) if isinstance(raw, str) else dict(raw)


def _buttons(call: Call) -> list[dict[str, Any]]:
    return [b for row in _markup(call).get("inline_keyboard", []) for b in row]


async def test_when_a_member_posts_a_breach_then_it_is_removed_explained_and_noticed(
    polling_bot: RunningBot,
) -> None:
    fake = polling_bot.fake
    fake.push_update(fake.message_update(GROUP, COUNCILLOR, BREACH, message_id=10))
    deleted = await fake.wait_for("deleteMessage")
    assert (_chat(deleted), int(str(deleted.params["message_id"]))) == (GROUP, 10)
    private = await fake.wait_for("sendMessage", lambda c: _chat(c) == COUNCILLOR)
    assert "07911 123456" not in _text(private)
    assert "0***" in _text(private)
    assert "Not contain any personal information." in _text(private)
    labels = [b["text"] for b in _buttons(private)]
    assert labels == ["Post a redacted version", "Ask the Clerk to review"]
    notice = await fake.wait_for("sendMessage", lambda c: _chat(c) == GROUP)
    assert _text(notice) == "A post breaching the Council's Social Media Policy has been removed."


async def test_when_a_clean_message_is_posted_then_nothing_happens(polling_bot: RunningBot) -> None:
    fake = polling_bot.fake
    fake.push_update(fake.message_update(GROUP, COUNCILLOR, CLEAN, message_id=11))
    fake.push_update(fake.message_update(GROUP, COUNCILLOR, BREACH, message_id=12))
    deleted = await fake.wait_for("deleteMessage")
    assert int(str(deleted.params["message_id"])) == 12
    assert len(fake.calls_to("deleteMessage")) == 1


async def test_when_an_edit_adds_a_breach_then_the_message_is_removed(
    polling_bot: RunningBot,
) -> None:
    fake = polling_bot.fake
    fake.push_update(fake.message_update(GROUP, COUNCILLOR, CLEAN, message_id=20))
    fake.push_update(fake.message_update(GROUP, COUNCILLOR, BREACH, message_id=20, edited=True))
    deleted = await fake.wait_for("deleteMessage")
    assert int(str(deleted.params["message_id"])) == 20


async def test_when_the_sender_presses_post_redacted_then_the_redacted_text_is_posted(
    polling_bot: RunningBot,
) -> None:
    fake = polling_bot.fake
    fake.push_update(fake.message_update(GROUP, COUNCILLOR, BREACH, message_id=30))
    private = await fake.wait_for("sendMessage", lambda c: _chat(c) == COUNCILLOR)
    data = _buttons(private)[0]["callback_data"]
    message = {"message_id": 99, "date": 0, "chat": {"id": COUNCILLOR, "type": "private"}}
    fake.push_update(fake.callback_update(COUNCILLOR, data, message))
    posted = await fake.wait_for(
        "sendMessage", lambda c: _chat(c) == GROUP and "[phone number removed]" in _text(c)
    )
    assert "07911" not in _text(posted)
    await fake.wait_for("answerCallbackQuery")


async def test_when_a_member_sends_a_draft_privately_then_it_is_checked_with_choices(
    polling_bot: RunningBot,
) -> None:
    fake = polling_bot.fake
    fake.push_update(
        fake.message_update(
            COUNCILLOR, COUNCILLOR, "Email me at jane.doe@gmail.com", chat_type="private"
        )
    )
    reply = await fake.wait_for("sendMessage", lambda c: _chat(c) == COUNCILLOR)
    assert "personal data" in _text(reply)
    assert "[e-mail address removed]" in _text(reply)
    labels = [b["text"] for b in _buttons(reply)]
    assert labels == [
        "Post redacted to Allotments working group",
        "Post redacted to Councillors",
        "Discard",
    ]


async def test_when_a_member_types_an_inline_query_then_a_checked_result_is_offered(
    polling_bot: RunningBot,
) -> None:
    fake = polling_bot.fake
    fake.push_update(fake.inline_update(COUNCILLOR, "ring me on 07911 123456"))
    answer = await fake.wait_for("answerInlineQuery")
    results = answer.params["results"]
    results = json.loads(results) if isinstance(results, str) else results
    assert len(results) == 1
    assert results[0]["title"] == "Contains personal data: a phone number"
    assert "07911" not in json.dumps(results)


async def test_when_strikes_reach_the_threshold_then_the_clerk_on_duty_is_alerted(
    polling_bot: RunningBot,
) -> None:
    fake = polling_bot.fake
    for message_id in (40, 41, 42):
        fake.push_update(fake.message_update(GROUP, COUNCILLOR, BREACH, message_id=message_id))
    alert = await fake.wait_for(
        "sendMessage", lambda c: _chat(c) == CLERK and "Strike alert" in _text(c)
    )
    assert "3 strikes" in _text(alert)
    # Alerts go to whoever is on duty (issue 5): the Chair only hears of them on a gap.
    assert not [c for c in fake.calls_to("sendMessage") if _chat(c) == CHAIR]


async def test_when_an_unknown_user_writes_privately_then_they_are_told_to_ask_the_clerk(
    polling_bot: RunningBot,
) -> None:
    fake = polling_bot.fake
    fake.push_update(fake.message_update(STRANGER, STRANGER, "hello", chat_type="private"))
    reply = await fake.wait_for("sendMessage", lambda c: _chat(c) == STRANGER)
    assert _text(reply) == (
        "You are not a registered member of Barton-le-Clay Parish Council — ask the Clerk."
    )


async def test_when_the_sender_never_started_the_bot_then_the_group_gets_a_short_notice(
    polling_bot: RunningBot,
) -> None:
    fake = polling_bot.fake
    fake.fail_next("sendMessage", 403, "Forbidden: bot can't initiate conversation with a user")
    fake.push_update(fake.message_update(GROUP, COUNCILLOR, BREACH, message_id=50))
    notice = await fake.wait_for(
        "sendMessage", lambda c: _chat(c) == GROUP and "Start a private chat" in _text(c)
    )
    assert "07911" not in _text(notice)


async def test_when_telegram_answers_429_then_the_delete_is_retried_after_the_wait(
    polling_bot: RunningBot,
) -> None:
    fake = polling_bot.fake
    fake.fail_next("deleteMessage", 429, "Too Many Requests: retry after 1", retry_after=1)
    fake.push_update(fake.message_update(GROUP, COUNCILLOR, BREACH, message_id=60))
    await fake.wait_for("deleteMessage", lambda c: True, timeout=10)
    await fake.wait_for("sendMessage", lambda c: _chat(c) == COUNCILLOR, timeout=10)
    assert len(fake.calls_to("deleteMessage")) == 2


async def test_when_polling_then_every_handled_update_type_is_asked_for(
    polling_bot: RunningBot,
) -> None:
    call = await polling_bot.fake.wait_for("getUpdates")
    allowed = json.loads(str(call.params.get("allowed_updates", "[]")))
    assert set(allowed) >= {"message", "edited_message", "callback_query", "inline_query"}


async def test_when_telegram_fails_with_5xx_then_the_call_is_retried(
    polling_bot: RunningBot,
) -> None:
    fake = polling_bot.fake
    fake.fail_next("deleteMessage", 502, "Bad Gateway", times=2)
    fake.push_update(fake.message_update(GROUP, COUNCILLOR, BREACH, message_id=70))
    await fake.wait_for("sendMessage", lambda c: _chat(c) == COUNCILLOR, timeout=10)
    assert len(fake.calls_to("deleteMessage")) == 3


async def test_when_the_message_cannot_be_deleted_then_the_sender_is_still_told(
    polling_bot: RunningBot,
) -> None:
    fake = polling_bot.fake
    fake.fail_next("deleteMessage", 400, "Bad Request: message can't be deleted for everyone")
    fake.push_update(fake.message_update(GROUP, COUNCILLOR, BREACH, message_id=71))
    await fake.wait_for("sendMessage", lambda c: _chat(c) == COUNCILLOR)


async def test_when_an_update_is_malformed_then_it_is_skipped_and_the_next_is_handled(
    polling_bot: RunningBot,
) -> None:
    fake = polling_bot.fake
    fake.push_update({"message": {"message_id": "not a number", "chat": "nonsense"}})
    fake.push_update(fake.message_update(GROUP, COUNCILLOR, BREACH, message_id=72))
    deleted = await fake.wait_for("deleteMessage")
    assert int(str(deleted.params["message_id"])) == 72


async def test_when_a_group_becomes_a_supergroup_then_it_is_still_moderated(
    polling_bot: RunningBot,
) -> None:
    fake = polling_bot.fake
    new_id = -1009999999999
    migrate = fake.message_update(GROUP, COUNCILLOR, "", message_id=80, chat_type="group")
    del migrate["message"]["text"]
    migrate["message"]["migrate_to_chat_id"] = new_id
    fake.push_update(migrate)
    fake.push_update(fake.message_update(new_id, COUNCILLOR, BREACH, message_id=81))
    deleted = await fake.wait_for("deleteMessage")
    assert _chat(deleted) == new_id


async def test_when_a_councillor_tries_a_clerk_command_then_it_is_refused(
    polling_bot: RunningBot,
) -> None:
    fake = polling_bot.fake
    fake.push_update(
        fake.message_update(
            COUNCILLOR, COUNCILLOR, "/invite councillor Ann Example", chat_type="private"
        )
    )
    reply = await fake.wait_for("sendMessage", lambda c: _chat(c) == COUNCILLOR)
    assert _text(reply).startswith("/invite is for:")


async def test_when_the_clerk_invites_and_the_invitee_starts_the_bot_then_they_are_a_member(
    polling_bot: RunningBot,
) -> None:
    fake = polling_bot.fake
    welcome = await _invited_and_joined(polling_bot, "Ann Example")
    assert "Welcome to Barton-le-Clay Parish Council, Ann Example" in _text(welcome)
    fake.push_update(fake.message_update(STRANGER, STRANGER, "/help", chat_type="private"))
    await fake.wait_for("sendMessage", lambda c: _chat(c) == STRANGER and "/policy" in _text(c))


async def test_when_the_bot_starts_then_each_member_gets_their_role_menu(
    polling_bot: RunningBot,
) -> None:
    fake = polling_bot.fake
    scopes = {
        json.loads(str(c.params.get("scope", "{}"))).get("chat_id"): json.loads(
            str(c.params["commands"])
        )
        for c in fake.calls_to("setMyCommands")
    }
    clerk_menu = {c["command"] for c in scopes[CLERK]}
    councillor_menu = {c["command"] for c in scopes[COUNCILLOR]}
    assert {"invite", "role", "remove", "pardon"} <= clerk_menu
    assert councillor_menu == {"help", "policy", "check", "note", "record", "search", "zoom"}


async def test_when_a_caption_or_a_forward_breaches_then_it_is_removed_too(
    polling_bot: RunningBot,
) -> None:
    fake = polling_bot.fake
    fake.push_update(fake.message_update(GROUP, COUNCILLOR, BREACH, message_id=90, caption=True))
    fake.push_update(fake.message_update(GROUP, COUNCILLOR, BREACH, message_id=91, forward=True))
    await fake.wait_for("deleteMessage", lambda c: int(str(c.params["message_id"])) == 90)
    await fake.wait_for("deleteMessage", lambda c: int(str(c.params["message_id"])) == 91)


async def test_when_a_member_asks_for_the_policy_then_each_rule_is_quoted(
    polling_bot: RunningBot,
) -> None:
    fake = polling_bot.fake
    fake.push_update(
        fake.message_update(COUNCILLOR, COUNCILLOR, "/policy allegation", chat_type="private")
    )
    reply = await fake.wait_for("sendMessage", lambda c: _chat(c) == COUNCILLOR)
    assert "Alleges a breach of a Council's policy or the law" in _text(reply)


async def test_when_a_member_asks_for_an_unknown_rule_then_they_are_told_and_shown_the_rules(
    polling_bot: RunningBot,
) -> None:
    fake = polling_bot.fake
    fake.push_update(
        fake.message_update(COUNCILLOR, COUNCILLOR, "/policy nonsense", chat_type="private")
    )
    reply = _text(await fake.wait_for("sendMessage", lambda c: _chat(c) == COUNCILLOR))
    assert "I do not know a rule called “nonsense”" in reply
    assert "Threatening language" in reply
    assert "“" not in reply.split("nonsense”", 1)[1]  # no clause is quoted
    assert len(reply) < 700


async def test_when_a_member_asks_for_a_rule_in_their_own_words_then_its_clause_is_quoted(
    polling_bot: RunningBot,
) -> None:
    fake = polling_bot.fake
    fake.push_update(
        fake.message_update(COUNCILLOR, COUNCILLOR, "/policy Threats", chat_type="private")
    )
    reply = _text(await fake.wait_for("sendMessage", lambda c: _chat(c) == COUNCILLOR))
    assert reply.startswith("Threatening language (posts are removed):\n“")
    assert "(threat" not in reply  # no rule ids
    assert "block" not in reply


async def test_when_an_update_is_delivered_again_after_a_restart_then_it_is_not_acted_on_twice(
    polling_bot: RunningBot,
) -> None:
    fake = polling_bot.fake
    update = fake.message_update(GROUP, COUNCILLOR, BREACH, message_id=95)
    fake.push_update(update)
    await fake.wait_for("sendMessage", lambda c: _chat(c) == COUNCILLOR)
    fake.push_update(update)  # the same message again, as after an unconfirmed batch
    fake.push_update(fake.message_update(GROUP, COUNCILLOR, CLEAN, message_id=96))
    await fake.wait_for(
        "getUpdates", lambda c: int(str(c.params.get("offset") or 0)) >= 4, timeout=10
    )
    assert len(fake.calls_to("deleteMessage")) == 1


async def test_when_messages_are_posted_in_an_official_chat_then_they_are_on_the_record(
    polling_bot: RunningBot,
) -> None:
    fake = polling_bot.fake
    fake.push_update(fake.message_update(GROUP, COUNCILLOR, CLEAN, message_id=100))
    fake.push_update(fake.message_update(GROUP, COUNCILLOR, BREACH, message_id=101))
    fake.push_update(
        fake.message_update(GROUP, COUNCILLOR, CLEAN + " (edited)", message_id=100, edited=True)
    )
    await fake.wait_for(
        "getUpdates", lambda c: int(str(c.params.get("offset") or 0)) >= 4, timeout=10
    )
    database = Database(polling_bot.settings.database_url)
    rows = database.call(
        lambda s: [
            (r.kind, r.message_id, r.restricted, r.personal_data, r.reason)
            for r in s.scalars(select(RecordEntry).order_by(RecordEntry.seq))
        ]
    )
    assert rows == [
        ("message", 100, False, False, ""),
        ("removed", 101, True, True, "personal_data"),
        ("edit", 100, False, False, ""),
    ]
    assert RecordService(database).verify().intact
    database.dispose()


async def test_when_a_post_only_warrants_a_warning_then_it_stays_and_the_sender_is_warned(
    polling_bot: RunningBot,
) -> None:
    fake = polling_bot.fake
    fake.push_update(
        fake.message_update(
            GROUP, COUNCILLOR, "Margaret Thornton asked about the bins", message_id=110
        )
    )
    warning = await fake.wait_for("sendMessage", lambda c: _chat(c) == COUNCILLOR)
    assert "may breach" in _text(warning)
    assert "M***" in _text(warning)
    assert "Thornton" not in _text(warning)
    assert fake.calls_to("deleteMessage") == []


async def test_when_a_post_makes_an_allegation_then_the_sender_is_told_how_to_complain(
    polling_bot: RunningBot,
) -> None:
    fake = polling_bot.fake
    fake.push_update(
        fake.message_update(GROUP, COUNCILLOR, "The Chair fiddled his expenses", message_id=111)
    )
    private = await fake.wait_for("sendMessage", lambda c: _chat(c) == COUNCILLOR)
    assert "submit a formal complaint to the Council or report the matter to the Police" in _text(
        private
    )


async def test_when_a_non_member_keeps_breaching_then_they_are_restricted(
    polling_bot: RunningBot,
) -> None:
    fake = polling_bot.fake
    for message_id in (120, 121, 122):
        fake.push_update(fake.message_update(GROUP, STRANGER, BREACH, message_id=message_id))
    restricted = await fake.wait_for("restrictChatMember")
    assert int(str(restricted.params["user_id"])) == STRANGER


async def test_when_a_member_uses_check_then_the_draft_after_it_is_checked(
    polling_bot: RunningBot,
) -> None:
    fake = polling_bot.fake
    fake.push_update(
        fake.message_update(COUNCILLOR, COUNCILLOR, "/check ring 07911 123456", chat_type="private")
    )
    reply = await fake.wait_for("sendMessage", lambda c: _chat(c) == COUNCILLOR)
    assert "[phone number removed]" in _text(reply)


async def test_when_an_invited_member_is_named_in_a_group_then_it_is_not_personal_data(
    polling_bot: RunningBot,
) -> None:
    fake = polling_bot.fake
    await _invited_and_joined(polling_bot, "Adaeze Nwosu")
    fake.push_update(
        fake.message_update(
            GROUP, COUNCILLOR, "Thanks to Adaeze Nwosu for the minutes.", message_id=120
        )
    )
    fake.push_update(
        fake.message_update(
            GROUP, COUNCILLOR, "Margaret Thornton asked about the bins", message_id=121
        )
    )
    await fake.wait_for("sendMessage", lambda c: _chat(c) == COUNCILLOR and "M***" in _text(c))
    warnings = [c for c in fake.calls_to("sendMessage") if _chat(c) == COUNCILLOR]
    assert len(warnings) == 1
    assert fake.calls_to("deleteMessage") == []


async def _invited_and_joined(bot: RunningBot, name: str) -> Call:
    """The Clerk invites ``name`` as a councillor and the stranger joins; the welcome."""
    fake = bot.fake
    fake.push_update(
        fake.message_update(CLERK, CLERK, f"/invite councillor {name}", chat_type="private")
    )
    invite = await fake.wait_for("sendMessage", lambda c: _chat(c) == CLERK)
    code = _text(invite).split("?start=")[1].split()[0]
    fake.push_update(fake.message_update(STRANGER, STRANGER, f"/start {code}", chat_type="private"))
    welcome: Call = await fake.wait_for("sendMessage", lambda c: _chat(c) == STRANGER)
    return welcome
