from __future__ import annotations

import math
import statistics
from collections import Counter
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skillgraph.seed import Sizes, synthetic_dataset
from skillgraph.store.bulk import Kind
from tests.unit.seed.streams import KEYS, Stream, per

REFERENCE = "2026-01-01T00:00:00Z"
NODES = {
    Kind.SKILLS: "skills",
    Kind.PROVIDERS: "providers",
    Kind.CREDENTIALS: "credentials",
    Kind.PEOPLE: "people",
}
LINEAR = (
    Kind.BROADER,
    Kind.RELATED,
    Kind.REQUIREMENTS,
    Kind.TEACHES,
    Kind.PERSON_SKILLS,
    Kind.AWARDS,
    Kind.TARGETS,
    Kind.HOLDS,
)


@cache
def synthetic(scale: float = 0.01, seed: int = 42) -> Stream:
    return Stream.of(synthetic_dataset(scale, seed=seed))


def test_sizes_at_full_scale_match_the_specification() -> None:
    assert Sizes.at(1.0) == Sizes(14_000, 3_000, 5_000, 300, 10_000, 100_000)


@pytest.mark.parametrize("scale", [0, -1.0, math.nan, math.inf])
def test_a_scale_that_is_not_positive_is_refused_at_once(scale: float) -> None:
    with pytest.raises(ValueError, match="scale"):
        synthetic_dataset(scale)


def test_the_same_seed_gives_the_same_stream() -> None:
    assert Stream.of(synthetic_dataset(0.01, seed=42)).dump() == synthetic().dump()


def test_another_seed_gives_another_stream() -> None:
    assert synthetic(seed=43).dump() != synthetic().dump()


def test_node_counts_follow_the_scale() -> None:
    sizes = Sizes.at(0.01)
    stream = synthetic()
    for kind, name in NODES.items():
        assert len(stream.rows[kind]) == getattr(sizes, name), kind
    kinds = Counter(row["kind"] for row in stream.rows[Kind.ROLES])
    assert kinds == {"OCCUPATION": sizes.occupations, "JOB_POSTING": sizes.postings}


def test_relationship_counts_grow_linearly_with_the_scale() -> None:
    small, large = synthetic(0.01), synthetic(0.03)
    for kind in LINEAR:
        ratio = len(large.rows[kind]) / len(small.rows[kind])
        assert 2.4 <= ratio <= 3.6, (kind, ratio)


def test_a_tiny_scale_still_has_one_of_each_node() -> None:
    stream = Stream.of(synthetic_dataset(1e-9))
    assert all(len(stream.rows[kind]) == 1 for kind in NODES)
    assert len(stream.rows[Kind.ROLES]) == 2  # an occupation and a posting
    assert stream.missing_references({}) == []
    assert stream.duplicate_pairs() == []


def test_batches_come_in_kind_order_and_stay_small() -> None:
    order = list(Kind)
    positions = [order.index(kind) for kind, _ in synthetic().batches]
    assert positions == sorted(positions)
    assert all(0 < len(rows) <= 5000 for _, rows in synthetic().batches)
    assert any(len(rows) == 5000 for _, rows in synthetic().batches)


def test_rows_have_exactly_the_documented_keys() -> None:
    for kind, rows in synthetic().rows.items():
        assert all(set(row) == KEYS[kind] for row in rows), kind


def test_every_reference_exists_and_no_pair_repeats() -> None:
    stream = synthetic()
    assert stream.missing_references({}) == []
    assert stream.duplicate_pairs() == []


def test_uris_are_synthetic_and_unique() -> None:
    stream = synthetic()
    for kind in NODES:
        uris = [row["uri"] for row in stream.rows[kind]]
        assert len(set(uris)) == len(uris)
        assert all(uri.startswith("https://synthetic.skillgraph.dev/") for uri in uris)


