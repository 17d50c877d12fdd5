"""Leave cover notices: what is due to whom, and when, and what it says. Pure.

Everything here is derived from the cover periods of :mod:`chatbot.cover.duty`, worked out
afresh from the database on every tick, so nothing about a notice lives in memory:

- a *stint* is a covering person's run of consecutive days on duty while the Clerk is away;
  the day before it starts they are told, and when it starts they get the handover;
- a *leave* is a run of consecutive days on which the Clerk is away (covered or not); the day
  the Clerk is back they get a summary of what happened;
- a *gap* is a period with nobody on duty; the Clerk and the Chair are alerted when it comes
  within :data:`GAP_HORIZON_DAYS`.

Every notice is due at :data:`NOTICE_TIME` local time on its day and has a window: one that is
still unsent when its window closes is no longer of use and is dropped (the day-before notice
once cover has begun, when the handover says the same and more). A notice sent more than
:data:`LATE_AFTER` after it was due (or after the leave it is about was recorded, when that
was later) is late, and says so.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Final
from zoneinfo import ZoneInfo

from chatbot.core.dates import shown_day
from chatbot.cover.duty import DutyBy, Gap, OnDuty, Period

NOTICE_TIME: Final[time] = time(8, 0)  # local: before the working day, with the digest
LATE_AFTER: Final[timedelta] = timedelta(minutes=10)
RECENT_DAYS: Final[int] = 14  # the handover's "recent removals"
SUMMARY_DAYS: Final[int] = 14  # how long after a leave its summary may still be sent late
GAP_HORIZON_DAYS: Final[int] = 30
REVIEW_LATE_DAYS: Final[int] = 30  # the on-the-day review reminder may be sent this late
MAX_LISTED: Final[int] = 30  # requests listed in one notice
_BY: Final[dict[DutyBy, str]] = {
    DutyBy.CLERK: "the Clerk",
    DutyBy.ASSISTANT_CLERK: "the Assistant Clerk",
    DutyBy.MONITORS: "a nominated monitor",
}


class NoticeKind(StrEnum):
    """What a notice is about (the last part of its key)."""

    BEFORE = "before"
    HANDOVER = "handover"
    GROUP = "group"
    SUMMARY = "end"
    GAP = "gap"
    REVIEW_MONTH = "month-before"
    REVIEW_DAY = "on-the-day"


@dataclass(frozen=True, slots=True)
class Stint:
    """One covering person's consecutive days on duty while the Clerk is away."""

    person: int
    first: date
    last: date
    by: DutyBy
    shared_with: frozenset[int]  # the others on duty on its first day


@dataclass(frozen=True, slots=True)
class Leave:
    """Consecutive days on which the Clerk is away, and who covered them."""

    first: date
    last: date
    periods: tuple[Period, ...]


def _covering(period: Period) -> frozenset[int]:
    cover = period.cover
    return cover.people if isinstance(cover, OnDuty) and cover.is_cover else frozenset()


def stints(periods: Sequence[Period]) -> list[Stint]:
    """Each covering person's stints, soonest first (``periods`` in order, as from duty)."""
    done: list[Stint] = []
    current: dict[int, Stint] = {}
    previous: date | None = None
    for period in periods:
        people = _covering(period)
        adjacent = previous is not None and period.first == previous + timedelta(days=1)
        for person in [p for p in current if p not in people or not adjacent]:
            done.append(current.pop(person))
        for person in sorted(people):
            if person in current:
                current[person] = replace(current[person], last=period.last)
            else:
                by = period.cover.by if isinstance(period.cover, OnDuty) else DutyBy.MONITORS
                current[person] = Stint(person, period.first, period.last, by, people - {person})
        previous = period.last
    done.extend(current.values())
    return sorted(done, key=lambda s: (s.first, s.person))


