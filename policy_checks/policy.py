"""The council's policy as data: for each rule its clause, action, threshold and word lists.

The defaults ship with the package (``data/policy.yaml``); a council's own file is laid over
them field by field. A file that cannot be used raises :class:`PolicyFileError` naming the
file, the line and the field.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any, Final

import yaml

from policy_checks.errors import PolicyFileError
from policy_checks.verdict import ENTITY_TYPES, RULE_IDS, Action

DEFAULT_POLICY_FILE: Final[str] = "policy.yaml"
_RULE_FIELDS: Final[frozenset[str]] = frozenset(
    {"clause", "action", "threshold", "words", "allow", "advice", "entities", "enabled"}
)
_ENTITY_FIELDS: Final[frozenset[str]] = frozenset({"action", "threshold", "enabled"})


@dataclass(frozen=True, slots=True)
class EntityPolicy:
    """Overrides for one personal-data entity type."""

    action: Action | None = None
    threshold: float | None = None
    enabled: bool = True


@dataclass(frozen=True, slots=True)
class RulePolicy:
    """How one rule is applied."""

    rule: str
    clause: str
    action: Action
    threshold: float = 0.5
    enabled: bool = True
    words: tuple[str, ...] = ()
    allow: tuple[str, ...] = ()
    advice: str | None = None
    entities: Mapping[str, EntityPolicy] = field(default_factory=dict)

    def action_for(self, entity: str | None) -> Action:
        """The action for a finding of this rule (and entity type, for personal data)."""
        override = self.entities.get(entity) if entity else None
        return override.action if override and override.action else self.action

    def threshold_for(self, entity: str | None) -> float:
        """The lowest score that counts as a finding."""
        override = self.entities.get(entity) if entity else None
        return override.threshold if override and override.threshold is not None else self.threshold

    def entity_enabled(self, entity: str) -> bool:
        """Whether findings of this entity type are reported at all."""
        override = self.entities.get(entity)
        return override.enabled if override else True


@dataclass(frozen=True, slots=True)
class Policy:
    """Every rule's policy, keyed by rule id."""

    rules: Mapping[str, RulePolicy]

    def __getitem__(self, rule: str) -> RulePolicy:
        return self.rules[rule]

    @property
    def enabled_rules(self) -> tuple[str, ...]:
        """Rule ids that are switched on, in the contract's order."""
        return tuple(rule for rule in RULE_IDS if self.rules[rule].enabled)


def load_policy(path: Path | None = None) -> Policy:
    """Load the default policy, then lay the file at ``path`` over it when given."""
    source = resources.files("policy_checks").joinpath("data", DEFAULT_POLICY_FILE)
    policy = _parse(source.read_text(encoding="utf-8"), f"<package>/{DEFAULT_POLICY_FILE}", None)
    if path is None:
        return policy
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise PolicyFileError(path, None, "file", "not found") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise PolicyFileError(path, None, "file", f"cannot be read ({exc})") from exc
    return _parse(text, str(path), policy)


def _parse(text: str, name: str, base: Policy | None) -> Policy:
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise PolicyFileError(name, line, "file", f"not valid YAML: {exc.problem}") from exc
    if root is None:
        if base is None:
            raise PolicyFileError(name, None, "rules", "the file is empty")
        return base
    top = _mapping(root, name, "file")
    rules_node = top.pop("rules", None)
    for key, (key_node, _) in top.items():
        raise PolicyFileError(name, _line(key_node), key, "unknown top-level field (use rules:)")
    if rules_node is None:
        raise PolicyFileError(name, _line(root), "rules", "missing")
    rules: dict[str, RulePolicy] = dict(base.rules) if base else {}
    for rule_id, (key_node, value_node) in _mapping(rules_node[1], name, "rules").items():
        if rule_id not in RULE_IDS:
            raise PolicyFileError(
                name, _line(key_node), f"rules.{rule_id}", f"unknown rule; use one of {RULE_IDS}"
            )
        rules[rule_id] = _rule(value_node, name, rule_id, rules.get(rule_id))
    missing = [rule for rule in RULE_IDS if rule not in rules]
    if missing:
        raise PolicyFileError(name, _line(root), "rules", f"missing rules {missing}")
    return Policy(rules=rules)


