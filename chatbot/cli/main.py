"""The ``councilbot`` command: ``check``, ``eval``, ``bench`` and ``run``."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import json
import os
import sys
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO, Final

from chatbot.cli.batch import check_all
from chatbot.cli.progress import Progress
from chatbot.cli.report import render
from chatbot.cli.tally import Tally
from chatbot.core.wording import plural
from chatbot.council.engine import build_policy_engine
from chatbot.council.file import load_council_file
from chatbot.errors import CouncilbotError
from chatbot.ops.files import PRIVATE_UMASK
from chatbot.ops.logs import configure_logging
from chatbot.settings import load_settings
from policy_checks import PolicyChecksError, PolicyEngine

EXIT_OK: Final[int] = 0
EXIT_FAILED: Final[int] = 1  # a check failed: the record's chain is broken, targets missed
EXIT_USAGE: Final[int] = 2  # the command cannot be carried out: usage, input, files, settings
# The suites of ``bench`` (a source-checkout package, so named here rather than imported).
BENCH_SUITES: Final[tuple[str, ...]] = ("policy", "bot", "record", "zoom", "reliability", "desk")

GETTING_STARTED: Final[str] = """\
councilbot: TELEGRAM_BOT_TOKEN is not set, so the bot cannot start.

To get a token: open Telegram, talk to @BotFather, send /newbot, choose a name and a
username ending in "bot", and copy the token it gives you. Then put it in a file named .env
in this folder:

    TELEGRAM_BOT_TOKEN=123456789:AA...

and run `make run` again. In @BotFather also use /setprivacy -> Disable (so the bot sees every
message in your groups) and /setinline (to check drafts with @yourbot in any chat).

You can try the policy checks offline without a token:

    .venv/bin/councilbot check "Call Jane on 07911 123456 about the pothole"
