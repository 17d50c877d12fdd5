"""Our typed async gateway to the Zoom REST API (Server-to-Server OAuth).

zoomus 1.2.1 does the calls it supports (meetings, a user's meetings, a meeting's recordings),
each in a worker thread; httpx does what zoomus cannot (users, in-meeting chat DLP, file
downloads). The gateway absorbs zoomus's defects:

- the token is fetched here, with a timeout, refreshed ahead of expiry and once on a 401
  (zoomus fetches it once, in its constructor, with no timeout, and never refreshes it);
- a refused token request raises :class:`ZoomCredentialsError`: no request ever goes out as
  ``Bearer None``;
- every call has a deadline; raw responses become our dataclasses and non-2xx statuses raise
  our errors (zoomus returns ``requests.Response`` and never raises);
- lists are read page by page (``next_page_token``);
- meeting UUIDs that start with ``/`` or contain ``//`` are double URL-encoded (zoomus's
  ``recording.get`` puts them in the path as they are).

zoomus is reached only through :class:`_Zoomus`, so it can be replaced without touching callers.
"""

from __future__ import annotations

import asyncio
import json
import logging
import math
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from typing import Any, Final
from urllib.parse import quote, urlsplit

import httpx
import requests
from zoomus.components.meeting import MeetingComponentV2
from zoomus.components.recording import RecordingComponentV2
from zoomus.util import API_VERSION_2

from integrations.zoom.errors import (
    ZoomApiError,
    ZoomCredentialsError,
    ZoomError,
    ZoomFileTooLargeError,
    ZoomForbiddenError,
    ZoomNotConfiguredError,
    ZoomNotFoundError,
    ZoomUnavailableError,
)

logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT_S: Final[float] = 10.0
REFRESH_AHEAD_S: Final[float] = 300.0  # a token is renewed this long before it expires …
REFRESH_AHEAD_SHARE: Final[float] = 0.1  # … or this share of its lifetime, if that is shorter
DEFAULT_TOKEN_LIFETIME_S: Final[float] = 3600.0
MAX_DOWNLOAD_BYTES: Final[int] = 20_000_000
MAX_REDIRECTS: Final[int] = 5
PAGE_SIZE: Final[int] = 300
MAX_PAGES: Final[int] = 100  # a guard against a server that never stops paging
_THREAD_GRACE_S: Final[float] = 1.0  # zoomus's own timeout fires first; this bounds a slow drip
_HTTP_UNAUTHORIZED: Final[int] = 401
_HTTP_FORBIDDEN: Final[int] = 403
_HTTP_NOT_FOUND: Final[int] = 404
_HTTP_TOO_MANY: Final[int] = 429
_HTTP_SERVER_ERROR: Final[int] = 500
_ZOOM_DOMAIN: Final[str] = "zoom.us"


# what the gateway returns ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Meeting:
    """A Zoom meeting (``host_email`` is empty only in lists, where Zoom leaves it out)."""

    id: str
    uuid: str
    topic: str
    host_id: str
    host_email: str
    join_url: str = ""
    start_time: datetime | None = None


@dataclass(frozen=True, slots=True)
class ZoomUser:
    """A Zoom user of the account."""

    id: str
    email: str


@dataclass(frozen=True, slots=True)
class RecordingFile:
    """One file of a cloud recording (``file_type`` is ``CHAT`` for the meeting's chat)."""

    id: str
    file_type: str
    download_url: str
    file_size: int = 0
    recording_start: datetime | None = None


@dataclass(frozen=True, slots=True)
class Recording:
    """A meeting instance's cloud recording."""

    uuid: str
    meeting_id: str
    topic: str
    host_id: str
    files: tuple[RecordingFile, ...] = ()

    @property
    def chat_file(self) -> RecordingFile | None:
        """The meeting chat's file, if the recording has one."""
        return next((f for f in self.files if f.file_type.upper() == "CHAT"), None)


# conversion at the boundary --------------------------------------------------------------


def text_field(raw: Mapping[str, Any], key: str) -> str:
    """A field of a Zoom object as text (missing: empty)."""
    value = raw.get(key)
    return "" if value is None else str(value)


