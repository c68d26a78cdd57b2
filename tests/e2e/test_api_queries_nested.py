"""Nested fields over HTTP, in both directions of every relationship."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from tests.e2e.conftest import Api


async def make(api: Api, type_: str, name: str, **values: Any) -> str:
    values = {("title" if type_ == "Role" else "name"): name, **values}
    if type_ == "Credential" and "providerId" not in values:
        values["providerId"] = await make(api, "Provider", f"{name} issuer")
    mutation = f"mutation($i: Create{type_}Input!) {{ create{type_}(input: $i) {{ id }} }}"
    return str((await api.data(mutation, {"i": values}))[f"create{type_}"]["id"])


async def make_all(api: Api, type_: str, *names_: str) -> list[str]:
    return [await make(api, type_, name) for name in names_]


ENUM_ARGS = {"importance", "source"}


async def link(api: Api, mutation: str, **args: Any) -> None:
    """Run a relationship mutation with literal arguments."""
    rendered = ", ".join(f"{k}: {_literal(k, v)}" for k, v in args.items())
    await api.data(f"mutation {{ {mutation}({rendered}) {{ __typename }} }}")


def _literal(name: str, value: Any) -> str:
    if name in ENUM_ARGS or not isinstance(value, str):
        return str(value)
    return f'"{value}"'


async def read(api: Api, type_: str, node_id: str, selection: str) -> dict[str, Any]:
    field = type_[0].lower() + type_[1:]
    query = f"query($id: ID!) {{ {field}(id: $id) {{ {selection} }} }}"
    found: dict[str, Any] = (await api.data(query, {"id": node_id}))[field]
    return found


def names(connection: dict[str, Any], key: str = "name") -> list[str]:
    return [edge["node"][key] for edge in connection["edges"]]


async def test_broader_and_narrower_are_two_views_of_one_link(api: Api) -> None:
    python = await make(api, "Skill", "Python")
    django, flask = await make(api, "Skill", "django"), await make(api, "Skill", "Flask")
    for child in (flask, django):
        await link(api, "setBroaderSkill", skillId=child, broaderId=python)
    narrower = await read(api, "Skill", python, "narrower { totalCount edges { node { name } } }")
    assert (names(narrower["narrower"]), narrower["narrower"]["totalCount"]) == (
        ["django", "Flask"],
        2,
    )
    assert await read(api, "Skill", flask, "broader { name }") == {"broader": [{"name": "Python"}]}


async def test_narrower_pages_follow_the_cursor(api: Api) -> None:
    parent = await make(api, "Skill", "Parent")
    for name in ["d", "a", "c", "b"]:
        await link(api, "setBroaderSkill", skillId=await make(api, "Skill", name), broaderId=parent)
    page = "totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { node { name } }"
    first = (await read(api, "Skill", parent, f"narrower(first: 3) {{ {page} }}"))["narrower"]
    assert (names(first), first["totalCount"]) == (["a", "b", "c"], 4)
    assert first["pageInfo"]["hasNextPage"] is True
    assert first["pageInfo"]["hasPreviousPage"] is False
    cursor = first["pageInfo"]["endCursor"]
    rest = await read(api, "Skill", parent, f'narrower(first: 3, after: "{cursor}") {{ {page} }}')
    assert names(rest["narrower"]) == ["d"]
    assert rest["narrower"]["pageInfo"]["hasNextPage"] is False
    assert rest["narrower"]["pageInfo"]["hasPreviousPage"] is True


async def test_related_skills_are_seen_from_both_ends(api: Api) -> None:
    python, django = await make(api, "Skill", "Python"), await make(api, "Skill", "Django")
    await link(api, "relateSkills", skillId=django, relatedId=python, relationType="essential")
    selection = "related { skill { name } relationType outgoing }"
    assert (await read(api, "Skill", python, selection))["related"] == [
        {"skill": {"name": "Django"}, "relationType": "essential", "outgoing": False}
    ]
    assert (await read(api, "Skill", django, selection))["related"] == [
        {"skill": {"name": "Python"}, "relationType": "essential", "outgoing": True}
    ]


async def test_required_by_lists_roles_requiring_the_skill_directly(api: Api) -> None:
    python = await make(api, "Skill", "Python")
    occupation = await make(api, "Role", "Developer")
    await make(api, "Role", "Posting", kind="JOB_POSTING", occupationId=occupation)
    await link(
        api, "setRoleRequirement", roleId=occupation, skillId=python, level=3, importance="OPTIONAL"
    )
    selection = "requiredBy { totalCount edges { importance level node { title } } }"
    required = (await read(api, "Skill", python, selection))["requiredBy"]
    assert required == {
        "totalCount": 1,
        "edges": [{"importance": "OPTIONAL", "level": 3, "node": {"title": "Developer"}}],
    }


async def test_taught_by_lists_credentials_with_the_level_they_reach(api: Api) -> None:
    python = await make(api, "Skill", "Python")
    for name, level in [("Zeta course", 2), ("Alpha course", 4)]:
        cred = await make(api, "Credential", name)
        await link(api, "setCredentialTeaches", credentialId=cred, skillId=python, level=level)
    selection = "taughtBy { totalCount edges { level node { name } } }"
    taught = (await read(api, "Skill", python, selection))["taughtBy"]
    assert [(e["node"]["name"], e["level"]) for e in taught["edges"]] == [
        ("Alpha course", 4),
        ("Zeta course", 2),
    ]
    assert taught["totalCount"] == 2


async def test_a_credential_shows_provider_skills_endorsers_and_cost(api: Api) -> None:
    acme = await make(api, "Provider", "Acme")
    cred = await make(
        api, "Credential", "Cert", providerId=acme, cost={"amount": "49.90", "currency": "GBP"}
    )
    python, git = await make(api, "Skill", "Python"), await make(api, "Skill", "Git")
    await link(api, "setCredentialTeaches", credentialId=cred, skillId=python, level=3)
    await link(api, "setCredentialPrerequisite", credentialId=cred, skillId=git, level=2)
    await link(
        api, "endorseCredential", providerId=await make(api, "Provider", "Bank"), credentialId=cred
    )
    selection = (
        "provider { name } cost { amount currency } teaches { skill { name } level } "
        "prerequisites { skill { name } level } endorsedBy { name }"
    )
    assert await read(api, "Credential", cred, selection) == {
        "provider": {"name": "Acme"},
        "cost": {"amount": "49.90", "currency": "GBP"},
        "teaches": [{"skill": {"name": "Python"}, "level": 3}],
        "prerequisites": [{"skill": {"name": "Git"}, "level": 2}],
        "endorsedBy": [{"name": "Bank"}],
    }


async def test_a_provider_lists_what_it_offers_and_endorses(api: Api) -> None:
    acme = await make(api, "Provider", "Acme")
    for name in ["B cert", "A cert"]:
        await make(api, "Credential", name, providerId=acme)
    endorsed = await make(api, "Credential", "Other cert")
    await link(api, "endorseCredential", providerId=acme, credentialId=endorsed)
    selection = (
        "credentials { totalCount edges { node { name } } } "
        "endorses { totalCount edges { node { name } } }"
    )
    found = await read(api, "Provider", acme, selection)
    assert (names(found["credentials"]), found["credentials"]["totalCount"]) == (
        ["A cert", "B cert"],
        2,
    )
    assert names(found["endorses"]) == ["Other cert"]


REQUIREMENTS = "requirements { skill { name } importance level inherited }"


async def posting_of_occupation(api: Api) -> tuple[str, str]:
    occupation = await make(api, "Role", "Developer")
    posting = await make(api, "Role", "Dev at Acme", kind="JOB_POSTING", occupationId=occupation)
    git, python, sql = await make_all(api, "Skill", "Git", "Python", "SQL")
    await link(api, "setRoleRequirement", roleId=occupation, skillId=git, level=1)
    await link(api, "setRoleRequirement", roleId=occupation, skillId=python, level=2)
    await link(
        api, "setRoleRequirement", roleId=posting, skillId=python, level=4, importance="OPTIONAL"
    )
    await link(api, "setRoleRequirement", roleId=posting, skillId=sql, level=3)
    return occupation, posting


async def test_a_posting_inherits_requirements_and_its_own_win(api: Api) -> None:
    _, posting = await posting_of_occupation(api)
    assert (await read(api, "Role", posting, REQUIREMENTS))["requirements"] == [
        {"skill": {"name": "Git"}, "importance": "ESSENTIAL", "level": 1, "inherited": True},
        {"skill": {"name": "Python"}, "importance": "OPTIONAL", "level": 4, "inherited": False},
        {"skill": {"name": "SQL"}, "importance": "ESSENTIAL", "level": 3, "inherited": False},
    ]


async def test_an_occupation_has_only_its_own_requirements(api: Api) -> None:
    occupation, _ = await posting_of_occupation(api)
    requirements = (await read(api, "Role", occupation, REQUIREMENTS))["requirements"]
    assert [(r["skill"]["name"], r["level"], r["inherited"]) for r in requirements] == [
        ("Git", 1, False),
        ("Python", 2, False),
    ]


async def test_an_occupation_lists_its_postings_and_a_posting_its_occupation(api: Api) -> None:
    occupation = await make(api, "Role", "Developer")
    for title in ["Zed job", "alpha job"]:
        await make(api, "Role", title, kind="JOB_POSTING", occupationId=occupation)
    selection = (
        "occupation { id } postings { totalCount edges { node { title occupation { id } } } }"
    )
    found = await read(api, "Role", occupation, selection)
    assert found["occupation"] is None
    assert names(found["postings"], "title") == ["alpha job", "Zed job"]
    assert {e["node"]["occupation"]["id"] for e in found["postings"]["edges"]} == {occupation}


async def test_a_person_shows_declared_skills_and_targets(api: Api) -> None:
    person = await make(api, "Person", "Ada", email="ada@example.org")
    python, role = await make(api, "Skill", "Python"), await make(api, "Role", "Developer")
    await link(api, "addPersonSkill", personId=person, skillId=python, level=4, source="ENDORSED")
    await link(api, "setTarget", personId=person, roleId=role)
    selection = "email skills { skill { name } level source } targets { title }"
    assert await read(api, "Person", person, selection) == {
        "email": "ada@example.org",
        "skills": [{"skill": {"name": "Python"}, "level": 4, "source": "ENDORSED"}],
        "targets": [{"title": "Developer"}],
    }


async def test_awards_are_listed_active_or_not(api: Api) -> None:
    person = await make(api, "Person", "Ada")
    now = datetime.now(UTC)
    active, expired, revoked, lasting = await make_all(
        api, "Credential", "Active", "Expired", "Revoked", "Lasting"
    )
    await link(
        api,
        "awardCredential",
        personId=person,
        credentialId=active,
        expiresAt=(now + timedelta(days=30)).isoformat(),
    )
    await link(
        api,
        "awardCredential",
        personId=person,
        credentialId=expired,
        issuedAt=(now - timedelta(days=60)).isoformat(),
        expiresAt=(now - timedelta(days=1)).isoformat(),
    )
    await link(api, "awardCredential", personId=person, credentialId=revoked)
    await link(api, "revokeCredential", personId=person, credentialId=revoked)
    await link(api, "awardCredential", personId=person, credentialId=lasting)
    selection = "credentials { credential { name } status active }"
    assert (await read(api, "Person", person, selection))["credentials"] == [
        {"credential": {"name": "Active"}, "status": "ACTIVE", "active": True},
        {"credential": {"name": "Expired"}, "status": "ACTIVE", "active": False},
        {"credential": {"name": "Lasting"}, "status": "ACTIVE", "active": True},
        {"credential": {"name": "Revoked"}, "status": "REVOKED", "active": False},
    ]


async def test_nested_lists_of_a_whole_page_are_batched(api: Api, resolvers: Api) -> None:
    for i in range(5):
        skill = await make(api, "Skill", f"s{i}")
        cred = await make(api, "Credential", f"c{i}")
        await link(api, "setCredentialTeaches", credentialId=cred, skillId=skill)
    query = (
        "{ credentials { edges { node { provider { name } teaches { skill { name "
        "taughtBy { totalCount } related { outgoing } } } } } } }"
    )
    before = api.server.database.round_trips
    compiled = await api.data(query)
    assert len(compiled["credentials"]["edges"]) == 5
    assert api.server.database.round_trips - before == 1  # one compiled query
    before = resolvers.server.database.round_trips
    assert await resolvers.data(query) == compiled
    # One each: the page, provider, teaches, taughtBy pages, their counts, related; not one
    # per credential.
    assert resolvers.server.database.round_trips - before == 6
