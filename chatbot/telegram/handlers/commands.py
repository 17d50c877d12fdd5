"""Commands: help and policy for everyone; membership and strikes for the officers."""

from __future__ import annotations

from collections.abc import Coroutine
from datetime import UTC, datetime
from typing import Any

from telegram import Update

from chatbot.core.access import Role, commands_for
from chatbot.core.wording import RULE_NAMES
from chatbot.members.service import MembershipError, MemberView
from chatbot.record.service import NewEntry
from chatbot.telegram.context import BotContext
from chatbot.telegram.handlers.guard import requires_role
from chatbot.telegram.handlers.reply import reply
from policy_checks import RULE_IDS


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


@requires_role("policy")
async def show_policy(update: Update, context: BotContext, member: MemberView) -> None:  # noqa: ARG001
    """Quote the policy clause behind each rule (or one rule)."""
    policy = context.services.moderation.policy
    wanted = [a for a in (context.args or []) if a in RULE_IDS] or list(policy.enabled_rules)
    lines = []
    for rule in wanted:
        settings = policy[rule]
        lines.append(f"{RULE_NAMES[rule]} ({rule}, {settings.action.value}):\n“{settings.clause}”")
    await _reply(update, context, "\n\n".join(lines))


@requires_role("members")
async def list_members(update: Update, context: BotContext, member: MemberView) -> None:  # noqa: ARG001
    """The council's members, roles and monitors."""
    members = await context.services.members.members()
    lines = [
        f"{m.name} — {m.role.label}{' (monitor)' if m.monitor else ''} — id {m.telegram_id}"
        for m in members
    ]
    await _reply(update, context, "\n".join(lines) or "No members are registered.")


@requires_role("invite")
async def invite_member(update: Update, context: BotContext, member: MemberView) -> None:
    """Create a one-time invitation: ``/invite councillor Ann Example``."""
    args = context.args or []
    if len(args) < 2 or args[0] not in {r.value for r in Role}:
        await _reply(
            update,
            context,
            "Usage: /invite <role> <full name>. Roles: " + ", ".join(r.value for r in Role),
        )
        return
    name = " ".join(args[1:])
    try:
        code = await context.services.members.invite(
            actor=member.telegram_id, name=name, role=Role(args[0])
        )
    except MembershipError as exc:
        await _reply(update, context, str(exc))
        return
    username = context.bot.username
    await _reply(
        update,
        context,
        f"Invitation for {name} ({Role(args[0]).label}), valid for 7 days and usable once:\n"
        f"https://t.me/{username}?start={code}\n"
        f"or they can send /start {code} to me.",
    )


@requires_role("role")
async def change_role(update: Update, context: BotContext, member: MemberView) -> None:
    """Change a member's role: ``/role 1002 chair``."""
    args = context.args or []
    if (
        len(args) != 2
        or not args[0].lstrip("-").isdigit()
        or args[1] not in {r.value for r in Role}
    ):
        await _reply(update, context, "Usage: /role <telegram id> <role>")
        return
    before = await context.services.members.member(int(args[0]))
    changed = await _membership(
        update,
        context,
        context.services.members.change_role(
            actor=member.telegram_id, telegram_id=int(args[0]), role=Role(args[1])
        ),
        "now has the role",
    )
    await _record_stand_down(context, member, before, changed)


@requires_role("remove")
async def remove_member(update: Update, context: BotContext, member: MemberView) -> None:
    """Remove a member: ``/remove 1002``."""
    args = context.args or []
    if len(args) != 1 or not args[0].isdigit():
        await _reply(update, context, "Usage: /remove <telegram id>")
        return
    before = await context.services.members.member(int(args[0]))
    removed = await _membership(
        update,
        context,
        context.services.members.remove(actor=member.telegram_id, telegram_id=int(args[0])),
        "was removed",
    )
    await _record_stand_down(context, member, before, removed)


@requires_role("monitor")
async def nominate_monitor(update: Update, context: BotContext, member: MemberView) -> None:
    """Nominate or stand down a monitor: ``/monitor 1002 on``."""
    args = context.args or []
    if len(args) != 2 or not args[0].isdigit() or args[1] not in {"on", "off"}:
        await _reply(update, context, "Usage: /monitor <telegram id> on|off")
        return
    services, telegram_id, monitor = context.services, int(args[0]), args[1] == "on"
    before = await services.members.member(telegram_id)
    if before is not None and before.monitor == monitor:
        await _reply(
            update, context, f"{before.name} {'is already' if monitor else 'is not'} a monitor."
        )
        return
    try:
        changed = await services.members.set_monitor(
            actor=member.telegram_id, telegram_id=telegram_id, monitor=monitor
        )
    except MembershipError as exc:
        await _reply(update, context, str(exc))
        return
    # Nominations and stand-downs are on the official record: who, whom, when.
    seq = await services.record.append(monitor_entry(member, changed, at=datetime.now(UTC)))
    where = f"entry {seq}" if seq is not None else "it will be numbered when the database is back"
    await _reply(
        update,
        context,
        f"{changed.name} {'is now' if monitor else 'is no longer'} a monitor "
        f"(on the council record: {where}).",
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


@requires_role("strikes")
async def list_strikes(update: Update, context: BotContext, member: MemberView) -> None:  # noqa: ARG001
    """Active strikes per sender."""
    strikes = await context.services.moderation.strikes()
    counts: dict[int, int] = {}
    for strike in strikes:
        counts[strike.telegram_user_id] = counts.get(strike.telegram_user_id, 0) + 1
    window = context.services.moderation.settings.strike_window.days
    lines = [
        f"id {user}: {count} strike(s)"
        for user, count in sorted(counts.items(), key=lambda i: -i[1])
    ]
    await _reply(
        update, context, f"Strikes in the last {window} days:\n" + ("\n".join(lines) or "none")
    )


@requires_role("pardon")
async def pardon(update: Update, context: BotContext, member: MemberView) -> None:
    """Clear a sender's strikes: ``/pardon 1002``."""
    args = context.args or []
    if len(args) != 1 or not args[0].isdigit():
        await _reply(update, context, "Usage: /pardon <telegram id>")
        return
    cleared = await context.services.moderation.pardon(int(args[0]), by=member.telegram_id)
    await _reply(update, context, f"Cleared {cleared} strike(s) for id {args[0]}.")


async def _membership(
    update: Update, context: BotContext, change: Coroutine[Any, Any, MemberView], what: str
) -> MemberView | None:
    try:
        result = await change
    except MembershipError as exc:
        await _reply(update, context, str(exc))
        return None
    detail = f" {result.role.label}" if what == "now has the role" else ""
    await _reply(update, context, f"{result.name} {what}{detail}.")
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
