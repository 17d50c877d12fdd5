"""``councilbot bench``: every benchmark, side by side with its named baseline."""

from __future__ import annotations

from typing import Any


def run_benchmarks(*, quick: bool = False, only: str | None = None) -> dict[str, Any]:
    """Run the benchmarks (all, or the suite named by ``only``); the result is JSON-ready."""
    results: dict[str, Any] = {}
    if only in (None, "policy"):
        from bench.policy import run_policy_benchmarks  # noqa: PLC0415

        results["policy"] = run_policy_benchmarks(quick=quick)
    if only in (None, "bot"):
        from bench.bot import run_bot_benchmarks  # noqa: PLC0415

        results["bot"] = run_bot_benchmarks(quick=quick)
    if only in (None, "record"):
        from bench.record import run_record_benchmarks  # noqa: PLC0415

        results["record"] = run_record_benchmarks(quick=quick)
    if only in (None, "zoom"):
        from bench.zoom import run_zoom_benchmarks  # noqa: PLC0415

        results["zoom"] = run_zoom_benchmarks(quick=quick)
    if only in (None, "reliability"):
        from bench.reliability import run_reliability_benchmarks  # noqa: PLC0415

        results["reliability"] = run_reliability_benchmarks(quick=quick)
    if only in (None, "desk"):  # the Clerk's desk (#16)
        from bench.desk import run_desk_benchmarks  # noqa: PLC0415

        results["desk"] = run_desk_benchmarks(quick=quick)
    return results


def format_results(results: dict[str, Any]) -> str:
    """A readable report."""
    from bench.bot import format_bot_results  # noqa: PLC0415
    from bench.desk import format_desk_results  # noqa: PLC0415
    from bench.policy import format_policy_results  # noqa: PLC0415
    from bench.record import format_record_results  # noqa: PLC0415
    from bench.reliability import format_reliability_results  # noqa: PLC0415
    from bench.zoom import format_zoom_results  # noqa: PLC0415

    parts = []
    if "policy" in results:
        parts.append(format_policy_results(results["policy"]))
    if "bot" in results:
        parts.append(format_bot_results(results["bot"]))
    if "record" in results:
        parts.append(format_record_results(results["record"]))
    if "zoom" in results:
        parts.append(format_zoom_results(results["zoom"]))
    if "reliability" in results:
        parts.append(format_reliability_results(results["reliability"]))
    if "desk" in results:
        parts.append(format_desk_results(results["desk"]))
    return "\n\n".join(parts)
