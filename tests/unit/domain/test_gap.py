from __future__ import annotations

import math

import pytest

from skillgraph.domain.errors import DomainInputError
from skillgraph.domain.gap import (
    GapOptions,
    Requirement,
    effective_requirements,
    evaluate_gap,
    match_requirement,
    meets,
)
from skillgraph.domain.skills import EvidenceKind, HeldSkill, SkillEvidence
from skillgraph.model.enums import Importance

ESSENTIAL = Importance.ESSENTIAL
OPTIONAL = Importance.OPTIONAL


def held(**levels: int) -> dict[str, HeldSkill]:
    return {
        skill: HeldSkill(skill, level, (SkillEvidence(EvidenceKind.SELF, level),))
        for skill, level in levels.items()
    }


def req(skill: str, level: int = 1, importance: Importance = ESSENTIAL) -> Requirement:
    return Requirement(skill, importance, level)


# effective_requirements


def test_inherited_requirements_are_marked_inherited() -> None:
    effective = effective_requirements([req("py", 2)], [req("sql", 3)])

    assert effective == (
        Requirement("py", ESSENTIAL, 2, inherited=True),
        Requirement("sql", ESSENTIAL, 3, inherited=False),
    )


def test_the_postings_own_requirement_wins_on_the_same_skill() -> None:
    effective = effective_requirements([req("py", 4, ESSENTIAL)], [req("py", 2, OPTIONAL)])

    assert effective == (Requirement("py", OPTIONAL, 2, inherited=False),)


def test_effective_requirements_list_essential_first_then_by_skill() -> None:
    effective = effective_requirements(
        [req("b", 1, OPTIONAL), req("d")], [req("a", 1, OPTIONAL), req("c")]
    )

    assert [r.skill_id for r in effective] == ["c", "d", "a", "b"]


def test_repeats_within_one_list_merge_into_the_most_demanding() -> None:
    effective = effective_requirements([], [req("py", 4, OPTIONAL), req("py", 2, ESSENTIAL)])

    assert effective == (Requirement("py", ESSENTIAL, 4),)


# meets and match_requirement


@pytest.mark.parametrize(
    ("held_level", "required", "expected"),
    [(None, 1, False), (1, 2, False), (2, 2, True), (5, 1, True)],
)
def test_meets_when_the_held_level_is_at_least_the_required(
    held_level: int | None, required: int, expected: bool
) -> None:
    assert meets(held_level, required) is expected


def test_a_requirement_held_at_its_level_is_met_directly() -> None:
    match = match_requirement(req("py", 3), held(py=3))

    assert match.met
    assert match.held_level == 3
    assert match.matched_via is None
    assert match.sources == (SkillEvidence(EvidenceKind.SELF, 3),)


def test_a_requirement_held_below_its_level_is_missing_with_the_held_level() -> None:
    match = match_requirement(req("py", 4), held(py=2))

    assert not match.met
    assert match.held_level == 2
    assert match.sources == (SkillEvidence(EvidenceKind.SELF, 2),)


def test_a_requirement_not_held_is_missing_without_level() -> None:
    match = match_requirement(req("py", 1), held(sql=5))

    assert not match.met
    assert match.held_level is None
    assert match.sources == ()


NARROWER = {"programming": frozenset({"py", "go"})}


def test_narrower_skills_do_not_count_unless_asked() -> None:
    match = match_requirement(req("programming", 2), held(py=3), NARROWER)

    assert not match.met


def test_a_narrower_held_skill_meets_the_requirement_when_asked() -> None:
    match = match_requirement(req("programming", 2), held(py=3), NARROWER, match_narrower=True)

    assert match.met
    assert match.matched_via == "py"
    assert match.held_level == 3


def test_a_narrower_skill_below_the_level_does_not_meet_it() -> None:
    match = match_requirement(req("programming", 4), held(py=3), NARROWER, match_narrower=True)

    assert not match.met
    assert match.matched_via is None


def test_the_highest_narrower_skill_then_the_lowest_id_is_recorded() -> None:
    by_level = match_requirement(
        req("programming", 2), held(py=4, go=3), NARROWER, match_narrower=True
    )
    by_id = match_requirement(
        req("programming", 2), held(py=4, go=4), NARROWER, match_narrower=True
    )

    assert by_level.matched_via == "py"
    assert by_id.matched_via == "go"


