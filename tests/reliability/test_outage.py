"""The database unreachable in the middle of the load: nothing is lost.

On PostgreSQL the bot reaches the server through a TCP proxy that is cut and restored: record
entries go to the spool and are replayed, breaches are still deleted, strikes and moderation
events are deferred and written once the server is back. SQLite is a file in the bot's own
process: there is no connection to lose, so this fault does not apply to it.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from sqlalchemy import make_url

from bench.reliability import FAKE_BOT_TOKEN, lost, run_scenario, scenario_settings
from policy_checks import PolicyEngine
from testing.fakes.tcp_proxy import TcpProxy
from testing.fakes.telegram import FakeTelegram

MESSAGES = 300
RATE = 60.0
OUTAGE_S = 3.0


async def test_when_the_database_is_unreachable_for_seconds_mid_load_then_nothing_is_lost(
    tmp_path: Path, database_url: str, engine: PolicyEngine
) -> None:
    if database_url.startswith("sqlite"):
        pytest.skip("SQLite runs in the bot's process: there is no server to lose")
    direct = make_url(database_url)
    with (
        FakeTelegram(FAKE_BOT_TOKEN) as fake,
        TcpProxy(direct.host or "127.0.0.1", direct.port or 5432) as proxy,
    ):
        proxied = direct.set(host="127.0.0.1", port=proxy.port)

        async def outage() -> None:
            proxy.cut()
            await asyncio.sleep(OUTAGE_S)
            proxy.restore()

        result = await run_scenario(
            fake,
            scenario_settings(tmp_path, fake, proxied.render_as_string(hide_password=False)),
            engine,
            MESSAGES,
            rate=RATE,
            fault=(0.2, outage),
            outcome_url=database_url,
        )
        refused = proxy.refused
    assert refused > 0  # the bot did try the database during the outage
    assert result["spool_drained"]
    assert lost(result) == 0, result
