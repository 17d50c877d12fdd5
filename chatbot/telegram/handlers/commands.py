"""Commands: help and policy for everyone; membership and strikes for the officers."""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Coroutine, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any, Final

from telegram import Update

from chatbot.buttons.kinds import PersonStep
from chatbot.core.access import Role, allowed, commands_for
from chatbot.core.wording import RULE_NAMES, plural, read_rules
from chatbot.members.lookup import NoMatch, Person, Several
from chatbot.members.service import MembershipError, MemberView
from chatbot.record.service import NewEntry
from chatbot.telegram.context import BotContext
from chatbot.telegram.handlers import people, presses
from chatbot.telegram.handlers.guard import requires_role
from chatbot.telegram.handlers.reply import reply
from policy_checks.verdict import Action


@requires_role("help")
async def show_help(update: Update, context: BotContext, member: MemberView) -> None:
    """List what this member may do."""
    lines = [f"You are registered as {member.role.label}. You can:"]
    lines += [
        f"/{c.name}{' ' + c.usage if c.usage else ''} — {c.description}"
        for c in commands_for(member.role, monitor=member.monitor)
    ]
    lines += ["", "Send me any draft in this chat to check it before you post it."]
    await _reply(update, context, "\n".join(lines))


_WHAT_HAPPENS: Final[dict[Action, str]] = {
    Action.BLOCK: "posts are removed",
    Action.WARN: "the sender is warned",
    Action.ALLOW: "not checked",
}


@requires_role("policy")
async def show_policy(update: Update, context: BotContext, member: MemberView) -> None:  # noqa: ARG001
    """Quote the policy clause behind each rule asked for; without one, name the rules."""
    policy = context.services.moderation.policy
    rules = list(policy.enabled_rules)
    wanted, unknown = read_rules(context.args or [], rules)
    if unknown or not wanted:
        names = "\n".join(f"• {RULE_NAMES[rule]}" for rule in rules)
        opening = (
            f"I do not know a rule called “{' '.join(unknown)}”."
            if unknown
            else "The council's policy covers:"
        )
        example = RULE_NAMES[rules[0]].split()[0].lower() if rules else "threats"
        await _reply(
            update,
            context,
            f"{opening}\n{names}\nSend /policy and a word from one of them, "
            f"e.g. /policy {example}, to read what the policy says.",
        )
        return
    lines = [
        f"{RULE_NAMES[rule]} ({_WHAT_HAPPENS[policy[rule].action]}):\n“{policy[rule].clause}”"
        for rule in wanted
    ]
    await _reply(update, context, "\n\n".join(lines))


@requires_role("members")
async def list_members(update: Update, context: BotContext, member: MemberView) -> None:  # noqa: ARG001
    """The council's members, roles and monitors, by name (an id only to tell two apart)."""
    members = await context.services.members.members()
    names = Counter(m.name.casefold() for m in members)
    lines = [
        f"{m.name} — {m.role.label}{' (monitor)' if m.monitor else ''}"
        + (f" — id {m.telegram_id}" if names[m.name.casefold()] > 1 else "")
        for m in members
    ]
    await _reply(update, context, "\n".join(lines) or "No members are registered.")


def _roles_list() -> str:
    return ", ".join(r.label for r in Role)


@requires_role("invite")
async def invite_member(update: Update, context: BotContext, member: MemberView) -> None:
    """Create a one-time invitation: ``/invite councillor Ann Example``."""
    args = context.args or []
    read = Role.leading(args)
    if read is None or not read[1]:
        await _reply(update, context, f"Usage: /invite <role> <full name>. Roles: {_roles_list()}")
        return
    role, words = read
    if len(words) == 1:
        # One word is a first name (or a surname): the invitation names the member for good.
        given = words[0][:1].upper() + words[0][1:]
        await _reply(
            update,
            context,
            f"Please give {given}'s full name, e.g. /invite {role.label.lower()} {given} Moss",
        )
        return
    name = " ".join(words)
    try:
        code = await context.services.members.invite(actor=member.telegram_id, name=name, role=role)
    except MembershipError as exc:
        await _reply(update, context, str(exc))
        return
    username = context.bot.username
    await _reply(
        update,
        context,
        f"Invitation for {name} ({role.label}), valid for 7 days and usable once:\n"
        f"https://t.me/{username}?start={code}\n"
        f"or they can send /start {code} to me.",
    )


