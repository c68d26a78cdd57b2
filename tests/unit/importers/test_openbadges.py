from __future__ import annotations

import copy
import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from skillgraph.errors import BadUserInput
from skillgraph.importers import (
    BadgeTable,
    BadgeTeaching,
    OpenBadgesError,
    parse_openbadges,
    parse_openbadges_json,
)
from skillgraph.model.enums import CredentialKind

FIXTURES = Path(__file__).parents[2] / "fixtures" / "openbadges"
PYTHON = "http://data.europa.eu/esco/skill/aaaaaaaa-0000-4000-8000-000000000001"
DEBUG = "http://data.europa.eu/esco/skill/aaaaaaaa-0000-4000-8000-000000000003"


def fixture(name: str) -> Any:
    return json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))


def problems(document: object) -> list[tuple[str, str]]:
    with pytest.raises(OpenBadgesError) as caught:
        parse_openbadges(document)
    return [(p.path, p.message) for p in caught.value.problems]


def paths(document: object) -> list[str]:
    return [path for path, _ in problems(document)]


# -- accepted shapes ------------------------------------------------------------------------


def test_an_achievement_becomes_a_credential_with_provider_and_alignments() -> None:
    bundle = parse_openbadges(fixture("achievement"))
    [credential] = bundle.credentials
    assert credential.uri == "https://example.com/achievements/python-foundations"
    assert credential.name == "Python Foundations"
    assert credential.description == (
        "Recognises the ability to write and debug small Python programs."
    )
    assert credential.kind is CredentialKind.MICRO_CREDENTIAL
    assert credential.url == "https://example.com/achievements/python-foundations/criteria"
    assert credential.provider_uri == "https://example.com/issuers/876543"
    [provider] = bundle.providers
    assert (provider.name, provider.url, provider.path) == (
        "Example Corp",
        "https://example.com",
        "$.creator",
    )
    assert bundle.teaches == (
        BadgeTeaching(credential.uri, PYTHON, "Python", "$.alignment[0].targetUrl"),
        BadgeTeaching(credential.uri, DEBUG, "debug software", "$.alignment[1].targetUrl"),
    )
    assert bundle.awards == ()
    assert bundle.documents == 1


def test_a_vc2_credential_becomes_an_award_and_its_proof_is_ignored() -> None:
    bundle = parse_openbadges(fixture("credential_vc2"))
    [award] = bundle.awards
    assert award.credential_uri == "https://example.com/achievements/21st-century-skills/teamwork"
    assert award.subject_uris == ("did:example:ebfeb1f712ebc6f1c276e12ec21",)
    assert award.emails == ("student@example.edu",)  # lower-cased; the hashed one is ignored
    assert award.issued_at == datetime(2010, 1, 1, tzinfo=UTC)
    assert award.expires_at == datetime(2030, 1, 1, tzinfo=UTC)
    assert award.source_id == "http://example.com/credentials/3527"
    [credential] = bundle.credentials
    assert credential.kind is CredentialKind.BADGE
    assert credential.provider_uri == "https://example.com/issuers/876543"


def test_a_vc11_credential_with_a_bare_issuer_id() -> None:
    bundle = parse_openbadges(fixture("credential_vc11"))
    [provider] = bundle.providers
    assert (provider.uri, provider.name, provider.path) == (
        "https://example.org/issuers/data-academy",
        None,
        "$.issuer",
    )
    [award] = bundle.awards
    assert (award.subject_uris, award.emails) == ((), ("ada@example.org",))
    assert award.issued_at == datetime(2022, 6, 1, 12, tzinfo=UTC)
    assert award.expires_at == datetime(2025, 6, 1, 12, tzinfo=UTC)
    assert bundle.credentials[0].kind is CredentialKind.CERTIFICATE


