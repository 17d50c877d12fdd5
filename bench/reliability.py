"""Reliability under load and faults: the running bot against the loopback fake Bot API.

Group messages from 50 members across 5 chats (3 of them official), a known share breaching
and some edited, go through the real application. Afterwards the database and the fake's
calls are compared with what was sent: every message version of an official chat on the
record exactly once and the chain intact, every breaching message deleted exactly once and
nothing else deleted, every sender's strike count exact. Runs:

* **load**: the messages as fast as the bot takes them (SQLite);
* **outage** (PostgreSQL only): the database cut off through a TCP proxy for a while in the
  middle of a paced load, then restored: record entries are spooled and replayed, breaches
  still removed, strikes deferred and written;
* **bot API faults**: bursts of 429 (with ``retry_after``) and 502 on ``deleteMessage`` and
  ``sendMessage`` during the load; the waits before each retry are measured;
* **slow clients** (:mod:`bench.slow_clients`): moderation latency while 1,000 slow uploads
  are held on the webhook port of a bot with 1,024 open files, against the quiet latency of
  the same run (target p99 at most twice), and the bytes the bot logged meanwhile.

The scenario's pieces are used by ``tests/reliability`` with fewer messages. Needs a source
checkout (the fakes live in ``tests/fakes``).
"""

from __future__ import annotations

import asyncio
import os
import random
import tempfile
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from pydantic import SecretStr
from sqlalchemy import create_engine, func, make_url, select, text

from chatbot.app import serve
from chatbot.db.database import Database
from chatbot.db.models import RecordEntry, Strike
from chatbot.record.service import RecordService
from chatbot.settings import Settings
from chatbot.telegram.connector import edit_version
from policy_checks import Action, PolicyEngine

FAKE_BOT_TOKEN: Final[str] = "123456:RELIABILITY-TOKEN"  # noqa: S105 - the fake's, not a secret
CHATS: Final[tuple[int, ...]] = (-1002001, -1002002, -1002003, -1002004, -1002005)
OFFICIAL: Final[frozenset[int]] = frozenset(CHATS[:3])
MEMBERS: Final[int] = 50
FIRST_MEMBER: Final[int] = 3000
BREACHES: Final[tuple[str, ...]] = (
    "Her number is 07911 123456, call her about the bins",
    "Email jane.doe@gmail.com about the allotment keys",
    "Mr Patel lives at 14 Mill Lane, MK45 4QD if anyone wants to complain",
    "My bank details are sort code 20-00-00 account 12345678",
)
CLEAN: Final[tuple[str, ...]] = (
    "Can we add the grass cutting to next month's agenda please?",
    "The street light on the high street is out again, I've reported it.",
    "Thanks all, see you at the meeting on Tuesday at 19:30.",
    "Draft minutes attached for comments by Friday.",
    "Agreed, let's take it to the planning committee.",
)
BREACH_SHARE: Final[float] = 0.2
EDIT_SHARE: Final[float] = 0.05
SEED: Final[int] = 7
CONFIRM_TIMEOUT_S: Final[float] = 600.0
SETTLE_TIMEOUT_S: Final[float] = 120.0
TICK_S: Final[float] = 0.5


def write_council(folder: Path) -> Path:
    """A council file with the scenario's members (the first is the Clerk) and chats."""
    lines = ['[council]\nname = "Reliability Parish Council"\n']
    lines += [
        f'[[members]]\ntelegram_id = {FIRST_MEMBER + i}\nname = "Member {i}"\nrole = '
        f'"{"clerk" if i == 0 else "councillor"}"\n'
        for i in range(MEMBERS)
    ]
    lines += [
        f'[[chats]]\ntelegram_id = {chat}\ntitle = "Group {index}"\n'
        f"official = {'true' if chat in OFFICIAL else 'false'}\nmoderate = true\n"
        for index, chat in enumerate(CHATS)
    ]
    path = folder / "council.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


@dataclass(frozen=True, slots=True)
class Version:
    """One message version sent: what the bot should do with it."""

    chat: int
    message_id: int
    version: int
    sender: int
    blocked: bool


