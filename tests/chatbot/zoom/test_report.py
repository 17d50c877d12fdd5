"""Checking a meeting chat and the report the host reads: masked findings, counts, problems."""

from __future__ import annotations

from chatbot.zoom.report import ChatFileService, check_messages, format_report
from integrations.zoom.chat_file import ChatMessage, Problem, format_chat_file, parse_chat_file
from policy_checks import Action, PolicyEngine

CHAT = """\
19:00:01 From Jane Smith to Everyone:
\tWelcome, the agenda is in the pack.
19:01:00 From Helen Moss to Peter Hughes(Direct Message):
\tMrs Thornton's email is margaret.thornton@gmail.com and her number is 07911 123456
19:02:00 From Tom Griffiths to Everyone:
\tyou absolute idiot
19:03:00 From Raj Patel to Everyone:
\t
"""


def test_when_a_chat_is_checked_then_only_breaching_messages_are_listed_in_order(
    engine: PolicyEngine,
) -> None:
    report = check_messages(engine, parse_chat_file(CHAT).messages)

    assert report.messages == 4
    assert [(b.line, b.time, b.sender, b.recipient, b.direct) for b in report.breaches] == [
        (3, "19:01:00", "Helen Moss", "Peter Hughes", True),
        (5, "19:02:00", "Tom Griffiths", "Everyone", False),
    ]
    assert all(b.action is Action.BLOCK for b in report.breaches)
    assert report.rules == {"personal_data": 1, "abuse": 1}


def test_when_personal_data_is_found_then_it_is_shown_masked_with_its_clause(
    engine: PolicyEngine,
) -> None:
    report = check_messages(engine, parse_chat_file(CHAT).messages)

    findings = {f.entity: f for f in report.breaches[0].findings if f.entity}
    assert findings["EMAIL_ADDRESS"].shown == "m***@g***.com"
    assert findings["PHONE_NUMBER"].shown == "0*** 1***"
    assert findings["EMAIL_ADDRESS"].clause == "Not contain any personal information."
    assert "margaret" not in str(report.breaches[0].to_dict())
    assert "07911" not in str(report.breaches[0].to_dict())


def test_when_the_report_is_formatted_then_it_has_counts_breaches_and_unread_lines(
    engine: PolicyEngine,
) -> None:
    report = check_messages(engine, parse_chat_file(CHAT).messages)

    text = format_report(report, title="Zoom chat: council.txt", problems=[Problem(9, "junk")])

    assert text.startswith("Zoom chat: council.txt\n4 messages checked: 2 breach the policy")
    assert "19:01:00 Helen Moss to Peter Hughes (direct message) — BLOCK (line 3)" in text
    assert '• Personal data: an e-mail address — "m***@g***.com"' in text
    assert 'Policy: "Not contain any personal information."' in text
    assert "1 line could not be read (line 9: junk)." in text
    assert "margaret.thornton" not in text


def test_when_nothing_breaches_then_the_report_says_so(engine: PolicyEngine) -> None:
    report = check_messages(engine, parse_chat_file(CHAT).messages[:1])

    assert report.breaches == ()
    assert format_report(report, title="t") == "t\n1 message checked: none breaches the policy.\n"


def test_when_many_lines_cannot_be_read_then_only_the_first_are_listed(
    engine: PolicyEngine,
) -> None:
    problems = [Problem(n, "junk") for n in range(1, 31)]

    text = format_report(check_messages(engine, []), title="t", problems=problems)

    assert "30 lines could not be read" in text
    assert "line 20: junk; and 10 more)." in text
    assert "line 21" not in text


def test_when_a_file_is_scanned_then_its_problems_and_report_come_back(
    engine: PolicyEngine,
) -> None:
    scanned = ChatFileService(engine).scan(b"\xef\xbb\xbf" + CHAT.encode() + b"\xff\n")

    assert scanned.readable
    assert [p.line for p in scanned.parsed.problems] == [9]
    assert len(scanned.report.breaches) == 2


