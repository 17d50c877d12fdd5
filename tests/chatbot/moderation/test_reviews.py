"""Review requests: stored once per removed message, listed while open, resolved by whom may."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from chatbot.core.access import Role
from chatbot.council.file import CouncilFile
from chatbot.cover.duty import DutyBy, Gap, OnDuty
from chatbot.cover.office_hours import OfficeHours
from chatbot.cover.service import AbsenceKind, CoverService
from chatbot.db.database import Database
from chatbot.db.models import ModerationEvent, ReviewRequest
from chatbot.members.service import MemberService
from chatbot.moderation.reviews import (
    ReviewError,
    ReviewOutcome,
    ReviewService,
    may_act_on_duty,
)

NOW = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
CLERK, ASSISTANT, COUNCILLOR, MONITOR = 1001, 1003, 1004, 1005
GROUP = -1001234567890
LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def cover(database: Database) -> CoverService:
    council = CouncilFile.model_validate(
        {
            "council": {"name": "Test Parish Council"},
            "members": [
                {"telegram_id": CLERK, "name": "Jane Smith", "role": "clerk"},
                {"telegram_id": ASSISTANT, "name": "Bob Jones", "role": "assistant_clerk"},
                {"telegram_id": COUNCILLOR, "name": "Helen Moss"},
                {"telegram_id": MONITOR, "name": "Ann Lee", "monitor": True},
            ],
        }
    )
    MemberService(database).seed(council)
    return CoverService(
        database, zone=LONDON, hours=OfficeHours.parse("Mon-Fri 09:00-17:00"), clock=lambda: NOW
    )


@pytest.fixture
def reviews(database: Database, cover: CoverService) -> ReviewService:
    return ReviewService(database, cover=cover, clock=lambda: NOW)


def _removed(
    database: Database,
    message_id: int,
    *,
    sender: int = COUNCILLOR,
    action: str = "block",
    rules: str = "abuse,personal_data",
    version: int = 0,
) -> None:
    database.call(
        lambda s: s.add(
            ModerationEvent(
                at=NOW,
                chat_telegram_id=GROUP,
                message_id=message_id,
                telegram_user_id=sender,
                version=version,
                action=action,
                rules=rules,
            )
        )
    )


async def test_when_the_sender_asks_twice_then_there_is_one_request_with_the_removal_rules(
    database: Database, reviews: ReviewService
) -> None:
    _removed(database, 10)
    first = await reviews.request(chat_id=GROUP, message_id=10, sender_id=COUNCILLOR)
    again = await reviews.request(chat_id=GROUP, message_id=10, sender_id=COUNCILLOR)
    assert first is not None
    assert again is not None
    assert first.created
    assert not again.created
    assert again.review.id == first.review.id
    assert first.review.rules == ("abuse", "personal_data")
    assert first.review.requested_at == NOW
    assert database.call(lambda s: s.scalar(select(func.count(ReviewRequest.id)))) == 1


async def test_when_pressed_twice_at_once_then_there_is_still_one_request(
    database: Database, reviews: ReviewService
) -> None:
    _removed(database, 10)
    both = await asyncio.gather(
        reviews.request(chat_id=GROUP, message_id=10, sender_id=COUNCILLOR),
        reviews.request(chat_id=GROUP, message_id=10, sender_id=COUNCILLOR),
    )
    assert len({r.review.id for r in both if r is not None}) == 1
    assert database.call(lambda s: s.scalar(select(func.count(ReviewRequest.id)))) == 1


async def test_when_no_removal_of_the_senders_message_is_recorded_then_nothing_is_stored(
    database: Database, reviews: ReviewService
) -> None:
    _removed(database, 10)
    _removed(database, 11, action="warn")
    assert await reviews.request(chat_id=GROUP, message_id=10, sender_id=MONITOR) is None
    assert await reviews.request(chat_id=GROUP, message_id=11, sender_id=COUNCILLOR) is None
    assert await reviews.request(chat_id=GROUP, message_id=12, sender_id=COUNCILLOR) is None
    assert await reviews.open() == []


async def test_when_an_edited_version_was_removed_then_the_request_is_for_that_version(
    database: Database, reviews: ReviewService
) -> None:
    _removed(database, 10, action="allow", rules="", version=0)
    _removed(database, 10, rules="abuse", version=1_764_000_000)
    made = await reviews.request(chat_id=GROUP, message_id=10, sender_id=COUNCILLOR)
    assert made is not None
    assert (made.review.version, made.review.rules) == (1_764_000_000, ("abuse",))


async def test_when_a_request_is_resolved_then_it_is_no_longer_open_and_cannot_be_again(
    database: Database, reviews: ReviewService
) -> None:
    _removed(database, 10)
    _removed(database, 11, rules="abuse")
    first = await reviews.request(chat_id=GROUP, message_id=10, sender_id=COUNCILLOR)
    second = await reviews.request(chat_id=GROUP, message_id=11, sender_id=COUNCILLOR)
    assert first is not None
    assert second is not None
    assert [r.id for r in await reviews.open()] == [first.review.id, second.review.id]
    done = await reviews.resolve(
        first.review.id, by=CLERK, outcome=ReviewOutcome.REINSTATED, note="  fine   after all "
    )
    assert (done.outcome, done.resolved_by, done.resolved_at, done.note) == (
        ReviewOutcome.REINSTATED,
        CLERK,
        NOW,
        "fine after all",
    )
    assert not done.is_open
    assert [r.id for r in await reviews.open()] == [second.review.id]
    with pytest.raises(ReviewError, match="already resolved"):
        await reviews.resolve(first.review.id, by=CLERK, outcome=ReviewOutcome.UPHELD)
    with pytest.raises(ReviewError, match="no review request 999"):
        await reviews.resolve(999, by=CLERK, outcome=ReviewOutcome.UPHELD)
    again = await reviews.request(chat_id=GROUP, message_id=10, sender_id=COUNCILLOR)
    assert again is not None
    assert (again.created, again.review.is_open) == (False, False)


def test_when_deciding_who_may_act_then_clerks_always_and_monitors_only_on_duty() -> None:
    clerk_on_duty = OnDuty(frozenset({CLERK}), DutyBy.CLERK)
    monitors_on_duty = OnDuty(frozenset({MONITOR}), DutyBy.MONITORS)
    gap = Gap("everyone is away")
    assert may_act_on_duty(Role.CLERK, CLERK, gap)
    assert may_act_on_duty(Role.ASSISTANT_CLERK, ASSISTANT, clerk_on_duty)
    assert may_act_on_duty(Role.COUNCILLOR, MONITOR, monitors_on_duty)
    assert not may_act_on_duty(Role.COUNCILLOR, MONITOR, clerk_on_duty)
    assert not may_act_on_duty(Role.COUNCILLOR, MONITOR, gap)
    assert not may_act_on_duty(Role.COUNCILLOR, COUNCILLOR, monitors_on_duty)
    assert not may_act_on_duty(Role.CHAIR, 1002, monitors_on_duty)


async def test_when_both_clerks_are_away_then_the_monitor_may_act_and_a_councillor_not(
    cover: CoverService, reviews: ReviewService
) -> None:
    assert not await reviews.may_act(Role.COUNCILLOR, MONITOR)
    for clerk in (CLERK, ASSISTANT):
        await cover.record(
            member_id=clerk,
            kind=AbsenceKind.LEAVE,
            starts_on=date(2026, 12, 1),
            ends_on=date(2026, 12, 2),
            recorded_by=CLERK,
        )
    assert await reviews.may_act(Role.COUNCILLOR, MONITOR)
    assert not await reviews.may_act(Role.COUNCILLOR, COUNCILLOR)
    assert await reviews.may_act(Role.CLERK, CLERK)
    later = datetime(2026, 12, 3, 10, 0, tzinfo=UTC)
    assert not await reviews.may_act(Role.COUNCILLOR, MONITOR, now=later)
