"""Malformed and oversized requests are refused with the right status and error code, and never
with a 5xx: bodies that are not GraphQL requests, oversized bodies and strings, deep and wide
documents, pages and lists over their limits, and variables of the wrong type."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from typing import Any

import graphql
import httpx
import pytest

from skillgraph.app import create_app
from skillgraph.settings import Environment, Settings
from skillgraph.store import admin
from skillgraph.store.database import Database
from tests.e2e.conftest import Api, serve_in_thread, stop_server
from tests.e2e.test_fuzz import SEED
from tests.e2e.test_injection_literal import SCHEMA

VALIDATION = {"GRAPHQL_VALIDATION_FAILED", "BAD_USER_INPUT"}


async def send(api: Api, content: bytes, content_type: str | None) -> httpx.Response:
    headers = {"content-type": content_type} if content_type else {}
    return await api.client.post("/graphql", content=content, headers=headers)


def codes(response: httpx.Response) -> set[str]:
    return {error["extensions"]["code"] for error in response.json().get("errors") or []}


def bad_request(response: httpx.Response) -> bool:
    """HTTP 400 with a GraphQL-shaped error whose code is BAD_REQUEST, and no data."""
    body = response.json()
    return response.status_code == 400 and codes(response) == {"BAD_REQUEST"} and "data" not in body


# -- Bodies that are not GraphQL requests ---------------------------------------------------


@pytest.mark.parametrize("content", [b"{not json", b"", b'{"query": "{ apiVersion }"'])
async def test_a_body_that_is_not_json_is_400(api: Api, content: bytes) -> None:
    assert bad_request(await send(api, content, "application/json"))


@pytest.mark.parametrize("content", [b'"{ apiVersion }"', b"42", b"null", b"true"])
async def test_json_that_is_not_an_object_is_400(api: Api, content: bytes) -> None:
    assert bad_request(await send(api, content, "application/json"))


async def test_a_body_that_is_not_utf8_is_400(api: Api) -> None:
    response = await send(api, b'{"query": "{ apiVersion \xff }"}', "application/json")
    assert bad_request(response)


@pytest.mark.parametrize("depth", [300, 1000, 5000])
async def test_deeply_nested_json_is_400(api: Api, depth: int) -> None:
    nested = "[" * depth + "]" * depth
    content = f'{{"query": "{{ apiVersion }}", "variables": {{"a": {nested}}}}}'.encode()
    assert bad_request(await send(api, content, "application/json"))


@pytest.mark.parametrize(
    ("content", "content_type"),
    [
        (b"{ apiVersion }", "text/plain"),
        (b"{ apiVersion }", "application/graphql-but-not-really"),
        (b"query=%7B%20apiVersion%20%7D", "application/x-www-form-urlencoded"),
        (b"--x\r\n\r\n", "multipart/form-data; boundary=x"),
        (b'{"query": "{ apiVersion }"}', None),
    ],
)
async def test_a_wrong_content_type_is_400_or_415(
    api: Api, content: bytes, content_type: str | None
) -> None:
    assert (await send(api, content, content_type)).status_code in (400, 415)


async def test_a_batched_array_is_400(api: Api) -> None:
    body = json.dumps([{"query": "{ apiVersion }"}, {"query": "{ __typename }"}]).encode()
    assert bad_request(await send(api, body, "application/json"))


@pytest.mark.parametrize(
    "body", [{}, {"query": None}, {"query": ""}, {"variables": {}, "operationName": "A"}]
)
async def test_a_request_without_a_query_is_400(api: Api, body: dict[str, Any]) -> None:
    assert bad_request(await api.client.post("/graphql", json=body))


@pytest.mark.parametrize("query", [42, ["{ apiVersion }"], {"query": "{ apiVersion }"}])
async def test_a_query_that_is_not_a_string_is_400(api: Api, query: object) -> None:
    assert bad_request(await api.client.post("/graphql", json={"query": query}))


@pytest.mark.parametrize("variables", ["{}", [1], 5])
async def test_variables_that_are_not_an_object_are_400(api: Api, variables: object) -> None:
    body = {"query": "{ apiVersion }", "variables": variables}
    assert bad_request(await api.client.post("/graphql", json=body))


async def test_an_unknown_operation_name_is_refused(api: Api) -> None:
    body = {"query": "query A { apiVersion }", "operationName": "B"}
    response = await api.client.post("/graphql", json=body)
    assert response.status_code == 400
    assert "B" in response.text


async def test_a_document_with_two_operations_needs_an_operation_name(api: Api) -> None:
    body = {"query": "query A { a: apiVersion } query B { b: apiVersion }"}
    response = await api.client.post("/graphql", json=body)
    assert response.status_code == 400 or codes(response) == {"GRAPHQL_VALIDATION_FAILED"}


async def test_a_mutation_over_get_is_refused_and_writes_nothing(api: Api, db: Database) -> None:
    query = 'mutation { createSkill(input: {name: "via GET"}) { id } }'
    response = await api.client.get("/graphql", params={"query": query})
    assert response.status_code in (400, 405)
    assert await admin.counts(db) == {}


@pytest.mark.parametrize("method", ["PUT", "PATCH", "DELETE"])
async def test_other_methods_are_405(api: Api, method: str) -> None:
    response = await api.client.request(method, "/graphql", json={"query": "{ apiVersion }"})
    assert response.status_code == 405


# -- Size -----------------------------------------------------------------------------------

TWO_MEGABYTES = "x" * (2 * 1024 * 1024)


async def test_a_two_megabyte_string_is_413_payload_too_large(api: Api) -> None:
    body = {"query": "mutation($p: String!) { createSkill(input: {name: $p}) { id } }"}
    response = await api.client.post("/graphql", json={**body, "variables": {"p": TWO_MEGABYTES}})
    assert response.status_code == 413
    assert codes(response) == {"PAYLOAD_TOO_LARGE"}


async def test_a_two_megabyte_body_without_content_length_is_413(api: Api) -> None:
    async def chunks() -> AsyncIterator[bytes]:
        yield b'{"query": "{ apiVersion }", "variables": {"p": "'
        for _ in range(32):
            yield b"x" * 65536
        yield b'"}}'

    response = await api.client.post(
        "/graphql", content=chunks(), headers={"content-type": "application/json"}
    )
    assert response.status_code == 413
    assert codes(response) == {"PAYLOAD_TOO_LARGE"}


def _create_name_fields() -> Iterator[tuple[str, str]]:
    """(create mutation, its required String field) for every node type."""
    assert SCHEMA.mutation_type is not None
    for name, field in sorted(SCHEMA.mutation_type.fields.items()):
        if name.startswith("create"):
            input_type = graphql.get_named_type(field.args["input"].type)
            assert isinstance(input_type, graphql.GraphQLInputObjectType)
            for field_name, input_field in input_type.fields.items():
                if str(input_field.type) == "String!":
                    yield name, field_name


@pytest.mark.parametrize(("mutation", "field"), list(_create_name_fields()))
async def test_a_200_kb_name_is_bad_user_input_naming_the_field(
    api: Api, db: Database, mutation: str, field: str
) -> None:
    await api.data(SEED)
    before = await admin.counts(db)
    extra = ', providerId: "prov_fz"' if mutation == "createCredential" else ""
    error = await api.error(
        f"mutation($p: String!) {{ {mutation}(input: {{{field}: $p{extra}}}) {{ id }} }}",
        {"p": "x" * 200_000},
    )
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": field}
    assert await admin.counts(db) == before


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("query($p: String!) { search(text: $p) { label } }", "text"),
        ("query($p: String) { skills(filter: {text: $p}) { totalCount } }", "filter.text"),
        ("query($p: String) { roles(filter: {employer: $p}) { totalCount } }", None),
        ("query($p: String) { skills(after: $p) { totalCount } }", "after"),
    ],
)
async def test_a_200_kb_search_or_filter_string_gets_a_client_error(
    api: Api, query: str, field: str | None
) -> None:
    body = await api.post(query, {"p": "x" * 200_000})
    if field is None:
        assert "errors" not in body
    else:
        assert body["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "field": field}


async def test_a_lone_surrogate_is_bad_user_input_naming_the_field(api: Api) -> None:
    query = "mutation($p: String!) { createSkill(input: {name: $p}) { id } }"
    # json.dumps escapes the surrogate as \ud800, which is valid JSON but not a character.
    content = json.dumps({"query": query, "variables": {"p": "\ud800"}}).encode()
    response = await send(api, content, "application/json")
    assert response.json()["errors"][0]["extensions"] == {
        "code": "BAD_USER_INPUT",
        "field": "name",
    }


# -- Deep and wide documents ----------------------------------------------------------------


async def test_deep_nesting_is_query_too_deep(api: Api) -> None:
    query = "{ " + "skills { edges { node { " * 6 + "name" + " } } }" * 6 + " }"
    error = await api.error(query)
    assert error["extensions"]["code"] == "QUERY_TOO_DEEP"


@pytest.mark.parametrize(
    "query",
    [
        "{ " + "skills { " * 600 + "totalCount" + " }" * 600 + " }",
        "{ nodes(ids: " + "[" * 900 + '"x"' + "]" * 900 + ") { id } }",
        "{ skills(filter: " + "{text: " * 500 + '"x"' + "}" * 500 + ") { totalCount } }",
    ],
    ids=["selections", "list values", "object values"],
)
async def test_nesting_beyond_the_parser_is_a_parse_error(api: Api, query: str) -> None:
    error = await api.error(query)
    assert error["extensions"]["code"] == "GRAPHQL_PARSE_FAILED"


async def test_an_alias_flood_is_too_many_aliases(api: Api) -> None:
    query = "{ " + " ".join(f"a{i}: apiVersion" for i in range(200)) + " }"
    error = await api.error(query)
    assert error["extensions"]["code"] == "TOO_MANY_ALIASES"


@pytest.mark.parametrize(
    "query",
    [
        "{ apiVersion " + "@include(if: true) " * 400 + "}",
        "{ "
        + " ".join(f"...F{i}" for i in range(400))
        + " } "
        + " ".join(f"fragment F{i} on Query {{ apiVersion }}" for i in range(400)),
    ],
    ids=["directives", "fragments"],
)
async def test_a_token_flood_is_too_many_tokens(api: Api, query: str) -> None:
    error = await api.error(query)
    assert error["extensions"]["code"] == "TOO_MANY_TOKENS"


async def test_a_fragment_cycle_is_a_validation_error(api: Api) -> None:
    error = await api.error("{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }")
    assert error["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"


# -- Pages and lists over their limits ------------------------------------------------------

LOOKUPS = {
    "Skill": 'skill(id: "skill_fz_python")',
    "Credential": 'credential(id: "cred_fz")',
    "Provider": 'provider(id: "prov_fz")',
    "Role": 'role(id: "role_fz")',
    "Person": 'person(id: "person_fz")',
}
REQUIRED = {
    "personId": '"person_fz"',
    "roleId": '"role_fz"',
    "roleIds": '["role_fz"]',
    "skillId": '"skill_fz_python"',
    "fromSkillId": '"skill_fz_python"',
    "toSkillId": '"skill_fz_sql"',
    "text": '"Python"',
}


def _paged_fields() -> Iterator[tuple[str, str]]:
    """(id, query asking for 101 items) for every field that takes `first`, at the root and
    nested under a seeded node."""
    assert SCHEMA.query_type is not None
    parents: list[tuple[Any, str | None]] = [(SCHEMA.query_type, None)]
    parents += [(SCHEMA.get_type(name), lookup) for name, lookup in LOOKUPS.items()]
    for parent, lookup in parents:
        for name, field in sorted(parent.fields.items()):
            if "first" not in field.args:
                continue
            args = ["first: 101"] + [
                f"{arg}: {REQUIRED[arg]}"
                for arg, definition in field.args.items()
                if graphql.is_required_argument(definition) and arg != "first"
            ]
            selection = f"{name}({', '.join(args)}) {{ __typename }}"
            if lookup is not None:
                selection = f"{lookup} {{ {selection} }}"
            yield f"{parent.name}.{name}", f"{{ {selection} }}"


PAGED = list(_paged_fields())


@pytest.mark.parametrize("query", [q for _, q in PAGED], ids=[i for i, _ in PAGED])
async def test_a_page_of_101_is_bad_user_input_naming_first(api: Api, query: str) -> None:
    await api.data(SEED)
    error = await api.error(query)
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "first"}


def _list_arguments() -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(id, document, variables) putting 251 items into every list argument and list input
    field of every root field; other required arguments point at the seeded graph."""
    for root in (SCHEMA.query_type, SCHEMA.mutation_type):
        assert root is not None
        keyword = "query" if root is SCHEMA.query_type else "mutation"
        for name, field in sorted(root.fields.items()):
            for arg_name, arg in field.args.items():
                for path, type_ in _lists(arg.type, (arg_name,)):
                    args = [_nested(path, field.args[path[0]].type)] + [
                        _required(name, other, definition)
                        for other, definition in field.args.items()
                        if other != path[0] and graphql.is_required_argument(definition)
                    ]
                    document = (
                        f"{keyword}($l: {type_}) {{ {name}({', '.join(args)}) {{ __typename }} }}"
                    )
                    yield f"{name}.{'.'.join(path)}", document, {"l": _items(type_)}


