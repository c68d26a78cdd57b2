"""Every schema path that reaches a Person, for every caller and every visibility.

The paths are generated from schema.graphql: root fields, nested fields, connections,
`node`/`nodes`, search, matching, gaps and plans; lookups by id and by uri. Each runs for
seven callers (anonymous, the person's own PERSON key, another PERSON key, JOB_BOARD,
RESEARCHER, EDITOR, ADMIN) against a person of each visibility (PRIVATE, MATCHABLE,
PUBLIC), and the answer must follow the policy in src/skillgraph/api/permission.py (restated
below as the expectation). Where the person must stay hidden, the answer must also be the
one an unknown person gets, so no path is an existence oracle. A new field that reaches
Person is covered without anyone adding it here; one that is neither a plain read nor
listed under MATCHING or DETAILS is held to the plain-read rules.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import graphql
import httpx
import pytest

from skillgraph.store.database import Database
from tests.e2e.conftest import Api, RunningServer, make_key

SCHEMA = graphql.build_schema((Path(__file__).resolve().parents[2] / "schema.graphql").read_text())
VISIBILITIES = ("PRIVATE", "MATCHABLE", "PUBLIC")
CALLERS = ("ANONYMOUS", "PERSON_SELF", "PERSON_OTHER", "JOB_BOARD", "RESEARCHER", "EDITOR", "ADMIN")
# Fields that reach people through matching, or through a person's own details.
MATCHING = {"candidatesForRole"}
DETAILS = {"skillGap", "rolesForPerson", "gap", "plans", "credentialPlan", "credentialsForGap"}
MAX_DEPTH = 7
MISSING = "person_nobody"


def target(visibility: str) -> str:
    return f"person_{visibility.lower()}"


def uri_of(person_id: str) -> str:
    return f"https://people.example/{person_id}"


def expected_visible(caller: str, visibility: str, kind: str) -> bool:
    """The policy (permission.py's PEOPLE_POLICY), as the test's own table."""
    if kind == "details":
        return caller in ("ADMIN", "PERSON_SELF")
    if kind == "matching":
        return caller in ("ADMIN", "JOB_BOARD") and visibility in ("MATCHABLE", "PUBLIC")
    if kind == "never":
        return False
    if caller in ("ADMIN", "PERSON_SELF"):
        return True
    return visibility == "PUBLIC" and caller in ("PERSON_OTHER", "JOB_BOARD", "EDITOR")


def expected_email(caller: str, visibility: str) -> bool:
    """Every target person sets emailVisible, so only the caller decides."""
    return caller in ("ADMIN", "PERSON_SELF") or (
        caller == "JOB_BOARD" and visibility in ("MATCHABLE", "PUBLIC")
    )


# -- Paths ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    field: str
    arguments: tuple[str, ...]  # GraphQL argument literals, `$p` being the person's id/uri
    type_condition: str | None = None  # for an interface: `... on Person`


@dataclass(frozen=True)
class PersonPath:
    """``outer`` reaches a Person; ``inner`` (maybe empty) goes on from it to a Person."""

    outer: tuple[Step, ...]
    inner: tuple[Step, ...] = ()

    @property
    def steps(self) -> tuple[Step, ...]:
        return self.outer + self.inner

    def visible(self, caller: str, visibility: str) -> tuple[bool, bool]:
        """(the outer person is visible, the person at the end is visible)."""
        outer = expected_visible(caller, visibility, _kind([s.field for s in self.outer]))
        inner = not self.inner or expected_visible(
            caller, visibility, _kind([s.field for s in self.inner])
        )
        return outer, outer and inner

    @property
    def name(self) -> str:
        parts = []
        for step in self.steps:
            label = step.field
            if any("uri:" in a for a in step.arguments):
                label += "(uri)"
            parts.append(label)
        return ".".join(parts)

    def document(self, person: str, visibility: str) -> str:
        """The query, with the person's id (and uri) in place of ``$p``."""
        selection = "{ id name email }"
        for step in reversed(self.steps):
            arguments = ", ".join(
                a.replace("$p", person).replace("$v", visibility) for a in step.arguments
            )
            call = f"{step.field}({arguments})" if arguments else step.field
            if step.type_condition:
                selection = f"{{ ... on {step.type_condition} {selection} }}"
            selection = f"{{ {call} {selection} }}"
        return selection


def _reaches_person(type_: graphql.GraphQLNamedType) -> str | None:
    """The type condition to select a Person from ``type_``, '' for Person, None if none."""
    person = SCHEMA.get_type("Person")
    if type_ is person:
        return ""
    if isinstance(type_, graphql.GraphQLInterfaceType | graphql.GraphQLUnionType):
        assert isinstance(person, graphql.GraphQLObjectType)
        if SCHEMA.is_sub_type(type_, person):
            return "Person"
    return None


def _argument_variants(
    field_name: str, field: graphql.GraphQLField, final: bool
) -> list[tuple[str, ...]]:
    """Literals for the arguments a path needs: the person (by id, ids or uri) where the
    field names one, the seeded role and skill otherwise."""
    names = set(field.args)
    fixed = []
    for name, arg in field.args.items():
        if name == "personId":
            fixed.append('personId: "$p"')
        elif name == "roleId":
            fixed.append('roleId: "role_r"')
        elif name == "roleIds":
            fixed.append('roleIds: ["role_r"]')
        elif name in ("skillId", "fromSkillId"):
            fixed.append(f'{name}: "skill_a"')
        elif name == "toSkillId":
            fixed.append('toSkillId: "skill_b"')
        elif name == "text":
            fixed.append('text: "Pat"')
        elif name in ("from", "to"):  # Skill.demandTrend's range
            fixed.append(f'{name}: "2025-0{1 if name == "from" else 6}-01"')
        elif name == "ids":
            fixed.append('ids: ["$p"]')
        elif name == "filter" and field_name == "people":
            # Only the target's visibility: another person's forbidden gap would null the list.
            fixed.append("filter: {visibilities: [$v]}")
        elif name == "first":
            # Small pages (the world lists at most three people anywhere): plans cost much in
            # the query-cost analysis, so a default page of people with their plans is
            # refused as too costly before any visibility is judged.
            fixed.append("first: 3")
        elif name in ("id", "uri"):
            continue
        elif graphql.is_required_argument(arg):
            raise AssertionError(f"no value for the required argument {field_name}({name})")
    if "id" in names and "uri" in names:
        return [(*fixed, 'id: "$p"'), (*fixed, 'uri: "https://people.example/$p"')]
    if "id" in names:
        assert final, f"{field_name}(id:) on the way to a Person: give it an id to use"
        return [(*fixed, 'id: "$p"')]
    return [tuple(fixed)]


def _kind(fields: list[str]) -> str:
    if "search" in fields:
        return "never"  # search never returns people
    if any(f in DETAILS for f in fields):
        return "details"
    if any(f in MATCHING for f in fields):
        return "matching"
    return "plain"


def person_paths() -> list[PersonPath]:
    """Every path of at most MAX_DEPTH fields from Query to a Person, passing through a
    Person at most once on the way (the person's own nested fields) and through no other
    type twice."""
    found: list[PersonPath] = []
    assert SCHEMA.query_type is not None

    def walk(
        type_: graphql.GraphQLObjectType | graphql.GraphQLInterfaceType,
        steps: tuple[Step, ...],
        seen: frozenset[str],
        through_person: tuple[Step, ...] | None,
    ) -> None:
        if len(steps) + len(through_person or ()) >= MAX_DEPTH:
            return
        for name, field in sorted(type_.fields.items()):
            named = graphql.get_named_type(field.type)
            condition = _reaches_person(named)
            for arguments in _argument_variants(name, field, condition is not None):
                if condition is not None:
                    path = (*steps, Step(name, arguments, condition or None))
                    if through_person is None:
                        found.append(PersonPath(path))
                        if condition == "":
                            walk(named, (), seen, path)  # type: ignore[arg-type]
                    else:
                        found.append(PersonPath(through_person, path))
                    continue
                if not isinstance(named, graphql.GraphQLObjectType) or named.name in seen:
                    continue
                walk(named, (*steps, Step(name, arguments)), seen | {named.name}, through_person)

    walk(SCHEMA.query_type, (), frozenset({"Query"}), None)
    return found


PATHS = person_paths()


def test_the_generated_paths_cover_every_way_to_a_person() -> None:
    names = {path.name for path in PATHS}
    assert {
        "person",
        "person(uri)",
        "node",
        "nodes",
        "people.edges.node",
        "candidatesForRole.edges.node",
        "skillGap.person",
        "rolesForPerson.edges.gap.person",
        "person.gap.person",
        "person.plans.gap.person",
        "search.node",
    } <= names, sorted(names)


# -- World and callers ----------------------------------------------------------------------


async def world(api: Api) -> None:
    """A person of each visibility (each sets emailVisible, holds skill_a, earned cred_1
    and targets role_r), and the PERSON_OTHER key's own person."""
    people = " ".join(
        f'{v.lower()}: createPerson(input: {{id: "{target(v)}", uri: "{uri_of(target(v))}", '
        f'name: "Pat {v.title()}", email: "{v.lower()}@people.example", emailVisible: true, '
        f"visibility: {v}}}) {{ id }}"
        for v in VISIBILITIES
    )
    await api.data(
        "mutation {"
        ' a: createSkill(input: {id: "skill_a", name: "Skill A"}) { id }'
        ' b: createSkill(input: {id: "skill_b", name: "Skill B"}) { id }'
        ' p: createProvider(input: {id: "prov_1", name: "P"}) { id }'
        ' c: createCredential(input: {id: "cred_1", name: "C", providerId: "prov_1",'
        ' cost: {amount: "10", currency: "EUR"}}) { id }'
        ' t: setCredentialTeaches(credentialId: "cred_1", skillId: "skill_b") { id }'
        ' r: createRole(input: {id: "role_r", title: "R"}) { id }'
        ' ra: setRoleRequirement(roleId: "role_r", skillId: "skill_a") { id }'
        ' rb: setRoleRequirement(roleId: "role_r", skillId: "skill_b") { id }'
        ' other: createPerson(input: {id: "person_other", name: "Other"}) { id }'
        f" {people} }}"
    )
    links = " ".join(
        f'h{i}: addPersonSkill(personId: "{target(v)}", skillId: "skill_a") {{ id }}'
        f' t{i}: setTarget(personId: "{target(v)}", roleId: "role_r") {{ id }}'
        for i, v in enumerate(VISIBILITIES)
    )
    await api.data(f"mutation {{ {links} }}")


@dataclass
class Callers:
    clients: dict[tuple[str, str], httpx.AsyncClient]

    def client(self, caller: str, visibility: str) -> httpx.AsyncClient:
        return self.clients[(caller, visibility)]


@pytest.fixture(scope="module")
async def keys(db: Database) -> dict[tuple[str, str], str | None]:
    """One key per caller and visibility (PERSON_SELF is bound to that visibility's person;
    keys survive the per-test wipe)."""
    found: dict[tuple[str, str], str | None] = {}
    shared = {
        role: await make_key(db, role) for role in ("JOB_BOARD", "RESEARCHER", "EDITOR", "ADMIN")
    }
    other = await make_key(db, "PERSON", "person_other")
    for visibility in VISIBILITIES:
        found[("ANONYMOUS", visibility)] = None
        found[("PERSON_SELF", visibility)] = await make_key(db, "PERSON", target(visibility))
        found[("PERSON_OTHER", visibility)] = other
        for role, key in shared.items():
            found[(role, visibility)] = key
    return found


@pytest.fixture
async def callers(
    server: RunningServer, keys: dict[tuple[str, str], str | None]
) -> AsyncIterator[Callers]:
    clients = {}
    for (caller, visibility), key in keys.items():
        headers = {"authorization": f"Bearer {key}"} if key else {}
        clients[(caller, visibility)] = httpx.AsyncClient(
            base_url=server.url, timeout=30, headers=headers
        )
    yield Callers(clients)
    for client in clients.values():
        await client.aclose()


# -- The matrix -----------------------------------------------------------------------------


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, str):
        yield value


