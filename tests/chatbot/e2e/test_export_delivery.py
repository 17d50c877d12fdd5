"""End to end: an ``/export`` whose file Telegram refuses is told as it happened.

The handler sent the document itself, outside the outbox: a refusal (a file too large) raised
in the handler and the Clerk heard nothing. It now goes through the outbox like every reply,
and the Clerk is told the file did not arrive.
"""

from __future__ import annotations

import asyncio
import time

from tests.chatbot.e2e.conftest import CLERK, RunningBot


async def test_when_telegram_refuses_the_export_file_then_the_clerk_is_told_it_did_not_arrive(
    polling_bot: RunningBot,
) -> None:
    fake = polling_bot.fake
    fake.fail_next("sendDocument", 400, "Bad Request: file is too big")
    fake.push_update(
        fake.message_update(CLERK, CLERK, "/export 01/11/2026 30/11/2026", chat_type="private")
    )
    deadline = time.monotonic() + 10
    while not fake.calls_to("sendMessage") and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    told = [str(c.params.get("text")) for c in fake.calls_to("sendMessage")]
    assert len(fake.calls_to("sendDocument")) == 1
    assert len(told) == 1, told
    assert told[0].startswith("The export was made, but Telegram did not accept the file.")
