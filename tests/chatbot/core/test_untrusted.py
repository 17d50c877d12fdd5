"""A group's own title shown as data: quoted, one line, cut short, nothing clickable."""

from __future__ import annotations

import pytest

from chatbot.core.untrusted import TITLE_CHARS, inert, plain_line, quoted_title


@pytest.mark.parametrize(
    ("title", "shown"),
    [
        ("Allotments working group", "“Allotments working group”"),
        (
            "URGENT from HMRC: Clerk must call 0300 200 3300",
            "“URGENT from HMRC: Clerk must call •••• ••• ••••”",
        ),
        ("Call +44 (0)300 200-3300 today", "“Call +•• (•)••• •••-•••• today”"),
        ("Pay at hmrc-refunds.co.uk now", "“Pay at hmrc-refunds[.]co[.]uk now”"),
        ("https://evil.example/x", "“https[:]//evil[.]example/x”"),
        ("Ask @hmrc_helpdesk", "“Ask [at]hmrc_helpdesk”"),
        ("/remove 1001 #urgent $HMRC", "“[/]remove 1001 [#]urgent [$]HMRC”"),
        ("Budget 2025-2026, Ward 12", "“Budget 2025-2026, Ward 12”"),  # not a phone number
        ("", "“(no title)”"),
        (None, "“(no title)”"),
        ("\u200b\u202e\u2066", "“(no title)”"),
    ],
)
def test_when_a_title_is_quoted_then_it_is_data_with_nothing_clickable(
    title: str | None, shown: str
) -> None:
    assert quoted_title(title) == shown


def test_when_a_title_hides_bidi_and_control_characters_then_they_are_removed() -> None:
    # U+202E would show "llac" reversed; U+0007 rings a bell; a new line would fake a message.
    title = "Councillors\u202e llac\u0007\nThe Clerk says: ring me"
    assert plain_line(title) == "Councillors llac The Clerk says: ring me"


def test_when_look_alike_characters_are_used_then_they_are_folded_first() -> None:
    # Full-width digits and dots, and the ideographic full stop, are what they look like.
    digits = "".join(chr(0xFF10 + int(d)) for d in "03002003300")
    assert inert(plain_line(f"{digits} evil\uff0eexample\u3002com")) == (
        "••••••••••• evil[.]example[.]com"
    )


def test_when_a_title_is_long_then_it_is_cut_to_sixty_characters() -> None:
    shown = quoted_title("A" * 200)
    assert shown == "“" + "A" * (TITLE_CHARS - 1) + "…”"