def _emails(value: Any, person: str) -> list[Any]:
    """The `email` of every object of ``person`` in the answer."""
    found = []
    if isinstance(value, dict):
        if value.get("id") == person and "email" in value:
            found.append(value["email"])
        for item in value.values():
            found.extend(_emails(item, person))
    elif isinstance(value, list):
        for item in value:
            found.extend(_emails(item, person))
    return found


def _shape(body: dict[str, Any], person: str) -> str:
    """The answer with the person's id and uri replaced, to compare with an unknown one."""
    text = json.dumps(
        {
            "data": body.get("data"),
            "errors": [
                (e.get("path"), e.get("extensions", {}).get("code"), e.get("message"))
                for e in body.get("errors") or []
            ],
        },
        sort_keys=True,
    )
    return text.replace(person, "PERSON")


async def _ask(client: httpx.AsyncClient, document: str) -> dict[str, Any]:
    response = await client.post("/graphql", json={"query": document})
    assert response.status_code == 200, (document, response.text)
    body: dict[str, Any] = response.json()
    return body


async def test_every_path_to_a_person_follows_the_policy(api: Api, callers: Callers) -> None:
    """All paths x callers x visibilities over one world, a few requests at a time."""
    await world(api)
    cases = [(p, c, v) for p in PATHS for c in CALLERS for v in VISIBILITIES]
    assert len(cases) == len(PATHS) * 7 * 3
    slots = asyncio.Semaphore(8)

    async def check(path: PersonPath, caller: str, visibility: str) -> list[str]:
        async with slots:
            found = await run(path, caller, visibility)
        return [f"{path.name}: {line}" for line in found]

    async def run(path: PersonPath, caller: str, visibility: str) -> list[str]:
        person = target(visibility)
        client = callers.client(caller, visibility)
        body = await _ask(client, path.document(person, visibility))
        wrong = []
        codes = {e.get("extensions", {}).get("code") for e in body.get("errors") or []}
        if "INTERNAL" in codes:
            wrong.append(f"INTERNAL: {body['errors']}")
        outer_visible, visible = path.visible(caller, visibility)
        if visible:
            if person not in set(_strings(body.get("data"))):
                wrong.append(f"hidden but should be visible: {body}")
            emails = _emails(body.get("data"), person)
            shown = [e for e in emails if e is not None]
            if expected_email(caller, visibility) != bool(shown) or len(shown) not in (
                0,
                len(emails),
            ):
                wrong.append(f"email {emails}, expected shown={expected_email(caller, visibility)}")
            return [f"{caller} x {visibility}: {w}" for w in wrong]
        leaked = {person, f"{visibility.lower()}@people.example", f"Pat {visibility.title()}"}
        # Where the outer person may be seen, only the end of the path must hide them.
        exposed = body.get("data") if outer_visible else body
        if leaked & set(_strings(exposed)):
            wrong.append(f"leaks the person: {body}")
        if not outer_visible and "$p" in "".join(a for s in path.steps for a in s.arguments):
            unknown = await _ask(client, path.document(MISSING, visibility))
            if _shape(body, person) != _shape(unknown, MISSING):
                wrong.append(f"differs from an unknown person: {body} vs {unknown}")
        return [f"{caller} x {visibility}: {w}" for w in wrong]

    results = await asyncio.gather(*(check(p, c, v) for p, c, v in cases))
    wrong = [line for result in results for line in result]
    assert not wrong, "\n".join(wrong)


