from __future__ import annotations

from datetime import timedelta

import pytest

from chatbot.core.access import Role
from chatbot.council.file import Chat, CouncilFile, CouncilSection, Member
from chatbot.db.base import utcnow
from chatbot.db.database import Database
from chatbot.db.models import MemberChange
from chatbot.db.repositories import AuditRepository
from chatbot.members.service import MemberService, MembershipError

COUNCIL = CouncilFile(
    council=CouncilSection(name="Barton-le-Clay Parish Council"),
    members=(
        Member(telegram_id=1001, name="Jane Smith", role="clerk"),
        Member(telegram_id=1002, name="Peter Hughes", role="chair"),
        Member(telegram_id=1003, name="Raj Patel", role="councillor", monitor=True),
        Member(telegram_id=1004, name="Helen Moss", role="councillor"),
        Member(telegram_id=1005, name="Tom Griffiths", role="councillor"),
    ),
    chats=(Chat(telegram_id=-100, title="Councillors", official=True),),
)


@pytest.fixture
def service(database: Database) -> MemberService:
    members = MemberService(database)
    members.seed(COUNCIL)
    return members


async def test_when_the_file_seeds_an_empty_database_then_members_and_chats_exist(
    service: MemberService,
) -> None:
    clerk = await service.member(1001)
    assert clerk is not None
    assert clerk.role is Role.CLERK
    chat = await service.chat(-100)
    assert chat is not None
    assert chat.official
    assert await service.member(9999) is None


async def test_when_seeding_again_then_runtime_changes_are_kept(service: MemberService) -> None:
    await service.change_role(actor=1001, telegram_id=1004, role=Role.VICE_CHAIR)
    service.seed(COUNCIL)
    member = await service.member(1004)
    assert member is not None
    assert member.role is Role.VICE_CHAIR


async def test_when_an_invite_is_redeemed_then_the_member_joins_once(
    service: MemberService,
) -> None:
    code = await service.invite(actor=1001, name="Ann Example", role=Role.COUNCILLOR)
    joined = await service.redeem(code, telegram_id=2001)
    assert (joined.name, joined.role) == ("Ann Example", Role.COUNCILLOR)
    with pytest.raises(MembershipError, match="not valid or was already used"):
        await service.redeem(code, telegram_id=2002)


async def test_when_an_invite_has_expired_then_it_is_refused(service: MemberService) -> None:
    issued = utcnow() - timedelta(days=8)
    code = await service.invite(actor=1001, name="Late Comer", role=Role.COUNCILLOR, now=issued)
    with pytest.raises(MembershipError, match="expired"):
        await service.redeem(code, telegram_id=2003)


async def test_when_a_third_monitor_is_nominated_then_it_is_refused_with_the_reason(
    service: MemberService,
) -> None:
    await service.set_monitor(actor=1001, telegram_id=1004, monitor=True)
    with pytest.raises(MembershipError, match="up to two nominated monitors"):
        await service.set_monitor(actor=1001, telegram_id=1005, monitor=True)


async def test_when_a_member_is_removed_then_they_are_unknown_and_the_change_is_logged(
    service: MemberService, database: Database
) -> None:
    await service.remove(actor=1001, telegram_id=1005)
    assert await service.member(1005) is None
    changes: list[MemberChange] = database.call(lambda s: list(AuditRepository(s).recent()))
    assert (changes[0].action, changes[0].member_telegram_id, changes[0].actor_telegram_id) == (
        "removed",
        1005,
        1001,
    )


async def test_when_the_only_clerk_is_removed_then_it_is_refused(service: MemberService) -> None:
    with pytest.raises(MembershipError, match="only Clerk"):
        await service.remove(actor=1001, telegram_id=1001)


async def test_when_a_group_migrates_to_a_supergroup_then_it_is_followed(
    service: MemberService,
) -> None:
    assert await service.migrate_chat(-100, -1009)
    assert await service.chat(-100) is None
    assert await service.chat(-1009) is not None
