"""Callback data: what each kind's data looks like, and the review buttons that name a removal."""

from __future__ import annotations

import pytest

from chatbot.buttons.kinds import (
    MAX_CALLBACK_BYTES,
    ButtonKind,
    callback_data,
    legacy_review_data,
    parse,
    parse_legacy_review,
)

GROUP = -1001234567890


@pytest.mark.parametrize("kind", list(ButtonKind))
def test_when_data_is_made_then_it_parses_back_and_fits_telegrams_limit(kind: ButtonKind) -> None:
    data = callback_data(kind, "abcdefghijklmn_-")
    assert parse(data) == (kind, "abcdefghijklmn_-")
    assert len(data.encode()) <= MAX_CALLBACK_BYTES


def test_when_a_review_button_names_its_removal_then_the_ids_are_read_back() -> None:
    assert parse_legacy_review(legacy_review_data(GROUP, 40)) == (GROUP, 40)


@pytest.mark.parametrize(
    "data",
    [
        None,
        "v:" + "9" * 400 + ":1",
        "v:1:" + "9" * 400,
        f"v:{2**63}:1",
        f"v:{GROUP}:0",
        f"v:{GROUP}:-4",
        f"v:{GROUP}:40:1",
        "v:abc:1",
        "v::",
    ],
)
def test_when_review_data_is_oversized_or_malformed_then_it_is_not_read(data: str | None) -> None:
    assert parse_legacy_review(data) is None