def _rule(node: yaml.Node, name: str, rule_id: str, base: RulePolicy | None) -> RulePolicy:
    where = f"rules.{rule_id}"
    fields = _mapping(node, name, where)
    for key, (key_node, _) in fields.items():
        if key not in _RULE_FIELDS:
            raise PolicyFileError(
                name,
                _line(key_node),
                f"{where}.{key}",
                f"unknown field; use {sorted(_RULE_FIELDS)}",
            )
    values = {key: _value(value_node) for key, (_, value_node) in fields.items()}
    if base is None:
        for required in ("clause", "action"):
            if required not in values:
                raise PolicyFileError(name, _line(node), f"{where}.{required}", "missing")
        base = RulePolicy(rule=rule_id, clause="", action=Action.ALLOW)
    changes: dict[str, Any] = {}
    for key, raw in values.items():
        key_node, value_node = fields[key]
        field_name = f"{where}.{key}"
        line = _line(value_node)
        if key in _SCALARS:
            changes[key] = _SCALARS[key](raw, name, line, field_name)
        elif key in ("words", "allow"):
            changes[key] = getattr(base, key) + _strings(raw, name, line, field_name)
        elif key == "entities":
            changes[key] = {**base.entities, **_entities(value_node, name, field_name)}
    return replace(base, **changes)


def _entities(node: yaml.Node, name: str, where: str) -> dict[str, EntityPolicy]:
    out: dict[str, EntityPolicy] = {}
    for entity, (key_node, value_node) in _mapping(node, name, where).items():
        if entity not in ENTITY_TYPES:
            raise PolicyFileError(name, _line(key_node), f"{where}.{entity}", "unknown entity type")
        fields = _mapping(value_node, name, f"{where}.{entity}")
        kwargs: dict[str, Any] = {}
        for key, (field_key_node, field_node) in fields.items():
            field_name = f"{where}.{entity}.{key}"
            if key in _ENTITY_FIELDS:
                kwargs[key] = _SCALARS[key](_value(field_node), name, _line(field_node), field_name)
            else:
                raise PolicyFileError(
                    name,
                    _line(field_key_node),
                    field_name,
                    f"unknown field; use {sorted(_ENTITY_FIELDS)}",
                )
        out[entity] = EntityPolicy(**kwargs)
    return out


def _mapping(node: yaml.Node, name: str, where: str) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    if not isinstance(node, yaml.MappingNode):
        raise PolicyFileError(name, _line(node), where, "expected a mapping of names to values")
    out: dict[str, tuple[yaml.Node, yaml.Node]] = {}
    for key_node, value_node in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        if not isinstance(key, str):
            raise PolicyFileError(name, _line(key_node), where, "keys must be names")
        if key in out:
            raise PolicyFileError(name, _line(key_node), f"{where}.{key}", "given twice")
        out[key] = (key_node, value_node)
    return out


def _value(node: yaml.Node) -> object:
    return yaml.SafeLoader(yaml.serialize(node)).get_single_data()


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def _string(raw: object, name: str, line: int, field_name: str) -> str:
    if not isinstance(raw, str) or not raw.strip():
        raise PolicyFileError(name, line, field_name, "expected non-empty text")
    return raw.strip()


def _strings(raw: object, name: str, line: int, field_name: str) -> tuple[str, ...]:
    if not isinstance(raw, list) or not all(isinstance(item, str) and item for item in raw):
        raise PolicyFileError(name, line, field_name, "expected a list of words or phrases")
    return tuple(str(item) for item in raw)


def _action(raw: object, name: str, line: int, field_name: str) -> Action:
    try:
        return Action(str(raw))
    except ValueError:
        raise PolicyFileError(
            name, line, field_name, f"expected one of allow, warn, block (got {raw!r})"
        ) from None


def _threshold(raw: object, name: str, line: int, field_name: str) -> float:
    if isinstance(raw, bool) or not isinstance(raw, int | float) or not 0 <= raw <= 1:
        raise PolicyFileError(name, line, field_name, "expected a number from 0 to 1")
    return float(raw)


def _boolean(raw: object, name: str, line: int, field_name: str) -> bool:
    if not isinstance(raw, bool):
        raise PolicyFileError(name, line, field_name, "expected true or false")
    return raw


# How each scalar field is read and checked.
_SCALARS: Final[dict[str, Callable[[object, str, int, str], object]]] = {
    "clause": _string,
    "advice": _string,
    "action": _action,
    "threshold": _threshold,
    "enabled": _boolean,
}