@dataclass
class LoadPlan:
    """The updates to push, and what each should lead to."""

    updates: list[dict[str, Any]] = field(default_factory=list)
    versions: list[Version] = field(default_factory=list)

    @property
    def breaches(self) -> set[tuple[int, int]]:
        """The (chat, message) pairs that must be deleted."""
        return {(v.chat, v.message_id) for v in self.versions if v.blocked}

    @property
    def recorded(self) -> Counter[tuple[int, int, int]]:
        """Every version of an official chat's messages, once each."""
        return Counter(
            (v.chat, v.message_id, v.version) for v in self.versions if v.chat in OFFICIAL
        )

    @property
    def strikes(self) -> Counter[int]:
        """Each sender's strikes."""
        return Counter(v.sender for v in self.versions if v.blocked)


def plan_load(fake: Any, messages: int, engine: PolicyEngine, *, first_id: int = 1) -> LoadPlan:
    """``messages`` updates: a fixed share breaching, some edits of earlier clean messages."""
    rng = random.Random(SEED + first_id)  # noqa: S311 - a reproducible scenario, not secrecy
    blocks = {t: engine.check(t).action is Action.BLOCK for t in (*BREACHES, *CLEAN)}
    if not all(blocks[t] for t in BREACHES) or any(blocks[t] for t in CLEAN):
        raise RuntimeError("the scenario's breaches must block and its clean texts must not")
    plan = LoadPlan()
    editable: list[tuple[int, int, int, str]] = []  # chat, message, sender, first name
    for index in range(messages):
        if editable and rng.random() < EDIT_SHARE:
            chat, message_id, sender, _ = editable.pop(rng.randrange(len(editable)))
            edited = rng.choice(CLEAN) + " (edited)"
            update = fake.message_update(chat, sender, edited, message_id=message_id, edited=True)
            # A distinct edit time per edit: the version is the edit's moment (and its text).
            edit_date = int(update["edited_message"]["date"]) + 1 + index
            update["edited_message"]["edit_date"] = edit_date
            plan.updates.append(update)
            version = edit_version(edit_date, edited)
            plan.versions.append(Version(chat, message_id, version, sender, blocked=False))
            continue
        chat = rng.choice(CHATS)
        sender = FIRST_MEMBER + rng.randrange(MEMBERS)
        breach = rng.random() < BREACH_SHARE
        body = rng.choice(BREACHES if breach else CLEAN)
        message_id = first_id + index
        plan.updates.append(
            fake.message_update(
                chat, sender, body, message_id=message_id, first_name=f"Member{sender}"
            )
        )
        plan.versions.append(Version(chat, message_id, 0, sender, blocked=breach))
        if not breach:
            editable.append((chat, message_id, sender, body))
    return plan


async def push_load(
    fake: Any,
    plan: LoadPlan,
    *,
    rate: float | None = None,
    at_fraction: tuple[float, Callable[[], Awaitable[None]]] | None = None,
) -> int:
    """Push the plan's updates (at ``rate`` a second, or at once); the last ``update_id``.

    ``at_fraction`` runs a callback (a fault) once that share of the updates is pushed,
    without holding up the pushing.
    """
    started = time.monotonic()
    last = 0
    fault: asyncio.Future[None] | None = None
    trigger = int(len(plan.updates) * at_fraction[0]) if at_fraction else -1
    for index, update in enumerate(plan.updates):
        if index == trigger and at_fraction is not None:
            fault = asyncio.ensure_future(at_fraction[1]())
        last = fake.push_update(update)
        if rate:
            await asyncio.sleep(max(0.0, started + (index + 1) / rate - time.monotonic()))
    if fault is not None:
        await fault
    return last


async def wait_confirmed(
    fake: Any, last_update_id: int, *, timeout: float = CONFIRM_TIMEOUT_S
) -> float:
    """Wait until the bot confirmed every update up to ``last_update_id``; when (monotonic)."""
    call = await fake.wait_for(
        "getUpdates",
        lambda c: int(str(c.params.get("offset", 0) or 0)) > last_update_id,
        timeout=timeout,
    )
    return float(call.at)


def _spool_empty(folder: Path) -> bool:
    return not any(folder.glob("*.json")) and not any((folder / "moderation").glob("*.json"))


