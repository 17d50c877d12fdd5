"""One group message through moderation: event → check → decision → actions → outcomes.

The connector (Telegram's, Zoom's) turns a platform message into a
:class:`~chatbot.core.events.MessageEvent`; :meth:`ModerationPipeline.handle` does the rest:

1. the policy check (no database needed);
2. a breach is removed first, before anything that could fail: whatever goes wrong later
   (the database, the record), the post does not stay up;
3. the strike is counted and the decision made (:mod:`chatbot.moderation.decide`);
4. the official record is told what happened to the post: removed, or breaching but still up;
5. the sender, the group and whoever is on duty are told, each from the outcome the outbox
   reported, never from what was hoped.

The pipeline never calls a platform itself: every side effect is an action for the outbox.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Final

from chatbot.buttons.kinds import legacy_review_data
from chatbot.core.access import CLERKS
from chatbot.core.actions import Button, Buttons, Delete, Failure, Outbox, Outcome, Send
from chatbot.core.events import Attachment, MessageEvent
from chatbot.cover.alerts import alert_on_duty
from chatbot.cover.service import CoverService
from chatbot.db.database import DatabaseError
from chatbot.members.service import MemberService, MemberView
from chatbot.moderation.decide import (
    Decision,
    decide,
    follow_up,
    unreachable_notice,
    was_removed,
)
from chatbot.moderation.service import ModerationService
from chatbot.record.service import NewEntry, RecordService, StoredFile, is_official
from policy_checks import Action as PolicyAction
from policy_checks import Verdict

logger = logging.getLogger(__name__)

REVIEW_BUTTON: Final[str] = "Ask the Clerk to review"
REDACTED_BUTTON: Final[str] = "Post a redacted version"
WITHDRAW_BUTTON: Final[str] = "Remove my message"


class ModerationPipeline:
    """Carries a group message from its check to the outcomes people are told."""

    def __init__(
        self,
        *,
        members: MemberService,
        moderation: ModerationService,
        record: RecordService,
        cover: CoverService,
        outbox: Outbox,
        max_document_bytes: int,
    ) -> None:
        self._members = members
        self._moderation = moderation
        self._record = record
        self._cover = cover
        self._outbox = outbox
        self._max_document_bytes = max_document_bytes

    async def handle(self, event: MessageEvent) -> None:
        """Check one group message and carry out what follows from it."""
        chat = await self._members.chat(event.chat_id)
        if chat is None or not (chat.moderate or chat.official):
            return
        sender = await self._members.member(event.sender_id)
        clerks = {m.telegram_id for m in await self._members.with_roles(*CLERKS)}
        official = is_official(event, chat_official=chat.official, clerk_ids=clerks)
        verdict = await self._moderation.check_event(event) if chat.moderate else None
        if verdict is None or verdict.action is PolicyAction.ALLOW:
            if official:
                await self._capture(event, verdict=None, removal=None)
            return
        if await self._moderation.seen(event):
            return  # delivered again after a restart: acted on already
        removal = None
        if verdict.action is PolicyAction.BLOCK:
            removal = await self._outbox.do(Delete(event.chat_id, event.message_id))
        decision = await self._settle(event, verdict, sender)
        if official:
            await self._capture(event, verdict=verdict, removal=removal)
        if decision.acts:
            await self._tell(decision, event, sender, removal)

    async def _settle(
        self, event: MessageEvent, verdict: Verdict, sender: MemberView | None
    ) -> Decision:
        """Count the strike and decide; if that fails, decide without the count."""
        try:
            return await self._moderation.settle(event, verdict, sender)
        except Exception as exc:  # noqa: BLE001 - the breach is already removed; tell the sender
            logger.error(  # noqa: TRY400 - type and ids only: never the message
                "moderation of chat=%s message=%s not stored: %s",
                event.chat_id,
                event.message_id,
                type(exc).__name__,
            )
            settings = self._moderation.settings
            return decide(verdict, sender=sender, strikes=0, settings=settings)

    async def _tell(
        self,
        decision: Decision,
        event: MessageEvent,
        sender: MemberView | None,
        removal: Outcome | None,
    ) -> None:
        """Tell the sender, the group and whoever is on duty what happened."""
        name = _name_for_officers(event, sender)
        plan = follow_up(
            decision,
            event,
            removal=removal,
            advice=self._moderation.advice_for(decision.verdict),
            buttons=_removal_buttons(decision, event),
            strike_window_days=self._moderation.settings.strike_window.days,
            sender_name=name,
        )
        alerts = list(plan.alerts)
        if plan.to_sender is not None:
            if not decision.delete:
                self._moderation.count_warning()
            told = await self._outbox.do(plan.to_sender)
            if told.failure is Failure.FORBIDDEN:
                alerts += await self._unreachable(decision, event, sender, plan.to_sender, removal)
        for notice in plan.to_group:
            await self._outbox.do(notice)
        for text in alerts:
            await alert_on_duty(self._outbox, self._cover, text)
        if plan.restrict is not None:
            await self._outbox.do(plan.restrict)

    async def _unreachable(
        self,
        decision: Decision,
        event: MessageEvent,
        sender: MemberView | None,
        explanation: Send,
        removal: Outcome | None,
    ) -> list[str]:
        """The sender never started the bot: keep the explanation for when they do.

        The group is pointed to the bot (a removal only: a warned post stays up quietly), and
        whoever is on duty hears of a member who cannot be reached (a stranger is only news
        when their strikes reach the threshold).
        """
        try:
            await self._moderation.keep_undelivered(
                event.sender_id, event.chat_id, event.message_id, explanation.text
            )
        except DatabaseError:
            logger.warning("explanation for user=%s not kept: database", event.sender_id)
        if decision.delete and was_removed(removal):
            url = self._outbox.private_chat_url()
            notice = unreachable_notice(
                event, member_name=sender.name if sender else None, bot_url=url
            )
            await self._outbox.do(notice)
        if sender is None:
            return []
        where = event.chat_title or "a group"
        done = "removed" if decision.delete else "flagged"
        text = (
            f"I could not tell {sender.name} privately why their post in {where} was {done}: "
            "they have not started a chat with me. I will tell them when they do; you may want "
            "to let them know."
        )
        return [text]

    async def _capture(
        self, event: MessageEvent, *, verdict: Verdict | None, removal: Outcome | None
    ) -> None:
        """Put an official chat's message on the record, saying what became of a breach.

        A removed post is kept with restricted access; a breach that could not be removed is
        restricted too, and says so. A failure here never stops the rest: the record spools
        entries while the database is down, and anything else is logged.
        """
        breached = verdict is not None and verdict.action is not PolicyAction.ALLOW
        removed = breached and was_removed(removal)
        rules = verdict.rules if verdict is not None and breached else ()
        personal = verdict is not None and "personal_data" in verdict.rules
        try:
            files = await self._documents(event.attachments)
            entry = NewEntry.from_message(
                event,
                removed_for=rules if removed else (),
                personal_data=personal,
                files=files,
            )
            if breached and not removed and removal is not None:
                entry = replace(entry, restricted=True, reason="not removed: " + ",".join(rules))
            await self._record.append(entry)
        except Exception as exc:  # noqa: BLE001 - the record must not stop moderation
            logger.error(  # noqa: TRY400 - type and ids only
                "record of chat=%s message=%s failed: %s",
                event.chat_id,
                event.message_id,
                type(exc).__name__,
            )

    async def _documents(self, attachments: tuple[Attachment, ...]) -> tuple[StoredFile, ...]:
        """The documents (up to the record's size limit each) to keep with the record.

        One that is too large, or cannot be fetched, is recorded by its name, type, size and
        file id only.
        """
        limit = self._max_document_bytes
        kept: list[StoredFile] = []
        for attachment in attachments:
            if attachment.kind != "document" or (attachment.size or 0) > limit:
                continue
            data = await self._outbox.fetch(attachment.file_id, limit=limit)
            if data is not None:
                kept.append(
                    StoredFile(attachment.file_id, attachment.name, attachment.mime_type, data)
                )
        return tuple(kept)


def _removal_buttons(decision: Decision, event: MessageEvent) -> Buttons:
    """The sender's buttons: repost redacted, ask for a review, or remove a warned post."""
    rows: list[tuple[Button, ...]] = []
    if decision.redacted_button:
        rows.append((Button(REDACTED_BUTTON, data=decision.redacted_button),))
    if decision.withdraw_button:
        rows.append((Button(WITHDRAW_BUTTON, data=decision.withdraw_button),))
    if decision.delete:
        # Without a stored button (the database was down), one naming the removal, which the
        # review register checks against the presser's own recorded removals.
        review = decision.review_button or legacy_review_data(event.chat_id, event.message_id)
        rows.append((Button(REVIEW_BUTTON, data=review),))
    return tuple(rows)


def _name_for_officers(event: MessageEvent, sender: MemberView | None) -> str:
    """How the Clerk is told who posted: the registered name, or a stranger's as data."""
    if sender is not None:
        return sender.name
    shown = " ".join(event.sender_name.split())[:40] or "no name"
    return f'a non-member ("{shown}", id {event.sender_id})'
