"""The typed context of the first run's setup mode (#15): a small application of its own."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot

from chatbot.buttons.service import ButtonService
from chatbot.council.flow import SetupFlow
from chatbot.telegram.outbox import TelegramOutbox


@dataclass
class SetupServices:
    """What the setup handlers use; ``finished`` is set once the last question is answered."""

    flow: SetupFlow
    buttons: ButtonService
    outbox: TelegramOutbox
    finished: asyncio.Event


class SetupData:
    """The setup application's ``bot_data``."""

    services: SetupServices


class SetupContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], SetupData]):
    """The callback context with typed access to the setup's services."""

    @property
    def setup(self) -> SetupServices:
        """The services of setup mode."""
        return self.bot_data.services


SETUP_CONTEXT_TYPES = ContextTypes(context=SetupContext, bot_data=SetupData)
SetupApplication = Application[
    ExtBot[None], SetupContext, dict[Any, Any], dict[Any, Any], SetupData, None
]
