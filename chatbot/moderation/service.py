"""Moderation of councillors' groups: check, decide, count strikes.

One place decides what happens to a message (:func:`decide`); the service records the
decision and strikes in one transaction. Telegram side effects happen in the handler.

Moderation degrades safely while the database is unreachable: the policy check needs no
database, so the decision is still made and the breach still removed. What cannot be written
(the strike and the moderation event) is deferred: kept durably in a folder (one JSON file per
message) and written by :meth:`ModerationService.replay_deferred` when the database returns,
each once (the moderation event's message and version are its key). Until then the strike
count is not known, so no threshold alert or restriction is decided for that message, and no
redacted-version button is offered.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Final

from sqlalchemy.orm import Session

from chatbot.buttons.kinds import ButtonKind, PostTo, ReviewOf
from chatbot.buttons.service import issue_in
from chatbot.core.checking import run_check
from chatbot.core.events import MessageEvent
from chatbot.core.wording import readable_redaction
from chatbot.db.base import utcnow
from chatbot.db.database import Database, DatabaseError
from chatbot.db.models import ModerationEvent, Strike, UndeliveredExplanation
from chatbot.db.repositories import ModerationEventRepository, StrikeRepository
from chatbot.members.service import MemberView
from chatbot.moderation.decide import Decision, ModerationSettings, can_repost_redacted, decide
from chatbot.moderation.repository import UndeliveredRepository
from chatbot.ops.files import open_private, private_dir
from chatbot.ops.metrics import Metrics
from policy_checks import Action, PolicyEngine, Verdict

# How long an explanation waits for a sender who never started the bot.
UNDELIVERED_KEPT: Final[timedelta] = timedelta(days=7)
# Telegram keeps an update for 24 hours: nothing older can be delivered again.
REDELIVERY_WINDOW: Final[timedelta] = timedelta(days=1)
ACTED_REMEMBERED: Final[int] = 50_000  # messages acted on, remembered to recognise a repeat

logger = logging.getLogger(__name__)

__all__ = ["Decision", "ModerationService", "ModerationSettings", "decide"]


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
        deferred: DeferredModeration | None = None,
        metrics: Metrics | None = None,
    ) -> None:
        self._db = database
        self._metrics = metrics or Metrics()
        self.deferred = deferred or DeferredModeration(None)
        self._engine = engine
        self.policy = engine.policy
        self.settings = settings or ModerationSettings()
        self._clock = clock
        self._monotonic = monotonic
        self._last_notice: dict[int, float] = {}
        # (chat, message, version) acted on: read from the database once, then kept here.
        self._acted: dict[tuple[int, int, int], None] | None = None

    def advice_for(self, verdict: Verdict) -> str | None:
        """The policy's advice for the rules breached (a formal complaint, the Police)."""
        for rule in verdict.rules:
            advice = self._engine.policy[rule].advice
            if advice:
                return advice
        return None

    async def check(self, text: str) -> Verdict:
        """Run the policy engine (off the event loop when the text is long)."""
        return await run_check(len(text), lambda: self._engine.check(text))

    async def review(self, event: MessageEvent, sender: MemberView | None) -> Decision:
        """Check a group message, record what was decided, and return the decision."""
        return await self.settle(event, await self.check_event(event), sender)

    async def check_event(self, event: MessageEvent) -> Verdict:
        """Check everything ``event`` holds, counted in the metrics."""
        started = time.perf_counter()
        verdict = await self.check(event.check_text)
        self._metrics.check_seconds.observe(time.perf_counter() - started)
        self._metrics.messages_checked.inc()
        for finding in verdict.findings:
            self._metrics.findings.inc(rule=finding.rule)
        return verdict

    async def seen(self, event: MessageEvent) -> bool:
        """Whether this version of the message was acted on already (a redelivered update).

        The messages acted on in the last day (all that Telegram can deliver again) are read
        from the database the first time, then kept in memory as more are acted on: no query
        a message. While the database is down nothing is known, so it counts as new: removing
        a breach twice is harmless, leaving one up is not.
        """
        if self._acted is None:
            since = self._clock() - REDELIVERY_WINDOW
            try:
                keys = await self._db.run(
                    lambda s: ModerationEventRepository(s).keys_since(since, ACTED_REMEMBERED)
                )
            except DatabaseError:
                return False
            if self._acted is None:  # another message may have read them meanwhile
                self._acted = dict.fromkeys(keys)
        return (event.chat_id, event.message_id, event.version) in self._acted

    def _acted_on(self, event: MessageEvent) -> None:
        """Remember that this version of the message was acted on (once they are read)."""
        if self._acted is None:
            return  # read from the database when first needed, this one with them
        self._acted[(event.chat_id, event.message_id, event.version)] = None
        if len(self._acted) > ACTED_REMEMBERED:
            del self._acted[next(iter(self._acted))]

    async def settle(
        self, event: MessageEvent, verdict: Verdict, sender: MemberView | None
    ) -> Decision:
        """Record what was decided about a checked message (strike, event), and decide."""
        if verdict.action is Action.ALLOW:
            return decide(verdict, sender=sender, strikes=0, settings=self.settings)
        now = self._clock()
        # Only a registered member may have the bot post for them, under their registered name.
        offer_redacted = (
            verdict.action is Action.BLOCK and sender is not None and can_repost_redacted(verdict)
        )

        pending = PendingModeration(
            chat_id=event.chat_id,
            message_id=event.message_id,
            version=event.version,
            sender_id=event.sender_id,
            action=verdict.action.value,
            rules=",".join(verdict.rules),
            at=now,
        )

        def work(session: Session) -> tuple[int, _RemovalButtons] | None:
            count = _write_pending(session, pending, window=self.settings.strike_window)
            if count is None:
                return None  # delivered again after a restart: already acted on
            return count, _issue_removal_buttons(
                session, event, verdict, offer_redacted=offer_redacted, now=now
            )

        self._acted_on(event)
        try:
            recorded = await self._db.run(work)
        except DatabaseError:
            # The breach is still removed; the strike and event are written when it returns.
            await asyncio.to_thread(self.deferred.put, pending)
            logger.warning(
                "database unavailable: moderation of chat=%s message=%s deferred",
                event.chat_id,
                event.message_id,
            )
            decision = decide(verdict, sender=sender, strikes=0, settings=self.settings)
            notice = decision.post_notice and self._notice_due(event.chat_id)
            return replace(decision, post_notice=notice)
        if recorded is None:
            return Decision(verdict=verdict)
        count, buttons = recorded
        decision = decide(verdict, sender=sender, strikes=count, settings=self.settings)
        notice = decision.post_notice and self._notice_due(event.chat_id)
        return replace(
            decision,
            post_notice=notice,
            redacted_button=buttons.redacted,
            review_button=buttons.review,
            withdraw_button=buttons.withdraw,
        )

    async def replay_deferred(self) -> int:
        """Write deferred strikes and events, oldest first; how many were written.

        Stops quietly at the first database error (the rest stay deferred).
        """
        written = 0
        for path in await asyncio.to_thread(self.deferred.pending):
            try:
                pending = self.deferred.read(path)
            except ValueError:
                logger.warning("deferred moderation unreadable, set aside: %s", path.name)
                await asyncio.to_thread(self.deferred.quarantine, path)
                continue
            window = self.settings.strike_window
            try:
                await self._db.run(partial(_write_pending, pending=pending, window=window))
            except DatabaseError:
                break
            await asyncio.to_thread(self.deferred.remove, path)
            written += 1
        if written:
            logger.info("replayed %d deferred moderation events", written)
        return written

    def count_warning(self) -> None:
        """Count a warning told to its sender (the post stays up)."""
        self._metrics.actions.inc(action="warned")

    async def keep_undelivered(
        self, telegram_user_id: int, chat_id: int, message_id: int, text: str
    ) -> None:
        """Keep an explanation the sender could not be sent, for when they start the bot."""
        now = self._clock()
        await self._db.run(
            lambda s: UndeliveredRepository(s).keep(
                UndeliveredExplanation(
                    telegram_user_id=telegram_user_id,
                    chat_telegram_id=chat_id,
                    message_id=message_id,
                    text=text,
                    created_at=now,
                )
            )
        )

    async def take_undelivered(self, telegram_user_id: int) -> list[str]:
        """The sender's waiting explanations (at most a week old), marked delivered."""
        now = self._clock()

        def work(session: Session) -> list[str]:
            waiting = UndeliveredRepository(session).waiting(
                telegram_user_id, now - UNDELIVERED_KEPT
            )
            for explanation in waiting:
                explanation.delivered_at = now
            return [explanation.text for explanation in waiting]

        return await self._db.run(work)

    def _notice_due(self, chat_id: int) -> bool:
        """At most one removal notice per chat per interval, so a burst does not flood it."""
        now = self._monotonic()
        last = self._last_notice.get(chat_id)
        if last is not None and now - last < self.settings.notice_interval_s:
            return False
        self._last_notice[chat_id] = now
        return True

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


