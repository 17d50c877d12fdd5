"""The first run's conversation (#15): the setup code makes a Clerk, who answers the questions.

Each step's answer is stored as it comes (:class:`~chatbot.council.store.CouncilSettingsStore`),
so a restart in the middle carries on with the next question. The handlers only turn a
:class:`Prompt` into a message with buttons.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from chatbot.council.setup import (
    AnswerError,
    Setting,
    Step,
    next_step,
    question,
    read_answer,
    read_name,
)
from chatbot.council.store import CouncilSettingsStore

NOT_THE_CLERK: Final[str] = (
    "I am being set up. Only the person with the setup code can do that; ask the Clerk."
)
ALREADY_ANSWERED: Final[str] = "That question has already been answered."
NAME_NEEDED: Final[str] = "The council's name is needed. Please send it."


class Offer(StrEnum):
    """The button offered with a question."""

    KEEP_NAME = "yes"  # "Yes" under "is that your full name?"
    SKIP = "skip"


@dataclass(frozen=True, slots=True)
class Prompt:
    """What to tell the person: a text, the step its button answers, and whether setup is done."""

    text: str
    step: Step | None = None
    offer: Offer | None = None
    finished: bool = False


def _ask(step: Step, *, clerk_name: str, before: str = "") -> Prompt:
    text = (
        f"{before}\n\n{question(step, clerk_name=clerk_name)}"
        if before
        else question(step, clerk_name=clerk_name)
    )
    if step is Step.CLERK_NAME:
        return Prompt(text, step=step, offer=Offer.KEEP_NAME)
    return Prompt(text, step=step, offer=Offer.SKIP if step.skippable else None)


def finished_text(council: str) -> str:
    """The last message of setup."""
    return (
        f"Setup is done: I now work for {council}.\n\n"
        "Next: add me to your councillors' group as an administrator (with Delete messages "
        "and Ban users). Invite members with /invite <role> <full name>. /help lists "
        "everything."
    )


class SetupFlow:
    """The setup questions, for the Clerk who claimed the setup code."""

    def __init__(self, store: CouncilSettingsStore) -> None:
        self._store = store

    async def start(self, *, telegram_id: int, telegram_name: str, code: str | None) -> Prompt:
        """``/start`` in setup mode: claim the code, or carry on for the Clerk."""
        clerk = await self._store.clerk(telegram_id)
        if clerk is None:
            if code is None:
                return Prompt(NOT_THE_CLERK)
            try:
                clerk = await self._store.claim(
                    code, telegram_id=telegram_id, name=read_name(telegram_name or "Clerk")
                )
            except AnswerError as exc:
                return Prompt(str(exc))
            return await self._next(
                clerk.name, before="Welcome: you are now the Clerk in this bot."
            )
        return await self._next(clerk.name, before="Setup carries on.")

    async def answer(self, *, telegram_id: int, text: str) -> Prompt:
        """A text from the Clerk: the answer to the question being asked."""
        clerk = await self._store.clerk(telegram_id)
        if clerk is None:
            return Prompt(NOT_THE_CLERK)
        step = next_step(await self._store.done())
        if step is None:
            return Prompt("Setup is already done.", finished=True)
        try:
            if step is Step.CLERK_NAME:
                name = read_name(text)
                await self._store.rename(telegram_id, name)
                clerk_name, before = name, f"Thank you, {name}."
            else:
                setting = step.setting
                assert setting is not None  # every other step sets one
                await self._store.set(setting, read_answer(setting, text), by=telegram_id)
                clerk_name, before = clerk.name, "Saved."
        except AnswerError as exc:
            return Prompt(str(exc), step=step, offer=_ask(step, clerk_name=clerk.name).offer)
        await self._store.mark_done(step, by=telegram_id)
        return await self._next(clerk_name, before=before)

    async def skip(self, *, telegram_id: int, step: Step | None = None) -> Prompt:
        """``/skip``, or a button: skip the question (``step``: the one the button was under)."""
        clerk = await self._store.clerk(telegram_id)
        if clerk is None:
            return Prompt(NOT_THE_CLERK)
        current = next_step(await self._store.done())
        if current is None:
            return Prompt("Setup is already done.", finished=True)
        if step is not None and step is not current:
            return Prompt(ALREADY_ANSWERED)
        if current is Step.NAME:
            return Prompt(NAME_NEEDED)
        before = "Keeping your name as it is." if current is Step.CLERK_NAME else "Skipped."
        await self._store.mark_done(current, by=telegram_id)
        return await self._next(clerk.name, before=before)

    async def _next(self, clerk_name: str, *, before: str) -> Prompt:
        step = next_step(await self._store.done())
        if step is None:
            stored = await self._store.stored()
            name = stored.get(Setting.NAME)
            council = str(name.value) if name is not None and name.value else "the council"
            return Prompt(f"{before}\n\n{finished_text(council)}", finished=True)
        return _ask(step, clerk_name=clerk_name, before=before)
