"""Root lookups over HTTP: by id or uri, Relay node/nodes."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import Api

TYPES = {
    "Skill": "skill",
    "Provider": "provider",
    "Credential": "credential",
    "Role": "role",
    "Person": "person",
}
PREFIX = {
    "Skill": "skill",
    "Provider": "prov",
    "Credential": "cred",
    "Role": "role",
    "Person": "person",
}


async def make(api: Api, type_: str, name: str = "Thing", **values: Any) -> str:
    values = {("title" if type_ == "Role" else "name"): name, **values}
    if type_ == "Credential" and "providerId" not in values:
        values["providerId"] = await make(api, "Provider", "Acme")
    mutation = f"mutation($i: Create{type_}Input!) {{ create{type_}(input: $i) {{ id }} }}"
    return str((await api.data(mutation, {"i": values}))[f"create{type_}"]["id"])


def lookup(type_: str, args: str) -> str:
    declared = [d for v, d in [("$id", "$id: ID"), ("$uri", "$uri: String")] if v in args]
    return f"query({', '.join(declared)}) {{ {TYPES[type_]}({args}) {{ __typename id uri }} }}"


@pytest.mark.parametrize("type_", list(TYPES))
async def test_a_node_is_found_by_id_and_by_uri(api: Api, type_: str) -> None:
    node_id = await make(api, type_, uri="https://example.org/one")
    by_id = await api.data(lookup(type_, "id: $id"), {"id": node_id})
    by_uri = await api.data(lookup(type_, "uri: $uri"), {"uri": "https://example.org/one"})
    expected = {"__typename": type_, "id": node_id, "uri": "https://example.org/one"}
    assert by_id[TYPES[type_]] == by_uri[TYPES[type_]] == expected


@pytest.mark.parametrize("type_", list(TYPES))
@pytest.mark.parametrize("given", ["neither", "both"])
async def test_a_lookup_needs_exactly_one_of_id_and_uri(api: Api, type_: str, given: str) -> None:
    node_id = await make(api, type_, uri="https://example.org/one")
    both = {"id": node_id, "uri": "https://example.org/one"}
    variables = both if given == "both" else {"id": None, "uri": None}
    error = await api.error(lookup(type_, "id: $id, uri: $uri"), variables)
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["extensions"]["field"] == "id"


@pytest.mark.parametrize("type_", list(TYPES))
async def test_an_unknown_id_or_uri_is_not_found(api: Api, type_: str) -> None:
    missing_id = await api.error(lookup(type_, "id: $id"), {"id": f"{PREFIX[type_]}_missing"})
    missing_uri = await api.error(lookup(type_, "uri: $uri"), {"uri": "https://example.org/no"})
    assert missing_id["extensions"]["code"] == missing_uri["extensions"]["code"] == "NOT_FOUND"


async def test_an_id_of_another_type_is_not_found(api: Api) -> None:
    skill = await make(api, "Skill", "Python")
    error = await api.error(lookup("Role", "id: $id"), {"id": skill})
    assert error["extensions"]["code"] == "NOT_FOUND"


NODE = "query($id: ID!) { node(id: $id) { __typename id } }"


@pytest.mark.parametrize("type_", list(TYPES))
async def test_node_resolves_any_type_from_its_id(api: Api, type_: str) -> None:
    node_id = await make(api, type_, "Named")
    node = (await api.data(NODE, {"id": node_id}))["node"]
    assert (node["__typename"], node["id"]) == (type_, node_id)


@pytest.mark.parametrize("node_id", ["skill_missing", "nope", "thing_1", ""])
async def test_node_with_an_unknown_id_is_not_found(api: Api, node_id: str) -> None:
    error = await api.error(NODE, {"id": node_id})
    assert error["extensions"]["code"] == "NOT_FOUND"


async def test_nodes_keep_the_order_asked_with_null_for_unknown_ids(api: Api) -> None:
    skill, role = await make(api, "Skill", "Python"), await make(api, "Role", "Dev")
    query = "query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }"
    ids = [role, "skill_missing", "garbage", skill, role]
    found = (await api.data(query, {"ids": ids}))["nodes"]
    assert found == [
        {"__typename": "Role", "id": role},
        None,
        None,
        {"__typename": "Skill", "id": skill},
        {"__typename": "Role", "id": role},
    ]


async def test_nodes_of_one_type_are_loaded_in_one_round_trip(api: Api) -> None:
    ids = [await make(api, "Skill", f"s{i}") for i in range(5)]
    query = "query($ids: [ID!]!) { nodes(ids: $ids) { id } }"
    before = api.server.database.round_trips
    found = (await api.data(query, {"ids": ids}))["nodes"]
    assert [node["id"] for node in found] == ids
    assert api.server.database.round_trips - before == 1


async def test_more_than_250_ids_is_bad_user_input(api: Api) -> None:
    query = "query($ids: [ID!]!) { nodes(ids: $ids) { id } }"
    error = await api.error(query, {"ids": [f"skill_{i}" for i in range(251)]})
    assert (error["extensions"]["code"], error["extensions"]["field"]) == ("BAD_USER_INPUT", "ids")


async def test_a_person_email_is_visible_to_the_development_admin(api: Api) -> None:
    person = await make(api, "Person", "Ada", email="ada@example.org")
    query = "query($id: ID!) { person(id: $id) { email } }"
    assert (await api.data(query, {"id": person}))["person"]["email"] == "ada@example.org"


async def test_the_api_version_is_served(api: Api) -> None:
    assert (await api.data("{ apiVersion }"))["apiVersion"]
