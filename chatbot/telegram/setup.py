"""The first run (#15): which council the bot runs for, and setup mode when there is none yet.

:func:`council_for_run` reads the council file when there is one (its values seed the
database), else the settings kept in the database. With neither, or with a setup begun and not
finished, it runs **setup mode**: a small application of its own that prints a one-time setup
link and code to the console (never to the logs), makes whoever sends ``/start <code>`` first
the Clerk, and asks them the setup questions. Once the last is answered it returns the council,
and :func:`chatbot.app.serve` carries on as usual, in the same process: no restart.

Setup mode always long-polls (any webhook is removed first); webhook mode begins afterwards.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from typing import TYPE_CHECKING, Final, cast

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import CallbackQueryHandler, CommandHandler, MessageHandler, filters

from chatbot.buttons.kinds import ButtonKind
from chatbot.buttons.service import ButtonService
from chatbot.council.file import CouncilFile, load_council_file
from chatbot.council.flow import SetupFlow
from chatbot.council.setup import STEPS, effective_council, next_step
from chatbot.council.store import CouncilSettingsStore
from chatbot.db.database import Database
from chatbot.errors import ConfigError
from chatbot.settings import Settings
from chatbot.telegram.builder import bot_api_builder
from chatbot.telegram.dispatch import Dispatcher
from chatbot.telegram.handlers import setup as handlers
from chatbot.telegram.outbox import TelegramOutbox
from chatbot.telegram.poller import Poller
from chatbot.telegram.setup_context import (
    SETUP_CONTEXT_TYPES,
    SetupApplication,
    SetupContext,
    SetupServices,
)

if TYPE_CHECKING:
    from telegram import Bot

    from chatbot.telegram.context import BotApplication

logger = logging.getLogger(__name__)

SETUP_UPDATES: Final[tuple[str, ...]] = ("message", "callback_query")
CONFIRM_TRIES: Final[int] = 3
CONFIRM_WAIT_S: Final[float] = 3.0
CONFIRM_PAUSE_S: Final[float] = 0.5


def needs_setup(
    *, has_file: bool, council: CouncilFile | None, begun: bool, done: bool, nobody: bool
) -> bool:
    """Whether to run setup mode.

    Without a file: when there is no council yet, or a setup was begun and not finished. With
    one: only when nobody at all is a member (the file lists none), as no one could use the bot.
    """
    if has_file:
        return nobody
    return council is None or (begun and not done)


def setup_banner(*, username: str, code: str) -> str:
    """What the console shows in setup mode (the code is a secret: never logged)."""
    return (
        "councilbot: no council file and no council set up yet, so the bot is in setup mode.\n"
        "Whoever opens this link first (or sends the bot the command below) becomes the\n"
        "Clerk and is asked a few questions in Telegram. The code works once.\n\n"
        f"    https://t.me/{username}?start={code}\n"
        f"    /start {code}\n"
    )


def resume_banner(names: list[str]) -> str:
    """What the console shows when a setup begun earlier carries on."""
    return (
        "councilbot: setup carries on in Telegram with the Clerk "
        f"({', '.join(names)}): they should answer the bot's questions, or send it /start.\n"
    )


def _console(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def read_file_if_any(settings: Settings) -> CouncilFile | None:
    """The council file, or ``None`` when there is none at ``COUNCIL_CONFIG``."""
    path = settings.council_config
    return load_council_file(path) if path.exists() else None


def stored_council(settings: Settings, database: Database) -> CouncilFile:
    """The council as the file and the database make it (for commands run beside the bot)."""
    store = CouncilSettingsStore(database)
    council = effective_council(read_file_if_any(settings), store.stored_now())
    if council is None:
        raise ConfigError(
            f"{settings.council_config}: council file not found, and no council is set up in "
            "the database yet. Run `councilbot run` to set it up from Telegram, or write the "
            "file (`councilbot init`)."
        )
    return council


async def council_for_run(
    settings: Settings, database: Database, *, stop: asyncio.Event, poll_timeout: int
) -> CouncilFile | None:
    """The council to run for, after setup mode if need be; ``None`` if stopped during setup."""
    store = CouncilSettingsStore(database)
    file = await asyncio.to_thread(read_file_if_any, settings)
    if file is not None:
        await asyncio.to_thread(store.seed_now, file)
    stored = await store.stored()
    done = await store.done()
    council = effective_council(file, stored)
    nobody = file is not None and not file.members and not await asyncio.to_thread(store.anyone_now)
    if needs_setup(
        has_file=file is not None,
        council=council,
        begun=bool(done),
        done=next_step(done) is None,
        nobody=nobody,
    ):
        if file is not None:  # the file answers the council's questions: only the Clerk's name
            for step in STEPS[1:]:
                await store.mark_done(step, by=None)
        if not await run_setup(settings, database, stop=stop, poll_timeout=poll_timeout):
            return None
        council = effective_council(file, await store.stored())
    if council is None:  # setup finished without a name: cannot happen, the name is required
        raise ConfigError("setup finished without the council's name")
    return council


def build_setup_application(settings: Settings, database: Database) -> SetupApplication:
    """The setup application: ``/start``, ``/skip``, answers and the setup button, in private."""
    application: SetupApplication = (
        bot_api_builder(settings)
        # Two connections for getUpdates: the confirming call at the end (``_confirm``) never
        # waits behind the poller's last long poll. With one, it sometimes timed out in CI.
        .get_updates_connection_pool_size(2)
        .context_types(SETUP_CONTEXT_TYPES)
        .updater(None)
        .job_queue(None)
        .build()
    )
    application.bot_data.services = SetupServices(
        flow=SetupFlow(CouncilSettingsStore(database)),
        buttons=ButtonService(database),
        outbox=TelegramOutbox(application.bot),
        finished=asyncio.Event(),
    )
    private = filters.ChatType.PRIVATE
    application.add_handler(CommandHandler("start", handlers.start, filters=private))
    application.add_handler(CommandHandler("skip", handlers.skip, filters=private))
    application.add_handler(
        MessageHandler(private & filters.TEXT & ~filters.COMMAND, handlers.answer)
    )
    application.add_handler(CallbackQueryHandler(handlers.press, pattern=ButtonKind.SETUP.pattern))
    application.add_error_handler(_log_error)
    return application


async def _log_error(update: object, context: SetupContext) -> None:
    """Log by update id and error type only, as the bot's error handler does."""
    update_id = update.update_id if isinstance(update, Update) else None
    logger.error("setup update=%s failed: %s", update_id, type(context.error).__name__)