def leaves(periods: Sequence[Period]) -> list[Leave]:
    """The runs of consecutive days on which the Clerk is away."""
    found: list[Leave] = []
    for period in periods:
        if not period.cover.is_cover:
            continue
        last = found[-1] if found else None
        if last is not None and period.first == last.last + timedelta(days=1):
            found[-1] = Leave(last.first, period.last, (*last.periods, period))
        else:
            found.append(Leave(period.first, period.last, (period,)))
    return found


def at_notice_time(day: date, zone: ZoneInfo) -> datetime:
    """When a notice of ``day`` is due: :data:`NOTICE_TIME` there, in the council's zone."""
    return datetime.combine(day, NOTICE_TIME, tzinfo=zone)


def day_start(day: date, zone: ZoneInfo) -> datetime:
    """The first moment of ``day`` in the council's zone."""
    return datetime.combine(day, time(0), tzinfo=zone)


def is_late(now: datetime, *, due: datetime, known_at: datetime | None = None) -> bool:
    """Whether a notice sent at ``now`` is late: long after it was due, or was known."""
    start = max(due, known_at) if known_at is not None else due
    return now - start > LATE_AFTER


def month_before(day: date) -> date:
    """The same day a month earlier (the month's last day when it is shorter)."""
    year, month = (day.year, day.month - 1) if day.month > 1 else (day.year - 1, 12)
    for candidate in range(day.day, 0, -1):
        try:
            return date(year, month, candidate)
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has a first day")  # pragma: no cover


def notice_key(first: date, who: int | str, kind: NoticeKind, *, to: int | None = None) -> str:
    """``cover:2026-12-21:1003:before``: one notice to one recipient, sent once."""
    key = f"cover:{first.isoformat()}:{who}:{kind.value}"
    return key if to is None else f"{key}:to:{to}"


def gap_key(gap: Period, *, to: int) -> str:
    """``gap:2026-12-28:2027-01-01:to:1001``: each distinct gap, once to each recipient."""
    return f"gap:{gap.first.isoformat()}:{gap.last.isoformat()}:to:{to}"


def review_key(review_on: date, kind: NoticeKind, *, to: int) -> str:
    """``policy-review:2027-05-01:month-before:to:1001``."""
    return f"policy-review:{review_on.isoformat()}:{kind.value}:to:{to}"


def out_of_office_key(person: int, day: date) -> str:
    """``ooo:1004:2026-12-05``: the out-of-office notice, once per person per local day."""
    return f"ooo:{person}:{day.isoformat()}"


# composition -------------------------------------------------------------------------------


def shown_moment(moment: datetime, zone: ZoneInfo) -> str:
    """``Mon 07 Dec 2026 at 09:00``, in the council's zone."""
    local = moment.astimezone(zone)
    return f"{shown_day(local.date())} at {local:%H:%M}"


def late_text(text: str, *, due: datetime, zone: ZoneInfo) -> str:
    """``text`` marked as sent late."""
    return f"Sent late (this was due {shown_moment(due, zone)}).\n{text}"


def _names(people: Iterable[int], names: Mapping[int, str]) -> str:
    shown = [names.get(p, f"member {p}") for p in sorted(people)]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


def _because(reasons: Sequence[str]) -> str:
    return f" ({'; '.join(reasons)})" if reasons else ""


def _span(first: date, last: date) -> str:
    if first == last:
        return f"on {shown_day(first)}"
    return f"from {shown_day(first)} to {shown_day(last)}"


def _stint_line(stint: Stint, names: Mapping[int, str], reasons: Sequence[str]) -> str:
    role = _BY[stint.by]
    with_others = f", with {_names(stint.shared_with, names)}" if stint.shared_with else ""
    return (
        f"The Clerk is away{_because(reasons)}: you are on duty for the council's accounts as "
        f"{role} {_span(stint.first, stint.last)}{with_others}. Moderation alerts and review "
        "requests come to you while you are."
    )


