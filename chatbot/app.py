"""Wiring: build the services and the Telegram application, then poll or serve webhooks."""

from __future__ import annotations

import asyncio
import gc
import logging
import secrets
import signal
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Final
from zoneinfo import ZoneInfo

from starlette.routing import BaseRoute
from starlette.types import ASGIApp
from telegram import BotCommand, BotCommandScopeChat, BotCommandScopeDefault, Update
from telegram.error import InvalidToken, TelegramError
from telegram.ext import (
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    InlineQueryHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from chatbot.buttons.service import ButtonService
from chatbot.core.access import COMMANDS, EVERYONE, Role, commands_for
from chatbot.core.actions import Send
from chatbot.council.engine import build_policy_engine
from chatbot.council.file import CouncilFile, load_council_file
from chatbot.council.store import CouncilSettingsStore
from chatbot.cover.feed import calendar_routes
from chatbot.cover.notice_service import CoverNoticeService
from chatbot.cover.service import CoverService
from chatbot.db.database import Database
from chatbot.desk.bot import open_desk, set_desk_menu_buttons  # the Clerk's desk (#16)
from chatbot.desk.routes import desk_routes  # the Clerk's desk (#16)
from chatbot.errors import ConfigError
from chatbot.members.service import MemberService
from chatbot.moderation.reviews import ReviewService
from chatbot.moderation.service import (
    DeferredModeration,
    ModerationService,
    ModerationSettings,
)
from chatbot.ops.health import Health
from chatbot.ops.http_routes import operations_routes
from chatbot.ops.metrics import Metrics
from chatbot.ops.scheduler import TICK_S, Job, Scheduler
from chatbot.record.digest import DigestService
from chatbot.record.export_service import ExportService
from chatbot.record.retention import RetentionService
from chatbot.record.search import SearchService
from chatbot.record.service import RecordService
from chatbot.record.spool import Spool
from chatbot.requests.service import RequestService, open_holds
from chatbot.settings import Settings
from chatbot.telegram.builder import bot_api_builder
from chatbot.telegram.context import CONTEXT_TYPES, BotApplication, Services
from chatbot.telegram.dispatch import Dispatcher
from chatbot.telegram.handlers import (
    buttons,
    commands,
    explanations,
    group,
    group_commands,
    groups,
    inline,
    people,
    private,
    record,
    status,
)
from chatbot.telegram.handlers import cover as cover_handlers
from chatbot.telegram.handlers import out_of_office as out_of_office_handlers
from chatbot.telegram.handlers import requests as request_handlers
from chatbot.telegram.handlers import reviews as review_handlers
from chatbot.telegram.handlers import search as search_handlers
from chatbot.telegram.handlers import zoom as zoom_handlers
from chatbot.telegram.handlers import zoom_file as chat_file_handlers
from chatbot.telegram.handlers.errors import log_error
from chatbot.telegram.outbox import TelegramOutbox
from chatbot.telegram.poller import POLL_TIMEOUT_S, Poller
from chatbot.telegram.retry import RetryingLimiter
from chatbot.telegram.setup import council_for_run  # the first run (#15)
from chatbot.telegram.webhook import WEBHOOK_PATH as TELEGRAM_WEBHOOK_PATH
from chatbot.telegram.webhook import register_webhook, telegram_routes
from chatbot.zoom.connect import gateway_from_settings
from chatbot.zoom.deliveries import StoredDeliveries
from chatbot.zoom.events import ZoomEvents
from chatbot.zoom.registry import ZoomRegistry
from chatbot.zoom.report import ChatFileService
from integrations.email import Mailer
from integrations.errors import IntegrationConfigError
from integrations.http import ServerLimits, build_app
from integrations.http import serve as serve_app
from integrations.zoom.webhook import WEBHOOK_PATH as ZOOM_WEBHOOK_PATH
from integrations.zoom.webhook import ZoomWebhook
from policy_checks import PolicyEngine

logger = logging.getLogger(__name__)

ALLOWED_UPDATES: Final[tuple[str, ...]] = (
    "message",
    "edited_message",
    "callback_query",
    "inline_query",
    "my_chat_member",
)
PEOPLE_GROUP: Final[int] = -4  # who is who (usernames, in memory), before anything can stop
HEALTH_GROUP: Final[int] = -3  # first: every update marks the bot alive
MIGRATION_GROUP: Final[int] = -2
MODERATION_GROUP: Final[int] = -1
QUESTION_GROUP: Final[int] = -1  # a question for the Clerk is answered before any draft check
OUT_OF_OFFICE_GROUP: Final[int] = 1  # after the drafting desk, which still answers
AFTER_REPLY_GROUP: Final[int] = 2  # after the command's own reply
UNUSED_SECRET_BYTES: Final[int] = 32  # the Telegram webhook's secret in polling mode


def read_council(settings: Settings) -> CouncilFile:
    """The council file, or a plain explanation of what is missing."""
    path = settings.council_config
    if not path.exists():
        raise ConfigError(
            f"{path}: council file not found. Copy the example from the README, fill in your "
            "council, members and chats, or point COUNCIL_CONFIG at it."
        )
    return load_council_file(path)


def spool_folder(council: CouncilFile, council_path: Path) -> Path:
    """Where record entries wait while the database is down (relative to the council file)."""
    return council_path.parent / council.record.spool_dir


def build_services(
    settings: Settings,
    database: Database,
    council: CouncilFile,
    engine: PolicyEngine | None = None,
) -> Services:
    """Seed the database from the council file, build the engine and the services."""
    path = settings.council_config
    # A malformed SMTP_URL stops start-up here, naming the variable.
    try:
        mailer = Mailer.from_url(settings.smtp_url) if settings.smtp_url is not None else None
    except IntegrationConfigError as exc:
        raise ConfigError(str(exc)) from None
    # Each bot admits its own members: an engine handed in (a test's, a benchmark's) is shared
    # by copy, so its loaded models are not built again.
    engine = engine.own_copy() if engine is not None else build_policy_engine(council, path)
    members = MemberService(database, on_roster=engine.admit_members)
    members.seed(council)
    record_service = RecordService(database, spool=Spool(spool_folder(council, path)))
    search = SearchService(database, council)
    zoom_gateway = gateway_from_settings(settings)
    zoom = ZoomRegistry(database, zoom_gateway)
    zoom_events = (
        ZoomEvents(
            registry=zoom,
            gateway=zoom_gateway,
            engine=engine,
            record=record_service,
            members=members,
            zone=ZoneInfo(council.council.timezone),
            live_action=council.zoom.live_action,
        )
        if settings.zoom_webhook_secret_token is not None
        else None
    )
    cover = CoverService(database, zone=council.council.zone, hours=council.council.hours)
    metrics = Metrics()
    return Services(
        settings=settings,
        metrics=metrics,
        health=Health(database),
        council=council,
        members=members,
        record=record_service,
        cover=cover,
        reviews=ReviewService(database, cover=cover),
        buttons=ButtonService(database),
        cover_notices=CoverNoticeService(database, council=council),
        search=search,
        export=ExportService(
            database, council, search=search, record=record_service, engine=engine
        ),
        digest=DigestService(database, council=council, members=members, mailer=mailer),
        mailer=mailer,
        chat_files=ChatFileService(engine),
        zoom=zoom,
        zoom_gateway=zoom_gateway,
        zoom_events=zoom_events,
        requests=RequestService(database, zone=ZoneInfo(council.council.timezone)),
        retention=RetentionService(database, council.record.retention, holds=open_holds),
        moderation=ModerationService(
            database,
            engine,
            ModerationSettings(
                strike_window=timedelta(days=council.moderation.strike_window_days),
                strike_threshold=council.moderation.strike_threshold,
                notice_interval_s=council.moderation.notice_interval_seconds,
            ),
            deferred=DeferredModeration(spool_folder(council, path) / "moderation"),
            metrics=metrics,
        ),
    )


def build_application(settings: Settings, services: Services) -> BotApplication:
    """The PTB application with every handler; updates are fed by our poller or webhook."""
    application: BotApplication = (
        bot_api_builder(settings)
        .context_types(CONTEXT_TYPES)
        .updater(None)
        .job_queue(None)
        .rate_limiter(RetryingLimiter(metrics=services.metrics))
        .build()
    )
    application.bot_data.services = services
    services.attach_outbox(
        TelegramOutbox(
            application.bot, metrics=services.metrics, on_migrated=services.members.migrate_chat
        )
    )
    application.add_handler(TypeHandler(Update, people.learn_people), group=PEOPLE_GROUP)
    application.add_handler(TypeHandler(Update, status.mark_update), group=HEALTH_GROUP)
    application.add_handler(
        MessageHandler(filters.StatusUpdate.MIGRATE, group.follow_migration),
        group=MIGRATION_GROUP,
    )
    application.add_handler(
        MessageHandler(
            filters.ChatType.GROUPS & filters.UpdateType.MESSAGES, group.moderate_group_message
        ),
        group=MODERATION_GROUP,
    )
    private_chat = filters.ChatType.PRIVATE
    application.add_handler(
        MessageHandler(
            private_chat & filters.TEXT & ~filters.COMMAND, out_of_office_handlers.answer_question
        ),
        group=QUESTION_GROUP,
    )
    application.add_handler(CommandHandler("start", private.start, filters=private_chat))
    application.add_handler(
        CommandHandler("start", explanations.deliver_waiting, filters=private_chat),
        group=AFTER_REPLY_GROUP,
    )
    for name, callback in (
        ("help", commands.show_help),
        ("policy", commands.show_policy),
        ("members", commands.list_members),
        ("invite", commands.invite_member),
        ("role", commands.change_role),
        ("remove", commands.remove_member),
        ("monitor", commands.nominate_monitor),
        ("strikes", commands.list_strikes),
        ("pardon", commands.pardon),
        ("status", status.show_status),
        ("groups", groups.list_groups),  # groups chosen in Telegram (#15)
        ("search", search_handlers.search_record),
        ("export", search_handlers.export_record),
        ("foi", request_handlers.open_foi),
        ("sar", request_handlers.open_sar),
        ("requests", request_handlers.list_requests),
        ("close", request_handlers.close_request),
        ("leave", cover_handlers.manage_leave),
        ("cover", cover_handlers.show_cover),
        ("reviews", review_handlers.list_reviews),
        ("review", review_handlers.resolve_review),
        ("zoom", zoom_handlers.manage_zoom),
        ("desk", open_desk),  # the Clerk's desk (#16)
    ):
        application.add_handler(CommandHandler(name, callback, filters=private_chat))
    application.add_handler(CommandHandler("record", record.record_reply, filters=filters.REPLY))
    # Commands about a person also work as a reply to their message in a group (answered
    # privately): /pardon, /strikes, /monitor on, /role chair, /remove.
    for name, callback in (
        ("role", commands.change_role),
        ("remove", commands.remove_member),
        ("monitor", commands.nominate_monitor),
        ("strikes", commands.list_strikes),
        ("pardon", commands.pardon),
    ):
        application.add_handler(
            CommandHandler(name, callback, filters=filters.ChatType.GROUPS & filters.REPLY)
        )
    # After /record (a real group command, as a reply): any other command typed in a group.
    application.add_handler(
        MessageHandler(
            filters.ChatType.GROUPS & filters.UpdateType.MESSAGE & filters.COMMAND,
            group_commands.point_to_private_chat,
        )
    )
    application.add_handler(CommandHandler("note", record.add_note, filters=private_chat))
    application.add_handler(CommandHandler("check", private.check_draft, filters=private_chat))
    application.add_handler(
        MessageHandler(private_chat & filters.TEXT & ~filters.COMMAND, private.check_draft)
    )
    application.add_handler(
        MessageHandler(
            private_chat & filters.TEXT & ~filters.COMMAND, out_of_office_handlers.reply
        ),
        group=OUT_OF_OFFICE_GROUP,
    )
    # A document in private is a saved Zoom chat to check (drafts are text, never documents).
    application.add_handler(
        MessageHandler(private_chat & filters.Document.ALL, chat_file_handlers.scan_chat_file)
    )
    application.add_handler(InlineQueryHandler(inline.check_inline_query))
    application.add_handler(
        ChatMemberHandler(groups.chat_member_changed, ChatMemberHandler.MY_CHAT_MEMBER)
    )
    for pattern, press in buttons.PRESS_HANDLERS:  # one handler per button kind
        application.add_handler(CallbackQueryHandler(press, pattern=pattern))
    application.add_handler(CallbackQueryHandler(buttons.refuse_unknown))  # anything else
    application.add_error_handler(log_error)
    return application


async def set_command_menus(application: BotApplication, services: Services) -> None:
    """Everyone sees the common commands; each member's private chat shows their role's."""
    bot = application.bot
    common = [BotCommand(c.name, c.description) for c in COMMANDS if c.roles == EVERYONE]
    await bot.set_my_commands(common, scope=BotCommandScopeDefault())
    for member in await services.members.members():
        menu = [
            BotCommand(c.name, c.description)
            for c in commands_for(member.role, monitor=member.monitor)
        ]
        try:
            await bot.set_my_commands(menu, scope=BotCommandScopeChat(member.telegram_id))
        except TelegramError as exc:
            logger.info("no command menu for member=%s: %s", member.telegram_id, type(exc).__name__)
    # The Clerk's desk (#16): each officer's menu button opens it, when PUBLIC_URL is set.
    members = await services.members.members()
    await set_desk_menu_buttons(bot, members, public_url=services.settings.public_url)


async def tell_clerks(services: Services, text: str) -> None:
    """Send ``text`` to the Clerk and the Assistant Clerk (the outbox logs an unreachable one)."""
    for clerk in await services.members.with_roles(Role.CLERK, Role.ASSISTANT_CLERK):
        await services.outbox.do(Send(clerk.telegram_id, text))


async def report_rights(application: BotApplication, services: Services) -> None:
    """Tell the Clerk plainly what to fix in any moderated group."""
    chats = [c for c in await services.members.chats() if c.moderate]
    lines = await status.rights_report(application.bot, chats)
    problems = [line for line in lines if line.startswith("✗")]
    if not problems:
        return
    text = "I cannot moderate every group properly yet:\n" + "\n".join(problems)
    await tell_clerks(services, text)


RECORD_TAIL_CHECKED: Final[int] = 1000


async def check_record(services: Services) -> None:
    """Verify the record's recent tail; tell the Clerk at once if it is broken."""
    result = await asyncio.to_thread(services.record.verify, tail=RECORD_TAIL_CHECKED)
    if result.intact:
        return
    logger.error("record chain broken at entry=%s", result.first_bad)
    text = (
        f"The council record's hash chain is broken at entry {result.first_bad}: "
        f"{result.problem}. Nothing has been changed by me; run `councilbot record verify` "
        "and keep the database as it is for investigation."
    )
    await tell_clerks(services, text)


def scheduled_jobs(services: Services) -> list[Job]:
    """Every scheduled job: each decides from the database what is due when it ticks."""
    return [
        Job("record-spool", lambda _now: _replay(services)),
        Job("request-reminders", lambda now: remind_requests(services, now)),
        Job("record-digest", lambda now: _digest(services, now)),
        Job("record-retention", lambda now: _dispose(services, now)),
        Job("cover-notices", lambda now: _cover_notices(services, now)),
        Job("group-alert-summary", lambda now: status.send_join_summary(services, now)),
    ]


async def _cover_notices(services: Services, now: datetime) -> None:
    await services.cover_notices.run(services.outbox, now)


async def _replay(services: Services) -> None:
    await services.record.replay_spool()
    await services.moderation.replay_deferred()


async def _dispose(services: Services, now: datetime) -> None:
    await services.retention.run(now)


async def _digest(services: Services, now: datetime) -> None:
    await services.digest.run(services.outbox, now=now)


async def remind_requests(services: Services, now: datetime) -> None:
    """Tell the Clerks of FOI and SAR deadlines due at ``now``; each reminder is sent once."""
    for reminder in await services.requests.due_reminders(now):
        await tell_clerks(services, reminder.text)
        await services.requests.mark_sent(reminder, now=now)


def zoom_webhook_for(
    settings: Settings, services: Services, database: Database
) -> ZoomWebhook | None:
    """Zoom's webhook endpoint when ``ZOOM_WEBHOOK_SECRET_TOKEN`` is set, wired to our events.

    The deliveries it took are kept in ``database``, so a replay after a restart is dropped.
    """
    secret = settings.zoom_webhook_secret_token
    events = services.zoom_events
    if secret is None or events is None:
        return None
    refusals = services.metrics.webhook_refusals
    return ZoomWebhook(
        secret.get_secret_value(),
        events.on_event,
        on_refused=lambda reason: refusals.inc(source="zoom", reason=reason),
        memory=StoredDeliveries(database),
    )


def http_app(
    application: BotApplication,
    dispatcher: Dispatcher,
    services: Services,
    *,
    telegram_secret: str,
    zoom_webhook: ZoomWebhook | None,
) -> tuple[ASGIApp, ServerLimits]:
    """The HTTP server's routes and limits: the webhooks, the calendar feeds, health, metrics."""
    refusals = services.metrics.webhook_refusals
    routes: list[BaseRoute] = [
        *telegram_routes(
            application=application,
            dispatcher=dispatcher,
            secret=telegram_secret,
            on_refused=lambda reason: refusals.inc(source="telegram", reason=reason),
        ),
        *operations_routes(services.health, services.metrics),
        *calendar_routes(services.cover, services.members, council=services.council.council.name),
        *desk_routes(services),  # the Clerk's desk (#16): /app/ and /app/api/
    ]
    if zoom_webhook is not None:
        routes += zoom_webhook.routes
    sources = {TELEGRAM_WEBHOOK_PATH: "telegram", ZOOM_WEBHOOK_PATH: "zoom"}
    limits = ServerLimits(
        on_refused=lambda path, reason: refusals.inc(
            source=sources.get(path, "http"), reason=reason
        ),
    )
    return build_app(routes, limits), limits


async def serve_http(
    settings: Settings,
    application: BotApplication,
    dispatcher: Dispatcher,
    services: Services,
    *,
    stop: asyncio.Event,
    zoom_webhook: ZoomWebhook | None,
) -> None:
    """Serve HTTP until ``stop`` is set; with ``WEBHOOK_URL``, register Telegram's webhook.

    In polling mode no webhook is registered: ``/telegram/webhook`` refuses every call, its
    secret being a random one nobody knows.
    """
    register: Callable[[], Awaitable[None]] | None = None
    if settings.webhook_url:
        if settings.telegram_webhook_secret is None:
            raise ConfigError("webhook mode needs TELEGRAM_WEBHOOK_SECRET with WEBHOOK_URL")
        secret = settings.telegram_webhook_secret.get_secret_value()
        url = settings.webhook_url

        async def register_telegram() -> None:
            await register_webhook(
                application, url=url, secret=secret, allowed_updates=ALLOWED_UPDATES
            )

        register = register_telegram
    else:
        secret = secrets.token_urlsafe(UNUSED_SECRET_BYTES)
    app, limits = http_app(
        application, dispatcher, services, telegram_secret=secret, zoom_webhook=zoom_webhook
    )
    await serve_app(
        app,
        host=settings.http_host,
        port=settings.http_port,
        stop=stop,
        limits=limits,
        when_listening=register,
    )


def token_refused(exc: InvalidToken) -> str:
    """One line for a token Telegram refused at start-up (401, or 404 for a malformed one)."""
    said = str(exc.__cause__ or "")
    status = (
        "401 Unauthorized"
        if said.startswith("Unauthorized")
        else "404 Not Found"
        if said.startswith("Not Found")
        else "refused"
    )
    return f"Telegram refused the bot token ({status}). Check TELEGRAM_BOT_TOKEN with @BotFather."


async def initialize(application: BotApplication, services: Services, database: Database) -> None:
    """Start the application (``getMe``); a refused token is a :class:`ConfigError`, in one line.

    PTB's own message for a refused token quotes the token, so it is never shown or logged.
    """
    try:
        await application.initialize()
    except InvalidToken as exc:
        if services.zoom_gateway is not None:
            await services.zoom_gateway.aclose()
        database.dispose()
        raise ConfigError(token_refused(exc)) from None


async def first_run(
    settings: Settings, database: Database, *, stop: asyncio.Event, poll_timeout: int
) -> CouncilFile | None:
    """The council file, else the council set up in Telegram, else setup mode first (#15)."""
    try:
        return await council_for_run(settings, database, stop=stop, poll_timeout=poll_timeout)
    except InvalidToken as exc:
        database.dispose()
        raise ConfigError(token_refused(exc)) from None
    except BaseException:
        database.dispose()
        raise


async def _dispatcher(application: BotApplication, database: Database) -> Dispatcher:
    """The bot's dispatcher, which skips the updates setup mode handled.

    They come again when setup mode could not confirm them before the bot proper began.
    """
    handled = await asyncio.to_thread(CouncilSettingsStore(database).handled_now)
    return Dispatcher(application, handled=handled)


async def serve(
    settings: Settings,
    *,
    stop: asyncio.Event | None = None,
    engine: PolicyEngine | None = None,
    poll_timeout: int = POLL_TIMEOUT_S,
    tick: float = TICK_S,
) -> None:
    """Run the bot until ``stop`` is set (or SIGINT/SIGTERM).

    ``engine`` lets a caller that already built a policy engine share it; ``tick`` is how often
    scheduled jobs look for due work.
    """
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):  # first: setup mode stops on them too
        try:
            loop.add_signal_handler(sig, stop.set)
        except (NotImplementedError, RuntimeError):
            break
    database = Database(settings.database_url)
    await asyncio.to_thread(database.upgrade)
    council = await first_run(settings, database, stop=stop, poll_timeout=poll_timeout)
    if council is None:  # stopped while in setup mode
        database.dispose()
        return
    services = await asyncio.to_thread(build_services, settings, database, council, engine)
    application = build_application(settings, services)
    await initialize(application, services, database)
    scheduler = Scheduler(scheduled_jobs(services), tick=tick)
    if services.health is not None:
        services.health.attach_scheduler(scheduler)
    try:
        await set_command_menus(application, services)
        await report_rights(application, services)
        await services.record.replay_spool()
        await services.moderation.replay_deferred()
        await check_record(services)
        # The policy models and word lists are built and live as long as the process: keep the
        # garbage collector from walking them again and again (each full pass over them took
        # 0.1-0.3 s, a pause in whatever the bot was doing).
        gc.collect()
        gc.freeze()
        scheduler.start()
        dispatcher = await _dispatcher(application, database)
        zoom_webhook = zoom_webhook_for(settings, services, database)
        if settings.webhook_url:
            await serve_http(
                settings, application, dispatcher, services, stop=stop, zoom_webhook=zoom_webhook
            )
        else:
            await application.bot.delete_webhook()
            poller = Poller(application.bot, dispatcher, ALLOWED_UPDATES, timeout=poll_timeout)
            if zoom_webhook is None and not settings.public_url and settings.http_server == "auto":
                await poller.run(stop)
            else:
                # Zoom's webhook needs the HTTP server in polling mode too. So do the calendar
                # feeds, whenever PUBLIC_URL says where they are served, and a health check.
                async with asyncio.TaskGroup() as tasks:  # one failing stops the other
                    tasks.create_task(poller.run(stop))
                    tasks.create_task(
                        serve_http(
                            settings,
                            application,
                            dispatcher,
                            services,
                            stop=stop,
                            zoom_webhook=zoom_webhook,
                        )
                    )
        if zoom_webhook is not None:
            await zoom_webhook.drain()
    finally:
        gc.unfreeze()  # the process may build another bot (tests do): collect as before
        scheduler.shutdown()
        await application.shutdown()
        if services.zoom_gateway is not None:
            await services.zoom_gateway.aclose()
        database.dispose()
