"""The ESCO part of the demo, as the caller passes it in, indexed for the generators."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

from skillgraph.model.enums import SkillType

__all__ = ["EscoIndex", "OccupationRef", "SkillRef"]


_DISAMBIGUATION = re.compile(r"\s*\([^()]*\)$")
_WORD = re.compile(r"[a-z]+")


@dataclass(frozen=True, slots=True)
class SkillRef:
    uri: str
    name: str
    type: SkillType = SkillType.SKILL
    description: str | None = None

    @property
    def short_name(self) -> str:
        """The label without ESCO's trailing disambiguation: "Python (computer programming)"
        -> "Python"."""
        return _DISAMBIGUATION.sub("", self.name.strip()) or self.name.strip()

    @property
    def family(self) -> str | None:
        """Knowledge concepts that ESCO describes with one template are peers: "The computer
        language SQL is a query language ...", "... programming paradigms in Haskell". The
        key is the description's first words with the concept's own name blanked out; None
        for skills without a description, and for competences."""
        if self.type is not SkillType.KNOWLEDGE or not self.description:
            return None
        own = rf"(?<!\w){re.escape(self.short_name)}(?![\w+#])"
        text = re.sub(own, "x", self.description, flags=re.IGNORECASE)
        return " ".join(_WORD.findall(text.lower())[:7]) or None


@dataclass(frozen=True, slots=True)
class OccupationRef:
    uri: str
    title: str


class EscoIndex:
    """Skills, occupations and essential links, sorted by uri so that the input order does
    not change what is generated. Raises ValueError when there are no skills or no
    occupations, or when a link names a uri that is not among them."""

    def __init__(
        self,
        skills: Sequence[SkillRef],
        occupations: Sequence[OccupationRef],
        requirements: Iterable[tuple[str, str]],
    ) -> None:
        if not skills or not occupations:
            raise ValueError("the demo needs at least one skill and one occupation")
        self.skills = {s.uri: s for s in sorted(skills, key=lambda s: s.uri)}
        self.occupations = {o.uri: o for o in sorted(occupations, key=lambda o: o.uri)}
        by_occupation: dict[str, list[str]] = {uri: [] for uri in self.occupations}
        by_skill: dict[str, list[str]] = {}
        for occupation, skill in sorted(set(requirements)):
            if occupation not in self.occupations:
                raise ValueError(f"a requirement names the unknown occupation {occupation}")
            if skill not in self.skills:
                raise ValueError(f"a requirement names the unknown skill {skill}")
            by_occupation[occupation].append(skill)
            by_skill.setdefault(skill, []).append(occupation)
        self.skill_uris = tuple(self.skills)
        self.occupation_uris = tuple(self.occupations)
        self.occupation_skills = {o: tuple(s) for o, s in by_occupation.items()}
        self.skill_occupations = {s: tuple(o) for s, o in by_skill.items()}
        self.required = tuple(by_skill)
        self._nearby: dict[str, tuple[str, ...]] = {}

    @cached_property
    def neighbours(self) -> dict[str, tuple[str, ...]]:
        """Occupation -> the other occupations sharing at least one skill with it."""
        return {
            occupation: tuple(
                sorted(
                    {
                        other
                        for skill in skills
                        for other in self.skill_occupations[skill]
                        if other != occupation
                    }
                )
            )
            for occupation, skills in self.occupation_skills.items()
        }

    def nearby_skills(self, occupation: str) -> tuple[str, ...]:
        """Skills the neighbouring occupations require and ``occupation`` does not."""
        if occupation not in self._nearby:
            own = set(self.occupation_skills[occupation])
            self._nearby[occupation] = tuple(
                sorted(
                    {
                        skill
                        for other in self.neighbours[occupation]
                        for skill in self.occupation_skills[other]
                        if skill not in own
                    }
                )
            )
        return self._nearby[occupation]
