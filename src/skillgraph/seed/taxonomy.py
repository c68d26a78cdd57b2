"""Synthetic skills and occupations: a three-level BROADER tree whose roots are "domains",
Zipf-like skill popularity, and occupations requiring skills mostly from one domain.

Everything is indexed by number (skill ``i``, occupation ``o``); URIs are applied by the
callers, so the same taxonomy feeds the bulk rows and the ESCO CSV files.
"""

from __future__ import annotations

import random
from array import array
from collections.abc import Iterator, Sequence
from itertools import accumulate

from skillgraph.model.enums import SkillType
from skillgraph.seed.naming import gerund

__all__ = ["Sampler", "Taxonomy"]

_TOPICS = (
    "cloud computing", "data engineering", "cyber security", "machine learning",
    "web development", "computer networking", "embedded systems", "project management",
    "user experience design", "database administration", "DevOps", "mobile development",
    "game development", "business intelligence", "digital marketing", "audio engineering",
    "video production", "health informatics", "supply chain analytics", "financial technology",
    "robotics", "geographic information systems", "quality assurance", "technical writing",
    "IT service management", "blockchain", "computer vision", "natural language processing",
    "site reliability", "enterprise architecture", "data governance", "e-commerce",
    "telecommunications", "industrial automation", "information retrieval", "accessibility",
)  # fmt: skip
_QUALIFIERS = (
    "applied", "industrial", "clinical", "financial", "public sector", "scientific",
    "automotive", "retail", "energy sector", "maritime", "aerospace", "agricultural",
)  # fmt: skip
_FACETS = ("principles", "tools", "standards", "architecture", "security", "regulations",
           "methods", "platforms", "metrics", "governance", "terminology", "ethics")  # fmt: skip
_VERBS = ("configure", "design", "monitor", "test", "document", "optimise", "deploy", "audit",
          "migrate", "analyse", "maintain", "automate", "integrate", "troubleshoot", "model",
          "evaluate", "secure", "visualise", "plan", "operate", "review", "scale", "debug",
          "prototype")  # fmt: skip
_ARTEFACTS = ("pipelines", "workflows", "dashboards", "interfaces", "schemas", "services",
              "clusters", "reports", "test suites", "datasets", "models", "requirements",
              "release processes", "access controls", "budgets", "user journeys", "backups",
              "incident responses", "APIs", "content", "networks", "sensors", "contracts",
              "metadata", "prototypes", "simulations", "audits", "capacity plans")  # fmt: skip
_ROLES = ("engineer", "analyst", "consultant", "architect", "specialist", "technician",
          "manager", "developer", "administrator", "scientist", "designer", "tester", "officer",
          "coordinator")  # fmt: skip
_ISCO = ("1330", "2511", "2512", "2513", "2514", "2519", "2521", "2522", "2523", "2529",
         "2166", "2434", "3511", "3512", "3513", "3514", "3521", "3522")  # fmt: skip
_SKEW = 0.9  # Zipf exponent of skill popularity


class Sampler:
    """Draws distinct items from ``items``, each with probability proportional to its weight."""

    def __init__(self, items: Sequence[int], weights: Sequence[float]) -> None:
        self.items = items
        self.cumulative = list(accumulate(weights))
        self._members = frozenset(items)

    def distinct(self, rng: random.Random, count: int, taken: set[int]) -> list[int]:
        """Up to ``count`` items not in ``taken`` (which is updated), in draw order; fewer only
        when the items run out."""
        count = min(count, len(self.items) - sum(1 for item in taken if item in self._members))
        picked: list[int] = []
        for _ in range(8):
            if len(picked) >= count:
                return picked
            for item in rng.choices(self.items, cum_weights=self.cumulative, k=2 * count):
                if item not in taken:
                    taken.add(item)
                    picked.append(item)
                    if len(picked) >= count:
                        return picked
        rest = [item for item in self.items if item not in taken]
        rng.shuffle(rest)
        picked.extend(rest[: count - len(picked)])
        taken.update(picked)
        return picked