"""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    # A backstop: whatever a command or a library creates is private to the bot's user (the
    # database, spool, exports and backups are made 0600 by chatbot.ops.files in any case).
    umask = os.umask(PRIVATE_UMASK)
    try:
        status: int = args.handler(args)
    except CouncilbotError as exc:
        print(f"councilbot: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except PolicyChecksError as exc:
        print(f"councilbot: {exc}", file=sys.stderr)
        return EXIT_USAGE
    finally:
        os.umask(umask)
    return status


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="councilbot", description="Policy checks and chat-ops for parish councils."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="check messages against the council's policy")
    source = check.add_mutually_exclusive_group(required=True)
    source.add_argument("text", nargs="?", help="the message to check")
    source.add_argument(
        "--file", type=Path, help="check each line of a file as a message ('-' reads stdin)"
    )
    check.add_argument("--json", action="store_true", help="one JSON object per message")
    check.set_defaults(handler=_check)

    _add_init(commands)

    _add_eval(commands)

    bench = commands.add_parser("bench", help="benchmarks, side by side with their baselines")
    bench.add_argument("--json", action="store_true", help="print the results as JSON")
    bench.add_argument("--quick", action="store_true", help="fewer repetitions (for a smoke test)")
    bench.add_argument("--only", choices=BENCH_SUITES, help="run one suite only")
    bench.set_defaults(handler=_bench)

    run = commands.add_parser("run", help="run the Telegram bot")
    run.set_defaults(handler=_run)

    record = commands.add_parser("record", help="the Clerk's official record")
    record_commands = record.add_subparsers(dest="record_command", required=True, metavar="ACTION")
    verify = record_commands.add_parser("verify", help="check the record's hash chain")
    verify.set_defaults(handler=_record_verify)
    export = record_commands.add_parser(
        "export", help="export the record for a period (FOI and subject-access requests)"
    )
    export.add_argument("--from", dest="start", required=True, metavar="DATE",
                        help="first local day, 2026-12-01 or 01/12/2026")  # fmt: skip
    export.add_argument("--to", dest="end", required=True, metavar="DATE", help="last local day")
    export.add_argument("--format", choices=("csv", "json", "pdf"), default="csv")
    export.add_argument("--person", metavar="NAME", help="only entries about this person")
    export.add_argument("--redact", action="store_true", help="hide third parties' personal data")
    export.add_argument("-o", "--output", dest="output", type=Path, required=True, metavar="PATH")
    export.add_argument("--force", action="store_true", help="replace PATH if it exists")
    export.set_defaults(handler=_record_export)

    zoom = commands.add_parser("zoom", help="Zoom meeting chats")
    zoom_commands = zoom.add_subparsers(dest="zoom_command", required=True, metavar="ACTION")
    scan = zoom_commands.add_parser("scan", help="check a saved Zoom chat file, print a report")
    scan.add_argument("path", type=Path, metavar="PATH", help="the .txt Zoom saved ('-': stdin)")
    scan.add_argument("--json", action="store_true", help="one JSON object per breaching message")
    scan.set_defaults(handler=_zoom_scan)

    db = commands.add_parser("db", help="database maintenance")
    db_commands = db.add_subparsers(dest="db_command", required=True, metavar="ACTION")
    upgrade = db_commands.add_parser("upgrade", help="apply the database migrations")
    upgrade.set_defaults(handler=_db_upgrade)

    backup = commands.add_parser(
        "backup", help="copy the database to a file (consistent while the bot runs)"
    )
    backup.add_argument("path", type=Path, metavar="PATH", help="the backup file to write")
    backup.add_argument("--force", action="store_true", help="replace PATH if it exists")
    backup.set_defaults(handler=_backup)
    restore = commands.add_parser("restore", help="restore the database from a backup file")
    restore.add_argument("path", type=Path, metavar="PATH", help="a file `backup` wrote")
    restore.add_argument(
        "--force", action="store_true", help="replace a database that already has tables"
    )
    restore.set_defaults(handler=_restore)
    return parser


def build_engine() -> PolicyEngine:
    """The engine as this council configured it (or the defaults without a council file)."""
    path = load_settings().council_config
    if not path.exists():
        return build_policy_engine(None, None)
    return build_policy_engine(load_council_file(path), path)


def _check(args: argparse.Namespace) -> int:
    engine = build_engine()
    out = sys.stdout
    if args.file is None:
        out.write(render(engine.check(args.text), as_json=args.json))
        return EXIT_OK
    bad_lines: list[int] = []
    total = None if str(args.file) == "-" else _lines_in(args.file)
    progress = Progress(f"Checking {args.file.name}", total=total, stream=sys.stderr)
    tally = Tally()

    def readable(stream: BinaryIO) -> Iterator[str]:
        for number, line in _lines(stream):
            if isinstance(line, Exception):
                bad_lines.append(number)
                progress.finish()
                print(f"councilbot: {args.file}, line {number}: {line}", file=sys.stderr)
            else:
                yield line

    with _open_binary(args.file) as stream:
        for rendered, counted in check_all(engine, readable(stream), as_json=args.json):
            out.write(rendered)
            tally.add(counted)
            progress.advance(counted.messages)
    progress.finish()
    print(tally.summary(), file=sys.stderr)
    return EXIT_USAGE if bad_lines else EXIT_OK


def _lines_in(path: Path) -> int | None:
    """How many lines the file has, for the progress bar (None when it cannot be told)."""
    try:
        with path.open("rb") as stream:
            return sum(chunk.count(b"\n") for chunk in iter(lambda: stream.read(1 << 20), b""))
    except OSError:
        return None


class _StdinBinary:
    def __enter__(self) -> BinaryIO:
        return sys.stdin.buffer

    def __exit__(self, *_: object) -> None:
        return None


def _open_binary(path: Path) -> BinaryIO | _StdinBinary:
    if str(path) == "-":
        return _StdinBinary()
    try:
        return path.open("rb")
    except OSError as exc:
        raise CouncilbotError(f"{path}: cannot be read ({exc.strerror})") from None


def _lines(stream: BinaryIO) -> Iterator[tuple[int, str | ValueError]]:
    """Each line decoded, or the reason it cannot be (the other lines still count)."""
    for number, raw in enumerate(stream, start=1):
        body = raw.rstrip(b"\r\n")
        if b"\x00" in body:
            yield number, ValueError("binary data (a NUL byte), not text; line skipped")
            continue
        try:
            yield number, body.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield (
                number,
                ValueError(
                    f"not valid UTF-8 (byte 0x{body[exc.start]:02x} at column {exc.start + 1});"
                    " line skipped"
                ),
            )


def _eval(args: argparse.Namespace) -> int:
    from policy_checks.evaluation import evaluate, format_report  # noqa: PLC0415

    if args.corpus is not None:
        return _eval_corpus(args.corpus, as_json=args.json)
    report = evaluate(build_engine_for_evaluation())
    if args.json:
        print(json.dumps(report.to_dict(), indent=2))
    else:
        print(format_report(report))
    return EXIT_OK if report.meets_targets else EXIT_FAILED


def _add_eval(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    evaluate = commands.add_parser(
        "eval", help="precision and recall on the labelled evaluation set, or on a corpus"
    )
    evaluate.add_argument(
        "--corpus",
        type=Path,
        help="a CoNLL/BIO file (token and tag a line) or a labelled JSONL file to score instead",
    )
    evaluate.add_argument("--json", action="store_true", help="print the report as JSON")
    evaluate.set_defaults(handler=_eval)


def _add_init(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    init = commands.add_parser("init", help="write a commented example council file")
    init.add_argument(
        "path", nargs="?", type=Path, default=Path("council.toml"), help="where to write it"
    )
    init.add_argument("--force", action="store_true", help="replace a file that is there")
    init.set_defaults(handler=_init)


def _init(args: argparse.Namespace) -> int:
    """Write the example council file; never over an existing one without ``--force``."""
    from chatbot.council.file import example_council_file  # noqa: PLC0415

    path: Path = args.path
    if path.exists() and not args.force:
        print(
            f"councilbot init: {path} already exists; nothing written (--force replaces it).",
            file=sys.stderr,
        )
        return EXIT_USAGE
    try:
        path.write_text(example_council_file(), encoding="utf-8")
    except OSError as exc:
        print(f"councilbot init: {path} cannot be written ({exc.strerror}).", file=sys.stderr)
        return EXIT_USAGE
    print(
        f"Wrote {path}. Fill in your council (members and groups are optional: they can be "
        "added from Telegram), then run `make run`."
    )
    return EXIT_OK


def _eval_corpus(path: Path, *, as_json: bool) -> int:
    """Score a corpus: precision and recall per entity type and rule; exit 2 if unreadable.

    A ``.jsonl`` file is labelled messages (``text`` with ``rules``/``entities``, or a
    ``label`` of hate/offensive/neither); anything else is read as CoNLL/BIO.
    """
    from policy_checks.evaluation.corpus import (  # noqa: PLC0415
        evaluate_corpus,
        format_corpus_report,
    )
    from policy_checks.evaluation.jsonl import (  # noqa: PLC0415
        evaluate_jsonl,
        format_jsonl_report,
    )

    # An outside corpus has nothing to do with any council: the packaged defaults alone.
    engine = PolicyEngine()
    try:
        if path.suffix.lower() == ".jsonl":
            labelled = evaluate_jsonl(engine, path)
            shown = (
                json.dumps(labelled.to_json(), indent=2, ensure_ascii=False)
                if as_json
                else format_jsonl_report(labelled)
            )
        else:
            report = evaluate_corpus(engine, path)
            shown = report.to_json() if as_json else format_corpus_report(report)
    except (PolicyChecksError, ValueError, OSError) as exc:
        print(f"councilbot eval: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(shown)
    return EXIT_OK


def build_engine_for_evaluation() -> PolicyEngine:
    """The engine with the evaluation set's fixed council (not the local council file)."""
    from policy_checks.evaluation import EVALUATION_COUNCIL  # noqa: PLC0415

    return PolicyEngine(council=EVALUATION_COUNCIL)