ROLE_USAGE: Final[str] = (
    "Usage: /role <person> <role>, e.g. /role Helen Moss vice chair, or reply to their "
    "message with /role <role>. Roles: "
)
REMOVE_USAGE: Final[str] = (
    "Usage: /remove <person>: a name, @username or id, or reply to their message with /remove."
)
MONITOR_USAGE: Final[str] = (
    "Usage: /monitor <person> on|off, e.g. /monitor Helen on, or reply to their message "
    "with /monitor on."
)
PARDON_USAGE: Final[str] = (
    "Usage: /pardon <person>: a name, @username or id, or reply to their message with /pardon."
)
CANCELLED: Final[str] = "Cancelled: nothing was changed."


@requires_role("role")
async def change_role(update: Update, context: BotContext, member: MemberView) -> None:
    """Change a member's role: ``/role helen vice chair`` (or as a reply: ``/role chair``)."""
    read = Role.trailing(context.args or [])
    if read is None:
        await _reply(update, context, ROLE_USAGE + _roles_list())
        return
    words, role = read
    await _about_person(
        update,
        context,
        member,
        words,
        step=PersonStep("role", 0, role.value),
        usage=ROLE_USAGE + _roles_list(),
    )


@requires_role("remove")
async def remove_member(update: Update, context: BotContext, member: MemberView) -> None:
    """Remove a member, once the Clerk confirms: ``/remove helen moss``."""
    await _about_person(
        update,
        context,
        member,
        context.args or [],
        step=PersonStep("remove", 0),
        usage=REMOVE_USAGE,
    )


@requires_role("monitor")
async def nominate_monitor(update: Update, context: BotContext, member: MemberView) -> None:
    """Nominate or stand down a monitor: ``/monitor helen on``."""
    args = context.args or []
    if not args or args[-1].casefold() not in {"on", "off"}:
        await _reply(update, context, MONITOR_USAGE)
        return
    step = PersonStep("monitor", 0, args[-1].casefold())
    await _about_person(update, context, member, args[:-1], step=step, usage=MONITOR_USAGE)


@requires_role("strikes")
async def list_strikes(update: Update, context: BotContext, member: MemberView) -> None:
    """Active strikes per sender, by name; ``/strikes helen`` for one person's."""
    message = update.effective_message
    args = context.args or []
    if message is None:
        return
    if args or people.reply_target(message) is not None:
        await _about_person(update, context, member, args, step=PersonStep("strikes", 0), usage="")
        return
    strikes = await context.services.moderation.strikes()
    counts = Counter(strike.telegram_user_id for strike in strikes)
    window = context.services.moderation.settings.strike_window.days
    names = {m.telegram_id: m for m in await context.services.members.members()}
    seen = context.services.members.seen_names()
    lines = [
        f"{Person(user, names.get(user), seen.get(user, '')).name}: "
        + plural(count, "strike", "strikes")
        for user, count in sorted(counts.items(), key=lambda i: -i[1])
    ]
    await people.say(
        context,
        people.answer_chat(message, member),
        f"Strikes in the last {window} days:\n" + ("\n".join(lines) or "none"),
    )


@requires_role("pardon")
async def pardon(update: Update, context: BotContext, member: MemberView) -> None:
    """Clear a sender's strikes: ``/pardon helen`` (or as a reply to their message)."""
    await _about_person(
        update,
        context,
        member,
        context.args or [],
        step=PersonStep("pardon", 0),
        usage=PARDON_USAGE,
    )


def monitor_entry(actor: MemberView, member: MemberView, *, at: datetime) -> NewEntry:
    """The record entry of a monitor's nomination (or stand-down) by ``actor``."""
    what = "nominated" if member.monitor else "stood down"
    return NewEntry(
        kind="note",
        occurred_at=at,
        text=(
            f"{actor.name} ({actor.role.label}) {what} {member.name} (id {member.telegram_id}) "
            "as a social-media monitor."
        ),
        sender_name=actor.name,
        sender_id=actor.telegram_id,
        mentioned_ids=(member.telegram_id,),
        people=(member.name,),
        reason=f"monitor {what}",
    )


