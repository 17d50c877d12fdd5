"""The bot's metrics, served at ``GET /metrics`` in Prometheus' text exposition format.

One :class:`Metrics` is built at start-up and reached through the services; each counter is
incremented in the one place its event happens (the moderation service, the group handler, the
webhook endpoints, the retrying rate limiter). Labels are rule ids, action names, refusal
reasons and exception class names: never message text, people or tokens.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Iterator, Sequence
from typing import Final

CONTENT_TYPE: Final[str] = "text/plain; version=0.0.4; charset=utf-8"
# Policy checks take milliseconds to a second or so; the buckets cover that range.
CHECK_BUCKETS_S: Final[tuple[float, ...]] = (
    0.005,
    0.01,
    0.025,
    0.05,
    0.1,
    0.25,
    0.5,
    1.0,
    2.5,
    5.0,
)

Labels = tuple[tuple[str, str], ...]


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')


def _labels(labels: Labels, extra: Labels = ()) -> str:
    pairs = (*labels, *extra)
    if not pairs:
        return ""
    return "{" + ",".join(f'{name}="{_escape(value)}"' for name, value in pairs) + "}"


def _number(value: float) -> str:
    if math.isinf(value):
        return "+Inf" if value > 0 else "-Inf"
    return repr(float(value)) if not float(value).is_integer() else str(int(value))


class Counter:
    """A monotonically increasing count, optionally split by label values."""

    kind: Final = "counter"

    def __init__(self, name: str, help_text: str, *, labels: Sequence[str] = ()) -> None:
        self.name = name
        self.help_text = help_text
        self.label_names = tuple(labels)
        self._values: dict[Labels, float] = {}
        self._lock = threading.Lock()
        if not self.label_names:
            self._values[()] = 0.0

    def inc(self, amount: float = 1.0, /, **labels: str) -> None:
        """Add ``amount`` (default 1) to the series named by ``labels``."""
        if amount < 0:
            raise ValueError("a counter only goes up")
        key = self._key(labels)
        with self._lock:
            self._values[key] = self._values.get(key, 0.0) + amount

    def value(self, **labels: str) -> float:
        """The current value of one series (0 if never incremented)."""
        return self._values.get(self._key(labels), 0.0)

    def _key(self, labels: dict[str, str]) -> Labels:
        if set(labels) != set(self.label_names):
            raise ValueError(f"{self.name} takes labels {self.label_names}, not {tuple(labels)}")
        return tuple((name, str(labels[name])) for name in self.label_names)

    def samples(self) -> Iterator[str]:
        """The exposition lines of every series."""
        with self._lock:
            items = sorted(self._values.items())
        for key, value in items:
            yield f"{self.name}{_labels(key)} {_number(value)}"


class Histogram:
    """Observed durations in cumulative buckets, with their sum and count."""

    kind: Final = "histogram"

    def __init__(
        self, name: str, help_text: str, *, buckets: Sequence[float] = CHECK_BUCKETS_S
    ) -> None:
        self.name = name
        self.help_text = help_text
        self.buckets = tuple(sorted(buckets))
        self._counts = [0] * len(self.buckets)
        self._sum = 0.0
        self._count = 0
        self._lock = threading.Lock()

    def observe(self, value: float) -> None:
        """Record one observation (seconds)."""
        with self._lock:
            self._sum += value
            self._count += 1
            for index, bound in enumerate(self.buckets):
                if value <= bound:
                    self._counts[index] += 1

    @property
    def count(self) -> int:
        """How many observations were made."""
        return self._count

    def samples(self) -> Iterator[str]:
        """The exposition lines: each bucket, ``+Inf``, the sum and the count."""
        with self._lock:
            counts, total, count = list(self._counts), self._sum, self._count
        for bound, seen in zip(self.buckets, counts, strict=True):
            yield f"{self.name}_bucket{_labels((), (('le', _number(bound)),))} {seen}"
        yield f'{self.name}_bucket{{le="+Inf"}} {count}'
        yield f"{self.name}_sum {_number(total)}"
        yield f"{self.name}_count {count}"


class Metrics:
    """The registry of the bot's metrics, rendered for Prometheus by :meth:`render`."""

    def __init__(self) -> None:
        self.messages_checked = Counter(
            "councilbot_messages_checked_total", "Group messages checked against the policy."
        )
        self.findings = Counter(
            "councilbot_findings_total", "Policy findings in checked messages.", labels=("rule",)
        )
        self.actions = Counter(
            "councilbot_actions_total",
            "Moderation actions carried out (deleted, warned, restricted).",
            labels=("action",),
        )
        self.check_seconds = Histogram(
            "councilbot_check_seconds", "Time taken by the policy check of a group message."
        )
        self.webhook_refusals = Counter(
            "councilbot_webhook_refusals_total",
            "Webhook calls refused, by source (telegram, zoom) and reason.",
            labels=("source", "reason"),
        )
        self.bot_api_errors = Counter(
            "councilbot_bot_api_errors_total",
            "Failed Bot API calls (each attempt), by error type.",
            labels=("type",),
        )
        self.updates = Counter("councilbot_updates_total", "Telegram updates handled.")

    @property
    def instruments(self) -> tuple[Counter | Histogram, ...]:
        """Every metric, in the order they are rendered."""
        return (
            self.messages_checked,
            self.findings,
            self.actions,
            self.check_seconds,
            self.webhook_refusals,
            self.bot_api_errors,
            self.updates,
        )

    def render(self, *, extra: Sequence[str] = ()) -> str:
        """The text exposition format (version 0.0.4); ``extra`` lines are appended."""
        lines: list[str] = []
        for metric in self.instruments:
            lines.append(f"# HELP {metric.name} {metric.help_text}")
            lines.append(f"# TYPE {metric.name} {metric.kind}")
            lines.extend(metric.samples())
        lines.extend(extra)
        return "\n".join(lines) + "\n"
