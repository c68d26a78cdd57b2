"""A synthetic SkillGraph at benchmark scale, streamed in batches.

At ``scale`` 1.0: 14,000 skills (BROADER forest, RELATED links), 3,000 occupations with
about 42 requirements each, 5,000 job postings (each specialising an occupation, dated over
24 months with planted rising and falling skills), 300 providers, 10,000 credentials, 100,000
people with about 20 skills, 2 awards, 1 target and (60% of them) their background occupation
as a held role each. Every count scales linearly (at least 1 of each node).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import datetime
from itertools import accumulate

from skillgraph.model.enums import Importance, RoleKind
from skillgraph.seed.credentials import Credentials
from skillgraph.seed.dates import REFERENCE_DATE
from skillgraph.seed.escofiles import write_esco_csv
from skillgraph.seed.population import Population
from skillgraph.seed.providers import synthetic_provider
from skillgraph.seed.rows import Batch, Row, batches
from skillgraph.seed.sizes import Sizes
from skillgraph.seed.synthetic_postings import SyntheticPostings
from skillgraph.seed.taxonomy import Taxonomy
from skillgraph.store.bulk import Kind

__all__ = ["Sizes", "synthetic_dataset", "synthetic_planted_trends", "write_esco_csv"]

_BASE = "https://synthetic.skillgraph.dev"
_ESSENTIAL_LEVELS = list(accumulate((10, 30, 35, 18, 7)))
_OPTIONAL_LEVELS = list(accumulate((35, 35, 20, 8, 2)))


def synthetic_dataset(
    scale: float = 1.0, *, seed: int = 42, reference: datetime = REFERENCE_DATE
) -> Iterator[Batch]:
    """Batches in ``Kind`` order, each of at most 5,000 rows; same scale and seed, same
    stream. Raises ValueError for a scale that is not a positive finite number."""
    return _stream(Sizes.at(scale), seed, reference)


def synthetic_planted_trends(
    scale: float = 1.0, *, seed: int = 42, reference: datetime = REFERENCE_DATE
) -> tuple[list[str], list[str]]:
    """The skill uris ``synthetic_dataset`` (same arguments) plants as rising and falling."""
    sizes = Sizes.at(scale)
    taxonomy = Taxonomy(sizes.skills, sizes.occupations, seed)
    jobs = SyntheticPostings(taxonomy, sizes.postings, seed, reference)
    return jobs.planted([f"{_BASE}/skills/{i}" for i in range(sizes.skills)])


def _stream(sizes: Sizes, seed: int, reference: datetime) -> Iterator[Batch]:
    taxonomy = Taxonomy(sizes.skills, sizes.occupations, seed)
    skill_uris = [f"{_BASE}/skills/{i}" for i in range(sizes.skills)]
    role_uris = [f"{_BASE}/roles/{o}" for o in range(sizes.occupations)]
    yield from batches(Kind.SKILLS, _skills(taxonomy, skill_uris))
    yield from batches(Kind.ROLES, _occupations(taxonomy, role_uris))
    jobs = SyntheticPostings(taxonomy, sizes.postings, seed, reference)
    yield from batches(Kind.ROLES, jobs.rows())
    provider_rng = random.Random(f"{seed}/providers")
    providers = [synthetic_provider(provider_rng, n) for n in range(sizes.providers)]
    yield from batches(Kind.PROVIDERS, (p.row() for p in providers))
    credentials = Credentials(taxonomy, providers, sizes.credentials, seed)
    yield from batches(Kind.CREDENTIALS, credentials.rows)
    people = Population(taxonomy, credentials, sizes.people, seed, reference)
    yield from batches(Kind.PEOPLE, people.nodes())
    yield from batches(
        Kind.BROADER,
        (
            {"narrowerUri": skill_uris[i], "broaderUri": skill_uris[parent]}
            for i, parent in enumerate(taxonomy.parent)
            if parent >= 0
        ),
    )
    yield from batches(
        Kind.RELATED,
        (
            {
                "fromUri": skill_uris[a],
                "toUri": skill_uris[b],
                "relationType": "essential" if essential else "optional",
            }
            for a, b, essential in taxonomy.related(seed)
        ),
    )
    yield from batches(Kind.SPECIALIZES, jobs.specializes(role_uris))
    yield from batches(Kind.REQUIREMENTS, _requirements(taxonomy, skill_uris, role_uris, seed))
    yield from batches(Kind.REQUIREMENTS, jobs.requirements(skill_uris))
    yield from batches(Kind.TEACHES, _levels(credentials, skill_uris, teaches=True))
    yield from batches(Kind.PREREQUISITES, _levels(credentials, skill_uris, teaches=False))
    yield from batches(Kind.ENDORSEMENTS, credentials.endorsements())
    yield from batches(Kind.PERSON_SKILLS, people.skills())
    yield from batches(Kind.AWARDS, people.awards())
    yield from batches(Kind.TARGETS, people.targets())
    yield from batches(Kind.HOLDS, people.holds())


def _skills(taxonomy: Taxonomy, uris: list[str]) -> Iterator[Row]:
    for i, uri in enumerate(uris):
        yield {
            "uri": uri,
            "name": taxonomy.names[i],
            "description": taxonomy.description(i),
            "type": taxonomy.types[i].value,
            "altLabels": taxonomy.alt_labels(i),
        }


def _occupations(taxonomy: Taxonomy, uris: list[str]) -> Iterator[Row]:
    for o, uri in enumerate(uris):
        title = taxonomy.occupation_titles[o]
        yield {
            "uri": uri,
            "title": title,
            "description": f"Synthetic occupation: a {title}.",
            "kind": RoleKind.OCCUPATION.value,
            "iscoGroup": taxonomy.occupation_isco[o],
            "employer": None,
            "location": None,
            "remote": None,
            "altLabels": [f"{title}s"],
            "postedAt": None,
            "closedAt": None,
        }


def _requirements(
    taxonomy: Taxonomy, skill_uris: list[str], role_uris: list[str], seed: int
) -> Iterator[Row]:
    rng = random.Random(f"{seed}/requirement-levels")
    for o, skills in enumerate(taxonomy.occupation_skills):
        essential = taxonomy.essential[o]
        levels = rng.choices(range(1, 6), cum_weights=_ESSENTIAL_LEVELS, k=essential)
        levels += rng.choices(range(1, 6), cum_weights=_OPTIONAL_LEVELS, k=len(skills) - essential)
        for n, (skill, level) in enumerate(zip(skills, levels, strict=True)):
            importance = Importance.ESSENTIAL if n < essential else Importance.OPTIONAL
            yield {
                "roleUri": role_uris[o],
                "skillUri": skill_uris[skill],
                "importance": importance.value,
                "level": level,
            }


def _levels(credentials: Credentials, skill_uris: list[str], *, teaches: bool) -> Iterator[Row]:
    for number, pairs in enumerate(credentials.teaches if teaches else credentials.requires):
        uri = credentials.uri(number)
        for skill, level in pairs:
            yield {"credentialUri": uri, "skillUri": skill_uris[skill], "level": level}
