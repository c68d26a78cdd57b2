"""minCoverage keeps exactly the candidates whose reported coverage (covered / total, a
float) is at least it, the one at the threshold included."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from skillgraph.analysis.matching import min_units


@given(total=st.integers(1, 10**9), data=st.data())
def test_a_coverage_reported_by_the_api_keeps_its_candidate(
    total: int, data: st.DataObject
) -> None:
    covered = data.draw(st.integers(0, total))
    assert min_units(covered / total, total) <= covered


@given(total=st.integers(1, 10**7), threshold=st.floats(0, 1))
def test_the_threshold_is_the_least_covered_weight_reaching_it(
    total: int, threshold: float
) -> None:
    units = min_units(threshold, total)
    assert units / total >= threshold
    assert units == 0 or (units - 1) / total < threshold


def test_five_of_seven_is_kept_at_five_sevenths() -> None:
    # 5/7 rounds up as a float (0.7142857142857143 > 5/7): exact decimal arithmetic on the
    # float dropped this candidate.
    assert min_units(5 / 7, 7_000_000) == 5_000_000
