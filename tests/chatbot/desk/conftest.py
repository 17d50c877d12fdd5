"""The desk served for real: the bot's services over a database, its outbox against the fake
Bot API, and the desk's routes on the bot's HTTP server on 127.0.0.1, in a thread of its own.

Tests call it over HTTP with init data signed as Telegram signs it (:func:`signed`). The
server is shared by a module's tests (it is started once), seeded through the services'
public methods: members from the council file, record entries, requests, a removal and its
review request, strikes, leave.
"""

from __future__ import annotations

import asyncio
import json
import os
import threading
import time
from collections.abc import Coroutine, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

import httpx
import pytest
from pydantic import SecretStr

from chatbot.app import build_application, build_services, read_council
from chatbot.core.events import MessageEvent
from chatbot.cover.service import AbsenceKind
from chatbot.db.database import Database
from chatbot.desk.auth import sign_init_data
from chatbot.desk.routes import desk_routes
from chatbot.record.service import NewEntry
from chatbot.requests.deadlines import add_working_days
from chatbot.requests.service import RequestKind
from chatbot.settings import Settings
from chatbot.telegram.context import BotApplication, Services
from integrations.http import build_app, serve
from policy_checks import PolicyEngine
from testing.fakes.telegram import FakeTelegram
from tests.chatbot.e2e.conftest import free_port

T = TypeVar("T")
TOKEN = "123456:TEST-TOKEN"
GROUP = -1001234567890
CLERK, CHAIR, ASSISTANT, COUNCILLOR, VICE, MONITOR, STRANGER = (
    1001, 1002, 1003, 1004, 1005, 1006, 5555,
)  # fmt: skip
NAMES = {
    CLERK: "Jane Smith",
    CHAIR: "Peter Hughes",
    ASSISTANT: "Bob Jones",
    COUNCILLOR: "Helen Moss",
    VICE: "Sue Vickers",
    MONITOR: "Ann Price",
}
COUNCIL_TOML = f"""
[council]
name = "Barton-le-Clay Parish Council"
timezone = "Europe/London"
clerk_email = "theparishclerk@bartonleclay-pc.gov.uk"
website_domains = ["bartonleclay-pc.gov.uk", "gov.uk"]

[[members]]
telegram_id = {CLERK}
name = "Jane Smith"
role = "clerk"

[[members]]
telegram_id = {CHAIR}
name = "Peter Hughes"
role = "chair"

[[members]]
telegram_id = {ASSISTANT}
name = "Bob Jones"
role = "assistant_clerk"

[[members]]
telegram_id = {COUNCILLOR}
name = "Helen Moss"
role = "councillor"

[[members]]
telegram_id = {VICE}
name = "Sue Vickers"
role = "vice_chair"

[[members]]
telegram_id = {MONITOR}
name = "Ann Price"
role = "councillor"
monitor = true

[[chats]]
telegram_id = {GROUP}
title = "Councillors"
official = true
moderate = true
"""
START_TIMEOUT_S = 30.0


def signed(
    user_id: int,
    *,
    token: str = TOKEN,
    auth_date: datetime | None = None,
    first_name: str = "Someone",
    extra: dict[str, str] | None = None,
) -> str:
    """Init data for ``user_id`` signed with ``token`` as Telegram signs it."""
    moment = auth_date or datetime.now(UTC)
    user = {"id": user_id, "first_name": first_name, "language_code": "en"}
    fields = {
        "query_id": "AAHdF6IQAAAAAN0XohDhrOrc",
        "user": json.dumps(user, separators=(",", ":")),
        "auth_date": str(int(moment.timestamp())),
        "signature": "not-checked-by-the-bot",
        **(extra or {}),
    }
    return sign_init_data(fields, bot_token=token)


def auth(user_id: int, **kwargs: Any) -> dict[str, str]:
    """The ``Authorization`` header of a call by ``user_id``."""
    return {"Authorization": f"tma {signed(user_id, **kwargs)}"}


@dataclass
class Seeded:
    """What the seeding made, for tests to refer to."""

    entries: dict[str, int] = field(default_factory=dict)
    review_id: int = 0
    overdue_reference: str = ""
    sar_reference: str = ""