def _lists(
    type_: graphql.GraphQLInputType, prefix: tuple[str, ...]
) -> Iterator[tuple[tuple[str, ...], str]]:
    named = graphql.get_named_type(type_)
    if graphql.is_list_type(graphql.get_nullable_type(type_)):
        yield prefix, str(type_)
    elif isinstance(named, graphql.GraphQLInputObjectType):
        for name, field in named.fields.items():
            yield from _lists(field.type, (*prefix, name))


def _nested(path: tuple[str, ...], type_: graphql.GraphQLInputType) -> str:
    if len(path) == 1:
        return f"{path[0]}: $l"
    named = graphql.get_named_type(type_)
    assert isinstance(named, graphql.GraphQLInputObjectType)
    fields = [_nested(path[1:], named.fields[path[1]].type)] + [
        f"{name}: {_literal(name, field.type)}"
        for name, field in named.fields.items()
        if name != path[1] and graphql.is_required_input_field(field)
    ]
    return f"{path[0]}: {{{', '.join(fields)}}}"


def _required(mutation: str, name: str, arg: graphql.GraphQLArgument) -> str:
    if name == "id":
        kind = next(k for k in LOOKUPS if mutation.endswith(k))
        return f"id: {LOOKUPS[kind].split('id: ')[1].rstrip(')')}"
    return f"{name}: {_literal(name, arg.type)}"


