"""The FOI / SAR register: references, due dates, closing, holds and reminders."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from chatbot.db.database import Database
from chatbot.db.models import Member, SentNotice
from chatbot.requests.service import (
    Hold,
    RequestError,
    RequestKind,
    RequestService,
    open_holds,
)

LONDON = ZoneInfo("Europe/London")
CLERK, ASSISTANT = 1001, 1006
# Tuesday 15 December 2026, mid-morning in the office.
NOW = datetime(2026, 12, 15, 10, 0, tzinfo=UTC)


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    """A moment on ``day`` in the council's time zone."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=LONDON)


@pytest.fixture
def service(database: Database) -> RequestService:
    return RequestService(database, zone=LONDON)


async def _foi(
    service: RequestService, received: date | None = None, *, now: datetime = NOW
) -> str:
    view = await service.open(
        kind=RequestKind.FOI,
        requester="Mrs A Example",
        subject="planning committee minutes",
        received_on=received,
        opened_by=CLERK,
        now=now,
    )
    return view.reference


async def test_when_requests_are_opened_then_references_run_per_kind_and_year(
    service: RequestService,
) -> None:
    first = await _foi(service, date(2026, 12, 14))
    second = await _foi(service, date(2026, 12, 15))
    sar = await service.open(
        kind=RequestKind.SAR,
        requester="John Example",
        subject="John Example",
        aliases=["Johnny Example", " ", "J Example"],
        received_on=date(2026, 12, 1),
        opened_by=CLERK,
        now=NOW,
    )
    later = await _foi(service, date(2027, 1, 4), now=datetime(2027, 1, 4, 10, tzinfo=UTC))
    assert (first, second, sar.reference, later) == (
        "FOI-2026-001",
        "FOI-2026-002",
        "SAR-2026-001",
        "FOI-2027-001",
    )
    assert sar.aliases == ("Johnny Example", "J Example")
    assert sar.due_on == date(2027, 1, 4)


async def test_when_an_foi_is_opened_then_its_due_date_counts_twenty_working_days(
    service: RequestService,
) -> None:
    reference = await _foi(service, date(2026, 12, 15))
    view = await service.get(reference.lower())
    assert view is not None
    assert (view.received_on, view.due_on, view.status) == (
        date(2026, 12, 15),
        date(2027, 1, 15),
        "open",
    )


async def test_when_no_date_is_given_then_received_is_today_in_the_council_time_zone(
    service: RequestService,
) -> None:
    # 23:30 UTC on 30 June is 00:30 on 1 July in London (BST).
    late_evening = datetime(2026, 6, 30, 23, 30, tzinfo=UTC)
    reference = await _foi(service, now=late_evening)
    view = await service.get(reference)
    assert view is not None
    assert view.received_on == date(2026, 7, 1)


async def test_when_the_received_date_is_in_the_future_then_the_request_is_refused(
    service: RequestService,
) -> None:
    with pytest.raises(RequestError, match="future"):
        await _foi(service, date(2026, 12, 16))
    assert await service.open_requests() == []


async def test_when_two_clerks_open_requests_at_once_then_every_reference_is_unique(
    service: RequestService,
) -> None:
    references = await asyncio.gather(*(_foi(service, date(2026, 12, 1)) for _ in range(6)))
    assert sorted(references) == [f"FOI-2026-{n:03d}" for n in range(1, 7)]


async def test_when_a_request_is_closed_then_it_leaves_the_open_list_with_who_and_when(
    service: RequestService,
) -> None:
    older = await _foi(service, date(2026, 11, 2))
    newer = await _foi(service, date(2026, 12, 1))
    assert [r.reference for r in await service.open_requests()] == [older, newer]
    closed = await service.close(newer, closed_by=ASSISTANT, now=NOW)
    assert (closed.status, closed.closed_by, closed.closed_at) == ("closed", ASSISTANT, NOW)
    assert [r.reference for r in await service.open_requests()] == [older]
    with pytest.raises(RequestError, match="already closed"):
        await service.close(newer, closed_by=CLERK)
    with pytest.raises(RequestError, match="no request FOI-2026-099"):
        await service.close("foi-2026-099", closed_by=CLERK)


