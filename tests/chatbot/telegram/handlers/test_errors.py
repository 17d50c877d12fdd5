from __future__ import annotations

import logging
from types import SimpleNamespace
from typing import cast

import pytest

from chatbot.telegram.context import BotContext
from chatbot.telegram.handlers.errors import log_error


def _fail() -> None:
    raise ValueError("Mrs Thornton's number is 07911 123456")


async def test_when_a_handler_fails_then_the_log_names_the_error_but_not_the_message(
    caplog: pytest.LogCaptureFixture,
) -> None:
    try:
        _fail()
    except ValueError as exc:
        context = cast(BotContext, SimpleNamespace(error=exc))
    with caplog.at_level(logging.ERROR):
        await log_error(object(), context)
    logged = caplog.text
    assert "ValueError" in logged
    assert "test_errors.py" in logged
    assert "_fail" in logged
    assert "07911" not in logged
    assert "Thornton" not in logged
