"""store.links: single relationship writes and the batched reads behind nested fields."""

from __future__ import annotations

from typing import Any

import pytest

from skillgraph.errors import BadUserInput, NotFound
from skillgraph.model.ids import NodeType
from skillgraph.store import links, nodes
from skillgraph.store.database import Database, Record
from skillgraph.store.links import Direction, Link, PageKey, RelType
from skillgraph.store.specs import CREDENTIAL, PERSON, PROVIDER, ROLE, SKILL

BROADER = Link(NodeType.SKILL, RelType.BROADER, NodeType.SKILL)
NARROWER = Link(NodeType.SKILL, RelType.BROADER, NodeType.SKILL, Direction.IN)
RELATED = Link(NodeType.SKILL, RelType.RELATED, NodeType.SKILL)
HAS_SKILL = Link(NodeType.PERSON, RelType.HAS_SKILL, NodeType.SKILL)
EARNED = Link(NodeType.PERSON, RelType.EARNED, NodeType.CREDENTIAL)
ROLE_REQUIRES = Link(NodeType.ROLE, RelType.REQUIRES, NodeType.SKILL)
REQUIRED_BY = Link(NodeType.SKILL, RelType.REQUIRES, NodeType.ROLE, Direction.IN)


async def make_skill(db: Database, name: str, node_id: str | None = None) -> str:
    record = await nodes.create(db, SKILL, {"name": name}, node_id=node_id, uri=None)
    return str(record["id"])


async def make_skills(db: Database, *names_: str) -> list[str]:
    return [await make_skill(db, name) for name in names_]


async def make_person(db: Database, name: str = "Ada") -> str:
    return str((await nodes.create(db, PERSON, {"name": name}, node_id=None, uri=None))["id"])


async def make_role(db: Database, title: str, **kw: Any) -> str:
    record = await nodes.create(db, ROLE, {"title": title, **kw}, node_id=None, uri=None)
    return str(record["id"])


async def make_credential(db: Database, name: str = "Cert") -> str:
    provider = await nodes.create(db, PROVIDER, {"name": "Acme"}, node_id=None, uri=None)
    data = {"name": name, "providerId": provider["id"]}
    return str((await nodes.create(db, CREDENTIAL, data, node_id=None, uri=None))["id"])


async def names(db: Database, link: Link, parent_id: str) -> list[str]:
    rows = (await links.children(db, link, [parent_id])).get(parent_id, [])
    return [row.node.get("name") or row.node["title"] for row in rows]


async def test_set_link_creates_a_relationship_with_its_properties(db: Database) -> None:
    person, skill = await make_person(db), await make_skill(db, "Python")
    await links.set_link(db, HAS_SKILL, person, skill, {"level": 3, "source": "SELF"})
    [row] = (await links.children(db, HAS_SKILL, [person]))[person]
    assert row.node["id"] == skill
    assert (row.rel["level"], row.rel["source"]) == (3, "SELF")
    assert row.rel["createdAt"] <= row.rel["updatedAt"]


async def test_setting_a_link_again_updates_the_one_relationship(db: Database) -> None:
    person, skill = await make_person(db), await make_skill(db, "Python")
    await links.set_link(db, HAS_SKILL, person, skill, {"level": 1})
    await links.set_link(db, HAS_SKILL, person, skill, {"level": 4})
    rows = (await links.children(db, HAS_SKILL, [person]))[person]
    assert [row.rel["level"] for row in rows] == [4]


@pytest.mark.parametrize("missing", ["from", "to"])
async def test_set_link_with_a_missing_end_is_not_found(db: Database, missing: str) -> None:
    person, skill = await make_person(db), await make_skill(db, "Python")
    ends = ("person_missing", skill) if missing == "from" else (person, "skill_missing")
    with pytest.raises(NotFound):
        await links.set_link(db, HAS_SKILL, *ends, {"level": 1})
    assert await links.children(db, HAS_SKILL, [person]) == {}


async def test_an_end_of_the_wrong_type_is_not_found(db: Database) -> None:
    person, role = await make_person(db), await make_role(db, "Developer")
    with pytest.raises(NotFound):
        await links.set_link(db, HAS_SKILL, person, role, {"level": 1})


async def test_remove_is_idempotent(db: Database) -> None:
    person, skill = await make_person(db), await make_skill(db, "Python")
    await links.set_link(db, HAS_SKILL, person, skill, {"level": 1})
    assert await links.remove(db, HAS_SKILL, person, skill) is True
    assert await links.remove(db, HAS_SKILL, person, skill) is False
    assert await links.children(db, HAS_SKILL, [person]) == {}


@pytest.mark.parametrize("missing", ["from", "to"])
async def test_remove_with_a_missing_end_is_not_found(db: Database, missing: str) -> None:
    person, skill = await make_person(db), await make_skill(db, "Python")
    ends = ("person_missing", skill) if missing == "from" else (person, "skill_missing")
    with pytest.raises(NotFound):
        await links.remove(db, HAS_SKILL, *ends)


