"""Injection payloads in every string argument of every query (filters, full-text search, uri
lookups, cursors, currencies) are matched literally: they find the node named by the payload,
never a decoy, are refused with BAD_USER_INPUT where they cannot be valid, and change nothing.

The arguments are found by introspecting the schema, so new ones are covered automatically
(an unknown kind only has to answer without a server error and change nothing).
"""

from __future__ import annotations

import re
from typing import Any

import graphql
import pytest

from skillgraph.store import admin
from skillgraph.store.database import Database
from tests.e2e.conftest import Api
from tests.e2e.test_injection_literal import PAYLOADS, SCHEMA, find, string_paths

LITERAL = {
    "Skill": "skill_lit",
    "Provider": "prov_lit",
    "Credential": "cred_lit",
    "Role": "role_lit",
    "Person": "person_lit",
}
# Decoys and the payload's own nodes share a skill, so ranked lists hold both unless a filter
# tells them apart; the person holds it, so rolesForPerson lists both roles.
SEED = """mutation($p: String!, $u: String!) {
  sd: createSkill(input: {id: "skill_decoy", name: "Decoy skill"}) { id }
  s: createSkill(input: {id: "skill_lit", name: $p, uri: $u}) { id }
  pd: createProvider(input: {id: "prov_decoy", name: "Decoy provider"}) { id }
  p: createProvider(input: {id: "prov_lit", name: $p, uri: $u}) { id }
  cd: createCredential(input: {id: "cred_decoy", name: "Decoy credential",
    providerId: "prov_decoy"}) { id }
  c: createCredential(input: {id: "cred_lit", name: $p, uri: $u, providerId: "prov_lit"}) {
    id }
  rd: createRole(input: {id: "role_decoy", title: "Decoy role", employer: "Decoy"}) { id }
  r: createRole(input: {id: "role_lit", title: $p, employer: $p, uri: $u}) { id }
  ed: createPerson(input: {id: "person_decoy", name: "Decoy person"}) { id }
  e: createPerson(input: {id: "person_lit", name: $p, uri: $u}) { id }
  t: setCredentialTeaches(credentialId: "cred_lit", skillId: "skill_lit") { id }
  rq: setRoleRequirement(roleId: "role_lit", skillId: "skill_lit") { id }
  rqd: setRoleRequirement(roleId: "role_decoy", skillId: "skill_lit") { id }
  h: addPersonSkill(personId: "person_lit", skillId: "skill_lit") { id }
}"""
# GraphQL literals for the required arguments that are not the payload's.
REQUIRED = {
    "personId": '"person_lit"',
    "roleId": '"role_lit"',
    "roleIds": '["role_lit"]',
    "skillId": '"skill_lit"',
}
DECOYS = {"skill_decoy", "prov_decoy", "cred_decoy", "role_decoy", "person_decoy"}


def _uri(payload: str) -> str:
    return "https://lit.example/" + re.sub(r"\s", "+", payload)


def _targets() -> list[tuple[str, tuple[str, ...], str]]:
    """(root field, path to the string, its type) for every string a query takes."""
    assert SCHEMA.query_type is not None
    return [
        (name, path, type_)
        for name, field in sorted(SCHEMA.query_type.fields.items())
        for arg_name, arg in field.args.items()
        for path, type_ in string_paths(arg.type, (arg_name,))
    ]


TARGETS = _targets()


def _selection(type_: graphql.GraphQLOutputType) -> str:
    named = graphql.get_named_type(type_)
    assert isinstance(named, graphql.GraphQLObjectType | graphql.GraphQLInterfaceType)
    if "edges" in named.fields:
        return "{ edges { node { id } } }"
    if "id" in named.fields:
        return "{ id }"
    if "node" in named.fields:
        return "{ node { id } }"
    return "{ __typename }"


def _nest(path: tuple[str, ...], type_: graphql.GraphQLInputType) -> str:
    """``path`` as an argument holding $p, with the required fields beside it filled in."""
    if len(path) == 1:
        return f"{path[0]}: $p"
    named = graphql.get_named_type(type_)
    assert isinstance(named, graphql.GraphQLInputObjectType)
    fields = [_nest(path[1:], named.fields[path[1]].type)]
    for name, field in named.fields.items():
        if name != path[1] and graphql.is_required_input_field(field):
            assert graphql.get_named_type(field.type).name == "Decimal", (path, name)
            fields.append(f'{name}: "1"')
    return f"{path[0]}: {{{', '.join(fields)}}}"


