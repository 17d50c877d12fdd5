"""The Zoom gateway against the loopback fake Zoom API (real HTTP, zoomus and httpx)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable

import pytest

from integrations.zoom.errors import (
    ZoomCredentialsError,
    ZoomError,
    ZoomFileTooLargeError,
    ZoomForbiddenError,
    ZoomNotConfiguredError,
    ZoomNotFoundError,
    ZoomUnavailableError,
)
from integrations.zoom.gateway import ZoomGateway, encode_uuid
from testing.fakes.zoom import ACCOUNT_ID, CLIENT_ID, CLIENT_SECRET, FakeZoom

MEETING = "85746065432"
HOST = "host-1"


class Clock:
    """A monotonic clock the test moves."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def make_gateway(fake: FakeZoom, **options: object) -> ZoomGateway:
    values: dict[str, object] = {
        "account_id": ACCOUNT_ID,
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "api_base_url": fake.api_base_url,
        "oauth_url": fake.oauth_url,
        **options,
    }
    return ZoomGateway(**values)  # type: ignore[arg-type]


@pytest.fixture
async def gateway(fake_zoom: FakeZoom) -> AsyncIterator[ZoomGateway]:
    fake_zoom.add_meeting(MEETING, host_id=HOST, host_email="Host@Example.org")
    zoom = make_gateway(fake_zoom)
    yield zoom
    await zoom.aclose()


def never_bearer_none(fake: FakeZoom) -> bool:
    return all(c.authorization not in {"Bearer None", "Bearer ", "Bearer"} for c in fake.calls)


async def test_when_a_meeting_is_read_then_it_comes_back_as_our_dataclass(
    gateway: ZoomGateway, fake_zoom: FakeZoom
) -> None:
    meeting = await gateway.meeting(MEETING)
    assert (meeting.id, meeting.host_id, meeting.host_email) == (MEETING, HOST, "Host@Example.org")
    assert meeting.topic == "Full Council"
    assert meeting.start_time is not None
    assert meeting.start_time.tzinfo is not None
    token_call = fake_zoom.token_calls()[0]
    assert token_call.authorization.startswith("Basic ")
    assert fake_zoom.api_calls()[0].authorization == "Bearer tok-1"


async def test_when_the_meeting_lacks_the_host_email_then_the_host_user_is_read(
    fake_zoom: FakeZoom,
) -> None:
    fake_zoom.add_meeting("111222333", host_id="h2", host_email=None)
    fake_zoom.add_user("h2", "second.host@example.org")
    zoom = make_gateway(fake_zoom)
    try:
        meeting = await zoom.meeting("111222333")
    finally:
        await zoom.aclose()
    assert meeting.host_email == "second.host@example.org"
    assert [c.path for c in fake_zoom.api_calls()] == ["/v2/meetings/111222333", "/v2/users/h2"]


async def test_when_calls_follow_each_other_then_one_token_serves_them(
    gateway: ZoomGateway, fake_zoom: FakeZoom
) -> None:
    for _ in range(3):
        await gateway.meeting(MEETING)
    assert len(fake_zoom.token_calls()) == 1


async def test_when_the_token_nears_expiry_then_it_is_refreshed_before_zoom_refuses_it(
    fake_zoom: FakeZoom,
) -> None:
    fake_zoom.add_meeting(MEETING, host_id=HOST, host_email="h@example.org")
    clock = Clock()
    zoom = make_gateway(fake_zoom, clock=clock)
    try:
        await zoom.meeting(MEETING)
        clock.now += 3600 - 299  # inside the five minutes before the hour is up
        await zoom.meeting(MEETING)
    finally:
        await zoom.aclose()
    assert len(fake_zoom.token_calls()) == 2
    assert [c.authorization for c in fake_zoom.api_calls()] == ["Bearer tok-1", "Bearer tok-2"]


async def test_when_a_short_lived_token_runs_out_then_a_new_one_is_used_without_a_401(
    fake_zoom: FakeZoom,
) -> None:
    fake_zoom.add_meeting(MEETING, host_id=HOST, host_email="h@example.org")
    fake_zoom.token_lifetime = 1
    zoom = make_gateway(fake_zoom)
    try:
        await zoom.meeting(MEETING)
        await asyncio.sleep(1.1)
        await zoom.meeting(MEETING)
    finally:
        await zoom.aclose()
    assert len(fake_zoom.token_calls()) == 2
    assert len(fake_zoom.api_calls()) == 2  # no call was refused