# -- Writes ---------------------------------------------------------------------------------

WRITE_ARGUMENTS = {
    "personId": '"$p"',
    "id": '"$p"',
    "uri": '"https://people.example/$p"',
    "skillId": '"skill_a"',
    "credentialId": '"cred_1"',
    "roleId": '"role_r"',
    "level": "2",
    "text": '"Python and SQL"',
}
WRITE_INPUTS = {"CreatePersonInput": '{name: "Changed"}', "UpdatePersonInput": '{name: "Changed"}'}


def person_writes() -> list[tuple[str, str]]:
    """(mutation, document) for every mutation that names a person (by personId, or by id
    or uri on a Person mutation)."""
    assert SCHEMA.mutation_type is not None
    found = []
    for name, field in sorted(SCHEMA.mutation_type.fields.items()):
        named = graphql.get_named_type(field.type)
        about_person = "personId" in field.args or (
            name.endswith("Person") and ("id" in field.args or "uri" in field.args)
        )
        if not about_person:
            continue
        arguments = []
        for arg_name, arg in field.args.items():
            arg_type = graphql.get_named_type(arg.type)
            if arg_type.name in WRITE_INPUTS:
                arguments.append(f"{arg_name}: {WRITE_INPUTS[arg_type.name]}")
            elif arg_name in WRITE_ARGUMENTS:
                arguments.append(f"{arg_name}: {WRITE_ARGUMENTS[arg_name]}")
            else:
                assert not graphql.is_required_argument(arg), (name, arg_name)
        selection = "" if graphql.is_leaf_type(named) else "{ __typename }"
        found.append((name, f"mutation {{ {name}({', '.join(arguments)}) {selection} }}"))
    return found


