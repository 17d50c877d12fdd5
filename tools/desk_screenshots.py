"""Screenshots of every screen of the Clerk's desk, at phone and desktop size, for the README.

Serves the desk exactly as the tests do (a seeded database, the fake Bot API), opens it in
Debian's headless Chromium with the same setup as the browser tests, and writes
``docs/desk/<screen>-<phone|desktop>.png``. Run from the checkout:

    .venv/bin/python tools/desk_screenshots.py [--out docs/desk]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

from playwright.sync_api import Page

from chatbot.core.events import MessageEvent
from chatbot.moderation.service import ModerationService
from policy_checks import PolicyEngine
from policy_checks.evaluation import EVALUATION_COUNCIL
from tests.chatbot.desk.browser import (
    DARK,
    DESKTOP,
    LIGHT,
    PHONE,
    chromium,
    chromium_available,
    desk_url,
)
from tests.chatbot.desk.conftest import CLERK, DeskServer, signed, start_desk

SCREENS = ("today", "record", "requests", "reviews", "members", "cover")
HISTORY = (  # what was posted in past weeks, so the chart has something to show
    "Email me at someone@gmail.com",
    "Ring me on 07911 123456 tonight",
    "Cheap hedge trimmers at https://cheap-tools.example.com/deal",
    "You are a complete idiot",
)


def _at(moment: datetime) -> datetime:
    return moment


async def _history(desk: DeskServer, engine: PolicyEngine) -> None:
    """Removals and warnings over the last eleven weeks, made as the bot makes them."""
    database = desk.services.record.database
    now = datetime.now(UTC)
    message_id = 10_000
    for week in range(1, 12):
        moment = now - timedelta(weeks=week)
        moderation = ModerationService(database, engine, clock=partial(_at, moment))
        for n, text in enumerate(HISTORY[: 1 + (week * 7) % len(HISTORY)] * (1 + week % 3)):
            message_id += 1
            event = MessageEvent(
                chat_id=-1001234567890,
                chat_title="Councillors",
                message_id=message_id,
                sender_id=1004 + n % 2,
                sender_name="Helen Moss",
                text=text,
                date=moment,
            )
            await moderation.review(event, None)


def _prepare(page: Page, screen: str) -> None:
    """Open ``screen`` and put something on it worth seeing."""
    page.get_by_role("tab", name=screen.capitalize()).click()
    if screen == "record":
        page.get_by_label("Words").fill("hedge")
        page.get_by_role("button", name="Search").click()
        page.locator("#search-results button.link", has_text="#2 ").click()
        page.locator("#entry-detail").get_by_text("Versions (2)").wait_for()
    elif screen == "today":
        page.locator("#today-chart svg[role=img]").wait_for()
    else:
        page.locator(f"#{screen} .item").first.wait_for()
    page.evaluate("window.scrollTo(0, 0)")


def _shoot(desk: DeskServer, out: Path) -> list[Path]:
    written: list[Path] = []
    for size, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        with chromium(viewport) as context:
            page = context.new_page()
            page.goto(desk_url(desk.root, signed(CLERK), theme=LIGHT))
            page.locator("#tabs").wait_for()
            for screen in SCREENS:
                _prepare(page, screen)
                path = out / f"{screen}-{size}.png"
                page.screenshot(path=str(path), full_page=size == "desktop")
                written.append(path)
            dark = context.new_page()
            dark.goto(desk_url(desk.root, signed(CLERK), theme=DARK))
            dark.locator("#tabs").wait_for()
            _prepare(dark, "today")
            path = out / f"today-dark-{size}.png"
            dark.screenshot(path=str(path))
            written.append(path)
    return written


def main() -> int:
    """Write the screenshots; exit 2 without Chromium."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("docs/desk"))
    args = parser.parse_args()
    if not chromium_available():
        print("no /usr/bin/chromium: apt-get install -y chromium", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        engine = PolicyEngine(council=EVALUATION_COUNCIL)
        desk, stopping = start_desk(Path(folder), engine)
        try:
            desk.call(_history(desk, engine))
            for path in _shoot(desk, args.out):
                print(path)
        finally:
            stopping.set()
            desk.fake.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
