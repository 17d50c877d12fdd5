"""Reading Zoom's saved chats: both formats Zoom writes, a cloud recording's CHAT file, and junk."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from integrations.zoom.chat_file import (
    GROUP_RECIPIENTS,
    ChatMessage,
    format_chat_file,
    parse_chat_bytes,
    parse_chat_file,
)

# The one-line form older Zoom clients save (tabs, padding with double spaces, CRLF).
OLDER = (
    "18:01:02\t From  Jane Smith : Good evening all, can everyone hear me?\r\n"
    "18:01:40\t From  Peter Hughes  to  Everyone : Yes, loud and clear\r\n"
    "18:02:05\t From  Helen Moss  to  Peter Hughes(Direct Message) : can you call me after?\r\n"
    "my number is 07911 123456\r\n"
    "18:03:10\t From  Tom Griffiths  to  Helen Moss(Privately) : agreed\r\n"
)

# The multi-line form newer clients save: a header, then the text indented with a tab.
NEWER = """\
19:00:01 From Jane Smith to Everyone:
\tWelcome to the meeting.
\tThe agenda is in the pack.
19:00:30 From Siân Ó Briain to Everyone:
\tReplying to "Welcome to the meeti..."
\t
\tThank you — I'll be brief 😊
19:01:00 From Raj Patel to Jane Smith(direct message):
\tSorry, running late
19:01:10 From Peter Hughes to Everyone:
\tReacted to "Welcome to the meeti..." with 👍
19:01:20 From Peter Hughes to Everyone:
\tRemoved a 👍 reaction from "Welcome to the meeti..."
19:02:00 From 李雷 to Everyone:
\tReplying to "Thank you — I'll be..." 同意
"""

# A cloud recording's CHAT file: time since the recording started, tabs, a byte-order mark.
RECORDING = (
    "\ufeff00:00:31\tJane Smith:\tGood evening\n00:01:09\tHelen Moss:\tAgenda item 3: bins\n"
)


def test_when_the_older_one_line_form_is_read_then_each_message_has_its_parties() -> None:
    parsed = parse_chat_file(OLDER)

    assert parsed.problems == ()
    assert parsed.messages == (
        ChatMessage(
            1, "18:01:02", "Jane Smith", "Everyone", "Good evening all, can everyone hear me?",
            direct=False, reply_to=None,
        ),
        ChatMessage(2, "18:01:40", "Peter Hughes", "Everyone", "Yes, loud and clear",
                    direct=False, reply_to=None),
        ChatMessage(
            3, "18:02:05", "Helen Moss", "Peter Hughes",
            "can you call me after?\nmy number is 07911 123456", direct=True, reply_to=None,
        ),
        ChatMessage(5, "18:03:10", "Tom Griffiths", "Helen Moss", "agreed", direct=True,
                    reply_to=None),
    )  # fmt: skip


def test_when_the_newer_multi_line_form_is_read_then_lines_join_and_replies_are_linked() -> None:
    parsed = parse_chat_file(NEWER)

    assert parsed.problems == ()
    assert [(m.line, m.sender, m.text, m.reply_to) for m in parsed.messages] == [
        (1, "Jane Smith", "Welcome to the meeting.\nThe agenda is in the pack.", None),
        (4, "Siân Ó Briain", "Thank you — I'll be brief 😊", "Welcome to the meeti..."),
        (8, "Raj Patel", "Sorry, running late", None),
        (14, "李雷", "同意", "Thank you — I'll be..."),
    ]
    assert parsed.messages[2].direct
    assert parsed.messages[2].recipient == "Jane Smith"
    assert parsed.reactions == 2


def test_when_a_cloud_recording_chat_file_is_read_then_the_bom_is_ignored() -> None:
    parsed = parse_chat_file(RECORDING)

    assert parsed.problems == ()
    assert [(m.time, m.sender, m.recipient, m.text) for m in parsed.messages] == [
        ("00:00:31", "Jane Smith", "Everyone", "Good evening"),
        ("00:01:09", "Helen Moss", "Everyone", "Agenda item 3: bins"),
    ]


def test_when_a_recording_chat_file_uses_the_newer_form_with_a_bom_then_it_is_read() -> None:
    parsed = parse_chat_bytes(("\ufeff" + NEWER).replace("\n", "\r\n").encode())

    assert parsed.problems == ()
    assert len(parsed.messages) == 4
    assert parsed.messages[0].text == "Welcome to the meeting.\nThe agenda is in the pack."


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("25:61:00 From Jane to Everyone: hi", "text before the first message"),
        ("19:00:00 nobody said this", "starts with a time but is not a message header"),
        ("19:00:00 From Jane to Everyone no colon", "a message header without ':'"),
        ("19:00:00 From    : hi", "a message header without a sender's name"),
        ("19:00:00 From (Direct Message): hi", "a message header without a sender's name"),
        ("19:00:00\t\t:\thi", "starts with a time but is not a message header"),
        ("19:00:00\t   \u200b:\thi", "starts with a time but is not a message header"),
        ("just some words", "text before the first message"),
    ],
)
def test_when_a_line_is_malformed_then_it_is_a_problem_and_the_rest_is_read(
    line: str, reason: str
) -> None:
    text = f"{line}\n19:05:00 From Jane Smith to Everyone:\n\tstill read\n"

    parsed = parse_chat_file(text)

    assert [(p.line, p.reason) for p in parsed.problems] == [(1, reason)]
    assert [(m.line, m.text) for m in parsed.messages] == [(2, "still read")]


def test_when_bytes_are_not_utf8_or_binary_then_those_lines_are_problems() -> None:
    data = b"19:00:00 From Jane to Everyone:\n\tfine\n\xff\xfe oops\nnul\x00here\n"

    parsed = parse_chat_bytes(data)

    assert [(p.line, p.reason.split(" (")[0]) for p in parsed.problems] == [
        (3, "not UTF-8 text"),
        (4, "binary data"),
    ]
    assert [m.text for m in parsed.messages] == ["fine"]


def test_when_a_message_goes_to_a_group_of_the_meeting_then_it_is_not_direct() -> None:
    parsed = parse_chat_file("19:00:00 From Jane to Waiting Room Participants:\n\tOne moment\n")

    assert parsed.messages[0].recipient == "Waiting Room Participants"
    assert not parsed.messages[0].direct


def test_when_the_file_is_empty_then_there_is_nothing_and_no_problem() -> None:
    assert parse_chat_file("") == parse_chat_file("\ufeff\r\n\n")
    assert parse_chat_file("").messages == ()
    assert parse_chat_file("").problems == ()


@pytest.mark.parametrize(
    "unit",
    ["1:", "12:34:56 ", "From ", " to ", "\t", ":\t", 'Replying to "', "a" * 7, "(Privately)"],
)
def test_when_a_huge_adversarial_line_is_read_then_it_takes_linear_time(unit: str) -> None:
    line = unit * (2_000_000 // len(unit))
    text = f"10:00:00 From A to Everyone:\n\t{line}\n10:00:00 From {line}:x\n{line}\n"

    started = time.perf_counter()
    parse_chat_file(text)

    assert time.perf_counter() - started < 1.0


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_when_any_text_is_read_then_it_never_raises(text: str) -> None:
    parsed = parse_chat_file(text)

    assert all(m.line >= 1 for m in parsed.messages)
    assert all(p.line >= 1 for p in parsed.problems)


@settings(max_examples=200, deadline=None)
@given(st.binary())
def test_when_any_bytes_are_read_then_it_never_raises(data: bytes) -> None:
    parse_chat_bytes(data)


_WORD = st.text(
    alphabet=st.characters(
        categories=("L", "N", "P", "S"), exclude_characters=':"\\\r\n\t\x85\u2028\u2029'
    ),
    min_size=1,
    max_size=12,
)
_NAME = (
    st.lists(_WORD, min_size=1, max_size=3)
    .map(" ".join)
    .filter(
        lambda name: (
            " to " not in f" {name} "
            and not name.casefold().startswith("everyone")
            and not name.casefold().endswith(("(direct message)", "(privately)"))
            and name.casefold() not in GROUP_RECIPIENTS
        )
    )
)
_LINE = st.lists(
    st.text(
        alphabet=st.characters(
            categories=("L", "N", "P", "S", "Zs"), exclude_characters="\r\n\x85\u2028\u2029"
        ),
        max_size=30,
    ).map(str.strip),
    min_size=1,
    max_size=3,
).filter(lambda lines: bool(lines[0]) and bool(lines[-1]))


@st.composite
def _messages(draw: st.DrawFn) -> list[ChatMessage]:
    messages = []
    for index in range(draw(st.integers(min_value=0, max_value=6))):
        to_everyone = draw(st.booleans())
        text = "\n".join(draw(_LINE))
        if text.startswith(("Replying to", "Reacted to", "Removed a ")):
            text = "x " + text
        reply = draw(st.none() | _WORD.filter(lambda w: not w.endswith('"')))
        messages.append(
            ChatMessage(
                line=0,
                time=f"{draw(st.integers(0, 23)):02d}:{index:02d}:{draw(st.integers(0, 59)):02d}",
                sender=draw(_NAME),
                recipient="Everyone" if to_everyone else draw(_NAME),
                text=text,
                direct=not to_everyone,
                reply_to=reply,
            )
        )
    return messages


@settings(max_examples=200, deadline=None)
@given(_messages())
def test_when_a_generated_chat_file_is_read_back_then_every_message_is_the_same(
    messages: list[ChatMessage],
) -> None:
    parsed = parse_chat_file(format_chat_file(messages))

    assert parsed.problems == ()
    drop_lines = [
        (m.time, m.sender, m.recipient, m.text, m.direct, m.reply_to) for m in parsed.messages
    ]
    assert drop_lines == [
        (m.time, m.sender, m.recipient, m.text, m.direct, m.reply_to) for m in messages
    ]


def _older_form(messages: list[ChatMessage]) -> str:
    """What older Zoom clients wrote: one line each, tabs and padding, CRLF."""
    out = []
    for m in messages:
        to = "" if m.recipient == "Everyone" and m.line % 2 else f"  to  {m.recipient}"
        if m.direct:
            to = (
                f"  to  {m.recipient}(Privately)"
                if m.line % 2
                else f" to {m.recipient}(Direct Message)"
            )
        out.append(f"{m.time}\t From  {m.sender}{to} : {m.text}\r\n")
    return "".join(out)


def _recording_form(messages: list[ChatMessage]) -> str:
    """A cloud recording's CHAT file: everything goes to everyone, with a BOM."""
    return "\ufeff" + "".join(f"{m.time}\t{m.sender}:\t{m.text}\n" for m in messages)