async def run_setup(
    settings: Settings, database: Database, *, stop: asyncio.Event, poll_timeout: int
) -> bool:
    """Setup mode until the last question is answered (``True``) or ``stop`` is set.

    A refused token raises PTB's ``InvalidToken`` from here, as at a normal start.
    """
    application = build_setup_application(settings, database)
    services = application.bot_data.services
    await application.initialize()
    try:
        store = CouncilSettingsStore(database)
        await _announce(application, services, store)
        await application.bot.delete_webhook()
        # The Dispatcher only calls ``process_update``, which this application has too.
        dispatcher = Dispatcher(
            cast("BotApplication", application),
            handled=await asyncio.to_thread(store.handled_now),
            on_handled=store.keep_handled,
        )
        poller = Poller(application.bot, dispatcher, SETUP_UPDATES, timeout=poll_timeout)
        until = asyncio.Event()
        watch = asyncio.create_task(_either(stop, services.finished, then=until))
        try:
            await poller.run(until)
        finally:
            watch.cancel()
        await _confirm(application.bot, poller.offset)
        return services.finished.is_set()
    finally:
        await application.shutdown()


async def _announce(
    application: SetupApplication, services: SetupServices, store: CouncilSettingsStore
) -> None:
    """Print the setup link, or carry on with the Clerk of a setup begun earlier."""
    clerks = await asyncio.to_thread(store.clerks_now)
    if not clerks:
        code = await asyncio.to_thread(store.issue_code_now)
        logger.info("setup mode: waiting for the setup code (shown on the console)")
        _console(setup_banner(username=application.bot.username, code=code))
        return
    logger.info("setup mode: carrying on with member=%s", clerks[0].telegram_id)
    _console(resume_banner([c.name for c in clerks]))
    for clerk in clerks:
        prompt = await services.flow.start(
            telegram_id=clerk.telegram_id, telegram_name=clerk.name, code=None
        )
        await handlers.send_prompt(services, clerk.telegram_id, clerk.telegram_id, prompt)


async def _either(first: asyncio.Event, second: asyncio.Event, *, then: asyncio.Event) -> None:
    waits = [asyncio.create_task(first.wait()), asyncio.create_task(second.wait())]
    try:
        await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for wait in waits:
            wait.cancel()
    then.set()


async def _confirm(bot: Bot, offset: int | None) -> None:
    """Confirm the updates setup mode handled, so the bot proper does not get them again.

    Tried a few times, each within :data:`CONFIRM_WAIT_S`, so a stop is not held up for long.
    Should every try fail, the updates come again, and the ids setup mode kept keep them from
    being answered twice.
    """
    if offset is None:
        return
    for attempt in range(1, CONFIRM_TRIES + 1):
        try:
            await bot.do_api_request(
                "getUpdates",
                api_kwargs={"offset": offset, "timeout": 0, "limit": 1},
                pool_timeout=CONFIRM_WAIT_S,
                read_timeout=CONFIRM_WAIT_S,
            )
        except TelegramError as exc:
            logger.warning(
                "could not confirm setup's updates (%s), try %d of %d",
                type(exc).__name__,
                attempt,
                CONFIRM_TRIES,
            )
            if attempt < CONFIRM_TRIES:
                await asyncio.sleep(CONFIRM_PAUSE_S)
        else:
            return
