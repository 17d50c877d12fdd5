"""A loopback fake of the Zoom API, speaking its real HTTP protocol.

The token endpoint checks the app's Basic credentials and account id and issues tokens whose
lifetime tests set; the REST API (under ``/v2``) accepts only unexpired tokens. Tests add
meetings, users and recordings (with a downloadable CHAT file), read the calls made (raw path
and ``Authorization`` header included), and inject faults: a 401 for the next API call, any
status, a slow answer. It also signs and delivers webhooks as Zoom does.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import itertools
import json
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import httpx

ACCOUNT_ID = "acc-TEST"
CLIENT_ID = "client-TEST"
CLIENT_SECRET = "secret-TEST"
WEBHOOK_SECRET = "webhook-secret-TEST"
MAX_WAIT_S = 5.0
POLL_S = 0.02  # how often the server looks for a shutdown (the default 0.5 s slows every test)


@dataclass(frozen=True)
class Call:
    """One request made to the fake."""

    method: str
    raw_path: str  # as sent, still percent-encoded
    path: str  # decoded as Zoom decodes it
    query: dict[str, str]
    authorization: str
    body: bytes
    at: float

    def json(self) -> Any:
        """The body as JSON."""
        return json.loads(self.body) if self.body else None


@dataclass
class _Fault:
    status: int
    body: dict[str, Any]


@dataclass
class _State:
    calls: list[Call] = field(default_factory=list)
    tokens: dict[str, float] = field(default_factory=dict)  # token -> expires at (monotonic)
    meetings: dict[str, dict[str, Any]] = field(default_factory=dict)
    users: dict[str, dict[str, Any]] = field(default_factory=dict)
    recordings: dict[str, dict[str, Any]] = field(default_factory=dict)  # by uuid
    files: dict[str, bytes] = field(default_factory=dict)  # file id -> content
    download_tokens: set[str] = field(default_factory=set)
    faults: deque[_Fault] = field(default_factory=deque)
    token_faults: deque[_Fault] = field(default_factory=deque)
    delay: float = 0.0


def sign(secret: str, body: bytes, timestamp: str) -> str:
    """Zoom's ``x-zm-signature`` for ``body`` sent at ``timestamp``."""
    message = b"v0:" + timestamp.encode() + b":" + body
    return "v0=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


