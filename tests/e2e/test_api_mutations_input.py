"""BAD_USER_INPUT over HTTP: the field is named and nothing is written."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import Api

CREDENTIAL = "id name cost { amount currency } durationHours validityMonths provider { id }"
COUNTS = """{
  Skill: skills { totalCount } Provider: providers { totalCount }
  Credential: credentials { totalCount } Role: roles { totalCount } Person: people { totalCount }
}"""


async def create(api: Api, type_: str, fields: str = "id", **values: Any) -> dict[str, Any]:
    mutation = f"mutation($i: Create{type_}Input!) {{ create{type_}(input: $i) {{ {fields} }} }}"
    created: dict[str, Any] = (await api.data(mutation, {"i": values}))[f"create{type_}"]
    return created


async def make_credential(api: Api, **values: Any) -> dict[str, Any]:
    provider = await create(api, "Provider", name="Acme")
    return await create(
        api, "Credential", CREDENTIAL, name="Cert", providerId=provider["id"], **values
    )


async def bad_input(api: Api, query: str, variables: dict[str, Any] | None = None) -> str:
    """The ``extensions.field`` of a BAD_USER_INPUT error."""
    error = await api.error(query, variables)
    assert error["extensions"]["code"] == "BAD_USER_INPUT", error
    assert error["message"]
    field: str = error["extensions"].get("field")
    return field


async def counts(api: Api) -> dict[str, int]:
    return {k: v["totalCount"] for k, v in (await api.data(COUNTS)).items()}


async def credential(api: Api, cred_id: str) -> dict[str, Any]:
    query = f"query($id: ID!) {{ credential(id: $id) {{ {CREDENTIAL} }} }}"
    found: dict[str, Any] = (await api.data(query, {"id": cred_id}))["credential"]
    return found


CREATE_CREDENTIAL = "mutation($i: CreateCredentialInput!) { createCredential(input: $i) { id } }"
UPDATE_CREDENTIAL = (
    "mutation($id: ID!, $i: UpdateCredentialInput!) { updateCredential(id: $id, input: $i) { id } }"
)
BAD_COSTS = [
    ({"amount": "-1", "currency": "EUR"}, "cost.amount"),
    ({"amount": "10", "currency": "XXX"}, "cost.currency"),
    ({"amount": "10", "currency": "EURO"}, "cost.currency"),
    ({"amount": "1.234", "currency": "EUR"}, "cost"),
    ({"amount": "1.5", "currency": "JPY"}, "cost"),
    ({"amount": "1.2345", "currency": "KWD"}, "cost"),
]


@pytest.mark.parametrize(("cost", "field"), BAD_COSTS)
async def test_a_bad_cost_on_create_names_the_field_and_writes_nothing(
    api: Api, cost: dict[str, str], field: str
) -> None:
    provider = await create(api, "Provider", name="Acme")
    values = {"name": "Cert", "providerId": provider["id"], "cost": cost}
    assert await bad_input(api, CREATE_CREDENTIAL, {"i": values}) == field
    assert (await counts(api))["Credential"] == 0


@pytest.mark.parametrize(("cost", "field"), BAD_COSTS)
async def test_a_bad_cost_on_update_names_the_field_and_changes_nothing(
    api: Api, cost: dict[str, str], field: str
) -> None:
    cred = await make_credential(api, cost={"amount": "5", "currency": "EUR"})
    variables = {"id": cred["id"], "i": {"name": "Renamed", "cost": cost}}
    assert await bad_input(api, UPDATE_CREDENTIAL, variables) == field
    assert await credential(api, cred["id"]) == cred


async def test_the_currency_decides_how_many_decimals_are_allowed(api: Api) -> None:
    kwd = await make_credential(api, cost={"amount": "1.234", "currency": "KWD"})
    jpy = await make_credential(api, cost={"amount": "1500", "currency": "jpy"})
    assert kwd["cost"] == {"amount": "1.234", "currency": "KWD"}
    assert jpy["cost"] == {"amount": "1500", "currency": "JPY"}


@pytest.mark.parametrize(
    ("values", "field"),
    [({"durationHours": -1}, "durationHours"), ({"validityMonths": 0}, "validityMonths")],
)
async def test_out_of_range_credential_numbers(
    api: Api, values: dict[str, Any], field: str
) -> None:
    provider = await create(api, "Provider", name="Acme")
    variables = {"i": {"name": "Cert", "providerId": provider["id"], **values}}
    assert await bad_input(api, CREATE_CREDENTIAL, variables) == field
    assert (await counts(api))["Credential"] == 0


async def test_an_unknown_provider_is_bad_user_input_and_writes_nothing(api: Api) -> None:
    variables = {"i": {"name": "Cert", "providerId": "prov_missing"}}
    assert await bad_input(api, CREATE_CREDENTIAL, variables) == "providerId"
    assert (await counts(api))["Credential"] == 0


async def test_moving_a_credential_to_an_unknown_provider_changes_nothing(api: Api) -> None:
    cred = await make_credential(api)
    variables = {"id": cred["id"], "i": {"name": "Renamed", "providerId": "prov_missing"}}
    assert await bad_input(api, UPDATE_CREDENTIAL, variables) == "providerId"
    assert await credential(api, cred["id"]) == cred


@pytest.mark.parametrize(
    ("type_", "values", "field"),
    [
        ("Skill", {"name": ""}, "name"),
        ("Skill", {"name": "   "}, "name"),
        ("Provider", {"name": ""}, "name"),
        ("Role", {"title": ""}, "title"),
        ("Person", {"name": ""}, "name"),
        ("Person", {"name": "Ada", "email": "not-an-email"}, "email"),
        ("Person", {"name": "Ada", "email": "ada@example"}, "email"),
        ("Skill", {"name": "Go", "uri": "not a uri"}, "uri"),
        ("Skill", {"name": "Go", "uri": "example.org/go"}, "uri"),
        ("Skill", {"name": "Go", "id": "cred_go"}, "id"),
        ("Skill", {"name": "Go", "id": "skill_"}, "id"),
        ("Skill", {"name": "Go", "id": "go"}, "id"),
        ("Provider", {"name": "Acme", "country": "Germany"}, "country"),
        ("Provider", {"name": "Acme", "url": "acme.example"}, "url"),
        ("Role", {"title": "Dev", "iscoGroup": "25123"}, "iscoGroup"),
    ],
)
async def test_an_invalid_create_names_the_field_and_writes_nothing(
    api: Api, type_: str, values: dict[str, Any], field: str
) -> None:
    mutation = f"mutation($i: Create{type_}Input!) {{ create{type_}(input: $i) {{ id }} }}"
    assert await bad_input(api, mutation, {"i": values}) == field
    assert await counts(api) == {
        t: 0 for t in ["Skill", "Provider", "Credential", "Role", "Person"]
    }


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": None}, "name"),
        ({"uri": "nope"}, "uri"),
        ({"email": "nope"}, "email"),
    ],
)
async def test_an_invalid_update_names_the_field_and_changes_nothing(
    api: Api, values: dict[str, Any], field: str
) -> None:
    person = await create(api, "Person", "id name email uri", name="Ada", email="a@b.org")
    mutation = (
        "mutation($id: ID!, $i: UpdatePersonInput!) { updatePerson(id: $id, input: $i) { id } }"
    )
    assert await bad_input(api, mutation, {"id": person["id"], "i": values}) == field
    query = "query($id: ID!) { person(id: $id) { id name email uri } }"
    assert (await api.data(query, {"id": person["id"]}))["person"] == person


async def test_a_malformed_upsert_uri_is_bad_user_input(api: Api) -> None:
    mutation = 'mutation { upsertSkill(uri: "no uri", input: {name: "Go"}) { id } }'
    assert await bad_input(api, mutation) == "uri"
    assert (await counts(api))["Skill"] == 0


async def test_an_occupation_id_naming_a_posting_is_bad_user_input(api: Api) -> None:
    posting = await create(api, "Role", title="Posting", kind="JOB_POSTING")
    mutation = "mutation($i: CreateRoleInput!) { createRole(input: $i) { id } }"
    values = {"title": "Other", "kind": "JOB_POSTING", "occupationId": posting["id"]}
    assert await bad_input(api, mutation, {"i": values}) == "occupationId"
    assert (await counts(api))["Role"] == 1


async def test_an_occupation_id_on_an_occupation_names_the_field(api: Api) -> None:
    occupation = await create(api, "Role", title="Developer")
    mutation = "mutation($i: CreateRoleInput!) { createRole(input: $i) { id } }"
    values = {"title": "Other", "occupationId": occupation["id"]}
    assert await bad_input(api, mutation, {"i": values}) == "occupationId"
    assert (await counts(api))["Role"] == 1


@pytest.mark.parametrize("first", [101, -1])
async def test_first_outside_0_to_100_is_bad_user_input(api: Api, first: int) -> None:
    assert (
        await bad_input(api, "query($n: Int) { skills(first: $n) { totalCount } }", {"n": first})
        == "first"
    )


async def test_first_on_a_nested_connection_is_checked_too(api: Api) -> None:
    skill = await create(api, "Skill", name="Python")
    query = "query($id: ID!) { skill(id: $id) { narrower(first: 101) { totalCount } } }"
    assert await bad_input(api, query, {"id": skill["id"]}) == "first"


LEVELLED = {
    "setRoleRequirement": ("Role", {"title": "Dev"}, "roleId"),
    "setCredentialTeaches": ("Credential", None, "credentialId"),
    "setCredentialPrerequisite": ("Credential", None, "credentialId"),
    "addPersonSkill": ("Person", {"name": "Ada"}, "personId"),
}
LEVEL_READS = {
    "Role": "role(id: $id) { requirements { level } }",
    "Credential": "credential(id: $id) { teaches { level } prerequisites { level } }",
    "Person": "person(id: $id) { skills { level } }",
}


@pytest.mark.parametrize("mutation", list(LEVELLED))
@pytest.mark.parametrize("level", [0, 6])
async def test_a_level_outside_1_to_5_is_bad_user_input(
    api: Api, mutation: str, level: int
) -> None:
    type_, values, owner_arg = LEVELLED[mutation]
    owner = await make_credential(api) if values is None else await create(api, type_, **values)
    skill = await create(api, "Skill", name="Python")
    document = (
        f"mutation($o: ID!, $s: ID!, $l: Int!) "
        f"{{ {mutation}({owner_arg}: $o, skillId: $s, level: $l) {{ __typename }} }}"
    )
    variables = {"o": owner["id"], "s": skill["id"], "l": level}
    assert await bad_input(api, document, variables) == "level"
    read = await api.data(f"query($id: ID!) {{ {LEVEL_READS[type_]} }}", {"id": owner["id"]})
    assert all(value == [] for value in next(iter(read.values())).values())


AWARD = (
    "mutation($p: ID!, $c: ID!, $i: DateTime, $e: DateTime, $u: String) "
    "{ awardCredential(personId: $p, credentialId: $c, issuedAt: $i, expiresAt: $e, "
    "evidenceUrl: $u) { credentials { issuedAt } } }"
)


@pytest.mark.parametrize("expires_at", ["2024-12-31T00:00:00+00:00", "2025-01-01T00:00:00+00:00"])
async def test_an_award_expiring_before_it_is_issued_names_expires_at(
    api: Api, expires_at: str
) -> None:
    person, cred = await create(api, "Person", name="Ada"), await make_credential(api)
    variables = {
        "p": person["id"],
        "c": cred["id"],
        "i": "2025-01-01T00:00:00+00:00",
        "e": expires_at,
    }
    assert await bad_input(api, AWARD, variables) == "expiresAt"
    read = await api.data(
        "query($id: ID!) { person(id: $id) { credentials { issuedAt } } }", {"id": person["id"]}
    )
    assert read["person"]["credentials"] == []


async def test_a_malformed_evidence_url_is_bad_user_input(api: Api) -> None:
    person, cred = await create(api, "Person", name="Ada"), await make_credential(api)
    variables = {"p": person["id"], "c": cred["id"], "u": "not a url"}
    assert await bad_input(api, AWARD, variables) == "evidenceUrl"
