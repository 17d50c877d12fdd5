"""Moderation's own storage: explanations waiting for senders the bot cannot reach yet."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from chatbot.db.models import UndeliveredExplanation


class UndeliveredRepository:
    """Explanations kept for a sender who never started the bot (Telegram's 403)."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def keep(self, explanation: UndeliveredExplanation) -> None:
        """Keep ``explanation`` (once per removed message and sender)."""
        exists = self._session.scalar(
            select(UndeliveredExplanation.id).where(
                UndeliveredExplanation.chat_telegram_id == explanation.chat_telegram_id,
                UndeliveredExplanation.message_id == explanation.message_id,
                UndeliveredExplanation.telegram_user_id == explanation.telegram_user_id,
            )
        )
        if exists is None:
            self._session.add(explanation)
            self._session.flush()

    def waiting(self, telegram_user_id: int, since: datetime) -> Sequence[UndeliveredExplanation]:
        """A sender's undelivered explanations kept since ``since``, oldest first."""
        return self._session.scalars(
            select(UndeliveredExplanation)
            .where(
                UndeliveredExplanation.telegram_user_id == telegram_user_id,
                UndeliveredExplanation.delivered_at.is_(None),
                UndeliveredExplanation.created_at >= since,
            )
            .order_by(UndeliveredExplanation.id)
        ).all()

    def forget_before(self, moment: datetime) -> int:
        """Drop explanations kept before ``moment`` (delivered or not); how many."""
        result = self._session.execute(
            delete(UndeliveredExplanation).where(UndeliveredExplanation.created_at < moment)
        )
        return int(getattr(result, "rowcount", 0) or 0)
