from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal
from enum import StrEnum

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skillgraph.model.currency import minor_digits
from skillgraph.model.enums import (
    AwardStatus,
    CredentialFormat,
    CredentialKind,
    CredentialStatus,
    Importance,
    ProviderKind,
    RoleKind,
    SkillSource,
    SkillType,
    Visibility,
)
from skillgraph.seed import (
    DEMO_PERSON_URI,
    DEMO_POSTING_URI,
    DEMO_PROVIDER_URI,
    OccupationRef,
    SkillRef,
    demo_catalogue,
)
from skillgraph.store.bulk import Kind
from tests.unit.seed.streams import KEYS, Stream, demo, esco_ict, per

REFERENCE = "2026-01-01T00:00:00Z"
LEVELS = {
    Kind.REQUIREMENTS: "level",
    Kind.TEACHES: "level",
    Kind.PREREQUISITES: "level",
    Kind.PERSON_SKILLS: "level",
}


def occupation_skills() -> dict[str, set[str]]:
    skills: dict[str, set[str]] = defaultdict(set)
    for occupation, skill in esco_ict().requirements:
        skills[occupation].add(skill)
    return skills


def test_the_same_seed_gives_the_same_stream() -> None:
    esco = esco_ict()
    again = Stream.of(demo_catalogue(esco.skills, esco.occupations, esco.requirements, seed=7))
    assert again.dump() == demo(7).dump()


def test_the_input_order_does_not_matter() -> None:
    esco = esco_ict()
    shuffled = Stream.of(
        demo_catalogue(esco.skills[::-1], esco.occupations[::-1], esco.requirements[::-1], seed=7)
    )
    assert shuffled.dump() == demo(7).dump()


def test_another_seed_gives_another_stream() -> None:
    assert demo(8).dump() != demo(7).dump()


def test_batches_come_in_kind_order_and_stay_small() -> None:
    order = list(Kind)
    positions = [order.index(kind) for kind, _ in demo().batches]
    assert positions == sorted(positions)
    assert all(0 < len(rows) <= 5000 for _, rows in demo().batches)


def test_esco_skills_and_occupations_are_not_emitted() -> None:
    stream = demo()
    assert stream.rows[Kind.SKILLS] == []
    assert {r["kind"] for r in stream.rows[Kind.ROLES]} == {RoleKind.JOB_POSTING.value}
    assert not stream.uris(Kind.ROLES) & esco_ict().uris()[Kind.ROLES]
    assert all(r["roleUri"] in stream.uris(Kind.ROLES) for r in stream.rows[Kind.REQUIREMENTS])


def test_rows_have_exactly_the_documented_keys() -> None:
    for kind, rows in demo().rows.items():
        assert all(set(row) == KEYS[kind] for row in rows), kind


def test_counts_are_in_the_requested_ranges() -> None:
    rows = demo().rows
    assert 20 <= len(rows[Kind.PROVIDERS]) <= 30
    assert 350 <= len(rows[Kind.CREDENTIALS]) <= 450
    assert 40 <= len(rows[Kind.ROLES]) <= 60
    assert 450 <= len(rows[Kind.PEOPLE]) <= 550
    assert set(per(rows[Kind.TEACHES], "credentialUri").values()) <= set(range(2, 9))
    assert set(per(rows[Kind.REQUIREMENTS], "roleUri").values()) <= set(range(2, 7))
    assert set(per(rows[Kind.PERSON_SKILLS], "personUri").values()) <= set(range(3, 26))
    assert set(per(rows[Kind.TARGETS], "personUri").values()) == {1, 2, 3}
    assert len(per(rows[Kind.PERSON_SKILLS], "personUri")) == len(rows[Kind.PEOPLE])


def test_every_reference_exists() -> None:
    assert demo().missing_references(esco_ict().uris()) == []


def test_no_relationship_repeats_a_pair() -> None:
    assert demo().duplicate_pairs() == []


def test_prerequisites_are_taught_earlier_or_not_at_all() -> None:
    stream = demo()
    order = {uri: n for n, uri in enumerate(stream.prerequisite_order())}
    teachers: dict[str, list[str]] = defaultdict(list)
    for row in stream.rows[Kind.TEACHES]:
        teachers[row["skillUri"]].append(row["credentialUri"])
    prerequisites = stream.rows[Kind.PREREQUISITES]
    for row in prerequisites:
        assert all(order[t] < order[row["credentialUri"]] for t in teachers[row["skillUri"]])
    assert len({r["credentialUri"] for r in prerequisites}) >= 50


