"""End to end: a member sends the bot the chat file Zoom saved, and the report comes back."""

from __future__ import annotations

import itertools
from typing import Any

from chatbot.telegram.handlers.zoom_file import MAX_CHAT_FILE_BYTES
from testing.fakes.telegram import Call, FakeTelegram
from tests.chatbot.e2e.conftest import COUNCILLOR, STRANGER, RunningBot

CHAT = (
    "\ufeff19:00:01 From Jane Smith to Everyone:\r\n"
    "\tWelcome all, the agenda is in the pack.\r\n"
    "19:01:00 From Helen Moss to Peter Hughes(Direct Message):\r\n"
    "\tEmail her at margaret.thornton@gmail.com\r\n"
    "19:01:30 this line is broken\r\n"
).encode()

_ids = itertools.count(1)


def _chat(call: Call) -> int:
    return int(str(call.params.get("chat_id")))


def _send(
    fake: FakeTelegram,
    user: int,
    content: bytes,
    *,
    name: str,
    mime: str,
    size: int | None = None,
    caption: str = "",
) -> None:
    file_id = f"chat-{next(_ids)}"
    fake.add_file(file_id, content)
    document: dict[str, Any] = {
        "file_id": file_id,
        "file_unique_id": f"u-{file_id}",
        "file_name": name,
        "mime_type": mime,
        "file_size": len(content) if size is None else size,
    }
    fake.push_update(
        fake.message_update(user, user, caption, chat_type="private", document=document)
    )


async def _reply(fake: FakeTelegram, user: int) -> str:
    call = await fake.wait_for("sendMessage", lambda c: _chat(c) == user, timeout=10)
    return str(call.params["text"])


async def test_when_a_member_sends_a_zoom_chat_file_then_the_report_comes_back(
    polling_bot: RunningBot,
) -> None:
    fake = polling_bot.fake

    _send(fake, COUNCILLOR, CHAT, name="meeting_saved_chat.txt", mime="text/plain")

    text = await _reply(fake, COUNCILLOR)
    assert text.startswith("Zoom chat meeting_saved_chat.txt\n2 messages checked: 1 breaches")
    assert "19:01:00 Helen Moss to Peter Hughes (direct message) — BLOCK (line 3)" in text
    assert '"m***@g***.com"' in text
    assert "margaret.thornton" not in text
    assert "1 line could not be read (line 5:" in text


async def test_when_a_stranger_sends_a_chat_file_then_it_is_not_fetched(
    polling_bot: RunningBot,
) -> None:
    fake = polling_bot.fake

    _send(fake, STRANGER, CHAT, name="meeting_saved_chat.txt", mime="text/plain")

    assert "not a registered member" in await _reply(fake, STRANGER)
    assert fake.calls_to("download") == []


async def test_when_the_file_is_not_text_then_the_member_is_told_what_to_send(
    polling_bot: RunningBot,
) -> None:
    fake = polling_bot.fake

    _send(fake, COUNCILLOR, b"%PDF-1.7", name="minutes.pdf", mime="application/pdf")

    assert (await _reply(fake, COUNCILLOR)).startswith("That is not a text file.")
    assert fake.calls_to("download") == []


async def test_when_the_file_is_too_large_then_it_is_refused_without_fetching_it(
    polling_bot: RunningBot,
) -> None:
    fake = polling_bot.fake

    _send(fake, COUNCILLOR, CHAT, name="chat.txt", mime="text/plain", size=MAX_CHAT_FILE_BYTES + 1)

    assert "larger than 5 MB" in await _reply(fake, COUNCILLOR)
    assert fake.calls_to("download") == []


async def test_when_a_text_file_is_not_a_zoom_chat_then_the_member_is_told(
    polling_bot: RunningBot,
) -> None:
    fake = polling_bot.fake

    _send(fake, COUNCILLOR, b"Dear all,\nplease see the minutes.\n", name="notes.txt",
          mime="text/plain")  # fmt: skip

    assert (await _reply(fake, COUNCILLOR)).startswith("That does not look like a Zoom chat file")


async def test_when_the_report_is_long_then_a_summary_and_the_whole_report_as_a_file(
    polling_bot: RunningBot,
) -> None:
    fake = polling_bot.fake
    lines = [
        f"19:00:{n % 60:02d} From Helen Moss to Everyone:\n\tCall me on 07911 1234{n:02d}"
        for n in range(80)
    ]
    _send(fake, COUNCILLOR, "\n".join(lines).encode(), name="long.txt", mime="text/plain")

    text = await _reply(fake, COUNCILLOR)
    sent = await fake.wait_for("sendDocument", lambda c: _chat(c) == COUNCILLOR, timeout=10)

    assert "80 messages checked: 80 breach the policy" in text
    assert text.endswith("The whole report is in the attached file.")
    document = sent.params["document"]
    assert document["filename"] == "report-long.txt"
    report = bytes(document["content"]).decode("utf-8")
    assert report.count("— BLOCK (line") == 80
    assert "07911" not in report


async def test_when_a_chat_file_has_a_caption_then_only_the_report_answers_and_drafts_still_work(
    polling_bot: RunningBot,
) -> None:
    fake = polling_bot.fake

    _send(fake, COUNCILLOR, CHAT, name="chat.txt", mime="text/plain", caption="Call 07911 123456")
    report = await _reply(fake, COUNCILLOR)
    fake.push_update(
        fake.message_update(COUNCILLOR, COUNCILLOR, "Tuesday works", chat_type="private")
    )
    draft = await fake.wait_for(
        "sendMessage", lambda c: _chat(c) == COUNCILLOR and "No issues" in str(c.params["text"])
    )

    assert report.startswith("Zoom chat chat.txt")
    replies = [c for c in fake.calls_to("sendMessage") if _chat(c) == COUNCILLOR]
    assert replies[-1] is draft
    assert len(replies) == 2
