"""Synthetic credentials over a ``Taxonomy``: numbered 0..n-1, foundations (tier 1) first.

Each teaches skills of one occupation ("theme") plus popular skills of its domain, at levels
by tier; tier 2 and 3 credentials may require skills under ``Curriculum``'s rule, so the
prerequisite graph is acyclic.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence

from skillgraph.model.enums import ProviderKind, SkillType
from skillgraph.seed.curriculum import Curriculum
from skillgraph.seed.naming import credential_name, gerund, title_case
from skillgraph.seed.offering import TEACH_COUNT, TIER_LEVELS, currency_of, offering
from skillgraph.seed.providers import OFFERS, Provider
from skillgraph.seed.rows import Row
from skillgraph.seed.taxonomy import Taxonomy

__all__ = ["Credentials"]

_BASE = "https://synthetic.skillgraph.dev/credentials"
_ENDORSERS = (ProviderKind.EMPLOYER, ProviderKind.PROFESSIONAL_BODY)


class Credentials:
    def __init__(
        self, taxonomy: Taxonomy, providers: Sequence[Provider], count: int, seed: int
    ) -> None:
        rng = random.Random(f"{seed}/credentials")
        self.taxonomy = taxonomy
        self.providers = providers
        self.count = count
        self.seed = seed
        self.rows: list[Row] = []
        self.provider_of: list[int] = []
        self.theme: list[int] = []
        self.teaches: list[tuple[tuple[int, int], ...]] = []
        self.requires: list[tuple[tuple[int, int], ...]] = []
        self.validity: list[int | None] = []
        self.by_domain: list[list[int]] = [[] for _ in range(taxonomy.roots)]
        curriculum: Curriculum[int] = Curriculum()
        for number in range(count):
            self._add(rng, number, curriculum)
        for number in range(count):
            self.requires.append(self._prerequisites(rng, number, curriculum))

    def uri(self, number: int) -> str:
        return f"{_BASE}/{number}"

    def tier(self, number: int) -> int:
        share = number / self.count
        return 1 if share < 0.45 else 2 if share < 0.8 else 3

    def endorsements(self) -> Iterator[Row]:
        """Employers and professional bodies vouch for about one credential in ten."""
        rng = random.Random(f"{self.seed}/endorsements")
        endorsers = [i for i, p in enumerate(self.providers) if p.kind in _ENDORSERS]
        if not endorsers:
            return
        for number in range(self.count):
            if rng.random() >= 0.1:
                continue
            picked = {rng.choice(endorsers) for _ in range(rng.randint(1, 2))}
            for provider in sorted(picked - {self.provider_of[number]}):
                yield {
                    "providerUri": self.providers[provider].uri,
                    "credentialUri": self.uri(number),
                }

    def _add(self, rng: random.Random, number: int, curriculum: Curriculum[int]) -> None:
        tax = self.taxonomy
        tier = self.tier(number)
        provider_index = rng.randrange(len(self.providers))
        provider = self.providers[provider_index]
        kind = rng.choice(OFFERS[provider.kind])
        theme = rng.randrange(len(tax.occupation_skills))
        domain = tax.occupation_domain[theme]
        wanted = rng.randint(*TEACH_COUNT[kind])
        own = tax.occupation_skills[theme]
        skills = rng.sample(own, min(len(own), wanted - 1))
        skills += tax.by_domain[domain].distinct(rng, wanted - len(skills), set(skills))
        low, high = TIER_LEVELS[tier]
        teaches = tuple((s, rng.randint(low, high)) for s in skills)
        curriculum.teach(number, teaches)
        topic, second = self._topics(skills)
        role = title_case(tax.occupation_titles[theme])
        uri = self.uri(number)
        currency = currency_of(provider.country, platform=provider.kind is ProviderKind.PLATFORM)
        terms = offering(rng, kind, currency)
        self.rows.append(
            {
                "uri": uri,
                "name": credential_name(rng, kind, tier, topic, second, role),
                "description": f"Synthetic {kind.value.lower()} on {tax.topics[domain]}.",
                "kind": kind.value,
                "providerUri": provider.uri,
                "url": f"{provider.url}/learn/{number}",
                **terms,
            }
        )
        self.provider_of.append(provider_index)
        self.theme.append(theme)
        self.teaches.append(teaches)
        self.validity.append(terms["validityMonths"])
        self.by_domain[domain].append(number)

    def _topics(self, skills: list[int]) -> tuple[str, str]:
        tax = self.taxonomy
        ranked = sorted(skills, key=lambda s: tax.types[s] is not SkillType.KNOWLEDGE)
        labels = [
            title_case(
                tax.names[s] if tax.types[s] is SkillType.KNOWLEDGE else gerund(tax.names[s])
            )
            for s in ranked[:2]
        ]
        return labels[0], labels[-1]

    def _prerequisites(
        self, rng: random.Random, number: int, curriculum: Curriculum[int]
    ) -> tuple[tuple[int, int], ...]:
        tier = self.tier(number)
        if tier == 1 or rng.random() < 0.4:
            return ()
        tax = self.taxonomy
        own = tax.occupation_skills[self.theme[number]]
        members = tax.members[tax.occupation_domain[self.theme[number]]]
        wanted = rng.randint(1, tier)
        requires: dict[int, int] = {}
        for attempt in range(30):
            if len(requires) >= wanted:
                break
            pool = own if attempt % 2 == 0 else members
            skill = pool[rng.randrange(len(pool))]
            top = curriculum.requirable(skill, number)
            if top > 0 and skill not in requires:
                requires[skill] = rng.randint(1, min(top, tier))
        return tuple(requires.items())