WRITES = person_writes()


def test_the_generated_writes_cover_every_person_mutation() -> None:
    names = {name for name, _ in WRITES}
    assert {"updatePerson", "upsertPerson", "deletePerson", "addPersonSkill", "setTarget"} <= names


async def test_a_write_to_a_hidden_person_answers_like_one_to_nobody(
    api: Api, callers: Callers, db: Database
) -> None:
    """Callers other than ADMIN and the person themself change nobody, and where they may
    not see the person, the answer is the one an unknown person gets (no existence oracle:
    upsertPerson(uri:) with a PERSON key included)."""
    await world(api)
    before = await db.run_raw("MATCH (p:Person) RETURN p {.*} AS p ORDER BY p.id")
    wrong = []
    for name, document in WRITES:
        for caller in ("ANONYMOUS", "PERSON_OTHER", "JOB_BOARD", "RESEARCHER", "EDITOR"):
            for visibility in VISIBILITIES:
                client = callers.client(caller, visibility)
                person = target(visibility)
                body = await _ask(client, document.replace("$p", person))
                codes = {e["extensions"]["code"] for e in body.get("errors") or []}
                if not codes or not codes <= {"FORBIDDEN", "NOT_FOUND"}:
                    wrong.append(f"{name}: {caller} x {visibility}: {body}")
                if expected_visible(caller, visibility, "plain"):
                    continue
                unknown = await _ask(client, document.replace("$p", MISSING))
                if _shape(body, person) != _shape(unknown, MISSING):
                    wrong.append(f"{name}: {caller} x {visibility}: {body} vs {unknown}")
    assert not wrong, "\n".join(wrong)
    assert await db.run_raw("MATCH (p:Person) RETURN p {.*} AS p ORDER BY p.id") == before


async def test_a_person_key_upserts_its_own_person_by_uri(callers: Callers, api: Api) -> None:
    await world(api)
    client = callers.client("PERSON_SELF", "PRIVATE")
    body = await _ask(
        client,
        f'mutation {{ upsertPerson(uri: "{uri_of(target("PRIVATE"))}", '
        'input: {name: "Renamed"}) { id name } }',
    )
    assert body == {
        "data": {"upsertPerson": {"id": target("PRIVATE"), "name": "Renamed"}},
        "extensions": body["extensions"],
    }
