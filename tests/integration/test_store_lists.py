"""store.lists: the filter parameters, sort keys and keyset paging of every root list."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from skillgraph.model.ids import NodeType
from skillgraph.model.relations import AwardWrite
from skillgraph.store import links, lists, nodes
from skillgraph.store.database import Database, Record, instant
from skillgraph.store.links import Link, RelType
from skillgraph.store.lists import ListRequest
from skillgraph.store.lucene import fulltext_query
from skillgraph.store.specs import SKILL, SPECS

TEACHES = Link(NodeType.CREDENTIAL, RelType.TEACHES, NodeType.SKILL)
ROLE_REQUIRES = Link(NodeType.ROLE, RelType.REQUIRES, NodeType.SKILL)
HAS_SKILL = Link(NodeType.PERSON, RelType.HAS_SKILL, NodeType.SKILL)
EARNED = Link(NodeType.PERSON, RelType.EARNED, NodeType.CREDENTIAL)

NO_FILTER: dict[NodeType, dict[str, Any]] = {
    NodeType.SKILL: {"text": None, "types": None, "uris": None},
    NodeType.CREDENTIAL: {
        "teaches": None,
        "teachesAll": False,
        "providers": None,
        "kinds": None,
        "formats": None,
        "statuses": None,
        "maxHours": None,
        "maxCostCurrency": None,
        "maxCostValue": None,
    },
    NodeType.PROVIDER: {"text": None, "kinds": None, "accredited": None},
    NodeType.ROLE: {"text": None, "kinds": None, "requiresSkill": None, "employer": None},
    NodeType.PERSON: {
        "hasSkill": None,
        "visibilities": None,
        "allowed": ["PRIVATE", "MATCHABLE", "PUBLIC"],
        "selfId": None,
    },
}
NAME_ORDER = {NodeType.ROLE: "TITLE"}


def label(node: Record) -> str:
    return str(node.get("name") or node["title"])


async def make(db: Database, node_type: NodeType, name: str, **kw: Any) -> str:
    key = "title" if node_type is NodeType.ROLE else "name"
    data = {key: name, **kw}
    if node_type is NodeType.CREDENTIAL and "providerId" not in data:
        data["providerId"] = await make(db, NodeType.PROVIDER, f"{name} provider")
    record = await nodes.create(db, SPECS[node_type], data, node_id=None, uri=None)
    return str(record["id"])


async def ordered(
    db: Database,
    node_type: NodeType,
    order: str,
    *,
    desc: bool = False,
    limit: int = 100,
    after: tuple[Any, str] | None = None,
) -> list[tuple[Any, Record]]:
    request = ListRequest(
        node_type=node_type,
        filters=NO_FILTER[node_type],
        order=order,
        descending=desc,
        limit=limit,
        after_key=after[0] if after else None,
        after_id=after[1] if after else None,
    )
    return list((await lists.page(db, request)).rows)


async def filtered(db: Database, node_type: NodeType, **filters: Any) -> tuple[list[str], int]:
    """The labels of every match in default order, and what count() says."""
    params = {**NO_FILTER[node_type], **filters}
    order = NAME_ORDER.get(node_type, "NAME")
    request = ListRequest(node_type, params, order, descending=False, limit=100)
    rows = (await lists.page(db, request)).rows
    return [label(node) for _, node in rows], await lists.count(db, node_type, params)


# -- ordering -------------------------------------------------------------------------------


@pytest.mark.parametrize("node_type", list(NodeType))
async def test_the_name_order_ignores_case_both_ways(db: Database, node_type: NodeType) -> None:
    for name in ["beta", "Gamma", "alpha"]:
        await make(db, node_type, name)
    order = NAME_ORDER.get(node_type, "NAME")
    up = [label(node) for _, node in await ordered(db, node_type, order)]
    down = [label(node) for _, node in await ordered(db, node_type, order, desc=True)]
    assert up == ["alpha", "beta", "Gamma"]
    assert down == ["Gamma", "beta", "alpha"]


EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def millis(value: datetime) -> int:
    return (value - EPOCH) // timedelta(milliseconds=1)


@pytest.mark.parametrize("node_type", list(NodeType))
@pytest.mark.parametrize("order", ["CREATED_AT", "UPDATED_AT"])
@pytest.mark.parametrize("desc", [False, True])
async def test_the_time_orders_sort_by_the_stored_time_then_id(
    db: Database, node_type: NodeType, order: str, desc: bool
) -> None:
    ids = [await make(db, node_type, name) for name in ["one", "two", "three"]]
    touched = {"name": "one again"} if node_type is not NodeType.ROLE else {"title": "again"}
    await nodes.update(db, SPECS[node_type], ids[0], touched)
    rows = await ordered(db, node_type, order, desc=desc)
    field = "createdAt" if order == "CREATED_AT" else "updatedAt"
    expected = sorted(
        ((millis(instant(node[field])), node["id"]) for _, node in rows), reverse=desc
    )
    assert [(key, node["id"]) for key, node in rows] == expected


async def costed(db: Database) -> None:
    await make(db, NodeType.CREDENTIAL, "ten", cost={"amount": "10", "currency": "EUR"})
    await make(db, NodeType.CREDENTIAL, "unpriced")
    await make(db, NodeType.CREDENTIAL, "five", cost={"amount": "5", "currency": "EUR"})
    await make(db, NodeType.CREDENTIAL, "seven", cost={"amount": "7.50", "currency": "USD"})


async def test_cost_ascending_puts_unknown_cost_last(db: Database) -> None:
    await costed(db)
    rows = await ordered(db, NodeType.CREDENTIAL, "COST")
    assert [label(node) for _, node in rows] == ["five", "seven", "ten", "unpriced"]


async def test_cost_descending_puts_unknown_cost_last(db: Database) -> None:
    await costed(db)
    rows = await ordered(db, NodeType.CREDENTIAL, "COST", desc=True)
    assert [label(node) for _, node in rows] == ["ten", "seven", "five", "unpriced"]


async def timed(db: Database) -> None:
    for name, hours in [("long", 40.0), ("untimed", None), ("short", 2.5)]:
        await make(db, NodeType.CREDENTIAL, name, durationHours=hours)


async def test_duration_ascending_puts_unknown_duration_last(db: Database) -> None:
    await timed(db)
    rows = await ordered(db, NodeType.CREDENTIAL, "DURATION")
    assert [label(node) for _, node in rows] == ["short", "long", "untimed"]


async def test_duration_descending_puts_unknown_duration_last(db: Database) -> None:
    await timed(db)
    rows = await ordered(db, NodeType.CREDENTIAL, "DURATION", desc=True)
    assert [label(node) for _, node in rows] == ["long", "short", "untimed"]


@pytest.mark.parametrize("desc", [False, True])
async def test_the_next_page_starts_after_the_last_row(db: Database, desc: bool) -> None:
    for name in ["a", "b", "c", "d", "e"]:
        await make(db, NodeType.SKILL, name)
    first = await ordered(db, NodeType.SKILL, "NAME", desc=desc, limit=2)
    key, last = first[-1]
    rest = await ordered(db, NodeType.SKILL, "NAME", desc=desc, after=(key, last["id"]))
    names = [label(n) for _, n in first] + [label(n) for _, n in rest]
    assert names == (["e", "d", "c", "b", "a"] if desc else ["a", "b", "c", "d", "e"])


@pytest.mark.parametrize("desc", [False, True])
async def test_equal_keys_are_paged_by_id(db: Database, desc: bool) -> None:
    for node_id in ["skill_b", "skill_c", "skill_a"]:
        await nodes.create(db, SKILL, {"name": "Same"}, node_id=node_id, uri=None)
    rows = await ordered(db, NodeType.SKILL, "NAME", desc=desc, after=("same", "skill_b"))
    assert [node["id"] for _, node in rows] == (["skill_a"] if desc else ["skill_c"])


# -- filters --------------------------------------------------------------------------------


async def test_count_ignores_the_page_limit(db: Database) -> None:
    for name in ["a", "b", "c"]:
        await make(db, NodeType.SKILL, name)
    assert await lists.count(db, NodeType.SKILL, NO_FILTER[NodeType.SKILL]) == 3


async def test_skills_by_text_match_names_and_alt_labels_by_prefix(db: Database) -> None:
    await make(db, NodeType.SKILL, "Python programming")
    await make(db, NodeType.SKILL, "Data science", altLabels=["python data"])
    await make(db, NodeType.SKILL, "Java")
    assert await filtered(db, NodeType.SKILL, text=fulltext_query("pyth")) == (
        ["Data science", "Python programming"],
        2,
    )
    assert await filtered(db, NodeType.SKILL, text=fulltext_query("python prog")) == (
        ["Python programming"],
        1,
    )


async def test_skills_by_type_and_uri(db: Database) -> None:
    await make(db, NodeType.SKILL, "Algebra", type="KNOWLEDGE")
    await make(db, NodeType.SKILL, "Coding", type="SKILL")
    await nodes.create(db, SKILL, {"name": "Go"}, node_id=None, uri="https://e.org/go")
    assert await filtered(db, NodeType.SKILL, types=["KNOWLEDGE"]) == (["Algebra"], 1)
    assert await filtered(db, NodeType.SKILL, uris=["https://e.org/go", "https://e.org/x"]) == (
        ["Go"],
        1,
    )


async def teaching(db: Database) -> tuple[str, str]:
    python, sql = await make(db, NodeType.SKILL, "Python"), await make(db, NodeType.SKILL, "SQL")
    for name, taught in [("both", [python, sql]), ("py", [python]), ("none", [])]:
        cred = await make(db, NodeType.CREDENTIAL, name)
        for skill in taught:
            await links.set_link(db, TEACHES, cred, skill, {"level": 2})
    return python, sql


async def test_credentials_teaching_any_of_the_skills(db: Database) -> None:
    python, sql = await teaching(db)
    assert await filtered(db, NodeType.CREDENTIAL, teaches=[python, sql]) == (["both", "py"], 2)


async def test_credentials_teaching_all_of_the_skills(db: Database) -> None:
    python, sql = await teaching(db)
    params = {"teaches": [python, sql], "teachesAll": True}
    assert await filtered(db, NodeType.CREDENTIAL, **params) == (["both"], 1)


async def test_credentials_by_provider_kind_format_and_status(db: Database) -> None:
    acme = await make(db, NodeType.PROVIDER, "Acme")
    await make(db, NodeType.CREDENTIAL, "a", providerId=acme, kind="BADGE")
    await make(db, NodeType.CREDENTIAL, "b", format="IN_PERSON", status="RETIRED")
    await make(db, NodeType.CREDENTIAL, "c", kind="COURSE", format="HYBRID")
    assert await filtered(db, NodeType.CREDENTIAL, providers=[acme]) == (["a"], 1)
    assert await filtered(db, NodeType.CREDENTIAL, kinds=["BADGE", "COURSE"]) == (["a", "c"], 2)
    assert await filtered(db, NodeType.CREDENTIAL, formats=["IN_PERSON"]) == (["b"], 1)
    assert await filtered(db, NodeType.CREDENTIAL, statuses=["ACTIVE"]) == (["a", "c"], 2)


async def test_credentials_by_max_hours_leave_out_unknown_durations(db: Database) -> None:
    for name, hours in [("short", 2.0), ("exact", 10.0), ("long", 11.0), ("unknown", None)]:
        await make(db, NodeType.CREDENTIAL, name, durationHours=hours)
    assert await filtered(db, NodeType.CREDENTIAL, maxHours=10.0) == (["exact", "short"], 2)


async def test_credentials_by_max_cost_keep_only_that_currency(db: Database) -> None:
    await costed(db)
    await make(db, NodeType.CREDENTIAL, "pricey", cost={"amount": "10.01", "currency": "EUR"})
    params = {"maxCostCurrency": "EUR", "maxCostValue": 10.0}
    assert await filtered(db, NodeType.CREDENTIAL, **params) == (["five", "ten"], 2)


async def test_providers_by_text_kind_and_accreditation(db: Database) -> None:
    await make(db, NodeType.PROVIDER, "Open University", kind="UNIVERSITY", accredited=True)
    await make(db, NodeType.PROVIDER, "Coursera", kind="PLATFORM", altLabels=["open courses"])
    await make(db, NodeType.PROVIDER, "Acme", kind="EMPLOYER")
    text = fulltext_query("open")
    assert await filtered(db, NodeType.PROVIDER, text=text) == (["Coursera", "Open University"], 2)
    assert await filtered(db, NodeType.PROVIDER, kinds=["EMPLOYER"]) == (["Acme"], 1)
    assert await filtered(db, NodeType.PROVIDER, accredited=True) == (["Open University"], 1)
    assert await filtered(db, NodeType.PROVIDER, accredited=False) == (["Acme", "Coursera"], 2)


async def test_roles_by_text_kind_and_employer(db: Database) -> None:
    occupation = await make(db, NodeType.ROLE, "Software developer", altLabels=["programmer"])
    await make(
        db,
        NodeType.ROLE,
        "Backend engineer",
        kind="JOB_POSTING",
        employer="Acme GmbH",
        occupationId=occupation,
    )
    await make(db, NodeType.ROLE, "Tester", employer="Other")
    assert await filtered(db, NodeType.ROLE, text=fulltext_query("program")) == (
        ["Software developer"],
        1,
    )
    assert await filtered(db, NodeType.ROLE, kinds=["JOB_POSTING"]) == (["Backend engineer"], 1)
    assert await filtered(db, NodeType.ROLE, employer="acme gmbh") == (["Backend engineer"], 1)


async def test_roles_requiring_a_skill_include_postings_that_inherit_it(db: Database) -> None:
    python = await make(db, NodeType.SKILL, "Python")
    occupation = await make(db, NodeType.ROLE, "Developer")
    await make(db, NodeType.ROLE, "Posting", kind="JOB_POSTING", occupationId=occupation)
    await make(db, NodeType.ROLE, "Unrelated")
    await links.set_link(db, ROLE_REQUIRES, occupation, python, {"level": 1})
    assert await filtered(db, NodeType.ROLE, requiresSkill=python) == (
        ["Developer", "Posting"],
        2,
    )


async def award(db: Database, person: str, skill: str, **kw: Any) -> None:
    cred = await make(db, NodeType.CREDENTIAL, f"cred for {person}")
    await links.set_link(db, TEACHES, cred, skill, {"level": 1})
    await links.set_link(db, EARNED, person, cred, AwardWrite(**kw).to_properties())


async def test_people_holding_a_skill_by_declaration_or_active_award(db: Database) -> None:
    python = await make(db, NodeType.SKILL, "Python")
    declared, awarded = (
        await make(db, NodeType.PERSON, "Ada"),
        await make(db, NodeType.PERSON, "Bo"),
    )
    expired, revoked = await make(db, NodeType.PERSON, "Cy"), await make(db, NodeType.PERSON, "Di")
    await make(db, NodeType.PERSON, "Ed")
    now = datetime.now(UTC)
    await links.set_link(db, HAS_SKILL, declared, python, {"level": 2})
    await award(db, awarded, python, expires_at=now + timedelta(days=30))
    await award(
        db, expired, python, issued_at=now - timedelta(days=60), expires_at=now - timedelta(days=1)
    )
    await award(db, revoked, python, status="REVOKED")
    assert await filtered(db, NodeType.PERSON, hasSkill=[python]) == (["Ada", "Bo"], 2)


async def test_people_must_hold_every_listed_skill(db: Database) -> None:
    python, sql = await make(db, NodeType.SKILL, "Python"), await make(db, NodeType.SKILL, "SQL")
    both, one = await make(db, NodeType.PERSON, "Both"), await make(db, NodeType.PERSON, "One")
    await links.set_link(db, HAS_SKILL, both, python, {"level": 1})
    await award(db, both, sql)
    await links.set_link(db, HAS_SKILL, one, python, {"level": 1})
    assert await filtered(db, NodeType.PERSON, hasSkill=[python, sql]) == (["Both"], 1)


async def test_people_by_visibility(db: Database) -> None:
    for name, visibility in [("Ada", "PUBLIC"), ("Bo", "PRIVATE"), ("Cy", "MATCHABLE")]:
        await make(db, NodeType.PERSON, name, visibility=visibility)
    params = {"visibilities": ["PUBLIC", "MATCHABLE"]}
    assert await filtered(db, NodeType.PERSON, **params) == (["Ada", "Cy"], 2)
