"""Slow uploads cannot starve the bot: it keeps moderating and its log stays small (#14).

``councilbot run`` runs as its own process with few open files (256 here; systemd gives 1,024)
while several hundred slow uploads are held on ``/zoom/webhook`` (each declares a 200 KB body,
sends a byte every two seconds, and connects again a second after the bot lets it go). Breaching
messages still arrive by polling and are deleted about as fast as when all is quiet, every one
of them; the bot's log grows by a few lines, with no tracebacks.
"""

from __future__ import annotations

import pytest

from bench.slow_clients import slow_clients_run

OPEN_FILES = 256  # the bot's open-file limit: well below the slow clients held
SLOW_CLIENTS = 400
MESSAGES = 6
MAX_LOG_BYTES = 20_000
MAX_DELETE_S = 3.0


@pytest.mark.slow
async def test_when_slow_uploads_hold_the_webhook_port_then_moderation_goes_on() -> None:
    run = await slow_clients_run(
        clients=SLOW_CLIENTS, messages=MESSAGES, open_files=OPEN_FILES, byte_every_s=2.0
    )

    assert run["not_deleted"] == 0, run
    assert run["held_p99_s"] < MAX_DELETE_S, run
    # Every client attacked: it connected, or was still waiting to be let in at the end (a
    # full server leaves connections unaccepted, so not all of them get a connection at all).
    assert run["connections_made"] + run["still_connecting_at_end"] >= SLOW_CLIENTS, run
    assert run["answers"].get(503, 0) + run["answers"].get(408, 0) > 0, run  # turned away
    assert run["log_bytes_while_held"] < MAX_LOG_BYTES, run
    assert run["tracebacks"] == 0, run
    assert run["exit_status"] == 0, run
