"""Cypher-injection payloads written through every string argument of every mutation are plain
data: they read back unchanged, and no payload adds or deletes any node but the one written.

The string arguments are found by introspecting the schema, so a new field is covered without
editing this file; one whose format is constrained needs an entry in FORMATS. (Queries and
filters: test_injection_filters.py.)
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import graphql
import pytest

from skillgraph.api.schema import build_schema
from skillgraph.store import admin
from skillgraph.store.database import Database
from tests.e2e.conftest import Api

ALL_PAYLOADS = [
    "'",
    '"',
    "`",
    "$",
    "}",
    "//",
    "\\",
    "MATCH (n) DETACH DELETE n",
    "' OR 1=1 //",
    '"}) MATCH (n) DETACH DELETE n //',
    "x'}) MATCH (n) DETACH DELETE n RETURN 1 //",
    "`) DETACH DELETE n //",
    "$name} {name: $id",
    "`Skill` {name: $name}",
    "${name}",
    "\\u0027; DROP",
    "/* comment */ RETURN 1",
    "CALL db.labels() YIELD label",
    "名前 ✓ 🚀 Ωmega",
    "e\u0301 \u202eright-to-left",
    "*",
    "name:x OR title:*",
    "a AND NOT b",
    # NUL is data too: Neo4j stores it, and the API neither strips nor refuses it.
    "nul\u0000byte",
]

# The suite runs a representative third (quotes, backticks, a Cypher break-out, a parameter
# lookalike, Lucene syntax, non-ASCII, NUL); `make fuzz` (FUZZ_EXAMPLES set) runs them all.
SUITE = {
    "'",
    "`",
    "' OR 1=1 //",
    '"}) MATCH (n) DETACH DELETE n //',
    "$name} {name: $id",
    "名前 ✓ 🚀 Ωmega",
    "name:x OR title:*",
    "nul\u0000byte",
}
PAYLOADS = [p for p in ALL_PAYLOADS if "FUZZ_EXAMPLES" in os.environ or p in SUITE]
BATCH = 10  # payloads per request, as aliases (the API allows 15)
SCHEMA = graphql.build_schema(build_schema().as_str())
SEEDED = {
    "Skill": "skill_inj",
    "Credential": "cred_inj",
    "Provider": "prov_inj",
    "Role": "role_inj",
    "Person": "person_inj",
}
SEED = """mutation {
  skill: createSkill(input: {id: "skill_inj", name: "Decoy skill"}) { id }
  other: createSkill(input: {id: "skill_inj2", name: "Decoy other"}) { id }
  provider: createProvider(input: {id: "prov_inj", name: "Decoy provider"}) { id }
  credential: createCredential(input: {id: "cred_inj", name: "Decoy credential",
    providerId: "prov_inj"}) { id }
  role: createRole(input: {id: "role_inj", title: "Decoy role", employer: "Decoy employer"}) {
    id }
  person: createPerson(input: {id: "person_inj", name: "Decoy person"}) { id }
}"""
SEED_COUNTS = {"Credential": 1, "Person": 1, "Provider": 1, "Role": 1, "Skill": 2}
# Required ID arguments, by name, point at seeded nodes ("id" at the mutation's own type).
ID_ARGUMENTS = {
    "skillId": "skill_inj",
    "relatedId": "skill_inj2",
    "broaderId": "skill_inj2",
    "credentialId": "cred_inj",
    "providerId": "prov_inj",
    "roleId": "role_inj",
    "personId": "person_inj",
}


def _url(payload: str, n: int) -> str:
    return f"https://inj.example/{n}/" + re.sub(r"\s", "+", payload)


def _email(payload: str, n: int) -> str:
    return f"{n}" + re.sub(r"[\s@]", "", payload) + "@inj.example"


def _code(payload: str, n: int) -> str:
    return payload


# Strings with a format get the payload inside a valid value of that format; coded values
# (ISO and ISCO codes) cannot hold one and must be refused.
FORMATS: dict[str, Callable[[str, int], str]] = {
    "uri": _url,
    "url": _url,
    "evidenceUrl": _url,
    "email": _email,
    "country": _code,
    "currency": _code,
    "iscoGroup": _code,
    "id": _url,  # a pinned verification key's id: a URL (or DID) naming the key
    "publicKeyMultibase": _code,
}
CODED = frozenset({"country", "currency", "iscoGroup", "publicKeyMultibase"})
# Strings a mutation reads but does not store (text that skills are extracted from): they
# must only answer without a server error and add no node.
READ_ONLY = frozenset({"text"})
# (mutation, argument) pairs of the same kind: the status list's url is stored only with a
# valid, signed list document, which the generated call cannot give.
READ_ONLY_ARGUMENTS = frozenset({("importStatusList", "url")})
# Arguments that are not a field of the object a mutation returns, and where to read them back.
READ_BACK = {
    "relationType": "related { relationType }",
    "evidenceUrl": "credentials { evidenceUrl }",
}


@dataclass(frozen=True)
class Target:
    """One string a mutation writes: ``path`` leads from the mutation's arguments to it."""

    mutation: str
    path: tuple[str, ...]
    type: str  # of the variable holding the payload, e.g. String! or [String!]

    @property
    def is_list(self) -> bool:
        return self.type.startswith("[")

    @property
    def name(self) -> str:
        return self.path[-1]

    def value(self, payload: str, n: int) -> str:
        return FORMATS.get(self.name, lambda p, _: p)(payload, n)

    def document(self, count: int) -> str:
        """``count`` aliased calls o0, o1 ...; call i takes the payload in $p<i> (and the
        upsert key in $u<i>)."""
        field = mutation_type().fields[self.mutation]
        arguments = [
            _argument(self.mutation, name, arg, self.path) for name, arg in field.args.items()
        ]
        call = f"{self.mutation}({', '.join(a for a in arguments if a)})"
        returned = graphql.get_named_type(field.type)
        selection = _selection(returned, self.path)
        key = "id" if "id" in getattr(returned, "fields", {}) else "__typename"
        variables, calls = [], []
        for i in range(count):
            variables.append(f"$p{i}: {self.type}")
            if "$u" in call:
                variables.append(f"$u{i}: String!")
            numbered = call.replace("$p", f"$p{i}").replace("$u", f"$u{i}")
            calls.append(f"o{i}: {numbered} {{ {key} {selection} }}")
        return f"mutation({', '.join(variables)}) {{ {' '.join(calls)} }}"