def test_a_list_mixes_shapes_and_repeated_definitions_appear_once() -> None:
    bundle = parse_openbadges(fixture("list"))
    assert bundle.documents == 3
    assert [c.uri for c in bundle.credentials] == [
        "https://example.com/achievements/python-foundations",
        "https://example.org/achievements/sql-essentials",
    ]
    assert len(bundle.teaches) == 3
    assert [p.uri for p in bundle.providers] == [
        "https://example.com/issuers/876543",
        "https://example.org/issuers/data-academy",
    ]
    assert bundle.providers[0].url == "https://example.com"
    assert [a.path for a in bundle.awards] == ["$[1]", "$[2]"]


def test_awarded_date_is_preferred_over_valid_from() -> None:
    award = parse_openbadges(fixture("list")).awards[0]
    assert award.issued_at == datetime(2024, 2, 15, 9, 30, tzinfo=timezone(timedelta(hours=1)))


def test_naive_times_are_taken_as_utc() -> None:
    document = fixture("credential_vc2")
    document["validFrom"] = "2020-05-01T08:00:00"
    assert parse_openbadges(document).awards[0].issued_at == datetime(2020, 5, 1, 8, tzinfo=UTC)


def test_a_profile_without_a_name_is_like_a_bare_id() -> None:
    document = fixture("credential_vc2")
    document["issuer"] = {"id": "https://example.com/issuers/876543", "type": "Profile"}
    assert parse_openbadges(document).providers[0].name is None


def test_a_named_profile_fills_in_a_bare_reference_to_it() -> None:
    bare = fixture("credential_vc2")
    bare["issuer"] = "https://example.com/issuers/876543"
    bundle = parse_openbadges([bare, fixture("achievement")])
    [provider] = bundle.providers
    assert (provider.name, provider.url, provider.path) == (
        "Example Corp",
        "https://example.com",
        "$[0].issuer",
    )


@pytest.mark.parametrize(
    ("achievement_type", "kind"),
    [
        ("Badge", CredentialKind.BADGE),
        ("MicroCredential", CredentialKind.MICRO_CREDENTIAL),
        ("Certificate", CredentialKind.CERTIFICATE),
        ("Certification", CredentialKind.CERTIFICATION),
        ("Course", CredentialKind.COURSE),
        ("ext:Nanodegree", CredentialKind.NANODEGREE),
        ("ext:Bootcamp", CredentialKind.OTHER),
        ("Degree", CredentialKind.OTHER),
        (None, CredentialKind.OTHER),
    ],
)
def test_achievement_type_maps_to_credential_kind(
    achievement_type: str | None, kind: CredentialKind
) -> None:
    document = fixture("achievement")
    document.pop("achievementType")
    if achievement_type is not None:
        document["achievementType"] = achievement_type
    assert parse_openbadges(document).credentials[0].kind is kind


def test_other_identifier_types_match_person_uris() -> None:
    document = fixture("credential_vc11")
    document["credentialSubject"]["identifier"] = [
        {
            "type": "IdentityObject",
            "identityType": "sourcedId",
            "hashed": False,
            "identityHash": "student-42",
        },
    ]
    award = parse_openbadges(document).awards[0]
    assert (award.subject_uris, award.emails) == (("student-42",), ())


# -- malformed documents --------------------------------------------------------------------


def test_a_missing_achievement_name_is_reported_by_path() -> None:
    assert problems(fixture("missing_name")) == [
        ("$.credentialSubject.achievement.name", "is required; give a non-empty name")
    ]


def test_wrong_types_are_reported_by_path() -> None:
    assert paths(fixture("wrong_type")) == [
        "$[1].type",
        "$[2].credentialSubject.achievement.type",
    ]


def test_bad_dates_are_reported_by_path() -> None:
    assert problems(fixture("bad_dates")) == [
        ("$[0].expirationDate", "must be after issuanceDate (2022-06-01T12:00:00+00:00)"),
        (
            "$[1].validFrom",
            "'first of May' is not an ISO 8601 date-time such as 2024-01-31T09:00:00Z",
        ),
        ("$[2].validFrom", "is required; give validFrom (VC 2.0) or issuanceDate (VC 1.1)"),
    ]


@pytest.mark.parametrize("blank", ["", "  ", None])
def test_a_blank_issue_date_is_reported(blank: str | None) -> None:
    document = fixture("credential_vc2")
    document["validFrom"] = blank
    assert paths(document) == ["$.validFrom"]