def document(root: str, path: tuple[str, ...], type_: str) -> str:
    assert SCHEMA.query_type is not None
    field = SCHEMA.query_type.fields[root]
    arguments = [_nest(path, field.args[path[0]].type)]
    for name, arg in field.args.items():
        if name != path[0] and graphql.is_required_argument(arg):
            arguments.append(f"{name}: {REQUIRED[name]}")
    return f"query($p: {type_}) {{ {root}({', '.join(arguments)}) {_selection(field.type)} }}"


def _found_type(root: str) -> set[str] | None:
    """Ids of the payload's nodes that ``root`` lists (the type of its edges' or hits' nodes);
    None when it lists no graph node (e.g. an analysis of the text)."""
    assert SCHEMA.query_type is not None
    named: Any = graphql.get_named_type(SCHEMA.query_type.fields[root].type)
    for step in ("edges", "node"):
        if isinstance(named, graphql.GraphQLObjectType) and step in named.fields:
            named = graphql.get_named_type(named.fields[step].type)
    if isinstance(named, graphql.GraphQLInterfaceType):  # search: every type but people
        return {LITERAL[t] for t in LITERAL if t != "Person"}
    return {LITERAL[named.name]} if named.name in LITERAL else None


def searchable(payload: str) -> bool:
    return re.search(r"[^\W_]", payload) is not None


async def ask(api: Api, root: str, path: tuple[str, ...], type_: str, payload: str) -> Any:
    value = _uri(payload) if path[-1] in ("uri", "uris") else payload
    variables = {"p": [value] if type_.startswith("[") else value}
    return await api.post(document(root, path, type_), variables)


def codes(body: dict[str, Any]) -> set[str]:
    return {error["extensions"]["code"] for error in body.get("errors") or []}


@pytest.fixture(params=PAYLOADS)
async def payload(request: pytest.FixtureRequest, api: Api) -> str:
    value: str = request.param
    await api.data(SEED, {"p": value, "u": _uri(value)})
    return value


async def test_query_strings_get_only_client_errors_and_change_nothing(
    api: Api, db: Database, payload: str
) -> None:
    before = await admin.counts(db)
    wrong = []
    for root, path, type_ in TARGETS:
        body = await ask(api, root, path, type_, payload)
        if codes(body) - {"BAD_USER_INPUT", "NOT_FOUND"}:
            wrong.append((root, path, body))
    assert wrong == []
    assert await admin.counts(db) == before


EXACT = [
    (r, p, t)
    for r, p, t in TARGETS
    if p[-1] in ("uri", "uris", "employer") and _found_type(r) is not None
]


async def test_exact_filters_and_lookups_find_exactly_the_payloads_node(
    api: Api, payload: str
) -> None:
    assert {root for root, _, _ in EXACT} >= {"skill", "person", "skills", "roles"}
    wrong = []
    for root, path, type_ in EXACT:
        body = await ask(api, root, path, type_, payload)
        if codes(body) or set(find(body["data"], "id")) != _found_type(root):
            wrong.append((root, path, body))
    assert wrong == []


TEXT = [(r, p, t) for r, p, t in TARGETS if p[-1] == "text" and _found_type(r) is not None]


async def test_full_text_finds_the_payloads_node_and_never_a_decoy(api: Api, payload: str) -> None:
    """A payload with a letter or digit finds the nodes it names; one without finds nothing
    or is refused."""
    assert {root for root, _, _ in TEXT} >= {"search", "skills", "roles", "providers"}
    wrong = []
    for root, path, type_ in TEXT:
        body = await ask(api, root, path, type_, payload)
        found = set(find(body.get("data"), "id"))
        if searchable(payload):
            if codes(body) or not found >= (_found_type(root) or set()) or found & DECOYS:
                wrong.append((root, path, body))
        elif codes(body) - {"BAD_USER_INPUT"} or found:
            wrong.append((root, path, body))
    assert wrong == []


REFUSED = [(r, p, t) for r, p, t in TARGETS if p[-1] in ("after", "currency")]


async def test_cursors_and_currencies_refuse_the_payload(api: Api, payload: str) -> None:
    assert {path[-1] for _, path, _ in REFUSED} == {"after", "currency"}
    wrong = []
    for root, path, type_ in REFUSED:
        body = await ask(api, root, path, type_, payload)
        if codes(body) != {"BAD_USER_INPUT"}:
            wrong.append((root, path, body))
    assert wrong == []
