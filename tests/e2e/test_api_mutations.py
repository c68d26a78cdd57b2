"""Node mutations over HTTP: create, update, upsert, delete, NOT_FOUND and CONFLICT."""

from __future__ import annotations

from typing import Any

import pytest

from skillgraph.model.ids import NodeType, id_for_uri
from tests.e2e.conftest import Api

FIELDS = {
    "Skill": "id uri name description type altLabels createdAt updatedAt",
    "Provider": "id uri name kind url country accredited accreditations altLabels",
    "Credential": "id uri name description kind cost { amount currency } durationHours format "
    "validityMonths url status altLabels provider { id }",
    "Role": "id uri title description kind employer location remote iscoGroup altLabels "
    "occupation { id }",
    "Person": "id uri name email headline visibility",
}
TYPES = list(FIELDS)
TOTALS = """{
  Skill: skills { totalCount } Provider: providers { totalCount }
  Credential: credentials { totalCount } Role: roles { totalCount } Person: people { totalCount }
}"""


async def create(api: Api, type_: str, **fields: Any) -> dict[str, Any]:
    mutation = (
        f"mutation($i: Create{type_}Input!) {{ create{type_}(input: $i) {{ {FIELDS[type_]} }} }}"
    )
    created: dict[str, Any] = (await api.data(mutation, {"i": fields}))[f"create{type_}"]
    return created


async def update(api: Api, type_: str, node_id: str, **fields: Any) -> dict[str, Any]:
    mutation = (
        f"mutation($id: ID!, $i: Update{type_}Input!) "
        f"{{ update{type_}(id: $id, input: $i) {{ {FIELDS[type_]} }} }}"
    )
    updated: dict[str, Any] = (await api.data(mutation, {"id": node_id, "i": fields}))[
        f"update{type_}"
    ]
    return updated


async def upsert(api: Api, type_: str, uri: str, **fields: Any) -> dict[str, Any]:
    mutation = (
        f"mutation($uri: String!, $i: Create{type_}Input!) "
        f"{{ upsert{type_}(uri: $uri, input: $i) {{ {FIELDS[type_]} }} }}"
    )
    result: dict[str, Any] = (await api.data(mutation, {"uri": uri, "i": fields}))[f"upsert{type_}"]
    return result


def delete_mutation(type_: str) -> str:
    cascade = "" if type_ == "Person" else ", cascade: $cascade"
    params = "$id: ID!" if type_ == "Person" else "$id: ID!, $cascade: Boolean!"
    return f"mutation({params}) {{ delete{type_}(id: $id{cascade}) {{ id deleted }} }}"


async def delete_error(api: Api, type_: str, node_id: str) -> dict[str, Any]:
    return await api.error(delete_mutation(type_), {"id": node_id, "cascade": False})


async def minimal(api: Api, type_: str, name: str = "Thing") -> dict[str, Any]:
    if type_ == "Credential":
        return {"name": name, "providerId": (await create(api, "Provider", name="Acme"))["id"]}
    return {"title": name} if type_ == "Role" else {"name": name}


async def fetch(api: Api, type_: str, node_id: str) -> dict[str, Any] | None:
    query = f"query($id: ID!) {{ nodes(ids: [$id]) {{ ... on {type_} {{ {FIELDS[type_]} }} }} }}"
    found: dict[str, Any] | None = (await api.data(query, {"id": node_id}))["nodes"][0]
    return found


async def totals(api: Api) -> dict[str, int]:
    data = await api.data(TOTALS)
    return {key: value["totalCount"] for key, value in data.items()}


# -- create ---------------------------------------------------------------------------------


async def test_create_skill_returns_every_field(api: Api) -> None:
    skill = await create(
        api,
        "Skill",
        name=" Python ",
        uri="http://data.europa.eu/esco/skill/py",
        description="A language",
        type="KNOWLEDGE",
        altLabels=["py", "py", "python3"],
    )
    assert skill["id"].startswith("skill_")
    assert {k: skill[k] for k in ("uri", "name", "description", "type", "altLabels")} == {
        "uri": "http://data.europa.eu/esco/skill/py",
        "name": "Python",
        "description": "A language",
        "type": "KNOWLEDGE",
        "altLabels": ["py", "python3"],
    }
    assert skill["createdAt"] == skill["updatedAt"]


