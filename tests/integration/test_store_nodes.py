"""store.nodes through every NodeSpec: ids, uris, upsert, merging updates, delete rules."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from skillgraph.errors import BadUserInput, Conflict, NotFound
from skillgraph.model.ids import NodeType
from skillgraph.store import admin, links, nodes
from skillgraph.store.database import Database, Record, instant
from skillgraph.store.links import Link, RelType
from skillgraph.store.nodes import NodeSpec
from skillgraph.store.specs import CREDENTIAL, PERSON, PROVIDER, ROLE, SKILL, SPECS

TEACHES = Link(NodeType.CREDENTIAL, RelType.TEACHES, NodeType.SKILL)
PREREQUISITE = Link(NodeType.CREDENTIAL, RelType.REQUIRES, NodeType.SKILL)
ROLE_REQUIRES = Link(NodeType.ROLE, RelType.REQUIRES, NodeType.SKILL)
HAS_SKILL = Link(NodeType.PERSON, RelType.HAS_SKILL, NodeType.SKILL)
EARNED = Link(NodeType.PERSON, RelType.EARNED, NodeType.CREDENTIAL)
TARGETS = Link(NodeType.PERSON, RelType.TARGETS, NodeType.ROLE)
ENDORSES = Link(NodeType.PROVIDER, RelType.ENDORSES, NodeType.CREDENTIAL)
OFFERS = Link(NodeType.PROVIDER, RelType.OFFERS, NodeType.CREDENTIAL)
ALL_TYPES = list(NodeType)
NAME_KEY = {NodeType.ROLE: "title"}


async def make_skill(db: Database, name: str = "Python", **kw: Any) -> Record:
    return await nodes.create(db, SKILL, {"name": name, **kw}, node_id=None, uri=None)


async def make_provider(db: Database, name: str = "Acme Academy") -> Record:
    return await nodes.create(db, PROVIDER, {"name": name}, node_id=None, uri=None)


async def make_credential(db: Database, provider_id: str, name: str = "Cert") -> Record:
    data = {"name": name, "providerId": provider_id}
    return await nodes.create(db, CREDENTIAL, data, node_id=None, uri=None)


async def make_role(db: Database, title: str = "Developer", **kw: Any) -> Record:
    return await nodes.create(db, ROLE, {"title": title, **kw}, node_id=None, uri=None)


async def make_person(db: Database, name: str = "Ada", **kw: Any) -> Record:
    return await nodes.create(db, PERSON, {"name": name, **kw}, node_id=None, uri=None)


async def minimal(db: Database, node_type: NodeType, name: str = "Thing") -> dict[str, Any]:
    """The smallest valid write input of a type (a credential gets a fresh provider)."""
    if node_type is NodeType.CREDENTIAL:
        provider = await make_provider(db, f"Provider of {name}")
        return {"name": name, "providerId": provider["id"]}
    return {NAME_KEY.get(node_type, "name"): name}


async def stored(db: Database, node_type: NodeType, node_id: str) -> Record | None:
    return (await nodes.get_by_ids(db, node_type, [node_id])).get(node_id)


async def count(db: Database, node_type: NodeType) -> int:
    return (await admin.counts(db)).get(node_type.value, 0)


def type_of(record: Record) -> NodeType:
    return next(t for t in NodeType if record["id"].startswith(f"{t.prefix}_"))


def other_type(node_type: NodeType) -> NodeType:
    return NodeType.PERSON if node_type is NodeType.SKILL else NodeType.SKILL


@pytest.mark.parametrize("node_type", ALL_TYPES)
async def test_a_generated_id_has_the_type_prefix(db: Database, node_type: NodeType) -> None:
    data = await minimal(db, node_type)
    record = await nodes.create(db, SPECS[node_type], data, node_id=None, uri=None)
    assert record["id"].startswith(f"{node_type.prefix}_")
    assert await stored(db, node_type, record["id"]) == record


@pytest.mark.parametrize("node_type", ALL_TYPES)
async def test_a_client_id_with_the_type_prefix_is_kept(db: Database, node_type: NodeType) -> None:
    data = await minimal(db, node_type)
    node_id = f"{node_type.prefix}_client-1"
    record = await nodes.create(db, SPECS[node_type], data, node_id=node_id, uri=None)
    assert record["id"] == node_id


@pytest.mark.parametrize("node_type", ALL_TYPES)
async def test_a_client_id_with_another_prefix_is_bad_user_input(
    db: Database, node_type: NodeType
) -> None:
    data = await minimal(db, node_type)
    wrong = f"{other_type(node_type).prefix}_abc"
    with pytest.raises(BadUserInput) as raised:
        await nodes.create(db, SPECS[node_type], data, node_id=wrong, uri=None)
    assert raised.value.extensions["field"] == "id"
    assert await count(db, node_type) == 0


@pytest.mark.parametrize("node_type", ALL_TYPES)
async def test_a_taken_uri_is_a_conflict(db: Database, node_type: NodeType) -> None:
    spec, uri = SPECS[node_type], "https://example.org/x"
    await nodes.create(db, spec, await minimal(db, node_type, "First"), node_id=None, uri=uri)
    with pytest.raises(Conflict) as raised:
        await nodes.create(db, spec, await minimal(db, node_type, "Second"), node_id=None, uri=uri)
    assert raised.value.extensions["field"] == "uri"
    assert await count(db, node_type) == 1


async def test_a_taken_id_is_a_conflict(db: Database) -> None:
    await nodes.create(db, SKILL, {"name": "A"}, node_id="skill_a", uri=None)
    with pytest.raises(Conflict) as raised:
        await nodes.create(db, SKILL, {"name": "B"}, node_id="skill_a", uri=None)
    assert raised.value.extensions["field"] == "id"
    assert (await stored(db, NodeType.SKILL, "skill_a") or {})["name"] == "A"


async def test_a_taken_email_is_a_conflict(db: Database) -> None:
    await make_person(db, "Ada", email="ada@example.org")
    with pytest.raises(Conflict) as raised:
        await make_person(db, "Other Ada", email="ADA@example.org")
    assert raised.value.extensions["field"] == "email"
    assert await count(db, NodeType.PERSON) == 1


async def test_get_by_ids_and_uris_return_only_what_exists(db: Database) -> None:
    skill = await nodes.create(db, SKILL, {"name": "Go"}, node_id=None, uri="https://e.org/go")
    by_id = await nodes.get_by_ids(db, NodeType.SKILL, [skill["id"], "skill_missing"])
    by_uri = await nodes.get_by_uris(db, NodeType.SKILL, ["https://e.org/go", "https://e.org/no"])
    assert by_id == {skill["id"]: skill}
    assert by_uri == {"https://e.org/go": skill}
    assert await nodes.get_by_ids(db, NodeType.ROLE, [skill["id"]]) == {}


@pytest.mark.parametrize("node_type", ALL_TYPES)
async def test_upserting_a_uri_twice_keeps_one_node_and_its_id(
    db: Database, node_type: NodeType
) -> None:
    spec, uri = SPECS[node_type], "https://example.org/same"
    first, created = await nodes.upsert(
        db, spec, uri, await minimal(db, node_type, "Old"), node_id=None
    )
    again = await minimal(db, node_type, "New")
    second, created_again = await nodes.upsert(db, spec, uri, again, node_id=None)
    assert (created, created_again) == (True, False)
    assert second["id"] == first["id"]
    assert second[NAME_KEY.get(node_type, "name")] == "New"
    assert await count(db, node_type) == 1


async def test_upserting_twice_with_the_same_client_id_reports_the_second_as_not_created(
    db: Database,
) -> None:
    uri = "https://example.org/python"
    _, created = await nodes.upsert(db, SKILL, uri, {"name": "Python"}, node_id="skill_py")
    _, created_again = await nodes.upsert(db, SKILL, uri, {"name": "Python 3"}, node_id="skill_py")
    assert (created, created_again) == (True, False)


async def test_upsert_replaces_every_field_and_keeps_relationships(db: Database) -> None:
    uri = "https://example.org/sql"
    data = {"name": "SQL", "description": "Queries", "altLabels": ["sequel"]}
    skill, _ = await nodes.upsert(db, SKILL, uri, data, node_id=None)
    person = await make_person(db)
    await links.set_link(db, HAS_SKILL, person["id"], skill["id"], {"level": 2})
    replaced, _ = await nodes.upsert(db, SKILL, uri, {"name": "SQL"}, node_id=None)
    assert replaced.get("description") is None
    assert replaced["altLabels"] == []
    held = await links.children(db, HAS_SKILL, [person["id"]])
    assert [row.node["id"] for row in held[person["id"]]] == [skill["id"]]


async def test_upsert_with_a_client_id_other_than_the_uri_owner_is_a_conflict(
    db: Database,
) -> None:
    uri = "https://example.org/rust"
    await nodes.upsert(db, SKILL, uri, {"name": "Rust"}, node_id="skill_rust")
    with pytest.raises(Conflict):
        await nodes.upsert(db, SKILL, uri, {"name": "Renamed"}, node_id="skill_other")
    assert (await stored(db, NodeType.SKILL, "skill_rust") or {})["name"] == "Rust"
    assert await count(db, NodeType.SKILL) == 1


async def test_update_leaves_omitted_keys_unchanged(db: Database) -> None:
    skill = await make_skill(db, "Python", description="A language", altLabels=["py"])
    updated = await nodes.update(db, SKILL, skill["id"], {"name": "Python 3"})
    assert updated["name"] == "Python 3"
    assert updated["description"] == "A language"
    assert updated["altLabels"] == ["py"]
    assert updated["createdAt"] == skill["createdAt"]
    assert instant(updated["updatedAt"]) >= instant(skill["updatedAt"])


async def test_update_with_none_clears_a_key(db: Database) -> None:
    skill = await make_skill(db, "Python", description="A language")
    updated = await nodes.update(db, SKILL, skill["id"], {"description": None})
    assert updated.get("description") is None
    assert updated["name"] == "Python"


async def test_update_can_set_and_clear_the_uri(db: Database) -> None:
    skill = await make_skill(db)
    uri = "https://example.org/py"
    with_uri = await nodes.update(db, SKILL, skill["id"], {}, uri=uri, set_uri=True)
    assert with_uri["uri"] == uri
    cleared = await nodes.update(db, SKILL, skill["id"], {}, uri=None, set_uri=True)
    assert cleared.get("uri") is None


async def test_updating_to_a_taken_uri_is_a_conflict_and_writes_nothing(db: Database) -> None:
    await nodes.create(db, SKILL, {"name": "Go"}, node_id=None, uri="https://e.org/go")
    skill = await make_skill(db, "Python")
    with pytest.raises(Conflict):
        await nodes.update(
            db, SKILL, skill["id"], {"name": "Go 2"}, uri="https://e.org/go", set_uri=True
        )
    assert await stored(db, NodeType.SKILL, skill["id"]) == skill


async def test_updating_an_unknown_id_is_not_found(db: Database) -> None:
    with pytest.raises(NotFound):
        await nodes.update(db, SKILL, "skill_missing", {"name": "X"})


@pytest.mark.parametrize("node_type", ALL_TYPES)
async def test_an_invalid_patch_raises_validation_error_and_writes_nothing(
    db: Database, node_type: NodeType
) -> None:
    spec = SPECS[node_type]
    record = await nodes.create(db, spec, await minimal(db, node_type), node_id=None, uri=None)
    with pytest.raises(ValidationError):
        await nodes.update(db, spec, record["id"], {NAME_KEY.get(node_type, "name"): "  "})
    assert await stored(db, node_type, record["id"]) == record


async def test_an_update_keeps_the_provider_of_a_credential_unless_given(db: Database) -> None:
    acme, other = await make_provider(db, "Acme"), await make_provider(db, "Other")
    cred = await make_credential(db, acme["id"])
    await nodes.update(db, CREDENTIAL, cred["id"], {"name": "Renamed"})
    offered = await links.children(db, OFFERS, [acme["id"]])
    assert [row.node["id"] for row in offered[acme["id"]]] == [cred["id"]]
    await nodes.update(db, CREDENTIAL, cred["id"], {"providerId": other["id"]})
    offered = await links.children(db, OFFERS, [acme["id"], other["id"]])
    assert acme["id"] not in offered
    assert [row.node["id"] for row in offered[other["id"]]] == [cred["id"]]


async def test_a_credential_of_an_unknown_provider_is_bad_user_input_and_not_written(
    db: Database,
) -> None:
    with pytest.raises(BadUserInput) as raised:
        await make_credential(db, "prov_missing")
    assert raised.value.extensions["field"] == "providerId"
    assert await count(db, NodeType.CREDENTIAL) == 0


async def test_an_occupation_id_naming_a_posting_is_bad_user_input_and_not_written(
    db: Database,
) -> None:
    posting = await make_role(db, "Posting", kind="JOB_POSTING")
    with pytest.raises(BadUserInput) as raised:
        await make_role(db, "Another", kind="JOB_POSTING", occupationId=posting["id"])
    assert raised.value.extensions["field"] == "occupationId"
    assert await count(db, NodeType.ROLE) == 1


async def test_an_unknown_occupation_id_is_bad_user_input(db: Database) -> None:
    with pytest.raises(BadUserInput) as raised:
        await make_role(db, "Posting", kind="JOB_POSTING", occupationId="role_missing")
    assert raised.value.extensions["field"] == "occupationId"
    assert await count(db, NodeType.ROLE) == 0


async def test_only_a_posting_may_name_an_occupation(db: Database) -> None:
    occupation = await make_role(db, "Occupation")
    with pytest.raises(ValidationError):
        await make_role(db, "Also occupation", occupationId=occupation["id"])
    assert await count(db, NodeType.ROLE) == 1


async def skill_with(db: Database, kind: str) -> tuple[Record, Record]:
    """A skill and the node that references it by ``kind``."""
    skill = await make_skill(db)
    if kind in ("taughtBy", "prerequisiteOf"):
        other = await make_credential(db, (await make_provider(db))["id"])
        link = TEACHES if kind == "taughtBy" else PREREQUISITE
    elif kind == "requiredBy":
        other, link = await make_role(db), ROLE_REQUIRES
    else:
        other, link = await make_person(db), HAS_SKILL
    await links.set_link(db, link, other["id"], skill["id"], {"level": 1})
    return skill, other


@pytest.mark.parametrize("kind", ["taughtBy", "prerequisiteOf", "requiredBy", "heldBy"])
async def test_deleting_a_referenced_skill_is_a_conflict(db: Database, kind: str) -> None:
    skill, _ = await skill_with(db, kind)
    with pytest.raises(Conflict) as raised:
        await nodes.delete(db, SKILL, skill["id"], cascade=False)
    assert raised.value.extensions["dependents"] == {kind: 1}
    assert await stored(db, NodeType.SKILL, skill["id"]) == skill


@pytest.mark.parametrize("kind", ["taughtBy", "prerequisiteOf", "requiredBy", "heldBy"])
async def test_cascading_a_skill_delete_removes_only_its_links(db: Database, kind: str) -> None:
    skill, other = await skill_with(db, kind)
    await nodes.delete(db, SKILL, skill["id"], cascade=True)
    assert await stored(db, NodeType.SKILL, skill["id"]) is None
    assert await stored(db, type_of(other), other["id"]) == other


async def test_deleting_a_provider_that_offers_credentials_is_a_conflict(db: Database) -> None:
    provider = await make_provider(db)
    await make_credential(db, provider["id"])
    with pytest.raises(Conflict) as raised:
        await nodes.delete(db, PROVIDER, provider["id"], cascade=False)
    assert raised.value.extensions["dependents"] == {"offers": 1}
    assert await count(db, NodeType.CREDENTIAL) == 1


async def test_cascading_a_provider_delete_deletes_its_credentials_and_their_awards(
    db: Database,
) -> None:
    provider, other = await make_provider(db, "Acme"), await make_provider(db, "Other")
    cred = await make_credential(db, provider["id"], "Acme cert")
    kept = await make_credential(db, other["id"], "Other cert")
    person = await make_person(db)
    await links.set_link(db, EARNED, person["id"], cred["id"], {"status": "ACTIVE"})
    await nodes.delete(db, PROVIDER, provider["id"], cascade=True)
    assert await stored(db, NodeType.CREDENTIAL, cred["id"]) is None
    assert await stored(db, NodeType.CREDENTIAL, kept["id"]) == kept
    assert await stored(db, NodeType.PERSON, person["id"]) == person
    assert (await links.children(db, EARNED, [person["id"]])) == {}


async def test_an_endorsing_provider_is_deletable_without_cascade(db: Database) -> None:
    issuer, endorser = await make_provider(db, "Issuer"), await make_provider(db, "Endorser")
    cred = await make_credential(db, issuer["id"])
    await links.set_link(db, ENDORSES, endorser["id"], cred["id"], {})
    await nodes.delete(db, PROVIDER, endorser["id"], cascade=False)
    assert await stored(db, NodeType.CREDENTIAL, cred["id"]) == cred


async def test_deleting_an_awarded_credential_is_a_conflict(db: Database) -> None:
    cred = await make_credential(db, (await make_provider(db))["id"])
    person = await make_person(db)
    await links.set_link(db, EARNED, person["id"], cred["id"], {"status": "ACTIVE"})
    with pytest.raises(Conflict) as raised:
        await nodes.delete(db, CREDENTIAL, cred["id"], cascade=False)
    assert raised.value.extensions["dependents"] == {"earnedBy": 1}
    await nodes.delete(db, CREDENTIAL, cred["id"], cascade=True)
    assert await stored(db, NodeType.CREDENTIAL, cred["id"]) is None
    assert await stored(db, NodeType.PERSON, person["id"]) == person


async def test_deleting_an_occupation_with_postings_is_a_conflict(db: Database) -> None:
    occupation = await make_role(db, "Occupation")
    posting = await make_role(db, "Posting", kind="JOB_POSTING", occupationId=occupation["id"])
    with pytest.raises(Conflict) as raised:
        await nodes.delete(db, ROLE, occupation["id"], cascade=False)
    assert raised.value.extensions["dependents"] == {"postings": 1}
    await nodes.delete(db, ROLE, occupation["id"], cascade=True)
    assert await stored(db, NodeType.ROLE, posting["id"]) == posting


async def test_deleting_a_targeted_role_is_a_conflict(db: Database) -> None:
    role, person = await make_role(db), await make_person(db)
    await links.set_link(db, TARGETS, person["id"], role["id"], {})
    with pytest.raises(Conflict) as raised:
        await nodes.delete(db, ROLE, role["id"], cascade=False)
    assert raised.value.extensions["dependents"] == {"targetedBy": 1}
    await nodes.delete(db, ROLE, role["id"], cascade=True)
    assert await stored(db, NodeType.PERSON, person["id"]) == person


async def test_a_person_is_always_deletable(db: Database) -> None:
    person, skill, role = await make_person(db), await make_skill(db), await make_role(db)
    cred = await make_credential(db, (await make_provider(db))["id"])
    await links.set_link(db, HAS_SKILL, person["id"], skill["id"], {"level": 3})
    await links.set_link(db, EARNED, person["id"], cred["id"], {"status": "ACTIVE"})
    await links.set_link(db, TARGETS, person["id"], role["id"], {})
    await nodes.delete(db, PERSON, person["id"], cascade=False)
    assert await stored(db, NodeType.PERSON, person["id"]) is None
    assert await admin.counts(db) == {"Credential": 1, "Provider": 1, "Role": 1, "Skill": 1}


@pytest.mark.parametrize("spec", [SKILL, PROVIDER, CREDENTIAL, ROLE, PERSON])
async def test_deleting_an_unknown_id_is_not_found(db: Database, spec: NodeSpec) -> None:
    with pytest.raises(NotFound):
        await nodes.delete(db, spec, f"{spec.node_type.prefix}_missing", cascade=True)
