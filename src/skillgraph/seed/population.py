"""Synthetic people: each has a background occupation that shapes their skills, awards and
target. Every pass replays its own random stream, so rows stream without being kept."""

from __future__ import annotations

import random
from array import array
from collections.abc import Iterator
from datetime import datetime
from itertools import accumulate

from skillgraph.model.enums import AwardStatus, SkillSource, Visibility
from skillgraph.seed.credentials import Credentials
from skillgraph.seed.dates import award_dates
from skillgraph.seed.naming import FIRST_NAMES, LAST_NAMES, email_local_part, title_case
from skillgraph.seed.rows import Row
from skillgraph.seed.taxonomy import Taxonomy

__all__ = ["Population"]

_BASE = "https://synthetic.skillgraph.dev"
_LEVELS = (1, 2, 3, 4, 5)
_LEVEL_WEIGHTS = list(accumulate((20, 35, 27, 13, 5)))
_SOURCES = tuple(s.value for s in SkillSource)
_SOURCE_WEIGHTS = list(accumulate((6, 2, 2)))
_VISIBILITIES = tuple(
    v.value for v in (Visibility.MATCHABLE, Visibility.PUBLIC, Visibility.PRIVATE)
)
_AWARD_COUNTS = list(accumulate((15, 25, 25, 18, 10, 7)))  # 0..5 awards, about 2 on average


class Population:
    def __init__(
        self,
        taxonomy: Taxonomy,
        credentials: Credentials,
        count: int,
        seed: int,
        reference: datetime,
    ) -> None:
        self.taxonomy = taxonomy
        self.credentials = credentials
        self.count = count
        self.seed = seed
        self.reference = reference
        rng = random.Random(f"{seed}/backgrounds")
        occupations = len(taxonomy.occupation_skills)
        self.background = array("i", (rng.randrange(occupations) for _ in range(count)))

    def _rng(self, purpose: str) -> random.Random:
        return random.Random(f"{self.seed}/people/{purpose}")

    @staticmethod
    def uri(number: int) -> str:
        return f"{_BASE}/people/{number}"

    def nodes(self) -> Iterator[Row]:
        rng = self._rng("nodes")
        titles = self.taxonomy.occupation_titles
        for number in range(self.count):
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            title = title_case(titles[self.background[number]])
            headline = rng.choice((title, f"Aspiring {title}", f"{title} in training"))
            yield {
                "uri": self.uri(number),
                "name": f"{first} {last}",
                "email": f"{email_local_part(first, last)}.{number}@synthetic.example",
                "headline": headline,
                "visibility": rng.choices(_VISIBILITIES, cum_weights=(40, 70, 100))[0],
            }

    def skills(self) -> Iterator[Row]:
        """About 20 distinct skills each: 60% from the background occupation, the rest by
        global popularity."""
        rng = self._rng("skills")
        tax = self.taxonomy
        uris = [f"{_BASE}/skills/{i}" for i in range(tax.size)]
        for number in range(self.count):
            person = self.uri(number)
            wanted = min(rng.randint(10, 30), tax.size)
            own = tax.occupation_skills[self.background[number]]
            held = rng.sample(own, min(len(own), round(wanted * 0.6)))
            held += tax.popular.distinct(rng, wanted - len(held), set(held))
            levels = rng.choices(_LEVELS, cum_weights=_LEVEL_WEIGHTS, k=len(held))
            sources = rng.choices(_SOURCES, cum_weights=_SOURCE_WEIGHTS, k=len(held))
            for skill, level, source in zip(held, levels, sources, strict=True):
                yield {
                    "personUri": person,
                    "skillUri": uris[skill],
                    "level": level,
                    "source": source,
                }

    def awards(self) -> Iterator[Row]:
        """About two each, mostly credentials themed on the background's domain; some expired
        at the reference date, about 5% revoked."""
        rng = self._rng("awards")
        tax, creds = self.taxonomy, self.credentials
        for number in range(self.count):
            person = self.uri(number)
            count = rng.choices(range(6), cum_weights=_AWARD_COUNTS)[0]
            near = creds.by_domain[tax.occupation_domain[self.background[number]]]
            earned: set[int] = set()
            for _ in range(count * 3):
                if len(earned) >= min(count, creds.count):
                    break
                use_near = near and rng.random() < 0.8
                credential = (
                    near[rng.randrange(len(near))] if use_near else rng.randrange(creds.count)
                )
                if credential in earned:
                    continue
                earned.add(credential)
                issued, expires = award_dates(rng, self.reference, creds.validity[credential])
                revoked = rng.random() < 0.05
                evidence = f"{_BASE}/evidence/{number}-{credential}" if rng.random() < 0.5 else None
                yield {
                    "personUri": person,
                    "credentialUri": creds.uri(credential),
                    "issuedAt": issued,
                    "expiresAt": expires,
                    "status": (AwardStatus.REVOKED if revoked else AwardStatus.ACTIVE).value,
                    "evidenceUrl": evidence,
                }

    def holds(self) -> Iterator[Row]:
        """60% work in their background occupation."""
        rng = self._rng("holds")
        for number in range(self.count):
            if rng.random() < 0.6:
                role = f"{_BASE}/roles/{self.background[number]}"
                yield {"personUri": self.uri(number), "roleUri": role}

    def targets(self) -> Iterator[Row]:
        """One each: usually another occupation of the background's domain."""
        rng = self._rng("targets")
        tax = self.taxonomy
        occupations = len(tax.occupation_skills)
        for number in range(self.count):
            background = self.background[number]
            near = tax.domain_occupations[tax.occupation_domain[background]]
            if len(near) > 1 and rng.random() < 0.7:
                role = near[rng.randrange(len(near))]
            else:
                role = rng.randrange(occupations)
            yield {"personUri": self.uri(number), "roleUri": f"{_BASE}/roles/{role}"}
