"""End to end: the real bot (polling) against the fake Bot API and the fake Zoom API.

Hosts enable meetings with ``/zoom``; Zoom's webhooks are delivered by real HTTP, signed, to
``/zoom/webhook`` on the bot's HTTP server, which runs in polling mode because Zoom webhooks
are configured.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from pydantic import SecretStr
from sqlalchemy import select

from chatbot.db.database import Database
from chatbot.db.models import RecordEntry
from policy_checks import PolicyEngine
from testing.fakes.telegram import Call, FakeTelegram
from testing.fakes.zoom import (
    ACCOUNT_ID,
    CLIENT_ID,
    CLIENT_SECRET,
    WEBHOOK_SECRET,
    FakeZoom,
    chat_message_event,
    meeting_event,
    recording_completed_event,
)
from tests.chatbot.e2e.conftest import (
    CHAIR,
    CLERK,
    COUNCIL_TOML,
    COUNCILLOR,
    RunningBot,
    make_settings,
    start_bot,
    stop_bot,
)

NON_HOST = 1006
MEETING, OFFICIAL_MEETING, UNENABLED = "85746065432", "81122233344", "89999999999"
UUID, OFFICIAL_UUID = "/occ//one==", "occ-two=="
COUNCIL = (
    COUNCIL_TOML.replace(
        'name = "Helen Moss"\nrole = "councillor"',
        'name = "Helen Moss"\nrole = "councillor"\nemail = "helen.moss@example.org"',
    )
    + f"""
[[members]]
telegram_id = {NON_HOST}
name = "Tom Reed"
role = "councillor"
email = "tom.reed@example.org"

