"""Leave cover notices: each sent once, late ones marked late, restarts, clock changes, gaps.

Real database (SQLite and PostgreSQL), the loopback fake Bot API, and an injected clock. A
fresh :class:`CoverNoticeService` is what a restarted bot builds: it knows only the database.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select, update
from telegram import Bot

from chatbot.council.file import Chat, CouncilFile, CouncilSection, CoverSection, Member
from chatbot.cover.notice_service import MAX_UNREACHABLE_ATTEMPTS, CoverNoticeService
from chatbot.cover.notices import month_before
from chatbot.cover.service import AbsenceKind, CoverService
from chatbot.db.database import Database
from chatbot.db.models import Absence as AbsenceRow
from chatbot.db.models import ModerationEvent, SentNotice, Strike
from chatbot.members.service import MemberService
from chatbot.moderation.reviews import ReviewOutcome, ReviewService
from chatbot.record.service import NewEntry, RecordService
from chatbot.requests.service import RequestKind, RequestService
from chatbot.telegram.outbox import TelegramOutbox
from testing.fakes.telegram import FakeTelegram

LONDON = ZoneInfo("Europe/London")
CLERK, CHAIR, ASSISTANT, COUNCILLOR, MONITOR, MONITOR_2 = 1001, 1002, 1003, 1004, 1005, 1006
GROUP = -100
REVIEW_ON = date(2027, 5, 1)


def _local(day: date, hour: int, minute: int = 0) -> datetime:
    """A moment on ``day`` in London."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=LONDON)


def council(*, tell_group: bool = False, assistant: bool = True) -> CouncilFile:
    members = [
        Member(telegram_id=CLERK, name="Jane Smith", role="clerk"),
        Member(telegram_id=CHAIR, name="Peter Hughes", role="chair"),
        Member(telegram_id=COUNCILLOR, name="Helen Moss", role="councillor"),
        Member(telegram_id=MONITOR, name="Ann Green", role="councillor", monitor=True),
        Member(telegram_id=MONITOR_2, name="Bob Field", role="councillor", monitor=True),
    ]
    if assistant:
        members.append(Member(telegram_id=ASSISTANT, name="Sam Lee", role="assistant_clerk"))
    return CouncilFile(
        council=CouncilSection(name="Barton-le-Clay Parish Council", policy_review_date=REVIEW_ON),
        members=tuple(members),
        chats=(Chat(telegram_id=GROUP, title="Councillors", official=True),),
        cover=CoverSection(tell_group=tell_group),
    )


@dataclass
class Clock:
    now: datetime

    def __call__(self) -> datetime:
        return self.now


@dataclass
class Harness:
    database: Database
    fake: FakeTelegram
    bot: TelegramOutbox  # the digest and notices go out through the one outbox
    clock: Clock
    cover: CoverService
    council: CouncilFile
    notices: CoverNoticeService

    def restart(self) -> CoverNoticeService:
        """The notices as a freshly started bot has them: nothing but the database."""
        self.notices = CoverNoticeService(self.database, council=self.council, clock=self.clock)
        return self.notices

    async def tick(self, at: datetime) -> list[str]:
        """Run the job at ``at``; the keys it delivered."""
        self.clock.now = at
        return [n.key for n in await self.notices.run(self.bot)]

    async def away(
        self,
        member: int,
        first: date,
        last: date,
        reason: str = "",
        *,
        recorded: datetime | None = None,
    ) -> None:
        """Record leave (unavailability, for a monitor) as if at ``recorded``."""
        kind = AbsenceKind.UNAVAILABLE if member in {MONITOR, MONITOR_2} else AbsenceKind.LEAVE
        view = await self.cover.record(
            member_id=member,
            kind=kind,
            starts_on=first,
            ends_on=last,
            reason=reason,
            recorded_by=CLERK,
        )
        when = recorded or self.clock.now
        self.database.call(
            lambda s: s.execute(
                update(AbsenceRow).where(AbsenceRow.id == view.id).values(recorded_at=when)
            )
        )

    def texts(self, chat: int) -> list[str]:
        return [
            str(c.params.get("text", ""))
            for c in self.fake.calls_to("sendMessage")
            if int(str(c.params.get("chat_id"))) == chat
        ]

    def late(self) -> dict[str, bool]:
        """Every notice marked sent, and whether it was late."""
        rows = self.database.call(
            lambda s: s.execute(select(SentNotice.key, SentNotice.late)).all()
        )
        return dict(rows)


