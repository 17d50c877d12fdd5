from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from chatbot.core.access import Role
from chatbot.council.file import Chat, CouncilFile, CouncilSection, Member
from chatbot.db.base import utcnow
from chatbot.db.database import Database
from chatbot.db.models import Invite, MemberChange
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
        Member(telegram_id=1006, name="Sam Okafor", role="assistant_clerk"),
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


CLERK, CHAIR, ASSISTANT = 1001, 1002, 1006


async def _role(service: MemberService, telegram_id: int) -> Role | None:
    member = await service.member(telegram_id)
    return None if member is None else member.role


async def test_when_the_assistant_clerk_invites_a_clerk_then_it_is_refused_and_no_code_exists(
    service: MemberService, database: Database
) -> None:
    with pytest.raises(MembershipError, match="Only the Clerk can invite a Clerk"):
        await service.invite(actor=ASSISTANT, name="Evil Twin", role=Role.CLERK)
    assert database.call(lambda s: s.scalar(select(func.count(Invite.id)))) == 0


async def test_when_the_assistant_clerk_invites_a_councillor_then_the_code_works(
    service: MemberService,
) -> None:
    code = await service.invite(actor=ASSISTANT, name="Ann Example", role=Role.COUNCILLOR)
    assert (await service.redeem(code, telegram_id=2001)).role is Role.COUNCILLOR


async def test_when_the_clerk_invites_a_clerk_then_the_new_clerk_joins(
    service: MemberService,
) -> None:
    code = await service.invite(actor=CLERK, name="New Clerk", role=Role.CLERK)
    assert (await service.redeem(code, telegram_id=2001)).role is Role.CLERK


@pytest.mark.parametrize(
    ("actor", "target", "role", "reason"),
    [
        (ASSISTANT, ASSISTANT, Role.CLERK, "cannot use /role"),  # promoting themselves
        (CHAIR, 1004, Role.CLERK, "cannot use /role"),
        (ASSISTANT, CLERK, Role.COUNCILLOR, "cannot use /role"),
        (9999, 1004, Role.CHAIR, "Only a registered member"),
    ],
)
async def test_when_anyone_but_the_clerk_changes_a_role_then_it_is_refused(
    service: MemberService, actor: int, target: int, role: Role, reason: str
) -> None:
    before = await _role(service, target)
    with pytest.raises(MembershipError, match=reason):
        await service.change_role(actor=actor, telegram_id=target, role=role)
    assert await _role(service, target) == before


async def test_when_the_assistant_clerk_removes_the_clerk_then_it_is_refused(
    service: MemberService,
) -> None:
    with pytest.raises(MembershipError, match="cannot use /remove"):
        await service.remove(actor=ASSISTANT, telegram_id=CLERK)
    assert await _role(service, CLERK) is Role.CLERK


@pytest.mark.parametrize("role", [r for r in Role if r is not Role.CLERK])
async def test_when_the_only_clerk_is_demoted_then_it_is_refused_with_the_reason(
    service: MemberService, role: Role
) -> None:
    with pytest.raises(MembershipError, match="only Clerk: make someone else Clerk first"):
        await service.change_role(actor=CLERK, telegram_id=CLERK, role=role)
    assert await _role(service, CLERK) is Role.CLERK


async def test_when_there_is_a_second_clerk_then_the_clerk_may_step_down(
    service: MemberService,
) -> None:
    await service.change_role(actor=CLERK, telegram_id=ASSISTANT, role=Role.CLERK)
    await service.change_role(actor=CLERK, telegram_id=CLERK, role=Role.COUNCILLOR)
    assert await _role(service, CLERK) is Role.COUNCILLOR
    assert await _role(service, ASSISTANT) is Role.CLERK


async def test_when_someone_is_made_chair_then_the_chair_in_office_becomes_a_councillor(
    service: MemberService, database: Database
) -> None:
    """One Chair at a time, whoever asks (a command or the desk), in the same change."""
    await service.change_role(actor=CLERK, telegram_id=1004, role=Role.CHAIR)
    assert await _role(service, 1004) is Role.CHAIR
    assert await _role(service, CHAIR) is Role.COUNCILLOR
    changes = database.call(
        lambda s: [
            (c.member_telegram_id, c.detail)
            for c in s.scalars(select(MemberChange).where(MemberChange.action == "role_changed"))
        ]
    )
    assert changes == [(1004, "councillor->chair"), (CHAIR, "chair->councillor")]


async def test_when_an_invitations_author_is_no_longer_the_clerk_then_it_no_longer_works(
    service: MemberService,
) -> None:
    await service.change_role(actor=CLERK, telegram_id=ASSISTANT, role=Role.CLERK)
    code = await service.invite(actor=ASSISTANT, name="Their Friend", role=Role.CLERK)
    await service.change_role(actor=CLERK, telegram_id=ASSISTANT, role=Role.ASSISTANT_CLERK)
    with pytest.raises(MembershipError, match="no longer valid"):
        await service.redeem(code, telegram_id=2001)
    assert await service.member(2001) is None


async def test_when_an_invitations_author_was_removed_then_it_no_longer_works(
    service: MemberService,
) -> None:
    code = await service.invite(actor=ASSISTANT, name="Ann Example", role=Role.COUNCILLOR)
    await service.remove(actor=CLERK, telegram_id=ASSISTANT)
    with pytest.raises(MembershipError, match="no longer valid"):
        await service.redeem(code, telegram_id=2001)


async def test_when_the_roster_changes_then_the_active_members_names_are_told(
    database: Database,
) -> None:
    told: list[list[str]] = []
    members = MemberService(database, on_roster=told.append)
    members.seed(COUNCIL)
    assert "Raj Patel" in told[-1]
    code = await members.invite(actor=1001, name="Adaeze Nwosu", role=Role.COUNCILLOR)
    await members.redeem(code, telegram_id=2001)
    assert "Adaeze Nwosu" in told[-1]
    await members.remove(actor=1001, telegram_id=2001)
    assert "Adaeze Nwosu" not in told[-1]
    assert len(told[-1]) == len(COUNCIL.members)