def test_broader_links_form_a_forest() -> None:
    broader = synthetic().rows[Kind.BROADER]
    parent = {row["narrowerUri"]: row["broaderUri"] for row in broader}
    assert len(parent) == len(broader)
    for start in parent:
        seen = {start}
        node = start
        while node in parent:
            node = parent[node]
            assert node not in seen
            seen.add(node)


def test_related_links_never_loop_or_repeat_reversed() -> None:
    related = synthetic().rows[Kind.RELATED]
    pairs = {frozenset((r["fromUri"], r["toUri"])) for r in related}
    assert all(r["fromUri"] != r["toUri"] for r in related)
    assert len(pairs) == len(related)
    assert {r["relationType"] for r in related} == {"essential", "optional"}


def test_prerequisites_are_acyclic() -> None:
    stream = synthetic()
    assert len(stream.prerequisite_order()) == len(stream.rows[Kind.CREDENTIALS])
    assert stream.rows[Kind.PREREQUISITES]


def occupation_requirements(stream: Stream) -> list[dict[str, object]]:
    return [r for r in stream.rows[Kind.REQUIREMENTS] if "/postings/" not in r["roleUri"]]


def test_occupations_require_about_42_skills_both_essential_and_optional() -> None:
    requirements = occupation_requirements(synthetic(0.03))
    counts = per(requirements, "roleUri").values()
    assert 38 <= statistics.mean(counts) <= 46
    assert {r["importance"] for r in requirements} == {"ESSENTIAL", "OPTIONAL"}


def test_postings_specialise_one_occupation_and_add_a_few_requirements() -> None:
    stream = synthetic(0.03)
    postings = {r["uri"] for r in stream.rows[Kind.ROLES] if r["kind"] == "JOB_POSTING"}
    specialises = per(stream.rows[Kind.SPECIALIZES], "postingUri")
    assert specialises == dict.fromkeys(postings, 1)
    own = per((r for r in stream.rows[Kind.REQUIREMENTS] if r["roleUri"] in postings), "roleUri")
    assert set(own.values()) <= set(range(1, 7))
    assert 2 <= statistics.mean(own.values()) <= 5


def test_skill_demand_is_skewed() -> None:
    stream = synthetic(0.03)
    demand = Counter(r["skillUri"] for r in occupation_requirements(stream))
    occupations = Sizes.at(0.03).occupations
    ranked = [demand[s] for s in stream.uris(Kind.SKILLS)]
    ranked.sort(reverse=True)
    assert ranked[0] >= 0.3 * occupations
    assert statistics.median(ranked) <= 0.1 * occupations


def test_people_have_about_20_skills_2_awards_and_1_target() -> None:
    stream = synthetic()
    people = len(stream.rows[Kind.PEOPLE])
    assert 18 <= len(stream.rows[Kind.PERSON_SKILLS]) / people <= 22
    assert 1.7 <= len(stream.rows[Kind.AWARDS]) / people <= 2.3
    assert set(per(stream.rows[Kind.TARGETS], "personUri").values()) == {1}


def test_awards_expire_after_issue_and_some_have_expired_or_been_revoked() -> None:
    awards = synthetic().rows[Kind.AWARDS]
    assert all(a["issuedAt"] < REFERENCE for a in awards)
    assert all(a["expiresAt"] is None or a["expiresAt"] > a["issuedAt"] for a in awards)
    assert any(a["expiresAt"] is not None and a["expiresAt"] < REFERENCE for a in awards)
    assert any(a["status"] == "REVOKED" for a in awards)


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**32), scale=st.floats(1e-4, 3e-3))
def test_any_seed_and_small_scale_give_a_consistent_stream(seed: int, scale: float) -> None:
    stream = Stream.of(synthetic_dataset(scale, seed=seed))
    assert stream.missing_references({}) == []
    assert stream.duplicate_pairs() == []
    assert len(stream.prerequisite_order()) == len(stream.rows[Kind.CREDENTIALS])
