"""The hash chain finds any change: a byte, a deleted, inserted or reordered entry, a cut tail."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from chatbot.record.chain import (
    GENESIS,
    ChainEntry,
    canonical,
    content_hash,
    entry_hash,
    verify,
)

BASE = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


def build(texts: list[str]) -> list[ChainEntry]:
    entries: list[ChainEntry] = []
    previous = GENESIS
    for seq, text in enumerate(texts, start=1):
        salt = f"{seq:032x}"
        content = canonical({"text": text, "sender_name": "Helen"})
        header: dict[str, Any] = {
            "seq": seq,
            "kind": "message",
            "occurred_at": BASE + timedelta(minutes=seq),
            "content_hash": content_hash(salt, content),
        }
        digest = entry_hash(previous, header)
        entries.append(
            ChainEntry(
                seq, canonical(header), header["content_hash"], content, salt, previous, digest
            )
        )
        previous = digest
    return entries


def check(entries: list[ChainEntry], *, head: ChainEntry | None) -> tuple[bool, int | None]:
    result = verify(
        entries,
        head_seq=head.seq if head else 0,
        head_hash=head.hash if head else GENESIS,
    )
    return result.intact, result.first_bad


texts = st.lists(st.text(max_size=40), min_size=2, max_size=12)


@settings(max_examples=100, deadline=None)
@given(texts=texts)
def test_when_nothing_changed_then_the_chain_verifies(texts: list[str]) -> None:
    entries = build(texts)
    assert check(entries, head=entries[-1]) == (True, None)


@settings(max_examples=100, deadline=None)
@given(texts=texts, data=st.data())
def test_when_content_changes_then_that_entry_is_named(
    texts: list[str], data: st.DataObject
) -> None:
    entries = build(texts)
    index = data.draw(st.integers(0, len(entries) - 1))
    changed = (entries[index].content or b"").replace(b'"text":"', b'"text":"!')
    entries[index] = replace(entries[index], content=changed)
    assert check(entries, head=build(texts)[-1]) == (False, index + 1)


@settings(max_examples=100, deadline=None)
@given(texts=texts, data=st.data())
def test_when_an_entry_is_deleted_then_the_gap_is_named(
    texts: list[str], data: st.DataObject
) -> None:
    entries = build(texts)
    head = entries[-1]
    index = data.draw(st.integers(0, len(entries) - 2))
    del entries[index]
    intact, first_bad = check(entries, head=head)
    assert not intact
    assert first_bad == index + 1


@settings(max_examples=100, deadline=None)
@given(texts=texts, data=st.data())
def test_when_two_entries_are_swapped_then_the_chain_breaks(
    texts: list[str], data: st.DataObject
) -> None:
    entries = build(texts)
    head = entries[-1]
    index = data.draw(st.integers(0, len(entries) - 2))
    entries[index], entries[index + 1] = entries[index + 1], entries[index]
    intact, first_bad = check(entries, head=head)
    assert not intact
    assert first_bad == index + 1


def test_when_the_tail_is_cut_then_the_first_missing_entry_is_named() -> None:
    entries = build(["a", "b", "c", "d"])
    assert check(entries[:2], head=entries[-1]) == (False, 3)


def test_when_an_entry_is_inserted_then_the_chain_breaks() -> None:
    entries = build(["a", "b", "c"])
    forged = build(["a", "x", "b", "c"])
    assert check([entries[0], forged[1], *entries[1:]], head=entries[-1])[0] is False


def test_when_content_is_disposed_with_its_salt_then_the_chain_still_verifies() -> None:
    entries = build(["a", "personal details", "c"])
    entries[1] = replace(entries[1], content=None, salt=None)
    assert check(entries, head=entries[-1]) == (True, None)


def test_when_a_header_field_changes_then_that_entry_is_named() -> None:
    entries = build(["a", "b", "c"])
    changed = entries[1].header.replace(b'"kind":"message"', b'"kind":"note"')
    entries[1] = replace(entries[1], header=changed)
    assert check(entries, head=entries[-1]) == (False, 2)


def test_when_serialising_then_key_order_and_time_zone_do_not_matter() -> None:
    london = BASE.astimezone(__import__("zoneinfo").ZoneInfo("Europe/London"))
    assert canonical({"b": 1, "a": BASE}) == canonical({"a": london, "b": 1})
