"""The alert budget: a few alerts an hour, then one summary of how many were held back."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from chatbot.core.budget import JOIN_ALERTS_PER_HOUR, AlertBudget

START = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)
MINUTE = timedelta(minutes=1)


def test_when_twenty_alerts_come_in_a_minute_then_three_go_and_one_summary_follows() -> None:
    budget = AlertBudget()
    sent = [budget.take(START + n * timedelta(seconds=3)) for n in range(20)]
    assert sent == [True] * JOIN_ALERTS_PER_HOUR + [False] * (20 - JOIN_ALERTS_PER_HOUR)
    assert budget.summary(START + 59 * MINUTE) is None  # the hour is not over
    assert budget.summary(START + 60 * MINUTE) == (17, START + 3 * timedelta(seconds=3))
    assert budget.summary(START + 61 * MINUTE) is None  # told once


def test_when_alerts_are_spread_out_then_each_goes() -> None:
    budget = AlertBudget()
    assert all(budget.take(START + n * 25 * MINUTE) for n in range(10))
    assert budget.summary(START + 300 * MINUTE) is None


def test_when_the_flood_goes_on_then_each_hour_sends_three_and_a_summary() -> None:
    budget = AlertBudget()
    sent, summaries = 0, []
    for n in range(180):  # one a minute for three hours
        now = START + n * MINUTE
        held = budget.summary(now)
        if held is not None:
            summaries.append(held[0])
        sent += budget.take(now)
    assert sent == 3 * JOIN_ALERTS_PER_HOUR
    assert summaries == [57, 57]  # and the third hour's is told when it is over
    assert budget.summary(START + 240 * MINUTE) == (57, START + 123 * MINUTE)


def test_when_a_summary_waits_then_the_next_alert_does_not_reopen_the_hour() -> None:
    budget = AlertBudget(limit=1)
    assert budget.take(START)
    assert not budget.take(START + MINUTE)
    assert not budget.take(START + 90 * MINUTE)  # its summary was not asked for yet
    assert budget.summary(START + 90 * MINUTE) == (2, START + MINUTE)
    assert budget.take(START + 91 * MINUTE)
