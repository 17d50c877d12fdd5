"""The council file: a good one loads; a bad one is refused naming the file, line and field."""

from __future__ import annotations

import re
from datetime import date, time
from pathlib import Path

import pytest

from chatbot.council.file import load_council_file
from chatbot.errors import ConfigError

VALID = """\
[council]
name = "Barton-le-Clay Parish Council"
timezone = "Europe/London"
clerk_email = "theparishclerk@example.gov.uk"
phone = "01582 881234"
office_hours = "Mon-Fri 09:00-17:00"
digest_time = "08:00"
website_domains = ["bartonleclay-pc.gov.uk", "gov.uk"]

[[members]]
telegram_id = 1001
name = "Jane Smith"
role = "clerk"
email = "clerk@example.gov.uk"

[[members]]
telegram_id = 1002
name = "Peter Hughes"
role = "councillor"
monitor = true

[[chats]]
telegram_id = -1001234567890
title = "Councillors"
official = true
moderate = true

[policy]
file = "policy.yaml"
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "council.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _refused(path: Path) -> str:
    with pytest.raises(ConfigError) as caught:
        load_council_file(path)
    message = str(caught.value)
    assert str(path) in message
    return message


def test_when_the_file_is_valid_then_every_section_loads(tmp_path: Path) -> None:
    council_file = load_council_file(_write(tmp_path, VALID))
    assert council_file.council.name == "Barton-le-Clay Parish Council"
    assert council_file.council.digest_time == time(8, 0)
    assert council_file.council.website_domains == ("bartonleclay-pc.gov.uk", "gov.uk")
    assert [(m.telegram_id, m.name, m.role, m.monitor) for m in council_file.members] == [
        (1001, "Jane Smith", "clerk", False),
        (1002, "Peter Hughes", "councillor", True),
    ]
    (chat,) = council_file.chats
    assert (chat.telegram_id, chat.official, chat.moderate) == (-1001234567890, True, True)
    assert council_file.policy.file == Path("policy.yaml")


def test_when_the_file_is_valid_then_the_engine_learns_the_published_contacts(
    tmp_path: Path,
) -> None:
    context = load_council_file(_write(tmp_path, VALID)).council_context()
    assert context.is_approved_domain("www.bartonleclay-pc.gov.uk")
    assert not context.is_approved_domain("example.com")
    assert context.is_public_email("theparishclerk@example.gov.uk")
    assert context.is_public_email("clerk@example.gov.uk")
    assert context.is_public_phone("+44 1582 881234")
    assert context.is_public_name("Cllr Hughes")
    assert not context.is_public_name("Dave Thompson")


def test_when_only_the_council_name_is_given_then_the_defaults_fill_the_rest(
    tmp_path: Path,
) -> None:
    council_file = load_council_file(_write(tmp_path, '[council]\nname = "Tiny PC"\n'))
    assert council_file.council.timezone == "Europe/London"
    assert council_file.council.website_domains == ("gov.uk",)
    assert council_file.members == ()
    assert council_file.policy.file is None


def test_when_the_toml_is_malformed_then_the_error_gives_the_line(tmp_path: Path) -> None:
    text = '[council]\nname = "Barton"\ntimezone = Europe/London\n'
    message = _refused(_write(tmp_path, text))
    assert "TOML" in message
    assert re.search(r"\bline 3\b", message), message


def test_when_a_field_has_the_wrong_type_then_the_error_names_the_field_and_its_line(
    tmp_path: Path,
) -> None:
    text = VALID.replace("telegram_id = 1002", 'telegram_id = "abc"')
    line = text.splitlines().index('telegram_id = "abc"') + 1
    message = _refused(_write(tmp_path, text))
    assert "members.1.telegram_id" in message
    assert f"line {line}:" in message


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        pytest.param('role = "councillor"', 'role = "mayor"', "members.1.role", id="bad role"),
        pytest.param(
            'timezone = "Europe/London"',
            'timezone = "Mars/Olympus"',
            "council.timezone",
            id="unknown time zone",
        ),
        pytest.param(
            'digest_time = "08:00"', 'digest_time = "eight"', "council.digest_time", id="bad time"
        ),
        pytest.param(
            "official = true", 'official = "sometimes"', "chats.0.official", id="bad boolean"
        ),
    ],
)
def test_when_a_value_is_invalid_then_the_error_names_the_field_and_its_line(
    tmp_path: Path, old: str, new: str, field: str
) -> None:
    assert old in VALID
    text = VALID.replace(old, new)
    line = text.splitlines().index(new) + 1
    message = _refused(_write(tmp_path, text))
    assert f"line {line}: {field}:" in message


def test_when_three_monitors_are_nominated_then_the_file_is_refused(tmp_path: Path) -> None:
    text = VALID.replace('role = "clerk"', 'role = "clerk"\nmonitor = true') + (
        '\n[[members]]\ntelegram_id = 1003\nname = "Amanda Carter"\nmonitor = true\n'
    )
    message = _refused(_write(tmp_path, text))
    assert "at most two" in message
    for name in ("Jane Smith", "Peter Hughes", "Amanda Carter"):
        assert name in message


def test_when_two_monitors_are_nominated_then_the_file_loads(tmp_path: Path) -> None:
    text = VALID.replace('role = "clerk"', 'role = "clerk"\nmonitor = true')
    members = load_council_file(_write(tmp_path, text)).members
    assert [m.monitor for m in members] == [True, True]


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        pytest.param(
            'office_hours = "Mon-Fri 09:00-17:00"',
            'colour = "green"',
            "council.colour",
            id="in council",
        ),
        pytest.param('role = "clerk"', 'nickname = "Jan"', "members.0.nickname", id="in members"),
        pytest.param('file = "policy.yaml"', 'flie = "policy.yaml"', "policy.flie", id="typo"),
    ],
)
def test_when_a_field_is_unknown_then_the_file_is_refused_naming_it(
    tmp_path: Path, old: str, new: str, field: str
) -> None:
    text = VALID.replace(old, new)
    line = text.splitlines().index(new) + 1
    message = _refused(_write(tmp_path, text))
    assert f"line {line}: {field}:" in message


def test_when_an_unknown_table_is_added_then_the_file_is_refused(tmp_path: Path) -> None:
    message = _refused(_write(tmp_path, VALID + "\n[extras]\nfoo = 1\n"))
    assert "extras" in message


def test_when_the_council_name_is_missing_then_the_error_names_it(tmp_path: Path) -> None:
    message = _refused(_write(tmp_path, '[council]\ntimezone = "Europe/London"\n'))
    assert "council.name" in message


def test_when_the_file_does_not_exist_then_the_error_says_so(tmp_path: Path) -> None:
    message = _refused(tmp_path / "council.toml")
    assert "not found" in message


def test_when_cover_options_are_set_then_they_are_read(tmp_path: Path) -> None:
    text = VALID.replace(
        'website_domains = ["bartonleclay-pc.gov.uk", "gov.uk"]\n',
        'website_domains = ["bartonleclay-pc.gov.uk", "gov.uk"]\npolicy_review_date = 2027-05-01\n',
    )
    council = load_council_file(_write(tmp_path, text + "\n[cover]\ntell_group = true\n"))
    assert council.council.policy_review_date == date(2027, 5, 1)
    assert council.cover.tell_group is True
    plain = load_council_file(_write(tmp_path, VALID))
    assert (plain.council.policy_review_date, plain.cover.tell_group) == (None, False)


def test_when_the_policy_review_date_is_not_a_date_then_the_file_is_refused(
    tmp_path: Path,
) -> None:
    text = VALID.replace(
        'digest_time = "08:00"\n', 'digest_time = "08:00"\npolicy_review_date = "May"\n'
    )
    assert "council.policy_review_date" in _refused(_write(tmp_path, text))