class Taxonomy:
    """``skills`` skills and ``occupations`` occupations (each at least 1) for ``seed``.

    Skills 0 .. 1% are roots (one domain each), up to 10% their children, up to 40%
    grandchildren, the rest great-grandchildren; a parent always has a lower number, so the
    BROADER graph is a forest. Occupation ``o`` requires ``occupation_skills[o]``, of which
    the first ``essential[o]`` are essential.
    """

    def __init__(self, skills: int, occupations: int, seed: int) -> None:
        rng = random.Random(f"{seed}/taxonomy")
        self.size = skills
        bounds = [max(1, skills // 100), max(1, skills // 10), max(1, skills * 4 // 10), skills]
        self.parent = array("i", [-1] * skills)
        self.depth = array("b", [0] * skills)
        self.domain = array("i", range(skills))
        for level in range(1, 4):
            # Parents come from the level above; at tiny sizes that level may be empty.
            above = bounds[level - 2] if level > 1 else 0
            if above >= bounds[level - 1]:
                above = 0
            for i in range(bounds[level - 1], bounds[level]):
                parent = rng.randrange(above, bounds[level - 1])
                self.parent[i] = parent
                self.depth[i] = self.depth[parent] + 1
                self.domain[i] = self.domain[parent]
        self.roots = bounds[0]
        knowledge_share = (1.0, 0.8, 0.45, 0.3)
        self.types = [
            SkillType.KNOWLEDGE if rng.random() < knowledge_share[d] else SkillType.SKILL
            for d in self.depth
        ]
        self.topics = [_topic(r) for r in range(self.roots)]
        self.names = [self._name(rng, i) for i in range(skills)]

        order = list(range(skills))
        rng.shuffle(order)
        weight = [0.0] * skills
        for rank, i in enumerate(order):
            weight[i] = 1 / (rank + 1) ** _SKEW
        self.popular = Sampler(range(skills), weight)
        members: list[list[int]] = [[] for _ in range(self.roots)]
        for i in range(skills):
            members[self.domain[i]].append(i)
        self.members = members
        self.by_domain = [Sampler(m, [weight[i] for i in m]) for m in members]

        sizes = [len(m) for m in members]
        self.occupation_domain = array(
            "i", rng.choices(range(self.roots), weights=sizes, k=occupations)
        )
        self.occupation_skills: list[tuple[int, ...]] = []
        self.essential = array("i")
        for o in range(occupations):
            wanted = min(rng.randint(20, 64), skills)
            taken: set[int] = set()
            picked = self.by_domain[self.occupation_domain[o]].distinct(
                rng, round(wanted * 0.6), taken
            )
            picked += self.popular.distinct(rng, wanted - len(picked), taken)
            self.occupation_skills.append(tuple(picked))
            self.essential.append(round(len(picked) * rng.uniform(0.45, 0.75)))
        self.occupation_titles = _titles(rng, self.topics, self.occupation_domain)
        self.occupation_isco = [rng.choice(_ISCO) for _ in range(occupations)]
        self.domain_occupations: list[list[int]] = [[] for _ in range(self.roots)]
        for o, d in enumerate(self.occupation_domain):
            self.domain_occupations[d].append(o)

    def description(self, i: int) -> str:
        return f"Synthetic {self.types[i].value.lower()} in {self.topics[self.domain[i]]}."

    def alt_labels(self, i: int) -> list[str]:
        """Skills (activities) are also known by their -ing form; knowledge has no alt label."""
        if self.types[i] is SkillType.KNOWLEDGE:
            return []
        return [gerund(self.names[i])]

    def related(self, seed: int) -> Iterator[tuple[int, int, bool]]:
        """(skill, related skill, essential?) pairs within a domain; no pair appears twice in
        either direction and no skill is related to itself."""
        rng = random.Random(f"{seed}/related")
        seen: set[tuple[int, int]] = set()
        for i in range(self.roots, self.size):
            if self.depth[i] < 2 or rng.random() >= 0.5:
                continue
            members = self.members[self.domain[i]]
            j = members[rng.randrange(len(members))]
            key = (min(i, j), max(i, j))
            if j == i or key in seen:
                continue
            seen.add(key)
            yield i, j, rng.random() < 0.4

    def _name(self, rng: random.Random, i: int) -> str:
        depth = self.depth[i]
        if depth == 0:
            return self.topics[i]
        topic = self.topics[self.domain[i]]
        if depth == 1:
            return f"{topic} {rng.choice(_FACETS)}"
        artefact = rng.choice(_ARTEFACTS)
        if self.types[i] is SkillType.KNOWLEDGE:
            return f"{topic} {artefact} {rng.choice(_FACETS)}"
        return f"{rng.choice(_VERBS)} {topic} {artefact}"


def _topic(root: int) -> str:
    topic = _TOPICS[root % len(_TOPICS)]
    round_ = root // len(_TOPICS)
    if round_ == 0:
        return topic
    qualifier = _QUALIFIERS[(round_ - 1) % len(_QUALIFIERS)]
    suffix = "" if round_ <= len(_QUALIFIERS) else f" {round_ // len(_QUALIFIERS) + 1}"
    return f"{qualifier} {topic}{suffix}"


def _titles(rng: random.Random, topics: list[str], domains: Sequence[int]) -> list[str]:
    used: set[str] = set()
    titles: list[str] = []
    for o, d in enumerate(domains):
        title = f"{topics[d]} {rng.choice(_ROLES)}"
        if title in used:
            title = f"{rng.choice(('senior', 'lead', 'junior', 'principal'))} {title}"
        if title in used:
            title = f"{title} {o}"
        used.add(title)
        titles.append(title)
    return titles