async def test_create_provider_normalises_the_country(api: Api) -> None:
    provider = await create(
        api,
        "Provider",
        name="TU Berlin",
        kind="UNIVERSITY",
        country="de",
        accredited=True,
        accreditations=["AQAS"],
        url="https://tu.berlin",
    )
    assert provider["country"] == "DE"
    assert (provider["kind"], provider["accredited"]) == ("UNIVERSITY", True)
    assert provider["accreditations"] == ["AQAS"]


async def test_create_credential_links_its_provider_and_keeps_the_exact_cost(api: Api) -> None:
    provider = await create(api, "Provider", name="Acme")
    cred = await create(
        api,
        "Credential",
        name="Cloud basics",
        providerId=provider["id"],
        kind="BADGE",
        cost={"amount": "199.99", "currency": "eur"},
        durationHours=12.5,
        validityMonths=24,
    )
    assert cred["provider"] == {"id": provider["id"]}
    assert cred["cost"] == {"amount": "199.99", "currency": "EUR"}
    assert (cred["durationHours"], cred["validityMonths"], cred["kind"]) == (12.5, 24, "BADGE")
    assert (cred["format"], cred["status"]) == ("ONLINE", "ACTIVE")


async def test_create_role_as_a_posting_of_an_occupation(api: Api) -> None:
    occupation = await create(api, "Role", title="Developer", iscoGroup="2512")
    posting = await create(
        api,
        "Role",
        title="Dev at Acme",
        kind="JOB_POSTING",
        occupationId=occupation["id"],
        employer="Acme",
        remote=True,
    )
    assert posting["occupation"] == {"id": occupation["id"]}
    assert (posting["kind"], posting["employer"], posting["remote"]) == (
        "JOB_POSTING",
        "Acme",
        True,
    )
    assert occupation["iscoGroup"] == "2512"


async def test_create_person_lowercases_the_email(api: Api) -> None:
    person = await create(api, "Person", name="Ada", email="Ada@Example.org", visibility="PUBLIC")
    assert (person["email"], person["visibility"]) == ("ada@example.org", "PUBLIC")


@pytest.mark.parametrize("type_", TYPES)
async def test_a_client_chosen_id_is_kept(api: Api, type_: str) -> None:
    prefix = {"Credential": "cred", "Provider": "prov"}.get(type_, type_.lower())
    created = await create(api, type_, id=f"{prefix}_mine", **await minimal(api, type_))
    assert created["id"] == f"{prefix}_mine"


# -- update ---------------------------------------------------------------------------------


async def test_update_skill_changes_only_the_given_fields(api: Api) -> None:
    skill = await create(api, "Skill", name="Python", description="A language", altLabels=["py"])
    updated = await update(api, "Skill", skill["id"], name="Python 3")
    assert (updated["name"], updated["description"], updated["altLabels"]) == (
        "Python 3",
        "A language",
        ["py"],
    )
    assert updated["updatedAt"] >= skill["updatedAt"]


async def test_update_skill_with_null_clears(api: Api) -> None:
    skill = await create(api, "Skill", name="Python", description="A language", altLabels=["py"])
    updated = await update(api, "Skill", skill["id"], description=None, altLabels=None)
    assert (updated["description"], updated["altLabels"]) == (None, [])


async def test_update_provider(api: Api) -> None:
    provider = await create(api, "Provider", name="Acme")
    updated = await update(api, "Provider", provider["id"], kind="COMPANY", accredited=True)
    assert (updated["name"], updated["kind"], updated["accredited"]) == ("Acme", "COMPANY", True)


async def test_update_credential_moves_it_and_clears_the_cost(api: Api) -> None:
    cred = await create(
        api,
        "Credential",
        **await minimal(api, "Credential"),
        cost={"amount": "10", "currency": "USD"},
    )
    other = await create(api, "Provider", name="Other")
    updated = await update(api, "Credential", cred["id"], providerId=other["id"], cost=None)
    assert updated["provider"] == {"id": other["id"]}
    assert updated["cost"] is None
    assert updated["name"] == cred["name"]


async def test_update_role_links_a_posting_to_an_occupation(api: Api) -> None:
    occupation = await create(api, "Role", title="Developer")
    posting = await create(api, "Role", title="Dev", kind="JOB_POSTING")
    updated = await update(api, "Role", posting["id"], occupationId=occupation["id"])
    assert updated["occupation"] == {"id": occupation["id"]}


