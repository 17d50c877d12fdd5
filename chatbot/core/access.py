"""Who may do what: the one table of commands and the roles allowed to use them.

Handlers declare their command with :func:`requires_role`; ``/help`` and the per-role command
menus are drawn from the same table, so what a member is shown is what they may do.

Who may change whom is decided here too (:func:`may_appoint`, :func:`may_alter`), and the
membership service enforces it on every change, whichever command asked: only the Clerk makes
a Clerk, and only the Clerk demotes or removes one. Keeping at least one Clerk is the service's
to check, since it needs the roster.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Final


class Role(StrEnum):
    """A member's role on the council."""

    CLERK = "clerk"
    ASSISTANT_CLERK = "assistant_clerk"
    CHAIR = "chair"
    VICE_CHAIR = "vice_chair"
    COUNCILLOR = "councillor"

    @property
    def label(self) -> str:
        """The role as people write it."""
        return self.value.replace("_", " ").capitalize()

    @classmethod
    def read(cls, text: str) -> Role | None:
        """The role ``text`` names as people write it (``Vice-Chair``, ``assistant clerk``).

        The one reader of role names typed by people; None when ``text`` names no role.
        """
        words = text.casefold().replace("-", " ").replace("_", " ").split()
        return _ROLE_WORDS.get(" ".join(words))

    @classmethod
    def trailing(cls, words: Sequence[str]) -> tuple[list[str], Role] | None:
        """Split ``words`` into what comes before a role and the role their last words name.

        ``["helen", "vice", "chair"]`` is ``(["helen"], Role.VICE_CHAIR)``: the role is the
        longest run of trailing words that reads as one. None when the last words are no role.
        """
        for size in range(min(MAX_ROLE_WORDS, len(words)), 0, -1):
            role = cls.read(" ".join(words[-size:]))
            if role is not None:
                return list(words[:-size]), role
        return None

    @classmethod
    def leading(cls, words: Sequence[str]) -> tuple[Role, list[str]] | None:
        """Split ``words`` into the role their first words name and what follows it."""
        for size in range(min(MAX_ROLE_WORDS, len(words)), 0, -1):
            role = cls.read(" ".join(words[:size]))
            if role is not None:
                return role, list(words[size:])
        return None


MAX_ROLE_WORDS: Final[int] = 2
"""The most words a role name takes ("assistant clerk")."""
_ROLE_WORDS: Final[dict[str, Role]] = {
    **{role.value.replace("_", " "): role for role in Role},
    "vicechair": Role.VICE_CHAIR,
    "assistantclerk": Role.ASSISTANT_CLERK,
    "cllr": Role.COUNCILLOR,
}


CLERKS: Final[frozenset[Role]] = frozenset({Role.CLERK, Role.ASSISTANT_CLERK})
OFFICERS: Final[frozenset[Role]] = frozenset({*CLERKS, Role.CHAIR, Role.VICE_CHAIR})
EVERYONE: Final[frozenset[Role]] = frozenset(Role)


@dataclass(frozen=True, slots=True)
class Command:
    """A bot command: its name, what it does, and who may use it."""

    name: str
    description: str
    roles: frozenset[Role]
    usage: str = ""
    monitors: bool = False  # also for nominated monitors, whatever their role


COMMANDS: Final[tuple[Command, ...]] = (
    Command("help", "what you can do here", EVERYONE),
    Command("policy", "the council's policy, rule by rule", EVERYONE, "[rule]"),
    Command("check", "check a draft before you post it", EVERYONE, "<text>"),
    Command("note", "record a call, text or meeting", EVERYONE, "<who> | <when> | <what>"),
    Command("record", "reply to a message to put it on the record", EVERYONE),
    Command("status", "the bot's rights in each group", OFFICERS),
    Command("groups", "the groups I serve, and what I do in each", CLERKS),
    Command("members", "the council's members and roles", OFFICERS),
    Command("invite", "invite a new member", CLERKS, "<role> <full name>"),
    Command("role", "change a member's role", frozenset({Role.CLERK}), "<person> <role>"),
    Command("remove", "remove a member", frozenset({Role.CLERK}), "<person>"),
    Command("monitor", "nominate or stand down a monitor", CLERKS, "<person> on|off"),
    Command("strikes", "members' current strikes", OFFICERS, "[person]"),
    Command("pardon", "clear a sender's strikes", CLERKS, "<person>"),
    Command(
        "search",
        "search the council record",
        EVERYONE,
        "<words> [from:DD/MM/YYYY] [to:DD/MM/YYYY] [chat:<title>] [person:<name>]",
    ),
    Command(
        "export",
        "export the council record for a period",
        CLERKS,
        "<from> <to> [csv|json|pdf] [person:<name>] [redact]",
    ),
    Command("foi", "open an FOI request", CLERKS, "<requester> | <what is asked> [| <received>]"),
    Command("sar", "open a subject-access request", CLERKS, "<person> | <aliases> [| <received>]"),
    Command("requests", "open FOI and subject-access requests", OFFICERS),
    Command("close", "close an FOI or subject-access request", CLERKS, "<reference>"),
    Command(
        "leave",
        "record, list or cancel leave (monitors: unavailability)",
        CLERKS,
        "add [<telegram id>] <from> <to> [reason] | list | cancel <number>",
        monitors=True,
    ),
    Command(
        "cover", "who is on duty, the next 60 days", OFFICERS, "[ics|link|unlink]", monitors=True
    ),
    Command(
        "reviews",
        "open review requests of removals (monitors: while covering)",
        CLERKS,
        monitors=True,
    ),
    Command(
        "review",
        "resolve a review request (monitors: while covering)",
        CLERKS,
        "<number> upheld|reinstated|other [note]",
        monitors=True,
    ),
    # The Clerk's desk (a Mini App); a monitor may open it while covering (chatbot.desk.rights).
    Command("desk", "open the Clerk's desk", OFFICERS, monitors=True),
    Command(
        "zoom",
        "check your Zoom meetings' chats",
        EVERYONE,
        "enable <meeting id or join link> [official] | list | disable <meeting id>",
    ),
)
_BY_NAME: Final[dict[str, Command]] = {command.name: command for command in COMMANDS}


def command(name: str) -> Command:
    """The declared command called ``name``."""
    return _BY_NAME[name]


def allowed(role: Role, name: str, *, monitor: bool = False) -> bool:
    """Whether ``role`` (a nominated monitor, if ``monitor``) may use the command ``name``."""
    declared = _BY_NAME[name]
    return role in declared.roles or (monitor and declared.monitors)


def commands_for(role: Role, *, monitor: bool = False) -> tuple[Command, ...]:
    """The commands ``role`` (a nominated monitor, if ``monitor``) may use, in menu order."""
    return tuple(c for c in COMMANDS if allowed(role, c.name, monitor=monitor))


def may_appoint(actor: Role, role: Role) -> bool:
    """Whether ``actor`` may give someone ``role`` (invite them as it, or change them to it)."""
    return role is not Role.CLERK or actor is Role.CLERK


def may_alter(actor: Role, holder: Role) -> bool:
    """Whether ``actor`` may change the role of (or remove) a member who holds ``holder``."""
    return holder is not Role.CLERK or actor is Role.CLERK


def may_see_cover(role: Role, *, monitor: bool = False) -> bool:
    """Whether ``role`` (a nominated monitor, if ``monitor``) may see the cover calendar."""
    return allowed(role, "cover", monitor=monitor)
