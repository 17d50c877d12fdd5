"""A loopback fake of the Telegram Bot API, speaking its real HTTP protocol.

The real python-telegram-bot client talks to it over 127.0.0.1; tests push updates, read the
calls the bot made, and inject the errors Telegram sends (400, 403, 429 with ``retry_after``,
5xx, a group migrated to a supergroup).
"""

from __future__ import annotations

import asyncio
import email.parser
import email.policy
import itertools
import json
import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote

import httpx

BOT_ID = 999
BOT_USERNAME = "councilbot_test_bot"
GROUP_ANONYMOUS_BOT_ID = 1087968824  # ``from`` of a post by an anonymous admin
CHANNEL_BOT_ID = 136817688  # ``from`` of a post sent on behalf of a channel
MAX_WAIT_S = 5.0
POLL_S = 0.02  # how often the server looks for a shutdown (the default 0.5 s slows every test)


@dataclass(frozen=True)
class Call:
    """One request the bot made."""

    method: str
    params: dict[str, Any]
    at: float
    failed: int | None = None  # the error code injected with ``fail_next``, if any


@dataclass
class _Failure:
    code: int
    description: str
    parameters: dict[str, Any] | None = None


@dataclass
class _State:
    calls: list[Call] = field(default_factory=list)
    updates: list[dict[str, Any]] = field(default_factory=list)
    pushed: dict[int, dict[str, Any]] = field(default_factory=dict)  # every update, by id
    failures: dict[str, deque[_Failure]] = field(default_factory=lambda: defaultdict(deque))
    delays: dict[str, float] = field(default_factory=dict)
    webhook: dict[str, Any] = field(default_factory=dict)
    chat_members: dict[int, dict[str, Any]] = field(default_factory=dict)
    files: list[dict[str, Any]] = field(default_factory=list)
    downloads: dict[str, bytes] = field(default_factory=dict)  # file_id -> content


def _now() -> int:
    return int(time.time())