async def test_when_requests_are_open_then_holds_name_a_sar_subject_and_an_foi_holds_all(
    database: Database, service: RequestService
) -> None:
    database.call(lambda s: s.add(Member(telegram_id=1004, name="Helen Moss", role="councillor")))
    foi = await _foi(service, date(2026, 12, 1))
    sar = await service.open(
        kind=RequestKind.SAR,
        requester="Helen Moss",
        subject="helen  moss",
        aliases=["H Moss"],
        received_on=date(2026, 12, 2),
        opened_by=CLERK,
        now=NOW,
    )
    stranger = await service.open(
        kind=RequestKind.SAR,
        requester="Sam Resident",
        subject="Sam Resident",
        received_on=date(2026, 12, 3),
        opened_by=CLERK,
        now=NOW,
    )
    closed = await _foi(service, date(2026, 12, 4))
    await service.close(closed, closed_by=CLERK, now=NOW)
    holds = database.call(open_holds)
    assert sorted(holds, key=lambda h: h.reference) == [
        Hold(foi, RequestKind.FOI, date(2026, 12, 1), (), None),
        Hold(sar.reference, RequestKind.SAR, date(2026, 12, 2), ("helen moss", "H Moss"), 1004),
        Hold(stranger.reference, RequestKind.SAR, date(2026, 12, 3), ("Sam Resident",), None),
    ]


async def test_when_five_working_days_remain_then_one_reminder_is_due_once(
    service: RequestService,
) -> None:
    reference = await _foi(service, date(2026, 12, 15))  # due Fri 15 Jan 2027
    assert await service.due_reminders(_at(date(2027, 1, 8), 8, 59)) == []
    morning = _at(date(2027, 1, 8), 9, 30)
    [reminder] = await service.due_reminders(morning)
    assert reminder.key == f"request:{reference}:due-5"
    assert not reminder.late
    assert "due Fri 15 Jan 2027 — 5 working days left" in reminder.text
    assert "Mrs A Example" not in reminder.text
    assert await service.mark_sent(reminder, now=morning)
    assert not await service.mark_sent(reminder, now=morning)
    assert await service.due_reminders(_at(date(2027, 1, 13), 16, 0)) == []
    [next_one] = await service.due_reminders(_at(date(2027, 1, 14), 9, 0))
    assert next_one.key == f"request:{reference}:due-1"


async def test_when_reminders_were_missed_while_down_then_only_the_newest_is_sent_marked_late(
    database: Database, service: RequestService
) -> None:
    reference = await _foi(service, date(2026, 12, 15))
    # Down from before the due-5 day until the morning of the due date, before 09:00.
    [reminder] = await service.due_reminders(_at(date(2027, 1, 15), 8, 0))
    assert (reminder.key, reminder.late) == (f"request:{reference}:due-1", True)
    assert reminder.text.startswith("Late reminder (it was due Thu 14 Jan 2027")
    assert "is due Fri 15 Jan 2027 — due today" in reminder.text  # as it stands now
    await service.mark_sent(reminder, now=_at(date(2027, 1, 15), 8, 0))
    stored = database.call(lambda s: [(n.key, n.late) for n in s.scalars(select(SentNotice))])
    assert stored == [(reminder.key, True)]


async def test_when_a_request_is_registered_after_its_due_date_then_overdue_is_sent_not_late(
    service: RequestService,
) -> None:
    opened = _at(date(2027, 2, 1), 11, 0)
    reference = await _foi(service, date(2026, 12, 15), now=opened)
    [reminder] = await service.due_reminders(opened)
    assert (reminder.key, reminder.late) == (f"request:{reference}:overdue", False)
    assert "is overdue: it was due Fri 15 Jan 2027 — OVERDUE by 11 working days" in reminder.text


async def test_when_a_request_is_closed_then_no_reminder_is_due(service: RequestService) -> None:
    reference = await _foi(service, date(2026, 12, 15))
    await service.close(reference, closed_by=CLERK, now=NOW)
    assert await service.due_reminders(_at(date(2027, 1, 15), 12, 0)) == []


async def test_when_a_sar_is_listed_then_days_left_are_calendar_days(
    service: RequestService,
) -> None:
    view = await service.open(
        kind=RequestKind.SAR,
        requester="Sam Resident",
        subject="Sam Resident",
        received_on=date(2026, 12, 1),
        opened_by=CLERK,
        now=NOW,
    )
    assert view.days_left_text(date(2026, 12, 15)) == "20 calendar days left"
    assert view.days_left_text(date(2027, 1, 4)) == "due today"
    assert view.days_left_text(date(2027, 1, 5)) == "OVERDUE by 1 calendar day"
