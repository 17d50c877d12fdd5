"""The daily digest: when it is due, what it covers, and delivery channel by channel.

Real database (SQLite and PostgreSQL), the loopback fake Bot API and a real SMTP server.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select
from telegram import Bot

from chatbot.core.access import Role
from chatbot.council.file import (
    Chat,
    CouncilFile,
    CouncilSection,
    Member,
    RecordSection,
)
from chatbot.cover.office_hours import OfficeHours
from chatbot.cover.service import AbsenceKind, CoverService
from chatbot.db.database import Database
from chatbot.db.models import RecordAccess, RecordDigest
from chatbot.members.service import MemberService, MemberView
from chatbot.record.digest import (
    DigestOutcome,
    DigestService,
    compose_digest,
    digest_due,
    digest_recipient,
)
from chatbot.record.service import NewEntry, RecordService
from chatbot.record.view import view_of
from chatbot.telegram.outbox import TelegramOutbox
from integrations.email import Mailer
from testing.fakes.smtp import Received, SmtpServer
from testing.fakes.telegram import Call, FakeTelegram

LONDON = ZoneInfo("Europe/London")
CLERK, ASSISTANT, COUNCILLOR = 1001, 1003, 1004
GROUP = -100
CLERK_EMAIL = "theparishclerk@bartonleclay-pc.gov.uk"
PHONE = "07911 123456"
DAY = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)  # 08:00 in London (GMT)


def council(*, clerk_email: str | None = CLERK_EMAIL, inline: int = 30) -> CouncilFile:
    return CouncilFile(
        council=CouncilSection(
            name="Barton-le-Clay Parish Council",
            timezone="Europe/London",
            digest_time=time(8, 0),
            clerk_email=clerk_email,
        ),
        members=(
            Member(telegram_id=CLERK, name="Jane Smith", role="clerk"),
            Member(telegram_id=ASSISTANT, name="Sam Lee", role="assistant_clerk"),
            Member(telegram_id=COUNCILLOR, name="Helen Moss", role="councillor"),
        ),
        chats=(Chat(telegram_id=GROUP, title="Councillors", official=True),),
        record=RecordSection(digest_inline_entries=inline),
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
    smtp: SmtpServer
    bot: TelegramOutbox  # the digest and notices go out through the one outbox
    clock: Clock
    record: RecordService
    members: MemberService
    council: CouncilFile

    def service(self, *, council: CouncilFile | None = None, email: bool = True) -> DigestService:
        """A digest service as a fresh process would build it."""
        mailer = Mailer.from_url(f"smtp://127.0.0.1:{self.smtp.port}") if email else None
        return DigestService(
            self.database,
            council=council or self.council,
            members=MemberService(self.database),
            mailer=mailer,
            clock=self.clock,
        )

    async def add(self, n: int, *, at: datetime | None = None, **fields: object) -> None:
        """Record message ``n`` at ``at`` (default: an hour before the clock)."""
        when = at or self.clock.now - timedelta(hours=1)
        values: dict[str, object] = {
            "kind": "message",
            "occurred_at": when,
            "text": f"message {n} about the allotments",
            "sender_name": "Helen Moss",
            "sender_id": COUNCILLOR,
            "chat_id": GROUP,
            "chat_title": "Councillors",
            "message_id": n,
            **fields,
        }
        await self.record.append(NewEntry(**values))  # type: ignore[arg-type]

    def sent_texts(self) -> list[str]:
        return [str(c.params.get("text", "")) for c in self.fake.calls_to("sendMessage")]

    def messages(self) -> list[str]:
        """The digests the Clerk was sent in Telegram."""
        return [t for t in self.sent_texts() if t.startswith("Official record digest")]

    def notices(self) -> list[str]:
        """Everything else the Clerk was sent."""
        return [t for t in self.sent_texts() if not t.startswith("Official record digest")]

    def documents(self) -> list[Call]:
        return self.fake.calls_to("sendDocument")

    def digests(self) -> list[tuple[str, int, int, str]]:
        return self.database.call(
            lambda s: [
                (r.slot, r.from_seq, r.upto_seq, r.status)
                for r in s.scalars(select(RecordDigest).order_by(RecordDigest.id))
            ]
        )


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    with SmtpServer() as server:
        yield server


@pytest.fixture
async def harness(
    database: Database, fake_telegram: FakeTelegram, smtp: SmtpServer
) -> AsyncIterator[Harness]:
    members = MemberService(database)
    members.seed(council())
    clock = Clock(DAY)
    root = fake_telegram.base_url
    async with Bot(fake_telegram.token, base_url=f"{root}/bot") as bot:
        yield Harness(
            database=database,
            fake=fake_telegram,
            smtp=smtp,
            bot=TelegramOutbox(bot),
            clock=clock,
            record=RecordService(database, clock=lambda: clock.now),
            members=members,
            council=council(),
        )


def _email_text(received: Received) -> str:
    body = received.message.get_body(preferencelist=("plain",))
    assert body is not None
    return str(body.get_content()).replace("\r\n", "\n")  # SMTP's line endings


async def test_when_digest_time_has_not_come_then_nothing_is_sent(harness: Harness) -> None:
    await harness.add(1)
    outcome = await harness.service().run(harness.bot, now=DAY - timedelta(minutes=1))
    assert outcome is None
    assert harness.messages() == []
    assert harness.digests() == []


async def test_when_digest_time_comes_then_the_clerk_gets_it_by_telegram_and_email(
    harness: Harness,
) -> None:
    await harness.add(1)
    await harness.add(2, text="Rent review agreed")
    outcome = await harness.service().run(harness.bot, now=DAY)
    assert outcome == DigestOutcome(
        slot="2026-12-01", sent=("telegram", "email"), failed=(), delivered=True
    )
    (call,) = harness.fake.calls_to("sendMessage")
    assert int(str(call.params["chat_id"])) == CLERK
    text = harness.messages()[0]
    assert "Tuesday 1 December 2026" in text
    assert "Councillors — 2 entries" in text
    assert "#2 01 Dec 07:00 Helen Moss: Rent review agreed" in text
    assert "Chain head: entry #2, hash " in text
    (mail,) = await harness.smtp.wait_for(1)
    assert mail.recipients == [CLERK_EMAIL]
    assert mail.message["Subject"] == "Official record digest, Tuesday 1 December 2026: 2 entries"
    assert _email_text(mail).strip() == text.strip()
    assert harness.digests() == [("2026-12-01", 1, 2, "delivered")]


async def test_when_the_digest_was_delivered_then_later_ticks_that_day_send_nothing(
    harness: Harness,
) -> None:
    await harness.add(1)
    service = harness.service()
    await service.run(harness.bot, now=DAY)
    await harness.add(2, at=DAY + timedelta(hours=1))
    for later in (DAY + timedelta(minutes=1), DAY + timedelta(hours=15, minutes=59)):
        assert await service.run(harness.bot, now=later) is None
    assert len(harness.messages()) == 1
    assert len(harness.smtp.received) == 1


async def test_when_the_next_day_comes_then_it_starts_after_the_watermark(
    harness: Harness,
) -> None:
    await harness.add(1)
    await harness.add(2)
    await harness.service().run(harness.bot, now=DAY)
    tomorrow = DAY + timedelta(days=1)
    harness.clock.now = tomorrow
    await harness.add(3, text="Hedge cutting booked")
    await harness.service().run(harness.bot, now=tomorrow)
    second = harness.messages()[1]
    assert "Entries #3 to #3" in second
    assert "Hedge cutting booked" in second
    assert "#2 " not in second
    assert "Since the digest of Tuesday 1 December 2026." in second
    assert harness.digests()[1] == ("2026-12-02", 3, 3, "delivered")


async def test_when_the_email_fails_then_it_is_retried_without_resending_telegram(
    harness: Harness,
) -> None:
    await harness.add(1)
    harness.smtp.refuse_next("451 Try again later", times=2)
    service = harness.service()
    first = await service.run(harness.bot, now=DAY)
    assert first is not None
    assert (first.sent, first.failed, first.delivered) == (("telegram",), ("email",), False)
    assert harness.digests() == [("2026-12-01", 1, 1, "pending")]
    await harness.add(2, at=DAY + timedelta(seconds=30))  # after the range was fixed
    again = await service.run(harness.bot, now=DAY + timedelta(minutes=1))
    assert again is not None
    assert (again.sent, again.failed) == ((), ("email",))
    third = await service.run(harness.bot, now=DAY + timedelta(minutes=2))
    assert third is not None
    assert (third.sent, third.failed, third.delivered) == (("email",), (), True)
    assert len(harness.messages()) == 1
    (notice,) = harness.notices()  # told once, not on every failed try
    assert "e-mailed copy of the record digest for Tuesday 1 December 2026" in notice
    assert "451" in notice
    assert CLERK_EMAIL not in notice
    (mail,) = harness.smtp.received
    assert "message 2" not in _email_text(mail)
    assert _email_text(mail).strip() == harness.messages()[0].strip()
    assert harness.digests() == [("2026-12-01", 1, 1, "delivered")]


async def test_when_the_bot_restarts_mid_digest_then_only_the_undelivered_channel_is_sent(
    harness: Harness,
) -> None:
    await harness.add(1)
    harness.fake.fail_next("sendMessage", 502, "Bad Gateway")
    outcome = await harness.service().run(harness.bot, now=DAY)
    assert outcome is not None
    assert (outcome.sent, outcome.failed) == (("email",), ("telegram",))
    await harness.add(2, at=DAY + timedelta(minutes=5))
    restarted = harness.service()  # a new process: nothing carried over in memory
    outcome = await restarted.run(harness.bot, now=DAY + timedelta(minutes=6))
    assert outcome is not None
    assert (outcome.sent, outcome.delivered) == (("telegram",), True)
    assert len(harness.smtp.received) == 1
    delivered = harness.messages()[-1]
    assert "message 1" in delivered
    assert "message 2" not in delivered
    assert harness.digests() == [("2026-12-01", 1, 1, "delivered")]
    tomorrow = DAY + timedelta(days=1)
    await restarted.run(harness.bot, now=tomorrow)
    assert "message 2" in harness.messages()[-1]  # nothing skipped: it opens the next one


async def test_when_the_bot_was_down_for_three_days_then_one_digest_covers_them_all(
    harness: Harness,
) -> None:
    await harness.add(1, at=DAY - timedelta(days=4, hours=1))
    await harness.service().run(harness.bot, now=DAY - timedelta(days=4))  # Friday 27 Nov
    for n, days in ((2, 3), (3, 2), (4, 1)):
        await harness.add(n, at=DAY - timedelta(days=days) + timedelta(hours=2))
    harness.clock.now = DAY + timedelta(hours=1)
    await harness.service().run(harness.bot, now=DAY + timedelta(hours=1))
    assert [d[:3] for d in harness.digests()] == [("2026-11-27", 1, 1), ("2026-12-01", 2, 4)]
    text = harness.messages()[-1]
    assert "Since the digest of Friday 27 November 2026." in text
    assert all(f"message {n}" in text for n in (2, 3, 4))
    assert len(harness.messages()) == 2


async def test_when_an_entry_is_restricted_then_no_digest_shows_its_content(
    harness: Harness,
) -> None:
    await harness.add(1)
    await harness.add(
        2,
        kind="removed",
        text=f"call Mrs Thornton on {PHONE}",
        restricted=True,
        personal_data=True,
        reason="personal_data",
        attachments=({"kind": "document", "name": "thornton-letter.pdf"},),
    )
    long = council(inline=1)  # the file, too
    await harness.service(council=long).run(harness.bot, now=DAY)
    text = harness.messages()[0]
    (document,) = harness.documents()
    content = document.params["document"]["content"].decode("utf-8-sig")
    (mail,) = await harness.smtp.wait_for(1)
    (attachment,) = list(mail.message.iter_attachments())
    for shown in (text, content, _email_text(mail), attachment.get_content()):
        assert PHONE not in shown
        assert "Thornton" not in shown
    assert "removed post (restricted: personal_data)" in content
    assert "Restricted entries are never shown in a digest" in text


async def test_when_there_are_more_entries_than_inline_then_a_file_lists_every_one(
    harness: Harness,
) -> None:
    for n in range(1, 32):
        await harness.add(n, at=DAY - timedelta(minutes=60 - n))
    await harness.service().run(harness.bot, now=DAY)
    text = harness.messages()[0]
    assert "Councillors — 31 entries" in text
    assert "message 7" not in text  # a summary: the entries are in the file
    assert "record-digest-2026-12-01.csv" in text
    (document,) = harness.documents()
    assert int(str(document.params["chat_id"])) == CLERK
    sent = document.params["document"]
    assert sent["filename"] == "record-digest-2026-12-01.csv"
    rows = list(csv.DictReader(io.StringIO(sent["content"].decode("utf-8-sig"))))
    assert [int(r["seq"]) for r in rows] == list(range(1, 32))
    assert rows[0]["local_time"] == "2026-12-01T07:01:00+00:00"
    assert (rows[0]["chat"], rows[0]["sender"], rows[0]["kind"]) == (
        "Councillors",
        "Helen Moss",
        "message",
    )
    (mail,) = await harness.smtp.wait_for(1)
    (attachment,) = list(mail.message.iter_attachments())
    assert attachment.get_filename() == "record-digest-2026-12-01.csv"
    assert attachment.get_payload(decode=True) == sent["content"]


async def test_when_nothing_new_was_recorded_then_no_digest_is_sent_that_day(
    harness: Harness,
) -> None:
    await harness.add(1)
    await harness.service().run(harness.bot, now=DAY)
    tomorrow = DAY + timedelta(days=1)
    assert await harness.service().run(harness.bot, now=tomorrow) is None
    assert len(harness.messages()) == 1
    assert len(harness.smtp.received) == 1
    assert harness.digests()[-1] == ("2026-12-02", 2, 1, "delivered")  # the day is done
    # an entry made later that day waits for the next morning's digest
    await harness.add(2, at=tomorrow + timedelta(hours=2))
    assert await harness.service().run(harness.bot, now=tomorrow + timedelta(hours=3)) is None
    outcome = await harness.service().run(harness.bot, now=tomorrow + timedelta(days=1))
    assert outcome is not None
    text = harness.messages()[-1]
    assert "Entries #2 to #2" in text
    assert "Since the digest of Tuesday 1 December 2026." in text  # the last one sent


async def test_when_the_record_is_empty_at_the_first_digest_time_then_nothing_is_sent(
    harness: Harness,
) -> None:
    assert await harness.service().run(harness.bot, now=DAY) is None
    assert harness.fake.calls_to("sendMessage") == []
    assert harness.smtp.received == []


async def test_when_a_digest_is_delivered_then_each_channel_is_in_the_access_log(
    harness: Harness,
) -> None:
    await harness.add(1)
    await harness.service().run(harness.bot, now=DAY)
    logged = harness.database.call(
        lambda s: [(a.actor, a.action, a.entries) for a in s.scalars(select(RecordAccess))]
    )
    assert logged == [("job:digest", "digest", 1), ("job:digest", "digest", 1)]


async def test_when_smtp_is_not_set_then_telegram_alone_delivers_it(harness: Harness) -> None:
    await harness.add(1)
    outcome = await harness.service(email=False).run(harness.bot, now=DAY)
    assert outcome is not None
    assert (outcome.sent, outcome.delivered) == (("telegram",), True)
    assert harness.smtp.received == []


# when it is due, in the council's time zone ---------------------------------------------


@pytest.mark.parametrize(
    ("utc", "at", "due"),
    [
        # winter (GMT): 08:00 local is 08:00 UTC
        (datetime(2026, 12, 1, 7, 59, tzinfo=UTC), time(8, 0), None),
        (datetime(2026, 12, 1, 8, 0, tzinfo=UTC), time(8, 0), date(2026, 12, 1)),
        # summer (BST): 08:00 local is 07:00 UTC
        (datetime(2026, 7, 1, 6, 59, tzinfo=UTC), time(8, 0), None),
        (datetime(2026, 7, 1, 7, 0, tzinfo=UTC), time(8, 0), date(2026, 7, 1)),
        # 29 March 2026, clocks go forward at 01:00 UTC: 08:00 BST is 07:00 UTC
        (datetime(2026, 3, 29, 6, 59, tzinfo=UTC), time(8, 0), None),
        (datetime(2026, 3, 29, 7, 0, tzinfo=UTC), time(8, 0), date(2026, 3, 29)),
        # ... and 01:30 never happens that day: due at 02:00 BST, the first moment after it
        (datetime(2026, 3, 29, 0, 59, tzinfo=UTC), time(1, 30), None),
        (datetime(2026, 3, 29, 1, 0, tzinfo=UTC), time(1, 30), date(2026, 3, 29)),
        # 25 October 2026, clocks go back at 01:00 UTC: 08:00 GMT is 08:00 UTC
        (datetime(2026, 10, 25, 7, 59, tzinfo=UTC), time(8, 0), None),
        (datetime(2026, 10, 25, 8, 0, tzinfo=UTC), time(8, 0), date(2026, 10, 25)),
        # ... and 01:30 happens twice: the first one (BST, 00:30 UTC) counts
        (datetime(2026, 10, 25, 0, 29, tzinfo=UTC), time(1, 30), None),
        (datetime(2026, 10, 25, 0, 30, tzinfo=UTC), time(1, 30), date(2026, 10, 25)),
        # the local date, not the UTC one: 23:30 UTC in summer is already tomorrow in London
        (datetime(2026, 7, 1, 23, 30, tzinfo=UTC), time(0, 15), date(2026, 7, 2)),
    ],
)
def test_when_the_local_time_reaches_digest_time_then_todays_slot_is_due(
    utc: datetime, at: time, due: date | None
) -> None:
    assert digest_due(utc, zone=LONDON, at=at) == due


async def test_when_the_clocks_go_forward_then_the_digest_comes_at_local_digest_time(
    harness: Harness,
) -> None:
    spring = datetime(2026, 3, 29, 7, 0, tzinfo=UTC)  # 08:00 BST
    harness.clock.now = spring
    await harness.add(1)
    service = harness.service()
    assert await service.run(harness.bot, now=spring - timedelta(minutes=1)) is None
    outcome = await service.run(harness.bot, now=spring)
    assert outcome is not None
    assert outcome.slot == "2026-03-29"
    assert "#1 29 Mar 07:00" in harness.messages()[0]  # 06:00 UTC shown in BST


async def test_when_the_clocks_go_back_then_the_repeated_hour_sends_one_digest(
    harness: Harness,
) -> None:
    autumn = datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # the first 01:30 (BST)
    late_night = council().council.model_copy(update={"digest_time": time(1, 30)})
    night = council().model_copy(update={"council": late_night})
    harness.clock.now = autumn
    await harness.add(1)
    service = harness.service(council=night)
    assert await service.run(harness.bot, now=autumn) is not None
    assert await service.run(harness.bot, now=autumn + timedelta(hours=1)) is None  # 01:30 GMT
    assert len(harness.messages()) == 1


# who receives it -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("roles", "expected"),
    [
        ((Role.CHAIR, Role.ASSISTANT_CLERK, Role.CLERK), 3),
        ((Role.CHAIR, Role.ASSISTANT_CLERK, Role.COUNCILLOR), 2),
        ((Role.CHAIR, Role.COUNCILLOR), None),
    ],
)
def test_when_choosing_the_recipient_then_the_clerk_comes_before_the_assistant(
    roles: tuple[Role, ...], expected: int | None
) -> None:
    members = [
        MemberView(telegram_id=n, name=f"member {n}", role=role)
        for n, role in enumerate(roles, start=1)
    ]
    chosen = digest_recipient(members)
    assert (chosen.telegram_id if chosen else None) == expected


def test_when_composing_an_entry_without_a_chat_then_it_is_grouped_with_notes() -> None:
    when = datetime(2026, 12, 1, 7, 0, tzinfo=UTC)
    rows = [
        _row(1, when, chat=GROUP, kind="edit", text="Agenda v2"),
        _row(2, when, chat=None, kind="note", text="Phone call with the auditor"),
    ]
    digest = compose_digest(
        [view_of(r) for r in rows],
        council_name="Barton-le-Clay Parish Council",
        slot=date(2026, 12, 1),
        zone=LONDON,
        from_seq=1,
        upto_seq=2,
        head_hash="ab" * 32,
        inline_limit=30,
        chat_titles={GROUP: "Councillors"},  # the stored entry has no title: the chat's is used
    )
    assert "Councillors — 1 entry, 1 edit" in digest.text
    assert "Notes and entries outside a chat — 1 entry" in digest.text
    assert digest.text.index("Councillors") < digest.text.index("Notes and entries")
    assert digest.file is None


def test_when_the_text_would_not_fit_one_telegram_message_then_a_file_is_attached() -> None:
    when = datetime(2026, 12, 1, 7, 0, tzinfo=UTC)
    rows = [_row(n, when, chat=GROUP, kind="message", text="word " * 300) for n in range(1, 21)]
    digest = compose_digest(
        [view_of(r) for r in rows],
        council_name="Barton-le-Clay Parish Council",
        slot=date(2026, 12, 1),
        zone=LONDON,
        from_seq=1,
        upto_seq=20,
        head_hash="ab" * 32,
        inline_limit=30,
    )
    assert digest.file is not None
    assert len(digest.text) < 4096
    assert digest.file.content.decode("utf-8-sig").count("word") == 20 * 300


def test_when_a_text_starts_like_a_formula_then_the_file_keeps_it_as_plain_text() -> None:
    when = datetime(2026, 12, 1, 7, 0, tzinfo=UTC)
    rows = [_row(1, when, chat=GROUP, kind="message", text='=HYPERLINK("http://x")')]
    digest = compose_digest(
        [view_of(r) for r in rows],
        council_name="Barton-le-Clay Parish Council",
        slot=date(2026, 12, 1),
        zone=LONDON,
        from_seq=1,
        upto_seq=1,
        head_hash="ab" * 32,
        inline_limit=0,
    )
    assert digest.file is not None
    (row,) = csv.DictReader(io.StringIO(digest.file.content.decode("utf-8-sig")))
    assert row["text"] == '\'=HYPERLINK("http://x")'


@dataclass
class _Stored:
    seq: int
    kind: str
    occurred_at: datetime
    recorded_at: datetime
    chat_telegram_id: int | None
    message_id: int | None
    version: int
    sender_telegram_id: int | None
    restricted: bool
    personal_data: bool
    reason: str
    hash: str
    content: str | None


def _row(seq: int, when: datetime, *, chat: int | None, kind: str, text: str) -> _Stored:
    content = {"text": text, "sender_name": "Jane Smith", "chat_title": "", "attachments": []}
    return _Stored(
        seq, kind, when, when, chat, seq, 0, CLERK, False, False, "", "0" * 64, json.dumps(content)
    )


async def test_when_the_clerk_is_on_leave_then_digests_accumulate_for_their_return(
    harness: Harness,
) -> None:
    cover = CoverService(
        harness.database, zone=LONDON, hours=OfficeHours.parse("Mon-Fri 09:00-17:00"),
        clock=lambda: DAY,
    )  # fmt: skip
    await cover.record(
        member_id=CLERK, kind=AbsenceKind.LEAVE, starts_on=date(2026, 12, 1),
        ends_on=date(2026, 12, 3), recorded_by=CLERK,
    )  # fmt: skip
    for day in range(3):  # Tuesday to Thursday: away
        moment = DAY + timedelta(days=day)
        harness.clock.now = moment
        await harness.add(day + 1)
        assert await harness.service().run(harness.bot, now=moment) is None
    assert harness.digests() == []
    assert harness.messages() == []
    back = DAY + timedelta(days=3)  # Friday 4 December
    harness.clock.now = back
    await harness.service().run(harness.bot, now=back)
    assert [d[:3] for d in harness.digests()] == [("2026-12-04", 1, 3)]
    assert all(f"message {n}" in harness.messages()[0] for n in (1, 2, 3))
    assert [str(c.params["chat_id"]) for c in harness.fake.calls_to("sendMessage")] == [str(CLERK)]