[zoom]
live_action = "delete"
"""
)


@dataclass
class ZoomBot:
    """The running bot, the fakes, and where Zoom delivers webhooks."""

    bot: RunningBot
    telegram: FakeTelegram
    zoom: FakeZoom
    webhook_url: str
    database_url: str


@pytest.fixture
async def zoom_bot(
    tmp_path: Path,
    fake_telegram: FakeTelegram,
    fake_zoom: FakeZoom,
    engine: PolicyEngine,
    database_url: str,
) -> AsyncIterator[ZoomBot]:
    fake_zoom.add_meeting(
        MEETING, host_id="h-helen", host_email="Helen.Moss@example.org", uuid=UUID
    )
    fake_zoom.add_meeting(OFFICIAL_MEETING, host_id="h-clerk", host_email="clerk@example.org")
    fake_zoom.add_meeting(UNENABLED, host_id="h-helen", host_email="helen.moss@example.org")
    settings = make_settings(
        tmp_path,
        fake_telegram,
        database_url,
        zoom_account_id=ACCOUNT_ID,
        zoom_client_id=CLIENT_ID,
        zoom_client_secret=SecretStr(CLIENT_SECRET),
        zoom_webhook_secret_token=SecretStr(WEBHOOK_SECRET),
        zoom_api_base_url=fake_zoom.api_base_url,
        zoom_oauth_url=fake_zoom.oauth_url,
    )
    settings.council_config.write_text(COUNCIL, encoding="utf-8")
    bot = await start_bot(settings, fake_telegram, engine)
    await fake_telegram.wait_for("getUpdates", timeout=10)
    root = f"http://127.0.0.1:{settings.http_port}"
    await _wait_until_up(f"{root}/healthz")
    yield ZoomBot(bot, fake_telegram, fake_zoom, f"{root}/zoom/webhook", database_url)
    await stop_bot(bot)


async def _wait_until_up(url: str) -> None:
    deadline = time.monotonic() + 10
    async with httpx.AsyncClient() as client:
        while True:
            try:
                if (await client.get(url)).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise AssertionError("the HTTP server did not start")
            await asyncio.sleep(0.05)


def _to(chat_id: int, *words: str) -> Callable[[Call], bool]:
    def matches(call: Call) -> bool:
        text = str(call.params.get("text", ""))
        return str(call.params.get("chat_id")) == str(chat_id) and all(w in text for w in words)

    return matches


async def _command(zb: ZoomBot, user: int, text: str, *expected: str) -> Call:
    zb.telegram.push_update(zb.telegram.message_update(user, user, text, chat_type="private"))
    return await zb.telegram.wait_for("sendMessage", _to(user, *expected), timeout=10)


async def test_when_the_host_enables_then_it_is_accepted_and_a_non_host_is_refused(
    zoom_bot: ZoomBot,
) -> None:
    await _command(zoom_bot, NON_HOST, f"/zoom enable {MEETING}", "hosted by someone else")
    await _command(
        zoom_bot,
        COUNCILLOR,
        f"/zoom enable https://us02web.zoom.us/j/{MEETING}?pwd=abc",
        "Checking the chat of meeting",
        MEETING,
    )
    await _command(zoom_bot, COUNCILLOR, "/zoom list", MEETING)
    reply = await _command(zoom_bot, NON_HOST, "/zoom list", "No Zoom meetings")
    assert MEETING not in reply.params["text"]


@pytest.mark.parametrize("officer", [CLERK, CHAIR], ids=["clerk", "chair"])
async def test_when_the_clerk_or_chair_enables_a_meeting_they_do_not_host_then_it_is_accepted(
    zoom_bot: ZoomBot, officer: int
) -> None:
    await _command(
        zoom_bot, officer, f"/zoom enable {MEETING} official", "official meeting", MEETING
    )


async def test_when_a_chat_message_breaches_then_the_host_is_alerted_and_it_is_deleted(
    zoom_bot: ZoomBot,
) -> None:
    await _command(zoom_bot, COUNCILLOR, f"/zoom enable {MEETING}", "Checking the chat")
    started = meeting_event("meeting.started", meeting_id=MEETING, uuid=UUID, host_id="h-helen")
    assert (await zoom_bot.zoom.deliver_webhook(zoom_bot.webhook_url, started)).status_code == 200
    event = chat_message_event(
        meeting_id=MEETING, uuid=UUID, text="ring Mrs Thornton on 07911 123456", message_id="m-77"
    )
    sent = time.monotonic()
    response = await zoom_bot.zoom.deliver_webhook(zoom_bot.webhook_url, event)
    assert response.status_code == 200
    alert = await zoom_bot.telegram.wait_for(
        "sendMessage",
        _to(COUNCILLOR, "breaks the council's policy"),
        timeout=10,
    )
    assert alert.at - sent < 5
    text = alert.params["text"]
    assert "Alex Turner" in text
    assert "07911 123456" not in text  # the finding is masked
    assert "Policy:" in text
    assert "deleted it" in text
    delete = await zoom_bot.zoom.wait_for(lambda c: c.method == "DELETE")
    assert delete.path == f"/v2/live_meetings/{MEETING}/chat/messages/m-77"


async def test_when_a_recording_completes_then_the_host_and_clerk_get_the_chat_report(
    zoom_bot: ZoomBot,
) -> None:
    await _command(zoom_bot, CLERK, f"/zoom enable {OFFICIAL_MEETING} official", "official meeting")
    chat = (
        "\ufeff00:01:05\tAlex Turner:\tgood evening all\n"
        "00:02:10\tAlex Turner:\temail me at jane.doe@gmail.com please\n"
    ).encode()
    recording = zoom_bot.zoom.add_recording(
        OFFICIAL_UUID, OFFICIAL_MEETING, host_id="h-clerk", chat=chat
    )
    token = zoom_bot.zoom.new_download_token()
    event = recording_completed_event(recording, download_token=token)
    response = await zoom_bot.zoom.deliver_webhook(zoom_bot.webhook_url, event)
    assert response.status_code == 200
    report = await zoom_bot.telegram.wait_for(
        "sendMessage",
        _to(CLERK, "chat report", "2 messages checked"),
        timeout=15,
    )
    assert "jane.doe@gmail.com" not in report.params["text"]
    assert "Alex Turner" in report.params["text"]
    download = await zoom_bot.zoom.wait_for(lambda c: c.path.startswith("/rec/download/"))
    # The file is fetched with the event's own download token, not the app's OAuth token.
    assert download.authorization == f"Bearer {token}"
    keys = await _record_keys(zoom_bot.database_url)
    assert {f"zoom:{OFFICIAL_UUID}:chat:1", f"zoom:{OFFICIAL_UUID}:chat:2"} <= set(keys)


async def _record_keys(url: str) -> list[str]:
    database = Database(url)
    deadline = time.monotonic() + 10
    try:
        while True:
            keys = database.call(
                lambda s: list(
                    s.scalars(select(RecordEntry.entry_key).where(RecordEntry.kind == "meeting"))
                )
            )
            if len(keys) >= 2 or time.monotonic() > deadline:
                return keys
            await asyncio.sleep(0.1)
    finally:
        database.dispose()


async def test_when_a_meeting_was_not_enabled_then_its_events_are_not_processed(
    zoom_bot: ZoomBot,
) -> None:
    before_zoom = len(zoom_bot.zoom.calls)
    event = chat_message_event(meeting_id=UNENABLED, uuid="u-x==", text="call 07911 123456")
    recording = zoom_bot.zoom.add_recording("u-x==", UNENABLED, host_id="h-helen", chat=b"x")
    done = recording_completed_event(recording, download_token=zoom_bot.zoom.new_download_token())
    for body in (event, done):
        assert (await zoom_bot.zoom.deliver_webhook(zoom_bot.webhook_url, body)).status_code == 200
    await asyncio.sleep(1.0)
    assert len(zoom_bot.zoom.calls) == before_zoom
    assert not [
        c for c in zoom_bot.telegram.calls_to("sendMessage") if "Zoom" in str(c.params["text"])
    ]


async def test_when_a_webhook_is_forged_then_it_is_refused_and_nothing_happens(
    zoom_bot: ZoomBot,
) -> None:
    await _command(zoom_bot, COUNCILLOR, f"/zoom enable {MEETING}", "Checking the chat")
    event = chat_message_event(meeting_id=MEETING, uuid=UUID, text="call 07911 123456")
    response = await zoom_bot.zoom.deliver_webhook(zoom_bot.webhook_url, event, secret="wrong")
    assert response.status_code == 401
    await asyncio.sleep(0.5)
    assert not zoom_bot.telegram.calls_to("sendMessage")[-1].params["text"].startswith("Zoom")


@pytest.mark.parametrize("asker", [COUNCILLOR, CHAIR])
async def test_when_zoom_is_not_configured_then_enable_says_so_plainly(
    polling_bot: RunningBot, asker: int
) -> None:
    """Plain words for whoever asks: setting names are for whoever runs the bot, not the chat."""
    fake = polling_bot.fake
    fake.push_update(
        fake.message_update(asker, asker, f"/zoom enable {MEETING}", chat_type="private")
    )
    reply = await fake.wait_for("sendMessage", _to(asker, "Zoom is not set up"))
    text = reply.params["text"]
    assert "ZOOM_" not in text
    assert "OAuth" not in text
    assert "looks after the bot" in text
