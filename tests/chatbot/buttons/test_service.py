"""The button store: meaning kept server-side, pressed by its owner, once, in time."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import event

from chatbot.buttons.kinds import (
    MAX_CALLBACK_BYTES,
    POSTING_TTL,
    REVIEW_TTL,
    ButtonKind,
    PostTo,
    ReviewOf,
    parse,
)
from chatbot.buttons.service import EXPIRED_KEPT, ButtonPress, ButtonService, Refusal
from chatbot.db.database import Database

OWNER, OTHER = 1004, 1002
GROUP = -1001234567890
DRAFT = PostTo(text="Can we add the grass cutting to the agenda?", chat_id=GROUP)


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def buttons(database: Database, clock: Clock) -> ButtonService:
    return ButtonService(database, clock=clock)


async def test_when_a_button_is_issued_then_its_data_is_a_prefix_and_an_opaque_id(
    buttons: ButtonService,
) -> None:
    data = await buttons.issue(ButtonKind.POST, owner_id=OWNER, payload=DRAFT.to_payload())
    assert data.startswith("p:")
    assert len(data.encode()) <= MAX_CALLBACK_BYTES
    assert str(GROUP) not in data
    assert parse(data) == (ButtonKind.POST, data[2:])
    other = await buttons.issue(ButtonKind.POST, owner_id=OWNER, payload=DRAFT.to_payload())
    assert other != data


async def test_when_the_owner_takes_a_posting_button_then_it_works_once(
    buttons: ButtonService,
) -> None:
    data = await buttons.issue(ButtonKind.REDACTED, owner_id=OWNER, payload=DRAFT.to_payload())
    press = await buttons.take(data, presser_id=OWNER)
    assert isinstance(press, ButtonPress)
    assert (press.kind, press.owner_id) == (ButtonKind.REDACTED, OWNER)
    assert PostTo.from_payload(press.payload) == DRAFT
    assert await buttons.take(data, presser_id=OWNER) is Refusal.USED
    assert await buttons.peek(data, presser_id=OWNER) is Refusal.USED


async def test_when_someone_else_presses_then_it_is_refused_and_not_used_up(
    buttons: ButtonService,
) -> None:
    data = await buttons.issue(ButtonKind.POST, owner_id=OWNER, payload=DRAFT.to_payload())
    assert await buttons.take(data, presser_id=OTHER) is Refusal.NOT_YOURS
    assert isinstance(await buttons.take(data, presser_id=OWNER), ButtonPress)


@pytest.mark.parametrize(
    ("kind", "ttl"),
    [
        (ButtonKind.POST, POSTING_TTL),
        (ButtonKind.REDACTED, POSTING_TTL),
        (ButtonKind.REVIEW, REVIEW_TTL),
    ],
)
async def test_when_a_button_outlives_its_kinds_ttl_then_it_has_expired(
    buttons: ButtonService, clock: Clock, kind: ButtonKind, ttl: timedelta
) -> None:
    payload = ReviewOf(GROUP, 40).to_payload() if kind is ButtonKind.REVIEW else DRAFT.to_payload()
    data = await buttons.issue(kind, owner_id=OWNER, payload=payload)
    clock.now += ttl - timedelta(minutes=1)
    assert isinstance(await buttons.peek(data, presser_id=OWNER), ButtonPress)
    clock.now += timedelta(minutes=1)
    assert await buttons.peek(data, presser_id=OWNER) is Refusal.EXPIRED
    assert await buttons.take(data, presser_id=OWNER) is Refusal.EXPIRED


def test_when_the_expiry_defaults_are_read_then_drafts_last_a_day_and_reviews_a_week() -> None:
    assert timedelta(hours=24) == POSTING_TTL
    assert timedelta(days=7) == REVIEW_TTL


async def test_when_a_review_button_is_pressed_again_then_it_still_works(
    buttons: ButtonService,
) -> None:
    data = await buttons.issue(
        ButtonKind.REVIEW, owner_id=OWNER, payload=ReviewOf(GROUP, 40).to_payload()
    )
    for _ in range(2):
        press = await buttons.take(data, presser_id=OWNER)
        assert isinstance(press, ButtonPress)
        assert ReviewOf.from_payload(press.payload) == ReviewOf(GROUP, 40)


async def test_when_one_of_a_drafts_buttons_is_pressed_then_all_of_them_are_used_up(
    buttons: ButtonService,
) -> None:
    first, second, discard = await buttons.issue_group(
        [
            (ButtonKind.POST, DRAFT.to_payload()),
            (ButtonKind.POST, PostTo(DRAFT.text, -1005555555555).to_payload()),
            (ButtonKind.DISCARD, {}),
        ],
        owner_id=OWNER,
    )
    assert isinstance(await buttons.take(second, presser_id=OWNER), ButtonPress)
    assert await buttons.take(first, presser_id=OWNER) is Refusal.USED
    assert await buttons.take(discard, presser_id=OWNER) is Refusal.USED


async def test_when_a_taken_button_is_released_then_it_can_be_pressed_again(
    buttons: ButtonService,
) -> None:
    first, discard = await buttons.issue_group(
        [(ButtonKind.POST, DRAFT.to_payload()), (ButtonKind.DISCARD, {})], owner_id=OWNER
    )
    press = await buttons.take(first, presser_id=OWNER)
    assert isinstance(press, ButtonPress)
    await buttons.release(press)
    assert isinstance(await buttons.take(discard, presser_id=OWNER), ButtonPress)


async def test_when_pressed_twice_at_once_then_only_one_press_wins(
    buttons: ButtonService,
) -> None:
    data = await buttons.issue(ButtonKind.POST, owner_id=OWNER, payload=DRAFT.to_payload())
    results = await asyncio.gather(*(buttons.take(data, presser_id=OWNER) for _ in range(4)))
    assert sum(isinstance(r, ButtonPress) for r in results) == 1
    assert all(r is Refusal.USED for r in results if not isinstance(r, ButtonPress))


async def test_when_a_prefix_is_swapped_then_the_id_is_not_valid_for_that_kind(
    buttons: ButtonService,
) -> None:
    data = await buttons.issue(
        ButtonKind.REVIEW, owner_id=OWNER, payload=ReviewOf(GROUP, 40).to_payload()
    )
    assert await buttons.take("r" + data[1:], presser_id=OWNER) is Refusal.UNKNOWN


async def test_when_a_button_expired_long_ago_then_it_is_forgotten(
    buttons: ButtonService, clock: Clock
) -> None:
    data = await buttons.issue(ButtonKind.POST, owner_id=OWNER, payload=DRAFT.to_payload())
    clock.now += POSTING_TTL + EXPIRED_KEPT + timedelta(minutes=1)
    await buttons.issue(ButtonKind.POST, owner_id=OWNER, payload=DRAFT.to_payload())
    assert await buttons.peek(data, presser_id=OWNER) is Refusal.UNKNOWN


async def test_when_many_buttons_are_issued_within_the_hour_then_expired_ones_are_swept_once(
    database: Database, buttons: ButtonService, clock: Clock
) -> None:
    sweeps: list[str] = []

    def count(_conn: object, _cursor: object, statement: str, *_: object) -> None:
        if statement.lstrip().upper().startswith("DELETE FROM BUTTONS"):
            sweeps.append(statement)

    event.listen(database.engine, "before_cursor_execute", count)
    try:
        for _ in range(5):
            await buttons.issue(
                ButtonKind.REVIEW, owner_id=OWNER, payload=ReviewOf(GROUP, 1).to_payload()
            )
            clock.now += timedelta(minutes=5)
        assert len(sweeps) == 1  # a sweep per hour, not a delete with every button
        clock.now += timedelta(hours=1)
        await buttons.issue(
            ButtonKind.REVIEW, owner_id=OWNER, payload=ReviewOf(GROUP, 1).to_payload()
        )
    finally:
        event.remove(database.engine, "before_cursor_execute", count)
    assert len(sweeps) == 2


@pytest.mark.parametrize(
    "data",
    [
        None,
        "",
        "x",
        "r:",
        "9" * 400,
        "v:" + "9" * 400 + ":1",
        "r:" + "A" * 400,
        "r:AAAAAAAAAAAAAAAA:-1001234567890",
        f"p:AAAAAAAAAAAAAAAA:{GROUP}",
        "r:AAAAAAAAAAAAAAA!",
        "r:ÀÀÀÀÀÀÀÀÀÀÀÀÀÀÀÀ",
        "r:AAAAAAAAAAAAAAAA\n",
        "q:AAAAAAAAAAAAAAAA",
        "r:AAAAAAAAAAAAAAAA",  # well formed, never issued
    ],
)
async def test_when_the_data_is_garbage_or_forged_then_it_is_refused_without_an_error(
    buttons: ButtonService, data: str | None
) -> None:
    assert await buttons.peek(data, presser_id=OWNER) is Refusal.UNKNOWN
    assert await buttons.take(data, presser_id=OWNER) is Refusal.UNKNOWN


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"text": 5, "chat_id": GROUP},
        {"text": "x", "chat_id": "-100"},
        {"text": "x", "chat_id": True},
    ],
)
def test_when_a_payload_does_not_fit_then_it_is_refused(payload: dict[str, object]) -> None:
    with pytest.raises(ValueError, match="payload"):
        PostTo.from_payload(payload)