async def _harness(
    database: Database, fake: FakeTelegram, file: CouncilFile, now: datetime
) -> AsyncIterator[Harness]:
    MemberService(database).seed(file)
    clock = Clock(now)
    cover = CoverService(database, zone=LONDON, hours=file.council.hours, clock=clock)
    async with Bot(fake.token, base_url=f"{fake.base_url}/bot") as bot:
        yield Harness(
            database=database,
            fake=fake,
            bot=TelegramOutbox(bot),
            clock=clock,
            cover=cover,
            council=file,
            notices=CoverNoticeService(database, council=file, clock=clock),
        )


RECORDED = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
LEAVE_FIRST, LEAVE_LAST = date(2026, 12, 14), date(2026, 12, 18)  # Monday to Friday


@pytest.fixture
async def harness(database: Database, fake_telegram: FakeTelegram) -> AsyncIterator[Harness]:
    async for h in _harness(database, fake_telegram, council(), RECORDED):
        yield h


@pytest.fixture
async def group_harness(database: Database, fake_telegram: FakeTelegram) -> AsyncIterator[Harness]:
    async for h in _harness(database, fake_telegram, council(tell_group=True), RECORDED):
        yield h


BEFORE_KEY = "cover:2026-12-14:1003:before"
HANDOVER_KEY = "cover:2026-12-14:1003:handover"
SUMMARY_KEY = "cover:2026-12-14:1001:end"


async def test_when_the_clerk_takes_leave_then_the_assistant_clerk_is_told_the_day_before_once(
    harness: Harness,
) -> None:
    await harness.away(CLERK, LEAVE_FIRST, LEAVE_LAST, "Christmas shopping")
    assert await harness.tick(_local(date(2026, 12, 13), 7, 59)) == []
    assert await harness.tick(_local(date(2026, 12, 13), 8, 0)) == [BEFORE_KEY]
    assert await harness.tick(_local(date(2026, 12, 13), 9, 0)) == []
    assert await harness.restart().run(harness.bot) == []
    (text,) = harness.texts(ASSISTANT)
    assert text.startswith("Cover starts tomorrow. The Clerk is away (Christmas shopping)")
    assert "as the Assistant Clerk from Mon 14 Dec 2026 to Fri 18 Dec 2026" in text
    assert harness.texts(CLERK) == []
    assert harness.late() == {BEFORE_KEY: False}


async def test_when_cover_starts_then_the_handover_lists_removals_and_deadlines_without_names(
    harness: Harness,
) -> None:
    await harness.away(CLERK, LEAVE_FIRST, LEAVE_LAST)
    requests = RequestService(harness.database, zone=LONDON)
    await requests.open(
        kind=RequestKind.FOI,
        requester="Mrs A Example",
        subject="planning minutes",
        received_on=date(2026, 12, 1),
        opened_by=CLERK,
        now=RECORDED,
    )
    removed_at = datetime(2026, 12, 10, 12, tzinfo=UTC)
    harness.database.call(
        lambda s: s.add_all(
            ModerationEvent(
                at=removed_at - timedelta(days=days),
                chat_telegram_id=GROUP,
                message_id=n,
                telegram_user_id=COUNCILLOR,
                action=action,
                rules=rules,
            )
            for n, (days, action, rules) in enumerate(
                [
                    (0, "block", "abuse"),
                    (1, "block", "abuse,personal_data"),
                    (2, "warn", "abuse"),
                    (20, "block", "abuse"),  # too long ago
                ]
            )
        )
    )
    reviews = ReviewService(harness.database, cover=harness.cover)
    asked = [
        await reviews.request(chat_id=GROUP, message_id=n, sender_id=COUNCILLOR, now=removed_at)
        for n in (0, 1, 3)
    ]
    assert all(a is not None for a in asked)
    numbers = [a.review.id for a in asked if a is not None]
    await reviews.resolve(numbers[0], by=CLERK, outcome=ReviewOutcome.UPHELD, now=removed_at)
    await harness.tick(_local(date(2026, 12, 13), 8, 0))
    assert await harness.tick(_local(LEAVE_FIRST, 7, 59)) == []
    assert await harness.tick(_local(LEAVE_FIRST, 8, 0)) == [HANDOVER_KEY]
    handover = harness.texts(ASSISTANT)[-1]
    assert handover.startswith("Handover. The Clerk is away: you are on duty")
    assert "Posts removed in the last 14 days: 2 (abuse 2, personal_data 1)." in handover
    assert "Open review requests (2):" in handover
    assert f"- {numbers[1]}, asked Thu 10 Dec 2026: abuse, personal_data" in handover
    assert f"- {numbers[2]}, asked Thu 10 Dec 2026: abuse" in handover
    assert f"- {numbers[0]}," not in handover
    assert "- FOI-2026-001 (FOI), due Thu 31 Dec 2026" in handover
    assert "Mrs A Example" not in handover
    assert await harness.tick(_local(LEAVE_FIRST, 8, 1)) == []