@dataclass
class DeskServer:
    """The desk served over HTTP, its services, and the fake Bot API it sends through."""

    root: str
    fake: FakeTelegram
    services: Services
    database_url: str
    seeded: Seeded
    loop: asyncio.AbstractEventLoop

    def call(self, work: Coroutine[Any, Any, T]) -> T:
        """Run ``work`` on the server's event loop (where the services live)."""
        return asyncio.run_coroutine_threadsafe(work, self.loop).result(timeout=30)

    def client(self) -> httpx.Client:
        """A client of the desk."""
        return httpx.Client(base_url=self.root, timeout=30)

    def access_log(self) -> list[tuple[str, str, str, int]]:
        """The record's access log: actor, action, detail, entries (oldest first)."""
        database = Database(self.database_url)
        try:
            with database.engine.connect() as connection:
                rows = connection.exec_driver_sql(
                    "SELECT actor, action, detail, entries FROM record_access ORDER BY id"
                ).all()
        finally:
            database.dispose()
        return [(str(a), str(b), str(c), int(d)) for a, b, c, d in rows]


def _event(message_id: int, text: str, *, sender: int = COUNCILLOR) -> MessageEvent:
    return MessageEvent(
        chat_id=GROUP,
        chat_title="Councillors",
        message_id=message_id,
        sender_id=sender,
        sender_name=NAMES.get(sender, "Someone"),
        text=text,
        date=datetime.now(UTC),
    )


async def _seed(services: Services, *, clerks_away: bool) -> Seeded:
    """Entries, requests, a removal and its review, a warning, strikes, leave."""
    seeded = Seeded()
    record = services.record
    now = datetime.now(UTC)
    posts = [
        ("hedge", COUNCILLOR, "The hedge on Mill Lane needs cutting back.", 501, 0, False),
        ("hedge-edit", COUNCILLOR, "The hedge on Mill Lane: cut it by Friday.", 501, 1, False),
        ("chair", CHAIR, "Agenda for the hedge working party is attached.", 502, 0, False),
        ("restricted", COUNCILLOR, "Mrs Example at 14 Mill Lane owns the hedge.", 503, 0, True),
    ]
    for key, sender, text, message_id, version, restricted in posts:
        seq = await record.append(
            NewEntry(
                kind="edit" if version else ("removed" if restricted else "message"),
                occurred_at=now - timedelta(hours=5 - version),
                text=text,
                sender_name=NAMES[sender],
                sender_id=sender,
                chat_id=GROUP,
                chat_title="Councillors",
                message_id=message_id,
                version=version,
                restricted=restricted,
                personal_data=restricted,
            )
        )
        assert seq is not None
        seeded.entries[key] = seq
    requests = services.requests
    today = requests.today()
    overdue = await requests.open(
        kind=RequestKind.FOI,
        requester="Mr A Requester",
        subject="the minutes of the hedge working party",
        opened_by=CLERK,
        received_on=add_working_days(today, -25),
    )
    seeded.overdue_reference = overdue.reference
    sar = await requests.open(
        kind=RequestKind.SAR,
        requester="Margaret Thornton",
        subject="Margaret Thornton",
        aliases=["Maggie"],
        opened_by=CLERK,
    )
    seeded.sar_reference = sar.reference
    moderation = services.moderation
    helen = await services.members.member(COUNCILLOR)
    removed = _event(601, "Email me at jane.doe@gmail.com about the hedge")
    await moderation.review(removed, helen)
    # Only warned (an unapproved link): an advert ("Cheap hedge trimmers at ...") is removed.
    warned = _event(602, "The hedge survey results are at https://hedge-survey.example.com/results")
    await moderation.review(warned, helen)
    requested = await services.reviews.request(chat_id=GROUP, message_id=601, sender_id=COUNCILLOR)
    assert requested is not None
    seeded.review_id = requested.review.id
    cover = services.cover
    first = cover.today()
    if clerks_away:
        for member in (CLERK, ASSISTANT):
            await cover.record(
                member_id=member,
                kind=AbsenceKind.LEAVE,
                starts_on=first,
                ends_on=first + timedelta(days=3),
                reason="Holiday",
                recorded_by=member,
            )
    else:
        gap_day = first + timedelta(days=10)
        for member, kind, last in (
            (CLERK, AbsenceKind.LEAVE, gap_day + timedelta(days=2)),
            (ASSISTANT, AbsenceKind.LEAVE, gap_day + timedelta(days=1)),
            (MONITOR, AbsenceKind.UNAVAILABLE, gap_day),
        ):
            await cover.record(
                member_id=member,
                kind=kind,
                starts_on=gap_day,
                ends_on=last,
                reason="Conference",
                recorded_by=member,
            )
    return seeded


