"""The demo's credentials: what each teaches and requires, who offers and who endorses it.

Credential ``n`` is generated ``n``-th; foundations (tier 1) come first, then practitioner and
expert tiers. Each one's main skill is the next ESCO-required skill no credential teaches yet,
so nearly every required skill is taught, and it names the credential; the rest of what it
teaches comes from one occupation's requirement list (the "theme"), so credentials bundle
skills that employers ask for together. Prerequisites follow ``Curriculum``, so they never
form a cycle.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from skillgraph.model.enums import CredentialKind, ProviderKind, SkillType
from skillgraph.seed.curriculum import Curriculum
from skillgraph.seed.naming import credential_name, gerund, slugify, title_case
from skillgraph.seed.offering import TEACH_COUNT, TIER_LEVELS, currency_of, offering
from skillgraph.seed.providers import DEMO_PROVIDERS, OFFERS, Provider
from skillgraph.seed.quota import quota
from skillgraph.seed.refs import EscoIndex, SkillRef
from skillgraph.seed.rows import Row

__all__ = ["Course", "courses", "endorsements"]

_C = CredentialKind
_KIND_SHARES = {_C.COURSE: 30, _C.MICRO_CREDENTIAL: 20, _C.BADGE: 15, _C.CERTIFICATE: 12,
                _C.CERTIFICATION: 12, _C.NANODEGREE: 6, _C.OTHER: 5}  # fmt: skip
_TIER_SHARES = {1: 45, 2: 35, 3: 20}
_KIND_LABELS = {_C.MICRO_CREDENTIAL: "micro-credential", _C.NANODEGREE: "nanodegree"}


@dataclass
class Course:
    number: int
    uri: str
    name: str
    kind: CredentialKind
    tier: int
    provider: Provider
    theme: str
    teaches: dict[str, int]
    terms: Row
    requires: dict[str, int] = field(default_factory=dict)

    @property
    def validity_months(self) -> int | None:
        months = self.terms["validityMonths"]
        return None if months is None else int(months)

    def row(self, esco: EscoIndex) -> Row:
        names = [esco.skills[s].name for s in list(self.teaches)[:3]]
        label = _KIND_LABELS.get(self.kind, self.kind.value.lower())
        return {
            "uri": self.uri,
            "name": self.name,
            "description": f"A {label} from {self.provider.name} covering {', '.join(names)}.",
            "kind": self.kind.value,
            "providerUri": self.provider.uri,
            "url": f"{self.provider.url}/learn/{self.uri.rsplit('/', 1)[1]}",
            **self.terms,
        }


def courses(rng: random.Random, esco: EscoIndex, total: int) -> list[Course]:
    kinds = quota(rng, _KIND_SHARES, total)
    tiers = sorted(quota(rng, _TIER_SHARES, total))
    offered_by = {kind: [p for p in DEMO_PROVIDERS if kind in OFFERS[p.kind]] for kind in _C}
    queue = list(esco.required)
    rng.shuffle(queue)
    covered: set[str] = set()
    slugs: set[str] = set()
    curriculum: Curriculum[str] = Curriculum()
    out: list[Course] = []
    for number, (kind, tier) in enumerate(zip(kinds, tiers, strict=True)):
        provider = rng.choice(offered_by[kind])
        main = _main_skill(rng, esco, queue, covered)
        themes = esco.skill_occupations.get(main) or esco.occupation_uris
        theme = rng.choice(themes)
        teaches = _teaching(rng, esco, kind, tier, main, theme, covered)
        covered.update(teaches)
        curriculum.teach(number, teaches.items())
        topic, second = _topics(esco, teaches)
        role = title_case(esco.occupations[theme].title)
        name = credential_name(rng, kind, tier, topic, second, role)
        slug = slugify(name)
        if slug in slugs:
            name = f"{name} ({provider.name})"
            slug = slugify(name)
        while slug in slugs:
            slug = f"{slugify(name)}-{number}"
        slugs.add(slug)
        currency = currency_of(provider.country, platform=provider.kind is ProviderKind.PLATFORM)
        out.append(
            Course(
                number=number,
                uri=f"https://demo.skillgraph.dev/credentials/{slug}",
                name=name,
                kind=kind,
                tier=tier,
                provider=provider,
                theme=theme,
                teaches=teaches,
                terms=offering(rng, kind, currency),
            )
        )
    for course in out:
        course.requires = _prerequisites(rng, esco, curriculum, course)
    return out


def endorsements(rng: random.Random, catalogue: list[Course]) -> list[Row]:
    """Employers and professional bodies vouch for about one credential in seven."""
    endorsers = [
        p
        for p in DEMO_PROVIDERS
        if p.kind in (ProviderKind.EMPLOYER, ProviderKind.PROFESSIONAL_BODY)
    ]
    rows: list[Row] = []
    for course in catalogue:
        if rng.random() >= 0.15:
            continue
        others = [p for p in endorsers if p is not course.provider]
        for provider in rng.sample(others, min(len(others), rng.randint(1, 2))):
            rows.append({"providerUri": provider.uri, "credentialUri": course.uri})
    return rows


def _topics(esco: EscoIndex, teaches: dict[str, int]) -> tuple[str, str | None]:
    """What names a credential: its main skill (the first, taught deepest) and another skill
    taught as deeply, if any."""
    (main, top), *others = teaches.items()
    second = next((skill for skill, level in others if level == top), None)
    return _title(esco.skills[main]), None if second is None else _title(esco.skills[second])


def _title(skill: SkillRef) -> str:
    """A skill as a title: knowledge as it is ("Python"), a competence as an activity
    ("Using Databases"), without ESCO's disambiguation in parentheses."""
    name = skill.short_name
    return title_case(name if skill.type is SkillType.KNOWLEDGE else gerund(name))