async def test_update_person_sets_and_clears_the_uri(api: Api) -> None:
    person = await create(api, "Person", name="Ada", headline="Engineer")
    with_uri = await update(api, "Person", person["id"], uri="https://people.example/ada")
    assert (with_uri["uri"], with_uri["headline"]) == ("https://people.example/ada", "Engineer")
    assert (await update(api, "Person", person["id"], uri=None))["uri"] is None


@pytest.mark.parametrize("type_", TYPES)
async def test_updating_an_unknown_id_is_not_found(api: Api, type_: str) -> None:
    prefix = {"Credential": "cred", "Provider": "prov"}.get(type_, type_.lower())
    mutation = f"mutation($id: ID!) {{ update{type_}(id: $id, input: {{}}) {{ id }} }}"
    error = await api.error(mutation, {"id": f"{prefix}_missing"})
    assert error["extensions"]["code"] == "NOT_FOUND"


# -- upsert ---------------------------------------------------------------------------------


@pytest.mark.parametrize("type_", TYPES)
async def test_upserting_the_same_uri_twice_replaces_one_node(api: Api, type_: str) -> None:
    uri = "https://example.org/key"
    first = await upsert(api, type_, uri, **await minimal(api, type_, "Old"))
    second = await upsert(api, type_, uri, **await minimal(api, type_, "New"))
    assert second["id"] == first["id"]
    assert second.get("name", second.get("title")) == "New"
    assert (await totals(api))[type_] == 1


@pytest.mark.parametrize("type_", TYPES)
async def test_an_upserted_node_gets_the_id_its_uri_gives_in_every_database(
    api: Api, type_: str
) -> None:
    uri = "https://jobs.example.org/postings/123"
    created = await upsert(api, type_, uri, **await minimal(api, type_, "One"))
    assert created["id"] == id_for_uri(NodeType(type_), uri)


async def test_upsert_with_a_different_input_uri_is_bad_user_input(api: Api) -> None:
    mutation = (
        'mutation($i: CreateSkillInput!) { upsertSkill(uri: "https://e.org/a", input: $i) { id } }'
    )
    error = await api.error(mutation, {"i": {"name": "A", "uri": "https://e.org/b"}})
    assert (error["extensions"]["code"], error["extensions"]["field"]) == (
        "BAD_USER_INPUT",
        "input.uri",
    )
    assert (await totals(api))["Skill"] == 0


async def test_upsert_with_an_id_not_owning_the_uri_is_a_conflict(api: Api) -> None:
    await upsert(api, "Skill", "https://e.org/a", name="A", id="skill_a")
    mutation = (
        'mutation($i: CreateSkillInput!) { upsertSkill(uri: "https://e.org/a", input: $i) { id } }'
    )
    error = await api.error(mutation, {"i": {"name": "B", "id": "skill_b"}})
    assert error["extensions"]["code"] == "CONFLICT"
    assert (await fetch(api, "Skill", "skill_a") or {})["name"] == "A"
    assert await fetch(api, "Skill", "skill_b") is None


# -- conflicts ------------------------------------------------------------------------------


@pytest.mark.parametrize("type_", TYPES)
async def test_creating_with_a_taken_uri_is_a_conflict(api: Api, type_: str) -> None:
    await create(api, type_, uri="https://e.org/taken", **await minimal(api, type_, "First"))
    second = {"uri": "https://e.org/taken", **await minimal(api, type_, "Second")}
    before = await totals(api)
    mutation = f"mutation($i: Create{type_}Input!) {{ create{type_}(input: $i) {{ id }} }}"
    error = await api.error(mutation, {"i": second})
    assert (error["extensions"]["code"], error["extensions"]["field"]) == ("CONFLICT", "uri")
    assert await totals(api) == before


async def test_creating_with_a_taken_id_is_a_conflict(api: Api) -> None:
    await create(api, "Skill", id="skill_a", name="A")
    error = await api.error('mutation { createSkill(input: {id: "skill_a", name: "B"}) { id } }')
    assert error["extensions"]["code"] == "CONFLICT"
    assert (await fetch(api, "Skill", "skill_a") or {})["name"] == "A"


