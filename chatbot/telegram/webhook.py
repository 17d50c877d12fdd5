"""Telegram's webhook, ``POST /telegram/webhook``: updates pushed to us instead of polled.

Every call must carry the secret token councilbot gave Telegram; anything else is refused
before it is parsed. An update is answered 200 only after it was handled, so Telegram delivers
it again if the bot stopped half-way. Refusals: 403 without the secret, 413 for a body over
:data:`MAX_BODY_BYTES` (told by ``Content-Length``, so it is never read), 400 for anything that
is not an update object (including JSON nested too deeply to parse).
"""

from __future__ import annotations

import hmac
import json
import logging
from collections.abc import Callable, Sequence
from typing import Final

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from telegram import Update

from chatbot.telegram.context import BotApplication
from chatbot.telegram.dispatch import Dispatcher

logger = logging.getLogger(__name__)

WEBHOOK_PATH: Final[str] = "/telegram/webhook"
TELEGRAM_HEADER: Final[str] = "X-Telegram-Bot-Api-Secret-Token"
MAX_BODY_BYTES: Final[int] = 1_000_000

RefusalHandler = Callable[[str], None]
"""Told the reason of each refused call (for a metric)."""


def _no_count(_reason: str) -> None:
    return None


def telegram_routes(
    *,
    application: BotApplication,
    dispatcher: Dispatcher,
    secret: str,
    on_refused: RefusalHandler = _no_count,
) -> list[Route]:
    """The webhook route, handing each update to ``dispatcher``."""

    def refuse(reason: str, status: int) -> Response:
        on_refused(reason)
        return JSONResponse({"ok": False, "error": reason}, status_code=status)

    async def telegram_webhook(request: Request) -> Response:
        given = request.headers.get(TELEGRAM_HEADER, "")
        if not hmac.compare_digest(given.encode(), secret.encode()):
            return refuse("forbidden", 403)
        body = await _read(request)
        if body is None:
            return refuse("too large", 413)
        try:
            data = json.loads(body)
            # Only an object with a numeric id is an update (a bare null, list or number
            # made de_json fail with AttributeError, or return None, and the server 500).
            if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
                raise TypeError("not an update object")  # noqa: TRY301
            update = Update.de_json(data, application.bot)
        except (ValueError, TypeError, KeyError, AttributeError, RecursionError) as exc:
            logger.warning("refused a malformed update: %s", type(exc).__name__)
            return refuse("malformed update", 400)
        await dispatcher.dispatch(update)
        return JSONResponse({"ok": True})

    return [Route(WEBHOOK_PATH, telegram_webhook, methods=["POST"])]


async def _read(request: Request) -> bytes | None:
    """The body, or None once it is over the limit (declared or counted)."""
    declared = request.headers.get("content-length", "")
    if declared.isascii() and declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        return None
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def webhook_url(public: str) -> str:
    """The URL Telegram is given: ``WEBHOOK_URL``, ending in the webhook's path."""
    url = public.rstrip("/")
    return url if url.endswith(WEBHOOK_PATH) else url + WEBHOOK_PATH


async def register_webhook(
    application: BotApplication, *, url: str, secret: str, allowed_updates: Sequence[str]
) -> None:
    """Tell Telegram where to push updates, and the secret each call will carry."""
    await application.bot.set_webhook(
        url=webhook_url(url), secret_token=secret, allowed_updates=list(allowed_updates)
    )
