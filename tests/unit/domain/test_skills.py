from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from skillgraph.domain.errors import DomainInputError
from skillgraph.domain.skills import (
    Award,
    DeclaredSkill,
    EvidenceKind,
    SkillEvidence,
    held_levels,
    held_skills,
)
from skillgraph.model.enums import AwardStatus, SkillSource

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
DAY = timedelta(days=1)


def award(
    credential_id: str = "cred_a",
    *,
    status: AwardStatus = AwardStatus.ACTIVE,
    issued_at: datetime = NOW - 30 * DAY,
    expires_at: datetime | None = None,
    taught: dict[str, int | None] | None = None,
    verified: bool = True,
) -> Award:
    return Award(credential_id, status, issued_at, expires_at, taught or {"skill_py": 3}, verified)


def test_a_declared_skill_without_level_is_held_at_level_1() -> None:
    held = held_skills([DeclaredSkill("skill_py")], [], NOW)

    assert held["skill_py"].level == 1
    assert held["skill_py"].sources == (SkillEvidence(EvidenceKind.SELF, 1),)


def test_the_held_level_is_the_highest_over_all_sources() -> None:
    declared = [
        DeclaredSkill("skill_py", 2, SkillSource.SELF),
        DeclaredSkill("skill_py", 4, SkillSource.ASSESSED),
    ]

    held = held_skills(declared, [award(taught={"skill_py": 3})], NOW)

    assert held["skill_py"].level == 4


def test_every_source_is_kept_highest_level_first() -> None:
    declared = [
        DeclaredSkill("skill_py", 2, SkillSource.ENDORSED),
        DeclaredSkill("skill_py", 2, SkillSource.SELF),
    ]

    held = held_skills(declared, [award("cred_b", taught={"skill_py": 3})], NOW)

    assert held["skill_py"].sources == (
        SkillEvidence(EvidenceKind.CREDENTIAL, 3, "cred_b", verified=True),
        SkillEvidence(EvidenceKind.SELF, 2),
        SkillEvidence(EvidenceKind.ENDORSED, 2),
    )


def test_an_active_award_teaches_its_skills_and_verifies_them() -> None:
    held = held_skills([], [award(taught={"skill_py": 3, "skill_sql": None})], NOW)

    assert held_levels(held) == {"skill_py": 3, "skill_sql": 1}
    assert held["skill_py"].verified
    assert held["skill_sql"].sources == (
        SkillEvidence(EvidenceKind.CREDENTIAL, 1, "cred_a", verified=True),
    )


def test_an_award_whose_badge_is_not_verified_teaches_but_does_not_verify() -> None:
    held = held_skills([], [award(verified=False)], NOW)

    assert held_levels(held) == {"skill_py": 3}
    assert not held["skill_py"].verified
    assert held["skill_py"].sources == (SkillEvidence(EvidenceKind.CREDENTIAL, 3, "cred_a"),)


def test_one_verified_award_among_unverified_ones_verifies() -> None:
    held = held_skills([], [award("cred_a", verified=False), award("cred_b")], NOW)

    assert held["skill_py"].verified
    assert [s.verified for s in held["skill_py"].sources] == [False, True]


def test_an_expired_verified_award_does_not_verify() -> None:
    held = held_skills([DeclaredSkill("skill_py")], [award(expires_at=NOW - DAY)], NOW)

    assert not held["skill_py"].verified


def test_declared_skills_alone_are_not_verified() -> None:
    held = held_skills([DeclaredSkill("skill_py", 5, SkillSource.ASSESSED)], [], NOW)

    assert not held["skill_py"].verified


def test_a_revoked_award_teaches_nothing() -> None:
    assert held_skills([], [award(status=AwardStatus.REVOKED)], NOW) == {}


def test_an_award_expiring_at_the_moment_no_longer_counts() -> None:
    assert held_skills([], [award(expires_at=NOW)], NOW) == {}
    assert held_skills([], [award(expires_at=NOW - DAY)], NOW) == {}


def test_an_award_expiring_after_the_moment_counts() -> None:
    assert "skill_py" in held_skills([], [award(expires_at=NOW + timedelta(seconds=1))], NOW)


def test_an_award_issued_after_the_moment_does_not_count_yet() -> None:
    assert held_skills([], [award(issued_at=NOW + DAY)], NOW) == {}


def test_an_award_issued_at_the_moment_counts() -> None:
    assert "skill_py" in held_skills([], [award(issued_at=NOW)], NOW)


def test_naive_times_are_taken_as_utc() -> None:
    naive_now = NOW.replace(tzinfo=None)

    held = held_skills([], [award(issued_at=naive_now - DAY, expires_at=naive_now + DAY)], NOW)

    assert "skill_py" in held


def test_an_invalid_award_does_not_verify_a_declared_skill() -> None:
    held = held_skills([DeclaredSkill("skill_py", 2)], [award(status=AwardStatus.REVOKED)], NOW)

    assert held["skill_py"].level == 2
    assert not held["skill_py"].verified


def test_the_same_credential_earned_twice_is_one_source() -> None:
    held = held_skills([], [award(), award(issued_at=NOW - 2 * DAY)], NOW)

    assert len(held["skill_py"].sources) == 1


def test_held_skills_are_ordered_by_skill_id() -> None:
    declared = [DeclaredSkill("skill_z"), DeclaredSkill("skill_a"), DeclaredSkill("skill_m")]

    assert list(held_skills(declared, [], NOW)) == ["skill_a", "skill_m", "skill_z"]


def test_statuses_and_sources_may_be_given_as_strings() -> None:
    held = held_skills(
        [DeclaredSkill("skill_py", 2, "ENDORSED")],  # type: ignore[arg-type]
        [Award("cred_a", "ACTIVE", NOW - DAY, None, {"skill_sql": 2}, True)],  # type: ignore[arg-type]
        NOW,
    )

    assert held["skill_py"].sources[0].kind is EvidenceKind.ENDORSED
    assert held["skill_sql"].verified


@pytest.mark.parametrize("level", [0, 6, -1, True, 2.5])
def test_a_declared_level_outside_1_to_5_is_refused(level: object) -> None:
    with pytest.raises(DomainInputError, match="skill_py"):
        DeclaredSkill("skill_py", level)  # type: ignore[arg-type]


def test_a_taught_level_outside_1_to_5_is_refused() -> None:
    with pytest.raises(DomainInputError, match="cred_a teaches skill_py"):
        award(taught={"skill_py": 6})


def test_an_unknown_source_is_refused() -> None:
    with pytest.raises(DomainInputError, match="SELF, ASSESSED or ENDORSED"):
        DeclaredSkill("skill_py", 1, "GUESSED")  # type: ignore[arg-type]


def test_an_unknown_award_status_is_refused() -> None:
    with pytest.raises(DomainInputError, match="ACTIVE or REVOKED"):
        Award("cred_a", "PENDING", NOW, None, {})  # type: ignore[arg-type]


def test_domain_input_errors_are_value_errors_shown_as_bad_user_input() -> None:
    with pytest.raises(ValueError, match="level") as caught:
        DeclaredSkill("skill_py", 9)

    assert isinstance(caught.value, DomainInputError)
    assert caught.value.code == "BAD_USER_INPUT"