def _literal(name: str, type_: graphql.GraphQLInputType) -> str:
    named = graphql.get_named_type(type_)
    if name in REQUIRED:
        return REQUIRED[name]
    if name == "providerId":
        return '"prov_fz"'
    if name == "uri":
        return '"https://malformed.example/x"'
    if isinstance(named, graphql.GraphQLInputObjectType):
        fields = [
            f"{field_name}: {_literal(field_name, field.type)}"
            for field_name, field in named.fields.items()
            if graphql.is_required_input_field(field)
        ]
        return "{" + ", ".join(fields) + "}"
    assert named is graphql.GraphQLString, (name, type_)
    return '"x"'


def _items(type_: str) -> list[Any]:
    named = SCHEMA.get_type(type_.strip("[]!"))
    if isinstance(named, graphql.GraphQLEnumType):
        values = list(named.values)
        return [values[i % len(values)] for i in range(251)]
    prefix = "skill_" if named is graphql.GraphQLID else "item "
    return [f"{prefix}{i}" for i in range(251)]


LISTS = list(_list_arguments())


@pytest.mark.parametrize(
    ("document", "variables"), [(d, v) for _, d, v in LISTS], ids=[i for i, _, _ in LISTS]
)
async def test_a_list_of_251_items_is_bad_user_input(
    api: Api, db: Database, document: str, variables: dict[str, Any]
) -> None:
    await api.data(SEED)
    before = await admin.counts(db)
    error = await api.error(document, variables)
    assert error["extensions"]["code"] == "BAD_USER_INPUT", error
    assert await admin.counts(db) == before