_ONE_LINE = _LINE.map(lambda lines: lines[0])


@st.composite
def _one_line_messages(draw: st.DrawFn, *, everyone: bool) -> list[ChatMessage]:
    messages = []
    for index in range(draw(st.integers(min_value=0, max_value=6))):
        direct = not everyone and draw(st.booleans())
        text = draw(_ONE_LINE)
        messages.append(
            ChatMessage(
                line=draw(st.integers(0, 1)),
                time=f"{draw(st.integers(0, 23)):02d}:{index:02d}:{draw(st.integers(0, 59)):02d}",
                sender=draw(_NAME),
                recipient=draw(_NAME) if direct else "Everyone",
                text="x " + text if text.startswith(("Reacted to", "Removed a ")) else text,
                direct=direct,
                reply_to=None,
            )
        )
    return messages


@settings(max_examples=150, deadline=None)
@given(_one_line_messages(everyone=False))
def test_when_a_generated_older_chat_file_is_read_back_then_every_message_is_the_same(
    messages: list[ChatMessage],
) -> None:
    parsed = parse_chat_file(_older_form(messages))

    assert parsed.problems == ()
    assert [(m.time, m.sender, m.recipient, m.text, m.direct) for m in parsed.messages] == [
        (m.time, m.sender, m.recipient, m.text, m.direct) for m in messages
    ]


