"""Hostile input: the policy engine, the Zoom chat-file parser, the webhooks and the council file.

Hypothesis only (atheris is not installed). Each property is what the module promises for
*any* input: a verdict with offsets in range; a parse with problems, never an exception; an
HTTP answer below 500; a ``ConfigError`` naming the field, never another exception.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.applications import Starlette

from chatbot.council.file import load_council_file
from chatbot.errors import ConfigError
from integrations.zoom.chat_file import parse_chat_bytes, parse_chat_file
from integrations.zoom.webhook import ZoomWebhook, sign
from policy_checks import Action, PolicyEngine, Verdict

FUZZ = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
SECRET = "fuzz-webhook-secret"

# Pieces that the recognisers look for, to build adversarial texts from.
PIECES = (
    "07911 123456", "+44 7911 123456", "jane.doe@gmail.com", "@", ".", "MK45 4QD", "AB 12 34 56 C",
    "943 476 5919", "20-00-00", "12345678", "192.168.0.1", "https://", "http://x.y/", "www.",
    "password:", "idiot", "vote for", "Mill Lane", "14 ", "Mr ", "Mrs ", "#official", "\u202e",
    "\u200b", "\ufeff", "\x00", "\n", "\t", "\U0001f600", "é", "İ", "ß", "\ud7ff", "ﬀ", "Ⅻ",
)  # fmt: skip
adversarial = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=20)), max_size=60).map(
    "".join
)


def _assert_sound(text: str, verdict: Verdict) -> None:
    assert isinstance(verdict.action, Action)
    assert verdict.text == text
    for finding in verdict.findings:
        assert 0 <= finding.start < finding.end <= len(text), finding
    assert isinstance(verdict.redacted, str)


@FUZZ
@given(text=st.one_of(st.text(max_size=2000), adversarial))
def test_when_any_text_is_checked_then_a_verdict_comes_back_with_offsets_in_range(
    text: str, engine: PolicyEngine
) -> None:
    _assert_sound(text, engine.check(text))


@pytest.mark.parametrize(
    "text",
    [
        "07911 123456 " * 20_000,
        "a" * 200_000 + "@",
        "@" * 100_000,
        ("jane.doe@gmail." * 10_000) + "com",
        "1" * 150_000,
        "\u202e" * 50_000 + "idiot",
        ("Mrs Thornton at 14 Mill Lane, MK45 4QD " * 3_000),
        "http://" + "a." * 50_000 + "com",
    ],
    ids=["phones", "long-local-part", "ats", "dotted", "digits", "bidi", "addresses", "long-url"],
)
def test_when_a_huge_adversarial_text_is_checked_then_the_verdict_comes_in_linear_time(
    text: str, engine: PolicyEngine
) -> None:
    started = time.monotonic()
    verdict = engine.check(text)
    _assert_sound(text, verdict)
    assert time.monotonic() - started < 30


LINE_PIECES = (
    "18:01:02\t From  Jane Smith  to Everyone : ", "From Jane Smith : ", "19:00:01 From Jane to ",
    "Everyone:", "(Direct Message)", "(Privately)", '\tReplying to "', 'Reacted to "', '" with ',
    "00:00:31\tJane Smith:\t", "\r", "\t", ":", " to ", "\ufeff", "99:99:99", "\x00", "\ud800",
)  # fmt: skip
chat_lines = st.lists(
    st.lists(st.one_of(st.sampled_from(LINE_PIECES), st.text(max_size=15)), max_size=6).map(
        "".join
    ),
    max_size=40,
).map("\n".join)


@FUZZ
@given(text=st.one_of(st.text(max_size=3000), chat_lines))
def test_when_any_text_is_parsed_as_a_zoom_chat_then_it_parses_with_problems_never_raises(
    text: str,
) -> None:
    parsed = parse_chat_file(text)
    lines = text.count("\n") + 1
    assert all(1 <= p.line <= lines for p in parsed.problems)
    assert all(1 <= m.line <= lines for m in parsed.messages)


@FUZZ
@given(
    data=st.one_of(
        st.binary(max_size=3000), chat_lines.map(lambda t: t.encode("utf-8", "surrogatepass"))
    )
)
def test_when_any_bytes_are_parsed_as_a_zoom_chat_then_it_parses_with_problems_never_raises(
    data: bytes,
) -> None:
    parsed = parse_chat_bytes(data)
    assert all(p.line >= 1 for p in parsed.problems)


async def _ignore(_event: str, _payload: dict[str, Any]) -> None:
    return


header_names = st.sampled_from(
    ["x-zm-signature", "x-zm-request-timestamp", "content-type", "content-length", "x-other"]
)
header_values = st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=80)


@FUZZ
@given(
    body=st.one_of(
        st.binary(max_size=2000),
        st.dictionaries(
            st.text(max_size=10),
            st.recursive(
                st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
                lambda inner: (
                    st.lists(inner, max_size=4)
                    | st.dictionaries(st.text(max_size=5), inner, max_size=4)
                ),
                max_leaves=20,
            ),
            max_size=5,
        ).map(lambda d: json.dumps(d).encode()),
    ),
    headers=st.dictionaries(header_names, header_values, max_size=5),
    signed=st.booleans(),
    method=st.sampled_from(["POST", "POST", "GET", "PUT"]),
)
async def test_when_any_delivery_reaches_the_zoom_webhook_then_it_never_answers_5xx(
    body: bytes,
    headers: dict[str, str],
    signed: bool,
    method: str,
) -> None:
    webhook = ZoomWebhook(SECRET, _ignore)
    app = Starlette(routes=webhook.routes)
    if signed:
        stamp = str(int(time.time()))
        headers = {
            **headers,
            "x-zm-request-timestamp": stamp,
            "x-zm-signature": sign(SECRET, stamp, body),
        }
    headers.pop("content-length", None)  # httpx sets the true length
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://t"
    ) as client:
        response = await client.request(method, "/zoom/webhook", content=body, headers=headers)
    await webhook.drain()
    assert response.status_code < 500
    if not signed:
        assert response.status_code in {400, 401, 405, 413}
    assert webhook.pending == 0


toml_keys = st.sampled_from(
    [
        "name", "timezone", "clerk_email", "phone", "office_hours", "digest_time",
        "website_domains",
        "policy_review_date", "telegram_id", "role", "email", "monitor", "aliases", "title",
        "official", "moderate", "file", "nlp_model", "strike_window_days", "strike_threshold",
        "notice_interval_seconds", "max_document_bytes", "digest_inline_entries", "spool_dir",
        "live_action", "tell_group", "correspondence", "unknown",
    ]
)  # fmt: skip
toml_scalars = st.one_of(
    st.integers(min_value=-(2**63), max_value=2**63 - 1).map(str),
    st.booleans().map(lambda b: "true" if b else "false"),
    st.floats(allow_nan=False, allow_infinity=False).map(repr),
    st.text(max_size=30).map(lambda t: json.dumps(t, ensure_ascii=False)),
    st.sampled_from(
        ['"Europe/London"', '"Mars/Olympus"', '"Europe"', '""', '"25:99"', '"08:00"',
         '"Mon-Fri 09:00-17:00"', '"Sun-Mon 25:00-01:00"', "2027-05-01", "1979-05-27T07:32:00Z",
         '"clerk"', '"emperor"', '"delete"', "[1, 2]", '["gov.uk"]', "{a = 1}", "07:32:00"]
    ),
)  # fmt: skip
toml_table = st.dictionaries(toml_keys, toml_scalars, max_size=6).map(
    lambda d: "\n".join(f"{k} = {v}" for k, v in d.items())
)
toml_file = st.lists(
    st.tuples(
        st.sampled_from(
            ["[council]", "[[members]]", "[[chats]]", "[policy]", "[moderation]", "[record]",
             "[record.retention]", "[zoom]", "[cover]", "[extra]", "[[council]]"]
        ),
        toml_table,
    ),
    max_size=6,
).map(lambda parts: "\n".join(f"{head}\n{body}" for head, body in parts))  # fmt: skip


@FUZZ
@given(raw=toml_file)
def test_when_any_council_file_is_loaded_then_it_loads_or_a_config_error_names_the_field(
    raw: str, tmp_path: Path
) -> None:
    path = tmp_path / "council.toml"
    path.write_text(raw, encoding="utf-8")
    try:
        council = load_council_file(path)
    except ConfigError as exc:
        message = str(exc)
        assert message.startswith(str(path))
        assert "not valid TOML" in message or message.count(": ") >= 2
        return
    council.council_context()  # what start-up does next must work too
    assert council.council.zone is not None
    assert council.council.hours is not None