async def test_when_the_bot_restarts_mid_leave_then_nothing_repeats_and_the_clerk_gets_a_summary(
    harness: Harness,
) -> None:
    await harness.away(CLERK, LEAVE_FIRST, LEAVE_LAST, "Christmas shopping")
    await harness.tick(_local(date(2026, 12, 13), 8, 0))
    await harness.tick(_local(LEAVE_FIRST, 8, 0))
    during = datetime(2026, 12, 16, 11, tzinfo=UTC)
    harness.database.call(
        lambda s: s.add_all(
            [
                Strike(
                    telegram_user_id=COUNCILLOR,
                    chat_telegram_id=GROUP,
                    message_id=1,
                    rules="abuse",
                    at=during,
                ),
                ModerationEvent(
                    at=during,
                    chat_telegram_id=GROUP,
                    message_id=1,
                    telegram_user_id=COUNCILLOR,
                    action="block",
                    rules="abuse",
                ),
            ]
        )
    )
    record = RecordService(harness.database, clock=lambda: during)
    for n in (1, 2):
        await record.append(
            NewEntry(
                kind="message", occurred_at=during, text=f"entry {n}", chat_id=GROUP, message_id=n
            )
        )
    await RequestService(harness.database, zone=LONDON).open(
        kind=RequestKind.SAR,
        requester="John Example",
        subject="John Example",
        received_on=date(2026, 12, 15),
        opened_by=ASSISTANT,
        now=during,
    )
    reviews = ReviewService(harness.database, cover=harness.cover)
    asked = await reviews.request(chat_id=GROUP, message_id=1, sender_id=COUNCILLOR, now=during)
    assert asked is not None
    await reviews.resolve(
        asked.review.id, by=ASSISTANT, outcome=ReviewOutcome.REINSTATED, now=during
    )
    harness.restart()
    assert await harness.tick(during) == []
    assert await harness.tick(_local(date(2026, 12, 19), 7, 59)) == []
    assert await harness.tick(_local(date(2026, 12, 19), 8, 0)) == [SUMMARY_KEY]
    harness.restart()
    assert await harness.tick(_local(date(2026, 12, 19), 12, 0)) == []
    assert len(harness.texts(ASSISTANT)) == 2  # the day before, and the handover
    (summary,) = harness.texts(CLERK)
    assert summary.startswith(
        "Welcome back. While you were away from Mon 14 Dec 2026 to Fri 18 Dec 2026:"
    )
    assert "- from Mon 14 Dec 2026 to Fri 18 Dec 2026: Sam Lee covered" in summary
    assert "Posts removed: 1 (abuse 1)." in summary
    assert "Strikes: 1 against 1 sender." in summary
    assert "Official record entries added: 2." in summary
    assert "Review requests: 1 received, 1 resolved." in summary
    assert "- SAR-2026-001 (SAR), due Fri 15 Jan 2027" in summary
    assert "John Example" not in summary


