from __future__ import annotations

from itertools import permutations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skillgraph.domain.errors import (
    MissingPrerequisiteError,
    PlanInputError,
    PrerequisiteCycleError,
)
from skillgraph.domain.ordering import build_steps, is_orderable, order_steps
from skillgraph.domain.plan_model import Candidate, Step, Target
from skillgraph.domain.prerequisites import availability_ranks


def cred(
    credential_id: str,
    teaches: dict[str, int] | None = None,
    requires: dict[str, int] | None = None,
) -> Candidate:
    return Candidate(credential_id, teaches=teaches or {}, requires=requires or {})


CHAIN = [
    cred("a", {"s1": 2}, {"s2": 2}),
    cred("b", {"s2": 3}, {"s3": 1}),
    cred("c", {"s3": 1}),
]


def test_a_chain_is_ordered_from_its_root() -> None:
    assert order_steps(["a", "b", "c"], {}, CHAIN) == ("c", "b", "a")


def test_a_prerequisite_that_is_held_imposes_no_order() -> None:
    assert order_steps(["a", "b"], {"s3": 1, "s2": 2}, CHAIN) == ("a", "b")


def test_independent_credentials_come_in_id_order() -> None:
    candidates = [cred("z"), cred("m"), cred("a")]

    assert order_steps(["z", "a", "m"], {}, candidates) == ("a", "m", "z")


def test_a_prerequisite_must_be_taught_at_its_level() -> None:
    candidates = [cred("a", {"s1": 1}, {"s2": 3}), cred("b", {"s2": 2})]

    with pytest.raises(MissingPrerequisiteError, match="a requires s2 at level 3") as caught:
        order_steps(["a", "b"], {}, candidates)

    assert (caught.value.credential_id, caught.value.skill_id, caught.value.level) == (
        "a",
        "s2",
        3,
    )


def test_a_held_level_below_the_prerequisite_does_not_satisfy_it() -> None:
    assert not is_orderable(["a"], {"s2": 1}, CHAIN)
    assert is_orderable(["a"], {"s2": 2}, CHAIN)


def test_two_credentials_needing_each_other_are_a_cycle() -> None:
    candidates = [cred("y", {"s1": 1}, {"s2": 1}), cred("x", {"s2": 1}, {"s1": 1})]

    with pytest.raises(PrerequisiteCycleError, match=r"x -> y -> x") as caught:
        order_steps(["y", "x"], {}, candidates)

    assert caught.value.cycle == ("x", "y")


def test_a_longer_cycle_is_named_in_order_from_its_smallest_id() -> None:
    candidates = [
        cred("p", {"s1": 1}, {"s3": 1}),
        cred("q", {"s2": 1}, {"s1": 1}),
        cred("r", {"s3": 1}, {"s2": 1}),
        cred("free", {"s9": 1}),
    ]

    with pytest.raises(PrerequisiteCycleError) as caught:
        order_steps(["free", "p", "q", "r"], {}, candidates)

    # p needs s3 (taught by r), r needs s2 (taught by q), q needs s1 (taught by p).
    assert caught.value.cycle == ("p", "r", "q")
    assert "p -> r -> q -> p" in str(caught.value)


def test_a_cycle_broken_by_another_provider_is_orderable() -> None:
    candidates = [
        cred("x", {"s1": 1}, {"s2": 1}),
        cred("y", {"s2": 1}, {"s1": 1}),
        cred("w", {"s1": 1}),
    ]

    assert order_steps(["x", "y", "w"], {}, candidates) == ("w", "y", "x")


def test_a_credential_cannot_provide_its_own_prerequisite() -> None:
    candidates = [cred("a", {"s1": 3}, {"s1": 1})]

    with pytest.raises(MissingPrerequisiteError):
        order_steps(["a"], {}, candidates)
    assert order_steps(["a"], {"s1": 1}, candidates) == ("a",)


def test_an_unknown_credential_is_refused() -> None:
    with pytest.raises(PlanInputError, match="unknown credential nope"):
        order_steps(["nope"], {}, CHAIN)


def test_candidates_may_be_given_as_a_mapping() -> None:
    by_id = {c.credential_id: c for c in CHAIN}

    assert order_steps(["b", "c"], {}, by_id) == ("c", "b")


def test_availability_ranks_follow_prerequisite_rounds() -> None:
    candidates = [*CHAIN, cred("x", {"s9": 1}, {"s8": 1})]

    assert availability_ranks({}, candidates) == {"c": 0, "b": 1, "a": 2}


def test_steps_record_what_each_covers_first_and_whom_it_enables() -> None:
    candidates = [
        cred("a", {"t1": 3, "t2": 2}, {"s2": 2}),
        cred("b", {"s2": 3, "t1": 4}),
    ]
    targets = [Target("t1", 3, 1.0), Target("t2", 2, 1.0), Target("t3", 1, 1.0)]

    steps = build_steps(("b", "a"), candidates, {}, targets)

    assert steps == (
        Step(1, "b", covers=("t1",), enables=("a",)),
        Step(2, "a", covers=("t2",), enables=()),
    )


def test_a_step_does_not_enable_what_is_already_held() -> None:
    steps = build_steps(("c", "b"), CHAIN, {"s3": 1}, [])

    assert steps[0].enables == ()


SKILL = st.sampled_from(["s0", "s1", "s2", "s3", "s4"])


@st.composite
def selections(draw: st.DrawFn) -> tuple[list[Candidate], dict[str, int]]:
    candidates = [
        cred(
            f"c{i}",
            draw(st.dictionaries(SKILL, st.integers(1, 5), min_size=1, max_size=2)),
            draw(st.dictionaries(SKILL, st.integers(1, 3), max_size=2)),
        )
        for i in range(draw(st.integers(1, 6)))
    ]
    return candidates, draw(st.dictionaries(SKILL, st.integers(1, 3), max_size=2))


def valid(order: tuple[str, ...], by_id: dict[str, Candidate], held: dict[str, int]) -> bool:
    levels = dict(held)
    for credential_id in order:
        candidate = by_id[credential_id]
        if any(levels.get(s, 0) < lv for s, lv in candidate.requires.items()):
            return False
        for skill_id, level in candidate.teaches.items():
            levels[skill_id] = max(levels.get(skill_id, 0), level)
    return True


@settings(max_examples=200, deadline=None, database=None)
@given(selections())
def test_order_steps_orders_exactly_the_orderable_selections(
    selection: tuple[list[Candidate], dict[str, int]],
) -> None:
    candidates, held = selection
    by_id = {c.credential_id: c for c in candidates}
    some_order_exists = any(valid(p, by_id, held) for p in permutations(by_id))

    if some_order_exists:
        order = order_steps(by_id, held, candidates)
        assert sorted(order) == sorted(by_id)
        assert valid(order, by_id, held)
        return
    with pytest.raises((PrerequisiteCycleError, MissingPrerequisiteError)) as caught:
        order_steps(by_id, held, candidates)
    error = caught.value
    if isinstance(error, PrerequisiteCycleError):
        cycle = error.cycle
        for needer, teacher in zip(cycle, cycle[1:] + cycle[:1], strict=True):
            assert any(
                held.get(s, 0) < lv and by_id[teacher].teaches_at_least(s, lv)
                for s, lv in by_id[needer].requires.items()
            )
    else:
        assert isinstance(error, MissingPrerequisiteError)
        assert held.get(error.skill_id, 0) < error.level
        assert error.level == by_id[error.credential_id].requires[error.skill_id]
