from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from chatbot.council.file import CouncilFile
from chatbot.cover.duty import DutyBy, Gap, OnDuty
from chatbot.cover.office_hours import OfficeHours
from chatbot.cover.service import AbsenceKind, CoverError, CoverService, OverlappingAbsenceError
from chatbot.db.database import Database
from chatbot.db.models import Absence as AbsenceRow
from chatbot.members.service import MemberService

NOW = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
CLERK, ASSISTANT, MONITOR = 1001, 1003, 1005
LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def cover(database: Database) -> CoverService:
    council = CouncilFile.model_validate(
        {
            "council": {"name": "Test Parish Council"},
            "members": [
                {"telegram_id": CLERK, "name": "Jane Smith", "role": "clerk"},
                {"telegram_id": ASSISTANT, "name": "Bob Jones", "role": "assistant_clerk"},
                {"telegram_id": MONITOR, "name": "Ann Lee", "monitor": True},
            ],
        }
    )
    MemberService(database).seed(council)
    return CoverService(
        database, zone=LONDON, hours=OfficeHours.parse("Mon-Fri 09:00-17:00"), clock=lambda: NOW
    )


async def _leave(cover: CoverService, who: int, first: date, last: date) -> int:
    absence = await cover.record(
        member_id=who, kind=AbsenceKind.LEAVE, starts_on=first, ends_on=last,
        reason="  Christmas   break ", recorded_by=CLERK,
    )  # fmt: skip
    return absence.id


async def test_when_leave_is_recorded_then_cover_follows_it_and_cancelling_undoes_it(
    cover: CoverService,
) -> None:
    number = await _leave(cover, CLERK, date(2026, 12, 21), date(2027, 1, 2))
    christmas = datetime(2026, 12, 25, 12, 0, tzinfo=UTC)
    assert (await cover.duty_at(christmas)).cover == OnDuty(
        frozenset({ASSISTANT}), DutyBy.ASSISTANT_CLERK
    )
    assert (await cover.duty_at()).cover == OnDuty(frozenset({CLERK}), DutyBy.CLERK)
    listed = await cover.upcoming(member_id=CLERK)
    assert [(a.id, a.days, a.reason) for a in listed] == [(number, 13, "Christmas break")]
    await cover.cancel(number, cancelled_by=CLERK)
    assert (await cover.duty_at(christmas)).cover.by is DutyBy.CLERK  # type: ignore[union-attr]
    assert await cover.get(number) is None
    with pytest.raises(CoverError, match="no leave numbered"):
        await cover.cancel(number, cancelled_by=CLERK)


async def test_when_everyone_is_away_then_the_next_sixty_days_show_the_gap(
    cover: CoverService,
) -> None:
    await _leave(cover, CLERK, date(2026, 12, 21), date(2027, 1, 2))
    await _leave(cover, ASSISTANT, date(2026, 12, 24), date(2026, 12, 27))
    await cover.record(
        member_id=MONITOR, kind=AbsenceKind.UNAVAILABLE, starts_on=date(2026, 12, 25),
        ends_on=date(2026, 12, 26), recorded_by=MONITOR,
    )  # fmt: skip
    periods = await cover.periods(days=60)
    assert periods[0].first == date(2026, 12, 1)
    assert periods[-1].last == date(2027, 1, 29)
    found = [(p.first, p.last) for p in periods if isinstance(p.cover, Gap)]
    assert found == [(date(2026, 12, 25), date(2026, 12, 26))]


@pytest.mark.parametrize(
    ("first", "last", "message"),
    [
        (date(2026, 12, 10), date(2026, 12, 9), "ends before it starts"),
        (date(2026, 11, 1), date(2026, 11, 30), "already over"),
        (date(2026, 12, 1), date(2028, 1, 1), "at most 366 days"),
    ],
)
async def test_when_leave_makes_no_sense_then_it_is_refused_with_the_reason(
    cover: CoverService, first: date, last: date, message: str
) -> None:
    with pytest.raises(CoverError, match=message):
        await _leave(cover, CLERK, first, last)
    assert await cover.upcoming() == []