def before_text(stint: Stint, *, names: Mapping[int, str], reasons: Sequence[str]) -> str:
    """The day-before notice to a covering person."""
    return f"Cover starts tomorrow. {_stint_line(stint, names, reasons)}"


@dataclass(frozen=True, slots=True)
class RequestLine:
    """An FOI or subject-access request as a notice shows it: no names, only the reference."""

    reference: str
    kind: str  # foi | sar
    due_on: date


@dataclass(frozen=True, slots=True)
class ReviewLine:
    """An open review request as a notice shows it: its number, day and rules, no text."""

    number: int
    requested_on: date
    rules: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Activity:
    """What the moderation and the registers hold for a span of time (counts, no text)."""

    removals_by_rule: Mapping[str, int]
    removals: int
    strikes: int = 0
    struck_senders: int = 0
    entries: int = 0
    requests: tuple[RequestLine, ...] = ()
    reviews_received: int = 0
    reviews_resolved: int = 0


def _removals(activity: Activity) -> str:
    if not activity.removals:
        return "none"
    rules = ", ".join(f"{rule} {n}" for rule, n in sorted(activity.removals_by_rule.items()))
    return f"{activity.removals} ({rules})"


def _request_lines(requests: Sequence[RequestLine]) -> list[str]:
    """One line per request, at most :data:`MAX_LISTED` (a message holds 4096 characters)."""
    lines = [
        f"- {r.reference} ({r.kind.upper()}), due {shown_day(r.due_on)}"
        for r in requests[:MAX_LISTED]
    ]
    if len(requests) > MAX_LISTED:
        lines.append(f"- … and {len(requests) - MAX_LISTED} more")
    return lines


def _review_lines(reviews: Sequence[ReviewLine]) -> list[str]:
    """One line per open review request, at most :data:`MAX_LISTED`."""
    lines = [
        f"- {r.number}, asked {shown_day(r.requested_on)}: "
        f"{', '.join(r.rules) or 'rule not recorded'}"
        for r in reviews[:MAX_LISTED]
    ]
    if len(reviews) > MAX_LISTED:
        lines.append(f"- … and {len(reviews) - MAX_LISTED} more")
    return lines


def handover_text(
    stint: Stint,
    *,
    names: Mapping[int, str],
    reasons: Sequence[str],
    recent: Activity,
    open_requests: Sequence[RequestLine],
    open_reviews: Sequence[ReviewLine] = (),
) -> str:
    """The handover a covering person gets when their stint starts."""
    lines = [
        f"Handover. {_stint_line(stint, names, reasons)}",
        "",
        f"Posts removed in the last {RECENT_DAYS} days: {_removals(recent)}.",
    ]
    if open_reviews:
        lines += [f"Open review requests ({len(open_reviews)}):"]
        lines += _review_lines(open_reviews)
    else:
        lines += ["Open review requests: none."]
    if open_requests:
        lines += [f"Open FOI and subject-access requests ({len(open_requests)}):"]
        lines += _request_lines(open_requests)
    else:
        lines += ["Open FOI and subject-access requests: none."]
    lines += [
        "",
        (
            "/reviews lists the review requests and /review <number> upheld|reinstated "
            "resolves one; /requests shows the register; /strikes the current strikes."
        ),
    ]
    return "\n".join(lines)


def group_text(period: Period, *, names: Mapping[int, str]) -> str:
    """What the councillors' official group is told when a cover period starts."""
    people = _covering(period)
    verb = "is" if len(people) == 1 else "are"
    return (
        f"The Clerk is away {_span(period.first, period.last)}: {_names(people, names)} {verb} "
        "covering the council's accounts."
    )


def _senders(count: int) -> str:
    return f"{count} sender{'' if count == 1 else 's'}"


