"""Moderation of councillors' groups: check, decide, count strikes.

One place decides what happens to a message (:func:`decide`); the service records the
decision and strikes in one transaction. Telegram side effects happen in the handler.
"""

from __future__ import annotations

import asyncio
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Final

from sqlalchemy.orm import Session

from chatbot.db.base import utcnow
from chatbot.db.database import Database
from chatbot.db.models import ModerationEvent, PendingPost, Strike
from chatbot.db.repositories import (
    ModerationEventRepository,
    PendingPostRepository,
    StrikeRepository,
)
from chatbot.events import MessageEvent
from chatbot.services.members import MemberView
from policy_checks import Action, PolicyEngine, Verdict

DEFAULT_STRIKE_WINDOW: Final[timedelta] = timedelta(days=30)
DEFAULT_STRIKE_THRESHOLD: Final[int] = 3
DEFAULT_NOTICE_INTERVAL_S: Final[float] = 60.0
_TOKEN_BYTES: Final[int] = 12


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
    redacted_token: str | None = None

    @property
    def acts(self) -> bool:
        """Whether anything at all is to be done."""
        return self.delete or self.tell_sender


def decide(
    verdict: Verdict, *, sender: MemberView | None, strikes: int, settings: ModerationSettings
) -> Decision:
    """The one place that decides what happens to a checked group message.

    ``strikes`` is the sender's count of active strikes including this message's (if it is
    blocked). Officers are never restricted automatically; non-members who reach the threshold
    are, as the policy says repeat offenders are blocked.
    """
    if verdict.action is Action.ALLOW:
        return Decision(verdict=verdict)
    if verdict.action is Action.WARN:
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


class ModerationService:
    """Checks group messages and keeps the strike count."""

    def __init__(
        self,
        database: Database,
        engine: PolicyEngine,
        settings: ModerationSettings | None = None,
        *,
        clock: Callable[[], datetime] = utcnow,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._db = database
        self._engine = engine
        self.policy = engine.policy
        self.settings = settings or ModerationSettings()
        self._clock = clock
        self._monotonic = monotonic
        self._last_notice: dict[int, float] = {}

    def advice_for(self, verdict: Verdict) -> str | None:
        """The policy's advice for the rules breached (a formal complaint, the Police)."""
        for rule in verdict.rules:
            advice = self._engine.policy[rule].advice
            if advice:
                return advice
        return None

    async def check(self, text: str) -> Verdict:
        """Run the policy engine off the event loop."""
        return await asyncio.to_thread(self._engine.check, text)

    async def review(self, event: MessageEvent, sender: MemberView | None) -> Decision:
        """Check a group message, record what was decided, and return the decision."""
        verdict = await self.check(event.text)
        if verdict.action is Action.ALLOW:
            return decide(verdict, sender=sender, strikes=0, settings=self.settings)
        now = self._clock()
        blocked = verdict.action is Action.BLOCK
        offer_redacted = blocked and verdict.redacted_action is not Action.BLOCK

        def work(session: Session) -> tuple[int, str | None] | None:
            events = ModerationEventRepository(session)
            if events.seen(event.chat_id, event.message_id, event.version):
                return None  # delivered again after a restart: already acted on
            strikes = StrikeRepository(session)
            strike_id = None
            if blocked:
                strike_id = strikes.add(
                    Strike(
                        telegram_user_id=event.sender_id,
                        chat_telegram_id=event.chat_id,
                        message_id=event.message_id,
                        rules=",".join(verdict.rules),
                        at=now,
                    )
                ).id
            count = strikes.active_count(event.sender_id, now - self.settings.strike_window)
            events.add(
                ModerationEvent(
                    at=now,
                    chat_telegram_id=event.chat_id,
                    message_id=event.message_id,
                    version=event.version,
                    telegram_user_id=event.sender_id,
                    action=verdict.action.value,
                    rules=",".join(verdict.rules),
                    strike_id=strike_id,
                )
            )
            token = None
            if offer_redacted:
                token = secrets.token_urlsafe(_TOKEN_BYTES)
                PendingPostRepository(session).add(
                    PendingPost(
                        token=token,
                        telegram_user_id=event.sender_id,
                        chat_telegram_id=event.chat_id,
                        text=verdict.redacted,
                        created_at=now,
                    )
                )
            return count, token

        recorded = await self._db.run(work)
        if recorded is None:
            return Decision(verdict=verdict)
        count, token = recorded
        decision = decide(verdict, sender=sender, strikes=count, settings=self.settings)
        notice = decision.post_notice and self._notice_due(event.chat_id)
        return replace(decision, post_notice=notice, redacted_token=token)

    def _notice_due(self, chat_id: int) -> bool:
        """At most one removal notice per chat per interval, so a burst does not flood it."""
        now = self._monotonic()
        last = self._last_notice.get(chat_id)
        if last is not None and now - last < self.settings.notice_interval_s:
            return False
        self._last_notice[chat_id] = now
        return True

    async def pending_post(self, token: str, *, telegram_user_id: int) -> PendingPost | None:
        """Take a pending post for its owner (once)."""
        now = self._clock()

        def work(session: Session) -> PendingPost | None:
            post = PendingPostRepository(session).by_token(token)
            if post is None or post.telegram_user_id != telegram_user_id or post.used_at:
                return None
            post.used_at = now
            return post

        return await self._db.run(work)

    async def add_pending(self, *, telegram_user_id: int, text: str) -> str:
        """Keep a checked draft so a button can post it later; returns its token."""
        token = secrets.token_urlsafe(_TOKEN_BYTES)
        now = self._clock()
        await self._db.run(
            lambda s: PendingPostRepository(s).add(
                PendingPost(
                    token=token, telegram_user_id=telegram_user_id, text=text, created_at=now
                )
            )
        )
        return token

    async def strikes(self) -> list[Strike]:
        """Active strikes, newest first."""
        since = self._clock() - self.settings.strike_window
        return await self._db.run(lambda s: list(StrikeRepository(s).active(since)))

    async def pardon(self, telegram_user_id: int, *, by: int) -> int:
        """Clear a sender's strikes."""
        now = self._clock()
        return await self._db.run(
            lambda s: StrikeRepository(s).pardon(telegram_user_id, by=by, at=now)
        )
