"""Cypher-injection payloads in string arguments are stored or matched literally."""

from __future__ import annotations

import pytest

from skillgraph.store import admin
from skillgraph.store.database import Database
from tests.e2e.conftest import Api

PAYLOADS = [
    "'",
    '"',
    "`",
    "$",
    "}",
    "//",
    "MATCH (n) DETACH DELETE n",
    "' OR 1=1 //",
    "x'}) MATCH (n) DETACH DELETE n //",
    "`Skill` {name: $name}",
    "${name}",
    "\\u0027; DROP",
    "名前 ✓ 🚀",
]

CREATES = {
    "createSkill": ("Skill", "name", "description"),
    "createProvider": ("Provider", "name", None),
    "createRole": ("Role", "title", "description"),
    "createPerson": ("Person", "name", "headline"),
}


@pytest.mark.parametrize("payload", PAYLOADS)
async def test_written_strings_come_back_unchanged(api: Api, db: Database, payload: str) -> None:
    for mutation, (_, name_field, text_field) in CREATES.items():
        fields = f"{name_field}: $p" + (f", {text_field}: $p" if text_field else "")
        selection = name_field + (f" {text_field}" if text_field else "")
        data = await api.data(
            f"mutation($p: String!) {{ {mutation}(input: {{{fields}}}) {{ {selection} }} }}",
            {"p": payload},
        )
        stored = data[mutation]
        assert stored[name_field] == payload.strip() or stored[name_field] == payload
        if text_field:
            assert stored[text_field] == payload
    counts = await admin.counts(db)
    assert counts == {"Person": 1, "Provider": 1, "Role": 1, "Skill": 1}


@pytest.mark.parametrize("payload", PAYLOADS)
async def test_filters_match_literally_and_delete_nothing(
    api: Api, db: Database, payload: str
) -> None:
    await api.data('mutation { createSkill(input: {name: "keep me"}) { id } }')
    await api.data('mutation { createRole(input: {title: "keep", employer: "ACME"}) { id } }')
    queries = [
        ("query($p: String) { skills(filter: {text: $p}) { totalCount } }", "skills"),
        ("query($p: String) { roles(filter: {employer: $p}) { totalCount } }", "roles"),
        ("query($p: String) { roles(filter: {text: $p}) { totalCount } }", "roles"),
        ("query($p: String!) { search(text: $p) { label } }", "search"),
    ]
    for query, _ in queries:
        body = await api.post(query, {"p": payload})
        for error in body.get("errors") or []:
            assert error["extensions"]["code"] == "BAD_USER_INPUT", error
    relation = await api.post(
        'mutation($p: String) { relateSkills(skillId: "skill_x", relatedId: "skill_y",'
        " relationType: $p) { id } }",
        {"p": payload},
    )
    assert relation["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assert await admin.counts(db) == {"Role": 1, "Skill": 1}
