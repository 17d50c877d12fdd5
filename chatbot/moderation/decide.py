"""What happens to a checked group message: the one place it is decided. Pure.

:func:`decide` turns a verdict and the sender's strikes into a :class:`Decision`. The pipeline
first carries out the removal, then :func:`follow_up` turns the decision *and what Telegram
reported about the removal* into the rest of the actions, so the sender, the group and whoever
is on duty are told what actually happened:

- removed: the sender is told why, the group gets the policy's notice (throttled);
- not removed (no right to delete, Telegram failing): the sender is told it breaches the
  policy and that the Clerk was asked to remove it; whoever is on duty is asked to, with the
  reason; no "has been removed" notice is posted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Final

from chatbot.core.actions import (
    Action,
    BanChannel,
    Button,
    Buttons,
    Delete,
    Failure,
    Outcome,
    Restrict,
    Send,
)
from chatbot.core.events import MessageEvent, SenderKind
from chatbot.core.wording import (
    REMOVAL_NOTICE,
    explain,
    masked_text,
    readable_redaction,
    rules_named,
)
from policy_checks import Action as PolicyAction
from policy_checks import Verdict

DEFAULT_STRIKE_WINDOW: Final[timedelta] = timedelta(days=30)
DEFAULT_STRIKE_THRESHOLD: Final[int] = 3
DEFAULT_NOTICE_INTERVAL_S: Final[float] = 60.0
# How much of the sender's own text a removal's explanation shows back to them.
QUOTED_CHARS: Final[int] = 600
# Rules whose findings redaction removes cleanly: a redacted repost is offered only when every
# blocking finding is one of these. Abuse, threats, allegations and the rest are the message
# itself: "<ABUSE>" next to a person's name is still abuse, so it is never reposted.
REPOSTABLE_RULES: Final[frozenset[str]] = frozenset(
    {"personal_data", "credential", "unapproved_link"}
)
_WHY_NOT_REMOVED: Final[dict[Failure, str]] = {
    Failure.FORBIDDEN: "I do not have the right to delete messages there",
    Failure.UNREACHABLE: "Telegram could not be reached, even after several tries",
    Failure.THROTTLED: "Telegram asked me to wait longer than I may",
    Failure.REFUSED: "Telegram refused the deletion",
}


@dataclass(frozen=True, slots=True)
class ModerationSettings:
    """How strict moderation is."""

    strike_window: timedelta = DEFAULT_STRIKE_WINDOW
    strike_threshold: int = DEFAULT_STRIKE_THRESHOLD
    notice_interval_s: float = DEFAULT_NOTICE_INTERVAL_S


@dataclass(frozen=True, slots=True)
class Decision:
    """What to do about one message."""

    verdict: Verdict
    delete: bool = False
    tell_sender: bool = False
    post_notice: bool = False
    strikes: int = 0
    alert_officers: bool = False
    restrict: bool = False
    redacted_button: str | None = None  # the sender's stored button's callback data
    withdraw_button: str | None = None  # under a warning: "Remove my message"
    review_button: str | None = None  # likewise (None: the database could not store one)

    @property
    def acts(self) -> bool:
        """Whether anything at all is to be done."""
        return self.delete or self.tell_sender


def can_repost_redacted(verdict: Verdict) -> bool:
    """Whether a redacted version of ``verdict``'s text may be offered for posting.

    The one rule for group removals, drafts and inline mode: every finding is of a rule that
    redaction removes cleanly, and the redacted text would pass.
    """
    return (
        bool(verdict.findings)
        and verdict.redacted_action is not PolicyAction.BLOCK
        and all(f.rule in REPOSTABLE_RULES for f in verdict.findings)
    )


def decide(
    verdict: Verdict, *, sender: object | None, strikes: int, settings: ModerationSettings
) -> Decision:
    """The one place that decides what happens to a checked group message.

    ``strikes`` is the sender's count of active strikes including this message's (if it is
    blocked). Officers are never restricted automatically; non-members who reach the threshold
    are, as the policy says repeat offenders are blocked.
    """
    if verdict.action is PolicyAction.ALLOW:
        return Decision(verdict=verdict)
    if verdict.action is PolicyAction.WARN:
        return Decision(verdict=verdict, tell_sender=True)
    reached = strikes >= settings.strike_threshold
    return Decision(
        verdict=verdict,
        delete=True,
        tell_sender=True,
        post_notice=True,
        strikes=strikes,
        alert_officers=strikes == settings.strike_threshold,
        restrict=reached and sender is None,
    )


def was_removed(removal: Outcome | None) -> bool:
    """Whether the post is down: deleted now, or already gone (deleted before a restart)."""
    return removal is not None and (removal.done or removal.failure is Failure.GONE)


@dataclass(frozen=True, slots=True)
class FollowUp:
    """The actions after the removal, and what the pipeline must still do itself."""

    to_sender: Send | None
    to_group: tuple[Send, ...]
    restrict: Restrict | BanChannel | None
    alerts: tuple[str, ...]  # texts for whoever is on duty


def sender_message(
    decision: Decision,
    event: MessageEvent,
    *,
    removed: bool,
    advice: str | None,
    buttons: Buttons,
) -> Send:
    """What the sender is told privately: why, what became of their post, and what next.

    A removal that offers a redacted repost shows the sender's own text and the redacted
    version first, so they know what they would post.
    """
    where = f" in {event.chat_title}" if event.chat_title else ""
    if not decision.delete:
        head = f"Your message{where} may breach the council's Social Media Policy. Please check it."
        tail = "If you agree, remove it with the button below, or edit it."
    elif removed:
        head = f"Your message{where} was removed: it breaches the council's Social Media Policy."
        tail = ""
    else:
        head = (
            f"Your message{where} breaches the council's Social Media Policy. I could not "
            "remove it, so I have asked the Clerk to. Please delete it yourself."
        )
        tail = ""
    lines = [head, "", explain(decision.verdict)]
    if decision.delete and removed and decision.redacted_button:
        lines += [
            "",
            "What you posted:",
            _quoted(masked_text(decision.verdict)),
            "",
            "Redacted, it would read:",
            _quoted(readable_redaction(decision.verdict)),
        ]
    if advice:
        lines += ["", advice]
    if tail and buttons:
        lines += ["", tail]
    shown = buttons if removed or not decision.delete else ()
    return Send(event.sender_id, "\n".join(lines), buttons=shown)


def _quoted(text: str, limit: int = QUOTED_CHARS) -> str:
    """A text shown back to its sender, shortened to fit a phone screen."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def follow_up(
    decision: Decision,
    event: MessageEvent,
    *,
    removal: Outcome | None,
    advice: str | None,
    buttons: Buttons,
    strike_window_days: int,
    sender_name: str,
) -> FollowUp:
    """Everything after the removal, decided from what Telegram reported about it."""
    removed = was_removed(removal)
    # An anonymous admin or a channel has no private chat: "telling" it would post the
    # explanation in the group (or the channel) itself. The group's notice is all it gets.
    to_sender = (
        sender_message(decision, event, removed=removed, advice=advice, buttons=buttons)
        if decision.tell_sender and event.sender_kind is SenderKind.USER
        else None
    )
    to_group: list[Send] = []
    if decision.delete and removed and decision.post_notice:
        to_group.append(Send(event.chat_id, REMOVAL_NOTICE))
    alerts: list[str] = []
    chat = event.chat_title or "a group"
    if decision.delete and not removed and removal is not None:
        why = _WHY_NOT_REMOVED.get(removal.failure or Failure.REFUSED, "Telegram refused")
        alerts.append(
            f"I could not remove a post by {sender_name} in {chat} that breaches the policy "
            f"({rules_named(decision.verdict.rules)}): {why}. Please remove it yourself, and "
            "check that I am an admin there with the right to delete messages."
        )
    if decision.alert_officers:
        alerts.append(
            f"Strike alert: {sender_name} has {decision.strikes} strikes in the last "
            f"{strike_window_days} days, the latest in {chat}. Use /strikes to review."
        )
    restrict: Restrict | BanChannel | None = None
    if decision.restrict and event.sender_kind is SenderKind.CHANNEL:
        restrict = BanChannel(event.chat_id, event.sender_id)
    elif decision.restrict and event.sender_kind is SenderKind.USER:
        restrict = Restrict(event.chat_id, event.sender_id)
    return FollowUp(to_sender, tuple(to_group), restrict, tuple(alerts))


def unreachable_notice(event: MessageEvent, *, member_name: str | None, bot_url: str) -> Send:
    """The group's short notice when the sender never started the bot (Telegram's 403).

    It names a member by their registered name, and nobody else at all: a stranger's display
    name is theirs to set, and would be echoed into the group.
    """
    who = member_name or "To whoever posted the message just removed"
    return Send(
        event.chat_id,
        f"{who}: your message breaches the council's Social Media Policy. "
        "Start a private chat with me to see why.",
        buttons=((Button("Open a private chat", url=bot_url),),) if bot_url else (),
    )


def first_actions(decision: Decision, event: MessageEvent) -> list[Action]:
    """What is done before anything else: removing the breach."""
    return [Delete(event.chat_id, event.message_id)] if decision.delete else []
