from __future__ import annotations

import threading

from chatbot.core.checking import INLINE_CHECK_CHARS, run_check


async def test_when_the_text_is_short_then_it_is_checked_on_the_loop() -> None:
    where = await run_check(INLINE_CHECK_CHARS, threading.get_ident)
    assert where == threading.get_ident()


async def test_when_the_text_is_long_then_it_is_checked_in_another_thread() -> None:
    where = await run_check(INLINE_CHECK_CHARS + 1, threading.get_ident)
    assert where != threading.get_ident()
