"""Who may do what: every role against every query and mutation family."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Coroutine
from typing import Any

import httpx
import pytest

from skillgraph.store.database import Database
from tests.e2e.conftest import Api, RunningServer, make_key

ROLES = ["ADMIN", "EDITOR", "PERSON", "JOB_BOARD", "RESEARCHER", "ANONYMOUS"]
ClientFor = Callable[[str], Coroutine[Any, Any, Api]]


@pytest.fixture
async def client_for(server: RunningServer, db: Database) -> AsyncIterator[ClientFor]:
    clients: list[httpx.AsyncClient] = []

    async def build(role: str) -> Api:
        headers = {}
        if role != "ANONYMOUS":
            person = "person_me" if role == "PERSON" else None
            headers["authorization"] = f"Bearer {await make_key(db, role, person)}"
        client = httpx.AsyncClient(base_url=server.url, timeout=30, headers=headers)
        clients.append(client)
        return Api(client=client, server=server)

    yield build
    for client in clients:
        await client.aclose()


async def world(api: Api) -> None:
    """A catalogue, a posting owned by nobody, and people of each visibility."""
    await api.data(
        "mutation {"
        ' s: createSkill(input: {id: "skill_a", name: "a"}) { id }'
        ' p: createProvider(input: {id: "prov_1", name: "P"}) { id }'
        ' c: createCredential(input: {id: "cred_1", name: "C", providerId: "prov_1"}) { id }'
        ' r: createRole(input: {id: "role_r", title: "R"}) { id }'
        ' me: createPerson(input: {id: "person_me", name: "Me", email: "me@x.org"}) { id }'
        ' pub: createPerson(input: {id: "person_pub", name: "Pub", visibility: PUBLIC,'
        ' email: "pub@x.org", emailVisible: true}) { id }'
        ' mat: createPerson(input: {id: "person_mat", name: "Mat", visibility: MATCHABLE,'
        ' email: "mat@x.org"}) { id }'
        ' hid: createPerson(input: {id: "person_hid", name: "Hid", email: "hid@x.org"}) { id }'
        " }"
    )
    await api.data(
        "mutation {"
        ' a: setRoleRequirement(roleId: "role_r", skillId: "skill_a") { id }'
        ' b: addPersonSkill(personId: "person_pub", skillId: "skill_a") { id }'
        ' c: addPersonSkill(personId: "person_mat", skillId: "skill_a") { id }'
        ' d: addPersonSkill(personId: "person_hid", skillId: "skill_a") { id }'
        ' e: setTarget(personId: "person_me", roleId: "role_r") { id }'
        " }"
    )


async def outcome(api: Api, query: str) -> str:
    """OK, or the first error's code."""
    body = await api.post(query)
    if body.get("errors"):
        return str(body["errors"][0]["extensions"]["code"])
    return "OK"