def _bench(args: argparse.Namespace) -> int:
    try:
        from bench import format_results, run_benchmarks  # noqa: PLC0415
    except ModuleNotFoundError:
        print(
            "councilbot bench runs from a source checkout: the benchmarks and the fakes they "
            "drive are not part of the installed package. Run `make test` once in the "
            "repository, then `.venv/bin/councilbot bench` there.",
            file=sys.stderr,
        )
        return EXIT_USAGE

    results = run_benchmarks(quick=args.quick, only=args.only)
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print(format_results(results))
    return EXIT_OK


def _run(args: argparse.Namespace) -> int:  # noqa: ARG001
    settings = load_settings()
    if settings.telegram_bot_token is None or not settings.telegram_bot_token.get_secret_value():
        sys.stderr.write(GETTING_STARTED)
        return EXIT_USAGE
    # LOG_FORMAT=json: one JSON object per line; httpx (URLs with the token) kept at WARNING.
    configure_logging(settings)
    from chatbot.app import serve  # noqa: PLC0415

    asyncio.run(serve(settings))
    return EXIT_OK


def _meter() -> Progress:
    """A progress line on stderr for a long command, drawn only when stderr is a terminal."""
    return Progress("Working", total=None, stream=sys.stderr)


def _record_verify(args: argparse.Namespace) -> int:  # noqa: ARG001
    from chatbot.db.database import Database  # noqa: PLC0415
    from chatbot.record.service import RecordService  # noqa: PLC0415

    database = Database(load_settings().database_url)
    try:
        database.upgrade()
        result = RecordService(database).verify(meter=_meter())
    finally:
        database.dispose()
    if result.intact:
        print(f"record intact: {plural(result.entries, 'entry', 'entries')} verified")
        return EXIT_OK
    print(f"record broken at entry {result.first_bad}: {result.problem}")
    return EXIT_FAILED


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"