async def test_when_a_member_is_removed_then_they_are_no_longer_on_duty(
    database: Database, cover: CoverService
) -> None:
    await MemberService(database).remove(actor=CLERK, telegram_id=ASSISTANT)
    await _leave(cover, CLERK, date(2026, 12, 21), date(2027, 1, 2))
    duty = await cover.duty_at(datetime(2026, 12, 22, 10, 0, tzinfo=UTC))
    assert duty.cover == OnDuty(frozenset({MONITOR}), DutyBy.MONITORS)
    assert duty.working_time


async def test_when_leave_under_way_is_cancelled_then_it_ends_yesterday_and_its_days_stay(
    database: Database, cover: CoverService
) -> None:
    del cover  # its fixture registers the staff; this test needs a clock that moves
    clock = {"now": NOW}
    cover = CoverService(
        database, zone=LONDON, hours=OfficeHours.parse("Mon-Fri 09:00-17:00"),
        clock=lambda: clock["now"],
    )  # fmt: skip
    number = await _leave(cover, CLERK, date(2026, 12, 21), date(2027, 1, 2))
    clock["now"] = datetime(2026, 12, 28, 9, 0, tzinfo=UTC)
    shortened = await cover.cancel(number, cancelled_by=CLERK)
    assert (shortened.starts_on, shortened.ends_on) == (date(2026, 12, 21), date(2026, 12, 27))
    assert (await cover.duty_at()).cover.by is DutyBy.CLERK  # type: ignore[union-attr]
    periods = await cover.periods(first=date(2026, 12, 20), days=10)
    assert [(p.first.day, p.last.day) for p in periods] == [(20, 20), (21, 27), (28, 29)]
    assert await cover.get(number) is not None
    with pytest.raises(CoverError, match="still to come"):
        await cover.cancel(number, cancelled_by=CLERK)


async def test_when_leave_is_recorded_then_it_is_stamped_by_the_service_clock(
    database: Database, cover: CoverService
) -> None:
    await _leave(cover, CLERK, date(2026, 12, 21), date(2027, 1, 2))
    stamped = database.call(lambda s: s.scalars(select(AbsenceRow.recorded_at)).one())
    assert stamped == NOW


@pytest.mark.parametrize(
    ("first", "last"),
    [
        (date(2026, 12, 21), date(2027, 1, 2)),  # the same span again
        (date(2026, 12, 24), date(2026, 12, 24)),  # a day inside it
        (date(2026, 12, 1), date(2026, 12, 21)),  # ending on its first day
        (date(2027, 1, 2), date(2027, 1, 9)),  # starting on its last day
        (date(2026, 12, 1), date(2027, 2, 1)),  # around it
    ],
)
async def test_when_a_member_books_days_already_booked_then_it_is_refused_naming_the_booking(
    cover: CoverService, first: date, last: date
) -> None:
    number = await _leave(cover, CLERK, date(2026, 12, 21), date(2027, 1, 2))
    with pytest.raises(OverlappingAbsenceError) as refused:
        await _leave(cover, CLERK, first, last)
    assert refused.value.existing.id == number
    assert str(refused.value) == (
        f"There is already leave {number} from Mon 21 Dec 2026 to Sat 02 Jan 2027 on those days."
    )
    assert [a.id for a in await cover.upcoming()] == [number]


async def test_when_leave_is_next_to_or_instead_of_other_leave_then_it_is_booked(
    cover: CoverService,
) -> None:
    first = await _leave(cover, CLERK, date(2026, 12, 21), date(2027, 1, 2))
    await _leave(cover, CLERK, date(2027, 1, 3), date(2027, 1, 4))  # the day after
    await _leave(cover, ASSISTANT, date(2026, 12, 21), date(2027, 1, 2))  # someone else
    await cover.cancel(first, cancelled_by=CLERK)
    await _leave(cover, CLERK, date(2026, 12, 21), date(2027, 1, 2))  # cancelled: free again
    assert len(await cover.upcoming()) == 3