CASES: list[tuple[str, str, dict[str, str]]] = [
    (
        "read catalogue",
        '{ skill(id: "skill_a") { name } role(id: "role_r") { requirements { level } } }',
        dict.fromkeys(ROLES, "OK"),
    ),
    (
        "write catalogue",
        'mutation { createSkill(input: {name: "new"}) { id } }',
        {
            "ADMIN": "OK",
            "EDITOR": "OK",
            "PERSON": "FORBIDDEN",
            "JOB_BOARD": "FORBIDDEN",
            "RESEARCHER": "FORBIDDEN",
            "ANONYMOUS": "FORBIDDEN",
        },
    ),
    (
        "create a person",
        'mutation { createPerson(input: {name: "x"}) { id } }',
        {r: "OK" if r == "ADMIN" else "FORBIDDEN" for r in ROLES},
    ),
    (
        "own profile",
        '{ person(id: "person_me") { name email targets { id } } }',
        {
            "ADMIN": "OK",
            "EDITOR": "NOT_FOUND",
            "PERSON": "OK",
            "JOB_BOARD": "NOT_FOUND",
            "RESEARCHER": "NOT_FOUND",
            "ANONYMOUS": "NOT_FOUND",
        },
    ),
    (
        "write own skills",
        'mutation { addPersonSkill(personId: "person_me", skillId: "skill_a") { id } }',
        {
            "ADMIN": "OK",
            "EDITOR": "FORBIDDEN",
            "PERSON": "OK",
            "JOB_BOARD": "FORBIDDEN",
            "RESEARCHER": "FORBIDDEN",
            "ANONYMOUS": "FORBIDDEN",
        },
    ),
    (
        "someone else's skills",
        'mutation { addPersonSkill(personId: "person_pub", skillId: "skill_a") { id } }',
        {
            "ADMIN": "OK",
            "EDITOR": "FORBIDDEN",
            "PERSON": "NOT_FOUND",
            "JOB_BOARD": "FORBIDDEN",
            "RESEARCHER": "FORBIDDEN",
            "ANONYMOUS": "FORBIDDEN",
        },
    ),
    (
        "gap",
        '{ skillGap(personId: "person_me", roleId: "role_r") { coverage } }',
        {r: "OK" if r in ("ADMIN", "PERSON") else "NOT_FOUND" for r in ROLES},
    ),
    (
        "plan",
        '{ credentialPlan(personId: "person_me", roleId: "role_r") { complete } }',
        {r: "OK" if r in ("ADMIN", "PERSON") else "NOT_FOUND" for r in ROLES},
    ),
    (
        "pathway",
        '{ pathway(personId: "person_me", roleIds: ["role_r"]) { complete } }',
        {r: "OK" if r in ("ADMIN", "PERSON") else "NOT_FOUND" for r in ROLES},
    ),
    (
        "credentials for a gap",
        '{ credentialsForGap(personId: "person_me", roleId: "role_r") { totalCount } }',
        {r: "OK" if r in ("ADMIN", "PERSON") else "NOT_FOUND" for r in ROLES},
    ),
    (
        "roles for a person",
        '{ rolesForPerson(personId: "person_me") { totalCount } }',
        {r: "OK" if r in ("ADMIN", "PERSON") else "NOT_FOUND" for r in ROLES},
    ),
    (
        "matching",
        '{ candidatesForRole(roleId: "role_r") { totalCount } }',
        {r: "OK" if r in ("ADMIN", "JOB_BOARD") else "FORBIDDEN" for r in ROLES},
    ),
    (
        "a PUBLIC person's targets and held roles (their details)",
        '{ person(id: "person_pub") { name targets { id } heldRoles { id } } }',
        {r: "OK" if r == "ADMIN" else "NOT_FOUND" for r in ROLES},
    ),
    (
        "own held role",
        'mutation { setHeldRole(personId: "person_me", roleId: "role_r") { heldRoles { id } } }',
        {r: "OK" if r in ("ADMIN", "PERSON") else "FORBIDDEN" for r in ROLES},
    ),
    (
        "someone else's held role",
        'mutation { setHeldRole(personId: "person_pub", roleId: "role_r") { id } }',
        {
            "ADMIN": "OK",
            "EDITOR": "FORBIDDEN",
            "PERSON": "NOT_FOUND",
            "JOB_BOARD": "FORBIDDEN",
            "RESEARCHER": "FORBIDDEN",
            "ANONYMOUS": "FORBIDDEN",
        },
    ),
    (
        "a PRIVATE person by id",
        '{ person(id: "person_hid") { name } }',
        {r: "OK" if r == "ADMIN" else "NOT_FOUND" for r in ROLES},
    ),
    (
        "a PRIVATE person as a node",
        '{ node(id: "person_hid") { id } }',
        {r: "OK" if r == "ADMIN" else "NOT_FOUND" for r in ROLES},
    ),
    (
        "a PUBLIC person",
        '{ person(id: "person_pub") { name skills { level } } }',
        {r: "NOT_FOUND" if r in ("RESEARCHER", "ANONYMOUS") else "OK" for r in ROLES},
    ),
    (
        "a MATCHABLE person (job boards see them only through matching)",
        '{ person(id: "person_mat") { name } }',
        {r: "OK" if r == "ADMIN" else "NOT_FOUND" for r in ROLES},
    ),
    (
        "job postings",
        'mutation { upsertRole(uri: "https://jobs.example/1",'
        ' input: {title: "Dev", kind: JOB_POSTING}) { id } }',
        {r: "OK" if r in ("ADMIN", "EDITOR", "JOB_BOARD") else "FORBIDDEN" for r in ROLES},
    ),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("family", "query", "expected"), CASES, ids=[c[0] for c in CASES])