def test_prerequisites_form_chains() -> None:
    stream = demo()
    teachers: dict[str, set[str]] = defaultdict(set)
    for row in stream.rows[Kind.TEACHES]:
        teachers[row["skillUri"]].add(row["credentialUri"])
    depends: dict[str, set[str]] = defaultdict(set)
    for row in stream.rows[Kind.PREREQUISITES]:
        depends[row["credentialUri"]] |= teachers[row["skillUri"]]
    depth: dict[str, int] = {}
    for uri in stream.prerequisite_order():
        depth[uri] = 1 + max((depth[d] for d in depends[uri]), default=0)
    assert max(depth.values()) >= 3


def test_prerequisite_levels_are_reachable() -> None:
    stream = demo()
    best: dict[str, int] = defaultdict(int)
    for row in stream.rows[Kind.TEACHES]:
        best[row["skillUri"]] = max(best[row["skillUri"]], row["level"])
    assert all(r["level"] <= best[r["skillUri"]] for r in stream.rows[Kind.PREREQUISITES])


def test_levels_are_between_one_and_five() -> None:
    rows = demo().rows
    for kind, column in LEVELS.items():
        assert {row[column] for row in rows[kind]} <= {1, 2, 3, 4, 5}, kind


@pytest.mark.parametrize(
    ("kind", "column", "values"),
    [
        (Kind.PEOPLE, "visibility", Visibility),
        (Kind.PROVIDERS, "kind", ProviderKind),
        (Kind.CREDENTIALS, "kind", CredentialKind),
        (Kind.CREDENTIALS, "format", CredentialFormat),
        (Kind.CREDENTIALS, "status", CredentialStatus),
        (Kind.AWARDS, "status", AwardStatus),
        (Kind.PERSON_SKILLS, "source", SkillSource),
        (Kind.REQUIREMENTS, "importance", Importance),
    ],
)
def test_every_value_of_an_enum_occurs(kind: Kind, column: str, values: type[StrEnum]) -> None:
    assert {row[column] for row in demo().rows[kind]} == {v.value for v in values}


def test_visibility_is_about_forty_thirty_thirty() -> None:
    counts = per(demo().rows[Kind.PEOPLE], "visibility")
    total = sum(counts.values())
    assert abs(counts["MATCHABLE"] / total - 0.4) < 0.05
    assert abs(counts["PUBLIC"] / total - 0.3) < 0.05
    assert abs(counts["PRIVATE"] / total - 0.3) < 0.05


def test_about_one_credential_in_twenty_is_retired() -> None:
    credentials = demo().rows[Kind.CREDENTIALS]
    retired = sum(1 for r in credentials if r["status"] == "RETIRED")
    assert 0.02 <= retired / len(credentials) <= 0.09


def test_costs_have_the_currency_decimals() -> None:
    for row in demo().rows[Kind.CREDENTIALS]:
        amount, currency = row["costAmount"], row["costCurrency"]
        if amount is None:
            continue
        digits = minor_digits(currency)
        assert re.fullmatch(rf"\d+\.\d{{{digits}}}" if digits else r"\d+", amount), row


def test_costs_are_mostly_eur_usd_gbp_some_free_some_unknown() -> None:
    credentials = demo().rows[Kind.CREDENTIALS]
    currencies = per(credentials, "costCurrency")
    assert currencies["EUR"] + currencies["USD"] + currencies["GBP"] > 0.7 * len(credentials)
    assert currencies["JPY"] > 0
    free = [r for r in credentials if r["costAmount"] and Decimal(r["costAmount"]) == 0]
    unknown = [r for r in credentials if r["costAmount"] is None]
    assert free
    assert unknown
    assert any(r["costCurrency"] is None for r in unknown)


def test_durations_are_two_to_four_hundred_hours() -> None:
    hours = [r["durationHours"] for r in demo().rows[Kind.CREDENTIALS]]
    assert all(isinstance(h, float) and 2 <= h <= 400 for h in hours)


def test_some_credentials_have_no_validity() -> None:
    validity = [r["validityMonths"] for r in demo().rows[Kind.CREDENTIALS]]
    assert None in validity
    assert any(isinstance(v, int) for v in validity)


