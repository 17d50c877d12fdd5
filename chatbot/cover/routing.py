"""Who gets an alert: the one place this is decided. Pure.

Moderation alerts (a sender reaching the strike threshold), "Ask the Clerk to review" requests
and escalations go to whoever :func:`chatbot.cover.duty.duty_on` says is on duty: the Clerk,
else the Assistant Clerk, else the available monitors. On a gap nobody is on duty, so the alert
goes to the Clerk and the Chair (even if away), saying so. The Clerk's official-record digests
are not alerts: they are not routed here and keep accumulating for the Clerk's return.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from chatbot.cover.duty import Cover, Gap


@dataclass(frozen=True, slots=True)
class AlertRoute:
    """The people to alert, and the gap's reason when nobody is on duty."""

    people: frozenset[int]
    gap: str | None = None

    def text(self, alert: str) -> str:
        """The alert as sent: on a gap, it says there is one and why."""
        if self.gap is None:
            return alert
        return f"{alert}\n\n⚠ Nobody is on duty for monitoring today ({self.gap})."


def alert_recipients(cover: Cover, *, clerks_and_chairs: Iterable[int]) -> AlertRoute:
    """Who gets an alert under ``cover``; on a gap, ``clerks_and_chairs`` (the Clerk and Chair)."""
    if isinstance(cover, Gap):
        return AlertRoute(people=frozenset(clerks_and_chairs), gap=cover.reason)
    return AlertRoute(people=cover.people)