class FakeZoom:
    """The fake server. Use as a context manager, or ``start()`` and ``stop()``."""

    def __init__(
        self,
        *,
        account_id: str = ACCOUNT_ID,
        client_id: str = CLIENT_ID,
        client_secret: str = CLIENT_SECRET,
    ) -> None:
        self.account_id = account_id
        self.client_id = client_id
        self.client_secret = client_secret
        self.token_lifetime = 3600
        self._state = _State()
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self._server: ThreadingHTTPServer | None = None

    # lifecycle -------------------------------------------------------------------------

    def start(self) -> FakeZoom:
        """Listen on a free loopback port."""
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                fake._handle(self, "GET")

            def do_POST(self) -> None:
                fake._handle(self, "POST")

            def do_PATCH(self) -> None:
                fake._handle(self, "PATCH")

            def do_DELETE(self) -> None:
                fake._handle(self, "DELETE")

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                return

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, args=(POLL_S,), daemon=True).start()
        return self

    def stop(self) -> None:
        """Stop listening."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def __enter__(self) -> FakeZoom:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()

    @property
    def root(self) -> str:
        """``http://127.0.0.1:PORT``."""
        assert self._server is not None, "the fake is not started"
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def api_base_url(self) -> str:
        """What ``ZOOM_API_BASE_URL`` should be."""
        return f"{self.root}/v2"

    @property
    def oauth_url(self) -> str:
        """What ``ZOOM_OAUTH_URL`` should be."""
        return f"{self.root}/oauth/token"

    # what tests do ---------------------------------------------------------------------

    @property
    def calls(self) -> list[Call]:
        """Every request so far, in order."""
        with self._lock:
            return list(self._state.calls)

    def token_calls(self) -> list[Call]:
        """The token requests."""
        return [c for c in self.calls if c.path == "/oauth/token"]

    def api_calls(self) -> list[Call]:
        """The REST API requests (not token requests or downloads)."""
        return [c for c in self.calls if c.path.startswith("/v2/")]

    def add_user(self, user_id: str, email: str) -> None:
        """A user of the account."""
        with self._lock:
            self._state.users[user_id] = {"id": user_id, "email": email, "type": 2}

    def add_meeting(
        self,
        meeting_id: str,
        *,
        host_id: str,
        host_email: str | None,
        topic: str = "Full Council",
        uuid: str = "",
    ) -> dict[str, Any]:
        """A scheduled meeting; ``host_email=None`` leaves it out as some answers do."""
        meeting: dict[str, Any] = {
            "id": int(meeting_id),
            "uuid": uuid or f"uuid-{meeting_id}==",
            "host_id": host_id,
            "topic": topic,
            "type": 2,
            "start_time": "2026-12-01T19:00:00Z",
            "timezone": "Europe/London",
            "join_url": f"https://us02web.zoom.us/j/{meeting_id}?pwd=abc",
        }
        if host_email is not None:
            meeting["host_email"] = host_email
        with self._lock:
            self._state.meetings[meeting_id] = meeting
        return meeting

    def add_recording(
        self, uuid: str, meeting_id: str, *, host_id: str, chat: bytes, topic: str = "Full Council"
    ) -> dict[str, Any]:
        """A meeting instance's cloud recording with a CHAT file holding ``chat``."""
        file_id = f"file-{next(self._ids)}"
        with self._lock:
            self._state.files[file_id] = chat
        recording = {
            "uuid": uuid,
            "id": int(meeting_id),
            "host_id": host_id,
            "topic": topic,
            "start_time": "2026-12-01T19:00:00Z",
            "recording_files": [
                {
                    "id": f"mp4-{file_id}",
                    "file_type": "MP4",
                    "file_size": 1000,
                    "download_url": f"{self.root}/rec/download/mp4-{file_id}",
                    "status": "completed",
                },
                {
                    "id": file_id,
                    "file_type": "CHAT",
                    "file_size": len(chat),
                    "download_url": f"{self.root}/rec/download/{file_id}",
                    "status": "completed",
                    "recording_start": "2026-12-01T19:00:00Z",
                },
            ],
        }
        with self._lock:
            self._state.recordings[uuid] = recording
        return recording

    def new_download_token(self) -> str:
        """A token accepted for downloads only, as a webhook's ``download_token`` is."""
        token = f"dl-{next(self._ids)}"
        with self._lock:
            self._state.download_tokens.add(token)
        return token

    def fail_next(self, status: int, *, code: int = 0, message: str = "", times: int = 1) -> None:
        """Answer the next ``times`` API calls with ``status`` (401: as if the token expired)."""
        with self._lock:
            for _ in range(times):
                self._state.faults.append(
                    _Fault(status, {"code": code or status, "message": message or "fault"})
                )

    def fail_next_token(self, status: int, *, times: int = 1) -> None:
        """Answer the next ``times`` token requests with ``status``."""
        with self._lock:
            for _ in range(times):
                self._state.token_faults.append(_Fault(status, {"reason": "fault"}))

    def delay_next(self, seconds: float) -> None:
        """Answer the next request after ``seconds``."""
        with self._lock:
            self._state.delay = seconds

    async def wait_for(
        self, predicate: Callable[[Call], bool], timeout: float = MAX_WAIT_S
    ) -> Call:
        """The first call matching ``predicate``, waiting up to ``timeout``."""
        deadline = time.monotonic() + timeout
        while True:
            for call in self.calls:
                if predicate(call):
                    return call
            if time.monotonic() > deadline:
                seen = [f"{c.method} {c.path}" for c in self.calls]
                raise AssertionError(f"no matching Zoom call within {timeout} s; calls: {seen}")
            await asyncio.sleep(0.01)

    async def deliver_webhook(
        self,
        url: str,
        event: dict[str, Any],
        *,
        secret: str = WEBHOOK_SECRET,
        timestamp: str | None = None,
    ) -> httpx.Response:
        """POST ``event`` to a webhook URL, signed as Zoom signs it."""
        body = json.dumps(event).encode()
        stamp = timestamp or str(int(time.time()))
        headers = {
            "Content-Type": "application/json",
            "x-zm-request-timestamp": stamp,
            "x-zm-signature": sign(secret, body, stamp),
        }
        async with httpx.AsyncClient() as client:
            return await client.post(url, content=body, headers=headers)

    # the server ------------------------------------------------------------------------

    def _handle(self, request: BaseHTTPRequestHandler, method: str) -> None:
        split = urlsplit(request.path)
        # Zoom decodes the path once before routing: a UUID that starts with "/" or holds
        # "//" survives only if it was encoded twice.
        path = unquote(split.path)
        query = {k: v[0] for k, v in parse_qs(split.query).items()}
        length = int(request.headers.get("Content-Length") or 0)
        body = request.rfile.read(length) if length else b""
        call = Call(
            method=method,
            raw_path=split.path,
            path=path,
            query=query,
            authorization=request.headers.get("Authorization", ""),
            body=body,
            at=time.monotonic(),
        )
        with self._lock:
            self._state.calls.append(call)
            delay, self._state.delay = self._state.delay, 0.0
        if delay:
            time.sleep(delay)
        if path == "/oauth/token" and method == "POST":
            self._reply(request, *self._token(request, body))
        elif path.startswith("/rec/download/"):
            self._download_redirect(request, call)
        elif path.startswith("/rec/storage/"):
            self._storage(request, path.rsplit("/", 1)[-1])
        elif path.startswith("/v2/"):
            self._reply(request, *self._api(call))
        else:
            self._reply(request, 404, {"code": 404, "message": "Not Found"})

    def _token(self, request: BaseHTTPRequestHandler, body: bytes) -> tuple[int, dict[str, Any]]:
        with self._lock:
            fault = self._state.token_faults.popleft() if self._state.token_faults else None
        if fault is not None:
            return fault.status, fault.body
        expected = base64.b64encode(f"{self.client_id}:{self.client_secret}".encode()).decode()
        form = {k: v[0] for k, v in parse_qs(body.decode()).items()}
        if request.headers.get("Authorization", "") != f"Basic {expected}":
            return 401, {"reason": "Invalid client_id or client_secret", "error": "invalid_client"}
        if form.get("grant_type") != "account_credentials":
            return 400, {"reason": "unsupported grant type", "error": "unsupported_grant_type"}
        if form.get("account_id") != self.account_id:
            return 400, {"reason": "Invalid account_id", "error": "invalid_request"}
        token = f"tok-{next(self._ids)}"
        with self._lock:
            self._state.tokens[token] = time.monotonic() + self.token_lifetime
        return 200, {
            "access_token": token,
            "token_type": "bearer",
            "expires_in": self.token_lifetime,
            "scope": "meeting:read:admin",
        }

    def _valid(self, authorization: str) -> bool:
        token = authorization.removeprefix("Bearer ")
        with self._lock:
            expires = self._state.tokens.get(token)
        return expires is not None and time.monotonic() < expires

    def _api(self, call: Call) -> tuple[int, dict[str, Any] | None]:
        if not self._valid(call.authorization):
            return 401, {"code": 124, "message": "Invalid access token."}
        with self._lock:
            fault = self._state.faults.popleft() if self._state.faults else None
        if fault is not None:
            return fault.status, fault.body
        # After "/v2/": decoded once as a whole, then each segment again.
        parts = [unquote(p) for p in unquote(call.raw_path).split("/")[2:]]
        with self._lock:
            state = self._state
            match call.method, parts:
                case "GET", ["meetings", meeting_id] if meeting_id in state.meetings:
                    return 200, state.meetings[meeting_id]
                case "GET", ["meetings", uuid, "recordings"] if uuid in state.recordings:
                    return 200, state.recordings[uuid]
                case "GET", ["users", user_id] if user_id in state.users:
                    return 200, state.users[user_id]
                case "GET", ["users", user_id, "meetings"]:
                    return 200, self._page(user_id, call.query)
                case "DELETE" | "PATCH", ["live_meetings", _, "chat", "messages", _]:
                    return 204, None
        return 404, {"code": 3001, "message": "Not found."}

    def _page(self, user_id: str, query: dict[str, str]) -> dict[str, Any]:
        mine = [m for m in self._state.meetings.values() if m["host_id"] == user_id]
        size = int(query.get("page_size", "30"))
        start = int(query.get("next_page_token") or 0)
        rest = start + size
        return {
            "page_size": size,
            "total_records": len(mine),
            "next_page_token": str(rest) if rest < len(mine) else "",
            "meetings": mine[start:rest],
        }

    def _download_redirect(self, request: BaseHTTPRequestHandler, call: Call) -> None:
        token = call.query.get("access_token") or call.authorization.removeprefix("Bearer ")
        with self._lock:
            allowed = token in self._state.download_tokens
        if not (allowed or self._valid(f"Bearer {token}")):
            self._reply(request, 401, {"code": 124, "message": "Invalid access token."})
            return
        file_id = call.path.rsplit("/", 1)[-1]
        request.send_response(302)
        request.send_header("Location", f"/rec/storage/{file_id}?sig=signed")
        request.send_header("Content-Length", "0")
        request.end_headers()

    def _storage(self, request: BaseHTTPRequestHandler, file_id: str) -> None:
        with self._lock:
            content = self._state.files.get(file_id)
        if content is None:
            self._reply(request, 404, {"code": 404, "message": "Not Found"})
            return
        request.send_response(200)
        request.send_header("Content-Type", "text/plain; charset=utf-8")
        request.send_header("Content-Length", str(len(content)))
        request.end_headers()
        request.wfile.write(content)

    @staticmethod
    def _reply(request: BaseHTTPRequestHandler, code: int, body: dict[str, Any] | None) -> None:
        data = json.dumps(body).encode() if body is not None else b""
        try:
            request.send_response(code)
            if body is not None:
                request.send_header("Content-Type", "application/json")
            request.send_header("Content-Length", str(len(data)))
            request.end_headers()
            request.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            return


