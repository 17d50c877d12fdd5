"""A real headless Chromium for the desk: Debian's ``/usr/bin/chromium`` driven by Playwright.

Playwright's own browser downloads are never used (``playwright install`` is not run): the
system's Chromium is launched with a fresh profile each time. The screenshot tool
(``tools/desk_screenshots.py``) uses the same setup.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Final
from urllib.parse import quote

from playwright.sync_api import BrowserContext, sync_playwright

CHROMIUM: Final[str] = os.environ.get("DESK_CHROMIUM", "/usr/bin/chromium")
ARGS: Final[list[str]] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE: Final[dict[str, int]] = {"width": 390, "height": 844}
DESKTOP: Final[dict[str, int]] = {"width": 1280, "height": 800}
LIGHT: Final[dict[str, str]] = {
    "bg_color": "#ffffff",
    "text_color": "#000000",
    "hint_color": "#707579",
    "link_color": "#2481cc",
    "button_color": "#2481cc",
    "button_text_color": "#ffffff",
    "secondary_bg_color": "#f0f0f0",
    "section_bg_color": "#f4f4f5",
}
DARK: Final[dict[str, str]] = {
    "bg_color": "#17212b",
    "text_color": "#f5f5f5",
    "hint_color": "#8996a3",
    "link_color": "#6ab3f3",
    "button_color": "#5288c1",
    "button_text_color": "#ffffff",
    "secondary_bg_color": "#232e3c",
    "section_bg_color": "#1f2a36",
}


def chromium_available() -> bool:
    """Whether the system's Chromium is there to be driven."""
    return Path(CHROMIUM).is_file() and shutil.which(CHROMIUM) is not None


def desk_url(root: str, init_data: str, *, theme: dict[str, str] | None = None) -> str:
    """The desk's address as Telegram opens it: the signed init data in the fragment."""
    fragment = f"tgWebAppData={quote(init_data, safe='')}&tgWebAppVersion=8.0&tgWebAppPlatform=web"
    if theme is not None:
        fragment += "&tgWebAppThemeParams=" + quote(json.dumps(theme), safe="")
    return f"{root}/app/#{fragment}"


@contextmanager
def chromium(viewport: dict[str, int] = PHONE) -> Iterator[BrowserContext]:
    """A headless Chromium with a fresh profile, closed afterwards."""
    with tempfile.TemporaryDirectory(prefix="desk-chromium-") as profile, sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            profile,
            executable_path=CHROMIUM,
            args=ARGS,
            headless=True,
            viewport=viewport,  # type: ignore[arg-type]
            locale="en-GB",
            timezone_id="Europe/London",
        )
        try:
            yield context
        finally:
            context.close()