def test_awards_expire_after_issue_and_some_have_expired_or_been_revoked() -> None:
    awards = demo().rows[Kind.AWARDS]
    assert all(a["issuedAt"] < REFERENCE for a in awards)
    assert all(a["expiresAt"] is None or a["expiresAt"] > a["issuedAt"] for a in awards)
    assert any(a["expiresAt"] is not None and a["expiresAt"] < REFERENCE for a in awards)
    assert any(a["status"] == "REVOKED" for a in awards)


def test_only_employers_and_professional_bodies_endorse() -> None:
    stream = demo()
    kinds = {p["uri"]: p["kind"] for p in stream.rows[Kind.PROVIDERS]}
    endorsers = {kinds[r["providerUri"]] for r in stream.rows[Kind.ENDORSEMENTS]}
    assert endorsers == {"EMPLOYER", "PROFESSIONAL_BODY"}


def test_some_providers_are_accredited() -> None:
    providers = demo().rows[Kind.PROVIDERS]
    assert any(p["accredited"] and p["accreditations"] for p in providers)
    assert any(not p["accredited"] and not p["accreditations"] for p in providers)
    assert DEMO_PROVIDER_URI in {p["uri"] for p in providers}


def test_every_posting_specialises_one_esco_occupation() -> None:
    stream = demo()
    specialises = per(stream.rows[Kind.SPECIALIZES], "postingUri")
    assert specialises == dict.fromkeys(stream.uris(Kind.ROLES), 1)
    occupations = esco_ict().uris()[Kind.ROLES]
    assert all(r["occupationUri"] in occupations for r in stream.rows[Kind.SPECIALIZES])


def test_postings_raise_inherited_levels_and_add_optional_skills() -> None:
    stream = demo()
    occupation = {r["postingUri"]: r["occupationUri"] for r in stream.rows[Kind.SPECIALIZES]}
    inherited = occupation_skills()
    raised = [
        r
        for r in stream.rows[Kind.REQUIREMENTS]
        if r["skillUri"] in inherited[occupation[r["roleUri"]]]
    ]
    assert len(raised) >= 10
    assert all(r["importance"] == "ESSENTIAL" and r["level"] >= 3 for r in raised)
    assert any(r["importance"] == "OPTIONAL" for r in stream.rows[Kind.REQUIREMENTS])


def test_credentials_teach_skills_that_occupations_ask_for_together() -> None:
    stream = demo()
    together = occupation_skills().values()
    taught: dict[str, set[str]] = defaultdict(set)
    for row in stream.rows[Kind.TEACHES]:
        taught[row["credentialUri"]].add(row["skillUri"])
    coherent = [c for c, skills in taught.items() if any(len(skills & o) >= 2 for o in together)]
    assert len(coherent) >= 0.7 * len(taught)


def mention(name: str, label: str, *, case: bool = False) -> re.Match[str] | None:
    flags = 0 if case else re.IGNORECASE
    return re.search(rf"(?<![\w]){re.escape(label)}(?![\w+#])", name, flags)


def test_credential_names_come_from_what_they_teach() -> None:
    skills = {s.uri: s for s in esco_ict().skills}
    stream = demo()
    taught: dict[str, dict[str, int]] = defaultdict(dict)
    for row in stream.rows[Kind.TEACHES]:
        taught[row["credentialUri"]][row["skillUri"]] = row["level"]
    # Named technologies ("Python", "SQL", "Apache Maven"), longest first, so "Common Lisp"
    # is read before "Lisp".
    technologies = sorted(
        (s for s in skills.values() if s.type is SkillType.KNOWLEDGE and s.name[0].isupper()),
        key=lambda s: -len(s.short_name),
    )
    for credential in stream.rows[Kind.CREDENTIALS]:
        name, levels = credential["name"], taught[credential["uri"]]
        top = max(levels.values())
        # The name names a skill the credential teaches at its deepest level (a competence
        # by its words after the verb: "Using Databases" for "use databases") ...
        deepest = [skills[s] for s, level in levels.items() if level == top]
        found = [
            m
            for s in deepest
            for label in (s.short_name, s.short_name.split(" ", 1)[-1])
            if (m := mention(name, label))
        ]
        assert found, (name, [s.name for s in deepest])
        # ... and every technology it names is one it teaches.
        rest = name
        for skill in technologies:
            if mention(rest, skill.short_name, case=True):
                assert skill.uri in levels, (name, skill.name)
                rest = rest.replace(skill.short_name, "_")