async def _about_person(
    update: Update,
    context: BotContext,
    asker: MemberView,
    words: Sequence[str],
    *,
    step: PersonStep,
    usage: str,
) -> None:
    """Find whom ``words`` (or the replied-to message) mean, then carry on with ``step``."""
    message = update.effective_message
    if message is None:
        return
    chat_id = people.answer_chat(message, asker)
    found = await people.find(context, message, words)
    if isinstance(found, Several):
        await people.offer_choice(
            context,
            chat_id,
            asker,
            found,
            wanted=" ".join(words),
            step=lambda telegram_id: replace(step, telegram_id=telegram_id),
        )
    elif isinstance(found, NoMatch):
        if found.wanted:
            await people.say_no_match(context, chat_id, found)
        else:
            await people.say(context, chat_id, usage)
    else:
        await _carry_on(
            context,
            chat_id,
            asker,
            replace(step, telegram_id=found.person.telegram_id),
            found.person,
        )


async def _carry_on(
    context: BotContext, chat_id: int, asker: MemberView, step: PersonStep, person: Person
) -> None:
    """Do ``step`` about ``person`` (found, chosen or confirmed), answering in ``chat_id``."""
    say = functools.partial(people.say, context, chat_id)
    if step.command == "pardon":
        cleared = await context.services.moderation.pardon(person.telegram_id, by=asker.telegram_id)
        await say(f"Cleared {plural(cleared, 'strike', 'strikes')} for {person.name}.")
        return
    if step.command == "strikes":
        strikes = await context.services.moderation.strikes()
        count = sum(1 for s in strikes if s.telegram_user_id == person.telegram_id)
        window = context.services.moderation.settings.strike_window.days
        await say(f"{person.name}: {plural(count, 'strike', 'strikes')} in the last {window} days.")
        return
    member = person.member
    if member is None:
        await say(f"{person.name} is not a registered member.")
        return
    if step.command == "monitor":
        await _set_monitor(context, chat_id, asker, member, monitor=step.detail == "on")
    elif step.command == "remove":
        await _remove(context, chat_id, asker, member, confirmed=step.confirmed)
    elif step.command == "role":
        role = Role.read(step.detail)
        if role is not None:
            await _change_role(context, chat_id, asker, member, role, confirmed=step.confirmed)


async def _set_monitor(
    context: BotContext, chat_id: int, asker: MemberView, member: MemberView, *, monitor: bool
) -> None:
    services = context.services
    if member.monitor == monitor:
        state = "is already" if monitor else "is not"
        await people.say(context, chat_id, f"{member.name} {state} a monitor.")
        return
    try:
        changed = await services.members.set_monitor(
            actor=asker.telegram_id, telegram_id=member.telegram_id, monitor=monitor
        )
    except MembershipError as exc:
        await people.say(context, chat_id, str(exc))
        return
    # Nominations and stand-downs are on the official record: who, whom, when.
    seq = await services.record.append(monitor_entry(asker, changed, at=datetime.now(UTC)))
    where = f"entry {seq}" if seq is not None else "it will be numbered when the database is back"
    await people.say(
        context,
        chat_id,
        f"{changed.name} {'is now' if monitor else 'is no longer'} a monitor "
        f"(on the council record: {where}).",
    )


async def _remove(
    context: BotContext, chat_id: int, asker: MemberView, member: MemberView, *, confirmed: bool
) -> None:
    members = context.services.members
    if not confirmed:
        try:  # refused now, rather than after the Clerk said yes
            await members.check_removal(actor=asker.telegram_id, telegram_id=member.telegram_id)
        except MembershipError as exc:
            await people.say(context, chat_id, str(exc))
            return
        await people.ask_to_confirm(
            context,
            chat_id,
            asker,
            f"Remove {member.name} ({member.role.label}) from the council?",
            yes="Remove",
            step=PersonStep("remove", member.telegram_id, confirmed=True),
        )
        return
    removed = await _membership(
        context,
        chat_id,
        members.remove(actor=asker.telegram_id, telegram_id=member.telegram_id),
        "was removed",
    )
    await _record_stand_down(context, asker, member, removed)