def test_the_required_skill_itself_is_preferred_over_a_narrower_one() -> None:
    match = match_requirement(
        req("programming", 2), held(programming=2, py=5), NARROWER, match_narrower=True
    )

    assert match.matched_via is None
    assert match.held_level == 2


def test_a_missing_requirement_shows_its_own_level_not_a_narrower_one() -> None:
    match = match_requirement(
        req("programming", 5), held(programming=1, py=4), NARROWER, match_narrower=True
    )

    assert match.held_level == 1


# evaluate_gap


def test_coverage_weights_essential_1_and_optional_a_quarter_by_default() -> None:
    requirements = [req("a"), req("b"), req("c", 1, OPTIONAL), req("d", 1, OPTIONAL)]

    gap = evaluate_gap(requirements, held(a=1, c=1))

    assert gap.total_weight == 2.5
    assert gap.covered_weight == 1.25
    assert gap.coverage == pytest.approx(0.5)
    assert gap.essential_coverage == 0.5


def test_coverage_uses_the_given_weights() -> None:
    requirements = [req("a"), req("b", 1, OPTIONAL)]
    options = GapOptions(essential_weight=1.0, optional_weight=3.0)

    assert evaluate_gap(requirements, held(b=1), options).coverage == pytest.approx(0.75)


def test_a_role_without_requirements_is_fully_covered() -> None:
    gap = evaluate_gap([], held(a=1))

    assert (gap.coverage, gap.essential_coverage) == (1.0, 1.0)
    assert gap.met == gap.missing == ()


def test_a_role_whose_requirements_all_weigh_zero_is_fully_covered() -> None:
    options = GapOptions(essential_weight=1.0, optional_weight=0.0)

    gap = evaluate_gap([req("a", 1, OPTIONAL)], {}, options)

    assert gap.coverage == 1.0
    assert len(gap.missing) == 1


def test_essential_coverage_is_1_without_essential_requirements() -> None:
    gap = evaluate_gap([req("a", 1, OPTIONAL)], {})

    assert gap.essential_coverage == 1.0
    assert gap.coverage == 0.0


def test_met_and_missing_list_essential_first_then_by_skill() -> None:
    requirements = [req("d", 1, OPTIONAL), req("c"), req("b", 1, OPTIONAL), req("a")]

    gap = evaluate_gap(requirements, {})

    assert [m.skill_id for m in gap.missing] == ["a", "c", "b", "d"]


def test_the_gap_uses_narrower_matching_from_its_options() -> None:
    options = GapOptions(match_narrower=True)

    gap = evaluate_gap([req("programming", 2)], held(py=2), options, NARROWER)

    assert gap.met[0].matched_via == "py"
    assert gap.coverage == 1.0


def test_inherited_flags_pass_through_to_matches() -> None:
    requirements = effective_requirements([req("a")], [req("b")])

    gap = evaluate_gap(requirements, held(a=1))

    assert gap.met[0].inherited
    assert not gap.missing[0].inherited


def test_a_skill_required_twice_is_refused() -> None:
    with pytest.raises(DomainInputError, match="more than once"):
        evaluate_gap([req("a"), req("a", 2)], {})


@pytest.mark.parametrize(
    ("essential", "optional"), [(-1.0, 0.25), (1.0, -0.1), (math.nan, 1.0), (1.0, math.inf)]
)
def test_weights_must_be_finite_and_non_negative(essential: float, optional: float) -> None:
    with pytest.raises(DomainInputError, match="finite number >= 0"):
        GapOptions(essential_weight=essential, optional_weight=optional)


def test_weights_cannot_both_be_zero() -> None:
    with pytest.raises(DomainInputError, match="both be 0"):
        GapOptions(essential_weight=0.0, optional_weight=0.0)


def test_a_requirement_level_outside_1_to_5_is_refused() -> None:
    with pytest.raises(DomainInputError, match="required level of py"):
        Requirement("py", ESSENTIAL, 0)


def test_an_unknown_importance_is_refused() -> None:
    with pytest.raises(DomainInputError, match="ESSENTIAL or OPTIONAL"):
        Requirement("py", "NICE", 1)  # type: ignore[arg-type]
