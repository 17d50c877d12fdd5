"""Who gets an alert: whoever is on duty, else the Clerk and Chair told of the gap."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from chatbot.cover.duty import DutyBy, Gap, OnDuty
from chatbot.cover.routing import alert_recipients

CLERK, CHAIR, ASSISTANT, MONITOR = 1001, 1002, 1003, 1005


def test_when_the_assistant_clerk_covers_then_only_they_are_alerted() -> None:
    route = alert_recipients(
        OnDuty(frozenset({ASSISTANT}), DutyBy.ASSISTANT_CLERK), clerks_and_chairs=[CLERK, CHAIR]
    )
    assert route.people == {ASSISTANT}
    assert route.gap is None
    assert route.text("Strike alert") == "Strike alert"


def test_when_there_is_a_gap_then_the_clerk_and_chair_are_alerted_and_told_why() -> None:
    route = alert_recipients(Gap("no monitor is nominated"), clerks_and_chairs=[CLERK, CHAIR])
    assert route.people == {CLERK, CHAIR}
    assert route.text("Strike alert").endswith(
        "Nobody is on duty for monitoring today (no monitor is nominated)."
    )


@given(
    people=st.frozensets(st.integers(min_value=1, max_value=10**12), min_size=1),
    by=st.sampled_from(DutyBy),
    others=st.lists(st.integers(min_value=1, max_value=10**12)),
)
def test_when_someone_is_on_duty_then_exactly_they_are_alerted(
    people: frozenset[int], by: DutyBy, others: list[int]
) -> None:
    route = alert_recipients(OnDuty(people, by), clerks_and_chairs=others)
    assert route.people == people
    assert route.gap is None
