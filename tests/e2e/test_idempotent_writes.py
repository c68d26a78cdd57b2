"""Writes with client-chosen ids are idempotent: a repeated create (e.g. a retry after a lost
response) returns the same node; the same id with other values is a CONFLICT."""

from __future__ import annotations

from skillgraph.store import admin
from skillgraph.store.database import Database
from tests.e2e.conftest import Api

CREATE = """mutation($name: String!) {
  createSkill(input: {id: "skill_client_1", uri: "https://x.example/c1", name: $name}) {
    id name createdAt } }"""


async def test_repeating_a_create_returns_the_same_node(api: Api, db: Database) -> None:
    first = await api.data(CREATE, {"name": "Python"})
    again = await api.data(CREATE, {"name": "Python"})
    assert again == first
    assert await admin.counts(db) == {"Skill": 1}


async def test_the_same_id_with_other_values_is_a_conflict(api: Api) -> None:
    await api.data(CREATE, {"name": "Python"})
    error = await api.error(CREATE, {"name": "Java"})
    assert error["extensions"] == {"field": "id", "code": "CONFLICT"}


async def test_repeating_a_credential_create_checks_its_provider_too(api: Api) -> None:
    await api.data(
        'mutation { a: createProvider(input: {id: "prov_a", name: "A"}) { id }'
        ' b: createProvider(input: {id: "prov_b", name: "B"}) { id } }'
    )
    create = (
        'mutation($p: ID!) { createCredential(input: {id: "cred_c", name: "C", providerId: $p,'
        ' cost: {amount: "10", currency: "EUR"}}) { id } }'
    )
    await api.data(create, {"p": "prov_a"})
    assert (await api.data(create, {"p": "prov_a"}))["createCredential"]["id"] == "cred_c"
    error = await api.error(create, {"p": "prov_b"})
    assert error["extensions"]["code"] == "CONFLICT"
