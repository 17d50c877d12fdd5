"""The ``councilbot`` command line: ``check`` in each form, bad input, ``run`` without a token."""

from __future__ import annotations

import csv
import getpass
import io
import json
import re
import shutil
import threading
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from chatbot.cli.main import main
from chatbot.db.database import Database
from chatbot.db.models import RecordAccess
from chatbot.record.service import NewEntry, RecordService

CONTRACT_KEYS = ["text", "action", "findings", "redacted"]


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run every command in an empty folder with none of the bot's variables set."""
    monkeypatch.chdir(tmp_path)
    for variable in ("TELEGRAM_BOT_TOKEN", "COUNCIL_CONFIG", "DATABASE_URL", "HTTP_PORT"):
        monkeypatch.delenv(variable, raising=False)


def _json_lines(out: str) -> list[dict[str, Any]]:
    lines = out.splitlines()
    objects: list[dict[str, Any]] = [json.loads(line) for line in lines]
    return objects


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_when_text_is_checked_then_a_readable_verdict_with_masked_values_is_printed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["check", "Email me at jane.doe@gmail.com please"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("BLOCK")
    assert "personal_data (EMAIL_ADDRESS)" in out
    assert '"j***@g***.com" [12:30]' in out
    assert "Not contain any personal information." in out
    assert "redacted: Email me at <EMAIL_ADDRESS> please" in out


def test_when_clean_text_is_checked_then_it_is_allowed(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "The allotment meeting is on Tuesday"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines() == ["ALLOW  The allotment meeting is on Tuesday"]


def test_when_json_is_asked_for_then_one_object_has_exactly_the_contract_keys(
    capsys: pytest.CaptureFixture[str],
) -> None:
    text = "Email me at jane.doe@gmail.com please"
    assert main(["check", "--json", text]) == 0
    (verdict,) = _json_lines(capsys.readouterr().out)
    assert list(verdict) == CONTRACT_KEYS
    assert verdict == {
        "text": text,
        "action": "block",
        "findings": [
            {
                "rule": "personal_data",
                "entity": "EMAIL_ADDRESS",
                "start": 12,
                "end": 30,
                "score": 1.0,
                "clause": "Not contain any personal information.",
            }
        ],
        "redacted": "Email me at <EMAIL_ADDRESS> please",
    }


def test_when_json_has_non_ascii_text_then_it_is_written_as_is(
    capsys: pytest.CaptureFixture[str],
) -> None:
    text = "Caf\u00e9 on the green \u2014 \U0001f600"
    assert main(["check", "--json", text]) == 0
    out = capsys.readouterr().out
    assert text in out
    assert _json_lines(out)[0]["text"] == text


def test_when_a_file_is_checked_then_each_line_gives_one_object_in_input_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = [
        "The bins are collected on Tuesday",
        "you absolute idiot",
        "Call me on 07911 123456",
        "",
        "see https://bit.ly/abc123",
        "Vote Labour on Thursday",
    ]
    path = tmp_path / "messages.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["check", "--json", "--file", str(path)]) == 0
    verdicts = _json_lines(capsys.readouterr().out)
    assert [v["text"] for v in verdicts] == lines
    assert [v["action"] for v in verdicts] == ["allow", "block", "block", "allow", "warn", "block"]
    assert all(list(v) == CONTRACT_KEYS for v in verdicts)


def test_when_a_file_has_windows_line_endings_then_they_are_not_part_of_the_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "messages.txt"
    path.write_bytes(b"first line\r\nsecond line\r\n")
    assert main(["check", "--json", "--file", str(path)]) == 0
    assert [v["text"] for v in _json_lines(capsys.readouterr().out)] == [
        "first line",
        "second line",
    ]


def test_when_a_long_file_is_checked_then_order_is_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Enough lines to be checked in batches by several processes.
    samples = ["hello number {}", "you idiot number {}", "ring 07911 123456 about item {}"]
    lines = [samples[n % len(samples)].format(n) for n in range(900)]
    path = tmp_path / "many.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    assert main(["check", "--json", "--file", str(path)]) == 0
    verdicts = _json_lines(capsys.readouterr().out)
    assert [v["text"] for v in verdicts] == lines
    assert [v["action"] for v in verdicts] == [
        ("allow", "block", "block")[n % len(samples)] for n in range(900)
    ]


def test_when_the_file_is_a_dash_then_stdin_is_read(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _stdin(monkeypatch, "hello there\nyou f\u200bucking idiot\nsee www.example.com\n".encode())
    assert main(["check", "--json", "--file", "-"]) == 0
    verdicts = _json_lines(capsys.readouterr().out)
    assert [v["text"] for v in verdicts] == [
        "hello there",
        "you f\u200bucking idiot",
        "see www.example.com",
    ]
    assert [v["action"] for v in verdicts] == ["allow", "block", "warn"]


@pytest.mark.parametrize("source", ["file", "stdin"])
def test_when_lines_are_not_text_then_they_are_named_and_the_rest_are_still_checked(
    source: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = b"first is fine\nbad \xff\xfe bytes\nyou idiot\nnul\x00byte\nlast one\n"
    if source == "file":
        path = tmp_path / "mixed.txt"
        path.write_bytes(data)
        argument = str(path)
    else:
        _stdin(monkeypatch, data)
        argument = "-"
    assert main(["check", "--json", "--file", argument]) == 2
    captured = capsys.readouterr()
    assert [v["text"] for v in _json_lines(captured.out)] == [
        "first is fine",
        "you idiot",
        "last one",
    ]
    errors = captured.err.splitlines()
    # The two unreadable lines, then the summary of the three checked (issue #15).
    assert errors[2] == "3 messages checked: 1 blocked, 0 warned, 2 allowed."
    errors = errors[:2]
    assert "line 2" in errors[0]
    assert "UTF-8" in errors[0]
    assert "line 4" in errors[1]
    assert "NUL" in errors[1]
    assert all(argument in error for error in errors)


def test_when_the_file_does_not_exist_then_the_status_is_two(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing.txt"
    assert main(["check", "--file", str(missing)]) == 2
    assert str(missing) in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param([], id="no command"),
        pytest.param(["frobnicate"], id="unknown command"),
        pytest.param(["check"], id="nothing to check"),
        pytest.param(["check", "hello", "--file", "x.txt"], id="text and file"),
        pytest.param(["check", "--file"], id="file without a path"),
        pytest.param(["check", "--colour", "hello"], id="unknown option"),
    ],
)
def test_when_the_command_is_used_wrongly_then_it_exits_with_status_two(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(argv)
    assert exited.value.code == 2
    assert "usage:" in capsys.readouterr().err


def test_when_run_has_no_token_then_it_explains_how_to_get_one_and_exits_two(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["run"]) == 2
    err = capsys.readouterr().err
    assert "TELEGRAM_BOT_TOKEN" in err
    assert "@BotFather" in err
    assert "councilbot check" in err


def test_when_run_has_an_empty_token_then_it_is_treated_as_missing(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "")
    assert main(["run"]) == 2
    assert "@BotFather" in capsys.readouterr().err


COUNCIL_TOML = """\
[council]
name = "Little Snoring Parish Council"
clerk_email = "clerk@littlesnoring-pc.org.uk"
website_domains = ["littlesnoring-pc.org.uk"]

[[members]]
telegram_id = 1001
name = "Ada Thistlewood"
role = "clerk"
"""


def _check_json(text: str, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    assert main(["check", "--json", text]) == 0
    (verdict,) = _json_lines(capsys.readouterr().out)
    return verdict


@pytest.mark.parametrize("location", ["COUNCIL_CONFIG", "working folder"])
def test_when_a_council_file_is_present_then_check_uses_its_sites_and_contacts(
    location: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    if location == "COUNCIL_CONFIG":
        path = tmp_path / "config" / "my-council.toml"
        path.parent.mkdir()
        monkeypatch.setenv("COUNCIL_CONFIG", str(path))
    else:
        path = tmp_path / "council.toml"
    path.write_text(COUNCIL_TOML, encoding="utf-8")

    approved = _check_json("Minutes at https://www.littlesnoring-pc.org.uk/minutes", capsys)
    assert approved["findings"] == []
    assert approved["action"] == "allow"

    elsewhere = _check_json("Minutes at https://www.elsewhere.org.uk/minutes", capsys)
    assert [f["rule"] for f in elsewhere["findings"]] == ["unapproved_link"]
    assert elsewhere["action"] == "warn"

    # The council's own list replaces the default, so even gov.uk needs approving.
    assert [f["rule"] for f in _check_json("See https://www.gov.uk/x", capsys)["findings"]] == [
        "unapproved_link"
    ]

    assert _check_json("Write to clerk@littlesnoring-pc.org.uk", capsys)["findings"] == []
    assert _check_json("Ada Thistlewood sent the agenda", capsys)["findings"] == []


def test_when_there_is_no_council_file_then_the_defaults_apply(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert _check_json("See https://www.gov.uk/x", capsys)["findings"] == []
    flagged = _check_json("Write to clerk@littlesnoring-pc.org.uk", capsys)
    assert [f["entity"] for f in flagged["findings"]] == ["EMAIL_ADDRESS"]


def test_when_the_council_file_is_malformed_then_check_names_it_and_exits_two(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "broken.toml"
    path.write_text('[council]\nname = "Unclosed\n', encoding="utf-8")
    monkeypatch.setenv("COUNCIL_CONFIG", str(path))
    assert main(["check", "hello"]) == 2
    assert str(path) in capsys.readouterr().err


def test_when_the_council_names_a_policy_file_then_check_applies_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "policy.yaml").write_text(
        "rules:\n  abuse:\n    action: warn\n    words: [wombat]\n", encoding="utf-8"
    )
    (tmp_path / "council.toml").write_text(
        COUNCIL_TOML + '\n[policy]\nfile = "policy.yaml"\n', encoding="utf-8"
    )
    verdict = _check_json("You absolute wombat", capsys)
    assert [f["rule"] for f in verdict["findings"]] == ["abuse"]
    assert verdict["action"] == "warn"


# record export ---------------------------------------------------------------------------

EXPORT_COUNCIL_TOML = """\
[council]
name = "Little Snoring Parish Council"
timezone = "Europe/London"

[[members]]
telegram_id = 1004
name = "Helen Moss"
role = "councillor"
aliases = ["Nell"]
"""


@pytest.fixture
def recorded(database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Database:
    """A record of ten days of November 2026 (one entry a day), and a council file."""
    (tmp_path / "council.toml").write_text(EXPORT_COUNCIL_TOML, encoding="utf-8")
    monkeypatch.setenv("DATABASE_URL", database.url)
    record = RecordService(database)
    entries = [
        NewEntry(
            kind="message",
            occurred_at=datetime(2026, 11, day, 12, tzinfo=UTC),
            text=f"Day {day}: Nell spoke to Mrs Thornton on 07911 123456",
            sender_id=1004 if day % 2 else 1001,
            sender_name="Helen Moss" if day % 2 else "Ada Thistlewood",
            chat_id=-100,
            chat_title="Councillors",
            message_id=day,
        )
        for day in range(1, 11)
    ]
    database.call(lambda session: record.append_all_in(session, entries))
    return database


@pytest.mark.parametrize(
    ("start", "end"), [("2026-11-02", "2026-11-04"), ("02/11/2026", "4/11/2026")]
)
def test_when_the_record_is_exported_then_the_file_holds_the_period_and_the_head_is_named(
    recorded: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str], start: str, end: str
) -> None:
    path = tmp_path / "november.csv"
    assert main(["record", "export", "--from", start, "--to", end, "-o", str(path)]) == 0
    rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    assert [row["seq"] for row in rows] == ["2", "3", "4"]
    out = capsys.readouterr().out
    assert "wrote 3 entries" in out
    assert "chain head 10 " in out
    access = recorded.call(
        lambda s: [(a.actor, a.action, a.entries) for a in s.scalars(select(RecordAccess))]
    )
    assert access == [(f"cli:{getpass.getuser()}", "export", 3)]


def test_when_a_subject_export_is_redacted_then_their_entries_keep_their_name_only(
    recorded: Database, tmp_path: Path
) -> None:
    path = tmp_path / "sar.json"
    argv = ["record", "export", "--from", "2026-11-01", "--to", "2026-11-30", "--format", "json"]
    assert main([*argv, "--person", "Helen Moss", "--redact", "-o", str(path)]) == 0
    entries = json.loads(path.read_text(encoding="utf-8"))["entries"]
    assert len(entries) == 10  # her alias is in every entry
    assert entries[0]["text"] == "Day 1: Nell spoke to <PERSON> on <PHONE_NUMBER>"
    assert {e["sender_name"] for e in entries} == {"Helen Moss", "[third party]"}


def test_when_a_pdf_is_exported_then_a_pdf_is_written(recorded: Database, tmp_path: Path) -> None:
    path = tmp_path / "november.pdf"
    argv = ["record", "export", "--from", "2026-11-01", "--to", "2026-11-30", "--format", "pdf"]
    assert main([*argv, "-o", str(path)]) == 0
    assert path.read_bytes().startswith(b"%PDF-")


@pytest.mark.usefixtures("recorded")
@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("31/11/2026", "2026-12-01", "--from: '31/11/2026' is not a date"),
        ("2026-11-01", "next week", "--to: 'next week' is not a date"),
        ("2026-11-30", "2026-11-01", "ends before it starts"),
    ],
)
def test_when_export_dates_are_bad_then_it_says_so_and_exits_two(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    start: str,
    end: str,
    message: str,
) -> None:
    path = tmp_path / "out.csv"
    assert main(["record", "export", "--from", start, "--to", end, "-o", str(path)]) == 2
    assert message in capsys.readouterr().err
    assert not path.exists()


@pytest.mark.usefixtures("recorded")
def test_when_the_export_file_exists_then_it_is_kept_unless_forced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "out.csv"
    path.write_text("earlier export", encoding="utf-8")
    argv = ["record", "export", "--from", "2026-11-01", "--to", "2026-11-30", "-o", str(path)]
    assert main(argv) == 2
    assert "already exists" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == "earlier export"
    assert main([*argv, "--force"]) == 0
    assert "wrote 10 entries" in capsys.readouterr().out


@pytest.mark.usefixtures("recorded")
def test_when_the_export_path_cannot_be_written_then_it_exits_two(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "no such folder" / "out.csv"
    argv = ["record", "export", "--from", "2026-11-01", "--to", "2026-11-30", "-o", str(path)]
    assert main(argv) == 2
    assert "cannot be written" in capsys.readouterr().err


ZOOM_CHAT = (
    "\ufeff19:00:01 From Ada Thistlewood to Everyone:\r\n"
    "\tWelcome all. Minutes at https://www.littlesnoring-pc.org.uk/minutes\r\n"
    "19:01:00 From Helen Moss to Peter Hughes(Direct Message):\r\n"
    "\tEmail her at margaret.thornton@gmail.com\r\n"
    "19:01:30 this line is broken\r\n"
    "19:02:00 From Tom Griffiths to Everyone:\r\n"
    "\tSee you all on Tuesday\r\n"
)


def test_when_a_zoom_chat_file_is_scanned_then_a_report_with_masked_findings_is_printed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "meeting_saved_chat.txt"
    path.write_text(ZOOM_CHAT, encoding="utf-8")

    assert main(["zoom", "scan", str(path)]) == 0

    captured = capsys.readouterr()
    assert captured.out.startswith("Zoom chat meeting_saved_chat.txt\n3 messages checked: 2 breach")
    assert "19:01:00 Helen Moss to Peter Hughes (direct message) — BLOCK (line 3)" in captured.out
    assert '"m***@g***.com"' in captured.out
    assert "margaret.thornton" not in captured.out
    assert "1 line could not be read (line 5:" in captured.out
    assert f"{path}, line 5: starts with a time but is not a message header" in captured.err


def test_when_a_zoom_scan_asks_for_json_then_one_object_per_breaching_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "chat.txt"
    path.write_text(ZOOM_CHAT, encoding="utf-8")

    assert main(["zoom", "scan", "--json", str(path)]) == 0

    breaches = _json_lines(capsys.readouterr().out)
    assert [(b["line"], b["sender"], b["recipient"], b["direct"]) for b in breaches] == [
        (1, "Ada Thistlewood", "Everyone", False),
        (3, "Helen Moss", "Peter Hughes", True),
    ]
    assert list(breaches[1]) == [
        "line", "time", "sender", "recipient", "direct", "action", "findings", "redacted",
    ]  # fmt: skip
    assert breaches[1]["findings"][0] == {
        "rule": "personal_data",
        "entity": "EMAIL_ADDRESS",
        "clause": "Not contain any personal information.",
        "shown": "m***@g***.com",
        "action": "block",
    }
    assert breaches[1]["redacted"] == "Email her at <EMAIL_ADDRESS>"


def test_when_a_council_file_is_present_then_zoom_scan_uses_its_approved_sites(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "council.toml").write_text(COUNCIL_TOML, encoding="utf-8")
    path = tmp_path / "chat.txt"
    path.write_text(ZOOM_CHAT, encoding="utf-8")

    assert main(["zoom", "scan", "--json", str(path)]) == 0

    assert [b["line"] for b in _json_lines(capsys.readouterr().out)] == [3]


def test_when_a_zoom_chat_comes_on_stdin_then_it_is_scanned(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _stdin(monkeypatch, ZOOM_CHAT.encode())

    assert main(["zoom", "scan", "--json", "-"]) == 0

    assert len(_json_lines(capsys.readouterr().out)) == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "cannot be read"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a Zoom chat file"),
        (b"Dear Clerk,\nplease find attached.\n", "not a Zoom chat file"),
    ],
)
def test_when_the_zoom_chat_file_cannot_be_read_then_it_exits_two(
    content: bytes | None, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "chat.txt"
    if content is not None:
        path.write_bytes(content)

    assert main(["zoom", "scan", str(path)]) == 2

    captured = capsys.readouterr()
    assert message in captured.err
    assert captured.out == ""


# backup and restore ---------------------------------------------------------------------


def _entry(number: int) -> NewEntry:
    return NewEntry(
        kind="message",
        occurred_at=datetime(2026, 11, 1, 12, tzinfo=UTC),
        text=f"Message {number} about the allotments",
        sender_id=1004,
        sender_name="Helen Moss",
        chat_id=-100,
        chat_title="Councillors",
        message_id=number,
    )


def _append(database: Database, numbers: range) -> None:
    record = RecordService(database)
    database.call(lambda session: record.append_all_in(session, [_entry(n) for n in numbers]))


def _entries_in(url: str) -> int:
    database = Database(url)
    try:
        result = RecordService(database).verify()
    finally:
        database.dispose()
    assert result.intact
    return result.entries


def _wipe_postgresql(url: str) -> None:
    database = Database(url)
    try:
        with database.engine.begin() as connection:
            connection.exec_driver_sql("DROP SCHEMA public CASCADE")
            connection.exec_driver_sql("CREATE SCHEMA public")
    finally:
        database.dispose()


def test_when_a_live_sqlite_database_is_backed_up_then_the_copy_restores_and_verifies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    live = Database(f"sqlite:///{tmp_path / 'live.db'}")
    live.upgrade()
    _append(live, range(1, 21))
    stop = threading.Event()

    def keep_writing() -> None:  # the bot, still putting messages on the record
        number = 100
        while not stop.is_set():
            _append(live, range(number, number + 1))
            number += 1

    writer = threading.Thread(target=keep_writing)
    writer.start()
    try:
        monkeypatch.setenv("DATABASE_URL", live.url)
        assert main(["backup", str(tmp_path / "councilbot.backup")]) == 0
    finally:
        stop.set()
        writer.join()
        live.dispose()
    backed_up = capsys.readouterr().out
    match = re.search(r"record in the backup intact: (\d+) entries verified", backed_up)
    assert match is not None, backed_up
    assert int(match[1]) >= 20

    restored_url = f"sqlite:///{tmp_path / 'restored.db'}"
    monkeypatch.setenv("DATABASE_URL", restored_url)
    assert main(["restore", str(tmp_path / "councilbot.backup")]) == 0
    out = capsys.readouterr().out
    assert f"record in the restored database intact: {match[1]} entries verified" in out
    assert _entries_in(restored_url) == int(match[1])


def test_when_a_database_is_backed_up_and_restored_then_its_record_verifies(
    recorded: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    if recorded.url.startswith("postgresql") and shutil.which("pg_dump") is None:
        pytest.skip("pg_dump is not installed")
    backup = tmp_path / "councilbot.backup"
    assert main(["backup", str(backup)]) == 0
    assert "entries verified" in capsys.readouterr().out
    if recorded.url.startswith("postgresql"):
        assert backup.read_bytes().startswith(b"PGDMP")
        recorded.dispose()
        _wipe_postgresql(recorded.url)
    else:
        monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'restored.db'}")

    assert main(["restore", str(backup)]) == 0

    assert "record in the restored database intact: 10 entries verified" in (
        capsys.readouterr().out
    )


def test_when_the_database_already_has_tables_then_restore_needs_force(
    recorded: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if recorded.url.startswith("postgresql") and shutil.which("pg_dump") is None:
        pytest.skip("pg_dump is not installed")
    backup = tmp_path / "councilbot.backup"
    assert main(["backup", str(backup)]) == 0
    _append(recorded, range(50, 55))  # the live database moves on after the backup
    capsys.readouterr()

    assert main(["restore", str(backup)]) == 2
    assert "--force" in capsys.readouterr().err
    assert _entries_in(recorded.url) == 15

    recorded.dispose()
    assert main(["restore", "--force", str(backup)]) == 0
    assert "intact: 10 entries verified" in capsys.readouterr().out
    assert _entries_in(recorded.url) == 10


def test_when_the_backup_file_exists_then_it_is_kept_unless_forced(
    recorded: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if recorded.url.startswith("postgresql") and shutil.which("pg_dump") is None:
        pytest.skip("pg_dump is not installed")
    backup = tmp_path / "councilbot.backup"
    backup.write_bytes(b"yesterday's backup")

    assert main(["backup", str(backup)]) == 2
    assert "--force" in capsys.readouterr().err
    assert backup.read_bytes() == b"yesterday's backup"

    assert main(["backup", "--force", str(backup)]) == 0
    assert backup.read_bytes() != b"yesterday's backup"


def test_when_pg_dump_is_not_on_the_path_then_backup_says_how_to_get_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://councilbot@127.0.0.1:1/councilbot")

    assert main(["backup", str(tmp_path / "councilbot.backup")]) == 2

    err = capsys.readouterr().err
    assert "pg_dump was not found on PATH" in err
    assert "postgresql-client" in err
    assert not (tmp_path / "councilbot.backup").exists()


@pytest.mark.parametrize("content", [b"", b"not a database at all", b"PGDMP is for PostgreSQL"])
def test_when_the_file_is_not_a_sqlite_backup_then_restore_refuses_it(
    content: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    path = tmp_path / "councilbot.backup"
    path.write_bytes(content)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'new.db'}")

    assert main(["restore", str(path)]) == 2

    assert "is not a SQLite database" in capsys.readouterr().err
    assert not (tmp_path / "new.db").exists()


def test_when_the_backup_file_is_missing_then_restore_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'new.db'}")
    assert main(["restore", str(tmp_path / "nowhere.backup")]) == 2
    assert "no such backup file" in capsys.readouterr().err


def test_when_the_record_holds_one_entry_then_verify_says_entry_not_entries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    database = Database(f"sqlite:///{tmp_path / 'one.db'}")
    database.upgrade()
    _append(database, range(1, 2))
    database.dispose()
    monkeypatch.setenv("DATABASE_URL", database.url)
    assert main(["record", "verify"]) == 0
    assert "record intact: 1 entry verified" in capsys.readouterr().out


class _Terminal(io.StringIO):
    """A stderr that says it is a terminal, so progress is drawn on it."""

    def isatty(self) -> bool:
        return True


def test_when_the_record_is_exported_on_a_terminal_then_verifying_and_exporting_show_progress(
    recorded: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    terminal = _Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    path = tmp_path / "november.csv"
    assert (
        main(["record", "export", "--from", "2026-11-01", "--to", "2026-11-30", "-o", str(path)])
        == 0
    )
    drawn = terminal.getvalue()
    assert "Verifying the record: 0 [" in drawn  # drawn as each stage starts
    assert "Exporting to november.csv…" in drawn
    assert drawn.endswith("\r")  # the line is cleared before the summary on stdout


def test_when_the_database_is_backed_up_on_a_terminal_then_progress_is_shown(
    recorded: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    terminal = _Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    assert main(["backup", str(tmp_path / "councilbot.backup")]) == 0
    drawn = terminal.getvalue()
    assert re.search(r"Backing up( with pg_dump)?…", drawn)
    assert "Verifying the record: 0 [" in drawn


def test_when_stderr_is_not_a_terminal_then_export_and_backup_draw_no_progress(
    recorded: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(
            [
                "record",
                "export",
                "--from",
                "2026-11-01",
                "--to",
                "2026-11-30",
                "-o",
                str(tmp_path / "a.csv"),
            ]
        )
        == 0
    )
    assert main(["backup", str(tmp_path / "councilbot.backup")]) == 0
    assert capsys.readouterr().err == ""


def test_when_export_dates_are_written_as_people_write_them_then_they_are_read_as_past_days(
    recorded: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--from 1/11 --to today``: the last 1 November, as the commands read it."""
    today = datetime.now(UTC).astimezone().date()
    first = date(today.year if today >= date(today.year, 11, 1) else today.year - 1, 11, 1)
    path = tmp_path / "since-november.csv"
    assert main(["record", "export", "--from", "1/11", "--to", "today", "-o", str(path)]) == 0
    rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    expected = 10 if first.year == 2026 else 0  # the fixture's entries are in November 2026
    assert len(rows) == expected
    assert "wrote" in capsys.readouterr().out
