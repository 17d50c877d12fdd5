"""The desk in a real headless Chromium: opened as Telegram opens it, every screen used.

Skipped without ``/usr/bin/chromium`` (Debian's chromium package), except in CI, where a
missing browser fails (see ``chromium_path`` in the conftest).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.chatbot.desk.browser import DARK, DESKTOP, PHONE, chromium, desk_url
from tests.chatbot.desk.conftest import CLERK, COUNCILLOR, DeskServer, signed

pytestmark = pytest.mark.browser
TIMEOUT_MS = 10_000


@pytest.fixture(scope="module")
def browser(chromium_path: str) -> Iterator[BrowserContext]:
    del chromium_path
    with chromium(PHONE) as context:
        context.set_default_timeout(TIMEOUT_MS)
        yield context


@pytest.fixture
def page(browser: BrowserContext) -> Iterator[Page]:
    opened = browser.new_page()
    yield opened
    opened.close()


def _open(page: Page, desk: DeskServer, user: int = CLERK, **kwargs: object) -> None:
    page.goto(desk_url(desk.root, signed(user), **kwargs))  # type: ignore[arg-type]


def _status(page: Page) -> str:
    return page.locator("#status").inner_text()


def test_when_the_clerk_opens_the_desk_then_today_shows_what_needs_them_and_the_chart(
    page: Page, desk: DeskServer
) -> None:
    _open(page, desk)
    expect(page.locator("#who")).to_contain_text("Jane Smith · Clerk")
    expect(page.locator("#today-requests")).to_contain_text(desk.seeded.overdue_reference)
    expect(page.locator("#today-requests")).to_contain_text("OVERDUE")
    expect(page.locator("#today-reviews")).to_contain_text("1 open")
    expect(page.locator("#today-gaps")).to_contain_text("nobody on duty")
    expect(page.locator("#today-chain")).to_contain_text("Intact")
    chart = page.locator("#today-chart svg[role=img]")
    expect(chart).to_be_visible()
    assert page.locator("#today-chart rect").count() >= 2  # removed and warned this week
    expect(page.locator("#today-chart .legend")).to_contain_text("personal_data")


def test_when_the_record_is_searched_an_entry_opened_and_exported_then_each_works(
    page: Page, desk: DeskServer
) -> None:
    _open(page, desk)
    page.get_by_role("tab", name="Record").click()
    page.get_by_label("Words").fill("hedge")
    page.get_by_role("button", name="Search").click()
    results = page.locator("#search-results .item")
    expect(results.first).to_be_visible()
    assert results.count() == 4
    page.locator("#search-results button.link", has_text="#2 ").click()
    detail = page.locator("#entry-detail")
    expect(detail).to_contain_text("Versions (2)")
    expect(detail).to_contain_text("cut it by Friday")
    today = desk.call(_today(desk))
    form = page.locator("#export-form")
    form.get_by_label("From").fill((today - timedelta(days=1)).strftime("%d/%m/%Y"))
    form.get_by_label("To").fill(today.strftime("%d/%m/%Y"))
    before = len(desk.fake.calls_to("sendDocument"))
    form.get_by_role("button", name="Export to my chat").click()
    expect(page.locator("#status")).to_contain_text("Sent to your chat with the bot")
    assert len(desk.fake.calls_to("sendDocument")) == before + 1


async def _today(desk: DeskServer) -> date:
    return desk.services.cover.today()


def test_when_requests_are_opened_and_closed_on_the_desk_then_the_register_follows(
    page: Page, desk: DeskServer
) -> None:
    _open(page, desk)
    page.get_by_role("tab", name="Requests").click()
    expect(page.locator("#request-list")).to_contain_text(desk.seeded.sar_reference)
    foi = page.locator("#foi-form")
    foi.get_by_label("Requester").fill("Ms C Curious")
    foi.get_by_label("What is asked").fill("the play area inspection reports")
    foi.get_by_role("button", name="Open FOI request").click()
    expect(page.locator("#status")).to_contain_text("opened: due")
    reference = _status(page).split(" ")[0]
    expect(page.locator("#request-list")).to_contain_text(reference)
    page.get_by_role("button", name=f"Close {reference}").click()
    expect(page.locator("#status")).to_have_text(f"{reference} closed.")
    expect(page.locator("#request-list")).not_to_contain_text(reference)


def test_when_a_review_is_upheld_on_the_desk_then_the_sender_is_told(
    page: Page, desk: DeskServer
) -> None:
    _open(page, desk)
    page.get_by_role("tab", name="Reviews").click()
    review = desk.seeded.review_id
    page.get_by_label("Note (optional)").fill("it gave a private e-mail address")
    page.get_by_role("button", name=f"Uphold {review}").click()
    expect(page.locator("#status")).to_contain_text(f"Review request {review} resolved: upheld")
    expect(page.locator("#status")).to_contain_text("The sender was told.")
    told = desk.fake.calls_to("sendMessage")[-1]
    assert str(told.params["chat_id"]) == str(COUNCILLOR)


def test_when_members_are_managed_on_the_desk_then_invitations_monitors_and_pardons_work(
    page: Page, desk: DeskServer
) -> None:
    _open(page, desk)
    page.get_by_role("tab", name="Members").click()
    expect(page.locator("#strike-list")).to_contain_text("Helen Moss (id 1004)")
    invite = page.locator("#invite-form")
    invite.get_by_label("Full name").fill("Ann Example")
    invite.get_by_label("Role").select_option("councillor")
    invite.get_by_role("button", name="Make an invitation").click()
    expect(page.locator("#invite-result a")).to_have_attribute(
        "href", _starts_with("https://t.me/councilbot_test_bot?start=")
    )
    page.get_by_role("button", name="Pardon Helen Moss").click()
    expect(page.locator("#status")).to_have_text("Cleared 1 strike(s) for Helen Moss.")
    helen = page.locator("#member-list .item", has_text="Helen Moss")
    helen.get_by_role("button", name="Nominate as monitor").click()
    expect(page.locator("#status")).to_contain_text("Helen Moss is now a monitor (on the record")


def _starts_with(prefix: str) -> re.Pattern[str]:
    return re.compile("^" + re.escape(prefix))


def test_when_leave_is_added_and_cancelled_on_the_desk_then_the_cover_shows_it(
    page: Page, desk: DeskServer
) -> None:
    _open(page, desk)
    page.get_by_role("tab", name="Cover").click()
    expect(page.locator("#cover-periods")).to_contain_text("Clerk Jane Smith")
    today = desk.call(_today(desk))
    form = page.locator("#leave-form")
    form.get_by_label("From").fill((today + timedelta(days=30)).strftime("%d/%m/%Y"))
    form.get_by_label("To").fill((today + timedelta(days=31)).strftime("%d/%m/%Y"))
    form.get_by_label("Reason (optional)").fill("Training")
    form.get_by_role("button", name="Add leave").click()
    expect(page.locator("#status")).to_contain_text("recorded: Jane Smith")
    number = _status(page).split(" ")[1]
    expect(page.locator("#leave-list")).to_contain_text("Training")
    page.get_by_role("button", name=f"Cancel leave {number}").click()
    expect(page.locator("#status")).to_contain_text("Cancelled: Jane Smith")


def test_when_the_tabs_are_used_from_the_keyboard_then_arrow_keys_move_between_screens(
    page: Page, desk: DeskServer
) -> None:
    _open(page, desk)
    today = page.get_by_role("tab", name="Today")
    expect(today).to_have_attribute("aria-selected", "true")
    today.focus()
    page.keyboard.press("ArrowRight")
    expect(page.get_by_role("tab", name="Record")).to_have_attribute("aria-selected", "true")
    expect(page.locator("#record")).to_be_visible()
    page.keyboard.press("End")
    expect(page.get_by_role("tab", name="Cover")).to_be_focused()


def test_when_telegram_gives_a_dark_theme_then_the_page_follows_it(
    page: Page, desk: DeskServer
) -> None:
    _open(page, desk, theme=DARK)
    expect(page.locator("#who")).to_contain_text("Jane Smith")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(23, 33, 43)"  # DARK's bg_color, #17212b
    scheme = page.evaluate("window.Telegram.WebApp.colorScheme")
    assert scheme == "dark"


def test_when_the_desk_is_opened_outside_telegram_or_by_a_councillor_then_it_says_why(
    page: Page, desk: DeskServer
) -> None:
    page.goto(f"{desk.root}/app/")
    expect(page.locator("#signin")).to_contain_text("Open the Clerk's desk from Telegram")
    page.goto("about:blank")  # the same page with only a new fragment would not load anew
    _open(page, desk, COUNCILLOR)
    expect(page.locator("#signin")).to_have_text("Your role may not use this part of the desk.")
    expect(page.locator("#tabs")).to_be_hidden()


def test_when_the_desk_is_wide_then_today_lays_its_cards_out_side_by_side(
    page: Page, desk: DeskServer
) -> None:
    page.set_viewport_size(DESKTOP)  # type: ignore[arg-type]
    _open(page, desk)
    expect(page.locator("#today-chain")).to_contain_text("Intact")
    first = page.locator("#today-requests").bounding_box()
    second = page.locator("#today-reviews").bounding_box()
    assert first is not None
    assert second is not None
    assert first["y"] == second["y"]  # one row at desktop size
    assert second["x"] > first["x"]