def summary_text(
    leave: Leave,
    *,
    names: Mapping[int, str],
    activity: Activity,
) -> str:
    """The Clerk's summary of what happened during a leave."""
    lines = [f"Welcome back. While you were away {_span(leave.first, leave.last)}:"]
    for period in leave.periods:
        cover = period.cover
        who = (
            f"nobody was on duty ({cover.reason})"
            if isinstance(cover, Gap)
            else f"{_names(_covering(period), names)} covered"
        )
        lines.append(f"- {_span(period.first, period.last)}: {who}")
    lines += [
        f"Posts removed: {_removals(activity)}.",
        f"Strikes: {activity.strikes} against {_senders(activity.struck_senders)}.",
        f"Official record entries added: {activity.entries}.",
    ]
    if activity.requests:
        lines.append(f"Requests received ({len(activity.requests)}):")
        lines += _request_lines(activity.requests)
    else:
        lines.append("Requests received: none.")
    lines += [
        (
            f"Review requests: {activity.reviews_received} received, "
            f"{activity.reviews_resolved} resolved."
        ),
        "/reviews, /strikes, /requests and your record digests have the details.",
    ]
    return "\n".join(lines)


def gap_text(gap: Period) -> str:
    """The alert to the Clerk and the Chair about a period with nobody on duty."""
    reason = gap.cover.reason if isinstance(gap.cover, Gap) else ""
    return (
        f"Cover gap: nobody is on duty for the council's accounts {_span(gap.first, gap.last)}: "
        f"{reason}. Nominate a monitor (/monitor) or change the leave (/leave)."
    )


def standing_gap_text(reason: str) -> str:
    """The alert when nobody is on duty even without any leave."""
    return (
        f"Cover gap: nobody is on duty for the council's accounts at all: {reason}. "
        "Add a Clerk or nominate a monitor (/monitor)."
    )


def review_text(review_on: date, kind: NoticeKind) -> str:
    """The reminder to the Clerk that the policy is due for review."""
    when = "in a month" if kind is NoticeKind.REVIEW_MONTH else "today"
    return (
        f"Policy review: the social media policy is due for review {when}, on "
        f"{shown_day(review_on)}. Once it is reviewed, set the next date as policy_review_date "
        "in the council file."
    )


# out of office ---------------------------------------------------------------------------

ASKING_WORDS: Final[tuple[str, ...]] = ("clerk", "urgent", "urgently")


def asks_for_clerk(text: str, *, clerk_names: Iterable[str]) -> bool:
    """Whether a private message asks for the Clerk.

    The rule: it contains, as a whole word and in any case, "clerk", "urgent" or "urgently",
    or a Clerk's first name or full name.
    """
    words = list(ASKING_WORDS)
    for name in clerk_names:
        parts = name.split()
        words += [name, *parts[:1]]
    pattern = "|".join(re.escape(w) for w in words if w.strip())
    return re.search(rf"\b(?:{pattern})\b", text, flags=re.IGNORECASE) is not None


def is_question(text: str) -> bool:
    """Whether a message reads as a question or a plea (not a draft to check)."""
    return "?" in text or re.search(r"\burgent(?:ly)?\b", text, flags=re.IGNORECASE) is not None


def clerk_contact_text(*, clerk_email: str | None, member: bool) -> str:
    """What someone asking the bot for the Clerk is told: the bot does not pass messages on."""
    reach = (
        f"To reach the Clerk, e-mail {clerk_email}."
        if clerk_email
        else "Please contact the Clerk directly."
    )
    text = f"I am the council's bot, so I do not pass messages on to the Clerk. {reach}"
    if member:
        text += " If this was a draft for me to check, send it as /check <your draft>."
    return text


def out_of_office_text(*, office_hours: str, next_open: datetime | None, zone: ZoneInfo) -> str:
    """The out-of-office notice, with the next working time in the council's zone."""
    if next_open is None:
        back = "There is no working time in the office hours set."
    else:
        back = f"The Clerk's next working time is {shown_moment(next_open, zone)}."
    return (
        f"Out of office: the Clerk works {office_hours} (not on bank holidays), so your "
        f"message may not be read until then. {back} I still check drafts at any time."
    )