def start_desk(
    folder: Path, engine: PolicyEngine, *, clerks_away: bool = False
) -> tuple[DeskServer, threading.Event]:
    """Start the desk in a thread; returns it and the event that stops it."""
    fake = FakeTelegram(TOKEN).start()
    council = folder / "council.toml"
    council.write_text(COUNCIL_TOML, encoding="utf-8")
    database_url = f"sqlite:///{folder / 'desk.db'}"
    settings = Settings(
        telegram_bot_token=SecretStr(TOKEN),
        telegram_api_base_url=fake.base_url,
        database_url=database_url,
        council_config=council,
        http_port=free_port(),
        public_url="https://desk.example.org",
    )
    ready: Future[DeskServer] = Future()
    stopping = threading.Event()

    async def main() -> None:
        stop = asyncio.Event()
        database = Database(settings.database_url)
        application: BotApplication | None = None
        try:
            await asyncio.to_thread(database.upgrade)
            services = build_services(settings, database, read_council(settings), engine)
            application = build_application(settings, services)
            await application.initialize()
            seeded = await _seed(services, clerks_away=clerks_away)
            loop = asyncio.get_running_loop()
            app = build_app(desk_routes(services))
            server = asyncio.create_task(
                serve(app, host="127.0.0.1", port=settings.http_port, stop=stop)
            )
            root = f"http://127.0.0.1:{settings.http_port}"
            await _listening(root)
            ready.set_result(DeskServer(root, fake, services, database_url, seeded, loop))
            await asyncio.to_thread(stopping.wait)
            stop.set()
            await server
        except BaseException as exc:
            if not ready.done():
                ready.set_exception(exc)
            raise
        finally:
            if application is not None:
                await application.shutdown()
            database.dispose()

    thread = threading.Thread(target=lambda: asyncio.run(main()), daemon=True)
    thread.start()
    try:
        desk = ready.result(timeout=START_TIMEOUT_S)
    except BaseException:
        stopping.set()
        fake.stop()
        raise
    return desk, stopping


async def _listening(root: str) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    async with httpx.AsyncClient() as client:
        while True:
            try:
                await client.get(f"{root}/app/")
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise
                await asyncio.sleep(0.05)
            else:
                return


def _served(
    tmp_path_factory: pytest.TempPathFactory, engine: PolicyEngine, *, clerks_away: bool
) -> Iterator[DeskServer]:
    folder = tmp_path_factory.mktemp("desk")
    desk, stopping = start_desk(folder, engine, clerks_away=clerks_away)
    yield desk
    stopping.set()
    desk.fake.stop()


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory, engine: PolicyEngine) -> Iterator[DeskServer]:
    """The desk with everyone at work (a gap ten days ahead)."""
    yield from _served(tmp_path_factory, engine, clerks_away=False)


@pytest.fixture(scope="module")
def covered_desk(
    tmp_path_factory: pytest.TempPathFactory, engine: PolicyEngine
) -> Iterator[DeskServer]:
    """The desk while the Clerk and the Assistant Clerk are away: the monitor covers."""
    yield from _served(tmp_path_factory, engine, clerks_away=True)


def pytest_configure(config: pytest.Config) -> None:
    """Register the browser tests' marker."""
    config.addinivalue_line("markers", "browser: drives the desk in a real headless Chromium")


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """The system's Chromium; its absence skips the browser tests, and fails them in CI."""
    from tests.chatbot.desk.browser import CHROMIUM, chromium_available  # noqa: PLC0415

    if chromium_available():
        return CHROMIUM
    message = (
        f"no Chromium at {CHROMIUM}: the desk's browser tests need Debian's chromium package "
        "(apt-get install -y chromium)"
    )
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message + "; in CI a missing browser is a failure", pytrace=False)
    pytest.skip(message)