async def test_when_zoom_answers_401_then_the_token_is_refreshed_once_and_the_call_retried(
    gateway: ZoomGateway, fake_zoom: FakeZoom
) -> None:
    await gateway.meeting(MEETING)
    fake_zoom.fail_next(401, code=124, message="Invalid access token.")
    meeting = await gateway.meeting(MEETING)
    assert meeting.id == MEETING
    assert len(fake_zoom.token_calls()) == 2
    assert len(fake_zoom.api_calls()) == 3


async def test_when_zoom_answers_401_twice_then_our_error_is_raised_after_one_refresh(
    gateway: ZoomGateway, fake_zoom: FakeZoom
) -> None:
    fake_zoom.fail_next(401, times=5)
    with pytest.raises(ZoomCredentialsError):
        await gateway.meeting(MEETING)
    assert len(fake_zoom.token_calls()) == 2
    assert len(fake_zoom.api_calls()) == 2


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda f: setattr(f, "client_secret", "other"), id="wrong secret"),
        pytest.param(lambda f: setattr(f, "account_id", "other"), id="wrong account"),
    ],
)
async def test_when_the_credentials_are_refused_then_our_error_and_no_bearer_none_is_sent(
    fake_zoom: FakeZoom, change: Callable[[FakeZoom], None]
) -> None:
    fake_zoom.add_meeting(MEETING, host_id=HOST, host_email="h@example.org")
    change(fake_zoom)
    zoom = make_gateway(fake_zoom)
    try:
        with pytest.raises(ZoomCredentialsError) as raised:
            await zoom.meeting(MEETING)
        with pytest.raises(ZoomCredentialsError):
            await zoom.delete_chat_message(MEETING, "m1")
    finally:
        await zoom.aclose()
    assert CLIENT_SECRET not in str(raised.value)
    assert "ZOOM_CLIENT_SECRET" in str(raised.value)
    assert fake_zoom.api_calls() == []
    assert never_bearer_none(fake_zoom)


def test_when_credentials_are_missing_then_the_gateway_says_zoom_is_not_configured() -> None:
    with pytest.raises(ZoomNotConfiguredError):
        ZoomGateway(account_id="", client_id="c", client_secret="s")


async def test_when_the_token_endpoint_is_slow_then_the_call_times_out_with_our_error(
    fake_zoom: FakeZoom,
) -> None:
    zoom = make_gateway(fake_zoom, timeout=0.3)
    fake_zoom.delay_next(1.5)
    try:
        with pytest.raises(ZoomUnavailableError):
            await zoom.meeting(MEETING)
    finally:
        await zoom.aclose()


async def test_when_the_api_is_slow_then_the_zoomus_call_times_out_with_our_error(
    fake_zoom: FakeZoom,
) -> None:
    fake_zoom.add_meeting(MEETING, host_id=HOST, host_email="h@example.org")
    zoom = make_gateway(fake_zoom, timeout=0.5)
    try:
        await zoom.meeting(MEETING)  # the token is in hand; now the API itself is slow
        fake_zoom.delay_next(2.5)
        with pytest.raises(ZoomUnavailableError):
            await zoom.meeting(MEETING)
    finally:
        await zoom.aclose()


async def test_when_the_httpx_call_is_slow_then_it_times_out_with_our_error(
    gateway: ZoomGateway, fake_zoom: FakeZoom
) -> None:
    zoom = make_gateway(fake_zoom, timeout=0.3)
    try:
        await zoom.meeting(MEETING)
        fake_zoom.delay_next(1.5)
        with pytest.raises(ZoomUnavailableError):
            await zoom.delete_chat_message(MEETING, "m1")
    finally:
        await zoom.aclose()


@pytest.mark.parametrize(
    ("status", "error"),
    [
        (404, ZoomNotFoundError),
        (403, ZoomForbiddenError),
        (500, ZoomUnavailableError),
        (429, ZoomUnavailableError),
    ],
)
async def test_when_zoom_answers_non_2xx_then_our_error_is_raised(
    gateway: ZoomGateway, fake_zoom: FakeZoom, status: int, error: type[ZoomError]
) -> None:
    fake_zoom.fail_next(status, code=3001)
    with pytest.raises(error):
        await gateway.meeting(MEETING)


async def test_when_an_unknown_meeting_is_read_then_not_found_is_raised(
    gateway: ZoomGateway,
) -> None:
    with pytest.raises(ZoomNotFoundError):
        await gateway.meeting("999999999")