def moment_field(value: object) -> datetime | None:
    """A Zoom timestamp (ISO 8601, ``Z`` or an offset; Zoom's times without one are UTC)."""
    if not isinstance(value, str) or not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def meeting_from(raw: Mapping[str, Any]) -> Meeting:
    """A meeting from Zoom's JSON (``GET /meetings/{id}`` or an item of a list)."""
    return Meeting(
        id=text_field(raw, "id"),
        uuid=text_field(raw, "uuid"),
        topic=text_field(raw, "topic"),
        host_id=text_field(raw, "host_id"),
        host_email=text_field(raw, "host_email"),
        join_url=text_field(raw, "join_url"),
        start_time=moment_field(raw.get("start_time")),
    )


def recording_file_from(raw: Mapping[str, Any]) -> RecordingFile:
    """A recording file from Zoom's JSON (an API answer or a webhook's ``recording_files``)."""
    size = raw.get("file_size")
    return RecordingFile(
        id=text_field(raw, "id"),
        file_type=text_field(raw, "file_type"),
        download_url=text_field(raw, "download_url"),
        file_size=size if isinstance(size, int) else 0,
        recording_start=moment_field(raw.get("recording_start")),
    )


def recording_from(raw: Mapping[str, Any]) -> Recording:
    """A recording from Zoom's JSON (an API answer or a webhook's ``payload.object``)."""
    files = raw.get("recording_files")
    return Recording(
        uuid=text_field(raw, "uuid"),
        meeting_id=text_field(raw, "id"),
        topic=text_field(raw, "topic"),
        host_id=text_field(raw, "host_id"),
        files=tuple(recording_file_from(f) for f in files if isinstance(f, Mapping))
        if isinstance(files, list)
        else (),
    )


def encode_uuid(value: str) -> str:
    """A meeting id or UUID as one path segment; Zoom wants some UUIDs encoded twice."""
    once = quote(value, safe="")
    return quote(once, safe="") if value.startswith("/") or "//" in value else once


# the transport -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Reply:
    status: int
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body) if self.body else {}


class _Zoomus:
    """The zoomus components councilbot uses, sharing one config whose token we own.

    Built directly rather than through ``ZoomClient``, whose constructor fetches a token with
    no timeout; zoomus reads ``config["token"]`` when it builds each request's header.
    """

    def __init__(self, *, base_url: str, timeout: float) -> None:
        self.config: dict[str, Any] = {"version": API_VERSION_2, "token": ""}
        seconds = max(1, math.ceil(timeout))  # zoomus keeps whole seconds only
        self.meeting = MeetingComponentV2(base_uri=base_url, config=self.config, timeout=seconds)
        self.recording = RecordingComponentV2(
            base_uri=base_url, config=self.config, timeout=seconds
        )


