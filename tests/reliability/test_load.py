"""Load and Bot API faults: the running bot against the fake Bot API loses nothing.

The 10,000-message runs are in ``councilbot bench --only reliability``; these are smaller.
"""

from __future__ import annotations

from pathlib import Path

from bench.reliability import (
    FAKE_BOT_TOKEN,
    lost,
    retry_waits,
    run_scenario,
    scenario_settings,
)
from policy_checks import PolicyEngine
from testing.fakes.telegram import FakeTelegram

MESSAGES = 500


async def test_when_500_messages_arrive_at_once_then_no_entry_breach_or_strike_is_lost(
    tmp_path: Path, database_url: str, engine: PolicyEngine
) -> None:
    with FakeTelegram(FAKE_BOT_TOKEN) as fake:
        result = await run_scenario(
            fake, scenario_settings(tmp_path, fake, database_url), engine, MESSAGES
        )
    assert result["breaches"] > MESSAGES // 10
    assert result["record_expected"] > MESSAGES // 3
    assert lost(result) == 0, result


async def test_when_the_bot_api_answers_bursts_of_429_and_5xx_then_retries_wait_and_nothing_is_lost(
    tmp_path: Path, database_url: str, engine: PolicyEngine
) -> None:
    with FakeTelegram(FAKE_BOT_TOKEN) as fake:

        async def storm() -> None:
            fake.fail_next(
                "deleteMessage", 429, "Too Many Requests: retry after 1", times=3, retry_after=1
            )
            fake.fail_next(
                "sendMessage", 429, "Too Many Requests: retry after 2", times=2, retry_after=2
            )
            fake.fail_next("deleteMessage", 502, "Bad Gateway", times=2)
            fake.fail_next("sendMessage", 500, "Internal Server Error", times=2)

        result = await run_scenario(
            fake, scenario_settings(tmp_path, fake, database_url), engine, 200,
            rate=100.0, fault=(0.3, storm),
        )  # fmt: skip
        waits = retry_waits(fake, "deleteMessage") + retry_waits(fake, "sendMessage")
        failed = [c for c in fake.calls if c.failed is not None]
        delete_waits_429 = [w for code, w in retry_waits(fake, "deleteMessage") if code == 429]
        send_waits_429 = [w for code, w in retry_waits(fake, "sendMessage") if code == 429]
    assert lost(result) == 0, result
    assert len(failed) == 9
    assert len(waits) == len(failed)  # every failed call was made again
    assert len(delete_waits_429) == 3
    assert min(delete_waits_429) >= 1.0  # retry_after honoured
    assert len(send_waits_429) == 2
    assert min(send_waits_429) >= 2.0


async def test_when_429s_come_in_a_long_burst_then_the_delete_still_happens_after_waiting(
    tmp_path: Path, database_url: str, engine: PolicyEngine
) -> None:
    with FakeTelegram(FAKE_BOT_TOKEN) as fake:

        async def flood_control() -> None:
            fake.fail_next(
                "deleteMessage", 429, "Too Many Requests: retry after 1", times=6, retry_after=1
            )

        result = await run_scenario(
            fake, scenario_settings(tmp_path, fake, database_url), engine, 40,
            rate=50.0, fault=(0.0, flood_control),
        )  # fmt: skip
        waits = [w for code, w in retry_waits(fake, "deleteMessage") if code == 429]
    assert lost(result) == 0, result
    assert len(waits) == 6
    assert min(waits) >= 1.0


async def test_when_5xx_outlast_the_limiters_retries_then_the_delete_is_tried_again_later(
    tmp_path: Path, database_url: str, engine: PolicyEngine
) -> None:
    with FakeTelegram(FAKE_BOT_TOKEN) as fake:

        async def outage() -> None:
            fake.fail_next("deleteMessage", 502, "Bad Gateway", times=5)

        result = await run_scenario(
            fake, scenario_settings(tmp_path, fake, database_url), engine, 30,
            rate=50.0, fault=(0.0, outage),
        )  # fmt: skip
        failed = [c for c in fake.calls_to("deleteMessage") if c.failed is not None]
    assert lost(result) == 0, result
    assert len(failed) == 5


async def test_when_telegram_answers_400_then_the_call_is_not_repeated(
    tmp_path: Path, database_url: str, engine: PolicyEngine
) -> None:
    with FakeTelegram(FAKE_BOT_TOKEN) as fake:

        async def refuse() -> None:
            fake.fail_next("deleteMessage", 400, "Bad Request: message to delete not found")

        await run_scenario(
            fake, scenario_settings(tmp_path, fake, database_url), engine, 30,
            rate=50.0, fault=(0.0, refuse),
        )  # fmt: skip
        (refused,) = [c for c in fake.calls_to("deleteMessage") if c.failed is not None]
        again = [
            c
            for c in fake.calls_to("deleteMessage")
            if c.params["message_id"] == refused.params["message_id"]
        ]
    assert again == [refused]  # a 400 is final: asked once, not three more times