async def wait_settled(spool: Path, *, timeout: float = SETTLE_TIMEOUT_S) -> bool:
    """Wait until nothing is left in the spool (record entries and deferred moderation)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if await asyncio.to_thread(_spool_empty, spool):
            return True
        await asyncio.sleep(0.1)
    return False


def outcome(database_url: str, plan: LoadPlan, fake: Any) -> dict[str, Any]:
    """Compare the database and the fake's calls with the plan: what was lost or doubled."""
    database = Database(database_url)
    try:
        chats = list(CHATS)
        on_record = database.call(
            lambda s: Counter(
                (int(c or 0), int(m or 0), int(v))
                for c, m, v in s.execute(
                    select(
                        RecordEntry.chat_telegram_id, RecordEntry.message_id, RecordEntry.version
                    ).where(RecordEntry.chat_telegram_id.in_(chats))
                )
            )
        )
        strikes = database.call(
            lambda s: Counter(
                {
                    int(user): int(count)
                    for user, count in s.execute(
                        select(Strike.telegram_user_id, func.count(Strike.id))
                        .where(Strike.chat_telegram_id.in_(chats))
                        .group_by(Strike.telegram_user_id)
                    )
                }
            )
        )
        chain = RecordService(database).verify()
    finally:
        database.dispose()
    expected = plan.recorded
    deletes = Counter(
        (int(str(c.params["chat_id"])), int(str(c.params["message_id"])))
        for c in fake.calls_to("deleteMessage")
        if c.failed is None
    )
    breaches = plan.breaches
    wanted_strikes = plan.strikes
    return {
        "messages": len(plan.updates),
        "record_expected": sum(expected.values()),
        "record_lost": sum((expected - on_record).values()),
        "record_duplicated": sum(n - 1 for n in on_record.values() if n > 1),
        "record_unexpected": len(set(on_record) - set(expected)),
        "chain_intact": chain.intact,
        "breaches": len(breaches),
        "breaches_not_deleted": len(breaches - set(deletes)),
        "breaches_deleted_more_than_once": sum(1 for k in breaches if deletes[k] > 1),
        "clean_deleted": len(set(deletes) - breaches),
        "strikes_expected": sum(wanted_strikes.values()),
        "strikes_stored": sum(strikes.values()),
        "senders_with_wrong_strikes": sum(
            1 for s in set(wanted_strikes) | set(strikes) if wanted_strikes[s] != strikes[s]
        ),
    }


def lost(result: dict[str, Any]) -> int:
    """Everything lost, doubled or wrong in an :func:`outcome` (0 when all is well)."""
    keys = (
        "record_lost",
        "record_duplicated",
        "record_unexpected",
        "breaches_not_deleted",
        "breaches_deleted_more_than_once",
        "clean_deleted",
        "senders_with_wrong_strikes",
    )
    return sum(int(result[k]) for k in keys) + (0 if result["chain_intact"] else 1)


def scenario_settings(folder: Path, fake: Any, database_url: str) -> Settings:
    """Settings for the bot against ``fake`` with the scenario's council file."""
    return Settings(
        telegram_bot_token=SecretStr(FAKE_BOT_TOKEN),
        telegram_api_base_url=fake.base_url,
        database_url=database_url,
        council_config=write_council(folder),
    )


async def run_scenario(
    fake: Any,
    settings: Settings,
    engine: PolicyEngine,
    messages: int,
    *,
    rate: float | None = None,
    fault: tuple[float, Callable[[], Awaitable[None]]] | None = None,
    outcome_url: str | None = None,
) -> dict[str, Any]:
    """Run the bot, push the load (with ``fault`` part-way), wait, and compare."""
    stop = asyncio.Event()
    task = asyncio.create_task(
        serve(settings, stop=stop, engine=engine, poll_timeout=1, tick=TICK_S)
    )
    try:
        await fake.wait_for("getUpdates", timeout=60)
        plan = plan_load(fake, messages, engine)
        started = time.monotonic()
        last = await push_load(fake, plan, rate=rate, at_fraction=fault)
        confirmed = await wait_confirmed(fake, last)
        settled = await wait_settled(settings.council_config.parent / "councilbot-spool")
    finally:
        stop.set()
        await asyncio.wait_for(task, timeout=60)
    result = outcome(outcome_url or settings.database_url, plan, fake)
    result["seconds"] = round(confirmed - started, 2)
    result["messages_per_s"] = round(messages / max(confirmed - started, 1e-9), 1)
    result["spool_drained"] = settled
    return result


