"""First run without a council file (#15): the setup questions, their answers, and one rule.

The rule for where a setting comes from, decided here only (:func:`effective_council`):

- a setting the Clerk set in Telegram (during setup or with ``/settings``) wins;
- otherwise the council file's value is used, so editing the file still changes it;
- otherwise the default (``council.toml``'s defaults: office hours ``Mon-Fri 09:00-17:00``,
  the website domain ``gov.uk``, no e-mail).

Pure: no I/O. The store is :mod:`chatbot.council.store`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from chatbot.council.file import CouncilFile, CouncilSection, read_domain
from chatbot.cover.office_hours import OfficeHours

MAX_NAME: Final[int] = 200
_EMAIL: Final[re.Pattern[str]] = re.compile(r"[^@\s]+@[a-z0-9.-]+\.[a-z]{2,63}", re.IGNORECASE)


class Source(StrEnum):
    """Where a stored setting came from."""

    FILE = "file"  # seeded from council.toml: the file may change it again
    TELEGRAM = "telegram"  # set by the Clerk in Telegram: wins over the file


class Setting(StrEnum):
    """The council's settings kept in the database; the values are ``[council]``'s keys."""

    NAME = "name"
    CLERK_EMAIL = "clerk_email"
    OFFICE_HOURS = "office_hours"
    WEBSITE_DOMAINS = "website_domains"

    @property
    def label(self) -> str:
        """How the setting is named to the Clerk."""
        return _LABELS[self]


_LABELS: Final[dict[Setting, str]] = {
    Setting.NAME: "Council",
    Setting.CLERK_EMAIL: "Clerk's e-mail",
    Setting.OFFICE_HOURS: "Office hours",
    Setting.WEBSITE_DOMAINS: "Website domains",
}


class Step(StrEnum):
    """The setup questions, asked in this order."""

    CLERK_NAME = "clerk_name"
    NAME = "name"
    CLERK_EMAIL = "clerk_email"
    OFFICE_HOURS = "office_hours"
    WEBSITE_DOMAINS = "website_domains"

    @property
    def setting(self) -> Setting | None:
        """The council setting the answer sets (the Clerk's name is the member's own)."""
        return None if self is Step.CLERK_NAME else Setting(self.value)

    @property
    def skippable(self) -> bool:
        """Whether the question may be skipped (the council's name is required)."""
        return self not in (Step.CLERK_NAME, Step.NAME)


STEPS: Final[tuple[Step, ...]] = tuple(Step)
SettingValue = str | tuple[str, ...]


class AnswerError(ValueError):
    """An answer that cannot be used; the message says why, in words for the Clerk."""


def next_step(done: frozenset[Step]) -> Step | None:
    """The first question not answered or skipped yet; ``None`` once setup is finished."""
    return next((step for step in STEPS if step not in done), None)


def question(step: Step, *, clerk_name: str = "") -> str:
    """What the bot asks at ``step``."""
    if step is Step.CLERK_NAME:
        return (
            f"I have your name as {clerk_name}. Is that your full name, as the council "
            "should see it? Press Yes, or send me your full name."
        )
    if step is Step.NAME:
        return "What is the council's name? For example: Barton-le-Clay Parish Council."
    if step is Step.CLERK_EMAIL:
        return (
            "What is the Clerk's official e-mail address? It is published, so it is never "
            "treated as personal data. Send it, or press Skip (/skip)."
        )
    if step is Step.OFFICE_HOURS:
        return (
            "What are the office hours? For example: Mon-Fri 09:00-17:00, or "
            "Mon-Thu 09:00-13:00; Fri 09:00-12:00. Send them, or press Skip (/skip) "
            "for Mon-Fri 09:00-17:00."
        )
    return (
        "Which websites are the council's own? Links to them are always allowed. Send the "
        "domains separated by commas, for example: bartonleclay-pc.gov.uk, gov.uk. "
        "Or press Skip (/skip) for gov.uk only."
    )


def read_answer(setting: Setting, text: str) -> SettingValue:
    """The value the Clerk sent for ``setting``, checked as ``council.toml`` checks it."""
    answer = " ".join(text.split())
    if not answer:
        raise AnswerError("Please send some text.")
    if setting is Setting.NAME:
        if len(answer) > MAX_NAME:
            raise AnswerError(f"That is too long: at most {MAX_NAME} characters.")
        return answer
    if setting is Setting.CLERK_EMAIL:
        if not _EMAIL.fullmatch(answer):
            raise AnswerError("That is not an e-mail address, such as clerk@example-pc.gov.uk.")
        return answer
    if setting is Setting.OFFICE_HOURS:
        try:
            OfficeHours.parse(answer)
        except ValueError:
            raise AnswerError(
                "I cannot read those hours. Write them like Mon-Fri 09:00-17:00, with ; "
                "between parts: Mon-Thu 09:00-13:00; Fri 09:00-12:00."
            ) from None
        return answer
    parts = [part for part in re.split(r"[,\s]+", answer) if part]
    try:
        domains = tuple(dict.fromkeys(read_domain(part) for part in parts))
    except ValueError as exc:
        raise AnswerError(f"{exc}. Send domains only, separated by commas.") from None
    return domains


def read_name(text: str) -> str:
    """A person's full name as the Clerk typed it."""
    name = " ".join(text.split())
    if not name:
        raise AnswerError("Please send your full name.")
    if len(name) > MAX_NAME:
        raise AnswerError(f"That is too long: at most {MAX_NAME} characters.")
    return name


def shown(value: SettingValue | None) -> str:
    """A setting's value as the Clerk reads it."""
    if value is None or value == ():
        return "not set"
    if isinstance(value, tuple):
        return ", ".join(value)
    return value


@dataclass(frozen=True, slots=True)
class Stored:
    """A setting as kept in the database."""

    value: SettingValue | None
    source: Source


def effective_council(
    file: CouncilFile | None, stored: Mapping[Setting, Stored]
) -> CouncilFile | None:
    """The council as the bot runs it; ``None`` when it has no name yet (setup is needed).

    A setting set in Telegram wins; otherwise the file's; otherwise the default.
    """
    overrides: dict[str, object] = {
        setting.value: entry.value
        for setting, entry in stored.items()
        if (entry.source is Source.TELEGRAM or file is None)
        # Only the e-mail can be unset; an unset name, hours or domains means the default.
        and (entry.value is not None or setting is Setting.CLERK_EMAIL)
    }
    if file is not None:
        values = {**file.council.model_dump(), **overrides}
        return file.model_copy(update={"council": CouncilSection.model_validate(values)})
    if not overrides.get(Setting.NAME.value):
        return None
    return CouncilFile(council=CouncilSection.model_validate(overrides))


def file_values(file: CouncilFile) -> dict[Setting, SettingValue | None]:
    """The file's value of each setting kept in the database."""
    section = file.council
    return {
        Setting.NAME: section.name,
        Setting.CLERK_EMAIL: section.clerk_email,
        Setting.OFFICE_HOURS: section.office_hours,
        Setting.WEBSITE_DOMAINS: tuple(section.website_domains),
    }