def _main_skill(rng: random.Random, esco: EscoIndex, queue: list[str], covered: set[str]) -> str:
    while queue:
        skill = queue.pop()
        if skill not in covered:
            return skill
    return rng.choice(esco.required or esco.skill_uris)


def _teaching(
    rng: random.Random,
    esco: EscoIndex,
    kind: CredentialKind,
    tier: int,
    main: str,
    theme: str,
    covered: set[str],
) -> dict[str, int]:
    """What a credential teaches: ``main`` first and deepest, then skills of ``theme``. At most
    one skill of each family (see ``SkillRef.family``): a course on Scala teaches no other
    programming language, so its name never hides what else it is about."""
    low, high = TIER_LEVELS[tier]
    wanted = min(rng.randint(*TEACH_COUNT[kind]), len(esco.skill_uris))
    top = high if tier < 3 else rng.randint(4, 5)
    teaches = {main: top}
    families = {esco.skills[main].family}

    def add(skill: str) -> None:
        family = esco.skills[skill].family
        if skill in teaches or (family is not None and family in families):
            return
        teaches[skill] = rng.randint(low, min(high, top))
        families.add(family)

    pool = [s for s in esco.occupation_skills[theme] if s != main]
    rng.shuffle(pool)
    pool.sort(key=lambda s: s in covered)  # untaught skills first, shuffled among themselves
    nearby = esco.nearby_skills(theme) or esco.skill_uris
    for skill in pool:
        if len(teaches) >= wanted:
            break
        add(rng.choice(nearby) if rng.random() < 0.15 else skill)
    for _ in range(50 * wanted):
        if len(teaches) >= wanted:
            break
        add(rng.choice(esco.skill_uris))
    return teaches


def _prerequisites(
    rng: random.Random, esco: EscoIndex, curriculum: Curriculum[str], course: Course
) -> dict[str, int]:
    if course.tier == 1 or rng.random() < 0.25:
        return {}
    own = list(esco.occupation_skills[course.theme])
    nearby = list(esco.nearby_skills(course.theme))
    rng.shuffle(own)
    rng.shuffle(nearby)
    wanted = rng.randint(1, course.tier)
    requires: dict[str, int] = {}
    for skill in own + nearby:
        if len(requires) >= wanted:
            break
        top = curriculum.requirable(skill, course.number)
        if top > 0:
            requires[skill] = rng.randint(1, min(top, course.tier))
    return requires
