"""Root lists over HTTP: every filter, full-text search, ordering and paging."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from tests.e2e.conftest import Api

FILTERS = {
    "skills": "SkillFilter",
    "credentials": "CredentialFilter",
    "providers": "ProviderFilter",
    "roles": "RoleFilter",
    "people": "PersonFilter",
}
ORDERS = {
    "skills": "SkillOrder",
    "credentials": "CredentialOrder",
    "providers": "ProviderOrder",
    "roles": "RoleOrder",
    "people": "PersonOrder",
}


async def make(api: Api, type_: str, name: str, **values: Any) -> str:
    values = {("title" if type_ == "Role" else "name"): name, **values}
    if type_ == "Credential" and "providerId" not in values:
        values["providerId"] = await make(api, "Provider", "Issuer")
    mutation = f"mutation($i: Create{type_}Input!) {{ create{type_}(input: $i) {{ id }} }}"
    return str((await api.data(mutation, {"i": values}))[f"create{type_}"]["id"])


async def link(api: Api, mutation: str, args: str, **ids: str) -> None:
    declared = ", ".join(f"${name}: ID!" for name in ids)
    await api.data(f"mutation({declared}) {{ {mutation}({args}) {{ __typename }} }}", ids)


async def listed(
    api: Api, root: str, filter: dict[str, Any] | None = None, order: dict[str, str] | None = None
) -> tuple[list[str], int]:
    """Every match's name (or title) in order, and the connection's totalCount."""
    key = "title" if root == "roles" else "name"
    query = (
        f"query($f: {FILTERS[root]}, $o: {ORDERS[root]}) "
        f"{{ {root}(filter: $f, orderBy: $o, first: 100) "
        f"{{ totalCount edges {{ node {{ {key} }} }} }} }}"
    )
    data = (await api.data(query, {"f": filter, "o": order}))[root]
    return [edge["node"][key] for edge in data["edges"]], data["totalCount"]


async def bad_filter(api: Api, root: str, filter: dict[str, Any]) -> str:
    query = f"query($f: {FILTERS[root]}) {{ {root}(filter: $f) {{ totalCount }} }}"
    error = await api.error(query, {"f": filter})
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    field: str = error["extensions"]["field"]
    return field


# -- full-text ------------------------------------------------------------------------------


async def test_skill_text_matches_name_and_alt_labels_with_the_last_word_as_prefix(
    api: Api,
) -> None:
    await make(api, "Skill", "Python programming")
    await make(api, "Skill", "Data science", altLabels=["python data analysis"])
    await make(api, "Skill", "Java")
    assert await listed(api, "skills", {"text": "pyth"}) == (
        ["Data science", "Python programming"],
        2,
    )
    assert await listed(api, "skills", {"text": "python prog"}) == (["Python programming"], 1)


@pytest.mark.parametrize(
    "text", ["C++", "(", '"node.js', "C#", "a AND", "NOT", "*", "?", "\\", "~1", "a:b", "[x}", "!"]
)
async def test_special_characters_in_text_never_error(api: Api, text: str) -> None:
    await make(api, "Skill", "C++")
    await make(api, "Skill", "Node.js")
    names, total = await listed(api, "skills", {"text": text})
    assert total == len(names)


async def test_text_with_lucene_characters_still_finds_the_skill(api: Api) -> None:
    await make(api, "Skill", "C++")
    await make(api, "Skill", "Node.js")
    await make(api, "Skill", "Java")
    assert "C++" in (await listed(api, "skills", {"text": "C++"}))[0]
    assert (await listed(api, "skills", {"text": '"node.js'}))[0] == ["Node.js"]


@pytest.mark.parametrize("text", ["   ", "x" * 201])
async def test_unsearchable_or_too_long_text_is_bad_user_input(api: Api, text: str) -> None:
    assert await bad_filter(api, "skills", {"text": text}) == "filter.text"


async def test_skills_by_type_and_uri(api: Api) -> None:
    await make(api, "Skill", "Algebra", type="KNOWLEDGE")
    await make(api, "Skill", "Go", uri="https://e.org/go")
    assert await listed(api, "skills", {"types": ["KNOWLEDGE"]}) == (["Algebra"], 1)
    assert await listed(api, "skills", {"uris": ["https://e.org/go"]}) == (["Go"], 1)


async def test_roles_by_text_kind_employer_and_required_skill(api: Api) -> None:
    python = await make(api, "Skill", "Python")
    occupation = await make(api, "Role", "Software developer", altLabels=["programmer"])
    await make(
        api,
        "Role",
        "Backend engineer",
        kind="JOB_POSTING",
        employer="Acme",
        occupationId=occupation,
    )
    await make(api, "Role", "Tester", employer="Other")
    await link(api, "setRoleRequirement", "roleId: $r, skillId: $s", r=occupation, s=python)
    assert await listed(api, "roles", {"text": "program"}) == (["Software developer"], 1)
    assert await listed(api, "roles", {"kind": "JOB_POSTING"}) == (["Backend engineer"], 1)
    assert await listed(api, "roles", {"employer": "ACME"}) == (["Backend engineer"], 1)
    assert await listed(api, "roles", {"requiresSkill": python}) == (
        ["Backend engineer", "Software developer"],
        2,
    )


async def test_providers_by_text_kind_and_accreditation(api: Api) -> None:
    await make(api, "Provider", "Open University", kind="UNIVERSITY", accredited=True)
    await make(api, "Provider", "Coursera", kind="PLATFORM", altLabels=["open courses"])
    await make(api, "Provider", "Acme", kind="EMPLOYER")
    assert await listed(api, "providers", {"text": "open"}) == (["Coursera", "Open University"], 2)
    assert await listed(api, "providers", {"kinds": ["PLATFORM"]}) == (["Coursera"], 1)
    assert await listed(api, "providers", {"accredited": True}) == (["Open University"], 1)


# -- credentials ----------------------------------------------------------------------------


async def teaching(api: Api) -> tuple[str, str]:
    python, sql = await make(api, "Skill", "Python"), await make(api, "Skill", "SQL")
    for name, taught in [("both", [python, sql]), ("py", [python]), ("none", [])]:
        cred = await make(api, "Credential", name)
        for skill in taught:
            await link(
                api, "setCredentialTeaches", "credentialId: $c, skillId: $s", c=cred, s=skill
            )
    return python, sql


async def test_credentials_teaching_any_of_the_skills(api: Api) -> None:
    python, sql = await teaching(api)
    assert await listed(api, "credentials", {"teaches": [python, sql]}) == (["both", "py"], 2)


async def test_credentials_teaching_all_of_the_skills(api: Api) -> None:
    python, sql = await teaching(api)
    filter = {"teaches": [python, sql], "teachesMode": "ALL"}
    assert await listed(api, "credentials", filter) == (["both"], 1)


async def test_credentials_by_provider_kind_format_status_and_hours(api: Api) -> None:
    acme = await make(api, "Provider", "Acme")
    await make(api, "Credential", "a", providerId=acme, kind="BADGE", durationHours=5)
    await make(api, "Credential", "b", format="IN_PERSON", status="RETIRED", durationHours=50)
    await make(api, "Credential", "c", kind="COURSE", format="HYBRID")
    assert await listed(api, "credentials", {"providers": [acme]}) == (["a"], 1)
    assert await listed(api, "credentials", {"kinds": ["BADGE", "COURSE"]}) == (["a", "c"], 2)
    assert await listed(api, "credentials", {"formats": ["IN_PERSON"]}) == (["b"], 1)
    assert await listed(api, "credentials", {"statuses": ["RETIRED"]}) == (["b"], 1)
    assert await listed(api, "credentials", {"maxHours": 10}) == (["a"], 1)


async def priced(api: Api) -> None:
    for name, cost in [
        ("ten euro", {"amount": "10.00", "currency": "EUR"}),
        ("cheap dollars", {"amount": "1", "currency": "USD"}),
        ("dear euro", {"amount": "10.01", "currency": "EUR"}),
        ("free", {"amount": "0", "currency": "EUR"}),
        ("unpriced", None),
    ]:
        await make(api, "Credential", name, cost=cost)


async def test_max_cost_keeps_only_that_currency_at_or_below_the_amount(api: Api) -> None:
    await priced(api)
    filter = {"maxCost": {"amount": "10", "currency": "eur"}}
    assert await listed(api, "credentials", filter) == (["free", "ten euro"], 2)


@pytest.mark.parametrize(
    ("filter", "field"),
    [
        ({"maxCost": {"amount": "10", "currency": "EURO"}}, "filter.maxCost.currency"),
        ({"maxCost": {"amount": "-1", "currency": "EUR"}}, "filter.maxCost.amount"),
        ({"maxCost": {"amount": "1.001", "currency": "EUR"}}, "filter.maxCost"),
    ],
)
async def test_a_bad_max_cost_is_bad_user_input(
    api: Api, filter: dict[str, Any], field: str
) -> None:
    assert await bad_filter(api, "credentials", filter) == field


async def test_negative_max_hours_is_bad_user_input(api: Api) -> None:
    assert await bad_filter(api, "credentials", {"maxHours": -1}) == "filter.maxHours"


@pytest.mark.parametrize("direction", ["ASC", "DESC"])
async def test_unknown_cost_sorts_last_both_ways(api: Api, direction: str) -> None:
    await priced(api)
    names, _ = await listed(api, "credentials", order={"field": "COST", "direction": direction})
    priced_names = ["free", "cheap dollars", "ten euro", "dear euro"]
    expected = priced_names if direction == "ASC" else priced_names[::-1]
    assert names == [*expected, "unpriced"]


# -- people ---------------------------------------------------------------------------------


async def award(
    api: Api, person: str, skill: str, *, expires_in_days: int | None = None, revoke: bool = False
) -> None:
    cred = await make(api, "Credential", "teaches")
    await link(api, "setCredentialTeaches", "credentialId: $c, skillId: $s", c=cred, s=skill)
    args = "personId: $p, credentialId: $c"
    if expires_in_days is not None:
        now = datetime.now(UTC)
        issued = (now - timedelta(days=400)).isoformat()
        expires = (now + timedelta(days=expires_in_days)).isoformat()
        args += f', issuedAt: "{issued}", expiresAt: "{expires}"'
    await link(api, "awardCredential", args, p=person, c=cred)
    if revoke:
        await link(api, "revokeCredential", "personId: $p, credentialId: $c", p=person, c=cred)


async def test_people_hold_a_skill_declared_or_via_an_active_award(api: Api) -> None:
    python = await make(api, "Skill", "Python")
    declared, active = await make(api, "Person", "Ada"), await make(api, "Person", "Bo")
    expired, revoked = await make(api, "Person", "Cy"), await make(api, "Person", "Di")
    await make(api, "Person", "Ed")
    await link(api, "addPersonSkill", "personId: $p, skillId: $s", p=declared, s=python)
    await award(api, active, python, expires_in_days=30)
    await award(api, expired, python, expires_in_days=-1)
    await award(api, revoked, python, revoke=True)
    assert await listed(api, "people", {"hasSkill": [python]}) == (["Ada", "Bo"], 2)


async def test_people_must_hold_every_listed_skill(api: Api) -> None:
    python, sql = await make(api, "Skill", "Python"), await make(api, "Skill", "SQL")
    both, one = await make(api, "Person", "Both"), await make(api, "Person", "One")
    for person in (both, one):
        await link(api, "addPersonSkill", "personId: $p, skillId: $s", p=person, s=python)
    await award(api, both, sql)
    assert await listed(api, "people", {"hasSkill": [python, sql]}) == (["Both"], 1)


async def test_people_by_visibility(api: Api) -> None:
    for name, visibility in [("Ada", "PUBLIC"), ("Bo", "PRIVATE"), ("Cy", "MATCHABLE")]:
        await make(api, "Person", name, visibility=visibility)
    assert await listed(api, "people", {"visibilities": ["PUBLIC", "MATCHABLE"]}) == (
        ["Ada", "Cy"],
        2,
    )


# -- paging ---------------------------------------------------------------------------------

PAGE = (
    "query($after: String, $o: SkillOrder) { skills(first: 2, after: $after, orderBy: $o) "
    "{ totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } "
    "edges { cursor node { name } } } }"
)


async def test_pages_follow_the_end_cursor_to_the_last_row(api: Api) -> None:
    for name in ["e", "b", "d", "a", "c"]:
        await make(api, "Skill", name)
    seen: list[str] = []
    after = None
    while True:
        page = (await api.data(PAGE, {"after": after}))["skills"]
        assert page["totalCount"] == 5
        assert page["pageInfo"]["hasPreviousPage"] is (after is not None)
        assert page["pageInfo"]["endCursor"] == page["edges"][-1]["cursor"]
        seen += [edge["node"]["name"] for edge in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == ["a", "b", "c", "d", "e"]


async def test_first_zero_returns_no_edges_but_the_total(api: Api) -> None:
    await make(api, "Skill", "a")
    data = await api.data(
        "{ skills(first: 0) { totalCount edges { cursor } pageInfo { hasNextPage } } }"
    )
    assert data["skills"] == {"totalCount": 1, "edges": [], "pageInfo": {"hasNextPage": True}}


@pytest.mark.parametrize("cursor", ["garbage", "W10"])
async def test_a_foreign_cursor_is_bad_user_input(api: Api, cursor: str) -> None:
    error = await api.error(PAGE, {"after": cursor})
    assert (error["extensions"]["code"], error["extensions"]["field"]) == (
        "BAD_USER_INPUT",
        "after",
    )


async def test_a_cursor_of_another_ordering_is_bad_user_input(api: Api) -> None:
    await make(api, "Skill", "a")
    cursor = (await api.data(PAGE))["skills"]["pageInfo"]["endCursor"]
    error = await api.error(PAGE, {"after": cursor, "o": {"field": "CREATED_AT"}})
    assert (error["extensions"]["code"], error["extensions"]["field"]) == (
        "BAD_USER_INPUT",
        "after",
    )
