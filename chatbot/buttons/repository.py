"""The button store's table: issued buttons, used up atomically. Never commits."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, update
from sqlalchemy.orm import Session

from chatbot.db.models import IssuedButton


class ButtonRepository:
    """Issued buttons, within the caller's transaction."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, *buttons: IssuedButton) -> None:
        """Store newly issued buttons (written with the transaction, or the next query)."""
        self._session.add_all(buttons)

    def get(self, button_id: str) -> IssuedButton | None:
        """The button with this id, if it was issued (and not yet forgotten)."""
        return self._session.get(IssuedButton, button_id)

    def use_group(self, group_id: str, *, at: datetime) -> bool:
        """Mark every button of the group used; False if they were used already.

        One statement, so that two presses at once cannot both win: the second finds no row
        still unused (PostgreSQL re-reads the rows the first one updated once it commits).
        """
        result = self._session.execute(
            update(IssuedButton)
            .where(IssuedButton.group_id == group_id, IssuedButton.used_at.is_(None))
            .values(used_at=at)
            .execution_options(synchronize_session=False)
        )
        return int(getattr(result, "rowcount", 0) or 0) > 0

    def release_group(self, group_id: str, *, used_at: datetime) -> None:
        """Make a group usable again (what it was to do did not happen)."""
        self._session.execute(
            update(IssuedButton)
            .where(IssuedButton.group_id == group_id, IssuedButton.used_at == used_at)
            .values(used_at=None)
            .execution_options(synchronize_session=False)
        )

    def forget_expired(self, before: datetime) -> int:
        """Drop buttons that expired before ``before``; how many."""
        result = self._session.execute(
            delete(IssuedButton)
            .where(IssuedButton.expires_at < before)
            .execution_options(synchronize_session=False)
        )
        return int(getattr(result, "rowcount", 0) or 0)