def retry_waits(fake: Any, method: str) -> list[tuple[int, float]]:
    """For each failed call of ``method``: its error code and the wait before it came again."""
    calls = fake.calls_to(method)
    waits: list[tuple[int, float]] = []
    for index, call in enumerate(calls):
        if call.failed is None:
            continue
        for later in calls[index + 1 :]:
            if _same_request(later.params, call.params):
                waits.append((int(call.failed), later.at - call.at))
                break
    return waits


def shortest(waits: list[tuple[int, float]], *, code: int | None = None) -> float | None:
    """The shortest wait after a failure (with ``code``, or a 5xx when None)."""
    found = [w for c, w in waits if (c == code if code is not None else c >= 500)]
    return round(min(found), 2) if found else None


def _same_request(a: dict[str, Any], b: dict[str, Any]) -> bool:
    keys = ("chat_id", "message_id", "text")
    return all(a.get(k) == b.get(k) for k in keys)


# the benchmark -------------------------------------------------------------------------


async def _load(messages: int, engine: PolicyEngine) -> dict[str, Any]:
    from testing.fakes.telegram import FakeTelegram  # noqa: PLC0415

    with tempfile.TemporaryDirectory() as folder, FakeTelegram(FAKE_BOT_TOKEN) as fake:
        url = f"sqlite:///{Path(folder) / 'load.db'}"
        return await run_scenario(
            fake, scenario_settings(Path(folder), fake, url), engine, messages
        )


async def _bot_api_faults(messages: int, engine: PolicyEngine) -> dict[str, Any]:
    from testing.fakes.telegram import FakeTelegram  # noqa: PLC0415

    bursts = {"429": 0, "502": 0}

    async def storm() -> None:
        for round_ in range(4):
            fake.fail_next(
                "deleteMessage", 429, "Too Many Requests: retry after 1", times=3, retry_after=1
            )
            fake.fail_next(
                "sendMessage", 429, "Too Many Requests: retry after 2", times=3, retry_after=2
            )
            bursts["429"] += 6
            await asyncio.sleep(1.5)
            fake.fail_next("deleteMessage", 502, "Bad Gateway", times=3)
            fake.fail_next("sendMessage", 500, "Internal Server Error", times=2)
            bursts["502"] += 5
            await asyncio.sleep(1.5 + round_ * 0.1)

    with tempfile.TemporaryDirectory() as folder, FakeTelegram(FAKE_BOT_TOKEN) as fake:
        url = f"sqlite:///{Path(folder) / 'faults.db'}"
        result = await run_scenario(
            fake, scenario_settings(Path(folder), fake, url), engine, messages,
            rate=200.0, fault=(0.2, storm),
        )  # fmt: skip
        delete_waits = retry_waits(fake, "deleteMessage")
        send_waits = retry_waits(fake, "sendMessage")
    result["failures_injected"] = bursts
    result["retried_deletes"] = len(delete_waits)
    result["retried_sends"] = len(send_waits)
    result["unretried_failures"] = (
        len([c for c in fake.calls if c.failed is not None]) - len(delete_waits) - len(send_waits)
    )
    result["shortest_wait_after_429_delete_s"] = shortest(delete_waits, code=429)  # retry_after 1
    result["shortest_wait_after_429_send_s"] = shortest(send_waits, code=429)  # retry_after 2
    # Deletes only: a delete is one of a kind (chat, message), while two explanations sent
    # to one member can have the same text, which would pair a failure with the wrong call.
    result["shortest_wait_after_5xx_s"] = shortest(delete_waits)
    return result


def postgres_server_url() -> str | None:
    """The PostgreSQL database the outage run may empty and use, if one is configured."""
    return os.environ.get("BENCH_DATABASE_URL") or os.environ.get("TEST_DATABASE_URL")


