"""The Zoom meeting registry: which meetings' chats are checked, and who is alerted.

A meeting is enabled by its host (the member whose registered e-mail is the host's, compared
case-insensitively) or by the Clerk or the Chair; whoever enabled it gets the alerts. Chats of
meetings nobody enabled are not processed at all: :meth:`ZoomRegistry.find` knows only enabled
meetings, by their id or by the UUID of any occurrence seen.

Once a meeting is checked as official (its chat goes on the council record), only the Clerk or
the Chair may change it: its host enabling it again or disabling it is refused, and it stays
official, its alerts going where they went, so only they take a meeting off the record.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from chatbot.core.access import Role
from chatbot.db.base import utcnow
from chatbot.db.database import Database
from chatbot.db.models import ZoomMeeting, ZoomMeetingInstance
from chatbot.errors import CouncilbotError
from chatbot.members.service import MemberView
from integrations.zoom.errors import ZoomError, ZoomNotConfiguredError, ZoomNotFoundError
from integrations.zoom.gateway import Meeting, ZoomGateway

logger = logging.getLogger(__name__)

MEETING_ADMINS: Final[frozenset[Role]] = frozenset({Role.CLERK, Role.CHAIR})
"""Who may enable or disable any meeting, whoever hosts it."""

_MEETING_ID: Final[re.Pattern[str]] = re.compile(r"[0-9]{9,12}")
# A join link: https://us02web.zoom.us/j/85746065432?pwd=…, /w/… (webinars), /s/… (start),
# or zoommtg://zoom.us/join?confno=85746065432.
_LINK_ID: Final[re.Pattern[str]] = re.compile(r"(?:/[jws]/|[?&]confno=)([0-9]{9,12})(?![0-9])")
_SEPARATORS: Final[re.Pattern[str]] = re.compile(r"[\s\-]")
NOT_CONFIGURED: Final[str] = (
    "Zoom is not set up for this council yet, so meeting chats cannot be checked. Whoever looks "
    "after the bot for the council can connect it to the council's Zoom account."
)
"""Told in chat when Zoom is not connected: no setting names, which are for whoever runs the bot."""


class ZoomRefusedError(CouncilbotError):
    """A registry change was refused; the message says why, in plain words."""


class ZoomNotSetUpError(ZoomRefusedError, ZoomNotConfiguredError):
    """Zoom's app is not configured: refused in the bot's words, and a gateway error too."""


@dataclass(frozen=True, slots=True)
class MeetingView:
    """An enabled meeting as the rest of the bot sees it (the content checks rely on this)."""

    meeting_id: str
    topic: str
    host_email: str
    host_telegram_id: int  # who enabled it: the member alerted
    official: bool


def parse_meeting_reference(text: str) -> str | None:
    """The meeting id in a meeting id (spaces and dashes allowed) or a Zoom join link."""
    text = text.strip()
    linked = _LINK_ID.search(text)
    if linked:
        return linked.group(1)
    digits = _SEPARATORS.sub("", text)
    return digits if _MEETING_ID.fullmatch(digits) else None


def _view(row: ZoomMeeting) -> MeetingView:
    return MeetingView(
        meeting_id=row.meeting_id,
        topic=row.topic,
        host_email=row.host_email,
        host_telegram_id=row.alert_telegram_id,
        official=row.official,
    )


def _is_host(member: MemberView, host_email: str) -> bool:
    return bool(member.email and host_email) and (
        (member.email or "").strip().casefold() == host_email.strip().casefold()
    )


def _by_id(session: Session, meeting_id: str) -> ZoomMeeting | None:
    return session.scalars(select(ZoomMeeting).where(ZoomMeeting.meeting_id == meeting_id)).first()


class ZoomRegistry:
    """The meetings whose chats councilbot checks, backed by the database."""

    def __init__(self, database: Database, gateway: ZoomGateway | None) -> None:
        self._db = database
        self._gateway = gateway

    @property
    def configured(self) -> bool:
        """Whether Zoom's app is configured (meetings can be looked up and enabled)."""
        return self._gateway is not None

    async def enable(
        self,
        *,
        member: MemberView,
        reference: str,
        official: bool = False,
        now: datetime | None = None,
    ) -> MeetingView:
        """Enable checks for the meeting ``reference`` (an id or a join link) for ``member``.

        Zoom is asked for the meeting; only its host, the Clerk or the Chair may enable it.
        Enabling again updates the official flag and who is alerted.
        """
        if self._gateway is None:
            raise ZoomNotSetUpError(NOT_CONFIGURED)
        meeting_id = parse_meeting_reference(reference)
        if meeting_id is None:
            raise ZoomRefusedError(
                "That is not a Zoom meeting id or join link: send the 9 to 11 digits of the "
                "meeting id, or the link from the invitation."
            )
        try:
            meeting = await self._gateway.meeting(meeting_id)
        except ZoomNotFoundError:
            raise ZoomRefusedError(
                f"Zoom has no meeting {meeting_id} on the council's account."
            ) from None
        except ZoomError as exc:  # the gateway's messages are safe to show
            raise ZoomRefusedError(str(exc)) from exc
        self._authorise(member, meeting.host_email, meeting_id)
        moment = now or utcnow()
        view = await self._db.run(
            lambda s: self._store(s, member, meeting, official=official, moment=moment)
        )
        logger.info("zoom meeting=%s enabled by member=%s", meeting_id, member.telegram_id)
        return view

    @staticmethod
    def _authorise(member: MemberView, host_email: str, meeting_id: str) -> None:
        if member.role in MEETING_ADMINS or _is_host(member, host_email):
            return
        if not member.email:
            raise ZoomRefusedError(
                "No e-mail address is registered for you, so I cannot tell whether you host "
                f"meeting {meeting_id}. Ask the Clerk to add the address you use for Zoom."
            )
        raise ZoomRefusedError(
            f"Meeting {meeting_id} is hosted by someone else on Zoom: only its host, the Clerk "
            "or the Chair can enable it."
        )

    @staticmethod
    def _store(
        session: Session,
        member: MemberView,
        meeting: Meeting,
        *,
        official: bool,
        moment: datetime,
    ) -> MeetingView:
        row = _by_id(session, meeting.id)
        if row is not None and row.enabled and row.official and member.role not in MEETING_ADMINS:
            # A host's enabling again would take it off the record or move the Clerk's alerts.
            raise ZoomRefusedError(
                f"Meeting {meeting.id} is already checked as an official meeting, on the council "
                "record. Only the Clerk or the Chair can change that."
            )
        if row is None:
            row = ZoomMeeting(meeting_id=meeting.id)
            session.add(row)
        row.topic = meeting.topic[:300]
        row.host_id = meeting.host_id
        row.host_email = meeting.host_email
        row.alert_telegram_id = member.telegram_id
        row.official = official
        row.enabled = True
        row.enabled_by = member.telegram_id
        row.enabled_at = moment
        row.disabled_by = row.disabled_at = None
        session.flush()
        if meeting.uuid:
            ZoomRegistry._note(session, row.meeting_id, meeting.uuid, moment)
        return _view(row)

    async def disable(
        self, *, member: MemberView, meeting_id: str, now: datetime | None = None
    ) -> MeetingView:
        """Stop checking a meeting's chat (its host, whoever enabled it, the Clerk or Chair)."""
        ident = parse_meeting_reference(meeting_id) or meeting_id.strip()
        moment = now or utcnow()

        def work(session: Session) -> MeetingView:
            row = _by_id(session, ident)
            if row is None or not row.enabled:
                raise ZoomRefusedError(f"Meeting {ident} is not enabled.")
            mine = row.enabled_by == member.telegram_id or _is_host(member, row.host_email)
            if not mine and member.role not in MEETING_ADMINS:
                raise ZoomRefusedError(
                    f"Only whoever enabled meeting {ident}, its host, the Clerk or the Chair "
                    "can disable it."
                )
            if row.official and member.role not in MEETING_ADMINS:
                raise ZoomRefusedError(
                    f"Meeting {ident} is an official meeting, on the council record: only the "
                    "Clerk or the Chair can stop checking it."
                )
            row.enabled = False
            row.disabled_by, row.disabled_at = member.telegram_id, moment
            return _view(row)

        view = await self._db.run(work)
        logger.info("zoom meeting=%s disabled by member=%s", ident, member.telegram_id)
        return view

    async def list(self, *, member: MemberView | None = None) -> list[MeetingView]:
        """The enabled meetings: all of them, or those ``member`` may see (Clerk and Chair: all)."""

        def work(session: Session) -> list[MeetingView]:
            rows = session.scalars(
                select(ZoomMeeting).where(ZoomMeeting.enabled).order_by(ZoomMeeting.enabled_at)
            )
            return [
                _view(row)
                for row in rows
                if member is None
                or member.role in MEETING_ADMINS
                or row.alert_telegram_id == member.telegram_id
                or _is_host(member, row.host_email)
            ]

        return await self._db.run(work)

    async def find(self, meeting_id_or_uuid: str) -> MeetingView | None:
        """The enabled meeting with this id, or with an occurrence of this UUID; else ``None``."""
        key = meeting_id_or_uuid.strip()
        if not key:
            return None

        def work(session: Session) -> MeetingView | None:
            row = _by_id(session, key)
            if row is None:
                row = session.scalars(
                    select(ZoomMeeting)
                    .join(
                        ZoomMeetingInstance,
                        ZoomMeetingInstance.meeting_id == ZoomMeeting.meeting_id,
                    )
                    .where(ZoomMeetingInstance.uuid == key)
                ).first()
            return _view(row) if row is not None and row.enabled else None

        return await self._db.run(work)

    async def note_instance(
        self,
        *,
        meeting_id: str,
        uuid: str,
        topic: str = "",
        host_id: str = "",
        started_at: datetime | None = None,
        ended_at: datetime | None = None,
    ) -> MeetingView | None:
        """Remember an occurrence (``meeting.started``/``ended``) of an enabled meeting.

        Returns the meeting, or ``None`` (and stores nothing) when it is not enabled.
        """

        def work(session: Session) -> MeetingView | None:
            row = _by_id(session, meeting_id)
            if row is None or not row.enabled:
                return None
            if topic:
                row.topic = topic[:300]
            if host_id:
                row.host_id = host_id
            if uuid:
                instance = self._note(session, row.meeting_id, uuid, utcnow())
                instance.started_at = started_at or instance.started_at
                instance.ended_at = ended_at or instance.ended_at
            return _view(row)

        return await self._db.run(work)

    @staticmethod
    def _note(
        session: Session, meeting_id: str, uuid: str, moment: datetime
    ) -> ZoomMeetingInstance:
        instance = session.scalars(
            select(ZoomMeetingInstance).where(ZoomMeetingInstance.uuid == uuid)
        ).first()
        if instance is None:
            instance = ZoomMeetingInstance(uuid=uuid[:128], meeting_id=meeting_id, seen_at=moment)
            session.add(instance)
            session.flush()
        return instance
