"""The demo's job postings: each specialises an ESCO occupation and adds a few requirements
of its own (a higher level for an inherited skill, new essential or optional skills)."""

from __future__ import annotations

import random
from dataclasses import dataclass

from skillgraph.model.enums import Importance, RoleKind
from skillgraph.seed.naming import title_case
from skillgraph.seed.refs import EscoIndex
from skillgraph.seed.rows import Row

__all__ = ["DEMO_POSTING_URI", "Posting", "postings"]

DEMO_POSTING_URI = "https://demo.skillgraph.dev/roles/posting-001"

EMPLOYERS = (
    "Meridian Bank", "Helix Logistics", "Aurora Health Systems", "Tessellate Games",
    "Brightpath Insurance", "Quantia Analytics", "Polaris Telecom", "GreenGrid Energy",
    "Atlas Retail Group", "Fjord Fintech", "Lumen Media", "Vireo Biotech",
    "Cobalt Cloud Services", "Harbourline Shipping", "City of Rheinfeld", "Nimbus Software",
)  # fmt: skip
LOCATIONS = (
    "London, GB", "Manchester, GB", "Berlin, DE", "Munich, DE", "Amsterdam, NL", "Dublin, IE",
    "Paris, FR", "Lyon, FR", "Madrid, ES", "Barcelona, ES", "Lisbon, PT", "Stockholm, SE",
    "Warsaw, PL", "Milan, IT", "New York, US", "Austin, US", "Toronto, CA", "Tokyo, JP",
)  # fmt: skip
_SENIORITY = {"Junior": 3, "": 4, "Senior": 3, "Lead": 1, "Graduate": 1, "Principal": 1}
# Occupations the README's example posting prefers, in order, when the input has them.
_DEMO_TITLES = ("software developer", "data scientist", "web developer", "cloud engineer")


@dataclass(frozen=True)
class Posting:
    uri: str
    occupation: str
    title: str
    employer: str
    row: Row
    requires: dict[str, tuple[Importance, int]]

    def requirement_rows(self) -> list[Row]:
        return [
            {"roleUri": self.uri, "skillUri": skill, "importance": imp.value, "level": level}
            for skill, (imp, level) in self.requires.items()
        ]


def postings(rng: random.Random, esco: EscoIndex, total: int) -> list[Posting]:
    """``total`` postings; the first is ``DEMO_POSTING_URI``, a junior posting for one of
    ``_DEMO_TITLES`` (else the occupation with most requirements) that raises two inherited
    skills and has an optional one."""
    by_title = {o.title.lower(): o.uri for o in esco.occupations.values()}
    preferred = [by_title[t] for t in _DEMO_TITLES if t in by_title]
    most = max(esco.occupation_uris, key=lambda o: len(esco.occupation_skills[o]))
    weights = [len(esco.occupation_skills[o]) + 1 for o in esco.occupation_uris]
    out: list[Posting] = []
    for number in range(1, total + 1):
        if number == 1:
            occupation, seniority = (preferred or [most])[0], "Junior"
        else:
            occupation = rng.choices(esco.occupation_uris, weights=weights)[0]
            seniority = rng.choices(tuple(_SENIORITY), weights=tuple(_SENIORITY.values()))[0]
        out.append(_posting(rng, esco, number, occupation, seniority))
    return out


def _posting(
    rng: random.Random, esco: EscoIndex, number: int, occupation: str, seniority: str
) -> Posting:
    demo = number == 1
    if esco.occupations[occupation].title.lower().startswith(("chief", "head")):
        seniority = ""
    title = f"{seniority} {title_case(esco.occupations[occupation].title)}".strip()
    employer = rng.choice(EMPLOYERS)
    remote = rng.choices((True, False, None), weights=(3, 5, 2))[0]
    location = "Remote (Europe)" if remote and rng.random() < 0.3 else rng.choice(LOCATIONS)
    where = "remotely" if location.startswith("Remote") else f"in {location}"
    uri = f"https://demo.skillgraph.dev/roles/posting-{number:03d}"
    row: Row = {
        "uri": uri,
        "title": title,
        "description": f"{employer} is hiring a {title} to work {where}.",
        "kind": RoleKind.JOB_POSTING.value,
        "iscoGroup": None,
        "employer": employer,
        "location": location,
        "remote": remote,
        "altLabels": [],
    }
    return Posting(
        uri, occupation, title, employer, row, _requirements(rng, esco, occupation, demo)
    )


def _requirements(
    rng: random.Random, esco: EscoIndex, occupation: str, demo: bool
) -> dict[str, tuple[Importance, int]]:
    inherited = esco.occupation_skills[occupation]
    wanted = 5 if demo else rng.randint(2, 6)
    raised = min(len(inherited), 2 if demo else rng.choice((0, 1, 1, 2)))
    requires = {s: (Importance.ESSENTIAL, rng.randint(3, 5)) for s in rng.sample(inherited, raised)}
    nearby = esco.nearby_skills(occupation) or esco.skill_uris
    added: list[str] = []
    for _ in range(wanted * 10):
        if len(requires) >= wanted:
            break
        skill = rng.choice(nearby) if rng.random() < 0.75 else rng.choice(esco.skill_uris)
        if skill in inherited or skill in requires:
            continue
        added.append(skill)
        if rng.random() < 0.4:
            requires[skill] = (Importance.OPTIONAL, rng.randint(1, 3))
        else:
            requires[skill] = (Importance.ESSENTIAL, rng.randint(2, 4))
    if demo and added and all(requires[s][0] is Importance.ESSENTIAL for s in added):
        requires[added[-1]] = (Importance.OPTIONAL, 2)
    return requires
