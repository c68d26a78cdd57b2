"""skillGap and Person.gap through GraphQL, on hand-computed cases."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import Api

GAP = """query($p: ID!, $r: ID!, $o: GapOptionsInput) {
  skillGap(personId: $p, roleId: $r, options: $o) {
    coverage essentialCoverage
    met { skill { id } importance requiredLevel heldLevel inherited matchedVia { id }
          sources { kind level credential { id } } }
    missing { skill { id } requiredLevel heldLevel inherited }
  } }"""


async def run(api: Api, mutation: str) -> dict[str, Any]:
    return await api.data(mutation)


async def graph(api: Api) -> None:
    """Occupation role_o requires a (L2, essential), b (L1, essential), c (L1, optional).
    Posting role_p specialises it and raises b to L3 and adds d (L1, essential).
    Skill a2 is narrower than a. Credential cred_x teaches b at 3."""
    await run(
        api,
        "mutation {"
        + " ".join(
            f'{s}: createSkill(input: {{id: "skill_{s}", name: "{s}"}}) {{ id }}'
            for s in ["a", "b", "c", "d", "a2"]
        )
        + ' p: createProvider(input: {id: "prov_1", name: "P"}) { id }'
        + ' o: createRole(input: {id: "role_o", title: "O"}) { id }'
        + ' x: createCredential(input: {id: "cred_x", name: "X", providerId: "prov_1"}) { id }'
        + ' me: createPerson(input: {id: "person_me", name: "Me"}) { id } }',
    )
    await run(
        api,
        'mutation { p: createRole(input: {id: "role_p", title: "P", kind: JOB_POSTING,'
        ' occupationId: "role_o"}) { id }'
        ' r1: setRoleRequirement(roleId: "role_o", skillId: "skill_a", level: 2) { id }'
        ' r2: setRoleRequirement(roleId: "role_o", skillId: "skill_b") { id }'
        ' r3: setRoleRequirement(roleId: "role_o", skillId: "skill_c", importance: OPTIONAL)'
        " { id }"
        ' r4: setRoleRequirement(roleId: "role_p", skillId: "skill_b", level: 3) { id }'
        ' r5: setRoleRequirement(roleId: "role_p", skillId: "skill_d") { id }'
        ' t: setCredentialTeaches(credentialId: "cred_x", skillId: "skill_b", level: 3) { id }'
        ' n: setBroaderSkill(skillId: "skill_a2", broaderId: "skill_a") { id } }',
    )


async def gap(api: Api, role: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    data = await api.data(GAP, {"p": "person_me", "r": role, "o": options})
    result: dict[str, Any] = data["skillGap"]
    return result


def ids(matches: list[dict[str, Any]]) -> list[str]:
    return [m["skill"]["id"] for m in matches]


async def test_nothing_held_means_nothing_met(api: Api) -> None:
    await graph(api)
    result = await gap(api, "role_o")
    assert result["coverage"] == 0
    assert result["essentialCoverage"] == 0
    assert ids(result["missing"]) == ["skill_a", "skill_b", "skill_c"]


async def test_weights_make_coverage(api: Api) -> None:
    await graph(api)
    await run(api, 'mutation { addPersonSkill(personId: "person_me", skillId: "skill_c") { id } }')
    result = await gap(api, "role_o")
    assert result["coverage"] == pytest.approx(0.25 / 2.25)
    assert result["essentialCoverage"] == 0
    weighted = await gap(api, "role_o", {"optionalWeight": 1.0})
    assert weighted["coverage"] == pytest.approx(1 / 3)


async def test_a_level_below_the_requirement_is_missing_with_its_held_level(api: Api) -> None:
    await graph(api)
    await run(
        api,
        'mutation { addPersonSkill(personId: "person_me", skillId: "skill_a", level: 1) { id } }',
    )
    result = await gap(api, "role_o")
    (a,) = [m for m in result["missing"] if m["skill"]["id"] == "skill_a"]
    assert (a["requiredLevel"], a["heldLevel"]) == (2, 1)


async def test_a_posting_inherits_and_its_own_requirement_wins(api: Api) -> None:
    await graph(api)
    await run(
        api,
        'mutation { addPersonSkill(personId: "person_me", skillId: "skill_b", level: 2) { id } }',
    )
    occupation = await gap(api, "role_o")
    assert "skill_b" in ids(occupation["met"])
    posting = await gap(api, "role_p")
    (b,) = [m for m in posting["missing"] if m["skill"]["id"] == "skill_b"]
    assert (b["requiredLevel"], b["heldLevel"], b["inherited"]) == (3, 2, False)
    assert sorted(ids(posting["missing"])) == ["skill_a", "skill_b", "skill_c", "skill_d"]
    (a,) = [m for m in posting["missing"] if m["skill"]["id"] == "skill_a"]
    assert a["inherited"] is True


async def test_an_active_award_teaches_its_skills_and_is_explained(api: Api) -> None:
    await graph(api)
    await run(
        api, 'mutation { awardCredential(personId: "person_me", credentialId: "cred_x") { id } }'
    )
    result = await gap(api, "role_p")
    (b,) = [m for m in result["met"] if m["skill"]["id"] == "skill_b"]
    assert b["heldLevel"] == 3
    assert b["sources"] == [{"kind": "CREDENTIAL", "level": 3, "credential": {"id": "cred_x"}}]


async def test_expired_and_revoked_awards_count_for_nothing(api: Api) -> None:
    await graph(api)
    await run(
        api,
        'mutation { awardCredential(personId: "person_me", credentialId: "cred_x",'
        ' issuedAt: "2020-01-01T00:00:00Z", expiresAt: "2021-01-01T00:00:00Z") { id } }',
    )
    assert "skill_b" in ids((await gap(api, "role_o"))["missing"])
    # As of a moment inside its validity, the same award counts.
    past = await gap(api, "role_o", {"asOf": "2020-06-01T00:00:00Z"})
    assert "skill_b" in ids(past["met"])
    await run(
        api,
        'mutation { awardCredential(personId: "person_me", credentialId: "cred_x") { id }'
        ' revokeCredential(personId: "person_me", credentialId: "cred_x") { id } }',
    )
    assert "skill_b" in ids((await gap(api, "role_o"))["missing"])


async def test_match_narrower_lets_a_narrower_skill_meet_the_requirement(api: Api) -> None:
    await graph(api)
    await run(
        api,
        'mutation { addPersonSkill(personId: "person_me", skillId: "skill_a2", level: 2) { id } }',
    )
    assert "skill_a" in ids((await gap(api, "role_o"))["missing"])
    result = await gap(api, "role_o", {"matchNarrower": True})
    (a,) = [m for m in result["met"] if m["skill"]["id"] == "skill_a"]
    assert a["matchedVia"] == {"id": "skill_a2"}


async def test_person_gap_is_the_same_answer(api: Api) -> None:
    await graph(api)
    data = await api.data(
        '{ person(id: "person_me") { gap(roleId: "role_o") {'
        " coverage missing { skill { id } } } } }"
    )
    assert ids(data["person"]["gap"]["missing"]) == ["skill_a", "skill_b", "skill_c"]


@pytest.mark.parametrize(
    ("person", "role", "message"),
    [("person_nope", "role_o", "Person"), ("person_me", "role_nope", "Role")],
)
async def test_unknown_ids_are_not_found(api: Api, person: str, role: str, message: str) -> None:
    await graph(api)
    error = await api.error(GAP, {"p": person, "r": role})
    assert error["extensions"]["code"] == "NOT_FOUND"
    assert message in error["message"]


async def test_bad_weights_are_bad_user_input(api: Api) -> None:
    await graph(api)
    error = await api.error(
        GAP, {"p": "person_me", "r": "role_o", "o": {"essentialWeight": 0, "optionalWeight": 0}}
    )
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