async def test_when_a_long_leave_began_weeks_ago_then_a_restart_repeats_nothing(
    harness: Harness,
) -> None:
    first, last = date(2026, 11, 2), date(2027, 1, 8)  # longer than any look-back
    harness.clock.now = _local(first, 12)
    await harness.away(CLERK, first, last, recorded=datetime(2026, 10, 1, tzinfo=UTC))
    assert await harness.tick(_local(first, 12)) == ["cover:2026-11-02:1003:handover"]
    for day in (date(2026, 11, 30), date(2026, 12, 20), last):
        harness.restart()
        assert await harness.tick(_local(day, 9)) == []
    harness.restart()
    assert await harness.tick(_local(date(2027, 1, 9), 8)) == ["cover:2026-11-02:1001:end"]
    assert "from Mon 02 Nov 2026 to Fri 08 Jan 2027" in harness.texts(CLERK)[0]


async def test_when_nobody_could_ever_be_on_duty_then_the_chair_is_alerted_once(
    database: Database, fake_telegram: FakeTelegram
) -> None:
    file = CouncilFile(
        council=CouncilSection(name="Barton-le-Clay Parish Council"),
        members=(Member(telegram_id=CHAIR, name="Peter Hughes", role="chair"),),
    )
    async for harness in _harness(database, fake_telegram, file, RECORDED):
        assert await harness.tick(RECORDED) == ["gap:standing:to:1002"]
        assert await harness.tick(RECORDED + timedelta(days=1)) == []
        (alert,) = harness.texts(CHAIR)
        assert alert.startswith("Cover gap: nobody is on duty for the council's accounts at all")


async def test_when_the_bot_was_down_when_notices_fell_due_then_they_are_sent_late_marked_late(
    harness: Harness,
) -> None:
    await harness.away(CLERK, LEAVE_FIRST, LEAVE_LAST)
    assert await harness.tick(_local(date(2026, 12, 13), 15, 0)) == [BEFORE_KEY]
    (before,) = harness.texts(ASSISTANT)
    assert before.startswith("Sent late (this was due Sun 13 Dec 2026 at 08:00).\nCover starts")
    assert await harness.tick(_local(date(2026, 12, 20), 9, 0)) == [SUMMARY_KEY]  # no handover
    assert harness.texts(CLERK)[0].startswith("Sent late (this was due Sat 19 Dec 2026 at 08:00)")
    assert harness.late() == {BEFORE_KEY: True, SUMMARY_KEY: True}


async def test_when_the_bot_was_down_until_cover_began_then_only_the_handover_is_sent_late(
    harness: Harness,
) -> None:
    await harness.away(CLERK, LEAVE_FIRST, LEAVE_LAST)
    assert await harness.tick(_local(date(2026, 12, 15), 10, 0)) == [HANDOVER_KEY]
    assert harness.late() == {HANDOVER_KEY: True}


async def test_when_leave_is_recorded_after_its_notice_time_then_the_notice_is_not_late(
    harness: Harness,
) -> None:
    recorded = _local(date(2026, 12, 13), 14, 0)
    harness.clock.now = recorded
    await harness.away(CLERK, LEAVE_FIRST, LEAVE_LAST, recorded=recorded)
    assert await harness.tick(recorded + timedelta(minutes=1)) == [BEFORE_KEY]
    assert harness.late() == {BEFORE_KEY: False}
    assert harness.texts(ASSISTANT)[0].startswith("Cover starts tomorrow.")


# The clocks change at 01:00 UTC: forward on 29 Mar 2026 and 28 Mar 2027, back on 25 Oct 2026.
# 08:00 in London is 07:00 UTC in summer time (BST) and 08:00 UTC in winter (GMT).
CLOCK_CHANGES = [
    # (the day, 08:00 the day before in UTC, 08:00 on the day in UTC)
    (date(2026, 3, 29), datetime(2026, 3, 28, 8, tzinfo=UTC), datetime(2026, 3, 29, 7, tzinfo=UTC)),
    (
        date(2026, 10, 25),
        datetime(2026, 10, 24, 7, tzinfo=UTC),
        datetime(2026, 10, 25, 8, tzinfo=UTC),
    ),
    (date(2027, 3, 28), datetime(2027, 3, 27, 8, tzinfo=UTC), datetime(2027, 3, 28, 7, tzinfo=UTC)),
]


