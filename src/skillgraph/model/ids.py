"""Node ids: ``<prefix>_<token>``. The prefix names the type, so ``node(id:)`` needs no scan."""

from __future__ import annotations

import re
from enum import StrEnum
from uuid import NAMESPACE_URL, uuid4, uuid5

__all__ = ["NodeType", "id_for_uri", "new_id", "node_type_of", "valid_id"]

_TOKEN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$")


class NodeType(StrEnum):
    """Each value is the node's label; ``prefix`` starts its ids."""

    SKILL = "Skill"
    CREDENTIAL = "Credential"
    PROVIDER = "Provider"
    ROLE = "Role"
    PERSON = "Person"

    @property
    def prefix(self) -> str:
        return _PREFIXES[self]


_PREFIXES = {
    NodeType.SKILL: "skill",
    NodeType.CREDENTIAL: "cred",
    NodeType.PROVIDER: "prov",
    NodeType.ROLE: "role",
    NodeType.PERSON: "person",
}
_BY_PREFIX = {prefix: node_type for node_type, prefix in _PREFIXES.items()}


def new_id(node_type: NodeType) -> str:
    return f"{node_type.prefix}_{uuid4().hex}"


def id_for_uri(node_type: NodeType, uri: str) -> str:
    """The id a node imported by ``uri`` gets: stable across imports and databases."""
    return f"{node_type.prefix}_{uuid5(NAMESPACE_URL, uri).hex}"


def node_type_of(node_id: str) -> NodeType | None:
    """The type an id belongs to, or None when it is not a well-formed SkillGraph id."""
    prefix, sep, token = node_id.partition("_")
    if not sep or not _TOKEN.match(token):
        return None
    return _BY_PREFIX.get(prefix)


def valid_id(node_id: str, node_type: NodeType) -> bool:
    return node_type_of(node_id) is node_type