# webhook events ------------------------------------------------------------------------------


def chat_message_event(
    *,
    meeting_id: str,
    uuid: str,
    text: str,
    message_id: str = "msg-1",
    sender_name: str = "Alex Turner",
    sender_email: str = "alex@example.com",
    account_id: str = ACCOUNT_ID,
) -> dict[str, Any]:
    """A ``meeting.chat_message_sent`` event."""
    return {
        "event": "meeting.chat_message_sent",
        "event_ts": int(time.time() * 1000),
        "payload": {
            "account_id": account_id,
            "object": {
                "id": int(meeting_id),
                "uuid": uuid,
                "chat_message": {
                    "date_time": "2026-12-01T19:05:00Z",
                    "sender_session_id": "s1",
                    "sender_name": sender_name,
                    "sender_email": sender_email,
                    "sender_type": "guest",
                    "recipient_type": "everyone",
                    "message_id": message_id,
                    "message_content": text,
                },
            },
        },
    }


def meeting_event(
    name: str, *, meeting_id: str, uuid: str, host_id: str, topic: str = "Full Council"
) -> dict[str, Any]:
    """A ``meeting.started`` or ``meeting.ended`` event."""
    return {
        "event": name,
        "event_ts": int(time.time() * 1000),
        "payload": {
            "account_id": ACCOUNT_ID,
            "object": {
                "id": str(meeting_id),
                "uuid": uuid,
                "host_id": host_id,
                "topic": topic,
                "type": 2,
                "start_time": "2026-12-01T19:00:00Z",
                "timezone": "Europe/London",
            },
        },
    }


def recording_completed_event(recording: dict[str, Any], *, download_token: str) -> dict[str, Any]:
    """A ``recording.completed`` event for a recording added with ``add_recording``."""
    return {
        "event": "recording.completed",
        "event_ts": int(time.time() * 1000),
        "download_token": download_token,
        "payload": {"account_id": ACCOUNT_ID, "object": dict(recording)},
    }
