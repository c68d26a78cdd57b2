"""Cypher-injection payloads in string arguments are stored or matched literally."""

from __future__ import annotations

import pytest

from skillgraph.store import admin
from skillgraph.store.database import Database
from tests.e2e.conftest import Api

PAYLOADS = [
    "'",
    '"',
    "`",
    "$",
    "}",
    "//",
    "MATCH (n) DETACH DELETE n",
    "' OR 1=1 //",
    "x'}) MATCH (n) DETACH DELETE n //",
    "`Skill` {name: $name}",
    "${name}",
    "\\u0027; DROP",
    "名前 ✓ 🚀",
]

CREATES = {
    "createSkill": ("Skill", "name", "description"),
    "createProvider": ("Provider", "name", None),
    "createRole": ("Role", "title", "description"),
    "createPerson": ("Person", "name", "headline"),
}


@pytest.mark.parametrize("payload", PAYLOADS)
async def test_written_strings_come_back_unchanged(api: Api, db: Database, payload: str) -> None:
    for mutation, (_, name_field, text_field) in CREATES.items():
        fields = f"{name_field}: $p" + (f", {text_field}: $p" if text_field else "")
        selection = name_field + (f" {text_field}" if text_field else "")
        data = await api.data(
            f"mutation($p: String!) {{ {mutation}(input: {{{fields}}}) {{ {selection} }} }}",
            {"p": payload},
        )
        stored = data[mutation]
        assert stored[name_field] == payload.strip() or stored[name_field] == payload
        if text_field:
            assert stored[text_field] == payload
    counts = await admin.counts(db)
    assert counts == {"Person": 1, "Provider": 1, "Role": 1, "Skill": 1}


@pytest.mark.parametrize("payload", PAYLOADS)
async def test_filters_match_literally_and_delete_nothing(
    api: Api, db: Database, payload: str
) -> None:
    await api.data('mutation { createSkill(input: {name: "keep me"}) { id } }')
    await api.data('mutation { createRole(input: {title: "keep", employer: "ACME"}) { id } }')
    queries = [
        ("query($p: String) { skills(filter: {text: $p}) { totalCount } }", "skills"),
        ("query($p: String) { roles(filter: {employer: $p}) { totalCount } }", "roles"),
        ("query($p: String) { roles(filter: {text: $p}) { totalCount } }", "roles"),
        ("query($p: String!) { search(text: $p) { label } }", "search"),
    ]
    for query, _ in queries:
        body = await api.post(query, {"p": payload})
        for error in body.get("errors") or []:
            assert error["extensions"]["code"] == "BAD_USER_INPUT", error
    relation = await api.post(
        'mutation($p: String) { relateSkills(skillId: "skill_x", relatedId: "skill_y",'
        " relationType: $p) { id } }",
        {"p": payload},
    )
    assert relation["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assert await admin.counts(db) == {"Role": 1, "Skill": 1}


MINIMAL = {  # the least valid input of each input type, as GraphQL literals
    "CreateSkillInput": {"name": '"n"'},
    "CreateProviderInput": {"name": '"n"'},
    "CreateCredentialInput": {"name": '"n"', "providerId": '"prov_keep"'},
    "CreateRoleInput": {"title": '"t"'},
    "CreatePersonInput": {"name": '"n"'},
}


def _string_arguments() -> list[tuple[str, str, str]]:
    """(mutation, argument path, document) for every String argument of every mutation and
    every String field of their input objects. Other required arguments get ids that match
    nothing or the least valid input."""
    import graphql

    from skillgraph.api.schema import build_schema

    schema = build_schema()._schema
    mutation_type = schema.mutation_type
    assert mutation_type is not None
    cases = []

    def literal(arg: graphql.GraphQLArgument, fields: dict[str, str]) -> str | None:
        named = graphql.get_named_type(arg.type)
        if named.name == "ID":
            return '"skill_nothing"'
        if isinstance(named, graphql.GraphQLInputObjectType):
            base = dict(MINIMAL.get(named.name, {}))
            base.update(fields)
            return "{" + ", ".join(f"{k}: {v}" for k, v in base.items()) + "}"
        if named.name == "String":
            return '"https://keep.example/x"'
        return None

    for name, field in sorted(mutation_type.fields.items()):
        returned = graphql.get_named_type(field.type)
        selection = "{ id }" if isinstance(returned, graphql.GraphQLObjectType) else ""
        targets: list[tuple[str, str, dict[str, str], str]] = []
        for arg_name, arg in field.args.items():
            named = graphql.get_named_type(arg.type)
            if named.name == "String":
                targets.append((arg_name, arg_name, {}, str(arg.type)))
            elif isinstance(named, graphql.GraphQLInputObjectType):
                for sub, sub_field in named.fields.items():
                    if graphql.get_named_type(sub_field.type).name == "String":
                        typed = str(sub_field.type)
                        targets.append((f"{arg_name}.{sub}", arg_name, {sub: "$p"}, typed))
        for path, arg_name, fields, typed in targets:
            args = []
            for other_name, other in field.args.items():
                if other_name == arg_name and not fields:
                    args.append(f"{other_name}: $p")
                    continue
                if other_name != arg_name and not graphql.is_non_null_type(other.type):
                    continue
                value = literal(other, fields if other_name == arg_name else {})
                if value is None:
                    break
                args.append(f"{other_name}: {value}")
            else:
                document = f"mutation($p: {typed}) {{ {name}({', '.join(args)}) {selection} }}"
                cases.append((name, path, document))
    return cases


STRING_ARGUMENTS = _string_arguments()


@pytest.mark.parametrize(
    ("mutation", "argument", "document"),
    STRING_ARGUMENTS,
    ids=[f"{m}.{a}" for m, a, _ in STRING_ARGUMENTS],
)
async def test_every_string_argument_of_every_mutation_is_inert(
    api: Api, db: Database, mutation: str, argument: str, document: str
) -> None:
    await api.data(
        'mutation { s: createSkill(input: {name: "keep me"}) { id }'
        ' p: createProvider(input: {id: "prov_keep", name: "keep"}) { id } }'
    )
    created = 0
    listed = "($p: [" in document
    for payload in PAYLOADS:
        body = await api.post(document, {"p": [payload] if listed else payload})
        for error in body.get("errors") or []:
            assert error["extensions"]["code"] in {
                "BAD_USER_INPUT",
                "NOT_FOUND",
                "FORBIDDEN",
                "CONFLICT",
            }, (payload, error)
        if not body.get("errors") and mutation.startswith(("create", "upsert")):
            created += 1
    counts = await admin.counts(db)
    assert counts.get("Skill", 0) >= 1
    assert counts.get("Provider", 0) >= 1
    assert sum(counts.values()) <= 2 + created
