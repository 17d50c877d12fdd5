"""The council's settings in the database, the setup code, and which value wins (#15)."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import select

from chatbot.council.file import CouncilFile, CouncilSection
from chatbot.council.setup import (
    AnswerError,
    Setting,
    Source,
    Step,
    Stored,
    effective_council,
    next_step,
    read_answer,
)
from chatbot.council.store import HANDLED_KEPT, CouncilSettingsStore
from chatbot.db.database import Database
from chatbot.db.models import Member, SetupCode


def _file(**council: object) -> CouncilFile:
    return CouncilFile(council=CouncilSection.model_validate({"name": "File Council", **council}))


async def test_when_a_value_is_set_in_telegram_then_it_wins_over_the_file(
    database: Database,
) -> None:
    store = CouncilSettingsStore(database)
    store.seed_now(_file(office_hours="Mon-Fri 09:00-17:00"))
    await store.set(Setting.OFFICE_HOURS, "Mon-Thu 10:00-12:00", by=1)
    store.seed_now(_file(office_hours="Mon-Fri 08:00-16:00"))  # the file, edited, on a restart

    stored = store.stored_now()
    council = effective_council(_file(office_hours="Mon-Fri 08:00-16:00"), stored)

    assert stored[Setting.OFFICE_HOURS] == Stored("Mon-Thu 10:00-12:00", Source.TELEGRAM)
    assert council is not None
    assert council.council.office_hours == "Mon-Thu 10:00-12:00"


async def test_when_a_value_never_set_in_telegram_changes_in_the_file_then_the_file_wins(
    database: Database,
) -> None:
    store = CouncilSettingsStore(database)
    store.seed_now(_file(website_domains=["a-pc.gov.uk"]))
    edited = _file(website_domains=["b-pc.gov.uk", "gov.uk"])
    store.seed_now(edited)

    stored = store.stored_now()
    council = effective_council(edited, stored)

    assert stored[Setting.WEBSITE_DOMAINS] == Stored(("b-pc.gov.uk", "gov.uk"), Source.FILE)
    assert council is not None
    assert council.council.website_domains == ("b-pc.gov.uk", "gov.uk")


def test_when_there_is_no_file_and_no_name_then_setup_is_needed() -> None:
    assert effective_council(None, {}) is None
    only_hours = {Setting.OFFICE_HOURS: Stored("Mon-Fri 09:00-17:00", Source.TELEGRAM)}
    assert effective_council(None, only_hours) is None


def test_when_there_is_no_file_then_the_stored_values_and_the_defaults_make_the_council() -> None:
    stored = {
        Setting.NAME: Stored("Barton Parish Council", Source.TELEGRAM),
        Setting.CLERK_EMAIL: Stored(None, Source.TELEGRAM),
    }
    council = effective_council(None, stored)
    assert council is not None
    assert council.council.name == "Barton Parish Council"
    assert council.council.clerk_email is None
    assert council.council.office_hours == "Mon-Fri 09:00-17:00"
    assert council.council.website_domains == ("gov.uk",)
    assert council.members == ()


async def test_when_the_setup_code_is_sent_twice_then_only_the_first_sender_becomes_clerk(
    database: Database,
) -> None:
    store = CouncilSettingsStore(database)
    code = store.issue_code_now()

    clerk = await store.claim(code, telegram_id=11, name="Jane Smith")
    with pytest.raises(AnswerError, match="already used"):
        await store.claim(code, telegram_id=12, name="Eve Mallory")

    assert clerk.name == "Jane Smith"
    assert [c.telegram_id for c in store.clerks_now()] == [11]
    roles = database.call(lambda s: [(m.telegram_id, m.role) for m in s.scalars(select(Member))])
    assert roles == [(11, "clerk")]


async def test_when_two_people_send_the_code_at_once_then_exactly_one_becomes_clerk(
    database: Database,
) -> None:
    store = CouncilSettingsStore(database)
    code = store.issue_code_now()

    results = await asyncio.gather(
        *(store.claim(code, telegram_id=20 + n, name=f"Person {n}") for n in range(4)),
        return_exceptions=True,
    )

    assert sum(not isinstance(r, BaseException) for r in results) == 1
    assert len(store.clerks_now()) == 1


async def test_when_a_new_code_is_issued_then_the_unused_one_stops_working_and_none_is_kept(
    database: Database,
) -> None:
    store = CouncilSettingsStore(database)
    old = store.issue_code_now()
    new = store.issue_code_now()

    with pytest.raises(AnswerError):
        await store.claim(old, telegram_id=31, name="Old Code")
    kept = database.call(lambda s: [c.code_hash for c in s.scalars(select(SetupCode))])

    assert len(kept) == 1
    assert new not in kept[0]  # only a hash is stored
    assert (await store.claim(new, telegram_id=32, name="New Code")).telegram_id == 32


async def test_when_steps_are_done_then_progress_is_kept_in_order(database: Database) -> None:
    store = CouncilSettingsStore(database)
    assert next_step(store.done_now()) is Step.CLERK_NAME
    await store.mark_done(Step.CLERK_NAME, by=1)
    await store.mark_done(Step.NAME, by=1)
    assert next_step(await store.done()) is Step.CLERK_EMAIL
    for step in (Step.CLERK_EMAIL, Step.OFFICE_HOURS, Step.WEBSITE_DOMAINS):
        await store.mark_done(step, by=1)
    assert next_step(store.done_now()) is None


async def test_when_setup_handles_updates_then_the_newest_ids_are_kept_and_no_setting_changes(
    database: Database,
) -> None:
    store = CouncilSettingsStore(database)
    assert store.handled_now() == frozenset()
    for update_id in range(1, HANDLED_KEPT + 6):
        await store.keep_handled(update_id)
    assert store.handled_now() == frozenset(range(6, HANDLED_KEPT + 6))
    assert store.stored_now() == {}
    assert await store.done() == frozenset()


@pytest.mark.parametrize(
    ("setting", "text", "value"),
    [
        (Setting.NAME, "  Barton-le-Clay   Parish Council ", "Barton-le-Clay Parish Council"),
        (Setting.CLERK_EMAIL, "clerk@barton-pc.gov.uk", "clerk@barton-pc.gov.uk"),
        (Setting.OFFICE_HOURS, "Mon-Fri 09:00-17:00", "Mon-Fri 09:00-17:00"),
        (Setting.WEBSITE_DOMAINS, "Barton-PC.gov.uk, gov.uk", ("barton-pc.gov.uk", "gov.uk")),
        (Setting.WEBSITE_DOMAINS, "a.gov.uk a.gov.uk", ("a.gov.uk",)),
    ],
)
def test_when_an_answer_is_valid_then_it_is_read(
    setting: Setting, text: str, value: str | tuple[str, ...]
) -> None:
    assert read_answer(setting, text) == value


@pytest.mark.parametrize(
    ("setting", "text"),
    [
        (Setting.CLERK_EMAIL, "the clerk"),
        (Setting.OFFICE_HOURS, "whenever"),
        (Setting.OFFICE_HOURS, "Mon-Fri 17:00-09:00"),
        (Setting.WEBSITE_DOMAINS, "https://barton-pc.gov.uk/"),
        (Setting.WEBSITE_DOMAINS, "barton"),
        (Setting.NAME, "   "),
    ],
)
def test_when_an_answer_is_invalid_then_it_is_refused_in_words(setting: Setting, text: str) -> None:
    with pytest.raises(AnswerError):
        read_answer(setting, text)
