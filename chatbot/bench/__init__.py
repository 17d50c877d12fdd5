"""``councilbot bench``: every benchmark, side by side with its named baseline."""

from __future__ import annotations

from typing import Any

from chatbot.bench.policy import format_policy_results, run_policy_benchmarks

__all__ = ["format_results", "run_benchmarks"]


def run_benchmarks(*, quick: bool = False) -> dict[str, Any]:
    """Run every benchmark; the result is JSON-ready."""
    return {"policy": run_policy_benchmarks(quick=quick)}


def format_results(results: dict[str, Any]) -> str:
    """A readable report."""
    return format_policy_results(results["policy"])
