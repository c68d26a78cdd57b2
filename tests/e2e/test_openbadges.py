"""Open Badges 3.0 through GraphQL: import (mutation) and export (Credential.openBadge)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from skillgraph.store import admin
from skillgraph.store.database import Database
from tests.e2e.conftest import Api

FIXTURES = Path(__file__).parents[1] / "fixtures" / "openbadges"
IMPORT = """mutation($d: JSON!) { importOpenBadge(document: $d) {
  credentials { id uri name kind provider { uri name } teaches { skill { uri } level } }
  providers teaches awards unknownAlignments { path message } } }"""
TEAMWORK = "http://data.europa.eu/esco/skill/aaaaaaaa-0000-4000-8000-000000000009"


def fixture(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text())


async def make_skill(api: Api, uri: str, name: str) -> str:
    data = await api.data(
        "mutation($u: String!, $n: String!) { createSkill(input: {uri: $u, name: $n}) { id } }",
        {"u": uri, "n": name},
    )
    return str(data["createSkill"]["id"])


async def node_count(db: Database) -> int:
    return sum((await admin.counts(db)).values())


async def test_an_achievement_becomes_a_credential_teaching_known_skills(api: Api) -> None:
    document = fixture("achievement.json")
    for alignment in document.get("alignment", []):
        await make_skill(api, alignment["targetUrl"], alignment.get("targetName", "x"))
    result = (await api.data(IMPORT, {"d": document}))["importOpenBadge"]
    (credential,) = result["credentials"]
    assert credential["uri"] == document["id"]
    assert credential["name"] == document["name"]
    assert {t["skill"]["uri"] for t in credential["teaches"]} == {
        a["targetUrl"] for a in document.get("alignment", [])
    }
    assert result["unknownAlignments"] == []


async def test_alignments_to_unknown_skills_are_reported_not_written(api: Api) -> None:
    document = fixture("achievement.json")
    result = (await api.data(IMPORT, {"d": document}))["importOpenBadge"]
    assert result["teaches"] == 0
    assert len(result["unknownAlignments"]) == len(document["alignment"])
    assert result["unknownAlignments"][0]["path"].startswith("$.alignment[0]")


async def test_a_vc2_credential_awards_the_person_matched_by_email(api: Api) -> None:
    await make_skill(api, TEAMWORK, "work in teams")
    await api.data(
        'mutation { createPerson(input: {id: "person_s", name: "S", email: "student@example.edu"})'
        " { id } }"
    )
    result = (await api.data(IMPORT, {"d": fixture("credential_vc2.json")}))["importOpenBadge"]
    assert result["awards"] == 1
    assert result["credentials"][0]["provider"]["name"] == "Example Corp"
    person = await api.data(
        '{ person(id: "person_s") { credentials { issuedAt expiresAt status active'
        " credential { name } } } }"
    )
    (award,) = person["person"]["credentials"]
    assert award["issuedAt"].startswith("2010-01-01")
    assert award["expiresAt"].startswith("2030-01-01")
    assert award["credential"]["name"] == "Teamwork"


async def test_the_vc11_shape_is_read_too(api: Api) -> None:
    await api.data(
        'mutation { createPerson(input: {name: "Ada", email: "ada@example.org"}) { id } }'
    )
    result = (await api.data(IMPORT, {"d": fixture("credential_vc11.json")}))["importOpenBadge"]
    assert result["awards"] == 1


async def test_an_unknown_earner_writes_nothing(api: Api, db: Database) -> None:
    error = await api.error(IMPORT, {"d": fixture("credential_vc2.json")})
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "student@example.edu" in error["extensions"]["problems"][0]["message"]
    assert await node_count(db) == 0


async def test_a_malformed_document_names_the_json_path_and_writes_nothing(
    api: Api, db: Database
) -> None:
    error = await api.error(
        IMPORT, {"d": [fixture("achievement.json"), fixture("missing_name.json")]}
    )
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    paths = [p["path"] for p in error["extensions"]["problems"]]
    assert any(path.startswith("$[1]") and "name" in path for path in paths), paths
    assert await node_count(db) == 0


async def test_importing_twice_changes_nothing(api: Api, db: Database) -> None:
    document = fixture("achievement.json")
    first = (await api.data(IMPORT, {"d": document}))["importOpenBadge"]
    second = (await api.data(IMPORT, {"d": document}))["importOpenBadge"]
    assert first["credentials"][0]["id"] == second["credentials"][0]["id"]
    assert await node_count(db) == 2  # the credential and its creator


async def test_export_wipe_import_reproduces_the_credential(api: Api) -> None:
    skill_uri = "http://data.europa.eu/esco/skill/00000000-0000-4000-8000-000000000001"
    await make_skill(api, skill_uri, "use Python")
    await api.data(
        'mutation { createProvider(input: {id: "prov_x", name: "X Academy", '
        'url: "https://x.example"}) { id } }'
    )
    created = await api.data(
        'mutation { createCredential(input: {name: "Python Basics", providerId: "prov_x", '
        'kind: MICRO_CREDENTIAL, description: "Learn it", url: "https://x.example/py"}) { id } }'
    )
    cid = created["createCredential"]["id"]
    skills = await api.data("{ skills { edges { node { id } } } }")
    await api.data(
        "mutation($c: ID!, $s: ID!) { setCredentialTeaches(credentialId: $c, skillId: $s) { id } }",
        {"c": cid, "s": skills["skills"]["edges"][0]["node"]["id"]},
    )
    exported = await api.data("query($c: ID!) { credential(id: $c) { openBadge } }", {"c": cid})
    document = exported["credential"]["openBadge"]
    (alignment,) = document["alignment"]
    assert alignment["targetUrl"] == skill_uri
    assert alignment["targetFramework"] == "ESCO"
    assert alignment["targetName"] == "use Python"
    await api.data('mutation { deleteProvider(id: "prov_x", cascade: true) { id } }')
    result = (await api.data(IMPORT, {"d": document}))["importOpenBadge"]
    (again,) = result["credentials"]
    assert again["name"] == "Python Basics"
    assert again["kind"] == "MICRO_CREDENTIAL"
    assert again["provider"]["name"] == "X Academy"
    assert [t["skill"]["uri"] for t in again["teaches"]] == [skill_uri]
