"""Every endpoint of the desk against every role, over HTTP: who may, who gets 403, and 401.

The expectations are written out here from the README's table of who may do what (not read
from the access table the code uses): the desk is for the officers, and for a monitor only
while they cover; each endpoint then has the rights of the command that does the same.
Calls that would change something are made so that the service refuses them after the
checks (an unknown reference, a missing field), so the table can be walked in any order.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any, Final

import httpx
import pytest

from tests.chatbot.desk.conftest import (
    ASSISTANT,
    CHAIR,
    CLERK,
    COUNCILLOR,
    MONITOR,
    STRANGER,
    TOKEN,
    VICE,
    DeskServer,
    auth,
    signed,
)

NOBODY: Final[int] = 7777
OFFICERS: Final = frozenset({"clerk", "assistant", "chair", "vice"})
CLERKS: Final = frozenset({"clerk", "assistant"})
DESK: Final = OFFICERS | {"covering monitor"}
CALLERS: Final[dict[str, int]] = {
    "clerk": CLERK,
    "assistant": ASSISTANT,
    "chair": CHAIR,
    "vice": VICE,
    "councillor": COUNCILLOR,
    "monitor": MONITOR,  # nominated, not covering now
    "stranger": STRANGER,  # a Telegram user who is not a member
}
# (method, path, JSON body or None, who may call it)
ENDPOINTS: Final[list[tuple[str, str, dict[str, Any] | None, frozenset[str]]]] = [
    ("GET", "/app/api/me", None, DESK),
    ("GET", "/app/api/today", None, DESK),
    ("GET", "/app/api/record?q=hedge", None, DESK),
    ("GET", "/app/api/record/1", None, DESK),
    ("POST", "/app/api/record/export", {"from": "not a date", "to": "x"}, CLERKS),
    ("GET", "/app/api/requests", None, OFFICERS),
    ("POST", "/app/api/requests/foi", {}, CLERKS),
    ("POST", "/app/api/requests/sar", {}, CLERKS),
    ("POST", "/app/api/requests/NONE-2026-999/close", {}, CLERKS),
    ("GET", "/app/api/reviews", None, CLERKS | {"covering monitor"}),
    ("POST", "/app/api/reviews/999999", {"outcome": "upheld"}, CLERKS | {"covering monitor"}),
    ("GET", "/app/api/members", None, OFFICERS),
    ("POST", "/app/api/members/invite", {"role": "bogus", "name": "x"}, CLERKS),
    ("POST", f"/app/api/members/{NOBODY}/role", {"role": "chair"}, frozenset({"clerk"})),
    ("POST", f"/app/api/members/{NOBODY}/monitor", {"monitor": True}, CLERKS),
    ("POST", f"/app/api/members/{NOBODY}/pardon", {}, CLERKS),
    ("GET", "/app/api/cover", None, DESK),
    ("POST", "/app/api/leave", {"from": "not a date"}, CLERKS | {"covering monitor"}),
    ("POST", "/app/api/leave/999999/cancel", {}, CLERKS | {"covering monitor"}),
]
IDS: Final = [f"{method} {path.split('?')[0]}" for method, path, _, _ in ENDPOINTS]


def _call(client: httpx.Client, method: str, path: str, body: Any, headers: dict[str, str]) -> int:
    response = client.request(method, path, json=body, headers=headers)
    return response.status_code


@pytest.mark.parametrize(("method", "path", "body", "allowed"), ENDPOINTS, ids=IDS)
def test_when_each_role_calls_an_endpoint_then_only_those_it_allows_get_past_403(
    desk: DeskServer, method: str, path: str, body: Any, allowed: frozenset[str]
) -> None:
    with desk.client() as client:
        for label, user in CALLERS.items():
            status = _call(client, method, path, body, auth(user))
            if label in allowed:
                assert status not in {401, 403}, (label, status)
            else:
                assert status == 403, (label, status)


@pytest.mark.parametrize(("method", "path", "body", "allowed"), ENDPOINTS, ids=IDS)
def test_when_a_monitor_covers_for_the_clerk_then_they_may_use_the_desk_as_a_monitor(
    covered_desk: DeskServer, method: str, path: str, body: Any, allowed: frozenset[str]
) -> None:
    with covered_desk.client() as client:
        status = _call(client, method, path, body, auth(MONITOR))
        if "covering monitor" in allowed:
            assert status not in {401, 403}, status
        else:
            assert status == 403, status
        # A councillor who is not a monitor is no nearer the desk while the clerks are away.
        assert _call(client, method, path, body, auth(COUNCILLOR)) == 403


@pytest.mark.parametrize(("method", "path", "body", "allowed"), ENDPOINTS, ids=IDS)
def test_when_init_data_is_missing_forged_or_stale_then_every_endpoint_is_401(
    desk: DeskServer, method: str, path: str, body: Any, allowed: frozenset[str]
) -> None:
    del allowed
    stale = datetime.now(UTC) - timedelta(hours=24, minutes=1)
    forged = signed(CLERK).replace("Someone", "Sameone")
    refusals = {
        "no header": {},
        "another scheme": {"Authorization": f"Bearer {signed(CLERK)}"},
        "empty": {"Authorization": "tma"},
        "forged field": {"Authorization": f"tma {forged}"},
        "another bot's token": {"Authorization": f"tma {signed(CLERK, token='9:' + TOKEN)}"},
        "stale": {"Authorization": f"tma {signed(CLERK, auth_date=stale)}"},
        "garbage": {"Authorization": "tma %%%&&&==="},
    }
    with desk.client() as client:
        for what, headers in refusals.items():
            response = client.request(method, path, json=body, headers=headers)
            assert response.status_code == 401, (what, response.status_code)
            assert "Open the desk from Telegram" in response.json()["error"]


def test_when_a_telegram_user_is_not_a_member_then_me_is_403_and_says_so(
    desk: DeskServer,
) -> None:
    with desk.client() as client:
        response = client.get("/app/api/me", headers=auth(STRANGER))
    assert response.status_code == 403
    assert response.json() == {
        "error": "You are not a registered member of Barton-le-Clay Parish Council."
    }


def test_when_anyone_signed_in_asks_me_then_it_answers_id_name_and_role(
    desk: DeskServer,
) -> None:
    with desk.client() as client:
        for user, role in ((CLERK, "clerk"), (CHAIR, "chair"), (VICE, "vice_chair")):
            body = client.get("/app/api/me", headers=auth(user)).json()
            assert {body["id"], body["role"]} == {user, role}
            assert body["name"]


def test_when_a_covering_monitor_asks_me_then_it_says_they_cover_and_what_they_may_use(
    covered_desk: DeskServer,
) -> None:
    with covered_desk.client() as client:
        body = client.get("/app/api/me", headers=auth(MONITOR)).json()
    assert (body["id"], body["name"], body["role"], body["covering"]) == (
        MONITOR,
        "Ann Price",
        "councillor",
        True,
    )
    assert "reviews" in body["rights"]
    assert "members" not in body["rights"]
