"""The demo catalogue around the real ESCO ICT subset: providers, credentials, job postings
and people. ESCO skills, occupations and their links are imported elsewhere and never
re-emitted here; everything generated references them or itself."""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from datetime import datetime

from skillgraph.model.enums import Visibility
from skillgraph.seed.courses import Course, courses, endorsements
from skillgraph.seed.dates import REFERENCE_DATE
from skillgraph.seed.people import DEMO_PERSON_URI, People
from skillgraph.seed.posting_dates import PostingDates, posting_dates
from skillgraph.seed.postings import DEMO_POSTING_URI, Posting, postings
from skillgraph.seed.providers import DEMO_PROVIDERS
from skillgraph.seed.quota import quota
from skillgraph.seed.refs import EscoIndex, OccupationRef, SkillRef
from skillgraph.seed.rows import Batch, Row, batches
from skillgraph.store.bulk import Kind

__all__ = [
    "DEMO_PERSON_URI",
    "DEMO_POSTING_URI",
    "DEMO_PROVIDER_URI",
    "OccupationRef",
    "SkillRef",
    "demo_catalogue",
    "demo_posting_dates",
]

DEMO_PROVIDER_URI = DEMO_PROVIDERS[0].uri

_CREDENTIALS = 400
_POSTINGS = 50
_PEOPLE = 500
_HOLDING = 0.6
_VISIBILITY = {Visibility.MATCHABLE: 40, Visibility.PUBLIC: 30, Visibility.PRIVATE: 30}


def demo_catalogue(
    skills: Sequence[SkillRef],
    occupations: Sequence[OccupationRef],
    requirements: Sequence[tuple[str, str]],
    *,
    seed: int = 7,
    reference: datetime = REFERENCE_DATE,
) -> Iterator[Batch]:
    """Batches in ``Kind`` order (no SKILLS; ROLES only for postings). ``requirements`` are
    (occupation uri, skill uri) essential links. Award dates lie before ``reference``. Same
    inputs, seed and reference, same stream (input order does not matter). Raises ValueError
    at once for empty inputs or links to unknown uris.

    ``DEMO_PERSON_URI`` (Ada Demo, PUBLIC) targets only ``DEMO_POSTING_URI``, holds about half
    its inherited skills (the raised ones below the posting's level) and lacks the rest.

    Postings are dated over the 24 months before ``reference`` with planted rising and
    falling skills (see ``seed.posting_dates``; the choice of dates draws from its own
    random stream, so it changes nothing else).
    """
    return _stream(EscoIndex(skills, occupations, requirements), seed, reference)


def demo_posting_dates(
    skills: Sequence[SkillRef],
    occupations: Sequence[OccupationRef],
    requirements: Sequence[tuple[str, str]],
    *,
    seed: int = 7,
    reference: datetime = REFERENCE_DATE,
) -> PostingDates:
    """The dates ``demo_catalogue`` gives its postings (same inputs), with the planted
    rising and falling skills."""
    esco = EscoIndex(skills, occupations, requirements)
    rng = random.Random(seed)
    courses(rng, esco, _CREDENTIALS)
    return _dates(postings(rng, esco, _POSTINGS), esco, seed, reference)


def _stream(esco: EscoIndex, seed: int, reference: datetime) -> Iterator[Batch]:
    rng = random.Random(seed)
    catalogue = courses(rng, esco, _CREDENTIALS)
    jobs = postings(rng, esco, _POSTINGS)
    endorsed = endorsements(rng, catalogue)
    people = People(rng, esco, catalogue, jobs, reference)
    people.add_ada()
    for visibility in quota(rng, _VISIBILITY, _PEOPLE)[1:]:
        people.add(visibility)

    yield from batches(Kind.ROLES, _dated(jobs, esco, seed, reference))
    yield from batches(Kind.PROVIDERS, [p.row() for p in DEMO_PROVIDERS])
    yield from batches(Kind.CREDENTIALS, [c.row(esco) for c in catalogue])
    yield from batches(Kind.PEOPLE, people.rows)
    yield from batches(
        Kind.SPECIALIZES, [{"postingUri": p.uri, "occupationUri": p.occupation} for p in jobs]
    )
    yield from batches(Kind.REQUIREMENTS, [r for p in jobs for r in p.requirement_rows()])
    yield from batches(Kind.TEACHES, _levels(catalogue, teaches=True))
    yield from batches(Kind.PREREQUISITES, _levels(catalogue, teaches=False))
    yield from batches(Kind.ENDORSEMENTS, endorsed)
    yield from batches(Kind.PERSON_SKILLS, people.skills)
    yield from batches(Kind.AWARDS, people.awards)
    yield from batches(Kind.TARGETS, people.targets)
    yield from batches(Kind.HOLDS, _holds(people, seed))


def _dates(jobs: list[Posting], esco: EscoIndex, seed: int, reference: datetime) -> PostingDates:
    effective = [
        frozenset(p.requires) | frozenset(esco.occupation_skills[p.occupation]) for p in jobs
    ]
    return posting_dates(random.Random(f"{seed}/posting-dates"), effective, reference)


def _dated(jobs: list[Posting], esco: EscoIndex, seed: int, reference: datetime) -> list[Row]:
    dates = _dates(jobs, esco, seed, reference)
    return [
        {**p.row, "postedAt": posted, "closedAt": closed}
        for p, posted, closed in zip(jobs, dates.posted, dates.closed, strict=True)
    ]


def _holds(people: People, seed: int) -> list[Row]:
    """Most people (60%) work in their background occupation; the choice draws from its own
    random stream."""
    rng = random.Random(f"{seed}/holds")
    return [
        {"personUri": person, "roleUri": occupation}
        for person, occupation in people.backgrounds.items()
        if rng.random() < _HOLDING
    ]


def _levels(catalogue: list[Course], *, teaches: bool) -> list[Row]:
    return [
        {"credentialUri": c.uri, "skillUri": skill, "level": level}
        for c in catalogue
        for skill, level in (c.teaches if teaches else c.requires).items()
    ]
