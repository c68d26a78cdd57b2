"""Which of a role's requirements a person meets, and the weighted coverage that results."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from skillgraph.domain.errors import DomainInputError
from skillgraph.domain.levels import check_level
from skillgraph.domain.skills import HeldSkill, SkillEvidence
from skillgraph.model.enums import Importance

__all__ = [
    "Gap",
    "GapOptions",
    "Requirement",
    "RequirementMatch",
    "effective_requirements",
    "evaluate_gap",
    "match_requirement",
    "meets",
    "requirement_order",
]


@dataclass(frozen=True)
class Requirement:
    """A REQUIRES edge of a role. ``inherited`` marks one taken from the specialised occupation."""

    skill_id: str
    importance: Importance = Importance.ESSENTIAL
    level: int = 1
    inherited: bool = False

    def __post_init__(self) -> None:
        check_level(self.level, f"required level of {self.skill_id}")
        try:
            object.__setattr__(self, "importance", Importance(self.importance))
        except ValueError:
            raise DomainInputError(
                f"importance of {self.skill_id} must be ESSENTIAL or OPTIONAL, "
                f"got {self.importance!r}"
            ) from None


def requirement_order(importance: Importance, skill_id: str) -> tuple[int, str]:
    """Sort key used everywhere requirements are listed: ESSENTIAL first, then skill id."""
    return (0 if importance is Importance.ESSENTIAL else 1, skill_id)


def _more_demanding(a: Requirement, b: Requirement) -> Requirement:
    essential = Importance.ESSENTIAL in (a.importance, b.importance)
    importance = Importance.ESSENTIAL if essential else Importance.OPTIONAL
    return Requirement(a.skill_id, importance, max(a.level, b.level), a.inherited)


def _merged(requirements: Iterable[Requirement], inherited: bool) -> dict[str, Requirement]:
    merged: dict[str, Requirement] = {}
    for requirement in requirements:
        mine = Requirement(
            requirement.skill_id, requirement.importance, requirement.level, inherited
        )
        seen = merged.get(mine.skill_id)
        merged[mine.skill_id] = mine if seen is None else _more_demanding(seen, mine)
    return merged


def effective_requirements(
    inherited_reqs: Iterable[Requirement], own_reqs: Iterable[Requirement]
) -> tuple[Requirement, ...]:
    """A posting's requirements: its occupation's (``inherited=True``) plus its own
    (``inherited=False``); on the same skill its own requirement replaces the inherited one.

    Repeats of a skill within one list merge into the most demanding (ESSENTIAL if either is,
    the higher level). Ordered by ``requirement_order``.
    """
    effective = _merged(inherited_reqs, inherited=True)
    effective.update(_merged(own_reqs, inherited=False))
    return tuple(
        sorted(effective.values(), key=lambda r: requirement_order(r.importance, r.skill_id))
    )


@dataclass(frozen=True)
class GapOptions:
    """Weights are finite and >= 0, not both zero; raises DomainInputError otherwise.

    With ``match_narrower`` a held skill narrower than the required one (within the hops the
    caller's ``narrower_of`` covers) also meets it.
    """

    match_narrower: bool = False
    essential_weight: float = 1.0
    optional_weight: float = 0.25

    def __post_init__(self) -> None:
        for name, weight in (
            ("essentialWeight", self.essential_weight),
            ("optionalWeight", self.optional_weight),
        ):
            if not math.isfinite(weight) or weight < 0:
                raise DomainInputError(f"{name} must be a finite number >= 0, got {weight}")
        if self.essential_weight == 0 and self.optional_weight == 0:
            raise DomainInputError("essentialWeight and optionalWeight cannot both be 0")

    def weight_of(self, importance: Importance) -> float:
        if importance is Importance.ESSENTIAL:
            return self.essential_weight
        return self.optional_weight


@dataclass(frozen=True)
class RequirementMatch:
    """A requirement judged against held skills.

    When met: ``held_level``/``sources`` describe the skill that met it, which is the required
    skill itself (``matched_via`` None) or a narrower one (``matched_via`` its id).
    When missing: ``held_level``/``sources`` describe the required skill if it is held below
    the required level, else they are None/empty; ``matched_via`` is None.
    """

    skill_id: str
    importance: Importance
    required_level: int
    held_level: int | None
    sources: tuple[SkillEvidence, ...]
    matched_via: str | None
    inherited: bool
    met: bool


def meets(held_level: int | None, required_level: int) -> bool:
    """The single rule for a level: a held level meets a requirement when it is at least it."""
    return held_level is not None and held_level >= required_level


def match_requirement(
    requirement: Requirement,
    held: Mapping[str, HeldSkill],
    narrower_of: Mapping[str, frozenset[str]] | None = None,
    *,
    match_narrower: bool = False,
) -> RequirementMatch:
    """Judge one requirement. The required skill itself is preferred; otherwise, with
    ``match_narrower``, the narrower held skill with the highest level (then lowest id) that
    meets the level. ``narrower_of[s]`` is the set of skills narrower than ``s``.
    """
    own = held.get(requirement.skill_id)
    via: HeldSkill | None = None
    if own is not None and meets(own.level, requirement.level):
        via = own
    elif match_narrower and narrower_of:
        narrower = [
            held[skill_id]
            for skill_id in narrower_of.get(requirement.skill_id, frozenset())
            if skill_id in held and meets(held[skill_id].level, requirement.level)
        ]
        if narrower:
            via = min(narrower, key=lambda skill: (-skill.level, skill.skill_id))
    shown = via if via is not None else own
    return RequirementMatch(
        skill_id=requirement.skill_id,
        importance=requirement.importance,
        required_level=requirement.level,
        held_level=shown.level if shown is not None else None,
        sources=shown.sources if shown is not None else (),
        matched_via=via.skill_id if via is not None and via is not own else None,
        inherited=requirement.inherited,
        met=via is not None,
    )


@dataclass(frozen=True)
class Gap:
    """``coverage`` is covered_weight / total_weight in [0, 1]; it is 1.0 when total_weight is
    0 (no requirements, or only requirements of weight 0): nothing is asked, nothing is missing.
    ``essential_coverage`` is the share of ESSENTIAL requirements met, 1.0 when there are none.
    ``met`` and ``missing`` are ordered by ``requirement_order``.
    """

    coverage: float
    essential_coverage: float
    covered_weight: float
    total_weight: float
    met: tuple[RequirementMatch, ...]
    missing: tuple[RequirementMatch, ...]


def evaluate_gap(
    requirements: Iterable[Requirement],
    held: Mapping[str, HeldSkill],
    options: GapOptions | None = None,
    narrower_of: Mapping[str, frozenset[str]] | None = None,
) -> Gap:
    """Judge every requirement with ``match_requirement``.

    Raises DomainInputError when a skill is required twice (merge with
    ``effective_requirements`` first).
    """
    options = options or GapOptions()
    ordered = sorted(requirements, key=lambda r: requirement_order(r.importance, r.skill_id))
    seen: set[str] = set()
    for requirement in ordered:
        if requirement.skill_id in seen:
            raise DomainInputError(f"skill {requirement.skill_id} is required more than once")
        seen.add(requirement.skill_id)
    matches = [
        match_requirement(r, held, narrower_of, match_narrower=options.match_narrower)
        for r in ordered
    ]
    total = math.fsum(options.weight_of(m.importance) for m in matches)
    covered = math.fsum(options.weight_of(m.importance) for m in matches if m.met)
    essential = [m for m in matches if m.importance is Importance.ESSENTIAL]
    essential_met = sum(1 for m in essential if m.met)
    return Gap(
        coverage=covered / total if total > 0 else 1.0,
        essential_coverage=essential_met / len(essential) if essential else 1.0,
        covered_weight=covered,
        total_weight=total,
        met=tuple(m for m in matches if m.met),
        missing=tuple(m for m in matches if not m.met),
    )
