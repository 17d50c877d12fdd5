"""Pytest fixtures for the fakes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from testing.fakes.telegram import FakeTelegram
from testing.fakes.zoom import FakeZoom

TOKEN = "123456:TEST-TOKEN"


@pytest.fixture
def fake_telegram() -> Iterator[FakeTelegram]:
    """A fake Bot API on a free loopback port, for one test."""
    with FakeTelegram(TOKEN) as fake:
        yield fake


@pytest.fixture
def fake_zoom() -> Iterator[FakeZoom]:
    """A fake Zoom API on a free loopback port, for one test."""
    with FakeZoom() as fake:
        yield fake