async def test_a_skill_cannot_be_broader_than_itself(db: Database) -> None:
    skill = await make_skill(db, "Python")
    with pytest.raises(BadUserInput) as raised:
        await links.set_link(db, BROADER, skill, skill, {})
    assert raised.value.extensions["field"] == "broaderId"


async def test_a_broader_link_closing_a_cycle_is_refused(db: Database) -> None:
    a, b, c = await make_skills(db, "A", "B", "C")
    await links.set_link(db, BROADER, a, b, {})
    await links.set_link(db, BROADER, b, c, {})
    with pytest.raises(BadUserInput):
        await links.set_link(db, BROADER, c, a, {})
    assert await names(db, BROADER, c) == []


async def test_a_diamond_in_the_hierarchy_is_not_a_cycle(db: Database) -> None:
    top, left, right, bottom = await make_skills(db, "Top", "Left", "Right", "Bot")
    for narrower, broader in [(left, top), (right, top), (bottom, left), (bottom, right)]:
        await links.set_link(db, BROADER, narrower, broader, {})
    assert await names(db, BROADER, bottom) == ["Left", "Right"]
    assert await names(db, NARROWER, top) == ["Left", "Right"]


async def test_children_are_ordered_by_name_ignoring_case_then_id(db: Database) -> None:
    parent = await make_skill(db, "Parent")
    for name, node_id in [("beta", "skill_2"), ("Alpha", "skill_9"), ("alpha", "skill_1")]:
        await links.set_link(db, BROADER, await make_skill(db, name, node_id), parent, {})
    rows = (await links.children(db, NARROWER, [parent]))[parent]
    assert [row.node["id"] for row in rows] == ["skill_1", "skill_9", "skill_2"]


async def test_children_of_many_parents_take_one_round_trip(db: Database) -> None:
    ada, bob, nobody = await make_person(db, "Ada"), await make_person(db, "Bob"), "person_x"
    python, sql = await make_skill(db, "Python"), await make_skill(db, "SQL")
    await links.set_link(db, HAS_SKILL, ada, sql, {"level": 1})
    await links.set_link(db, HAS_SKILL, ada, python, {"level": 1})
    await links.set_link(db, HAS_SKILL, bob, sql, {"level": 2})
    before = db.round_trips
    found = await links.children(db, HAS_SKILL, [ada, bob, nobody])
    assert db.round_trips - before == 1
    assert [row.node["name"] for row in found[ada]] == ["Python", "SQL"]
    assert [row.node["name"] for row in found[bob]] == ["SQL"]
    assert nobody not in found


async def narrower_of(db: Database, names_: list[str]) -> str:
    parent = await make_skill(db, "Parent")
    for name in names_:
        await links.set_link(db, BROADER, await make_skill(db, name), parent, {})
    return parent


async def test_a_child_page_holds_limit_rows(db: Database) -> None:
    parent = await narrower_of(db, ["d", "B", "a", "C"])
    key = PageKey(parent_id=parent, limit=2)
    page = (await links.child_pages(db, NARROWER, [key]))[key]
    assert [row.node["name"] for _, row in page.rows] == ["a", "B"]
    assert [sort_key for sort_key, _ in page.rows] == ["a", "b"]


async def test_child_counts_count_every_child_in_one_round_trip(db: Database) -> None:
    parent = await narrower_of(db, ["d", "B", "a", "C"])
    other = await narrower_of(db, ["x"])
    before = db.round_trips
    counts = await links.child_counts(db, NARROWER, [parent, other, "skill_missing"])
    assert db.round_trips - before == 1
    assert counts == {parent: 4, other: 1}


async def test_the_next_child_page_starts_after_the_cursor_row(db: Database) -> None:
    parent = await narrower_of(db, ["d", "B", "a", "C"])
    first = PageKey(parent_id=parent, limit=2)
    last_key, last_row = (await links.child_pages(db, NARROWER, [first]))[first].rows[-1]
    after = PageKey(parent_id=parent, limit=5, after_key=last_key, after_id=last_row.node["id"])
    page = (await links.child_pages(db, NARROWER, [after]))[after]
    assert [row.node["name"] for _, row in page.rows] == ["C", "d"]


async def test_rows_with_the_same_name_are_paged_by_id(db: Database) -> None:
    parent = await make_skill(db, "Parent")
    for node_id in ["skill_b", "skill_a", "skill_c"]:
        await links.set_link(db, BROADER, await make_skill(db, "Same", node_id), parent, {})
    after = PageKey(parent_id=parent, limit=5, after_key="same", after_id="skill_a")
    page = (await links.child_pages(db, NARROWER, [after]))[after]
    assert [row.node["id"] for _, row in page.rows] == ["skill_b", "skill_c"]