class ZoomGateway:
    """Zoom's REST API as councilbot needs it. Build once at start-up; :meth:`aclose` at the end."""

    def __init__(
        self,
        *,
        account_id: str,
        client_id: str,
        client_secret: str,
        api_base_url: str = "https://api.zoom.us/v2",
        oauth_url: str = "https://zoom.us/oauth/token",
        timeout: float = DEFAULT_TIMEOUT_S,
        max_download_bytes: int = MAX_DOWNLOAD_BYTES,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if not (account_id and client_id and client_secret):
            raise ZoomNotConfiguredError(
                "Zoom is not configured: set ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID and "
                "ZOOM_CLIENT_SECRET."
            )
        self._account_id = account_id
        self._client_id = client_id
        self._client_secret = client_secret
        self._base = api_base_url.rstrip("/")
        self._oauth_url = oauth_url
        self._timeout = timeout
        self._max_download = max_download_bytes
        self._clock = clock
        self._token: str | None = None
        self._expires_at = 0.0
        self._refresh_at = 0.0
        self._token_lock = asyncio.Lock()
        self._zoomus = _Zoomus(base_url=self._base, timeout=timeout)
        self._http = httpx.AsyncClient(
            timeout=httpx.Timeout(timeout), follow_redirects=False, max_redirects=MAX_REDIRECTS
        )

    async def aclose(self) -> None:
        """Close the HTTP client."""
        await self._http.aclose()

    # the API ---------------------------------------------------------------------------

    async def meeting(self, meeting_id: str) -> Meeting:
        """A meeting by its id, with its host's e-mail (looked up when Zoom leaves it out)."""
        ident = encode_uuid(meeting_id)
        reply = await self._zoomus_call(
            "read the meeting", lambda: self._zoomus.meeting.get(id=ident)
        )
        meeting = meeting_from(self._object(reply, "read the meeting"))
        if not meeting.host_email and meeting.host_id:
            host = await self.user(meeting.host_id)
            meeting = Meeting(
                id=meeting.id,
                uuid=meeting.uuid,
                topic=meeting.topic,
                host_id=meeting.host_id,
                host_email=host.email,
                join_url=meeting.join_url,
                start_time=meeting.start_time,
            )
        return meeting

    async def user_meetings(self, user_id: str, *, kind: str = "scheduled") -> list[Meeting]:
        """Every meeting of a user, all pages read."""
        meetings: list[Meeting] = []
        page_token = ""
        for _ in range(MAX_PAGES):
            params: dict[str, Any] = {"user_id": user_id, "type": kind, "page_size": PAGE_SIZE}
            if page_token:
                params["next_page_token"] = page_token
            reply = await self._zoomus_call("list the meetings", partial(self._list, params))
            page = self._object(reply, "list the meetings")
            items = page.get("meetings")
            if isinstance(items, list):
                meetings += [meeting_from(m) for m in items if isinstance(m, Mapping)]
            page_token = text_field(page, "next_page_token")
            if not page_token:
                return meetings
        logger.warning("zoom meetings list stopped after %s pages", MAX_PAGES)
        return meetings

    def _list(self, params: dict[str, Any]) -> requests.Response:
        return self._zoomus.meeting.list(**params)  # type: ignore[no-any-return]

    async def recording(self, meeting_uuid: str) -> Recording:
        """The cloud recording of one meeting instance (by UUID) or the latest (by id)."""
        ident = encode_uuid(meeting_uuid)
        reply = await self._zoomus_call(
            "read the recording", lambda: self._zoomus.recording.get(meeting_id=ident)
        )
        return recording_from(self._object(reply, "read the recording"))

    async def user(self, user_id: str) -> ZoomUser:
        """A user of the account (``me`` is the app's own user)."""
        reply = await self._http_call(
            "read the user", "GET", f"{self._base}/users/{quote(user_id, safe='')}"
        )
        raw = self._object(reply, "read the user")
        return ZoomUser(id=text_field(raw, "id"), email=text_field(raw, "email"))

    async def delete_chat_message(self, meeting_id: str, message_id: str) -> None:
        """Delete a message from a live meeting's chat (needs Zoom's in-meeting chat DLP)."""
        reply = await self._http_call(
            "delete the chat message", "DELETE", self._chat_url(meeting_id, message_id)
        )
        self._check(reply, "delete the chat message")

    async def update_chat_message(self, meeting_id: str, message_id: str, text: str) -> None:
        """Rewrite a message in a live meeting's chat (needs Zoom's in-meeting chat DLP)."""
        reply = await self._http_call(
            "rewrite the chat message",
            "PATCH",
            self._chat_url(meeting_id, message_id),
            body={"message_content": text},
        )
        self._check(reply, "rewrite the chat message")

    async def download(
        self, url: str, *, download_token: str = "", max_bytes: int | None = None
    ) -> bytes:
        """A recording file's bytes, with the webhook's ``download_token`` (else our token).

        Redirects are followed (Zoom answers with one to its storage); a file larger than
        ``max_bytes`` raises :class:`ZoomFileTooLargeError` without being read to the end.
        """
        self._check_download_url(url)
        limit = self._max_download if max_bytes is None else max_bytes
        if download_token:
            return await self._download(url, download_token, limit)
        for attempt in range(2):
            token = await self._access_token()
            try:
                return await self._download(url, token, limit)
            except ZoomApiError as exc:
                if exc.status != _HTTP_UNAUTHORIZED or attempt:
                    raise
                self._forget(token)
        raise AssertionError("unreachable")  # pragma: no cover

    # the token -------------------------------------------------------------------------

    async def _access_token(self) -> str:
        async with self._token_lock:
            if self._token is not None and self._clock() < self._refresh_at:
                return self._token
            self._token = None
            token, lifetime = await self._fetch_token()
            now = self._clock()
            self._token = token
            self._expires_at = now + lifetime
            self._refresh_at = self._expires_at - min(
                REFRESH_AHEAD_S, lifetime * REFRESH_AHEAD_SHARE
            )
            logger.info("zoom token obtained, valid %.0f s", lifetime)
            return token

    def _forget(self, token: str) -> None:
        """Drop ``token`` after a 401, unless another call already replaced it."""
        if self._token == token:
            self._token = None

    async def _fetch_token(self) -> tuple[str, float]:
        try:
            response = await self._http.post(
                self._oauth_url,
                data={"grant_type": "account_credentials", "account_id": self._account_id},
                auth=(self._client_id, self._client_secret),
            )
        except httpx.TimeoutException as exc:
            raise ZoomUnavailableError("Zoom's sign-in did not answer in time.") from exc
        except httpx.HTTPError as exc:
            raise ZoomUnavailableError(
                f"Zoom's sign-in could not be reached ({type(exc).__name__})."
            ) from exc
        if response.status_code >= _HTTP_SERVER_ERROR:
            raise ZoomUnavailableError(f"Zoom's sign-in failed (HTTP {response.status_code}).")
        refused = ZoomCredentialsError(
            "Zoom refused councilbot's credentials: check ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID and "
            "ZOOM_CLIENT_SECRET (a Server-to-Server OAuth app)."
        )
        if response.status_code != httpx.codes.OK:
            logger.warning("zoom token refused: HTTP %s", response.status_code)
            raise refused
        try:
            body = response.json()
        except ValueError:
            raise refused from None
        token = body.get("access_token") if isinstance(body, dict) else None
        if not isinstance(token, str) or not token:
            raise refused
        lifetime = body.get("expires_in")
        seconds = float(lifetime) if isinstance(lifetime, int | float) and lifetime > 0 else None
        return token, seconds or DEFAULT_TOKEN_LIFETIME_S

    # calls -----------------------------------------------------------------------------

    async def _authorised(self, what: str, send: Callable[[str], Awaitable[_Reply]]) -> _Reply:
        """Send with a valid token; after a 401, fetch a new token and try once more."""
        for attempt in range(2):
            token = await self._access_token()
            reply = await send(token)
            if reply.status != _HTTP_UNAUTHORIZED:
                return reply
            logger.info("zoom answered 401 to %s (attempt %s)", what, attempt + 1)
            self._forget(token)
        raise ZoomCredentialsError(
            f"Zoom refused councilbot's token twice when asked to {what}; check the app's scopes."
        )

    async def _zoomus_call(self, what: str, call: Callable[[], requests.Response]) -> _Reply:
        async def send(token: str) -> _Reply:
            self._zoomus.config["token"] = token
            try:
                response = await asyncio.wait_for(
                    asyncio.to_thread(call), self._timeout + _THREAD_GRACE_S
                )
            except (TimeoutError, requests.Timeout) as exc:
                raise ZoomUnavailableError(
                    f"Zoom did not answer in time when asked to {what}."
                ) from exc
            except requests.RequestException as exc:
                raise ZoomUnavailableError(
                    f"Zoom could not be reached to {what} ({type(exc).__name__})."
                ) from exc
            return _Reply(response.status_code, response.content)

        return await self._authorised(what, send)

    async def _http_call(self, what: str, method: str, url: str, *, body: Any = None) -> _Reply:
        async def send(token: str) -> _Reply:
            try:
                response = await self._http.request(
                    method, url, json=body, headers={"Authorization": f"Bearer {token}"}
                )
            except httpx.TimeoutException as exc:
                raise ZoomUnavailableError(
                    f"Zoom did not answer in time when asked to {what}."
                ) from exc
            except httpx.HTTPError as exc:
                raise ZoomUnavailableError(
                    f"Zoom could not be reached to {what} ({type(exc).__name__})."
                ) from exc
            return _Reply(response.status_code, response.content)

        return await self._authorised(what, send)

    def _chat_url(self, meeting_id: str, message_id: str) -> str:
        return (
            f"{self._base}/live_meetings/{encode_uuid(meeting_id)}"
            f"/chat/messages/{quote(message_id, safe='')}"
        )

    # answers ---------------------------------------------------------------------------

    @staticmethod
    def _check(reply: _Reply, what: str) -> None:
        status = reply.status
        if 200 <= status < 300:
            return
        code: int | None = None
        try:
            body = reply.json()
            raw_code = body.get("code") if isinstance(body, dict) else None
            code = raw_code if isinstance(raw_code, int) else None
        except ValueError:
            code = None
        detail = f"HTTP {status}" + (f", Zoom code {code}" if code is not None else "")
        if status == _HTTP_NOT_FOUND:
            raise ZoomNotFoundError(
                f"Zoom found nothing when asked to {what} ({detail}).", status=status, code=code
            )
        if status == _HTTP_FORBIDDEN:
            raise ZoomForbiddenError(
                f"Zoom does not allow councilbot to {what} ({detail}).", status=status, code=code
            )
        if status == _HTTP_TOO_MANY or status >= _HTTP_SERVER_ERROR:
            raise ZoomUnavailableError(f"Zoom could not {what} just now ({detail}).")
        raise ZoomApiError(f"Zoom refused to {what} ({detail}).", status=status, code=code)

    def _object(self, reply: _Reply, what: str) -> dict[str, Any]:
        self._check(reply, what)
        try:
            body = reply.json()
        except ValueError as exc:
            raise ZoomApiError(
                f"Zoom's answer to {what} was not JSON.", status=reply.status
            ) from exc
        if not isinstance(body, dict):
            raise ZoomApiError(f"Zoom's answer to {what} was not an object.", status=reply.status)
        return body

    # downloads -------------------------------------------------------------------------

    def _check_download_url(self, url: str) -> None:
        """Only Zoom's own hosts (or the configured API's) get a token."""
        target, api = urlsplit(url), urlsplit(self._base)
        host = (target.hostname or "").lower()
        same_as_api = (target.scheme, target.netloc) == (api.scheme, api.netloc)
        zoom_host = host == _ZOOM_DOMAIN or host.endswith(f".{_ZOOM_DOMAIN}")
        if not same_as_api and not (target.scheme == "https" and zoom_host):
            raise ZoomError("That download link is not Zoom's; it was not followed.")

    async def _download(self, url: str, token: str, limit: int) -> bytes:
        what = "download the recording file"
        try:
            async with self._http.stream(
                "GET", url, headers={"Authorization": f"Bearer {token}"}, follow_redirects=True
            ) as response:
                if response.status_code != httpx.codes.OK:
                    await response.aread()
                    self._check(_Reply(response.status_code, response.content), what)
                    raise ZoomApiError(f"Zoom refused to {what}.", status=response.status_code)
                declared = response.headers.get("Content-Length")
                if declared is not None and declared.isdigit() and int(declared) > limit:
                    raise ZoomFileTooLargeError(f"The file is larger than {limit} bytes.")
                chunks: list[bytes] = []
                size = 0
                async for chunk in response.aiter_bytes():
                    size += len(chunk)
                    if size > limit:
                        raise ZoomFileTooLargeError(f"The file is larger than {limit} bytes.")
                    chunks.append(chunk)
                return b"".join(chunks)
        except httpx.TimeoutException as exc:
            raise ZoomUnavailableError(
                f"Zoom did not answer in time when asked to {what}."
            ) from exc
        except httpx.TooManyRedirects as exc:
            raise ZoomUnavailableError(f"Zoom redirected too often when asked to {what}.") from exc
        except httpx.HTTPError as exc:
            raise ZoomUnavailableError(
                f"Zoom could not be reached to {what} ({type(exc).__name__})."
            ) from exc
