"""Open Badges 3.0 Achievement documents built from graph credentials, and the mapping between
``achievementType`` and CredentialKind used both ways.

``achievementType`` has no value for NANODEGREE, so it is exported as the extension value
``ext:Nanodegree`` (read back as NANODEGREE); OTHER is exported without ``achievementType``.
Any other ``ext:`` value, and any type SkillGraph does not model (Degree, Award, ...), reads
as OTHER. Provider kind has no Open Badges field and is not exported.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from skillgraph.model.enums import CredentialKind

__all__ = [
    "ESCO_PREFIX",
    "OB3_CONTEXT",
    "achievement_document",
    "achievement_type",
    "credential_kind",
    "document_id",
]

OB3_CONTEXT = (
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
)
ESCO_PREFIX = "http://data.europa.eu/esco/"

_KINDS = {
    "Badge": CredentialKind.BADGE,
    "MicroCredential": CredentialKind.MICRO_CREDENTIAL,
    "Certificate": CredentialKind.CERTIFICATE,
    "Certification": CredentialKind.CERTIFICATION,
    "Course": CredentialKind.COURSE,
    "ext:Nanodegree": CredentialKind.NANODEGREE,
}
_TYPES = {kind: name for name, kind in _KINDS.items()}


def credential_kind(achievement_type: str | None) -> CredentialKind:
    return _KINDS.get(achievement_type or "", CredentialKind.OTHER)


def achievement_type(kind: CredentialKind) -> str | None:
    return _TYPES.get(kind)


def document_id(node: Mapping[str, Any]) -> str:
    """The node's ``uri``; else a ``urn:uuid:`` derived from its SkillGraph ``id`` (the uuid in
    the id when it holds one, else a stable uuid5). ValueError when it has neither."""
    uri = node.get("uri")
    if isinstance(uri, str) and uri:
        return uri
    node_id = node.get("id")
    if not isinstance(node_id, str) or not node_id:
        raise ValueError("the node needs a uri or an id")
    try:
        return UUID(hex=node_id.partition("_")[2]).urn
    except ValueError:
        return uuid5(NAMESPACE_URL, f"skillgraph:{node_id}").urn


def achievement_document(
    credential: Mapping[str, Any],
    provider: Mapping[str, Any] | None,
    teaches: Iterable[Mapping[str, Any]],
) -> dict[str, Any]:
    """An OB 3.0 Achievement for a credential.

    ``credential`` has name, and uri or id, optionally description, kind, url; ``provider``
    has name, and uri or id, optionally url; each ``teaches`` item is a skill with uri (or id)
    and name. The url goes to ``criteria.id``. Raises ValueError on a missing name or id, or
    an unknown kind.
    """
    name = _required_name(credential, "credential")
    document: dict[str, Any] = {
        "@context": list(OB3_CONTEXT),
        "id": document_id(credential),
        "type": ["Achievement"],
        "name": name,
        "description": credential.get("description") or "",
    }
    exported_type = achievement_type(CredentialKind(credential.get("kind") or "OTHER"))
    if exported_type is not None:
        document["achievementType"] = exported_type
    criteria: dict[str, Any] = {}
    if credential.get("url"):
        criteria["id"] = credential["url"]
    if provider is None:
        criteria["narrative"] = f"Earn {name}."
    else:
        provider_name = _required_name(provider, "provider")
        criteria["narrative"] = f"Earn {name} from {provider_name}."
        creator: dict[str, Any] = {
            "id": document_id(provider),
            "type": ["Profile"],
            "name": provider_name,
        }
        if provider.get("url"):
            creator["url"] = provider["url"]
        document["creator"] = creator
    document["criteria"] = criteria
    alignment = [_alignment(skill) for skill in teaches]
    if alignment:
        document["alignment"] = alignment
    return document


def _required_name(node: Mapping[str, Any], what: str) -> str:
    name = node.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ValueError(f"the {what} needs a name")
    return name


def _alignment(skill: Mapping[str, Any]) -> dict[str, Any]:
    uri = document_id(skill)
    entry: dict[str, Any] = {
        "type": ["Alignment"],
        "targetUrl": uri,
        "targetName": skill.get("name") or uri,
        "targetType": "ceasn:Competency",
    }
    if uri.startswith(ESCO_PREFIX):
        entry["targetFramework"] = "ESCO"
    return entry
