from __future__ import annotations

import asyncio
from typing import cast

from telegram import Update

from chatbot.telegram.context import BotApplication
from chatbot.telegram.dispatch import Dispatcher


class Recorder:
    def __init__(self) -> None:
        self.events: list[str] = []

    async def process_update(self, update: Update) -> None:
        self.events.append(f"start {update.update_id}")
        # The first two updates are slow, so later ones queue behind them.
        await asyncio.sleep(0.05 if update.update_id in (1, 2) else 0)
        self.events.append(f"end {update.update_id}")


def update(update_id: int, chat_id: int) -> Update:
    return Update.de_json(
        {
            "update_id": update_id,
            "message": {
                "message_id": update_id,
                "date": 0,
                "chat": {"id": chat_id, "type": "supergroup", "title": "g"},
                "text": "hi",
            },
        },
        None,
    )


async def test_when_updates_of_one_chat_overlap_then_they_are_handled_one_after_another() -> None:
    recorder = Recorder()
    dispatcher = Dispatcher(cast(BotApplication, recorder))
    first = asyncio.create_task(dispatcher.dispatch(update(1, -1)))
    await asyncio.sleep(0)
    second = asyncio.create_task(dispatcher.dispatch(update(2, -1)))
    await asyncio.sleep(0.07)  # the first has finished; the second is running
    third = asyncio.create_task(dispatcher.dispatch(update(3, -1)))
    await asyncio.gather(first, second, third)
    assert recorder.events == ["start 1", "end 1", "start 2", "end 2", "start 3", "end 3"]


async def test_when_chats_differ_then_their_updates_run_at_the_same_time() -> None:
    recorder = Recorder()
    dispatcher = Dispatcher(cast(BotApplication, recorder))
    await dispatcher.dispatch_batch([update(1, -1), update(2, -2)])
    assert recorder.events[:2] == ["start 1", "start 2"]


async def test_when_updates_were_handled_before_then_they_are_skipped_and_the_rest_kept() -> None:
    recorder = Recorder()
    reported: list[int] = []

    async def remember(update_id: int) -> None:
        reported.append(update_id)

    dispatcher = Dispatcher(cast(BotApplication, recorder), handled={1, 3}, on_handled=remember)
    await dispatcher.dispatch_batch([update(1, -1), update(2, -1), update(3, -2), update(4, -2)])
    assert [e for e in recorder.events if e.startswith("start")] == ["start 2", "start 4"]
    assert sorted(reported) == [2, 4]