@dataclass(frozen=True, slots=True)
class _RemovalButtons:
    """The callback data of the buttons offered to the sender (None: not offered)."""

    redacted: str | None = None
    review: str | None = None
    withdraw: str | None = None


def _issue_removal_buttons(
    session: Session,
    event: MessageEvent,
    verdict: Verdict,
    *,
    offer_redacted: bool,
    now: datetime,
) -> _RemovalButtons:
    """Store the sender's buttons, with the decision (see :mod:`chatbot.buttons`).

    A warned post stays up: its sender may have the bot remove it. A removal may be reposted
    redacted, or reviewed.
    """
    if verdict.action is Action.WARN:
        withdraw = issue_in(
            session,
            ButtonKind.WITHDRAW,
            owner_id=event.sender_id,
            payload=ReviewOf(chat_id=event.chat_id, message_id=event.message_id).to_payload(),
            now=now,
        )
        return _RemovalButtons(withdraw=withdraw)
    if verdict.action is not Action.BLOCK:
        return _RemovalButtons()
    redacted = None
    if offer_redacted:
        redacted = issue_in(
            session,
            ButtonKind.REDACTED,
            owner_id=event.sender_id,
            payload=PostTo(text=readable_redaction(verdict), chat_id=event.chat_id).to_payload(),
            now=now,
        )
    review = issue_in(
        session,
        ButtonKind.REVIEW,
        owner_id=event.sender_id,
        payload=ReviewOf(chat_id=event.chat_id, message_id=event.message_id).to_payload(),
        now=now,
    )
    return _RemovalButtons(redacted=redacted, review=review)