async def test_the_access_table(
    api: Api,
    client_for: ClientFor,
    role: str,
    family: str,
    query: str,
    expected: dict[str, str],
) -> None:
    await world(api)
    caller = await client_for(role)
    assert await outcome(caller, query) == expected[role], (family, role)


async def test_private_people_are_absent_from_every_list(api: Api, client_for: ClientFor) -> None:
    await world(api)
    expectations = {
        "ADMIN": {"person_hid", "person_me", "person_mat", "person_pub"},
        "EDITOR": {"person_pub"},
        "PERSON": {"person_me", "person_pub"},
        "JOB_BOARD": {"person_pub"},
        "RESEARCHER": set(),
        "ANONYMOUS": set(),
    }
    for role, expected in expectations.items():
        caller = await client_for(role)
        data = await caller.data("{ people { totalCount edges { node { id } } } }")
        ids = {e["node"]["id"] for e in data["people"]["edges"]}
        assert ids == expected, role
        assert data["people"]["totalCount"] == len(expected)
        nodes = await caller.data('{ nodes(ids: ["person_hid"]) { id } }')
        assert nodes["nodes"] == ([{"id": "person_hid"}] if role == "ADMIN" else [None])


async def test_a_job_board_sees_only_matchable_people_and_permitted_emails(
    api: Api, client_for: ClientFor
) -> None:
    await world(api)
    board = await client_for("JOB_BOARD")
    data = await board.data(
        '{ candidatesForRole(roleId: "role_r") { edges { node { id email } } } }'
    )
    emails = {e["node"]["id"]: e["node"]["email"] for e in data["candidatesForRole"]["edges"]}
    assert emails == {"person_pub": "pub@x.org", "person_mat": None}


async def test_a_job_board_writes_only_its_own_postings(api: Api, client_for: ClientFor) -> None:
    await world(api)
    board = await client_for("JOB_BOARD")
    mine = await board.data(
        'mutation { upsertRole(uri: "https://jobs.example/9",'
        ' input: {title: "Dev", kind: JOB_POSTING}) { id } }'
    )
    role_id = mine["upsertRole"]["id"]
    await board.data(
        'mutation($r: ID!) { setRoleRequirement(roleId: $r, skillId: "skill_a") { id } }',
        {"r": role_id},
    )
    theirs = await board.error(
        'mutation { setRoleRequirement(roleId: "role_r", skillId: "skill_a") { id } }'
    )
    assert theirs["extensions"]["code"] == "FORBIDDEN"
    occupation = await board.error(
        'mutation { createRole(input: {title: "Occ", kind: OCCUPATION}) { id } }'
    )
    assert occupation["extensions"]["code"] == "FORBIDDEN"
    other_board = await client_for("JOB_BOARD")
    stolen = await other_board.error(
        'mutation { upsertRole(uri: "https://jobs.example/9",'
        ' input: {title: "Mine now", kind: JOB_POSTING}) { id } }'
    )
    assert stolen["extensions"]["code"] == "FORBIDDEN"


async def test_editors_cannot_import_awards_but_can_import_achievements(
    api: Api, client_for: ClientFor
) -> None:
    editor = await client_for("EDITOR")
    achievement = {
        "id": "https://badges.example/a/1",
        "type": ["Achievement"],
        "name": "A",
        "criteria": {"narrative": "n"},
    }
    result = await editor.data(
        "mutation($d: JSON!) { importOpenBadge(document: $d) { credentials { id } } }",
        {"d": achievement},
    )
    assert len(result["importOpenBadge"]["credentials"]) == 1
    credential = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": "urn:uuid:1",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": "https://badges.example/i", "type": ["Profile"], "name": "I"},
        "validFrom": "2024-01-01T00:00:00Z",
        "credentialSubject": {
            "id": "did:x:1",
            "type": ["AchievementSubject"],
            "achievement": achievement,
        },
    }
    error = await editor.error(
        "mutation($d: JSON!) { importOpenBadge(document: $d) { awards } }", {"d": credential}
    )
    assert error["extensions"]["code"] == "FORBIDDEN"