async def _change_role(
    context: BotContext,
    chat_id: int,
    asker: MemberView,
    member: MemberView,
    role: Role,
    *,
    confirmed: bool,
) -> None:
    members = context.services.members
    if member.role is role:
        await people.say(context, chat_id, f"{member.name} is already {role.label}.")
        return
    # The council has one Chair: appointing another replaces the one in office.
    replaced = (
        [c for c in await members.with_roles(Role.CHAIR) if c.telegram_id != member.telegram_id]
        if role is Role.CHAIR
        else []
    )
    if replaced and not confirmed:
        try:
            await members.check_role_change(
                actor=asker.telegram_id, telegram_id=member.telegram_id, role=role
            )
        except MembershipError as exc:
            await people.say(context, chat_id, str(exc))
            return
        await people.ask_to_confirm(
            context,
            chat_id,
            asker,
            f"Make {member.name} ({member.role.label}) Chair? "
            f"{' and '.join(c.name for c in replaced)} will no longer be Chair "
            "(the role becomes Councillor).",
            yes="Make Chair",
            step=PersonStep("role", member.telegram_id, role.value, confirmed=True),
        )
        return
    changed = await _membership(
        context,
        chat_id,
        members.change_role(actor=asker.telegram_id, telegram_id=member.telegram_id, role=role),
        "now has the role",
    )
    await _record_stand_down(context, asker, member, changed)
    if changed is None:
        return
    for chair in replaced:  # made Councillor by the same change (one Chair at a time)
        await people.say(
            context, chat_id, f"{chair.name} now has the role {Role.COUNCILLOR.label}."
        )


async def choose_member(update: Update, context: BotContext) -> None:
    """A member chosen from those a name fitted: carry on with the command."""
    await _pressed(update, context)


async def confirm_change(update: Update, context: BotContext) -> None:
    """A removal or a change of Chair confirmed (or cancelled) by the Clerk who asked."""
    await _pressed(update, context)


async def _pressed(update: Update, context: BotContext) -> None:
    """Use up the press (the asker's own, once, in time), check again, then carry on."""
    query = update.callback_query
    if query is None:
        return
    services = context.services
    taken = await presses.take(services.buttons, services.outbox, query, PersonStep.from_payload)
    if taken is None:
        return
    _, step = taken
    await presses.close(context.services.outbox, query)
    if step.command == "cancel":
        await presses.answer(context.services.outbox, query, CANCELLED)
        return
    asker = await services.members.member(query.from_user.id)
    if asker is None or not allowed(asker.role, step.command, monitor=asker.monitor):
        await presses.answer(
            context.services.outbox, query, f"You can no longer use /{step.command}.", alert=True
        )
        return
    target = await services.members.member(step.telegram_id)
    person = Person(
        step.telegram_id, target, seen_as=services.members.seen_names().get(step.telegram_id, "")
    )
    await presses.answer(context.services.outbox, query, "OK")
    chat_id = query.message.chat.id if query.message is not None else asker.telegram_id
    await _carry_on(context, chat_id, asker, step, person)


async def _membership(
    context: BotContext, chat_id: int, change: Coroutine[Any, Any, MemberView], what: str
) -> MemberView | None:
    try:
        result = await change
    except MembershipError as exc:
        await people.say(context, chat_id, str(exc))
        return None
    detail = f" {result.role.label}" if what == "now has the role" else ""
    await people.say(context, chat_id, f"{result.name} {what}{detail}.")
    return result


async def _record_stand_down(
    context: BotContext, actor: MemberView, before: MemberView | None, after: MemberView | None
) -> None:
    """A monitor stood down by a role change or removal goes on the record too."""
    if before is not None and before.monitor and after is not None and not after.monitor:
        await context.services.record.append(monitor_entry(actor, after, at=datetime.now(UTC)))


async def _reply(update: Update, context: BotContext, text: str) -> None:
    """Answer in the chat the command came from, through the outbox."""
    if update.effective_message is not None:
        await reply(context, update.effective_message, text)
