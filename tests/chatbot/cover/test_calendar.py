"""Calendar feeds, alert routing and the schedule file over the database (both databases)."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select, update

from chatbot.core.access import Role
from chatbot.council.file import CouncilFile
from chatbot.cover.calendar import schedule_file
from chatbot.cover.office_hours import OfficeHours
from chatbot.cover.service import AbsenceKind, CoverService
from chatbot.db.database import Database
from chatbot.db.models import CalendarFeed, Member
from chatbot.members.service import MemberService

NOW = datetime(2026, 10, 1, 10, 0, tzinfo=UTC)
CLERK, CHAIR, ASSISTANT, MONITOR = 1001, 1002, 1003, 1005
LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def members(database: Database) -> MemberService:
    council = CouncilFile.model_validate(
        {
            "council": {"name": "Test Parish Council"},
            "members": [
                {"telegram_id": CLERK, "name": "Jane Smith", "role": "clerk"},
                {"telegram_id": CHAIR, "name": "Peter Hughes", "role": "chair"},
                {"telegram_id": ASSISTANT, "name": "Bob Jones", "role": "assistant_clerk"},
                {"telegram_id": MONITOR, "name": "Ann Lee", "monitor": True},
            ],
        }
    )
    service = MemberService(database)
    service.seed(council)
    return service


@pytest.fixture
def cover(database: Database, members: MemberService) -> CoverService:
    return CoverService(
        database, zone=LONDON, hours=OfficeHours.parse("Mon-Fri 09:00-17:00"), clock=lambda: NOW
    )


async def _away(cover: CoverService, who: int, first: date, last: date) -> None:
    await cover.record(
        member_id=who,
        kind=AbsenceKind.UNAVAILABLE if who == MONITOR else AbsenceKind.LEAVE,
        starts_on=first,
        ends_on=last,
        recorded_by=CLERK,
    )


async def test_when_a_calendar_is_linked_then_its_token_finds_the_member_and_only_a_hash_is_kept(
    cover: CoverService, database: Database
) -> None:
    token = await cover.link_calendar(CLERK)
    assert await cover.calendar_member(token) == CLERK
    stored = database.call(lambda s: list(s.scalars(select(CalendarFeed.token_hash))))
    assert stored == [hashlib.sha256(token.encode()).hexdigest()]


async def test_when_a_calendar_is_linked_again_then_the_old_token_stops_working(
    cover: CoverService,
) -> None:
    old = await cover.link_calendar(CLERK)
    new = await cover.link_calendar(CLERK)
    assert await cover.calendar_member(old) is None
    assert await cover.calendar_member(new) == CLERK


async def test_when_a_calendar_is_unlinked_then_its_token_is_unknown(cover: CoverService) -> None:
    token = await cover.link_calendar(ASSISTANT)
    assert await cover.unlink_calendar(ASSISTANT)
    assert await cover.calendar_member(token) is None
    assert not await cover.unlink_calendar(ASSISTANT)


async def test_when_the_member_is_removed_then_their_calendar_token_is_unknown(
    cover: CoverService, members: MemberService
) -> None:
    token = await cover.link_calendar(MONITOR)
    await members.remove(actor=CLERK, telegram_id=MONITOR)
    assert await cover.calendar_member(token) is None
    assert await cover.calendar_member("not-a-token-at-all") is None


async def test_when_a_monitor_is_stood_down_then_their_calendar_token_stops_working(
    cover: CoverService, members: MemberService, database: Database
) -> None:
    token = await cover.link_calendar(MONITOR)
    await members.set_monitor(actor=CLERK, telegram_id=MONITOR, monitor=False)
    assert await cover.calendar_member(token) is None
    revoked = database.call(lambda s: list(s.scalars(select(CalendarFeed.revoked_at))))
    assert len(revoked) == 1
    assert revoked[0] is not None  # revoked in the database, not only refused
    await members.set_monitor(actor=CLERK, telegram_id=MONITOR, monitor=True)
    assert await cover.calendar_member(token) is None  # a new nomination needs a new link


async def test_when_the_chair_steps_down_then_their_calendar_token_stops_working(
    cover: CoverService, members: MemberService
) -> None:
    token = await cover.link_calendar(CHAIR)
    await members.change_role(actor=CLERK, telegram_id=CHAIR, role=Role.COUNCILLOR)
    assert await cover.calendar_member(token) is None
    await members.change_role(actor=CLERK, telegram_id=CHAIR, role=Role.CHAIR)
    assert await cover.calendar_member(token) is None


async def test_when_an_officer_changes_to_another_officer_role_then_the_token_keeps_working(
    cover: CoverService, members: MemberService
) -> None:
    token = await cover.link_calendar(CHAIR)
    await members.change_role(actor=CLERK, telegram_id=CHAIR, role=Role.VICE_CHAIR)
    assert await cover.calendar_member(token) == CHAIR


async def test_when_the_role_is_changed_outside_the_bot_then_the_feed_is_refused_at_once(
    cover: CoverService, database: Database
) -> None:
    # e.g. a database restored from a backup, or a hand-made fix: nothing revoked the token,
    # and every request checks the member's role as it is now.
    token = await cover.link_calendar(MONITOR)
    database.call(
        lambda s: s.execute(
            update(Member).where(Member.telegram_id == MONITOR).values(monitor=False)
        )
    )
    assert await cover.calendar_member(token) is None
    database.call(
        lambda s: s.execute(
            update(Member).where(Member.telegram_id == MONITOR).values(monitor=True)
        )
    )
    assert await cover.calendar_member(token) == MONITOR


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        # The clocks go back at 01:00 UTC on 25 Oct 2026, so until then London is UTC+1.
        (datetime(2026, 10, 24, 22, 30, tzinfo=UTC), {ASSISTANT}),  # 23:30 BST on the 24th
        (datetime(2026, 10, 24, 23, 30, tzinfo=UTC), {CLERK}),  # 00:30 BST on the 25th
    ],
)
async def test_when_leave_ends_as_the_clocks_go_back_then_alerts_follow_the_local_day(
    cover: CoverService, moment: datetime, expected: set[int]
) -> None:
    await _away(cover, CLERK, date(2026, 10, 20), date(2026, 10, 24))
    assert (await cover.alert_route(moment)).people == expected


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (datetime(2027, 3, 27, 23, 59, tzinfo=UTC), {CLERK}),
        (datetime(2027, 3, 28, 0, 30, tzinfo=UTC), {MONITOR}),  # both clerks away from the 28th
        (datetime(2027, 3, 28, 23, 30, tzinfo=UTC), {CLERK}),  # 00:30 BST on the 29th
    ],
)
async def test_when_leave_starts_as_the_clocks_go_forward_then_alerts_follow_the_local_day(
    cover: CoverService, moment: datetime, expected: set[int]
) -> None:
    await _away(cover, CLERK, date(2027, 3, 28), date(2027, 3, 28))
    await _away(cover, ASSISTANT, date(2027, 3, 28), date(2027, 3, 28))
    assert (await cover.alert_route(moment)).people == expected


async def test_when_nobody_is_on_duty_then_the_clerk_and_chair_get_the_alert_with_the_gap(
    cover: CoverService,
) -> None:
    day = date(2026, 12, 24)
    for who in (CLERK, ASSISTANT, MONITOR):
        await _away(cover, who, day, day)
    route = await cover.alert_route(datetime(2026, 12, 24, 12, 0, tzinfo=UTC))
    assert route.people == {CLERK, CHAIR}
    assert route.gap == "the Clerk and Assistant Clerk are away and every monitor is unavailable"


async def test_when_the_schedule_file_is_made_then_it_holds_leave_cover_and_gaps(
    cover: CoverService, members: MemberService
) -> None:
    await _away(cover, CLERK, date(2026, 10, 5), date(2026, 10, 9))
    await _away(cover, ASSISTANT, date(2026, 10, 8), date(2026, 10, 9))
    await _away(cover, MONITOR, date(2026, 10, 9), date(2026, 10, 9))
    text = (await schedule_file(cover, members, council="Test", now=NOW)).decode()
    assert "SUMMARY:Leave: Jane Smith\r\n" in text
    assert "SUMMARY:Unavailable: Ann Lee\r\n" in text
    assert "UID:cover-2026-10-05-assistant_clerk@councilbot\r\n" in text
    assert "UID:cover-2026-10-08-monitors@councilbot\r\n" in text
    assert "UID:cover-2026-10-09-gap@councilbot\r\n" in text
    assert text.count("BEGIN:VEVENT") == 6  # three absences, two cover periods, one gap