def test_awarded_date_alone_dates_the_award() -> None:
    document = fixture("credential_vc2")
    document["awardedDate"] = document.pop("validFrom")
    assert parse_openbadges(document).awards[0].issued_at == datetime(2010, 1, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "message"),
    [(b"\xff\xfe\x00", "is not UTF-8 encoded JSON"), ("[" * 100_000, "is nested too deeply")],
)
def test_undecodable_json_text_is_reported(text: str | bytes, message: str) -> None:
    with pytest.raises(OpenBadgesError) as caught:
        parse_openbadges_json(text)
    assert [(p.path, p.message) for p in caught.value.problems] == [("$", message)]


def test_expiry_equal_to_issue_is_refused() -> None:
    document = fixture("credential_vc2")
    document["validUntil"] = document["validFrom"]
    assert paths(document) == ["$.validUntil"]


def test_an_alignment_without_target_url_is_reported_by_path() -> None:
    assert problems(fixture("alignment_without_target")) == [
        ("$.alignment[1].targetUrl", "is required; give the aligned skill's URI"),
        ("$.alignment[2]", "expected an Alignment (a JSON object), got a string"),
    ]


def test_non_objects_are_reported_by_index() -> None:
    assert problems(fixture("not_object")) == [
        ("$[1]", "expected an Achievement or OpenBadgeCredential (a JSON object), got a string"),
        ("$[2]", "expected an Achievement or OpenBadgeCredential (a JSON object), got a number"),
        ("$[3]", "expected an Achievement or OpenBadgeCredential (a JSON object), got null"),
    ]


