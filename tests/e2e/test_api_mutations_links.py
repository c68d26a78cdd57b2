"""Relationship mutations over HTTP: set, change, remove (idempotent) and NOT_FOUND."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from tests.e2e.conftest import Api

PREFIX = {
    "Skill": "skill",
    "Provider": "prov",
    "Credential": "cred",
    "Role": "role",
    "Person": "person",
}
RELATIONS = {
    "setRoleRequirement": ("roleId", "Role", "skillId", "Skill"),
    "removeRoleRequirement": ("roleId", "Role", "skillId", "Skill"),
    "setCredentialTeaches": ("credentialId", "Credential", "skillId", "Skill"),
    "removeCredentialTeaches": ("credentialId", "Credential", "skillId", "Skill"),
    "setCredentialPrerequisite": ("credentialId", "Credential", "skillId", "Skill"),
    "removeCredentialPrerequisite": ("credentialId", "Credential", "skillId", "Skill"),
    "endorseCredential": ("providerId", "Provider", "credentialId", "Credential"),
    "removeEndorsement": ("providerId", "Provider", "credentialId", "Credential"),
    "addPersonSkill": ("personId", "Person", "skillId", "Skill"),
    "removePersonSkill": ("personId", "Person", "skillId", "Skill"),
    "awardCredential": ("personId", "Person", "credentialId", "Credential"),
    "revokeCredential": ("personId", "Person", "credentialId", "Credential"),
    "setTarget": ("personId", "Person", "roleId", "Role"),
    "removeTarget": ("personId", "Person", "roleId", "Role"),
    "setHeldRole": ("personId", "Person", "roleId", "Role"),
    "removeHeldRole": ("personId", "Person", "roleId", "Role"),
    "setBroaderSkill": ("skillId", "Skill", "broaderId", "Skill"),
    "removeBroaderSkill": ("skillId", "Skill", "broaderId", "Skill"),
    "relateSkills": ("skillId", "Skill", "relatedId", "Skill"),
    "unrelateSkills": ("skillId", "Skill", "relatedId", "Skill"),
}
REMOVES = [name for name in RELATIONS if name.startswith(("remove", "unrelate"))]


async def make(api: Api, type_: str, name: str = "Thing") -> str:
    values: dict[str, Any] = {"title": name} if type_ == "Role" else {"name": name}
    if type_ == "Credential":
        values["providerId"] = await make(api, "Provider", "Acme")
    mutation = f"mutation($i: Create{type_}Input!) {{ create{type_}(input: $i) {{ id }} }}"
    return str((await api.data(mutation, {"i": values}))[f"create{type_}"]["id"])


async def relate(
    api: Api, mutation: str, a: str, b: str, extra: str = "", select: str = "id"
) -> Any:
    """Run a relationship mutation; ``extra`` adds literal arguments, ``select`` the selection."""
    a_arg, _, b_arg, _ = RELATIONS[mutation]
    document = (
        f"mutation($a: ID!, $b: ID!) {{ {mutation}({a_arg}: $a, {b_arg}: $b{extra}) "
        f"{{ {select} }} }}"
    )
    return (await api.data(document, {"a": a, "b": b}))[mutation]


@pytest.mark.parametrize("mutation", list(RELATIONS))
@pytest.mark.parametrize("missing", ["start", "end"])
async def test_an_unknown_end_is_not_found(api: Api, mutation: str, missing: str) -> None:
    a_arg, a_type, b_arg, b_type = RELATIONS[mutation]
    a = f"{PREFIX[a_type]}_missing" if missing == "start" else await make(api, a_type, "A")
    b = f"{PREFIX[b_type]}_missing" if missing == "end" else await make(api, b_type, "B")
    document = f"mutation($a: ID!, $b: ID!) {{ {mutation}({a_arg}: $a, {b_arg}: $b) {{ id }} }}"
    error = await api.error(document, {"a": a, "b": b})
    assert error["extensions"]["code"] == "NOT_FOUND"


@pytest.mark.parametrize("mutation", REMOVES)
async def test_removing_an_absent_link_is_a_no_op(api: Api, mutation: str) -> None:
    _, a_type, _, b_type = RELATIONS[mutation]
    a, b = await make(api, a_type, "A"), await make(api, b_type, "B")
    assert await relate(api, mutation, a, b) == {"id": a if mutation != "removeEndorsement" else b}


async def test_a_role_requirement_is_set_changed_and_removed(api: Api) -> None:
    role, skill = await make(api, "Role", "Dev"), await make(api, "Skill", "Python")
    select = "requirements { skill { id } importance level inherited }"
    first = await relate(api, "setRoleRequirement", role, skill, ", level: 3", select)
    assert first["requirements"] == [
        {"skill": {"id": skill}, "importance": "ESSENTIAL", "level": 3, "inherited": False}
    ]
    changed = await relate(api, "setRoleRequirement", role, skill, ", importance: OPTIONAL", select)
    assert [(r["importance"], r["level"]) for r in changed["requirements"]] == [("OPTIONAL", 1)]
    removed = await relate(api, "removeRoleRequirement", role, skill, select=select)
    assert removed["requirements"] == []


async def test_a_credential_teaches_a_skill_up_to_a_level(api: Api) -> None:
    cred, skill = await make(api, "Credential", "Cert"), await make(api, "Skill", "Python")
    select = "teaches { skill { id } level }"
    taught = await relate(api, "setCredentialTeaches", cred, skill, ", level: 4", select)
    assert taught["teaches"] == [{"skill": {"id": skill}, "level": 4}]
    removed = await relate(api, "removeCredentialTeaches", cred, skill, select=select)
    assert removed["teaches"] == []


async def test_a_credential_prerequisite_defaults_to_level_one(api: Api) -> None:
    cred, skill = await make(api, "Credential", "Cert"), await make(api, "Skill", "Python")
    select = "prerequisites { skill { id } level } teaches { level }"
    set_ = await relate(api, "setCredentialPrerequisite", cred, skill, select=select)
    assert set_ == {"prerequisites": [{"skill": {"id": skill}, "level": 1}], "teaches": []}
    removed = await relate(api, "removeCredentialPrerequisite", cred, skill, select=select)
    assert removed["prerequisites"] == []


async def test_an_endorsement_is_recorded_and_removed(api: Api) -> None:
    endorser, cred = await make(api, "Provider", "Endorser"), await make(api, "Credential")
    select = "id endorsedBy { id }"
    endorsed = await relate(api, "endorseCredential", endorser, cred, select=select)
    assert endorsed == {"id": cred, "endorsedBy": [{"id": endorser}]}
    removed = await relate(api, "removeEndorsement", endorser, cred, select=select)
    assert removed == {"id": cred, "endorsedBy": []}


async def test_a_person_declares_a_skill_with_level_and_source(api: Api) -> None:
    person, skill = await make(api, "Person", "Ada"), await make(api, "Skill", "Python")
    select = "skills { skill { id } level source updatedAt }"
    added = await relate(
        api, "addPersonSkill", person, skill, ", level: 5, source: ASSESSED", select
    )
    [held] = added["skills"]
    assert (held["skill"], held["level"], held["source"]) == ({"id": skill}, 5, "ASSESSED")
    assert held["updatedAt"] is not None
    removed = await relate(api, "removePersonSkill", person, skill, select=select)
    assert removed["skills"] == []


AWARD_FIELDS = "credentials { credential { id } issuedAt expiresAt status evidenceUrl active }"


async def test_an_award_defaults_to_issued_now_and_active(api: Api) -> None:
    person, cred = await make(api, "Person", "Ada"), await make(api, "Credential")
    before = datetime.now(UTC) - timedelta(seconds=5)
    extra = ', evidenceUrl: "https://badges.example/1"'
    [award] = (await relate(api, "awardCredential", person, cred, extra, AWARD_FIELDS))[
        "credentials"
    ]
    assert award["credential"] == {"id": cred}
    assert before <= datetime.fromisoformat(award["issuedAt"]) <= datetime.now(UTC)
    assert (award["expiresAt"], award["status"], award["active"]) == (None, "ACTIVE", True)
    assert award["evidenceUrl"] == "https://badges.example/1"


async def test_times_without_a_zone_are_utc_and_a_second_award_replaces_the_first(
    api: Api,
) -> None:
    person, cred = await make(api, "Person", "Ada"), await make(api, "Credential")
    await relate(api, "awardCredential", person, cred, select="id")
    extra = ', issuedAt: "2024-01-01T09:00:00", expiresAt: "2024-06-01T09:00:00"'
    [award] = (await relate(api, "awardCredential", person, cred, extra, AWARD_FIELDS))[
        "credentials"
    ]
    assert datetime.fromisoformat(award["issuedAt"]) == datetime(2024, 1, 1, 9, tzinfo=UTC)
    assert datetime.fromisoformat(award["expiresAt"]) == datetime(2024, 6, 1, 9, tzinfo=UTC)
    assert award["active"] is False


async def test_a_revoked_award_is_kept_but_inactive(api: Api) -> None:
    person, cred = await make(api, "Person", "Ada"), await make(api, "Credential")
    await relate(api, "awardCredential", person, cred, select="id")
    [award] = (await relate(api, "revokeCredential", person, cred, select=AWARD_FIELDS))[
        "credentials"
    ]
    assert (award["status"], award["active"]) == ("REVOKED", False)


async def test_revoking_without_an_award_is_not_found(api: Api) -> None:
    person, cred = await make(api, "Person", "Ada"), await make(api, "Credential")
    document = (
        "mutation($a: ID!, $b: ID!) { revokeCredential(personId: $a, credentialId: $b) { id } }"
    )
    error = await api.error(document, {"a": person, "b": cred})
    assert error["extensions"]["code"] == "NOT_FOUND"


async def test_a_target_role_is_added_once_and_removed(api: Api) -> None:
    person, role = await make(api, "Person", "Ada"), await make(api, "Role", "Dev")
    await relate(api, "setTarget", person, role)
    targets = await relate(api, "setTarget", person, role, select="targets { id }")
    assert targets == {"targets": [{"id": role}]}
    removed = await relate(api, "removeTarget", person, role, select="targets { id }")
    assert removed == {"targets": []}


async def test_a_held_role_is_added_once_removed_and_blocks_deleting_the_role(
    api: Api,
) -> None:
    person, role = await make(api, "Person", "Ada"), await make(api, "Role", "Dev")
    await relate(api, "setHeldRole", person, role)
    held = await relate(api, "setHeldRole", person, role, select="heldRoles { id }")
    assert held == {"heldRoles": [{"id": role}]}
    error = await api.error("mutation($id: ID!) { deleteRole(id: $id) { id } }", {"id": role})
    assert error["extensions"]["dependents"] == {"heldBy": 1}
    removed = await relate(api, "removeHeldRole", person, role, select="heldRoles { id }")
    assert removed == {"heldRoles": []}


async def test_a_skill_is_placed_under_a_broader_one_and_removed(api: Api) -> None:
    narrow, broad = await make(api, "Skill", "Django"), await make(api, "Skill", "Python")
    placed = await relate(api, "setBroaderSkill", narrow, broad, select="broader { id }")
    assert placed == {"broader": [{"id": broad}]}
    removed = await relate(api, "removeBroaderSkill", narrow, broad, select="broader { id }")
    assert removed == {"broader": []}


async def test_a_broader_link_making_a_cycle_is_bad_user_input(api: Api) -> None:
    a, b = await make(api, "Skill", "A"), await make(api, "Skill", "B")
    await relate(api, "setBroaderSkill", a, b)
    document = "mutation($a: ID!, $b: ID!) { setBroaderSkill(skillId: $a, broaderId: $b) { id } }"
    error = await api.error(document, {"a": b, "b": a})
    assert (error["extensions"]["code"], error["extensions"]["field"]) == (
        "BAD_USER_INPUT",
        "broaderId",
    )
    query = "query($id: ID!) { skill(id: $id) { broader { id } } }"
    assert (await api.data(query, {"id": b}))["skill"]["broader"] == []


async def test_related_skills_carry_the_relation_type_and_can_be_unrelated(api: Api) -> None:
    a, b = await make(api, "Skill", "A"), await make(api, "Skill", "B")
    select = "related { skill { id } relationType outgoing }"
    related = await relate(api, "relateSkills", a, b, ', relationType: "essential"', select)
    assert related["related"] == [
        {"skill": {"id": b}, "relationType": "essential", "outgoing": True}
    ]
    assert (await relate(api, "unrelateSkills", a, b, select=select))["related"] == []