# -- Variables of the wrong type and arguments out of range ---------------------------------

FIRST = "query($v: Int) { skills(first: $v) { totalCount } }"
LEVEL = (
    'mutation($v: Int!) { setRoleRequirement(roleId: "role_fz", skillId: "skill_fz_sql",'
    " level: $v) { id } }"
)
SKILL = "query($v: ID!) { skill(id: $v) { id } }"
NODES = "query($v: [ID!]!) { nodes(ids: $v) { id } }"
CREATE = "mutation($v: CreateSkillInput!) { createSkill(input: $v) { id } }"
AWARD = (
    'mutation($v: DateTime) { awardCredential(personId: "person_fz", credentialId: "cred_fz",'
    " issuedAt: $v) { id } }"
)
MAX_COST = "query($v: MoneyInput) { credentials(filter: {maxCost: $v}) { totalCount } }"
MAX_HOURS = "query($v: Float) { credentials(filter: {maxHours: $v}) { totalCount } }"


@pytest.mark.parametrize(
    ("document", "value"),
    [
        pytest.param(FIRST, "ten", id="Int-string"),
        pytest.param(FIRST, 1.5, id="Int-fraction"),
        pytest.param(FIRST, [1], id="Int-list"),
        pytest.param(LEVEL, 2**40, id="Int-over-32-bits"),
        pytest.param(LEVEL, None, id="Int!-null"),
        pytest.param(SKILL, None, id="ID!-null"),
        pytest.param(SKILL, {"id": "skill_fz_python"}, id="ID-object"),
        pytest.param(NODES, {"a": 1}, id="list-object"),
        pytest.param(NODES, [None], id="list-null-item"),
        pytest.param(CREATE, {"name": "x", "bogus": 1}, id="input-unknown-field"),
        pytest.param(CREATE, {"name": "x", "type": "NOT_A_TYPE"}, id="input-unknown-enum"),
        pytest.param(CREATE, {"type": "SKILL"}, id="input-missing-field"),
        pytest.param(CREATE, "name", id="input-string"),
        pytest.param(AWARD, "yesterday", id="DateTime-words"),
        pytest.param(AWARD, 1_700_000_000, id="DateTime-number"),
        pytest.param(MAX_COST, {"amount": "cheap", "currency": "EUR"}, id="Decimal-words"),
        pytest.param(MAX_COST, {"amount": {"value": 1}, "currency": "EUR"}, id="Decimal-object"),
        pytest.param(MAX_HOURS, "Infinity", id="Float-infinity"),
        pytest.param(MAX_HOURS, "ten", id="Float-string"),
    ],
)
async def test_a_variable_of_the_wrong_type_is_bad_user_input_naming_it(
    api: Api, db: Database, document: str, value: object
) -> None:
    """Variables are coerced before anything runs: a request error naming the variable and
    the rule, never INTERNAL, and nothing written."""
    await api.data(SEED)
    before = await admin.counts(db)
    body = {"query": document, "variables": {"v": value}}
    response = await api.client.post("/graphql", json=body)
    assert response.status_code == 200
    answer = response.json()
    assert "data" not in answer
    [error] = answer["errors"]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "v"}
    assert error["message"].startswith("Variable '$v'")
    assert "<class" not in error["message"]
    assert await admin.counts(db) == before


