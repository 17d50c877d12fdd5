"""The Zoom meeting registry on SQLite and PostgreSQL, with the gateway against the fake Zoom."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from chatbot.core.access import Role
from chatbot.db.database import Database
from chatbot.members.service import MemberView
from chatbot.zoom.registry import (
    MeetingView,
    ZoomRefusedError,
    ZoomRegistry,
    parse_meeting_reference,
)
from integrations.zoom.errors import ZoomNotConfiguredError
from integrations.zoom.gateway import ZoomGateway
from testing.fakes.zoom import ACCOUNT_ID, CLIENT_ID, CLIENT_SECRET, FakeZoom

MEETING = "85746065432"
UUID = "/sl4sh//uuid=="
HOST = MemberView(telegram_id=1004, name="Helen Moss", role=Role.COUNCILLOR, email="helen@x.org")
OTHER = MemberView(telegram_id=1005, name="Tom Reed", role=Role.COUNCILLOR, email="tom@x.org")
NO_EMAIL = MemberView(telegram_id=1006, name="Ann Lee", role=Role.COUNCILLOR)
CLERK = MemberView(telegram_id=1001, name="Jane Smith", role=Role.CLERK)
CHAIR = MemberView(telegram_id=1002, name="Peter Hughes", role=Role.CHAIR)
VICE = MemberView(telegram_id=1003, name="Vic Chair", role=Role.VICE_CHAIR, email="v@x.org")


@pytest.fixture
async def registry(database: Database, fake_zoom: FakeZoom) -> AsyncIterator[ZoomRegistry]:
    fake_zoom.add_meeting(MEETING, host_id="h1", host_email="Helen@X.org", uuid=UUID)
    gateway = ZoomGateway(
        account_id=ACCOUNT_ID,
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        api_base_url=fake_zoom.api_base_url,
        oauth_url=fake_zoom.oauth_url,
    )
    yield ZoomRegistry(database, gateway)
    await gateway.aclose()


@pytest.mark.parametrize(
    ("text", "meeting_id"),
    [
        ("85746065432", "85746065432"),
        ("857 4606 5432", "85746065432"),
        ("857-4606-5432", "85746065432"),
        ("https://us02web.zoom.us/j/85746065432?pwd=abcDEF", "85746065432"),
        ("https://zoom.us/w/85746065432", "85746065432"),
        ("zoommtg://zoom.us/join?action=join&confno=85746065432", "85746065432"),
        ("https://zoom.us/my/helen", None),
        ("1234", None),
        ("tomorrow", None),
    ],
)
def test_when_a_reference_is_given_then_the_meeting_id_is_read(
    text: str, meeting_id: str | None
) -> None:
    assert parse_meeting_reference(text) == meeting_id


async def test_when_the_host_enables_then_the_meeting_is_found_by_id_and_uuid(
    registry: ZoomRegistry,
) -> None:
    view = await registry.enable(member=HOST, reference=MEETING, official=True)
    expected = MeetingView(
        meeting_id=MEETING,
        topic="Full Council",
        host_email="Helen@X.org",
        host_telegram_id=HOST.telegram_id,
        official=True,
    )
    assert view == expected
    assert await registry.find(MEETING) == expected
    assert await registry.find(UUID) == expected


async def test_when_a_councillor_who_is_not_the_host_enables_then_it_is_refused(
    registry: ZoomRegistry,
) -> None:
    with pytest.raises(ZoomRefusedError, match="hosted by someone else"):
        await registry.enable(member=OTHER, reference=MEETING)
    with pytest.raises(ZoomRefusedError, match="No e-mail address"):
        await registry.enable(member=NO_EMAIL, reference=MEETING)
    with pytest.raises(ZoomRefusedError):
        await registry.enable(member=VICE, reference=MEETING)
    assert await registry.find(MEETING) is None


@pytest.mark.parametrize("admin", [CLERK, CHAIR], ids=["clerk", "chair"])
async def test_when_the_clerk_or_chair_enables_then_they_get_the_alerts(
    registry: ZoomRegistry, admin: MemberView
) -> None:
    view = await registry.enable(member=admin, reference=f"https://zoom.us/j/{MEETING}")
    assert view.host_telegram_id == admin.telegram_id
    assert view.official is False


async def test_when_zoom_has_no_such_meeting_then_the_refusal_says_so(
    registry: ZoomRegistry,
) -> None:
    with pytest.raises(ZoomRefusedError, match="no meeting 123456789"):
        await registry.enable(member=CLERK, reference="123456789")


async def test_when_zoom_is_not_configured_then_enable_says_so_plainly(database: Database) -> None:
    registry = ZoomRegistry(database, None)
    assert not registry.configured
    with pytest.raises(ZoomNotConfiguredError, match="not set up"):
        await registry.enable(member=CLERK, reference=MEETING)


async def test_when_a_meeting_is_disabled_then_it_is_no_longer_found(
    registry: ZoomRegistry,
) -> None:
    await registry.enable(member=HOST, reference=MEETING)
    with pytest.raises(ZoomRefusedError):
        await registry.disable(member=OTHER, meeting_id=MEETING)
    await registry.disable(member=HOST, meeting_id=MEETING)
    assert await registry.find(MEETING) is None
    assert await registry.find(UUID) is None
    assert await registry.list() == []
    with pytest.raises(ZoomRefusedError, match="not enabled"):
        await registry.disable(member=HOST, meeting_id=MEETING)


@pytest.mark.parametrize("admin", [CLERK, CHAIR], ids=["clerk", "chair"])
async def test_when_the_host_enables_an_official_meeting_again_then_it_stays_official(
    registry: ZoomRegistry, admin: MemberView
) -> None:
    await registry.enable(member=admin, reference=MEETING, official=True)
    with pytest.raises(ZoomRefusedError, match="Only the Clerk or the Chair can change that"):
        await registry.enable(member=HOST, reference=MEETING)
    with pytest.raises(ZoomRefusedError, match="Only the Clerk or the Chair can change that"):
        await registry.enable(member=HOST, reference=MEETING, official=True)
    view = await registry.find(MEETING)
    assert view is not None
    assert (view.official, view.host_telegram_id) == (True, admin.telegram_id)


async def test_when_the_host_disables_an_official_meeting_then_it_is_refused(
    registry: ZoomRegistry,
) -> None:
    await registry.enable(member=CLERK, reference=MEETING, official=True)
    with pytest.raises(ZoomRefusedError, match="only the Clerk or the Chair can stop checking"):
        await registry.disable(member=HOST, meeting_id=MEETING)
    view = await registry.find(MEETING)
    assert view is not None
    assert view.official


async def test_when_the_chair_changes_an_official_meeting_then_it_is_no_longer_official(
    registry: ZoomRegistry,
) -> None:
    await registry.enable(member=CLERK, reference=MEETING, official=True)
    view = await registry.enable(member=CHAIR, reference=MEETING)
    assert (view.official, view.host_telegram_id) == (False, CHAIR.telegram_id)
    await registry.enable(member=HOST, reference=MEETING)  # no longer official: the host may
    await registry.enable(member=CLERK, reference=MEETING, official=True)
    await registry.disable(member=CLERK, meeting_id=MEETING)
    assert await registry.find(MEETING) is None


async def test_when_the_host_enabled_a_meeting_then_they_may_enable_it_again(
    registry: ZoomRegistry,
) -> None:
    await registry.enable(member=HOST, reference=MEETING)
    view = await registry.enable(member=HOST, reference=MEETING, official=True)
    assert view.official


async def test_when_listing_then_councillors_see_their_own_and_the_clerk_sees_all(
    registry: ZoomRegistry, fake_zoom: FakeZoom
) -> None:
    fake_zoom.add_meeting("111222333", host_id="h2", host_email="tom@x.org")
    await registry.enable(member=HOST, reference=MEETING)
    await registry.enable(member=OTHER, reference="111222333")
    assert [v.meeting_id for v in await registry.list(member=HOST)] == [MEETING]
    assert {v.meeting_id for v in await registry.list(member=CLERK)} == {MEETING, "111222333"}


async def test_when_an_occurrence_starts_then_its_uuid_finds_the_meeting(
    registry: ZoomRegistry,
) -> None:
    await registry.enable(member=HOST, reference=MEETING)
    view = await registry.note_instance(meeting_id=MEETING, uuid="new-occ==", topic="Planning")
    assert view is not None
    assert view.topic == "Planning"
    found = await registry.find("new-occ==")
    assert found is not None
    assert found.meeting_id == MEETING


async def test_when_an_unenabled_meeting_starts_then_nothing_is_stored(
    registry: ZoomRegistry,
) -> None:
    assert await registry.note_instance(meeting_id="999888777", uuid="x==") is None
    assert await registry.find("x==") is None
    assert await registry.find("999888777") is None
