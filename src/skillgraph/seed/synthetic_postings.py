"""Synthetic job postings: each specialises an occupation, adds a few requirements of its own
(new skills of the occupation's domain, or a higher level for an inherited skill) and is
dated over the 24 months before the reference date with planted trends (see
``seed.posting_dates``)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime

from skillgraph.model.enums import Importance, RoleKind
from skillgraph.seed.posting_dates import PostingDates, posting_dates
from skillgraph.seed.postings import EMPLOYERS, LOCATIONS
from skillgraph.seed.rows import Row
from skillgraph.seed.taxonomy import Taxonomy

__all__ = ["SyntheticPostings"]

_BASE = "https://synthetic.skillgraph.dev/postings"
_SENIORITY = ("Junior", "", "", "Senior", "Lead")
PLANTED = 20


@dataclass
class SyntheticPostings:
    """``count`` postings; ``occupation[k]`` is posting k's occupation number and
    ``requires[k]`` its own requirements (skill number -> (importance, level))."""

    taxonomy: Taxonomy
    count: int
    seed: int
    reference: datetime

    def __post_init__(self) -> None:
        rng = random.Random(f"{self.seed}/postings")
        tax = self.taxonomy
        occupations = len(tax.occupation_skills)
        self.occupation = [rng.randrange(occupations) for _ in range(self.count)]
        self.requires = [self._own(rng, o) for o in self.occupation]
        effective = [
            frozenset(str(s) for s in tax.occupation_skills[o]) | frozenset(str(s) for s in own)
            for o, own in zip(self.occupation, self.requires, strict=True)
        ]
        self.dates: PostingDates = posting_dates(
            random.Random(f"{self.seed}/posting-dates"),
            effective,
            self.reference,
            planted=PLANTED,
            shares=(0.01, 0.1),
        )

    @staticmethod
    def uri(number: int) -> str:
        return f"{_BASE}/{number}"

    def _own(self, rng: random.Random, occupation: int) -> dict[int, tuple[Importance, int]]:
        tax = self.taxonomy
        inherited = tax.occupation_skills[occupation]
        own: dict[int, tuple[Importance, int]] = {}
        for skill in rng.sample(inherited, min(len(inherited), rng.choice((0, 1, 1, 2)))):
            own[skill] = (Importance.ESSENTIAL, rng.randint(3, 5))
        taken = set(inherited)
        domain = tax.occupation_domain[occupation]
        for skill in tax.by_domain[domain].distinct(rng, rng.randint(1, 4), taken):
            if rng.random() < 0.4:
                own[skill] = (Importance.OPTIONAL, rng.randint(1, 3))
            else:
                own[skill] = (Importance.ESSENTIAL, rng.randint(2, 4))
        return own

    def planted(self, skill_uris: list[str]) -> tuple[list[str], list[str]]:
        """The planted (rising, falling) skills' uris."""
        return (
            [skill_uris[int(s)] for s in self.dates.rising],
            [skill_uris[int(s)] for s in self.dates.falling],
        )

    def rows(self) -> list[Row]:
        rng = random.Random(f"{self.seed}/posting-rows")
        titles = self.taxonomy.occupation_titles
        out: list[Row] = []
        for number, occupation in enumerate(self.occupation):
            title = f"{rng.choice(_SENIORITY)} {titles[occupation]}".strip()
            employer = rng.choice(EMPLOYERS)
            remote = rng.choices((True, False, None), weights=(3, 5, 2))[0]
            out.append(
                {
                    "uri": self.uri(number),
                    "title": title[0].upper() + title[1:],
                    "description": f"Synthetic posting: {employer} hires a {title}.",
                    "kind": RoleKind.JOB_POSTING.value,
                    "iscoGroup": None,
                    "employer": employer,
                    "location": rng.choice(LOCATIONS),
                    "remote": remote,
                    "altLabels": [],
                    "postedAt": self.dates.posted[number],
                    "closedAt": self.dates.closed[number],
                }
            )
        return out

    def specializes(self, occupation_uris: list[str]) -> list[Row]:
        return [
            {"postingUri": self.uri(k), "occupationUri": occupation_uris[o]}
            for k, o in enumerate(self.occupation)
        ]

    def requirements(self, skill_uris: list[str]) -> list[Row]:
        return [
            {
                "roleUri": self.uri(k),
                "skillUri": skill_uris[skill],
                "importance": importance.value,
                "level": level,
            }
            for k, own in enumerate(self.requires)
            for skill, (importance, level) in own.items()
        ]