OUT_OF_RANGE = [
    (
        '{ credentials(filter: {maxCost: {amount: "1", currency: "XXX"}}) { totalCount } }',
        "filter.maxCost.currency",
    ),
    (
        '{ credentials(filter: {maxCost: {amount: "-1", currency: "EUR"}}) { totalCount } }',
        "filter.maxCost.amount",
    ),
    (
        '{ credentialPlan(personId: "person_fz", roleId: "role_fz",'
        ' options: {maxCost: {amount: "1", currency: "XXX"}}) { complete } }',
        "options.maxCost.currency",
    ),
    (
        '{ credentialPlan(personId: "person_fz", roleId: "role_fz",'
        ' options: {currency: "XXX"}) { complete } }',
        "options.currency",
    ),
    (
        '{ credentialPlan(personId: "person_fz", roleId: "role_fz",'
        " options: {alternatives: 9}) { complete } }",
        "options.alternatives",
    ),
    (
        '{ credentialPlan(personId: "person_fz", roleId: "role_fz",'
        " options: {timeLimitMs: 0}) { complete } }",
        "options.timeLimitMs",
    ),
    (
        '{ skillGap(personId: "person_fz", roleId: "role_fz",'
        " options: {essentialWeight: -1}) { coverage } }",
        "options.essentialWeight",
    ),
    (
        '{ candidatesForRole(roleId: "role_fz", options: {minCoverage: 2}) { totalCount } }',
        "options.minCoverage",
    ),
    (
        '{ candidatesForRole(roleId: "role_fz", options: {essentialWeight: 1e308})'
        " { totalCount } }",
        "options.essentialWeight",
    ),
    (
        '{ skillGap(personId: "person_fz", roleId: "role_fz",'
        " options: {optionalWeight: 1e308}) { coverage } }",
        "options.optionalWeight",
    ),
    (
        '{ credentialPlan(personId: "person_fz", roleId: "role_fz",'
        " options: {gap: {essentialWeight: 1e308}}) { complete } }",
        "options.gap.essentialWeight",
    ),
    (
        '{ credentialsForGap(personId: "person_fz", roleId: "role_fz",'
        " options: {gap: {essentialWeight: 1e308}}) { totalCount } }",
        "options.gap.essentialWeight",
    ),
    (
        '{ credentialPlan(personId: "person_fz", roleId: "role_fz",'
        " options: {maxHours: 1e308}) { complete } }",
        "options.maxHours",
    ),
    (
        "{ credentials(filter: {maxHours: 1e308}) { totalCount } }",
        "filter.maxHours",
    ),
    (
        '{ skillPath(fromSkillId: "skill_fz_python", toSkillId: "skill_fz_sql", maxHops: 7)'
        " { found } }",
        "maxHops",
    ),
]