async def test_a_taken_email_is_a_conflict_on_create_and_update(api: Api) -> None:
    await create(api, "Person", name="Ada", email="ada@example.org")
    bob = await create(api, "Person", name="Bob", email="bob@example.org")
    create_error = await api.error(
        'mutation { createPerson(input: {name: "Eve", email: "ADA@example.org"}) { id } }'
    )
    mutation = (
        'mutation($id: ID!) { updatePerson(id: $id, input: {email: "ada@example.org"}) { id } }'
    )
    update_error = await api.error(mutation, {"id": bob["id"]})
    assert create_error["extensions"]["code"] == update_error["extensions"]["code"] == "CONFLICT"
    assert (await totals(api))["Person"] == 2
    assert await fetch(api, "Person", bob["id"]) == bob


# -- delete ---------------------------------------------------------------------------------


@pytest.mark.parametrize("type_", TYPES)
async def test_deleting_a_node_without_dependents(api: Api, type_: str) -> None:
    node = await create(api, type_, **await minimal(api, type_))
    data = await api.data(delete_mutation(type_), {"id": node["id"], "cascade": False})
    assert data[f"delete{type_}"] == {"id": node["id"], "deleted": True}
    assert await fetch(api, type_, node["id"]) is None


@pytest.mark.parametrize("type_", TYPES)
async def test_deleting_an_unknown_id_is_not_found(api: Api, type_: str) -> None:
    prefix = {"Credential": "cred", "Provider": "prov"}.get(type_, type_.lower())
    error = await delete_error(api, type_, f"{prefix}_missing")
    assert error["extensions"]["code"] == "NOT_FOUND"


async def test_deleting_a_skill_a_role_requires_is_a_conflict_unless_cascading(api: Api) -> None:
    skill, role = await create(api, "Skill", name="Python"), await create(api, "Role", title="Dev")
    await api.data(
        "mutation($r: ID!, $s: ID!) { setRoleRequirement(roleId: $r, skillId: $s) { id } }",
        {"r": role["id"], "s": skill["id"]},
    )
    error = await delete_error(api, "Skill", skill["id"])
    assert error["extensions"]["code"] == "CONFLICT"
    assert error["extensions"]["dependents"] == {"requiredBy": 1}
    assert await fetch(api, "Skill", skill["id"]) == skill
    await api.data(delete_mutation("Skill"), {"id": skill["id"], "cascade": True})
    assert await fetch(api, "Role", role["id"]) == role


async def test_deleting_a_provider_offering_credentials_is_a_conflict(api: Api) -> None:
    cred = await create(api, "Credential", **await minimal(api, "Credential"))
    error = await delete_error(api, "Provider", cred["provider"]["id"])
    assert error["extensions"]["code"] == "CONFLICT"
    assert await fetch(api, "Credential", cred["id"]) == cred
    await api.data(delete_mutation("Provider"), {"id": cred["provider"]["id"], "cascade": True})
    assert await fetch(api, "Credential", cred["id"]) is None


async def test_deleting_an_awarded_credential_is_a_conflict(api: Api) -> None:
    cred = await create(api, "Credential", **await minimal(api, "Credential"))
    person = await create(api, "Person", name="Ada")
    await api.data(
        "mutation($p: ID!, $c: ID!) { awardCredential(personId: $p, credentialId: $c) { id } }",
        {"p": person["id"], "c": cred["id"]},
    )
    error = await delete_error(api, "Credential", cred["id"])
    assert (error["extensions"]["code"], error["extensions"]["dependents"]) == (
        "CONFLICT",
        {"earnedBy": 1},
    )
    assert await fetch(api, "Credential", cred["id"]) == cred


async def test_deleting_a_targeted_occupation_with_postings_is_a_conflict(api: Api) -> None:
    occupation = await create(api, "Role", title="Developer")
    posting = await create(
        api, "Role", title="Dev", kind="JOB_POSTING", occupationId=occupation["id"]
    )
    person = await create(api, "Person", name="Ada")
    await api.data(
        "mutation($p: ID!, $r: ID!) { setTarget(personId: $p, roleId: $r) { id } }",
        {"p": person["id"], "r": occupation["id"]},
    )
    error = await delete_error(api, "Role", occupation["id"])
    assert error["extensions"]["dependents"] == {"postings": 1, "targetedBy": 1}
    await api.data(delete_mutation("Role"), {"id": occupation["id"], "cascade": True})
    assert (await fetch(api, "Role", posting["id"]) or {})["occupation"] is None
