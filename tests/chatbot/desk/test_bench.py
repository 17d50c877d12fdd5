"""The desk's benchmark runs and reports every endpoint (on a small record, quickly)."""

from __future__ import annotations

import asyncio

from bench.desk import _measure, format_desk_results


def test_when_the_desk_benchmark_runs_on_a_small_record_then_every_endpoint_answers_200() -> None:
    results = asyncio.run(_measure(300, 2))
    assert results["entries"] == 300
    assert set(results["endpoints"]) >= {"me", "today", "subject-access search", "cover"}
    assert all(v["statuses"] == [200] for v in results["endpoints"].values())
    assert "worst p99" in format_desk_results({**results, "targets": {}})