@pytest.mark.parametrize(("day", "eve", "morning"), CLOCK_CHANGES)
async def test_when_leave_starts_on_a_clock_change_day_then_notices_come_at_eight_local_time(
    database: Database,
    fake_telegram: FakeTelegram,
    day: date,
    eve: datetime,
    morning: datetime,
) -> None:
    recorded = datetime(day.year, day.month, 1, tzinfo=UTC)
    async for harness in _harness(database, fake_telegram, council(), recorded):
        await harness.away(CLERK, day, day + timedelta(days=2))
        second = timedelta(seconds=1)
        first = day.isoformat()
        assert await harness.tick(eve - second) == []
        assert await harness.tick(eve) == [f"cover:{first}:1003:before"]
        assert await harness.tick(morning - second) == []
        assert await harness.tick(morning) == [f"cover:{first}:1003:handover"]
        assert harness.late() == {
            f"cover:{first}:1003:before": False,
            f"cover:{first}:1003:handover": False,
        }


@pytest.mark.parametrize(("day", "eve", "morning"), CLOCK_CHANGES)
async def test_when_leave_ends_the_day_before_a_clock_change_then_the_summary_comes_at_eight(
    database: Database,
    fake_telegram: FakeTelegram,
    day: date,
    eve: datetime,
    morning: datetime,
) -> None:
    del eve
    recorded = datetime(day.year, day.month, 1, tzinfo=UTC)
    async for harness in _harness(database, fake_telegram, council(), recorded):
        first = day - timedelta(days=3)
        await harness.away(CLERK, first, day - timedelta(days=1))
        harness.clock.now = _local(first, 12)
        await harness.notices.run(harness.bot)  # the handover
        key = f"cover:{first.isoformat()}:1001:end"
        assert await harness.tick(morning - timedelta(seconds=1)) == []
        assert await harness.tick(morning) == [key]
        assert harness.late()[key] is False


GAP_FIRST, GAP_LAST = date(2026, 12, 31), date(2027, 1, 1)


async def _gap(harness: Harness) -> None:
    """Both clerks away 28 Dec to 2 Jan, both monitors unavailable over New Year."""
    await harness.away(CLERK, date(2026, 12, 28), date(2027, 1, 2), "Christmas")
    await harness.away(ASSISTANT, date(2026, 12, 28), date(2027, 1, 2))
    await harness.away(MONITOR, GAP_FIRST, GAP_LAST)
    await harness.away(MONITOR_2, GAP_FIRST, GAP_LAST)


async def test_when_nobody_is_on_duty_thirty_days_ahead_then_the_clerk_and_chair_are_alerted_once(
    harness: Harness,
) -> None:
    await _gap(harness)
    assert await harness.tick(_local(date(2026, 12, 1), 7, 59)) == []  # 31 days ahead
    keys = await harness.tick(_local(date(2026, 12, 1), 8, 0))
    assert keys == [
        "gap:2026-12-31:2027-01-01:to:1001",
        "gap:2026-12-31:2027-01-01:to:1002",
    ]
    for person in (CLERK, CHAIR):
        (alert,) = harness.texts(person)
        assert alert == (
            "Cover gap: nobody is on duty for the council's accounts from Thu 31 Dec 2026 to "
            "Fri 01 Jan 2027: the Clerk and Assistant Clerk are away and every monitor is "
            "unavailable. Nominate a monitor (/monitor) or change the leave (/leave)."
        )
    assert await harness.tick(_local(date(2026, 12, 2), 8, 0)) == []
    assert await harness.restart().run(harness.bot) == []
    assert harness.late() == dict.fromkeys(keys, False)