def test_a_credential_needs_a_vc_context_issuer_and_subject() -> None:
    document = fixture("credential_vc2")
    document["@context"] = ["https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]
    del document["issuer"]
    del document["credentialSubject"]
    assert paths(document) == ["$['@context']", "$.issuer", "$.credentialSubject"]


def test_an_achievement_given_only_by_id_is_refused() -> None:
    document = fixture("credential_vc2")
    document["credentialSubject"]["achievement"] = "https://example.com/achievements/x"
    assert problems(document) == [
        (
            "$.credentialSubject.achievement",
            "expected an Achievement (a JSON object), got a string",
        )
    ]


def test_a_subject_must_name_a_matchable_earner() -> None:
    document = fixture("credential_vc2")
    del document["credentialSubject"]["id"]
    document["credentialSubject"]["identifier"].pop(0)  # only the hashed one is left
    [(path, message)] = problems(document)
    assert path == "$.credentialSubject"
    assert message.startswith("names no earner")


def test_identity_objects_are_validated() -> None:
    document = fixture("credential_vc11")
    document["credentialSubject"]["identifier"] = [
        {
            "type": "IdentityObject",
            "identityType": "emailAddress",
            "hashed": False,
            "identityHash": "not-an-email",
        },
        {"type": "IdentityObject", "identityType": "emailAddress", "identityHash": "a@b.org"},
        {"type": "IdentityObject", "hashed": False},
    ]
    assert paths(document) == [
        "$.credentialSubject.identifier[0].identityHash",
        "$.credentialSubject.identifier[1].hashed",
        "$.credentialSubject.identifier[2].identityType",
        "$.credentialSubject.identifier[2].identityHash",
    ]


def test_invalid_uris_and_types_of_members_are_reported() -> None:
    document = fixture("achievement")
    document["id"] = "python foundations"
    document["name"] = 7
    document["creator"]["url"] = "example.com"
    document["alignment"] = {"targetUrl": PYTHON}
    assert paths(document) == ["$.id", "$.name", "$.creator.url", "$.alignment"]


def test_an_achievement_described_differently_twice_is_refused() -> None:
    other = copy.deepcopy(fixture("achievement"))
    other["name"] = "Python Basics"
    [(path, message)] = problems([fixture("achievement"), other])
    assert path == "$[1]"
    assert message.startswith("achievement https://example.com/achievements/python-foundations")
    assert "differs from its definition at $[0]" in message


def test_a_profile_named_differently_twice_is_refused() -> None:
    other = fixture("credential_vc2")
    other["issuer"]["name"] = "Example Corporation"
    [(path, message)] = problems([fixture("achievement"), other])
    assert path == "$[1].issuer"
    assert "has name 'Example Corporation' here but 'Example Corp' at $[0].creator" in message


def test_the_document_count_is_capped() -> None:
    documents = [fixture("achievement")] * 3
    with pytest.raises(OpenBadgesError) as caught:
        parse_openbadges(documents, max_documents=2)
    assert [(p.path, p.message) for p in caught.value.problems] == [
        ("$", "holds 3 documents; at most 2 per call, so split the array")
    ]
    assert paths([]) == ["$"]


def test_problems_are_capped_at_100_but_all_counted() -> None:
    with pytest.raises(OpenBadgesError) as caught:
        parse_openbadges([1] * 150)
    assert (len(caught.value.problems), caught.value.total) == (100, 150)
    assert caught.value.message.endswith("... and 50 more")


def test_invalid_json_text_is_reported_with_its_position() -> None:
    with pytest.raises(OpenBadgesError) as caught:
        parse_openbadges_json('{"type": "Achievement",\n "name": }')
    assert [(p.path, p.message) for p in caught.value.problems] == [
        ("$", "is not valid JSON at line 2 column 10: Expecting value")
    ]


def test_json_text_is_parsed() -> None:
    text = (FIXTURES / "list.json").read_bytes()
    assert parse_openbadges_json(text) == parse_openbadges(fixture("list"))


def test_the_error_is_a_bad_user_input_with_the_problems_as_extensions() -> None:
    with pytest.raises(BadUserInput) as caught:
        parse_openbadges(fixture("missing_name"))
    assert caught.value.extensions["problems"] == [
        {
            "path": "$.credentialSubject.achievement.name",
            "message": "is required; give a non-empty name",
        }
    ]


# -- for the writer -------------------------------------------------------------------------


def test_alignments_to_unknown_skills_are_reported_with_their_paths() -> None:
    bundle = parse_openbadges(fixture("achievement"))
    assert bundle.alignment_uris == {PYTHON, DEBUG}
    [report] = bundle.unknown_alignments({PYTHON})
    assert report.path == "$.alignment[1].targetUrl"
    assert report.message == (
        f"no skill {DEBUG} (debug software) in the graph; "
        "import it first (e.g. from ESCO) or align to an existing skill"
    )
    assert bundle.unknown_alignments({PYTHON, DEBUG}) == ()


def test_rows_use_the_graph_property_names() -> None:
    bundle = parse_openbadges(fixture("list"))
    assert bundle.rows(BadgeTable.PROVIDERS)[1] == {
        "uri": "https://example.org/issuers/data-academy",
        "name": None,
        "kind": "OTHER",
        "url": None,
    }
    assert bundle.rows(BadgeTable.CREDENTIALS)[1] == {
        "uri": "https://example.org/achievements/sql-essentials",
        "name": "SQL Essentials",
        "description": "Queries, joins and aggregates in SQL.",
        "kind": "CERTIFICATE",
        "url": None,
        "status": "ACTIVE",
        "providerUri": "https://example.org/issuers/data-academy",
    }
    assert bundle.rows(BadgeTable.TEACHES)[0] == {
        "credentialUri": "https://example.com/achievements/python-foundations",
        "skillUri": PYTHON,
        "level": 1,
    }
    assert bundle.rows(BadgeTable.AWARDS)[1] == {
        "credentialUri": "https://example.org/achievements/sql-essentials",
        "subjectUris": [],
        "emails": ["ada@example.org"],
        "issuedAt": datetime(2022, 6, 1, 12, tzinfo=UTC),
        "expiresAt": datetime(2025, 6, 1, 12, tzinfo=UTC),
        "status": "ACTIVE",
        "sourceId": "urn:uuid:a63a60be-f4af-491c-87fc-2c8fd3007a58",
    }
    assert [len(b) for b in bundle.batches(BadgeTable.TEACHES, size=2)] == [2, 1]