async def _outage(
    messages: int, outage_s: float, engine: PolicyEngine, server: str
) -> dict[str, Any]:
    from testing.fakes.tcp_proxy import TcpProxy  # noqa: PLC0415
    from testing.fakes.telegram import FakeTelegram  # noqa: PLC0415

    # The database is emptied first, as the tests' fixture does: point BENCH_DATABASE_URL
    # at a database kept for benchmarks and tests.
    admin = create_engine(server)
    with admin.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    admin.dispose()
    direct = make_url(server)
    with (
        tempfile.TemporaryDirectory() as folder,
        FakeTelegram(FAKE_BOT_TOKEN) as fake,
        TcpProxy(direct.host or "127.0.0.1", direct.port or 5432) as proxy,
    ):
        proxied = direct.set(host="127.0.0.1", port=proxy.port)

        async def cut() -> None:
            proxy.cut()
            await asyncio.sleep(outage_s)
            proxy.restore()

        result = await run_scenario(
            fake,
            scenario_settings(Path(folder), fake, proxied.render_as_string(hide_password=False)),
            engine,
            messages,
            rate=messages / (outage_s * 2.5),
            fault=(0.2, cut),
            outcome_url=server,
        )
        result["outage_s"] = outage_s
        result["connections_refused"] = proxy.refused
    return result


def run_reliability_benchmarks(
    *, quick: bool = False, engine: PolicyEngine | None = None
) -> dict[str, Any]:
    """Run the load, the Bot API faults and (with PostgreSQL) the outage; JSON-ready."""
    engine = engine or PolicyEngine()
    messages = 1000 if quick else 10_000
    results: dict[str, Any] = {
        "load": asyncio.run(_load(messages, engine)),
        "bot_api_faults": asyncio.run(_bot_api_faults(messages // 5, engine)),
    }
    from bench.slow_clients import slow_clients_run  # noqa: PLC0415

    results["slow_clients"] = asyncio.run(
        slow_clients_run(clients=1000, messages=20 if quick else 100)
    )
    server = postgres_server_url()
    if server:
        outage_s = 5.0 if quick else 30.0
        results["outage"] = asyncio.run(_outage(messages, outage_s, engine, server))
    else:
        results["outage"] = {"skipped": "set BENCH_DATABASE_URL to a PostgreSQL database to wipe"}
    results["targets"] = {
        "lost": "0 in every run",
        "slow_clients": "delete p99 held at most 2x quiet, none left undeleted, no tracebacks",
    }
    return results


def format_reliability_results(results: dict[str, Any]) -> str:
    """A readable summary."""
    lines = ["Reliability (5 groups, 3 official, 50 members, 1 in 5 a breach, 1 in 20 an edit)"]
    for name in ("load", "bot_api_faults", "outage"):
        run = results[name]
        if "skipped" in run:
            lines.append(f"{name}: skipped ({run['skipped']})")
            continue
        line = (
            f"{name}: {run['messages']} messages in {run['seconds']} s "
            f"({run['messages_per_s']}/s); record {run['record_expected']} expected, "
            f"lost {run['record_lost']}, duplicated {run['record_duplicated']}, chain intact "
            f"{run['chain_intact']}; breaches {run['breaches']}, not deleted "
            f"{run['breaches_not_deleted']}, deleted twice "
            f"{run['breaches_deleted_more_than_once']}; "
            f"strikes {run['strikes_stored']}/{run['strikes_expected']}; lost {lost(run)}"
        )
        if name == "outage":
            line += (
                f"; outage {run['outage_s']} s, {run['connections_refused']} connections refused"
            )
        if name == "bot_api_faults":
            line += (
                f"; injected {run['failures_injected']}, retried deletes "
                f"{run['retried_deletes']}, sends {run['retried_sends']}, never retried "
                f"{run['unretried_failures']}; shortest wait after a 429 with retry_after 1: "
                f"{run['shortest_wait_after_429_delete_s']} s, with retry_after 2: "
                f"{run['shortest_wait_after_429_send_s']} s, after a 5xx: "
                f"{run['shortest_wait_after_5xx_s']} s"
            )
        lines.append(line)
    if "slow_clients" in results:
        from bench.slow_clients import format_slow_clients  # noqa: PLC0415

        lines.append(format_slow_clients(results["slow_clients"]))
    lines.append("targets: " + ", ".join(f"{k} {v}" for k, v in results["targets"].items()))
    return "\n".join(lines)
