from __future__ import annotations

import json
from typing import Any
from uuid import UUID

import pytest
from hypothesis import given
from hypothesis import strategies as st

from skillgraph.importers import OpenBadgesBundle, achievement_document, parse_openbadges
from skillgraph.importers.achievement import document_id
from skillgraph.model.enums import CredentialKind

ESCO_SKILL = "http://data.europa.eu/esco/skill/aaaaaaaa-0000-4000-8000-000000000001"
CREDENTIAL = {
    "uri": "https://skillgraph.example/credentials/python",
    "name": "Python Foundations",
    "description": "Write and debug small Python programs.",
    "kind": "MICRO_CREDENTIAL",
    "url": "https://example.com/python",
}
PROVIDER = {"uri": "https://example.com", "name": "Example Corp", "url": "https://example.com/"}
TEACHES: list[dict[str, Any]] = [
    {"uri": ESCO_SKILL, "name": "Python", "level": 3},
    {"uri": "https://skills.example/teamwork", "name": "teamwork"},
]


def round_trip(document: dict[str, Any]) -> OpenBadgesBundle:
    return parse_openbadges(json.loads(json.dumps(document)))


def test_the_document_is_an_ob3_achievement() -> None:
    document = achievement_document(CREDENTIAL, PROVIDER, TEACHES)
    assert document == {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ],
        "id": "https://skillgraph.example/credentials/python",
        "type": ["Achievement"],
        "name": "Python Foundations",
        "description": "Write and debug small Python programs.",
        "achievementType": "MicroCredential",
        "criteria": {
            "id": "https://example.com/python",
            "narrative": "Earn Python Foundations from Example Corp.",
        },
        "creator": {
            "id": "https://example.com",
            "type": ["Profile"],
            "name": "Example Corp",
            "url": "https://example.com/",
        },
        "alignment": [
            {
                "type": ["Alignment"],
                "targetUrl": ESCO_SKILL,
                "targetName": "Python",
                "targetType": "ceasn:Competency",
                "targetFramework": "ESCO",
            },
            {
                "type": ["Alignment"],
                "targetUrl": "https://skills.example/teamwork",
                "targetName": "teamwork",
                "targetType": "ceasn:Competency",
            },
        ],
    }


def test_a_node_without_uri_gets_a_urn_from_its_id() -> None:
    token = "0f8fad5bd9cb469fa16570867728950e"
    assert document_id({"id": f"cred_{token}"}) == UUID(token).urn
    assert document_id({"id": "cred_handmade"}) == document_id({"id": "cred_handmade"})
    assert document_id({"id": "cred_handmade"}).startswith("urn:uuid:")
    with pytest.raises(ValueError, match="uri or an id"):
        document_id({"name": "x"})


def test_without_provider_or_skills_there_is_no_creator_or_alignment() -> None:
    document = achievement_document({"id": "cred_x", "name": "X", "kind": "OTHER"}, None, [])
    assert "creator" not in document
    assert "alignment" not in document
    assert "achievementType" not in document
    assert document["criteria"] == {"narrative": "Earn X."}
    assert document["description"] == ""


def test_nanodegree_uses_an_extension_type() -> None:
    document = achievement_document(CREDENTIAL | {"kind": "NANODEGREE"}, PROVIDER, [])
    assert document["achievementType"] == "ext:Nanodegree"


def test_a_nameless_credential_is_refused() -> None:
    with pytest.raises(ValueError, match="credential needs a name"):
        achievement_document({"uri": "urn:x"}, None, [])


@pytest.mark.parametrize("kind", list(CredentialKind))
def test_parsing_the_export_reproduces_the_credential(kind: CredentialKind) -> None:
    bundle = round_trip(achievement_document(CREDENTIAL | {"kind": kind}, PROVIDER, TEACHES))
    [credential] = bundle.credentials
    assert (credential.uri, credential.name, credential.description, credential.kind) == (
        CREDENTIAL["uri"],
        CREDENTIAL["name"],
        CREDENTIAL["description"],
        kind,
    )
    assert credential.url == CREDENTIAL["url"]
    [provider] = bundle.providers
    assert (provider.uri, provider.name, provider.url) == (
        PROVIDER["uri"],
        PROVIDER["name"],
        PROVIDER["url"],
    )
    assert credential.provider_uri == PROVIDER["uri"]
    assert [t.skill_uri for t in bundle.teaches] == [t["uri"] for t in TEACHES]


names = st.text(min_size=1, max_size=300).map(str.strip).filter(bool)
uris = st.from_regex(r"\Ahttps://[a-z]{1,12}\.example/[a-z0-9]{1,20}\Z")


@given(
    name=names,
    description=st.one_of(st.none(), st.text(max_size=500).map(str.strip).filter(bool)),
    kind=st.sampled_from(CredentialKind),
    provider_name=names,
    skills=st.lists(uris, unique=True, max_size=5),
)
def test_any_credential_survives_the_round_trip(
    name: str,
    description: str | None,
    kind: CredentialKind,
    provider_name: str,
    skills: list[str],
) -> None:
    credential = {"id": "cred_x", "name": name, "description": description, "kind": kind.value}
    provider = {"id": "prov_y", "name": provider_name}
    teaches = [{"uri": uri, "name": f"skill {n}"} for n, uri in enumerate(skills)]
    bundle = round_trip(achievement_document(credential, provider, teaches))
    [parsed] = bundle.credentials
    assert (parsed.name, parsed.description, parsed.kind) == (name, description, kind)
    assert bundle.providers[0].name == provider_name
    assert [t.skill_uri for t in bundle.teaches] == skills
