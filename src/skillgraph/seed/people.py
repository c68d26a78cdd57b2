"""The demo's people: Ada Demo, whose gap to the demo posting the README shows, and others
whose skills, awards and targets follow a background occupation."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from skillgraph.model.enums import (
    AwardStatus,
    CredentialStatus,
    ProviderKind,
    SkillSource,
    SkillType,
    Visibility,
)
from skillgraph.seed.courses import Course
from skillgraph.seed.dates import add_months, award_dates, iso
from skillgraph.seed.naming import FIRST_NAMES, LAST_NAMES, email_local_part, slugify, title_case
from skillgraph.seed.postings import EMPLOYERS, Posting
from skillgraph.seed.providers import DEMO_PROVIDERS
from skillgraph.seed.refs import EscoIndex
from skillgraph.seed.rows import Row

__all__ = ["DEMO_PERSON_URI", "People"]

DEMO_PERSON_URI = "https://demo.skillgraph.dev/people/ada-demo"

_BASE = "https://demo.skillgraph.dev"
_LEVEL_WEIGHTS = (20, 35, 27, 13, 5)
_UNIVERSITIES = [p.name for p in DEMO_PROVIDERS if p.kind is ProviderKind.UNIVERSITY]


class People:
    """Rows of people and their relationships, built person by person from one ``rng``."""

    def __init__(
        self,
        rng: random.Random,
        esco: EscoIndex,
        catalogue: list[Course],
        jobs: list[Posting],
        reference: datetime,
    ) -> None:
        self.rng = rng
        self.esco = esco
        self.catalogue = catalogue
        self.jobs = jobs
        self.reference = reference
        self.rows: list[Row] = []
        self.skills: list[Row] = []
        self.awards: list[Row] = []
        self.targets: list[Row] = []
        self.backgrounds: dict[str, str] = {}  # person uri -> background occupation uri
        self._emails: set[str] = set()
        self._teaching: dict[str, list[Course]] = {}
        for course in catalogue:
            for skill in course.teaches:
                self._teaching.setdefault(skill, []).append(course)
        self._jobs_for: dict[str, list[str]] = {}
        for job in jobs:
            self._jobs_for.setdefault(job.occupation, []).append(job.uri)
        self._weights = [len(esco.occupation_skills[o]) + 1 for o in esco.occupation_uris]

    def add_ada(self) -> None:
        rng, job = self.rng, self.jobs[0]
        inherited = list(self.esco.occupation_skills[job.occupation])
        held = {s: rng.randint(2, 3) for s in rng.sample(inherited, len(inherited) // 2)}
        for skill in job.requires:
            if skill in inherited:
                held[skill] = 2  # holds the raised skills, below the posting's level (3-5)
        self._node(
            DEMO_PERSON_URI,
            "Ada Demo",
            "ada.demo",
            Visibility.PUBLIC,
            f"Career changer aiming for {job.title} at {job.employer}",
        )
        for skill, level in held.items():
            self._skill(DEMO_PERSON_URI, skill, level, SkillSource.SELF)
        teaching = [
            c
            for s in held
            for c in self._teaching.get(s, [])
            if c.terms["status"] == CredentialStatus.ACTIVE.value
        ]
        if teaching:
            course = teaching[0]
            issued = self.reference - timedelta(days=200)
            months = course.validity_months
            expires = None if months is None else iso(add_months(issued, months))
            self._award(DEMO_PERSON_URI, course, iso(issued), expires, AwardStatus.ACTIVE)
        self.targets.append({"personUri": DEMO_PERSON_URI, "roleUri": job.uri})

    def add(self, visibility: Visibility) -> None:
        rng, esco = self.rng, self.esco
        number = len(self.rows)
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        uri = f"{_BASE}/people/{slugify(f'{first} {last}')}-{number:03d}"
        background = rng.choices(esco.occupation_uris, weights=self._weights)[0]
        self.backgrounds[uri] = background
        self._node(
            uri,
            f"{first} {last}",
            email_local_part(first, last),
            visibility,
            self._headline(background),
        )
        wanted = rng.randint(3, 25)
        held: dict[str, tuple[int, SkillSource]] = {}
        for course in self._earned(uri, background):
            for skill, level in course.teaches.items():
                if len(held) < wanted // 2:
                    held.setdefault(skill, (level, SkillSource.ASSESSED))
        own = list(esco.occupation_skills[background])
        rng.shuffle(own)
        extra = (rng.choice(esco.skill_uris) for _ in range(wanted * 10))
        for skill in [*own, *extra]:
            if len(held) >= wanted:
                break
            if skill not in held:
                level = rng.choices(range(1, 6), weights=_LEVEL_WEIGHTS)[0]
                source = rng.choices(tuple(SkillSource), weights=(6, 2, 2))[0]
                held[skill] = (level, source)
        for skill, (level, source) in held.items():
            self._skill(uri, skill, level, source)
        self._target(uri, background)

    def _node(self, uri: str, name: str, local: str, visibility: Visibility, line: str) -> None:
        email, n = f"{local}@example.org", 1
        while email in self._emails:
            n += 1
            email = f"{local}{n}@example.org"
        self._emails.add(email)
        self.rows.append(
            {
                "uri": uri,
                "name": name,
                "email": email,
                "headline": line,
                "visibility": visibility.value,
            }
        )

    def _headline(self, background: str) -> str:
        rng = self.rng
        title = title_case(self.esco.occupations[background].title)
        knowledge = [
            s
            for s in self.esco.occupation_skills[background]
            if self.esco.skills[s].type is SkillType.KNOWLEDGE
        ]
        forms = [
            f"{title} at {rng.choice(EMPLOYERS)}",
            f"Aspiring {title}",
            f"Student at {rng.choice(_UNIVERSITIES)}",
            f"Career changer moving into {title}",
        ]
        if knowledge:
            forms.append(f"{title} | {title_case(self.esco.skills[rng.choice(knowledge)].name)}")
        return rng.choice(forms)

    def _skill(self, person: str, skill: str, level: int, source: SkillSource) -> None:
        self.skills.append(
            {"personUri": person, "skillUri": skill, "level": level, "source": source.value}
        )

    def _earned(self, person: str, background: str) -> list[Course]:
        rng = self.rng
        count = rng.choices(range(5), weights=(30, 30, 20, 12, 8))[0]
        nearby = sorted(
            {
                c.number
                for s in self.esco.occupation_skills[background]
                for c in self._teaching.get(s, [])
            }
        )
        seen: set[int] = set()
        kept: list[Course] = []
        for _ in range(count * 5):
            if len(seen) >= count:
                break
            number = rng.choice(nearby) if nearby and rng.random() < 0.8 else None
            course = self.catalogue[number] if number is not None else rng.choice(self.catalogue)
            if course.number in seen:
                continue
            seen.add(course.number)
            issued, expires = award_dates(rng, self.reference, course.validity_months)
            status = AwardStatus.REVOKED if rng.random() < 0.06 else AwardStatus.ACTIVE
            self._award(person, course, issued, expires, status)
            if status is AwardStatus.ACTIVE:
                kept.append(course)
        return kept

    def _award(
        self, person: str, course: Course, issued: str, expires: str | None, status: AwardStatus
    ) -> None:
        number = len(self.awards) + 1
        evidence = f"{_BASE}/evidence/{number:05d}" if self.rng.random() < 0.6 else None
        self.awards.append(
            {
                "personUri": person,
                "credentialUri": course.uri,
                "issuedAt": issued,
                "expiresAt": expires,
                "status": status.value,
                "evidenceUrl": evidence,
            }
        )

    def _target(self, person: str, background: str) -> None:
        rng, esco = self.rng, self.esco
        count = rng.choices((1, 2, 3), weights=(55, 30, 15))[0]
        near = [background, *esco.neighbours[background]]
        options = [j for o in near for j in self._jobs_for.get(o, [])] + near[1:] + [background]
        rng.shuffle(options)
        chosen = list(dict.fromkeys(options))[:count] or [rng.choice(esco.occupation_uris)]
        for role in chosen:
            self.targets.append({"personUri": person, "roleUri": role})
