"""The typed context every handler receives, and the services it reaches through it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot

from chatbot.council_file import CouncilFile
from chatbot.health import Health
from chatbot.metrics import Metrics
from chatbot.services.cover import CoverService
from chatbot.services.cover_notices import CoverNoticeService
from chatbot.services.digest import DigestService
from chatbot.services.export import ExportService
from chatbot.services.members import MemberService
from chatbot.services.moderation import ModerationService
from chatbot.services.record import RecordService
from chatbot.services.requests import RequestService
from chatbot.services.retention import RetentionService
from chatbot.services.reviews import ReviewService
from chatbot.services.search import SearchService
from chatbot.services.zoom import ZoomRegistry
from chatbot.services.zoom_events import ZoomEvents
from chatbot.services.zoom_report import ChatFileService
from chatbot.settings import Settings
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
    mailer: Mailer | None = None  # built from SMTP_URL when it is set
    zoom_gateway: ZoomGateway | None = None  # built when Zoom's app is configured
    zoom_events: ZoomEvents | None = None  # built when Zoom's webhook is configured
    chat_files: ChatFileService | None = None  # reads and checks saved Zoom chat files
    metrics: Metrics = field(default_factory=Metrics)  # served at GET /metrics
    health: Health | None = None  # database, scheduler, last update: GET /healthz, /status


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
