"""The record's access log: every view, search, export and disposal, who, when and what.

The one place that writes :class:`RecordAccess` rows; it runs inside the caller's
transaction, so an action and its log entry are committed together.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Literal

from sqlalchemy.orm import Session

from chatbot.db.models import RecordAccess

Action = Literal["view", "search", "export", "dispose", "digest"]


def telegram_actor(telegram_id: int) -> str:
    """The actor name of a member acting through Telegram."""
    return f"tg:{telegram_id}"


def log_access(
    session: Session,
    *,
    actor: str,
    action: Action,
    detail: Mapping[str, object] | None = None,
    entries: int = 0,
) -> None:
    """Log one access of the record (``detail``: the filters, format, counts; never content)."""
    session.add(
        RecordAccess(
            actor=actor[:64],
            action=action,
            detail=json.dumps(dict(detail or {}), sort_keys=True, default=str),
            entries=entries,
        )
    )