def mutation_type() -> graphql.GraphQLObjectType:
    assert SCHEMA.mutation_type is not None
    return SCHEMA.mutation_type


REQUIRED_LITERALS = {"Decimal": '"1"', "Int": "1", "Float": "1", "Boolean": "false"}


def _argument(
    mutation: str, name: str, arg: graphql.GraphQLArgument, path: tuple[str, ...]
) -> str | None:
    named = graphql.get_named_type(arg.type)
    if path[0] == name and len(path) == 1:
        return f"{name}: $p"
    if isinstance(named, graphql.GraphQLInputObjectType) and path[0] == name:
        return f"{name}: {_object(named, path[1:])}"
    if not graphql.is_non_null_type(arg.type) or arg.default_value is not graphql.Undefined:
        return None
    if name == "id":
        return f'id: "{next(i for t, i in SEEDED.items() if mutation.endswith(t))}"'
    if named is graphql.GraphQLID:
        return f'{name}: "{ID_ARGUMENTS[name]}"'
    if name == "uri":  # upserts: the key; the same as input.uri when that is the target
        return "uri: $u"
    if isinstance(named, graphql.GraphQLInputObjectType):
        return f"{name}: {_object(named, ())}"
    if named.name == "JSON":
        return f"{name}: {{}}"
    raise AssertionError(f"no value for the required argument {name}: {arg.type}")


# Fields an input object needs besides its required ones to be accepted (a verification key
# needs its key material; this is the W3C vc-di-eddsa test vectors' public key).
COMPANIONS = {
    "VerificationKeyInput": {
        "publicKeyMultibase": '"z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"'
    }
}


def _object(type_: graphql.GraphQLInputObjectType, path: tuple[str, ...]) -> str:
    """An input object holding ``$p`` at ``path``, with its other required fields filled."""
    fields = []
    companions = {k: v for k, v in COMPANIONS.get(type_.name, {}).items() if path[:1] != (k,)}
    for name, field in type_.fields.items():
        named = graphql.get_named_type(field.type)
        if path and path[0] == name:
            if len(path) == 1:
                fields.append(f"{name}: $p")
            else:
                assert isinstance(named, graphql.GraphQLInputObjectType)
                fields.append(f"{name}: {_object(named, path[1:])}")
        elif graphql.is_required_input_field(field):
            if named is graphql.GraphQLID:
                fields.append(f'{name}: "{ID_ARGUMENTS[name]}"')
            elif named is graphql.GraphQLString:
                fields.append(f'{name}: "{FORMATS.get(name, lambda *_: "ok")("ok", 0)}"')
            elif named.name in REQUIRED_LITERALS:
                fields.append(f"{name}: {REQUIRED_LITERALS[named.name]}")
            else:
                raise AssertionError(f"no value for the required field {name}: {field.type}")
        elif name in companions:
            fields.append(f"{name}: {companions[name]}")
    return "{" + ", ".join(fields) + "}"


