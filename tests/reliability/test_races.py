"""Races on membership: the check and the write are one transaction, on both databases.

Each attack runs the real service calls at the same moment in worker threads (each its own
connection), round after round: a one-time invitation redeemed by eight people at once admits
one; monitors nominated together never exceed the policy's two; two Clerks demoting each other
at once leave one Clerk. Run on PostgreSQL too with ``TEST_DATABASE_URL``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable

import pytest
from sqlalchemy import ColumnElement, func, select

from chatbot.core.access import Role
from chatbot.council.file import MAX_MONITORS, CouncilFile
from chatbot.db.database import Database
from chatbot.db.models import Member
from chatbot.members.service import MemberService, MembershipError, MemberView

CLERK, SECOND_CLERK = 1001, 1002
COUNCILLORS = tuple(range(1101, 1106))
ROUNDS = 6
AT_ONCE = 8


def _council() -> CouncilFile:
    return CouncilFile.model_validate(
        {
            "council": {"name": "Race Test Parish Council"},
            "members": [
                {"telegram_id": CLERK, "name": "Jane Smith", "role": "clerk"},
                {"telegram_id": SECOND_CLERK, "name": "Bob Jones", "role": "clerk"},
                *(
                    {"telegram_id": t, "name": f"Councillor {t}", "role": "councillor"}
                    for t in COUNCILLORS
                ),
            ],
        }
    )


@pytest.fixture
def service(database: Database) -> MemberService:
    members = MemberService(database)
    members.seed(_council())
    return members


async def _at_once(calls: list[Awaitable[MemberView]]) -> list[MemberView | BaseException]:
    """Run ``calls`` together (each in its own worker thread and connection)."""
    return await asyncio.gather(*calls, return_exceptions=True)


def _count(database: Database, *where: ColumnElement[bool]) -> int:
    query = select(func.count(Member.id)).where(*where)
    return int(database.call(lambda s: s.scalar(query)) or 0)


async def test_when_eight_people_redeem_one_invitation_at_once_then_only_one_joins(
    service: MemberService, database: Database
) -> None:
    for round_ in range(ROUNDS):
        code = await service.invite(actor=CLERK, name=f"Invitee {round_}", role=Role.COUNCILLOR)
        people = [5000 + round_ * 100 + n for n in range(AT_ONCE)]
        results = await _at_once([service.redeem(code, telegram_id=p) for p in people])
        joined = [r for r in results if isinstance(r, MemberView)]
        refused = [r for r in results if isinstance(r, MembershipError)]
        assert (len(joined), len(refused)) == (1, AT_ONCE - 1), (round_, results)
        assert _count(database, Member.telegram_id.in_(people)) == 1


async def test_when_monitors_are_nominated_at_once_then_no_more_than_two_are(
    service: MemberService, database: Database
) -> None:
    for round_ in range(ROUNDS):
        first, *others = COUNCILLORS
        await service.set_monitor(actor=CLERK, telegram_id=first, monitor=True)
        results = await _at_once(
            [service.set_monitor(actor=CLERK, telegram_id=t, monitor=True) for t in others]
        )
        nominated = [r for r in results if isinstance(r, MemberView)]
        assert len(nominated) == MAX_MONITORS - 1, (round_, results)
        assert all(isinstance(r, MemberView | MembershipError) for r in results), results
        assert _count(database, Member.monitor.is_(True), Member.active.is_(True)) == MAX_MONITORS
        for telegram_id in COUNCILLORS:  # stand everyone down for the next round
            await service.set_monitor(actor=CLERK, telegram_id=telegram_id, monitor=False)


async def test_when_two_clerks_demote_each_other_at_once_then_one_clerk_remains(
    service: MemberService, database: Database
) -> None:
    for round_ in range(ROUNDS):
        results = await _at_once(
            [
                service.change_role(actor=CLERK, telegram_id=SECOND_CLERK, role=Role.COUNCILLOR),
                service.change_role(actor=SECOND_CLERK, telegram_id=CLERK, role=Role.COUNCILLOR),
            ]
        )
        assert all(isinstance(r, MemberView | MembershipError) for r in results), results
        clerks = _count(database, Member.role == Role.CLERK.value, Member.active.is_(True))
        assert clerks == 1, (round_, results)
        # Put the demoted one back for the next round (by the remaining Clerk).
        remaining = CLERK if isinstance(results[0], MemberView) else SECOND_CLERK
        demoted = SECOND_CLERK if remaining == CLERK else CLERK
        await service.change_role(actor=remaining, telegram_id=demoted, role=Role.CLERK)


async def test_when_two_clerks_remove_each_other_at_once_then_one_clerk_remains(
    service: MemberService, database: Database
) -> None:
    results = await _at_once(
        [
            service.remove(actor=CLERK, telegram_id=SECOND_CLERK),
            service.remove(actor=SECOND_CLERK, telegram_id=CLERK),
        ]
    )
    assert all(isinstance(r, MemberView | MembershipError) for r in results), results
    assert _count(database, Member.role == Role.CLERK.value, Member.active.is_(True)) == 1
