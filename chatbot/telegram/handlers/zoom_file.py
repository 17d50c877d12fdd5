"""A host sends the bot the chat file Zoom saved on their computer; the report comes back."""

from __future__ import annotations

import asyncio
import logging
from typing import Final

from telegram import Document, Message, Update
from telegram.error import TelegramError

from chatbot.telegram.context import BotContext
from chatbot.telegram.handlers.guard import registered_sender
from chatbot.telegram.handlers.reply import reply, reply_file
from chatbot.zoom.report import format_report

logger = logging.getLogger(__name__)

MAX_CHAT_FILE_BYTES: Final[int] = 5 * 1024 * 1024
# Telegram's limit for one message is 4,096 characters; a longer report comes as a file.
MAX_REPLY_CHARS: Final[int] = 4000
SUMMARY_LINES: Final[int] = 3

NOT_TEXT: Final[str] = (
    "That is not a text file. To check a Zoom meeting's chat, send me the .txt file Zoom "
    "saved (in the meeting's folder under Documents/Zoom); to check a draft, send it as a "
    "message."
)
TOO_LARGE: Final[str] = (
    f"That file is larger than {MAX_CHAT_FILE_BYTES // (1024 * 1024)} MB, too large for a "
    "meeting chat. Run `councilbot zoom scan FILE` on the council's computer instead."
)
NOT_A_CHAT: Final[str] = (
    "That does not look like a Zoom chat file: no message in it could be read. Send the .txt "
    "file Zoom saved for the meeting (often meeting_saved_chat.txt)."
)
NOT_FETCHED: Final[str] = "I could not fetch that file from Telegram. Please send it again."
UNAVAILABLE: Final[str] = "Checking chat files is not available at the moment."


async def scan_chat_file(update: Update, context: BotContext) -> None:
    """Check the Zoom chat file a member sent in private and reply with the report."""
    message = update.effective_message
    if message is None or message.document is None:
        return
    if await registered_sender(update, context) is None:
        return
    document = message.document
    if not _is_text(document):
        await reply(context, message, NOT_TEXT)
        return
    if (document.file_size or 0) > MAX_CHAT_FILE_BYTES:
        await reply(context, message, TOO_LARGE)
        return
    scanner = context.services.chat_files
    if scanner is None:
        await reply(context, message, UNAVAILABLE)
        return
    try:
        handle = await context.bot.get_file(document.file_id)
        data = bytes(await handle.download_as_bytearray())
    except TelegramError as exc:
        logger.warning(
            "could not fetch chat file=%s: %s", document.file_unique_id, type(exc).__name__
        )
        await reply(context, message, NOT_FETCHED)
        return
    if len(data) > MAX_CHAT_FILE_BYTES:
        await reply(context, message, TOO_LARGE)
        return
    scanned = await asyncio.to_thread(scanner.scan, data)
    if not scanned.readable:
        await reply(context, message, NOT_A_CHAT)
        return
    name = document.file_name or "chat.txt"
    report = format_report(
        scanned.report, title=f"Zoom chat {name}", problems=scanned.parsed.problems
    )
    await _reply_report(context, message, report, name=name)


def _is_text(document: Document) -> bool:
    name = (document.file_name or "").casefold()
    return document.mime_type == "text/plain" or name.endswith(".txt")


async def _reply_report(context: BotContext, message: Message, report: str, *, name: str) -> None:
    """The report as a message, or its summary and the whole report as a file when too long."""
    if len(report) <= MAX_REPLY_CHARS:
        await reply(context, message, report)
        return
    summary = "\n".join(report.splitlines()[:SUMMARY_LINES])
    await reply(context, message, f"{summary}\n\nThe whole report is in the attached file.")
    stem = name.rsplit(".", 1)[0] or "chat"
    await reply_file(context, message, f"report-{stem}.txt", report.encode("utf-8"))
