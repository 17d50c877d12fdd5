"""Hand updates to the application: messages of one chat in order, chats concurrently.

Telegram sends an update again until it is confirmed (by the next ``getUpdates``, or by the
webhook's answer). Where answering twice would be wrong, the dispatcher is given the ids
already handled, which it skips, and is told where to remember each one it handles.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Collection, Sequence

from telegram import Update

from chatbot.telegram.context import BotApplication


def chat_key(update: Update) -> int:
    """The chat (or, for inline queries and buttons, the user) an update belongs to."""
    if update.effective_chat is not None:
        return update.effective_chat.id
    if update.effective_user is not None:
        return update.effective_user.id
    return 0


def _is_migration(update: Update) -> bool:
    message = update.message
    return message is not None and bool(message.migrate_to_chat_id or message.migrate_from_chat_id)


class Dispatcher:
    """Processes updates with the application, serialised per chat."""

    def __init__(
        self,
        application: BotApplication,
        *,
        handled: Collection[int] = frozenset(),
        on_handled: Callable[[int], Awaitable[None]] | None = None,
    ) -> None:
        self._application = application
        self._handled = frozenset(handled)
        self._on_handled = on_handled
        # Per chat: its lock and how many updates hold or wait for it. The lock is dropped
        # only when nobody does, so a later update can never get a second, parallel lock.
        self._locks: dict[int, tuple[asyncio.Lock, int]] = {}

    async def dispatch(self, update: Update) -> None:
        """Process one update after any earlier update of the same chat."""
        if update.update_id in self._handled:
            return
        key = chat_key(update)
        lock, users = self._locks.get(key, (asyncio.Lock(), 0))
        self._locks[key] = (lock, users + 1)
        try:
            async with lock:
                await self._application.process_update(update)
                if self._on_handled is not None:
                    await self._on_handled(update.update_id)
        finally:
            lock, users = self._locks[key]
            if users == 1:
                del self._locks[key]
            else:
                self._locks[key] = (lock, users - 1)

    async def dispatch_batch(self, updates: Sequence[Update]) -> None:
        """Process a batch: each chat's updates in order, different chats at the same time.

        A group's move to a supergroup spans two chats, so those notices go first: the new
        chat's messages in the same batch are then moderated under its new id.
        """
        moves = [u for u in updates if _is_migration(u)]
        for update in moves:
            await self.dispatch(update)
        by_chat: OrderedDict[int, list[Update]] = OrderedDict()
        for update in updates:
            if not _is_migration(update):
                by_chat.setdefault(chat_key(update), []).append(update)
        await asyncio.gather(*(self._in_order(group) for group in by_chat.values()))

    async def _in_order(self, updates: list[Update]) -> None:
        for update in updates:
            await self.dispatch(update)
