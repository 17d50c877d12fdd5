"""Long work reports how far it has got: :func:`counted` passes items through and counts them."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from chatbot.core.progress import counted


class _Tally:
    def __init__(self) -> None:
        self.reports: list[int] = []

    def start(self, label: str, *, total: int | None) -> None:
        self.reports.clear()

    def advance(self, items: int) -> None:
        self.reports.append(items)

    def finish(self) -> None:
        pass


@given(items=st.lists(st.integers()), every=st.integers(min_value=1, max_value=50))
def test_when_items_are_counted_then_they_pass_unchanged_and_every_one_is_reported(
    items: list[int], every: int
) -> None:
    tally = _Tally()
    assert list(counted(items, tally, every=every)) == items
    assert sum(tally.reports) == len(items)
    assert all(0 < report <= every for report in tally.reports)