@settings(max_examples=150, deadline=None)
@given(_one_line_messages(everyone=True))
def test_when_a_generated_recording_chat_file_is_read_back_then_every_message_is_the_same(
    messages: list[ChatMessage],
) -> None:
    parsed = parse_chat_bytes(_recording_form(messages).encode())

    assert parsed.problems == ()
    assert [(m.time, m.sender, m.text) for m in parsed.messages] == [
        (m.time, m.sender, m.text) for m in messages
    ]


# quotes are text too -------------------------------------------------------------------------

SMUGGLED = """\
19:00:01 From Jane Smith to Everyone:
\tReplying to "ring Mrs Thornton on 07911 123456"
\tagreed
19:00:30 From Tom Griffiths to Everyone:
\tReacted to "her email is jane.doe@gmail.com" with 👍
19:00:40 From Tom Griffiths to Everyone:
\tRemoved a 👍 reaction from "his NI is QQ 12 34 56 C"
"""


def test_when_a_reply_quotes_text_then_the_quote_is_kept_apart_from_the_reply() -> None:
    parsed = parse_chat_file(SMUGGLED)

    assert [(m.line, m.text, m.reply_to) for m in parsed.messages] == [
        (1, "agreed", "ring Mrs Thornton on 07911 123456"),
    ]


def test_when_a_reaction_quotes_text_then_the_quote_is_kept_with_who_reacted() -> None:
    parsed = parse_chat_file(SMUGGLED)

    assert parsed.reactions == 2
    assert [(r.line, r.sender, r.recipient, r.quoted) for r in parsed.reacted] == [
        (4, "Tom Griffiths", "Everyone", "her email is jane.doe@gmail.com"),
        (6, "Tom Griffiths", "Everyone", "his NI is QQ 12 34 56 C"),
    ]
    assert parsed.reacted[0].line_text == 'Reacted to "her email is jane.doe@gmail.com" with 👍'
