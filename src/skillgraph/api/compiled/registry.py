"""Which GraphQL fields the compiled read path answers, and how each maps onto the graph.

Only the catalogue is here (Skill, Credential, Provider, Role): nothing that reaches a
Person, and no field computed by domain code (stats, Open Badges export, gaps, plans).
A selection using any field not listed falls back to the resolvers, so a new field is
never answered wrongly, only more slowly, until it is added here (and to the differential
test, which compares both paths on the same queries).

Every conversion reproduces what the type's ``from_record`` and Strawberry's scalar
serialisation produce for the same stored value; when a value would make the resolvers
raise (a missing name, an unknown enum value), the conversion raises :class:`Fallback`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Any

from skillgraph.api.types.credential import ENDORSED_BY, OFFERED_BY, PREREQUISITES, TEACHES
from skillgraph.api.types.provider import ENDORSES, OFFERS
from skillgraph.api.types.role import OCCUPATION, POSTINGS
from skillgraph.api.types.skill import BROADER, NARROWER, REQUIRED_BY, TAUGHT_BY
from skillgraph.model import enums
from skillgraph.model.ids import NodeType
from skillgraph.store.compiler import Mode, Special
from skillgraph.store.links import Link

__all__ = [
    "NODE_TYPES",
    "RELATIONS",
    "SCALARS",
    "Fallback",
    "Relation",
    "Scalar",
    "money",
]


class Fallback(Exception):
    """This request is answered by the resolvers instead (they raise the proper error)."""


Convert = Callable[[Any], Any]


def _str(value: Any) -> Any:
    if not isinstance(value, str):
        raise Fallback("a non-null string is missing")
    return value


def _opt_str(value: Any) -> Any:
    if value is None or isinstance(value, str):
        return value
    raise Fallback("not a string")


def _datetime(value: Any) -> Any:
    # The compiler sends createdAt/updatedAt as ISO text; serialise as the DateTime scalar
    # serialises the datetime the resolvers build from it.
    if not isinstance(value, str):
        raise Fallback("a timestamp is missing")
    return datetime.fromisoformat(value).isoformat()


def _opt_float(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise Fallback("not a number")
    return float(value)


def _opt_int(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or value != int(value):
        raise Fallback("not an integer")
    return int(value)


def _truthy(value: Any) -> Any:
    return bool(value)


def _opt_bool(value: Any) -> Any:
    if value is None or isinstance(value, bool):
        return value
    raise Fallback("not a boolean")


def _labels(value: Any) -> Any:
    labels = list(value or [])
    if not all(isinstance(v, str) for v in labels):
        raise Fallback("a label is not a string")
    return labels


def _enum(kind: type[Enum], default: str) -> Convert:
    allowed = {member.value for member in kind}

    def convert(value: Any) -> Any:
        value = value or default
        if value not in allowed:
            raise Fallback(f"{value!r} is not a {kind.__name__}")
        return value

    return convert


def _level(value: Any) -> Any:
    return int(value or 1)


@dataclass(frozen=True)
class Scalar:
    """A field read from one stored property."""

    prop: str
    convert: Convert


def money(amount: Any, currency: Any) -> tuple[str, str] | None:
    """(amount, currency) as the Money type serialises them, or None without a price."""
    if amount is None:
        return None
    try:
        text = str(Decimal(amount))
    except (InvalidOperation, TypeError, ValueError) as exc:
        raise Fallback("a stored amount is not a decimal") from exc
    return text, _str(currency)


_NODE = {
    "id": Scalar("id", _str),
    "uri": Scalar("uri", _opt_str),
    "createdAt": Scalar("createdAt", _datetime),
    "updatedAt": Scalar("updatedAt", _datetime),
    "altLabels": Scalar("altLabels", _labels),
}

SCALARS: dict[str, dict[str, Scalar]] = {
    "Skill": {
        **_NODE,
        "name": Scalar("name", _str),
        "description": Scalar("description", _opt_str),
        "type": Scalar("type", _enum(enums.SkillType, "SKILL")),
    },
    "Credential": {
        **_NODE,
        "name": Scalar("name", _str),
        "description": Scalar("description", _opt_str),
        "kind": Scalar("kind", _enum(enums.CredentialKind, "OTHER")),
        "durationHours": Scalar("durationHours", _opt_float),
        "format": Scalar("format", _enum(enums.CredentialFormat, "ONLINE")),
        "validityMonths": Scalar("validityMonths", _opt_int),
        "url": Scalar("url", _opt_str),
        "status": Scalar("status", _enum(enums.CredentialStatus, "ACTIVE")),
    },
    "Provider": {
        **_NODE,
        "name": Scalar("name", _str),
        "kind": Scalar("kind", _enum(enums.ProviderKind, "OTHER")),
        "url": Scalar("url", _opt_str),
        "country": Scalar("country", _opt_str),
        "accredited": Scalar("accredited", _truthy),
        "accreditations": Scalar("accreditations", _labels),
    },
    "Role": {
        **_NODE,
        "title": Scalar("title", _str),
        "description": Scalar("description", _opt_str),
        "kind": Scalar("kind", _enum(enums.RoleKind, "OCCUPATION")),
        "employer": Scalar("employer", _opt_str),
        "location": Scalar("location", _opt_str),
        "remote": Scalar("remote", _opt_bool),
        "iscoGroup": Scalar("iscoGroup", _opt_str),
    },
}

NODE_TYPES: dict[str, NodeType] = {
    "Skill": NodeType.SKILL,
    "Credential": NodeType.CREDENTIAL,
    "Provider": NodeType.PROVIDER,
    "Role": NodeType.ROLE,
}

# Money-valued fields: (amount property, currency property).
MONEY: dict[tuple[str, str], tuple[str, str]] = {
    ("Credential", "cost"): ("costAmount", "costCurrency"),
}


@dataclass(frozen=True)
class Relation:
    """A field leading to other catalogue nodes.

    ``wrapper`` is the object type around each child for lists of wrappers (SkillLevel,
    RelatedSkill, RoleRequirement), ``node_field`` the wrapper's field holding the child;
    for pages, ``connection`` and ``edge`` name the connection types and the edge's node
    field is ``node``. ``edge_fields`` are the wrapper's or edge's other fields: a
    relationship property and its conversion.
    """

    via: Link | Special
    mode: Mode
    child: str
    wrapper: str | None = None
    node_field: str = "node"
    connection: str | None = None
    edge: str | None = None
    edge_fields: tuple[tuple[str, str, Convert], ...] = ()


_LEVEL = ("level", "level", _level)

RELATIONS: dict[tuple[str, str], Relation] = {
    ("Skill", "broader"): Relation(BROADER, Mode.LIST, "Skill"),
    ("Skill", "narrower"): Relation(
        NARROWER, Mode.PAGE, "Skill", connection="SkillConnection", edge="SkillEdge"
    ),
    ("Skill", "related"): Relation(
        Special.RELATED, Mode.LIST, "Skill", wrapper="RelatedSkill", node_field="skill"
    ),
    ("Skill", "requiredBy"): Relation(
        REQUIRED_BY,
        Mode.PAGE,
        "Role",
        connection="SkillRequirementConnection",
        edge="SkillRequirementEdge",
        edge_fields=(
            ("importance", "importance", _enum(enums.Importance, "ESSENTIAL")),
            _LEVEL,
        ),
    ),
    ("Skill", "taughtBy"): Relation(
        TAUGHT_BY,
        Mode.PAGE,
        "Credential",
        connection="SkillTeachingConnection",
        edge="SkillTeachingEdge",
        edge_fields=(_LEVEL,),
    ),
    ("Credential", "provider"): Relation(OFFERED_BY, Mode.SINGLE, "Provider"),
    ("Credential", "teaches"): Relation(
        TEACHES, Mode.LIST, "Skill", wrapper="SkillLevel", node_field="skill", edge_fields=(_LEVEL,)
    ),
    ("Credential", "prerequisites"): Relation(
        PREREQUISITES,
        Mode.LIST,
        "Skill",
        wrapper="SkillLevel",
        node_field="skill",
        edge_fields=(_LEVEL,),
    ),
    ("Credential", "endorsedBy"): Relation(ENDORSED_BY, Mode.LIST, "Provider"),
    ("Provider", "credentials"): Relation(
        OFFERS, Mode.PAGE, "Credential", connection="CredentialConnection", edge="CredentialEdge"
    ),
    ("Provider", "endorses"): Relation(
        ENDORSES, Mode.PAGE, "Credential", connection="CredentialConnection", edge="CredentialEdge"
    ),
    ("Role", "requirements"): Relation(
        Special.REQUIREMENTS, Mode.LIST, "Skill", wrapper="RoleRequirement", node_field="skill"
    ),
    ("Role", "occupation"): Relation(OCCUPATION, Mode.SINGLE, "Role"),
    ("Role", "postings"): Relation(
        POSTINGS, Mode.PAGE, "Role", connection="RoleConnection", edge="RoleEdge"
    ),
}