async def test_child_pages_of_many_keys_take_one_round_trip(db: Database) -> None:
    parent = await narrower_of(db, ["a", "b", "c"])
    other = await narrower_of(db, ["x"])
    keys = [
        PageKey(parent_id=parent, limit=1),
        PageKey(parent_id="skill_missing", limit=1),
        PageKey(parent_id=other, limit=1),
        PageKey(parent_id=parent, limit=1, after_key="a", after_id="skill_zzz"),
    ]
    before = db.round_trips
    pages = await links.child_pages(db, NARROWER, keys)
    assert db.round_trips - before == 1
    assert [[row.node["name"] for _, row in pages[k].rows] for k in keys] == [
        ["a"],
        [],
        ["x"],
        ["b"],
    ]


async def test_child_pages_order_roles_by_title(db: Database) -> None:
    skill = await make_skill(db, "Python")
    for title in ["Tester", "architect", "Developer"]:
        await links.set_link(db, ROLE_REQUIRES, await make_role(db, title), skill, {"level": 1})
    key = PageKey(parent_id=skill, limit=10)
    page = (await links.child_pages(db, REQUIRED_BY, [key]))[key]
    assert [row.node["title"] for _, row in page.rows] == ["architect", "Developer", "Tester"]


async def test_related_is_seen_from_both_ends(db: Database) -> None:
    python, django = await make_skill(db, "Python"), await make_skill(db, "Django")
    await links.set_link(db, RELATED, django, python, {"relationType": "essential"})
    found = await links.related(db, [python, django])
    [(row_py, outgoing_py)] = found[python]
    [(row_dj, outgoing_dj)] = found[django]
    assert (row_py.node["id"], outgoing_py) == (django, False)
    assert (row_dj.node["id"], outgoing_dj) == (python, True)
    assert row_py.rel["relationType"] == row_dj.rel["relationType"] == "essential"


async def test_related_rows_are_ordered_by_name(db: Database) -> None:
    hub = await make_skill(db, "Hub")
    for name in ["zeta", "Alpha"]:
        await links.set_link(db, RELATED, hub, await make_skill(db, name), {})
    await links.set_link(db, RELATED, await make_skill(db, "beta"), hub, {})
    found = await links.related(db, [hub])
    assert [row.node["name"] for row, _ in found[hub]] == ["Alpha", "beta", "zeta"]


def requirement_rows(rows: list[Record]) -> list[tuple[str, int, bool]]:
    return [(row["skill"]["name"], row["level"], row["inherited"]) for row in rows]


async def test_requirements_list_own_and_inherited_rows(db: Database) -> None:
    occupation = await make_role(db, "Developer")
    posting = await make_role(db, "Dev at Acme", kind="JOB_POSTING", occupationId=occupation)
    git, python, sql = await make_skills(db, "Git", "Python", "SQL")
    await links.set_link(db, ROLE_REQUIRES, occupation, git, {"level": 1})
    await links.set_link(db, ROLE_REQUIRES, occupation, python, {"level": 2})
    await links.set_link(db, ROLE_REQUIRES, posting, python, {"level": 4})
    await links.set_link(db, ROLE_REQUIRES, posting, sql, {"level": 3})
    found = {
        k: rows for k, (_, rows) in (await links.requirements(db, [posting, occupation])).items()
    }
    assert sorted(requirement_rows(found[posting])) == [
        ("Git", 1, True),
        ("Python", 2, True),
        ("Python", 4, False),
        ("SQL", 3, False),
    ]
    assert [name for name, _, _ in requirement_rows(found[posting])] == [
        "Git",
        "Python",
        "Python",
        "SQL",
    ]
    assert requirement_rows(found[occupation]) == [("Git", 1, False), ("Python", 2, False)]


async def test_a_role_without_requirements_has_no_rows(db: Database) -> None:
    role = await make_role(db, "Developer")
    found = await links.requirements(db, [role, "role_missing"])
    assert list(found) == [role]
    record, rows = found[role]
    assert (record["title"], rows) == ("Developer", [])


async def test_revoking_an_award_marks_it_revoked_and_keeps_it(db: Database) -> None:
    person, cred = await make_person(db), await make_credential(db)
    await links.set_link(db, EARNED, person, cred, {"status": "ACTIVE"})
    await links.revoke_award(db, person, cred)
    [row] = (await links.children(db, EARNED, [person]))[person]
    assert row.rel["status"] == "REVOKED"
    assert row.rel["revokedAt"] is not None


async def test_revoking_without_an_award_is_not_found(db: Database) -> None:
    person, cred = await make_person(db), await make_credential(db)
    with pytest.raises(NotFound):
        await links.revoke_award(db, person, cred)
    assert await links.children(db, EARNED, [person]) == {}


async def test_revoking_for_an_unknown_person_is_not_found(db: Database) -> None:
    cred = await make_credential(db)
    with pytest.raises(NotFound):
        await links.revoke_award(db, "person_missing", cred)