def test_when_a_file_has_no_message_at_all_then_it_is_not_readable(engine: PolicyEngine) -> None:
    assert not ChatFileService(engine).scan(b"%PDF-1.7\n\x00\x01binary").readable
    assert ChatFileService(engine).scan(b"").readable


def test_when_10000_messages_are_checked_then_every_breach_is_reported(
    engine: PolicyEngine,
) -> None:
    texts = [
        "Can we add the grass cutting to next month's agenda please?",
        "Her number is 07911 123456, call her about the bins",
        "Thanks all, see you at the meeting on Tuesday at 19:30.",
        "The street light on Mill Lane is out again, I've reported it.",
        "Email me at jane.doe@gmail.com please",
    ]
    messages = [
        ChatMessage(0, "19:00:00", f"Member {n % 30}", "Everyone", f"{texts[n % 5]} ({n})",
                    direct=False, reply_to=None)
        for n in range(10_000)
    ]  # fmt: skip
    data = format_chat_file(messages).encode()

    # How fast is measured by `councilbot bench --only zoom` (target: 10,000 in under 5 s), not
    # here: a timed test fails on a busy machine and proves nothing on a fast one.
    scanned = ChatFileService(engine).scan(data)

    assert scanned.report.messages == 10_000
    assert len(scanned.report.breaches) == 4000


# text smuggled inside a quote ----------------------------------------------------------------

SMUGGLED = """\
19:00:01 From Jane Smith to Everyone:
\tReplying to "ring Mrs Thornton on 07911 123456"
\tagreed
19:00:30 From Tom Griffiths to Everyone:
\tReacted to "her email is jane.doe@gmail.com" with 👍
19:00:40 From Peter Hughes to Everyone:
\tReplying to "Welcome to the meeti..."
\tthanks
19:00:50 From Peter Hughes to Everyone:
\tReacted to "Welcome to the meeti..." with 👍
"""


def test_when_a_reply_quotes_personal_data_then_the_message_is_a_breach_found_in_the_quote(
    engine: PolicyEngine,
) -> None:
    scanned = ChatFileService(engine).scan(SMUGGLED.encode())

    reply = scanned.report.breaches[0]
    assert (reply.line, reply.sender, reply.action) == (1, "Jane Smith", Action.BLOCK)
    phone = next(f for f in reply.findings if f.entity == "PHONE_NUMBER")
    assert phone.quoted
    assert phone.to_dict()["in"] == "quote"
    assert "07911" not in reply.redacted
    assert reply.redacted.startswith('Replying to "')
    assert reply.redacted.endswith("\nagreed")


def test_when_a_reaction_quotes_personal_data_then_it_is_reported_masked(
    engine: PolicyEngine,
) -> None:
    scanned = ChatFileService(engine).scan(SMUGGLED.encode())

    assert [(b.line, b.sender) for b in scanned.report.breaches] == [
        (1, "Jane Smith"),
        (4, "Tom Griffiths"),
    ]
    reaction = scanned.report.breaches[1]
    email = next(f for f in reaction.findings if f.entity == "EMAIL_ADDRESS")
    assert (email.shown, email.quoted) == ("j***@g***.com", True)
    assert "jane.doe" not in reaction.redacted
    assert reaction.redacted.endswith('" with 👍')
    text = format_report(scanned.report, title="t")
    assert '"j***@g***.com" (in the quoted text)' in text
    assert "jane.doe@gmail.com" not in text
    assert "07911 123456" not in text


def test_when_quotes_are_clean_then_replies_and_reactions_are_not_breaches(
    engine: PolicyEngine,
) -> None:
    scanned = ChatFileService(engine).scan(SMUGGLED.encode())

    assert {b.line for b in scanned.report.breaches}.isdisjoint({6, 9})
    assert scanned.report.messages == 2