@pytest.mark.parametrize(("query", "field"), OUT_OF_RANGE, ids=[f for _, f in OUT_OF_RANGE])
async def test_an_argument_out_of_range_is_bad_user_input_naming_its_path(
    api: Api, query: str, field: str
) -> None:
    """The message says what to fix, without the validator's internals."""
    await api.data(SEED)
    error = await api.error(query)
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": field}
    assert "pydantic" not in error["message"]
    assert "validation error for" not in error["message"]
    assert "Value error" not in error["message"]
    assert error["message"].startswith(field)


async def test_prod_messages_name_the_field_and_the_rule_only(settings: Settings) -> None:
    """No validator internals (pydantic's wording, links to its site, Python types) in prod."""
    prod = settings.model_copy(update={"environment": Environment.PROD})
    server, thread, url = serve_in_thread(create_app(prod))
    documents = [
        '{ credentials(filter: {maxCost: {amount: "1", currency: "XXX"}}) { totalCount } }',
        '{ credentials(filter: {maxCost: {amount: "1.234", currency: "EUR"}}) { totalCount } }',
        "query($v: MoneyInput) { credentials(filter: {maxCost: $v}) { totalCount } }",
        "query($v: Int) { skills(first: $v) { totalCount } }",
    ]
    variables = {"v": {"amount": "cheap", "currency": "EUR"}}
    try:
        async with httpx.AsyncClient(base_url=url) as client:
            for document in documents:
                body = {
                    "query": document,
                    "variables": variables
                    if "$v: M" in document
                    else {"v": "ten"}
                    if "$v" in document
                    else {},
                }
                errors = (await client.post("/graphql", json=body)).json()["errors"]
                for error in errors:
                    assert error["extensions"]["code"] == "BAD_USER_INPUT", error
                    for internal in ("pydantic", "errors.pydantic.dev", "Value error", "<class"):
                        assert internal not in error["message"], error
    finally:
        stop_server(server, thread)
