"""The council file (``council.toml``): the council, its members, its chats, its policy file.

A file that cannot be used raises :class:`ConfigError` naming the file, the line and the field.
"""

from __future__ import annotations

import re
import tomllib
from datetime import date, time
from importlib import resources
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    ValidationError,
    field_validator,
    model_validator,
)

from chatbot.cover.office_hours import OfficeHours
from chatbot.errors import ConfigError
from policy_checks import CouncilContext

Role = Literal["clerk", "assistant_clerk", "chair", "vice_chair", "councillor"]
MAX_MONITORS = 2
_DOMAIN = re.compile(r"(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}")


def read_domain(text: str) -> str:
    """A website domain as the council writes it (``bartonleclay-pc.gov.uk``), lower-cased.

    ``ValueError`` for anything that is not a domain name (a URL, a word, an address).
    """
    domain = text.strip().lower().rstrip(".")
    if not _DOMAIN.fullmatch(domain):
        raise ValueError(f"{text.strip()!r} is not a website domain, such as example-pc.gov.uk")
    return domain


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CouncilSection(_Strict):
    """The ``[council]`` table."""

    name: str = Field(min_length=1)
    timezone: str = "Europe/London"
    clerk_email: str | None = None
    phone: str | None = None
    office_hours: str = "Mon-Fri 09:00-17:00"
    digest_time: time = time(8, 0)
    website_domains: tuple[str, ...] = ("gov.uk",)
    policy_review_date: date | None = None  # the Clerk is reminded a month before, and on it

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r}") from None
        return value

    @field_validator("office_hours")
    @classmethod
    def _readable_office_hours(cls, value: str) -> str:
        OfficeHours.parse(value)  # raises ValueError, named with the field
        return value

    @field_validator("website_domains")
    @classmethod
    def _domain_names(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(read_domain(domain) for domain in value)

    @property
    def hours(self) -> OfficeHours:
        """The office hours, read."""
        return OfficeHours.parse(self.office_hours)

    @property
    def zone(self) -> ZoneInfo:
        """The council's time zone."""
        return ZoneInfo(self.timezone)

    @field_validator("digest_time", mode="before")
    @classmethod
    def _clock_time(cls, value: object) -> object:
        if isinstance(value, str) and not re.fullmatch(r"\d{1,2}:\d{2}", value):
            raise ValueError("expected a time like 08:00")
        return value


class Member(_Strict):
    """A ``[[members]]`` entry."""

    telegram_id: StrictInt
    name: str = Field(min_length=1)
    role: Role = "councillor"
    email: str | None = None
    monitor: StrictBool = False
    aliases: tuple[str, ...] = ()  # other names people use for them (subject-access search)


class Chat(_Strict):
    """A ``[[chats]]`` entry."""

    telegram_id: StrictInt
    title: str = ""
    official: StrictBool = False
    moderate: StrictBool = True


class ModerationSection(_Strict):
    """The ``[moderation]`` table (an addition to the contract)."""

    strike_window_days: int = Field(default=30, ge=1, le=3650)
    strike_threshold: int = Field(default=3, ge=1, le=100)
    notice_interval_seconds: float = Field(default=60.0, ge=0)


RECORD_TYPES: tuple[str, ...] = ("correspondence", "meeting_chat", "note", "removed")
"""The record's types, each with its own retention period."""


class RetentionSection(_Strict):
    """``[record.retention]``: years each record type is kept before disposal."""

    correspondence: int = Field(default=6, ge=1, le=100)
    meeting_chat: int = Field(default=6, ge=1, le=100)
    note: int = Field(default=6, ge=1, le=100)
    removed: int = Field(default=6, ge=1, le=100)

    def years(self, record_type: str) -> int:
        """The retention period of ``record_type``, in years."""
        return int(getattr(self, record_type))


class RecordSection(_Strict):
    """The ``[record]`` table (an addition to the contract)."""

    max_document_bytes: int = Field(default=10_000_000, ge=0, le=20_000_000)
    digest_inline_entries: int = Field(default=30, ge=1, le=1000)
    spool_dir: Path = Path("councilbot-spool")
    retention: RetentionSection = RetentionSection()


class ZoomSection(_Strict):
    """The ``[zoom]`` table (an addition to the contract).

    ``live_action``: what is done to a live meeting chat message that breaks a ``block`` rule,
    besides alerting the host: ``none``, ``delete`` it, or ``redact`` it (rewrite it with the
    findings replaced by placeholders). Both need Zoom's in-meeting chat DLP feature.
    """

    live_action: Literal["none", "delete", "redact"] = "none"


class CoverSection(_Strict):
    """The ``[cover]`` table: leave cover (an addition to the contract).

    ``tell_group``: when cover for the Clerk starts, the official groups are told who is
    covering.
    """

    tell_group: StrictBool = False


class PolicySection(_Strict):
    """The ``[policy]`` table."""

    file: Path | None = None
    nlp_model: str | None = None


class CouncilFile(_Strict):
    """The whole council file."""

    council: CouncilSection
    members: tuple[Member, ...] = ()
    chats: tuple[Chat, ...] = ()
    policy: PolicySection = PolicySection()
    moderation: ModerationSection = ModerationSection()
    cover: CoverSection = CoverSection()
    record: RecordSection = RecordSection()
    zoom: ZoomSection = ZoomSection()

    @model_validator(mode="after")
    def _at_most_two_monitors(self) -> CouncilFile:
        monitors = [m.name for m in self.members if m.monitor]
        if len(monitors) > MAX_MONITORS:
            raise ValueError(
                f"at most two councillors may be nominated monitors (got {', '.join(monitors)})"
            )
        return self

    def council_context(self) -> CouncilContext:
        """What the policy engine should know about this council."""
        council = self.council
        emails = [council.clerk_email, *(m.email for m in self.members)]
        return CouncilContext.build(
            approved_domains=council.website_domains,
            public_emails=[e for e in emails if e],
            public_phones=[council.phone] if council.phone else [],
            public_names=[m.name for m in self.members],
        )


def load_council_file(path: Path) -> CouncilFile:
    """Read and validate ``path``."""
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{path}: council file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot be read ({exc})") from None
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    try:
        return CouncilFile.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        location = [str(part) for part in error["loc"]]
        field = ".".join(location) or "file"
        line = _line_of(raw, location)
        where = f"{path}, line {line}" if line else str(path)
        raise ConfigError(f"{where}: {field}: {error['msg']}") from None


def _line_of(raw: str, location: list[str]) -> int | None:
    """Best effort: the line where the failing key (or its table) is written."""
    lines = raw.splitlines()
    table = location[0] if location else ""
    index = int(location[1]) if len(location) > 1 and location[1].isdigit() else None
    key = next((part for part in reversed(location) if not part.isdigit()), "")
    seen = -1
    in_table = not table
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if stripped.startswith("["):
            name = stripped.strip("[]").strip()
            if name == table:
                seen += 1
                in_table = index is None or seen == index
                if key == table and in_table:
                    return number
            else:
                in_table = False
            continue
        if in_table and re.match(rf"{re.escape(key)}\s*=", stripped):
            return number
    return None


def example_council_file() -> str:
    """The commented example council file (``councilbot init`` writes it)."""
    return (
        resources.files("chatbot.council")
        .joinpath("data/council.example.toml")
        .read_text(encoding="utf-8")
    )
