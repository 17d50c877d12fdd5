"""Zoom's events for enabled meetings: live alerts and DLP actions, chat reports, the record."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from chatbot.core.access import Role
from chatbot.core.actions import Action, Outcome, Send
from chatbot.db.database import Database
from chatbot.db.models import Member, RecordEntry
from chatbot.members.service import MemberService, MemberView
from chatbot.record.service import RecordService
from chatbot.zoom.events import LiveAction, ZoomEvents
from chatbot.zoom.outbox import ZoomOutbox
from chatbot.zoom.registry import ZoomRegistry
from integrations.zoom.gateway import ZoomGateway
from policy_checks import PolicyEngine
from testing.fakes.zoom import (
    ACCOUNT_ID,
    CLIENT_ID,
    CLIENT_SECRET,
    FakeZoom,
    chat_message_event,
    meeting_event,
    recording_completed_event,
)

MEETING, UUID = "85746065432", "occ-1=="
HOST = MemberView(telegram_id=1004, name="Helen Moss", role=Role.COUNCILLOR, email="h@x.org")
CLERK_ID = 1001


@dataclass
class Sent:
    """An outbox keeping the private messages the events sent: (telegram id, text).

    Actions on the meeting's chat go to the real Zoom outbox, against the fake Zoom API.
    """

    zoom: ZoomOutbox
    messages: list[tuple[int, str]] = field(default_factory=list)

    async def do(self, action: Action) -> Outcome:
        if isinstance(action, Send):
            self.messages.append((action.chat_id, action.text))
            return Outcome.ok()
        return await self.zoom.do(action)

    async def fetch(self, file_id: str, *, limit: int) -> bytes | None:
        return None

    def private_chat_url(self) -> str:
        return ""


@dataclass
class Setup:
    registry: ZoomRegistry
    gateway: ZoomGateway
    database: Database
    sent: Sent
    engine: PolicyEngine

    def events(self, *, live_action: LiveAction = "none") -> ZoomEvents:
        return ZoomEvents(
            registry=self.registry,
            gateway=self.gateway,
            engine=self.engine,
            record=RecordService(self.database),
            members=MemberService(self.database),
            zone=ZoneInfo("Europe/London"),
            live_action=live_action,
            outbox=self.sent,
        )

    def record_keys(self) -> list[str]:
        return self.database.call(
            lambda s: list(s.scalars(select(RecordEntry.entry_key).order_by(RecordEntry.seq)))
        )


@pytest.fixture
async def setup(
    database: Database, fake_zoom: FakeZoom, engine: PolicyEngine
) -> AsyncIterator[Setup]:
    database.call(lambda s: s.add(Member(telegram_id=CLERK_ID, name="Jane Smith", role="clerk")))
    fake_zoom.add_meeting(MEETING, host_id="h1", host_email="h@x.org", uuid=UUID)
    gateway = ZoomGateway(
        account_id=ACCOUNT_ID,
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        api_base_url=fake_zoom.api_base_url,
        oauth_url=fake_zoom.oauth_url,
    )
    yield Setup(
        ZoomRegistry(database, gateway), gateway, database, Sent(ZoomOutbox(gateway)), engine
    )
    await gateway.aclose()


def _payload(event: dict[str, object]) -> dict[str, object]:
    payload = event["payload"]
    assert isinstance(payload, dict)
    return payload


async def test_when_live_action_is_redact_then_the_message_is_rewritten_redacted(
    setup: Setup, fake_zoom: FakeZoom
) -> None:
    await setup.registry.enable(member=HOST, reference=MEETING)
    event = chat_message_event(
        meeting_id=MEETING, uuid=UUID, text="email me at jane.doe@gmail.com", message_id="m1"
    )
    await setup.events(live_action="redact").on_event(event["event"], _payload(event))
    patch = next(c for c in fake_zoom.api_calls() if c.method == "PATCH")
    assert "jane.doe@gmail.com" not in patch.json()["message_content"]
    ((to, text),) = setup.sent.messages
    assert to == HOST.telegram_id
    assert "rewrote it" in text


async def test_when_the_account_lacks_chat_dlp_then_the_alert_says_the_message_remains(
    setup: Setup, fake_zoom: FakeZoom
) -> None:
    await setup.registry.enable(member=HOST, reference=MEETING)
    fake_zoom.fail_next(403, code=4711)
    event = chat_message_event(meeting_id=MEETING, uuid=UUID, text="ring 07911 123456")
    await setup.events(live_action="delete").on_event(event["event"], _payload(event))
    ((_, text),) = setup.sent.messages
    assert "still in the meeting chat" in text
    assert "07911 123456" not in text


async def test_when_a_message_is_clean_then_nobody_is_alerted(setup: Setup) -> None:
    await setup.registry.enable(member=HOST, reference=MEETING)
    event = chat_message_event(meeting_id=MEETING, uuid=UUID, text="Agenda item 4 next")
    await setup.events().on_event(event["event"], _payload(event))
    assert setup.sent.messages == []


async def test_when_an_official_meeting_chats_then_each_message_goes_on_the_record_once(
    setup: Setup,
) -> None:
    await setup.registry.enable(member=HOST, reference=MEETING, official=True)
    event = chat_message_event(meeting_id=MEETING, uuid=UUID, text="I second the motion")
    events = setup.events()
    for _ in range(2):
        await events.on_event(event["event"], _payload(event))
    assert setup.record_keys() == [f"zoom:{UUID}:msg-1"]


async def test_when_an_occurrence_started_then_its_uuid_alone_finds_the_meeting(
    setup: Setup,
) -> None:
    await setup.registry.enable(member=HOST, reference=MEETING)
    started = meeting_event("meeting.started", meeting_id=MEETING, uuid="occ-2==", host_id="h1")
    events = setup.events()
    await events.on_event(started["event"], _payload(started))
    found = await setup.registry.find("occ-2==")
    assert found is not None
    assert found.meeting_id == MEETING


async def test_when_the_payload_carries_the_download_token_then_it_is_used(
    setup: Setup, fake_zoom: FakeZoom
) -> None:
    await setup.registry.enable(member=HOST, reference=MEETING, official=True)
    recording = fake_zoom.add_recording(
        UUID, MEETING, host_id="h1", chat=b"00:00:05\tAlex Turner:\tcall 07911 123456\n"
    )
    token = fake_zoom.new_download_token()
    event = recording_completed_event(recording, download_token=token)
    payload = {**_payload(event), "download_token": token}
    await setup.events().on_event("recording.completed", payload)
    download = next(c for c in fake_zoom.calls if c.path.startswith("/rec/download/"))
    assert download.authorization == f"Bearer {token}"
    assert {to for to, _ in setup.sent.messages} == {HOST.telegram_id, CLERK_ID}
    assert all("07911 123456" not in text for _, text in setup.sent.messages)
    assert setup.record_keys() == [f"zoom:{UUID}:chat:1"]


async def test_when_the_chat_file_cannot_be_fetched_then_the_host_is_told(
    setup: Setup, fake_zoom: FakeZoom
) -> None:
    await setup.registry.enable(member=HOST, reference=MEETING)
    recording = fake_zoom.add_recording(UUID, MEETING, host_id="h1", chat=b"x")
    recording["recording_files"][1]["download_url"] = f"{fake_zoom.root}/rec/download/missing"
    event = recording_completed_event(recording, download_token="dl-unknown")
    payload = {**_payload(event), "download_token": "dl-unknown"}
    await setup.events().on_event("recording.completed", payload)
    ((to, text),) = setup.sent.messages
    assert to == HOST.telegram_id
    assert "could not fetch the chat" in text
