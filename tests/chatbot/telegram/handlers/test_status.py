"""``/status``'s lines: uptime and the last digest, as the Clerk reads them."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from chatbot.record.digest import LastDigest
from chatbot.telegram.handlers.status import (
    digest_line,
    join_summary,
    uptime_text,
)

LONDON = ZoneInfo("Europe/London")


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [(0, "0 min"), (59, "0 min"), (420, "7 min"), (7500, "2 h 5 min"), (273_600, "3 d 4 h")],
)
def test_when_the_bot_has_run_for_a_while_then_uptime_is_shown_plainly(
    seconds: float, shown: str
) -> None:
    assert uptime_text(seconds) == shown


def test_when_no_digest_was_sent_then_status_says_so() -> None:
    assert digest_line(None, LONDON) == "Last digest: none delivered yet."


def test_when_a_digest_was_sent_then_its_day_time_and_entries_are_shown_in_local_time() -> None:
    last = LastDigest(
        slot=date(2026, 7, 1), delivered_at=datetime(2026, 7, 1, 7, 0, tzinfo=UTC), entries=12
    )
    assert digest_line(last, LONDON) == (
        "Last digest: for Wed 01 Jul 2026, delivered Wed 01 Jul 08:00 (12 entries)."
    )


def test_when_an_old_digest_has_no_delivery_time_then_only_its_day_is_shown() -> None:
    last = LastDigest(slot=date(2026, 7, 1), delivered_at=None, entries=3)
    assert digest_line(last, LONDON) == "Last digest: for Wed 01 Jul 2026 (3 entries)."


@pytest.mark.parametrize(
    ("held", "shown"),
    [(1, "1 more group"), (17, "17 more groups")],
)
def test_when_group_alerts_were_held_back_then_the_summary_counts_them_in_local_time(
    held: int, shown: str
) -> None:
    since = datetime(2026, 7, 1, 9, 5, tzinfo=UTC)
    assert join_summary(held, since, LONDON) == (
        f"{shown} added me since 10:05; I did not ask you about each, in case it is a flood, "
        "and I moderate none of them. If one is the council's, remove me from it and add me "
        "again."
    )
