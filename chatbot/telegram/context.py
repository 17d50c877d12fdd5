"""The typed context every handler receives, and the services it reaches through it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot

from chatbot.buttons.service import ButtonService
from chatbot.core.actions import Outboxes
from chatbot.core.budget import AlertBudget
from chatbot.council.file import CouncilFile
from chatbot.cover.notice_service import CoverNoticeService
from chatbot.cover.service import CoverService
from chatbot.members.chats import GroupReports
from chatbot.members.service import MemberService
from chatbot.moderation.pipeline import ModerationPipeline
from chatbot.moderation.reviews import ReviewService
from chatbot.moderation.service import ModerationService
from chatbot.ops.health import Health
from chatbot.ops.metrics import Metrics
from chatbot.record.digest import DigestService
from chatbot.record.export_service import ExportService
from chatbot.record.retention import RetentionService
from chatbot.record.search import SearchService
from chatbot.record.service import RecordService
from chatbot.requests.service import RequestService
from chatbot.settings import Settings
from chatbot.telegram.outbox import TelegramOutbox
from chatbot.zoom.events import ZoomEvents
from chatbot.zoom.outbox import ZoomOutbox
from chatbot.zoom.registry import ZoomRegistry
from chatbot.zoom.report import ChatFileService
from integrations.email import Mailer
from integrations.zoom.gateway import ZoomGateway


@dataclass
class Services:
    """Everything the handlers use, built once at start-up."""

    settings: Settings
    council: CouncilFile
    members: MemberService
    moderation: ModerationService
    record: RecordService
    cover: CoverService
    cover_notices: CoverNoticeService
    digest: DigestService
    requests: RequestService
    retention: RetentionService
    search: SearchService
    export: ExportService
    zoom: ZoomRegistry
    reviews: ReviewService
    buttons: ButtonService  # inline buttons whose meaning is kept server-side
    mailer: Mailer | None = None  # built from SMTP_URL when it is set
    zoom_gateway: ZoomGateway | None = None  # built when Zoom's app is configured
    zoom_events: ZoomEvents | None = None  # built when Zoom's webhook is configured
    chat_files: ChatFileService | None = None  # reads and checks saved Zoom chat files
    metrics: Metrics = field(default_factory=Metrics)  # served at GET /metrics
    health: Health | None = None  # database, scheduler, last update: GET /healthz, /status
    join_alerts: AlertBudget = field(default_factory=AlertBudget)  # groups that added the bot
    group_reports: GroupReports = field(default_factory=GroupReports)  # once a day per group
    _outbox: Outboxes | None = None
    _pipeline: ModerationPipeline | None = None

    def attach_outbox(self, outbox: TelegramOutbox) -> None:
        """Carry out every action through ``outbox`` (built once the bot exists).

        Actions on a meeting's chat go to Zoom's outbox instead; Zoom's events get the same.
        """
        self._outbox = Outboxes(outbox, ZoomOutbox(self.zoom_gateway))
        if self.zoom_events is not None:
            self.zoom_events.attach(self._outbox)
        self._pipeline = ModerationPipeline(
            members=self.members,
            moderation=self.moderation,
            record=self.record,
            cover=self.cover,
            outbox=self._outbox,
            max_document_bytes=self.council.record.max_document_bytes,
        )

    @property
    def outbox(self) -> Outboxes:
        """The one outbox through which every Bot API action goes."""
        if self._outbox is None:
            raise RuntimeError("the outbox is attached when the application is built")
        return self._outbox

    @property
    def pipeline(self) -> ModerationPipeline:
        """Group messages from their check to what people are told."""
        if self._pipeline is None:
            raise RuntimeError("the pipeline is built when the outbox is attached")
        return self._pipeline


class BotData:
    """The application's ``bot_data``: holds the services once they are built."""

    services: Services


class BotContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], BotData]):
    """The callback context with typed access to the services."""

    @property
    def services(self) -> Services:
        """The services built at start-up."""
        return self.bot_data.services


CONTEXT_TYPES = ContextTypes(context=BotContext, bot_data=BotData)
BotApplication = Application[
    ExtBot[None], BotContext, dict[Any, Any], dict[Any, Any], BotData, None
]
