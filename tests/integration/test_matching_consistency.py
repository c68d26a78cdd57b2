"""The Cypher ranking of candidatesForRole agrees with the domain's evaluate_gap.

Random graphs (seeded): for every MATCHABLE/PUBLIC person, the coverage, essential count and
verified count computed by match/_scores.cypher equal what domain.gap gives; people the
ranking leaves out meet nothing; PRIVATE people never appear.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from skillgraph.analysis.gap import held_from, requirements_from
from skillgraph.analysis.matching import match_requirements
from skillgraph.domain.gap import GapOptions, evaluate_gap
from skillgraph.domain.plan_model import to_units
from skillgraph.domain.skills import EvidenceKind, held_levels
from skillgraph.model.enums import Importance
from skillgraph.model.ids import NodeType, id_for_uri
from skillgraph.store import bulk, gaps, links, matching
from skillgraph.store.bulk import Kind
from skillgraph.store.database import Database

NOW = datetime(2026, 6, 1, tzinfo=UTC)
VISIBILITIES = ["PRIVATE", "MATCHABLE", "PUBLIC"]
MODES = [(False, False), (True, False), (False, True), (True, True)]


def uri(kind: str, n: int) -> str:
    return f"https://test.example/{kind}/{n}"


async def random_graph(db: Database, rng: random.Random) -> str:
    skills = 8
    await bulk.write(
        db,
        Kind.SKILLS,
        [{"uri": uri("s", i), "name": f"s{i}", "type": "SKILL"} for i in range(skills)],
    )
    await bulk.write(db, Kind.ROLES, [{"uri": uri("r", 0), "title": "r", "kind": "OCCUPATION"}])
    await bulk.write(
        db,
        Kind.BROADER,
        [{"narrowerUri": uri("s", i + 4), "broaderUri": uri("s", i)} for i in range(4)],
    )
    required = rng.sample(range(4), 4)
    await bulk.write(
        db,
        Kind.REQUIREMENTS,
        [
            {
                "roleUri": uri("r", 0),
                "skillUri": uri("s", s),
                "importance": rng.choice(["ESSENTIAL", "OPTIONAL"]),
                "level": rng.randint(1, 4),
            }
            for s in required
        ],
    )
    await bulk.write(db, Kind.PROVIDERS, [{"uri": uri("p", 0), "name": "p", "kind": "OTHER"}])
    credentials = [
        {
            "uri": uri("c", i),
            "name": f"c{i}",
            "providerUri": uri("p", 0),
            "kind": "BADGE",
            "format": "ONLINE",
            "status": "ACTIVE",
        }
        for i in range(5)
    ]
    await bulk.write(db, Kind.CREDENTIALS, credentials)
    await bulk.write(
        db,
        Kind.TEACHES,
        [
            {"credentialUri": uri("c", i), "skillUri": uri("s", s), "level": rng.randint(1, 5)}
            for i in range(5)
            for s in rng.sample(range(skills), 2)
        ],
    )
    people = [
        {
            "uri": uri("u", i),
            "name": f"u{i}",
            "visibility": rng.choice(["PRIVATE", "MATCHABLE", "PUBLIC"]),
        }
        for i in range(30)
    ]
    await bulk.write(db, Kind.PEOPLE, people)
    await bulk.write(
        db,
        Kind.PERSON_SKILLS,
        [
            {"personUri": uri("u", i), "skillUri": uri("s", s), "level": rng.randint(1, 5)}
            for i in range(30)
            for s in rng.sample(range(skills), rng.randint(0, 4))
        ],
    )
    awards = []
    for i in range(30):
        for c in rng.sample(range(5), rng.randint(0, 2)):
            issued = NOW - timedelta(days=rng.randint(10, 900))
            expires = rng.choice([None, NOW - timedelta(days=1), NOW + timedelta(days=100)])
            awards.append(
                {
                    "personUri": uri("u", i),
                    "credentialUri": uri("c", c),
                    "issuedAt": issued.isoformat(),
                    "expiresAt": expires.isoformat() if expires else None,
                    "status": rng.choice(["ACTIVE", "ACTIVE", "REVOKED"]),
                    "verificationStatus": rng.choice(["VERIFIED", "UNVERIFIED", "FAILED", None]),
                }
            )
    if awards:
        await bulk.write(db, Kind.AWARDS, awards)
    return id_for_uri(NodeType.ROLE, uri("r", 0))


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize(
    ("narrower", "verified_only"), [(False, False), (True, False), (False, True), (True, True)]
)
async def test_the_cypher_ranking_equals_the_domain_gap(
    db: Database, seed: int, narrower: bool, verified_only: bool
) -> None:
    rng = random.Random(seed)
    role_id = await random_graph(db, rng)
    options = GapOptions(match_narrower=narrower)
    rows = (await links.requirements(db, [role_id]))[role_id][1]
    requirements = requirements_from(rows)
    skill_ids = [r.skill_id for r in requirements]
    narrower_of = await gaps.narrower(db, skill_ids) if narrower else {}
    reqs, total, essential_total = match_requirements(requirements, narrower_of, options)
    ranked = await matching.candidate_page(
        db,
        reqs,
        as_of=NOW,
        verified_only=verified_only,
        min_covered=1,
        visibilities=["MATCHABLE", "PUBLIC"],
        after=None,
        limit=1000,
    )
    by_person = {r.person["id"]: r for r in ranked}
    people = await db.run_raw("MATCH (p:Person) RETURN p.id AS id, p.visibility AS visibility")
    evidence = {
        k: found
        for k, (_, found) in (await gaps.person_evidence(db, [p["id"] for p in people])).items()
    }
    for person in people:
        held = held_from(evidence.get(person["id"]), NOW, verified_only=verified_only)
        gap = evaluate_gap(requirements, held, options, narrower_of)
        scored = by_person.get(person["id"])
        if person["visibility"] == "PRIVATE" or not gap.met:
            assert scored is None, person
            continue
        assert scored is not None, person
        assert scored.covered / total == pytest.approx(gap.coverage, abs=1e-12)
        essential_met = sum(1 for m in gap.met if m.importance is Importance.ESSENTIAL)
        assert scored.essential_met == essential_met
        verified = 0
        for match in gap.met:
            alternatives = {match.skill_id} | (
                narrower_of.get(match.skill_id, frozenset()) if narrower else frozenset()
            )
            verified += any(
                source.kind is EvidenceKind.CREDENTIAL
                and source.verified
                and source.level >= match.required_level
                for skill in alternatives
                if skill in held
                for source in held[skill].sources
            )
        assert scored.verified_skills == verified
    assert essential_total >= 0


@pytest.mark.parametrize("seed", range(6))
async def test_the_cypher_role_ranking_equals_the_domain_gap(db: Database, seed: int) -> None:
    rng = random.Random(100 + seed)
    await random_graph(db, rng)
    roles = [{"uri": uri("r", i), "title": f"r{i}", "kind": "OCCUPATION"} for i in range(1, 5)]
    roles.append({"uri": uri("r", 9), "title": "posting", "kind": "JOB_POSTING"})
    await bulk.write(db, Kind.ROLES, roles)
    await bulk.write(
        db, Kind.SPECIALIZES, [{"postingUri": uri("r", 9), "occupationUri": uri("r", 0)}]
    )
    await bulk.write(
        db,
        Kind.REQUIREMENTS,
        [
            {
                "roleUri": uri("r", i),
                "skillUri": uri("s", s),
                "importance": rng.choice(["ESSENTIAL", "OPTIONAL"]),
                "level": rng.randint(1, 4),
            }
            for i in [1, 2, 3, 4, 9]
            for s in rng.sample(range(8), rng.randint(1, 4))
        ],
    )
    options = GapOptions()
    people = await db.run_raw("MATCH (p:Person) RETURN p.id AS id ORDER BY id")
    evidence = {
        k: found
        for k, (_, found) in (await gaps.person_evidence(db, [p["id"] for p in people])).items()
    }
    role_ids = [r["id"] for r in await db.run_raw("MATCH (r:Role) RETURN r.id AS id")]
    requirements = {k: rows for k, (_, rows) in (await links.requirements(db, role_ids)).items()}
    for person in people:
        held = held_from(evidence.get(person["id"]), NOW)
        ranked = await matching.role_page(
            db,
            matching.RoleQuery(held_levels(held), to_units(1.0), to_units(0.25)),
            after=None,
            limit=100,
        )
        got = {r.role["id"]: (r.coverage, r.essential_coverage, r.missing) for r in ranked}
        expected = {}
        for role_id in role_ids:
            reqs = requirements_from(requirements.get(role_id, []))
            if not reqs or not any(r.skill_id in held for r in reqs):
                continue
            gap = evaluate_gap(reqs, held, options)
            expected[role_id] = (gap.coverage, gap.essential_coverage, len(gap.missing))
        assert got.keys() == expected.keys(), person
        for role_id, (coverage, essential, missing) in expected.items():
            assert got[role_id][0] == pytest.approx(coverage, abs=1e-12)
            assert got[role_id][1] == pytest.approx(essential, abs=1e-12)
            assert got[role_id][2] == missing