def _selection(returned: graphql.GraphQLNamedType, path: tuple[str, ...]) -> str:
    assert isinstance(returned, graphql.GraphQLObjectType)
    if path[-1] in READ_ONLY or (path == ("url",) and "StatusList" in returned.name):
        return ""
    if path[-1] in READ_BACK:
        return READ_BACK[path[-1]]
    if len(path) > 2 and path[-2] in returned.fields:
        return f"{path[-2]} {{ {path[-1]} }}"
    if path[-1] in returned.fields:
        return path[-1]
    raise AssertionError(f"add a READ_BACK entry for {path}")


def string_paths(
    type_: graphql.GraphQLInputType, prefix: tuple[str, ...]
) -> Iterator[tuple[tuple[str, ...], str]]:
    named = graphql.get_named_type(type_)
    if named is graphql.GraphQLString:
        yield prefix, str(type_)
    elif isinstance(named, graphql.GraphQLInputObjectType):
        for name, field in named.fields.items():
            yield from string_paths(field.type, (*prefix, name))


def string_targets() -> list[Target]:
    """Every String argument, and String field of an input argument, of every mutation."""
    return [
        Target(mutation, path, type_)
        for mutation, field in sorted(mutation_type().fields.items())
        for name, arg in field.args.items()
        for path, type_ in string_paths(arg.type, (name,))
    ]


TARGETS = string_targets()


def find(data: Any, key: str) -> list[Any]:
    """Every value stored under ``key`` anywhere in ``data``."""
    if isinstance(data, dict):
        found = [data[key]] if key in data else []
        return found + [v for value in data.values() for v in find(value, key)]
    if isinstance(data, list):
        return [v for item in data for v in find(item, key)]
    return []


@pytest.fixture
async def seeded(api: Api) -> Api:
    await api.data(SEED)
    return api


def test_every_written_string_is_covered() -> None:
    names = {target.name for target in TARGETS}
    mutations = {target.mutation for target in TARGETS}
    assert {"name", "title", "description", "altLabels", "uri", "url", "email"} <= names
    assert {"relationType", "evidenceUrl", "accreditations", "employer", "headline"} <= names
    assert {"relateSkills", "awardCredential"} <= mutations
    for kind in SEEDED:
        assert {f"create{kind}", f"update{kind}", f"upsert{kind}"} <= mutations


@pytest.mark.parametrize(
    "target", TARGETS, ids=[f"{t.mutation}.{'.'.join(t.path)}" for t in TARGETS]
)
async def test_a_written_payload_reads_back_unchanged_and_touches_no_other_node(
    seeded: Api, db: Database, target: Target
) -> None:
    created: set[str] = set()
    wrong: list[tuple[str, Any]] = []
    # An error in one call of a batch would stop the calls after it, and a relationship is read
    # back through the request's loaders: those targets get one payload per request.
    size = 1 if target.name in CODED or target.name in READ_BACK else BATCH
    for start in range(0, len(PAYLOADS), size):
        batch = list(enumerate(PAYLOADS))[start : start + size]
        variables: dict[str, Any] = {}
        for i, (n, payload) in enumerate(batch):
            value = target.value(payload, n)
            variables[f"p{i}"] = [value] if target.is_list else value
            variables[f"u{i}"] = value if target.path == ("input", "uri") else _url("up", n)
        body = await seeded.post(target.document(len(batch)), variables)
        errors = {error["path"][0]: error for error in body.get("errors") or []}
        for i, (n, payload) in enumerate(batch):
            error, out = errors.get(f"o{i}"), (body["data"] or {}).get(f"o{i}")
            if target.name in READ_ONLY or (target.mutation, target.name) in READ_ONLY_ARGUMENTS:
                code = error["extensions"]["code"] if error else None
                if code not in (None, "BAD_USER_INPUT", "NOT_FOUND"):
                    wrong.append((payload, error))
                continue
            if target.name in CODED:
                extensions = error["extensions"] if error else {}
                if extensions.get("code") != "BAD_USER_INPUT" or target.name not in str(
                    extensions.get("field")
                ):
                    wrong.append((payload, error or out))
                continue
            value = target.value(payload, n)
            expected = value.lower() if target.name == "email" else value
            if error or ([expected] if target.is_list else expected) not in find(out, target.name):
                wrong.append((payload, error or out))
            elif out["id"] not in SEEDED.values():
                created.add(out["id"])
    assert wrong == []
    # The graph's nodes (derived records such as skill embeddings are not counted).
    counts = {k: v for k, v in (await admin.counts(db)).items() if k in SEEDED}
    assert sum(counts.values()) == sum(SEED_COUNTS.values()) + len(created), counts
    assert all(counts.get(label, 0) >= count for label, count in SEED_COUNTS.items()), counts