@dataclass(frozen=True, slots=True)
class PendingModeration:
    """A decision's strike and event, waiting to be written (ids and rule names only)."""

    chat_id: int
    message_id: int
    version: int
    sender_id: int
    action: str
    rules: str
    at: datetime

    def to_json(self) -> dict[str, object]:
        """A JSON-ready form."""
        return {
            "chat_id": self.chat_id,
            "message_id": self.message_id,
            "version": self.version,
            "sender_id": self.sender_id,
            "action": self.action,
            "rules": self.rules,
            "at": self.at.isoformat(),
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> PendingModeration:
        """Read :meth:`to_json`'s form back; raises ``ValueError`` if it does not fit."""
        try:
            return cls(
                chat_id=int(str(data["chat_id"])),
                message_id=int(str(data["message_id"])),
                version=int(str(data["version"])),
                sender_id=int(str(data["sender_id"])),
                action=str(data["action"]),
                rules=str(data["rules"]),
                at=datetime.fromisoformat(str(data["at"])),
            )
        except (KeyError, TypeError) as exc:
            raise ValueError("not a deferred moderation event") from exc


def _write_pending(
    session: Session, pending: PendingModeration, *, window: timedelta
) -> int | None:
    """Store the strike (for a block) and the event; the active count, or None if seen."""
    events = ModerationEventRepository(session)
    if events.seen(pending.chat_id, pending.message_id, pending.version):
        return None
    strikes = StrikeRepository(session)
    strike_id = None
    if pending.action == Action.BLOCK.value:
        strike_id = strikes.add(
            Strike(
                telegram_user_id=pending.sender_id,
                chat_telegram_id=pending.chat_id,
                message_id=pending.message_id,
                rules=pending.rules,
                at=pending.at,
            )
        ).id
    count = strikes.active_count(pending.sender_id, pending.at - window)
    events.add(
        ModerationEvent(
            at=pending.at,
            chat_telegram_id=pending.chat_id,
            message_id=pending.message_id,
            version=pending.version,
            telegram_user_id=pending.sender_id,
            action=pending.action,
            rules=pending.rules,
            strike_id=strike_id,
        )
    )
    return count


class DeferredModeration:
    """Deferred strikes and events: in a folder (durable, like the record's spool) or memory."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self._memory: dict[str, PendingModeration] = {}

    def put(self, pending: PendingModeration) -> None:
        """Keep ``pending`` until it is written (flushed to disk when there is a folder)."""
        name = f"{time.time_ns():020d}-{uuid.uuid4().hex}.json"
        if self.folder is None:
            self._memory[name] = pending
            return
        private_dir(self.folder)  # strikes name senders: 0700, files 0600, whatever the umask
        temporary = self.folder / f".{name}.tmp"
        with open_private(temporary, replace=True) as handle:
            handle.write(json.dumps(pending.to_json()).encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        temporary.replace(self.folder / name)

    def pending(self) -> list[Path]:
        """The waiting entries, oldest first."""
        if self.folder is None:
            return [Path(name) for name in sorted(self._memory)]
        if not self.folder.is_dir():
            return []
        return sorted(self.folder.glob("*.json"))

    def read(self, path: Path) -> PendingModeration:
        """The entry at ``path``; raises ``ValueError`` if it cannot be read."""
        if self.folder is None:
            return self._memory[path.name]
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise ValueError(f"unreadable deferred moderation {path.name}") from exc
        if not isinstance(data, dict):
            raise ValueError(f"unreadable deferred moderation {path.name}")  # noqa: TRY004
        return PendingModeration.from_json(data)

    def remove(self, path: Path) -> None:
        """Forget an entry now written."""
        if self.folder is None:
            self._memory.pop(path.name, None)
            return
        path.unlink(missing_ok=True)

    def quarantine(self, path: Path) -> None:
        """Set an unreadable file aside (never deleted)."""
        if self.folder is None:
            return
        target = self.folder / "unreadable" / path.name
        target.parent.mkdir(exist_ok=True)
        path.replace(target)
