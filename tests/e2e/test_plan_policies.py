"""credentialPlan's policies through GraphQL: prerequisite chains of any length, unknown
amounts, exclusions with reasons, coverageAfter as skillGap will say it, matchNarrower."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import Api
from tests.e2e.test_plan import base, chosen, cred, plan, requires, role_requires, teaches
from tests.e2e.test_plan import mutate as mutate_at_most_15


async def mutate(api: Api, *fields: str) -> None:
    """Any number of mutation fields, in documents of at most 15 (the alias limit)."""
    for start in range(0, len(fields), 15):
        await mutate_at_most_15(api, *fields[start : start + 15])


FULL = """query($p: ID!, $r: ID!, $o: PlanOptionsInput) {
  credentialPlan(personId: $p, roleId: $r, options: $o) {
    steps { position credential { id } covers { id } }
    totalCost { amount currency } totalHours coverageBefore coverageAfter
    complete optimal solver uncoverable { id }
    unpricedSteps { credential { id } } untimedSteps { credential { id } }
    excluded { reason credential { id } }
    alternatives { steps { credential { id } } coverageAfter }
  } }"""

GAP = """query($p: ID!, $r: ID!, $g: GapOptionsInput) {
  skillGap(personId: $p, roleId: $r, options: $g) { coverage } }"""


async def full(api: Api, options: dict[str, Any] | None = None) -> dict[str, Any]:
    data = await api.data(FULL, {"p": "person_me", "r": "role_r", "o": options})
    result: dict[str, Any] = data["credentialPlan"]
    return result


def unpriced(cid: str, hours: float | None = 10) -> str:
    more = f", durationHours: {hours}" if hours is not None else ""
    return (
        f'createCredential(input: {{id: "cred_{cid}", name: "{cid}", providerId: "prov_1"{more}}})'
        " { id }"
    )


def untimed(cid: str, amount: str) -> str:
    return (
        f'createCredential(input: {{id: "cred_{cid}", name: "{cid}", providerId: "prov_1", '
        f'cost: {{amount: "{amount}", currency: "EUR"}}}}) {{ id }}'
    )


def ids(steps: list[dict[str, Any]]) -> list[str]:
    return [s["credential"]["id"] for s in steps]


def reasons(result: dict[str, Any]) -> dict[str, str]:
    return {e["credential"]["id"]: e["reason"] for e in result["excluded"]}


async def award_all(api: Api, credential_ids: list[str]) -> None:
    await mutate(
        api,
        *[
            f'awardCredential(personId: "person_me", credentialId: "{cid}") {{ id }}'
            for cid in credential_ids
        ],
    )


async def gap_coverage(api: Api, gap: dict[str, Any] | None = None) -> float:
    data = await api.data(GAP, {"p": "person_me", "r": "role_r", "g": gap})
    coverage: float = data["skillGap"]["coverage"]
    return coverage


# prerequisites


async def test_a_chain_of_ten_prerequisites_is_followed_to_its_end(api: Api) -> None:
    # Course i teaches skill i and requires skill i+1, 10 EUR each; a dear direct one exists.
    skills = [f"k{i}" for i in range(11)]
    await base(api, skills=[])
    await mutate(
        api, *[f'createSkill(input: {{id: "skill_{s}", name: "{s}"}}) {{ id }}' for s in skills]
    )
    fields = [role_requires("k0")]
    for i in range(10):
        fields += [cred(f"c{i}", "10"), teaches(f"c{i}", f"k{i}")]
        if i < 9:
            fields.append(requires(f"c{i}", f"k{i + 1}"))
    fields += [cred("direct", "549.99"), teaches("direct", "k0")]
    await mutate(api, *fields)

    result = await full(api)

    assert ids(result["steps"]) == [f"cred_c{i}" for i in reversed(range(10))]
    assert result["totalCost"] == [{"amount": "100.00", "currency": "EUR"}]
    assert (result["complete"], result["optimal"], result["uncoverable"]) == (True, True, [])


async def test_credentials_in_a_prerequisite_cycle_are_excluded_as_unreachable(api: Api) -> None:
    await base(api)
    await mutate(
        api,
        role_requires("a"),
        cred("x", "1"),
        teaches("x", "a"),
        teaches("x", "b"),
        requires("x", "c"),
        cred("y", "1"),
        teaches("y", "c"),
        requires("y", "b"),
        cred("z", "50"),
        teaches("z", "a"),
    )

    result = await full(api)

    assert ids(result["steps"]) == ["cred_z"]
    assert reasons(result) == {"cred_x": "UNREACHABLE", "cred_y": "UNREACHABLE"}
    assert result["optimal"]


async def test_a_prerequisite_on_an_optional_or_a_declared_requirement_is_followed(
    api: Api,
) -> None:
    # Plans read the teachers of ESSENTIAL requirements the person does not declare; skill b
    # (OPTIONAL) and skill c (declared at 1, required at 1) are still prerequisites of x.
    await base(api)
    await mutate(
        api,
        'addPersonSkill(personId: "person_me", skillId: "skill_c", level: 1) { id }',
        role_requires("a"),
        role_requires("b", importance="OPTIONAL"),
        role_requires("c"),
        cred("x", "10"),
        teaches("x", "a"),
        requires("x", "b"),
        requires("x", "c", 2),
        cred("y", "5"),
        teaches("y", "b"),
        cred("w", "5"),
        teaches("w", "c", 2),
    )

    result = await full(api)

    assert ids(result["steps"]) == ["cred_w", "cred_y", "cred_x"]
    assert (result["complete"], result["optimal"]) == (True, True)


async def test_a_prerequisite_of_a_credential_for_an_untargeted_skill_is_not_needed(
    api: Api,
) -> None:
    # "opt" teaches the OPTIONAL requirement o and requires q, which only a USD course
    # teaches: the USD course is left out for the plan toward ALL requirements only.
    await base(api, skills="aoq")
    await mutate(
        api,
        role_requires("a"),
        role_requires("o", importance="OPTIONAL"),
        cred("main", "10"),
        teaches("main", "a"),
        cred("opt", "10"),
        teaches("opt", "o"),
        requires("opt", "q"),
        cred("usd_q", "1", currency="USD"),
        teaches("usd_q", "q"),
    )

    essential = await full(api, {"currency": "EUR"})
    everything = await full(api, {"currency": "EUR", "include": "ALL"})

    assert reasons(essential) == {}
    assert reasons(everything) == {"cred_usd_q": "OTHER_CURRENCY", "cred_opt": "UNREACHABLE"}


async def test_left_out_credentials_are_those_the_plan_could_need_at_any_depth(
    api: Api,
) -> None:
    # A chain of seven (deeper than planning reads ahead in its first round trip): the USD
    # course teaching the deepest prerequisite is listed; a USD course whose only use is a
    # prerequisite of another USD course is not, however far ahead the reads went.
    skills = [f"k{i}" for i in range(7)]
    await base(api, skills="z")
    await mutate(
        api, *[f'createSkill(input: {{id: "skill_{s}", name: "{s}"}}) {{ id }}' for s in skills]
    )
    fields = [role_requires("k0")]
    for i in range(7):
        fields += [cred(f"c{i}", "10"), teaches(f"c{i}", f"k{i}")]
        if i < 6:
            fields.append(requires(f"c{i}", f"k{i + 1}"))
    fields += [
        cred("usd_deep", "1", currency="USD"),
        teaches("usd_deep", "k6"),
        cred("usd_side", "1", currency="USD"),
        teaches("usd_side", "k0"),
        requires("usd_side", "z"),
        cred("usd_z", "1", currency="USD"),
        teaches("usd_z", "z"),
    ]
    await mutate(api, *fields)

    result = await full(api, {"currency": "EUR"})

    assert ids(result["steps"]) == [f"cred_c{i}" for i in reversed(range(7))]
    assert reasons(result) == {"cred_usd_deep": "OTHER_CURRENCY", "cred_usd_side": "OTHER_CURRENCY"}


# coverageAfter


async def test_coverage_after_is_what_the_gap_says_once_every_step_is_earned(api: Api) -> None:
    await base(api)
    await mutate(
        api,
        role_requires("a"),
        role_requires("b"),
        role_requires("c", importance="OPTIONAL"),
        role_requires("d", importance="OPTIONAL"),
        cred("ab", "30"),
        teaches("ab", "a"),
        teaches("ab", "b"),
        teaches("ab", "c"),
        cred("a_only", "20"),
        teaches("a_only", "a"),
        cred("b_only", "20"),
        teaches("b_only", "b"),
    )

    result = await full(api, {"alternatives": 1})

    assert ids(result["steps"]) == ["cred_ab"]
    # The default include is ESSENTIAL, yet the OPTIONAL requirement c it teaches counts.
    assert result["coverageAfter"] == 2.25 / 2.5
    alternative = result["alternatives"][0]
    assert sorted(ids(alternative["steps"])) == ["cred_a_only", "cred_b_only"]
    assert alternative["coverageAfter"] == 2 / 2.5
    await award_all(api, ids(result["steps"]))
    assert await gap_coverage(api) == result["coverageAfter"]


async def test_coverage_after_of_an_alternative_matches_the_gap_after_earning_it(
    api: Api,
) -> None:
    await base(api)
    await mutate(
        api,
        role_requires("a"),
        role_requires("b", importance="OPTIONAL"),
        cred("cheap", "10"),
        teaches("cheap", "a"),
        cred("dear", "90"),
        teaches("dear", "a"),
        teaches("dear", "b"),
    )
    result = await full(api, {"alternatives": 1, "gap": {"optionalWeight": 0.5}})
    alternative = result["alternatives"][0]
    assert ids(alternative["steps"]) == ["cred_dear"]

    await award_all(api, ["cred_dear"])

    assert await gap_coverage(api, {"optionalWeight": 0.5}) == alternative["coverageAfter"] == 1


# unknown cost and hours


async def test_an_unpriced_credential_is_left_out_unless_asked_for(api: Api) -> None:
    await base(api)
    await mutate(
        api,
        role_requires("a"),
        role_requires("b"),
        unpriced("mystery"),
        teaches("mystery", "a"),
        teaches("mystery", "b"),
        cred("known", "40"),
        teaches("known", "a"),
    )

    default = await full(api)
    included = await full(api, {"includeUnpriced": True})

    assert ids(default["steps"]) == ["cred_known"]
    assert [s["id"] for s in default["uncoverable"]] == ["skill_b"]
    assert reasons(default) == {"cred_mystery": "UNPRICED"}
    assert ids(included["steps"]) == ["cred_mystery"]
    assert ids(included["unpricedSteps"]) == ["cred_mystery"]
    assert included["totalCost"] == [{"amount": "0.00", "currency": "EUR"}]
    assert included["excluded"] == []


async def test_an_unpriced_credential_ranks_as_dearer_than_the_dearest_ranked_one(
    api: Api,
) -> None:
    # "prep" (900) only teaches a prerequisite; it closes nothing, so it is not ranked and
    # does not set what an unknown cost counts as.
    await base(api)
    await mutate(
        api,
        role_requires("a"),
        cred("known", "10"),
        teaches("known", "a"),
        requires("known", "b"),
        cred("prep", "900"),
        teaches("prep", "b"),
        unpriced("mystery"),
        'setCredentialTeaches(credentialId: "cred_mystery", skillId: "skill_a") { id }',
    )
    query = """{ credentialsForGap(personId: "person_me", roleId: "role_r",
      options: {includeUnpriced: true}) { edges { score node { id } } } }"""

    edges = (await api.data(query))["credentialsForGap"]["edges"]

    assert [(e["node"]["id"], e["score"]) for e in edges] == [
        ("cred_known", pytest.approx(1 / 11)),
        ("cred_mystery", pytest.approx(1 / 12)),
    ]


async def test_an_unpriced_credential_never_fits_a_budget(api: Api) -> None:
    await base(api)
    await mutate(api, role_requires("a"), unpriced("mystery"), teaches("mystery", "a"))

    result = await full(
        api, {"includeUnpriced": True, "maxCost": {"amount": "1000", "currency": "EUR"}}
    )

    assert result["steps"] == []
    assert reasons(result) == {"cred_mystery": "OVER_LIMIT"}
    assert result["complete"] is False


async def test_a_credential_of_unknown_duration_is_listed_and_adds_no_hours(api: Api) -> None:
    await base(api)
    await mutate(api, role_requires("a"), untimed("self_paced", "15"), teaches("self_paced", "a"))

    result = await full(api)

    assert ids(result["untimedSteps"]) == ["cred_self_paced"]
    assert result["totalHours"] == 0
    hours_limited = await full(api, {"maxHours": 100})
    assert hours_limited["steps"] == []
    assert reasons(hours_limited) == {"cred_self_paced": "OVER_LIMIT"}


# exclusions


async def test_every_left_out_credential_that_teaches_a_target_says_why(api: Api) -> None:
    await base(api)
    await mutate(
        api,
        role_requires("a", 2),
        cred("ok", "90"),
        teaches("ok", "a", 2),
        cred("retired", "1", status="RETIRED"),
        teaches("retired", "a", 2),
        cred("excluded", "2"),
        teaches("excluded", "a", 3),
        cred("dollars", "3", currency="JPY"),
        teaches("dollars", "a", 2),
        cred("in_person", "4", format="IN_PERSON"),
        teaches("in_person", "a", 2),
        cred("too_low", "1"),
        teaches("too_low", "a", 1),
        'createCredential(input: {id: "cred_other_provider", name: "o", providerId: "prov_2", '
        'cost: {amount: "95", currency: "EUR"}}) { id }',
        teaches("other_provider", "a", 2),
    )

    result = await full(
        api,
        {
            "excludeCredentialIds": ["cred_excluded"],
            "formats": ["ONLINE", "HYBRID"],
            "currency": "EUR",
        },
    )

    assert ids(result["steps"]) == ["cred_ok"]
    assert reasons(result) == {
        "cred_retired": "NOT_ACTIVE",
        "cred_excluded": "EXCLUDED",
        "cred_dollars": "OTHER_CURRENCY",
        "cred_in_person": "FORMAT",
    }
    accredited = await full(api, {"requireAccredited": True, "currency": "EUR"})
    assert reasons(accredited)["cred_other_provider"] == "NOT_ACCREDITED"
    providers = await full(api, {"providerIds": ["prov_1"], "currency": "EUR"})
    assert reasons(providers)["cred_other_provider"] == "PROVIDER"
    endorsed = await full(api, {"requireEndorsed": True, "currency": "EUR"})
    assert reasons(endorsed)["cred_ok"] == "NOT_ENDORSED"


# matchNarrower


async def test_with_match_narrower_a_narrower_skill_taught_closes_the_requirement(
    api: Api,
) -> None:
    await base(api)
    await mutate(
        api,
        'setBroaderSkill(skillId: "skill_b", broaderId: "skill_a") { id }',
        role_requires("a", 2),
        cred("broad", "80"),
        teaches("broad", "a", 2),
        cred("narrow", "20"),
        teaches("narrow", "b", 2),
    )
    gap = {"matchNarrower": True}

    without = await full(api)
    narrower = await full(api, {"gap": gap})

    assert ids(without["steps"]) == ["cred_broad"]
    assert ids(narrower["steps"]) == ["cred_narrow"]
    assert [s["id"] for s in narrower["steps"][0]["covers"]] == ["skill_a"]
    await award_all(api, ["cred_narrow"])
    assert await gap_coverage(api, gap) == narrower["coverageAfter"] == 1


async def test_with_match_narrower_a_narrower_held_skill_meets_a_prerequisite(api: Api) -> None:
    await base(api)
    await mutate(
        api,
        'setBroaderSkill(skillId: "skill_c", broaderId: "skill_b") { id }',
        'addPersonSkill(personId: "person_me", skillId: "skill_c", level: 3) { id }',
        role_requires("a"),
        cred("course", "50"),
        teaches("course", "a"),
        requires("course", "b", 2),
        cred("intro", "20"),
        teaches("intro", "b", 2),
    )

    assert chosen(await plan(api)) == ["cred_intro", "cred_course"]
    assert chosen(await plan(api, {"gap": {"matchNarrower": True}})) == ["cred_course"]


async def test_with_match_narrower_coverage_after_counts_every_requirement(api: Api) -> None:
    # The plan targets ESSENTIAL a; the step also teaches b, narrower than the OPTIONAL c.
    await base(api)
    await mutate(
        api,
        'setBroaderSkill(skillId: "skill_b", broaderId: "skill_c") { id }',
        role_requires("a"),
        role_requires("c", importance="OPTIONAL"),
        cred("x", "10"),
        teaches("x", "a"),
        teaches("x", "b"),
    )
    gap = {"matchNarrower": True}

    result = await full(api, {"gap": gap})

    assert ids(result["steps"]) == ["cred_x"]
    await award_all(api, ["cred_x"])
    assert await gap_coverage(api, gap) == result["coverageAfter"] == 1


# round trips


SCREEN = """query($p: ID!, $r: ID!) { credentialPlan(personId: $p, roleId: $r) {
  steps { position credential { id name } covers { id name } enables { id } }
  totalCost { amount } coverageAfter uncoverable { id } excluded { reason credential { id } }
} }"""


async def round_trips(api: Api, query: str, variables: dict[str, Any]) -> int:
    db = api.server.database
    before = db.round_trips
    await api.data(query, variables)
    return db.round_trips - before


async def test_a_plan_costs_the_same_few_round_trips_at_any_catalogue_size(api: Api) -> None:
    await base(api)
    await mutate(
        api,
        role_requires("a"),
        role_requires("b"),
        cred("intro", "5"),
        teaches("intro", "c"),
        cred("course", "10"),
        teaches("course", "a"),
        requires("course", "c"),
        cred("dear", "900", currency="USD"),
        teaches("dear", "b"),
    )
    variables = {"p": "person_me", "r": "role_r"}
    small = await round_trips(api, SCREEN, variables)
    fields = []
    for i in range(40):
        fields += [
            cred(f"more{i}", str(20 + i)),
            teaches(f"more{i}", "a"),
            teaches(f"more{i}", "b"),
        ]
    await mutate(api, *fields)

    large = await round_trips(api, SCREEN, variables)

    # The person, roles and credentials with one level of prerequisites ahead (1), then
    # the credentials and skills the answer shows (1 each).
    assert small == large == 3
