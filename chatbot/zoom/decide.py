"""What happens to a breaching live meeting chat message: the one place it is decided. Pure.

First :func:`live_action` says whether the message is removed or rewritten in the meeting's
chat (``[zoom] live_action``, ``block`` findings only); then :func:`host_alert` tells whoever
enabled the meeting, from what Zoom reported about that action.
"""

from __future__ import annotations

from typing import Literal

from chatbot.core.actions import (
    MeetingAction,
    Outcome,
    RemoveMeetingMessage,
    RewriteMeetingMessage,
    Send,
)
from chatbot.core.wording import ENTITY_NAMES, RULE_NAMES
from chatbot.zoom.registry import MeetingView
from chatbot.zoom.report import Breach
from integrations.zoom.chat_file import ChatMessage
from policy_checks import Action

LiveAction = Literal["none", "delete", "redact"]


def describe_breach(breach: Breach) -> str:
    """Each finding of a breach: the rule, the clause, what was found (masked)."""
    lines: list[str] = []
    for finding in breach.findings:
        name = RULE_NAMES.get(finding.rule, finding.rule)
        if finding.entity:
            name = f"{name}: {ENTITY_NAMES.get(finding.entity, finding.entity)}"
        lines += [f'• {name} — "{finding.shown}"', f'  Policy: "{finding.clause}"']
    return "\n".join(lines)


def live_action(
    view: MeetingView, message_id: str, breach: Breach, *, configured: LiveAction
) -> MeetingAction | None:
    """The change to make in the meeting's chat, if any."""
    if breach.action is not Action.BLOCK or configured == "none" or not message_id:
        return None
    if configured == "delete":
        return RemoveMeetingMessage(view.meeting_id, message_id)
    return RewriteMeetingMessage(view.meeting_id, message_id, breach.redacted)


def record_note(action: MeetingAction | None, outcome: Outcome | None) -> str:
    """What the record says became of the message ("" when nothing was tried)."""
    if action is None or outcome is None:
        return ""
    if outcome.done:
        return "deleted" if isinstance(action, RemoveMeetingMessage) else "redacted"
    return f"not removed: {outcome.reason or outcome.failure}"


def host_alert(
    view: MeetingView,
    message: ChatMessage,
    breach: Breach,
    *,
    action: MeetingAction | None,
    outcome: Outcome | None,
) -> Send:
    """The host's private alert, saying what really became of the message."""
    to = "privately" if message.direct else "to everyone"
    note = record_note(action, outcome)
    done = {
        "": "",
        "deleted": "\nI deleted it from the meeting chat.",
        "redacted": "\nI rewrote it in the meeting chat with the findings redacted.",
    }.get(note, f"\nIt is still in the meeting chat ({note}).")
    text = (
        f"Zoom meeting {view.meeting_id} “{view.topic or 'untitled'}”: a chat message "
        f"breaks the council's policy ({breach.action.value}).\n"
        f"From {message.sender}, {to}, at {message.time}.\n"
        f"{describe_breach(breach)}{done}"
    )
    return Send(view.host_telegram_id, text)