async def test_when_a_gap_changes_then_the_new_gap_is_alerted_once(harness: Harness) -> None:
    await _gap(harness)
    await harness.tick(_local(date(2026, 12, 1), 8, 0))
    await harness.away(CHAIR, date(2026, 12, 2), date(2026, 12, 2))  # not on duty: no change
    assert await harness.tick(_local(date(2026, 12, 1), 9, 0)) == []
    await harness.away(MONITOR, date(2027, 1, 2), date(2027, 1, 2))
    await harness.away(MONITOR_2, date(2027, 1, 2), date(2027, 1, 2))
    assert await harness.tick(_local(date(2026, 12, 4), 8, 0)) == [
        "gap:2026-12-31:2027-01-02:to:1001",
        "gap:2026-12-31:2027-01-02:to:1002",
    ]
    assert "to Sat 02 Jan 2027" in harness.texts(CHAIR)[-1]


async def test_when_a_gap_is_ongoing_when_recorded_then_it_is_alerted_at_once_not_late(
    harness: Harness,
) -> None:
    now = _local(date(2026, 12, 10), 15, 0)
    harness.clock.now = now
    await harness.away(CLERK, date(2026, 12, 10), date(2026, 12, 11))
    await harness.away(ASSISTANT, date(2026, 12, 10), date(2026, 12, 11))
    await harness.away(MONITOR, date(2026, 12, 10), date(2026, 12, 11))
    await harness.away(MONITOR_2, date(2026, 12, 10), date(2026, 12, 11))
    keys = await harness.tick(now + timedelta(minutes=1))
    assert "gap:2026-12-10:2026-12-11:to:1002" in keys
    assert harness.late()["gap:2026-12-10:2026-12-11:to:1002"] is False


async def test_when_the_policy_review_nears_then_the_clerk_is_reminded_a_month_before_and_on_it(
    harness: Harness,
) -> None:
    month = "policy-review:2027-05-01:month-before:to:1001"
    day = "policy-review:2027-05-01:on-the-day:to:1001"
    assert await harness.tick(_local(date(2027, 4, 1), 7, 59)) == []
    assert await harness.tick(_local(date(2027, 4, 1), 8, 0)) == [month]
    assert await harness.tick(_local(date(2027, 4, 20), 8, 0)) == []
    assert await harness.restart().run(harness.bot) == []
    assert await harness.tick(_local(REVIEW_ON, 7, 59)) == []
    assert await harness.tick(_local(REVIEW_ON, 8, 0)) == [day]
    assert await harness.tick(_local(REVIEW_ON, 12, 0)) == []
    first, second = harness.texts(CLERK)
    assert first.startswith(
        "Policy review: the social media policy is due for review in a month, on Sat 01 May 2027."
    )
    assert second.startswith("Policy review: the social media policy is due for review today")
    assert harness.texts(ASSISTANT) == []


def test_when_a_month_is_shorter_then_a_month_before_is_its_last_day() -> None:
    assert month_before(date(2027, 3, 31)) == date(2027, 2, 28)
    assert month_before(date(2027, 1, 15)) == date(2026, 12, 15)
    assert month_before(REVIEW_ON) == date(2027, 4, 1)


async def test_when_a_covering_person_never_started_the_bot_then_retries_are_bounded(
    harness: Harness,
) -> None:
    await harness.away(CLERK, LEAVE_FIRST, LEAVE_LAST)
    harness.fake.fail_next(
        "sendMessage",
        403,
        "Forbidden: bot can't initiate conversation with a user",
        times=MAX_UNREACHABLE_ATTEMPTS,
    )
    at = _local(date(2026, 12, 13), 8, 0)
    for minute in range(MAX_UNREACHABLE_ATTEMPTS + 3):
        assert await harness.tick(at + timedelta(minutes=minute)) == []
    assert len(harness.fake.calls_to("sendMessage")) == MAX_UNREACHABLE_ATTEMPTS
    assert harness.late() == {}
    harness.restart()  # a restart tries again (the person has started the bot since)
    assert await harness.tick(at + timedelta(minutes=30)) == [BEFORE_KEY]
    assert len(harness.fake.calls_to("sendMessage")) == MAX_UNREACHABLE_ATTEMPTS + 1


