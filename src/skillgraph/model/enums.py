from __future__ import annotations

from enum import StrEnum

__all__ = [
    "AwardStatus",
    "CredentialFormat",
    "CredentialKind",
    "CredentialStatus",
    "Importance",
    "ProviderKind",
    "RoleKind",
    "SkillSource",
    "SkillType",
    "Visibility",
]


class SkillType(StrEnum):
    KNOWLEDGE = "KNOWLEDGE"
    SKILL = "SKILL"


class ProviderKind(StrEnum):
    UNIVERSITY = "UNIVERSITY"
    COMPANY = "COMPANY"
    PROFESSIONAL_BODY = "PROFESSIONAL_BODY"
    PLATFORM = "PLATFORM"
    EMPLOYER = "EMPLOYER"
    OTHER = "OTHER"


class CredentialKind(StrEnum):
    BADGE = "BADGE"
    MICRO_CREDENTIAL = "MICRO_CREDENTIAL"
    NANODEGREE = "NANODEGREE"
    CERTIFICATE = "CERTIFICATE"
    CERTIFICATION = "CERTIFICATION"
    COURSE = "COURSE"
    OTHER = "OTHER"


class CredentialFormat(StrEnum):
    ONLINE = "ONLINE"
    IN_PERSON = "IN_PERSON"
    HYBRID = "HYBRID"


class CredentialStatus(StrEnum):
    ACTIVE = "ACTIVE"
    RETIRED = "RETIRED"


class RoleKind(StrEnum):
    OCCUPATION = "OCCUPATION"
    JOB_POSTING = "JOB_POSTING"


class Importance(StrEnum):
    ESSENTIAL = "ESSENTIAL"
    OPTIONAL = "OPTIONAL"


class Visibility(StrEnum):
    PRIVATE = "PRIVATE"
    MATCHABLE = "MATCHABLE"
    PUBLIC = "PUBLIC"


class SkillSource(StrEnum):
    SELF = "SELF"
    ASSESSED = "ASSESSED"
    ENDORSED = "ENDORSED"


class AwardStatus(StrEnum):
    ACTIVE = "ACTIVE"
    REVOKED = "REVOKED"
