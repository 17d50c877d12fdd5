from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy

from chatbot.buttons.kinds import PostTo
from chatbot.buttons.service import ButtonPress, ButtonService, Refusal
from chatbot.core.access import Role
from chatbot.core.events import MessageEvent
from chatbot.db.database import Database
from chatbot.members.service import MemberView
from chatbot.moderation.service import ModerationService, ModerationSettings, decide
from policy_checks import Action, PolicyEngine, Verdict
from policy_checks.evaluation import EVALUATION_COUNCIL

COUNCILLOR = MemberView(telegram_id=1004, name="Helen Moss", role=Role.COUNCILLOR)
CLERK = MemberView(telegram_id=1001, name="Jane Smith", role=Role.CLERK)
BREACH = "Her number is 07911 123456, call her"
CLEAN = "Can we add the grass cutting to next month's agenda please?"


@pytest.fixture(scope="module")
def policy_engine() -> PolicyEngine:
    return PolicyEngine(council=EVALUATION_COUNCIL)


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
        self.seconds = 0.0

    def __call__(self) -> datetime:
        return self.now

    def monotonic(self) -> float:
        return self.seconds


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def service(database: Database, policy_engine: PolicyEngine, clock: Clock) -> ModerationService:
    return ModerationService(
        database, policy_engine, ModerationSettings(), clock=clock, monotonic=clock.monotonic
    )


def event(message_id: int, text: str, *, sender: int = 1004, chat: int = -100) -> MessageEvent:
    return MessageEvent(
        chat_id=chat,
        chat_title="Councillors",
        message_id=message_id,
        sender_id=sender,
        sender_name="Helen Moss",
        text=text,
        date=datetime(2026, 11, 1, tzinfo=UTC),
    )


async def test_when_a_message_is_clean_then_nothing_is_done(service: ModerationService) -> None:
    decision = await service.review(event(1, CLEAN), COUNCILLOR)
    assert not decision.acts
    assert decision.verdict.action is Action.ALLOW


async def test_when_a_message_breaches_then_it_is_deleted_explained_and_struck(
    service: ModerationService, database: Database, clock: Clock
) -> None:
    decision = await service.review(event(1, BREACH), COUNCILLOR)
    assert (decision.delete, decision.tell_sender, decision.post_notice) == (True, True, True)
    assert decision.strikes == 1
    assert decision.redacted_button is not None
    buttons = ButtonService(database, clock=clock)
    post = await buttons.take(decision.redacted_button, presser_id=1004)
    assert isinstance(post, ButtonPress)
    assert "07911" not in PostTo.from_payload(post.payload).text
    assert await buttons.take(decision.redacted_button, presser_id=1004) is Refusal.USED


async def test_when_a_burst_breaches_then_the_group_notice_is_throttled(
    service: ModerationService, clock: Clock
) -> None:
    first = await service.review(event(1, BREACH), COUNCILLOR)
    second = await service.review(event(2, BREACH), COUNCILLOR)
    clock.seconds += service.settings.notice_interval_s + 1
    third = await service.review(event(3, BREACH), COUNCILLOR)
    assert [first.post_notice, second.post_notice, third.post_notice] == [True, False, True]


async def test_when_strikes_reach_the_threshold_then_officers_are_alerted_once(
    service: ModerationService,
) -> None:
    decisions = [await service.review(event(i, BREACH), COUNCILLOR) for i in range(1, 5)]
    assert [d.strikes for d in decisions] == [1, 2, 3, 4]
    assert [d.alert_officers for d in decisions] == [False, False, True, False]
    assert not any(d.restrict for d in decisions)


async def test_when_a_non_member_keeps_breaching_then_they_are_restricted(
    service: ModerationService,
) -> None:
    decisions = [await service.review(event(i, BREACH, sender=5555), None) for i in range(1, 4)]
    assert [d.restrict for d in decisions] == [False, False, True]


async def test_when_strikes_are_older_than_the_window_then_they_no_longer_count(
    service: ModerationService, clock: Clock
) -> None:
    await service.review(event(1, BREACH), COUNCILLOR)
    clock.now += service.settings.strike_window + timedelta(days=1)
    decision = await service.review(event(2, BREACH), COUNCILLOR)
    assert decision.strikes == 1


async def test_when_the_clerk_pardons_then_strikes_are_cleared(service: ModerationService) -> None:
    await service.review(event(1, BREACH), COUNCILLOR)
    await service.review(event(2, BREACH), COUNCILLOR)
    assert await service.pardon(1004, by=1001) == 2
    assert await service.strikes() == []


@pytest.mark.parametrize(
    ("sender", "strikes", "restrict"),
    [(None, 3, True), (COUNCILLOR, 3, False), (CLERK, 9, False), (None, 2, False)],
)
def test_when_deciding_then_only_non_members_at_the_threshold_are_restricted(
    sender: MemberView | None, strikes: int, restrict: bool, policy_engine: PolicyEngine
) -> None:
    verdict: Verdict = policy_engine.check(BREACH)
    decision = decide(verdict, sender=sender, strikes=strikes, settings=ModerationSettings())
    assert decision.restrict is restrict


async def test_when_the_same_message_is_delivered_twice_then_it_is_acted_on_once(
    service: ModerationService,
) -> None:
    first = await service.review(event(1, BREACH), COUNCILLOR)
    again = await service.review(event(1, BREACH), COUNCILLOR)
    assert first.delete
    assert first.strikes == 1
    assert not again.acts
    later = await service.review(event(2, BREACH), COUNCILLOR)
    assert later.strikes == 2


async def test_when_a_restarted_bot_is_given_a_message_acted_on_before_then_it_is_seen(
    database: Database, policy_engine: PolicyEngine, clock: Clock, service: ModerationService
) -> None:
    await service.review(event(1, BREACH), COUNCILLOR)
    restarted = ModerationService(database, policy_engine, clock=clock)
    assert await restarted.seen(event(1, BREACH))
    assert not await restarted.seen(event(2, BREACH))
    clock.now += timedelta(days=2)  # older than Telegram keeps an update: never read back
    assert not await ModerationService(database, policy_engine, clock=clock).seen(event(1, BREACH))


async def test_when_messages_are_checked_for_repeats_then_the_database_is_read_once(
    database: Database, service: ModerationService
) -> None:
    statements: list[str] = []

    def count(_conn: object, _cursor: object, statement: str, *_: object) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append(statement)

    sqlalchemy.event.listen(database.engine, "before_cursor_execute", count)
    try:
        for message_id in range(1, 6):
            assert not await service.seen(event(message_id, BREACH))
            await service.review(event(message_id, BREACH), COUNCILLOR)
            assert await service.seen(event(message_id, BREACH))
        settle_selects = len(statements)
        statements.clear()
        for message_id in range(1, 6):
            assert await service.seen(event(message_id, BREACH))
    finally:
        sqlalchemy.event.remove(database.engine, "before_cursor_execute", count)
    assert statements == []  # seen asks memory, not the database
    assert settle_selects > 0  # (the listener does count this engine's queries)


async def test_when_a_message_is_edited_then_the_new_version_is_reviewed(
    service: ModerationService,
) -> None:
    await service.review(event(1, BREACH), COUNCILLOR)
    edit = replace(event(1, BREACH), edited=True, version=1_700_000_000)
    decision = await service.review(edit, COUNCILLOR)
    assert decision.delete