async def test_when_a_user_has_many_meetings_then_every_page_is_read(
    fake_zoom: FakeZoom,
) -> None:
    for n in range(650):
        fake_zoom.add_meeting(str(100_000_000 + n), host_id="busy", host_email=None)
    zoom = make_gateway(fake_zoom)
    try:
        meetings = await zoom.user_meetings("busy")
    finally:
        await zoom.aclose()
    assert len(meetings) == 650
    assert len({m.id for m in meetings}) == 650
    pages = [c for c in fake_zoom.api_calls() if c.path == "/v2/users/busy/meetings"]
    assert len(pages) == 3
    assert pages[1].query["next_page_token"] == "300"


@pytest.mark.parametrize(
    ("uuid", "encoded"),
    [
        ("/ajXp112QmuoKj4854875==", "%252FajXp112QmuoKj4854875%253D%253D"),
        ("ajXp11//2QmuoKj4854875==", "ajXp11%252F%252F2QmuoKj4854875%253D%253D"),
        ("4444AAAiAAAAAiAiAiiAii==", "4444AAAiAAAAAiAiAiiAii%3D%3D"),
    ],
)
def test_when_a_uuid_needs_it_then_it_is_encoded_twice(uuid: str, encoded: str) -> None:
    assert encode_uuid(uuid) == encoded


async def test_when_a_uuid_starts_with_a_slash_then_its_recording_is_still_found(
    gateway: ZoomGateway, fake_zoom: FakeZoom
) -> None:
    uuid = "/ajXp112QmuoKj4854875=="
    fake_zoom.add_recording(uuid, MEETING, host_id=HOST, chat=b"00:00:01\tA:\thi\n")
    recording = await gateway.recording(uuid)
    assert recording.uuid == uuid
    assert recording.chat_file is not None
    assert "%252F" in fake_zoom.api_calls()[-1].raw_path


async def test_when_a_chat_file_is_downloaded_with_a_download_token_then_redirects_are_followed(
    gateway: ZoomGateway, fake_zoom: FakeZoom
) -> None:
    recording = fake_zoom.add_recording("u1==", MEETING, host_id=HOST, chat=b"chat text")
    token = fake_zoom.new_download_token()
    url = recording["recording_files"][1]["download_url"]
    assert await gateway.download(url, download_token=token) == b"chat text"
    first = next(c for c in fake_zoom.calls if c.path.startswith("/rec/download/"))
    assert first.authorization == f"Bearer {token}"
    assert "access_token" not in first.query  # the token never goes into a logged URL
    assert fake_zoom.token_calls() == []


async def test_when_a_file_is_over_the_limit_then_it_is_refused(
    gateway: ZoomGateway, fake_zoom: FakeZoom
) -> None:
    recording = fake_zoom.add_recording("u2==", MEETING, host_id=HOST, chat=b"x" * 5000)
    url = recording["recording_files"][1]["download_url"]
    with pytest.raises(ZoomFileTooLargeError):
        await gateway.download(url, download_token=fake_zoom.new_download_token(), max_bytes=1000)


async def test_when_a_download_link_is_not_zoom_then_no_token_is_sent(
    gateway: ZoomGateway, fake_zoom: FakeZoom
) -> None:
    with pytest.raises(ZoomError):
        await gateway.download("https://evil.example/file", download_token="dl-secret")
    assert fake_zoom.calls == []


async def test_when_a_live_chat_message_is_deleted_or_rewritten_then_zoom_is_asked(
    gateway: ZoomGateway, fake_zoom: FakeZoom
) -> None:
    await gateway.delete_chat_message(MEETING, "msg-1")
    await gateway.update_chat_message(MEETING, "msg-2", "Call me on <PHONE_NUMBER>")
    delete, patch = fake_zoom.api_calls()
    assert (delete.method, delete.path) == (
        "DELETE",
        f"/v2/live_meetings/{MEETING}/chat/messages/msg-1",
    )
    assert (patch.method, patch.path) == (
        "PATCH",
        f"/v2/live_meetings/{MEETING}/chat/messages/msg-2",
    )
    assert patch.json() == {"message_content": "Call me on <PHONE_NUMBER>"}


async def test_when_the_account_lacks_chat_dlp_then_forbidden_is_raised(
    gateway: ZoomGateway, fake_zoom: FakeZoom
) -> None:
    fake_zoom.fail_next(403, code=4711, message="no in-meeting chat DLP")
    with pytest.raises(ZoomForbiddenError):
        await gateway.delete_chat_message(MEETING, "msg-1")
