"""Moderation while the database is unreachable: decided and carried out, the writes deferred.

The database here is really unreachable (a closed loopback port), not a mock: the policy
check needs no database, so the breach is still to be deleted and explained; the strike and
the moderation event wait in a folder and are written, once, when the database is back.
"""

from __future__ import annotations

import os
import socket
import stat
from datetime import UTC, datetime
from pathlib import Path

from chatbot.core.access import Role
from chatbot.core.events import MessageEvent
from chatbot.db.database import Database
from chatbot.members.service import MemberView
from chatbot.moderation.service import DeferredModeration, ModerationService, PendingModeration
from policy_checks import PolicyEngine

COUNCILLOR = MemberView(telegram_id=1004, name="Helen Moss", role=Role.COUNCILLOR)
BREACH = "Her number is 07911 123456, call her"


def _unreachable_url() -> str:
    with socket.socket() as sock:  # a port nobody listens on once this socket is closed
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"postgresql+psycopg://nobody@127.0.0.1:{port}/gone?connect_timeout=2"


def _event(message_id: int) -> MessageEvent:
    return MessageEvent(
        chat_id=-100,
        chat_title="Councillors",
        message_id=message_id,
        sender_id=COUNCILLOR.telegram_id,
        sender_name=COUNCILLOR.name,
        text=BREACH,
        date=datetime(2026, 11, 1, tzinfo=UTC),
    )


async def test_when_the_database_is_down_then_a_breach_is_still_removed_and_its_strike_deferred(
    tmp_path: Path, database: Database, engine: PolicyEngine
) -> None:
    folder = tmp_path / "moderation"
    down = Database(_unreachable_url())
    try:
        offline = ModerationService(down, engine, deferred=DeferredModeration(folder))
        decision = await offline.review(_event(1), COUNCILLOR)
        assert (decision.delete, decision.tell_sender) == (True, True)
        assert not decision.alert_officers  # the count is not known yet
        assert await offline.replay_deferred() == 0  # still down: kept
    finally:
        down.dispose()
    assert len(list(folder.glob("*.json"))) == 1
    back = ModerationService(database, engine, deferred=DeferredModeration(folder))
    assert await back.replay_deferred() == 1
    assert await back.replay_deferred() == 0
    assert [s.message_id for s in await back.strikes()] == [1]
    again = await back.review(_event(1), COUNCILLOR)  # delivered again: already acted on
    assert not again.acts
    later = await back.review(_event(2), COUNCILLOR)
    assert later.strikes == 2


async def test_when_a_deferred_write_is_replayed_twice_then_the_strike_is_counted_once(
    tmp_path: Path, database: Database, engine: PolicyEngine
) -> None:
    folder = tmp_path / "moderation"
    down = Database(_unreachable_url())
    try:
        offline = ModerationService(down, engine, deferred=DeferredModeration(folder))
        await offline.review(_event(7), COUNCILLOR)
        await offline.review(_event(7), COUNCILLOR)  # the same message, delivered again
    finally:
        down.dispose()
    back = ModerationService(database, engine, deferred=DeferredModeration(folder))
    assert await back.replay_deferred() == 2  # both files written (the second is a no-op)
    assert [s.message_id for s in await back.strikes()] == [7]


def test_when_a_strike_is_deferred_then_its_folder_and_file_are_private_whatever_the_umask(
    tmp_path: Path,
) -> None:
    """A deferred strike names its sender: 0700 and 0600 even under a lax umask."""
    folder = tmp_path / "moderation"
    previous = os.umask(0o022)
    try:
        deferred = DeferredModeration(folder)
        deferred.put(
            PendingModeration(
                chat_id=-100,
                message_id=1,
                version=0,
                sender_id=COUNCILLOR.telegram_id,
                action="block",
                rules="personal_data",
                at=datetime(2026, 11, 1, tzinfo=UTC),
            )
        )
    finally:
        os.umask(previous)
    (written,) = folder.glob("*.json")
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