def test_no_credential_teaches_two_programming_languages() -> None:
    # ESCO describes each language "... programming paradigms in <language>."; a course on
    # JavaScript that also teaches Python would be misnamed.
    languages = {
        s.uri for s in esco_ict().skills if "programming paradigms in" in (s.description or "")
    }
    assert len(languages) >= 30
    taught: dict[str, set[str]] = defaultdict(set)
    for row in demo().rows[Kind.TEACHES]:
        taught[row["credentialUri"]].add(row["skillUri"])
    assert all(len(skills & languages) <= 1 for skills in taught.values())


def test_nearly_every_required_skill_is_taught() -> None:
    required = {skill for _, skill in esco_ict().requirements}
    taught = {r["skillUri"] for r in demo().rows[Kind.TEACHES]}
    assert len(required & taught) >= 0.9 * len(required)


def test_emails_are_unique_and_lower_case() -> None:
    emails = [p["email"] for p in demo().rows[Kind.PEOPLE]]
    assert len(set(emails)) == len(emails)
    assert all(e == e.lower() and re.fullmatch(r"[a-z0-9.]+@[a-z.]+", e) for e in emails)


def test_ada_targets_the_demo_posting_and_lacks_some_of_its_skills() -> None:
    stream = demo()
    people = {p["uri"]: p for p in stream.rows[Kind.PEOPLE]}
    assert people[DEMO_PERSON_URI]["name"] == "Ada Demo"
    assert people[DEMO_PERSON_URI]["visibility"] == "PUBLIC"
    targets = [t["roleUri"] for t in stream.rows[Kind.TARGETS] if t["personUri"] == DEMO_PERSON_URI]
    assert targets == [DEMO_POSTING_URI]
    occupation = next(
        r["occupationUri"]
        for r in stream.rows[Kind.SPECIALIZES]
        if r["postingUri"] == DEMO_POSTING_URI
    )
    needed = occupation_skills()[occupation] | {
        r["skillUri"] for r in stream.rows[Kind.REQUIREMENTS] if r["roleUri"] == DEMO_POSTING_URI
    }
    held = {
        r["skillUri"] for r in stream.rows[Kind.PERSON_SKILLS] if r["personUri"] == DEMO_PERSON_URI
    }
    assert held & needed
    assert len(needed - held) >= 5


def test_unknown_references_in_the_input_are_refused_at_once() -> None:
    skills = [SkillRef("https://x.test/s/1", "Python", SkillType.KNOWLEDGE)]
    occupations = [OccupationRef("https://x.test/o/1", "developer")]
    with pytest.raises(ValueError, match="unknown skill"):
        demo_catalogue(skills, occupations, [("https://x.test/o/1", "https://x.test/s/2")])
    with pytest.raises(ValueError, match="at least one skill"):
        demo_catalogue([], occupations, [])


@settings(max_examples=10, deadline=None)
@given(data=st.data(), seed=st.integers(min_value=0, max_value=2**32))
def test_any_small_input_and_seed_give_a_consistent_stream(data: st.DataObject, seed: int) -> None:
    skills = [
        SkillRef(f"https://x.test/s/{n}", f"skill {n}", data.draw(st.sampled_from(SkillType)))
        for n in range(data.draw(st.integers(1, 12)))
    ]
    occupations = [
        OccupationRef(f"https://x.test/o/{n}", f"job {n}")
        for n in range(data.draw(st.integers(1, 4)))
    ]
    links = data.draw(
        st.lists(
            st.tuples(
                st.sampled_from([o.uri for o in occupations]),
                st.sampled_from([s.uri for s in skills]),
            )
        )
    )
    stream = Stream.of(demo_catalogue(skills, occupations, links, seed=seed))
    outside = {Kind.SKILLS: {s.uri for s in skills}, Kind.ROLES: {o.uri for o in occupations}}
    assert stream.missing_references(outside) == []
    assert stream.duplicate_pairs() == []
    assert len(stream.prerequisite_order()) == len(stream.rows[Kind.CREDENTIALS])
