"""The metrics registry and its text exposition format."""

from __future__ import annotations

import pytest
from telegram.error import BadRequest, Forbidden, RetryAfter

from chatbot.ops.metrics import Counter, Histogram, Metrics
from chatbot.telegram.retry import RetryingLimiter


def test_when_a_labelled_counter_is_incremented_then_each_series_is_rendered() -> None:
    counter = Counter("things_total", "Things.", labels=("rule",))
    counter.inc(rule="abuse")
    counter.inc(rule="abuse")
    counter.inc(rule="personal_data")
    assert list(counter.samples()) == [
        'things_total{rule="abuse"} 2',
        'things_total{rule="personal_data"} 1',
    ]


def test_when_a_label_has_quotes_or_newlines_then_they_are_escaped() -> None:
    counter = Counter("things_total", "Things.", labels=("reason",))
    counter.inc(reason='bad "x"\nnext\\')
    assert list(counter.samples()) == ['things_total{reason="bad \\"x\\"\\nnext\\\\"} 1']


def test_when_a_counter_has_no_labels_then_it_starts_at_zero() -> None:
    assert list(Counter("seen_total", "Seen.").samples()) == ["seen_total 0"]


@pytest.mark.parametrize("labels", [{}, {"other": "x"}, {"rule": "a", "extra": "b"}])
def test_when_the_wrong_labels_are_given_then_the_counter_refuses(labels: dict[str, str]) -> None:
    counter = Counter("things_total", "Things.", labels=("rule",))
    with pytest.raises(ValueError, match="takes labels"):
        counter.inc(**labels)


def test_when_a_counter_would_go_down_then_it_refuses() -> None:
    with pytest.raises(ValueError, match="only goes up"):
        Counter("seen_total", "Seen.").inc(-1)


def test_when_durations_are_observed_then_the_buckets_are_cumulative() -> None:
    histogram = Histogram("took_seconds", "Took.", buckets=(0.1, 1.0))
    for value in (0.05, 0.5, 5.0):
        histogram.observe(value)
    assert list(histogram.samples()) == [
        'took_seconds_bucket{le="0.1"} 1',
        'took_seconds_bucket{le="1"} 2',
        'took_seconds_bucket{le="+Inf"} 3',
        "took_seconds_sum 5.55",
        "took_seconds_count 3",
    ]


def test_when_the_registry_is_rendered_then_each_metric_has_help_and_type() -> None:
    page = Metrics().render()
    for name, kind in [
        ("councilbot_messages_checked_total", "counter"),
        ("councilbot_findings_total", "counter"),
        ("councilbot_actions_total", "counter"),
        ("councilbot_check_seconds", "histogram"),
        ("councilbot_webhook_refusals_total", "counter"),
        ("councilbot_bot_api_errors_total", "counter"),
    ]:
        assert f"# TYPE {name} {kind}\n" in page
        assert f"# HELP {name} " in page
    assert page.endswith("\n")


# Bot API errors are counted where every call passes: the retrying rate limiter.


async def _no_sleep(_seconds: float) -> None:
    return None


async def test_when_bot_api_calls_fail_then_each_failed_attempt_is_counted_by_type() -> None:
    metrics = Metrics()
    limiter = RetryingLimiter(sleep=_no_sleep, metrics=metrics)
    failures: list[Exception] = [RetryAfter(1), RetryAfter(1)]

    async def call() -> bool:
        if failures:
            raise failures.pop(0)
        return True

    assert await limiter.process_request(call, (), {}, "sendMessage", {}, None) is True
    assert metrics.bot_api_errors.value(type="RetryAfter") == 2


@pytest.mark.parametrize(
    ("error", "name"), [(Forbidden("blocked"), "Forbidden"), (BadRequest("gone"), "BadRequest")]
)
async def test_when_a_bot_api_call_is_refused_then_its_type_is_counted(
    error: Exception, name: str
) -> None:
    metrics = Metrics()
    limiter = RetryingLimiter(sleep=_no_sleep, metrics=metrics)

    async def call() -> bool:
        raise error

    with pytest.raises(type(error)):
        await limiter.process_request(call, (), {}, "deleteMessage", {}, None)
    assert metrics.bot_api_errors.value(type=name) >= 1