class FakeTelegram:
    """The fake server. Use as a context manager, or ``start()`` and ``stop()``."""

    def __init__(self, token: str = "123456:TEST-TOKEN") -> None:
        self.token = token
        self._state = _State()
        self._lock = threading.Condition()
        self._ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # lifecycle -------------------------------------------------------------------------

    def start(self) -> FakeTelegram:
        """Listen on a free loopback port."""
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                fake._handle(self)

            def do_GET(self) -> None:
                fake._handle(self)

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                return

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(POLL_S,), daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop listening."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        with self._lock:
            self._lock.notify_all()

    def __enter__(self) -> FakeTelegram:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        """The root URL: the bot calls ``{base_url}/bot{token}/{method}``."""
        assert self._server is not None, "the fake is not started"
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    # what tests do ---------------------------------------------------------------------

    @property
    def calls(self) -> list[Call]:
        """Every call so far, in order."""
        with self._lock:
            return list(self._state.calls)

    def calls_to(self, method: str) -> list[Call]:
        """Calls of one method, in order."""
        return [c for c in self.calls if c.method == method]

    def add_file(self, file_id: str, content: bytes) -> None:
        """Make ``file_id`` downloadable through ``getFile`` and the file URL."""
        with self._lock:
            self._state.downloads[file_id] = content

    def push_update(self, update: dict[str, Any]) -> int:
        """Queue an update for ``getUpdates``; returns its ``update_id``."""
        with self._lock:
            update = {"update_id": next(self._ids), **update}
            self._state.updates.append(update)
            self._state.pushed[update["update_id"]] = update
            self._lock.notify_all()
            return int(update["update_id"])

    def fail_next(
        self,
        method: str,
        error_code: int,
        description: str,
        *,
        times: int = 1,
        retry_after: int | None = None,
        migrate_to_chat_id: int | None = None,
    ) -> None:
        """Make the next ``times`` calls of ``method`` fail as Telegram would."""
        parameters: dict[str, Any] = {}
        if retry_after is not None:
            parameters["retry_after"] = retry_after
        if migrate_to_chat_id is not None:
            parameters["migrate_to_chat_id"] = migrate_to_chat_id
        with self._lock:
            for _ in range(times):
                self._state.failures[method].append(
                    _Failure(error_code, description, parameters or None)
                )

    @property
    def pushed_ids(self) -> list[int]:
        """The ids of every update pushed so far, in order."""
        with self._lock:
            return list(self._state.pushed)

    def send_again(self, update_ids: Sequence[int]) -> None:
        """Queue these updates again, as Telegram does when their confirmation did not reach it."""
        with self._lock:
            queued = {int(u["update_id"]) for u in self._state.updates}
            self._state.updates.extend(self._state.pushed[i] for i in update_ids if i not in queued)
            self._state.updates.sort(key=lambda u: int(u["update_id"]))
            self._lock.notify_all()

    def clear_failures(self, method: str) -> None:
        """Forget the failures :meth:`fail_next` queued for ``method`` and not used yet."""
        with self._lock:
            self._state.failures[method].clear()

    def delay_next(self, method: str, seconds: float) -> None:
        """Answer the next call of ``method`` after ``seconds``."""
        with self._lock:
            self._state.delays[method] = seconds

    def set_chat_member(self, chat_id: int, member: dict[str, Any]) -> None:
        """What ``getChatMember`` answers for the bot in ``chat_id``."""
        with self._lock:
            self._state.chat_members[chat_id] = member

    @property
    def webhook(self) -> dict[str, Any]:
        """The registered webhook (url, secret_token, allowed_updates), if any."""
        with self._lock:
            return dict(self._state.webhook)

    async def wait_for(
        self,
        method: str,
        predicate: Callable[[Call], bool] | None = None,
        timeout: float = MAX_WAIT_S,
    ) -> Call:
        """The first call of ``method`` matching ``predicate``, waiting up to ``timeout``."""
        deadline = time.monotonic() + timeout
        while True:
            for call in self.calls_to(method):
                if predicate is None or predicate(call):
                    return call
            if time.monotonic() > deadline:
                seen = [c.method for c in self.calls]
                raise AssertionError(f"no matching {method} within {timeout} s; calls: {seen}")
            await asyncio.sleep(0.01)

    async def deliver_to_webhook(
        self, url: str, update: dict[str, Any], *, secret_token: str | None
    ) -> int:
        """POST an update to a webhook as Telegram does; returns the HTTP status."""
        with self._lock:
            update = {"update_id": next(self._ids), **update}
        headers = {"Content-Type": "application/json"}
        if secret_token is not None:
            headers["X-Telegram-Bot-Api-Secret-Token"] = secret_token
        async with httpx.AsyncClient() as client:
            response = await client.post(url, content=json.dumps(update), headers=headers)
        return response.status_code

    # update builders -------------------------------------------------------------------

    def message_update(
        self,
        chat_id: int,
        user_id: int,
        text: str,
        *,
        chat_type: str = "supergroup",
        message_id: int | None = None,
        first_name: str = "Helen",
        last_name: str = "Moss",
        caption: bool = False,
        forward: bool = False,
        edited: bool = False,
        document: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """A ``message`` (or ``edited_message``) update; ``document`` attaches a Document."""
        chat: dict[str, Any] = {"id": chat_id, "type": chat_type}
        if chat_type == "private":
            chat["first_name"] = first_name
        else:
            chat["title"] = "Councillors"
        message: dict[str, Any] = {
            "message_id": message_id if message_id is not None else next(self._message_ids),
            "date": _now(),
            "chat": chat,
            "from": {
                "id": user_id,
                "is_bot": False,
                "first_name": first_name,
                "last_name": last_name,
            },
        }
        if document is not None:
            message["document"] = document
            if text:
                message["caption"] = text
        elif caption:
            message["caption"] = text
            message["photo"] = [
                {"file_id": "p1", "file_unique_id": "u1", "width": 10, "height": 10}
            ]
        else:
            message["text"] = text
            if text.startswith("/"):
                command = text.split(maxsplit=1)[0]
                message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        if forward:
            message["forward_origin"] = {
                "type": "user",
                "date": _now(),
                "sender_user": {"id": 4242, "is_bot": False, "first_name": "Someone"},
            }
        if edited:
            message["edit_date"] = _now()
            return {"edited_message": message}
        return {"message": message}

    def content_update(
        self,
        chat_id: int,
        content: dict[str, Any],
        *,
        user_id: int | None = None,
        sender_chat: dict[str, Any] | None = None,
        message_id: int | None = None,
        edit_date: int | None = None,
    ) -> dict[str, Any]:
        """A group message holding ``content`` as Telegram sends it: a contact, a poll, a venue…

        It is from ``user_id``, or sent on behalf of ``sender_chat``: the group itself (an
        anonymous admin; ``from`` is then Telegram's GroupAnonymousBot) or a channel (``from``
        is the Channel_Bot). With ``edit_date`` (Unix time) it is an ``edited_message``.
        """
        message: dict[str, Any] = {
            "message_id": message_id if message_id is not None else next(self._message_ids),
            "date": _now(),
            "chat": {"id": chat_id, "type": "supergroup", "title": "Councillors"},
            **content,
        }
        if sender_chat is not None:
            anonymous = sender_chat["id"] == chat_id
            message["sender_chat"] = sender_chat
            message["from"] = {
                "id": GROUP_ANONYMOUS_BOT_ID if anonymous else CHANNEL_BOT_ID,
                "is_bot": True,
                "first_name": "Group" if anonymous else "Channel",
                "username": "GroupAnonymousBot" if anonymous else "Channel_Bot",
            }
        else:
            message["from"] = {"id": user_id, "is_bot": False, "first_name": "Helen"}
        if edit_date is not None:
            message["edit_date"] = edit_date
            return {"edited_message": message}
        return {"message": message}

    @staticmethod
    def poll(question: str, *options: str) -> dict[str, Any]:
        """The ``poll`` content of a message, as Telegram sends a new regular poll."""
        return {
            "poll": {
                "id": "5000000000000000001",  # the bot never looks a poll up by its id
                "question": question,
                "options": [
                    {"text": option, "voter_count": 0, "persistent_id": str(n)}
                    for n, option in enumerate(options)
                ],
                "total_voter_count": 0,
                "is_closed": False,
                "is_anonymous": True,
                "type": "regular",
                "allows_multiple_answers": False,
                "allows_revoting": False,
                "members_only": False,
            }
        }

    def callback_update(self, user_id: int, data: str, message: dict[str, Any]) -> dict[str, Any]:
        """A ``callback_query`` update for a button on ``message``."""
        return {
            "callback_query": {
                "id": str(next(self._ids)),
                "from": {"id": user_id, "is_bot": False, "first_name": "Helen"},
                "chat_instance": "ci",
                "data": data,
                "message": message,
            }
        }

    def my_chat_member_update(
        self,
        chat_id: int,
        user_id: int,
        *,
        title: str = "Councillors",
        old: str = "left",
        new: str = "member",
        can_delete_messages: bool = True,
        chat_type: str = "supergroup",
        first_name: str = "Helen",
    ) -> dict[str, Any]:
        """A ``my_chat_member`` update: ``user_id`` changed the bot's status, ``old`` to ``new``.

        ``new="administrator"`` makes the bot an admin, with ``can_delete_messages`` as given;
        ``new="left"`` or ``"kicked"`` removes it. ``getChatMember`` answers the same from then on.
        """
        member = self._bot_member(new, can_delete_messages=can_delete_messages)
        self.set_chat_member(chat_id, member)
        return {
            "my_chat_member": {
                "chat": {"id": chat_id, "type": chat_type, "title": title},
                "from": {"id": user_id, "is_bot": False, "first_name": first_name},
                "date": _now(),
                "old_chat_member": self._bot_member(old, can_delete_messages=True),
                "new_chat_member": member,
            }
        }

    def _bot_member(self, status: str, *, can_delete_messages: bool) -> dict[str, Any]:
        """The bot as a chat member with ``status``, as ``getChatMember`` answers it."""
        if status != "administrator":
            if status == "kicked":
                return {"status": status, "user": self._bot_user(), "until_date": 0}
            return {"status": status, "user": self._bot_user()}
        return {
            "status": "administrator",
            "user": self._bot_user(),
            "can_be_edited": False,
            "is_anonymous": False,
            "can_manage_chat": True,
            "can_delete_messages": can_delete_messages,
            "can_manage_video_chats": True,
            "can_restrict_members": True,
            "can_promote_members": False,
            "can_change_info": True,
            "can_invite_users": True,
            "can_post_stories": True,
            "can_edit_stories": True,
            "can_delete_stories": True,
        }

    def inline_update(self, user_id: int, query: str) -> dict[str, Any]:
        """An ``inline_query`` update."""
        return {
            "inline_query": {
                "id": str(next(self._ids)),
                "from": {"id": user_id, "is_bot": False, "first_name": "Helen"},
                "query": query,
                "offset": "",
            }
        }

    # the server ------------------------------------------------------------------------

    def _handle(self, request: BaseHTTPRequestHandler) -> None:
        path = unquote(request.path.split("?", 1)[0])
        prefix = f"/bot{self.token}/"
        if path.startswith(f"/file/bot{self.token}/"):
            self._download(request, path.rsplit("/", 1)[-1])
            return
        if not path.startswith("/bot"):
            self._reply(request, 404, {"ok": False, "error_code": 404, "description": "Not Found"})
            return
        if not path.startswith(prefix):
            self._reply(
                request, 401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
            )
            return
        method = path[len(prefix) :]
        params = self._params(request)
        with self._lock:
            failure = (
                self._state.failures[method].popleft() if self._state.failures[method] else None
            )
            failed = failure.code if failure is not None else None
            self._state.calls.append(Call(method, params, time.monotonic(), failed))
            delay = self._state.delays.pop(method, 0.0)
        if delay:
            time.sleep(delay)
        if failure is not None:
            body: dict[str, Any] = {
                "ok": False,
                "error_code": failure.code,
                "description": failure.description,
            }
            if failure.parameters:
                body["parameters"] = failure.parameters
            self._reply(request, failure.code, body)
            return
        handler = getattr(self, f"_api_{method}", None)
        if handler is None:
            self._reply(request, 404, {"ok": False, "error_code": 404, "description": "Not Found"})
            return
        result = handler(params)
        if isinstance(result, tuple):
            code, body = result
            self._reply(request, code, body)
            return
        self._reply(request, 200, {"ok": True, "result": result})

    @staticmethod
    def _params(request: BaseHTTPRequestHandler) -> dict[str, Any]:
        length = int(request.headers.get("Content-Length") or 0)
        raw = request.rfile.read(length) if length else b""
        kind = request.headers.get("Content-Type", "")
        if "application/json" in kind:
            loaded = json.loads(raw or b"{}")
            return dict(loaded) if isinstance(loaded, dict) else {}
        if "multipart/form-data" in kind:
            message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
                b"Content-Type: " + kind.encode() + b"\r\n\r\n" + raw
            )
            params: dict[str, Any] = {}
            for part in message.iter_parts():
                name = part.get_param("name", header="content-disposition")
                payload = part.get_payload(decode=True)
                filename = part.get_filename()
                if filename:
                    params[str(name)] = {"filename": filename, "content": payload}
                else:
                    params[str(name)] = (
                        payload.decode("utf-8") if isinstance(payload, bytes) else ""
                    )
            return params
        return {k: v[0] for k, v in parse_qs(raw.decode("utf-8")).items()}

    @staticmethod
    def _reply(request: BaseHTTPRequestHandler, code: int, body: dict[str, Any]) -> None:
        data = json.dumps(body).encode("utf-8")
        try:
            request.send_response(code)
            request.send_header("Content-Type", "application/json")
            request.send_header("Content-Length", str(len(data)))
            request.end_headers()
            request.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            return  # the client gave up (a long poll cancelled at shutdown)

    # the Bot API -----------------------------------------------------------------------

    def _bot_user(self) -> dict[str, Any]:
        return {
            "id": BOT_ID,
            "is_bot": True,
            "first_name": "Councilbot",
            "username": BOT_USERNAME,
            "can_join_groups": True,
            "can_read_all_group_messages": True,
            "supports_inline_queries": True,
        }

    def _api_getMe(self, _: dict[str, Any]) -> Any:
        return self._bot_user()

    def _api_getUpdates(self, params: dict[str, Any]) -> Any:
        offset = int(params.get("offset", 0) or 0)
        timeout = min(float(params.get("timeout", 0) or 0), 30.0)
        limit = int(params.get("limit", 100) or 100)
        deadline = time.monotonic() + timeout
        with self._lock:
            if self._state.webhook.get("url"):
                return 409, {
                    "ok": False,
                    "error_code": 409,
                    "description": "Conflict: can't use getUpdates method while webhook is active",
                }
            self._state.updates = [u for u in self._state.updates if u["update_id"] >= offset]
            while not self._state.updates and time.monotonic() < deadline:
                self._lock.wait(timeout=max(0.0, deadline - time.monotonic()))
                self._state.updates = [u for u in self._state.updates if u["update_id"] >= offset]
            return self._state.updates[:limit]

    def _api_setWebhook(self, params: dict[str, Any]) -> Any:
        with self._lock:
            self._state.webhook = dict(params)
        return True

    def _api_deleteWebhook(self, _: dict[str, Any]) -> Any:
        with self._lock:
            self._state.webhook = {}
        return True

    def _api_getWebhookInfo(self, _: dict[str, Any]) -> Any:
        with self._lock:
            return {
                "url": self._state.webhook.get("url", ""),
                "has_custom_certificate": False,
                "pending_update_count": 0,
            }

    def _message(self, params: dict[str, Any], **extra: Any) -> dict[str, Any]:
        chat_id = int(str(params.get("chat_id", 0)))
        chat: dict[str, Any] = {"id": chat_id, "type": "private" if chat_id > 0 else "supergroup"}
        if chat_id > 0:
            chat["first_name"] = "Member"
        else:
            chat["title"] = "Councillors"
        return {
            "message_id": next(self._message_ids),
            "date": _now(),
            "chat": chat,
            "from": self._bot_user(),
            **extra,
        }

    def _download(self, request: BaseHTTPRequestHandler, file_id: str) -> None:
        with self._lock:
            self._state.calls.append(Call("download", {"file_id": file_id}, time.monotonic()))
            content = self._state.downloads.get(file_id)
        if content is None:
            self._reply(request, 404, {"ok": False, "error_code": 404, "description": "Not Found"})
            return
        request.send_response(200)
        request.send_header("Content-Type", "application/octet-stream")
        request.send_header("Content-Length", str(len(content)))
        request.end_headers()
        request.wfile.write(content)

    def _api_getFile(self, params: dict[str, Any]) -> Any:
        file_id = str(params.get("file_id", ""))
        with self._lock:
            content = self._state.downloads.get(file_id)
        if content is None:
            return 400, {
                "ok": False,
                "error_code": 400,
                "description": "Bad Request: invalid file_id",
            }
        return {
            "file_id": file_id,
            "file_unique_id": f"u-{file_id}",
            "file_size": len(content),
            "file_path": f"documents/{file_id}",
        }

    def _api_sendMessage(self, params: dict[str, Any]) -> Any:
        return self._message(params, text=str(params.get("text", "")))

    def _api_editMessageText(self, params: dict[str, Any]) -> Any:
        return self._message(params, text=str(params.get("text", "")))

    def _api_editMessageReplyMarkup(self, params: dict[str, Any]) -> Any:
        return self._message(params, text="")

    def _api_sendDocument(self, params: dict[str, Any]) -> Any:
        document = params.get("document")
        name = document.get("filename") if isinstance(document, dict) else "file"
        with self._lock:
            self._state.files.append(params)
        return self._message(
            params,
            document={
                "file_id": f"doc{len(self._state.files)}",
                "file_unique_id": "d",
                "file_name": name,
            },
        )

    def _true(self, _: dict[str, Any]) -> Any:
        return True

    _api_deleteMessage = _true
    _api_answerCallbackQuery = _true
    _api_answerInlineQuery = _true
    _api_setMyCommands = _true
    _api_setChatMenuButton = _true  # the desk's menu button (#16)
    _api_deleteMyCommands = _true
    _api_restrictChatMember = _true
    _api_banChatSenderChat = _true
    _api_banChatMember = _true
    _api_leaveChat = _true
    _api_close = _true
    _api_logOut = _true

    def _api_getMyCommands(self, _: dict[str, Any]) -> Any:
        return []

    def _api_getChat(self, params: dict[str, Any]) -> Any:
        chat_id = int(str(params.get("chat_id", 0)))
        return {
            "id": chat_id,
            "type": "supergroup",
            "title": "Councillors",
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": {
                "unlimited_gifts": False,
                "limited_gifts": False,
                "unique_gifts": False,
                "premium_subscription": False,
            },
        }

    def _api_getChatMember(self, params: dict[str, Any]) -> Any:
        chat_id = int(str(params.get("chat_id", 0)))
        with self._lock:
            member = self._state.chat_members.get(chat_id)
        if member is not None:
            return member
        return {
            "status": "administrator",
            "user": self._bot_user(),
            "can_be_edited": False,
            "is_anonymous": False,
            "can_manage_chat": True,
            "can_delete_messages": True,
            "can_manage_video_chats": True,
            "can_restrict_members": True,
            "can_promote_members": False,
            "can_change_info": True,
            "can_invite_users": True,
            "can_post_stories": True,
            "can_edit_stories": True,
            "can_delete_stories": True,
        }