async def test_when_a_network_error_happens_then_the_notice_is_sent_on_a_later_tick(
    harness: Harness,
) -> None:
    await harness.away(CLERK, LEAVE_FIRST, LEAVE_LAST)
    harness.fake.fail_next("sendMessage", 502, "Bad Gateway", times=1)
    at = _local(date(2026, 12, 13), 8, 0)
    assert await harness.tick(at) == []
    assert await harness.tick(at + timedelta(minutes=1)) == [BEFORE_KEY]


async def test_when_the_group_is_to_be_told_then_it_hears_who_covers_once(
    group_harness: Harness,
) -> None:
    harness = group_harness
    await harness.away(CLERK, LEAVE_FIRST, LEAVE_LAST)
    await harness.away(ASSISTANT, date(2026, 12, 17), LEAVE_LAST)
    await harness.tick(_local(LEAVE_FIRST, 8, 0))
    await harness.tick(_local(date(2026, 12, 17), 8, 0))
    await harness.tick(_local(date(2026, 12, 17), 9, 0))
    assert harness.texts(GROUP) == [
        (
            "The Clerk is away from Mon 14 Dec 2026 to Wed 16 Dec 2026: Sam Lee is covering the "
            "council's accounts."
        ),
        (
            "The Clerk is away from Thu 17 Dec 2026 to Fri 18 Dec 2026: Ann Green and Bob Field "
            "are covering the council's accounts."
        ),
    ]
    handover = [t for t in harness.texts(MONITOR) if t.startswith("Handover")]
    assert len(handover) == 1
    assert (
        "as a nominated monitor from Thu 17 Dec 2026 to Fri 18 Dec 2026, with Bob Field"
        in (handover[0])
    )


async def test_when_the_group_is_not_to_be_told_then_it_hears_nothing(harness: Harness) -> None:
    await harness.away(CLERK, LEAVE_FIRST, LEAVE_LAST)
    await harness.tick(_local(LEAVE_FIRST, 8, 0))
    assert harness.texts(GROUP) == []


# out of office --------------------------------------------------------------------------

SATURDAY = _local(date(2026, 12, 5), 10, 0)


async def test_when_a_member_asks_for_the_clerk_out_of_hours_then_the_notice_is_due_once_a_day(
    harness: Harness,
) -> None:
    notices = harness.notices
    notice = await notices.out_of_office(
        person=COUNCILLOR, text="Can the Clerk call me?", now=SATURDAY
    )
    assert notice is not None
    assert notice.text == (
        "Out of office: the Clerk works Mon-Fri 09:00-17:00 (not on bank holidays), so your "
        "message may not be read until then. The Clerk's next working time is Mon 07 Dec 2026 "
        "at 09:00. I still check drafts at any time."
    )
    assert await notices.deliver(harness.bot, [notice], now=SATURDAY) == [notice]
    later = SATURDAY + timedelta(hours=5)
    assert await notices.out_of_office(person=COUNCILLOR, text="URGENT please", now=later) is None
    sunday = SATURDAY + timedelta(days=1)
    assert await notices.out_of_office(person=COUNCILLOR, text="jane?", now=sunday) is not None


@pytest.mark.parametrize(
    ("person", "text", "at"),
    [
        (COUNCILLOR, "Can the Clerk call me?", _local(date(2026, 12, 7), 10, 0)),  # office open
        (COUNCILLOR, "Draft about the allotments", SATURDAY),  # not asking for the Clerk
        (COUNCILLOR, "Janet says hello", SATURDAY),  # not the Clerk's name
        (CLERK, "clerk", SATURDAY),  # the Clerk herself
    ],
)
async def test_when_a_message_is_in_hours_or_not_for_the_clerk_then_no_notice_is_due(
    harness: Harness, person: int, text: str, at: datetime
) -> None:
    assert await harness.notices.out_of_office(person=person, text=text, now=at) is None


async def test_when_office_hours_close_for_a_bank_holiday_then_the_next_working_time_skips_it(
    harness: Harness,
) -> None:
    christmas = _local(date(2026, 12, 25), 10, 0)
    notice = await harness.notices.out_of_office(person=COUNCILLOR, text="clerk", now=christmas)
    assert notice is not None
    assert "Tue 29 Dec 2026 at 09:00" in notice.text