def _record_export(args: argparse.Namespace) -> int:
    from chatbot.db.database import Database  # noqa: PLC0415
    from chatbot.record.export import ExportFormat  # noqa: PLC0415
    from chatbot.record.export_service import ExportRequest, ExportService  # noqa: PLC0415
    from chatbot.record.search import SearchService, Viewer, require_day  # noqa: PLC0415
    from chatbot.record.service import RecordService  # noqa: PLC0415
    from chatbot.telegram.setup import stored_council  # noqa: PLC0415

    today = datetime.now(UTC).astimezone().date()  # this machine's day: "1/12" is the last one
    request = ExportRequest(
        start=require_day(args.start, name="--from", today=today),
        end=require_day(args.end, name="--to", today=today),
        form=ExportFormat(args.format),
        person=args.person,
        redact=args.redact,
    )
    settings = load_settings()
    database = Database(settings.database_url)
    try:
        database.upgrade()
        # The council file, else the council set up from Telegram (#15).
        council = stored_council(settings, database)
        engine = build_policy_engine(council, settings.council_config) if args.redact else None
        record = RecordService(database)
        service = ExportService(
            database,
            council,
            search=SearchService(database, council),
            record=record,
            engine=engine,
        )
        outcome = service.export(
            request,
            Viewer.command_line(_os_user()),
            args.output,
            overwrite=args.force,
            meter=_meter(),
        )
    finally:
        database.dispose()
    manifest = outcome.manifest
    print(
        f"wrote {plural(outcome.entries, 'entry', 'entries')} to {outcome.path}; "
        f"chain head {manifest.head_seq} {manifest.head_hash}"
    )
    if not manifest.intact:
        print(f"councilbot: the record's chain is broken: {manifest.problem}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def _zoom_scan(args: argparse.Namespace) -> int:
    from chatbot.zoom.report import ChatFileService, format_report  # noqa: PLC0415

    path: Path = args.path
    try:
        data = sys.stdin.buffer.read() if str(path) == "-" else path.read_bytes()
    except OSError as exc:
        print(f"councilbot: {path}: cannot be read ({exc.strerror})", file=sys.stderr)
        return EXIT_USAGE
    scanned = ChatFileService(build_engine()).scan(data)
    for problem in scanned.parsed.problems:
        print(f"councilbot: {path}, line {problem.line}: {problem.reason}", file=sys.stderr)
    if not scanned.readable:
        print(f"councilbot: {path}: not a Zoom chat file (no message read)", file=sys.stderr)
        return EXIT_USAGE
    if args.json:
        for breach in scanned.report.breaches:
            print(json.dumps(breach.to_dict(), ensure_ascii=False))
    else:
        title = f"Zoom chat {path.name or 'from stdin'}"
        print(format_report(scanned.report, title=title, problems=scanned.parsed.problems), end="")
    return EXIT_OK


def _db_upgrade(args: argparse.Namespace) -> int:  # noqa: ARG001
    from chatbot.db.database import Database  # noqa: PLC0415

    database = Database(load_settings().database_url)
    try:
        database.upgrade()
    finally:
        database.dispose()
    print("database is up to date")
    return EXIT_OK


def _chain_state(url: str, *, what: str) -> int:
    """Print ``record verify``'s verdict on the database at ``url``; its exit status."""
    from chatbot.db.database import Database, DatabaseError  # noqa: PLC0415
    from chatbot.record.service import RecordService  # noqa: PLC0415

    database = Database(url)
    try:
        result = RecordService(database).verify(meter=_meter())
    except DatabaseError as exc:
        print(f"councilbot: the record in {what} cannot be verified: {exc}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        database.dispose()
    if result.intact:
        print(f"record in {what} intact: {plural(result.entries, 'entry', 'entries')} verified")
        return EXIT_OK
    print(f"record in {what} broken at entry {result.first_bad}: {result.problem}")
    return EXIT_FAILED


def _backup(args: argparse.Namespace) -> int:
    from chatbot.db import backup  # noqa: PLC0415

    url = load_settings().database_url
    copied = backup.backup(url, args.path, overwrite=args.force, meter=_meter())
    print(f"backed up the {copied.kind} database to {copied.path} ({copied.size} bytes)")
    if copied.kind is backup.Kind.SQLITE:
        return _chain_state(f"sqlite:///{copied.path}", what="the backup")
    return _chain_state(url, what="the database backed up")


def _restore(args: argparse.Namespace) -> int:
    from chatbot.db import backup  # noqa: PLC0415

    url = load_settings().database_url
    copied = backup.restore(url, args.path, overwrite=args.force)
    print(f"restored the {copied.kind} database from {copied.path}")
    print("run `councilbot db upgrade` (or start the bot) if the backup is from an older version")
    return _chain_state(url, what="the restored database")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(sys.argv[1:]))
