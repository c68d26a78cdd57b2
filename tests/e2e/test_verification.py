"""Verified credentials through GraphQL: import, awards, pinned keys, status lists, gaps."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import httpx
import jwt
import pytest

from skillgraph.store.database import Database
from skillgraph.verification.keys import key_from_multibase
from tests.e2e.badges import failed_award, import_badge, person_uri, verified_award
from tests.e2e.conftest import Api, RunningServer, make_key
from tests.unit.verification.badges import ONE_EDTECH_KEY, Issuer, fixture, tampered

ACHIEVEMENT = "https://academy.example/achievements/python"
CREDENTIALS = """query($p: ID!, $v: Boolean!) { person(id: $p) { credentials(verifiedOnly: $v) {
  status verified revokedReason revokedSeenAt credential { uri provider { uri name } }
  verification { status verifiedAt checks { check passed outcome detail } } } } }"""


async def person(api: Api, pid: str) -> None:
    await api.data(
        "mutation($i: ID!, $u: String!, $n: String!) {"
        " createPerson(input: {id: $i, uri: $u, name: $n}) { id } }",
        {"i": f"person_{pid}", "u": person_uri(pid), "n": pid},
    )


async def awards(api: Api, pid: str, verified_only: bool = False) -> list[dict[str, Any]]:
    data = await api.data(CREDENTIALS, {"p": f"person_{pid}", "v": verified_only})
    result: list[dict[str, Any]] = data["person"]["credentials"]
    return result


def statuses(result: dict[str, Any]) -> dict[str, str]:
    return {c["check"]: c["outcome"] for c in result["verification"]["checks"]}


async def test_a_signed_badge_is_verified_and_its_award_keeps_it(api: Api) -> None:
    issuer = Issuer()
    await person(api, "ada")
    result = await verified_award(api, issuer, "ada", ACHIEVEMENT)
    assert result["awards"] == 1
    assert result["verification"]["status"] == "VERIFIED"
    assert [c["check"] for c in result["verification"]["checks"]] == [
        "PROOF",
        "ISSUER_KEY",
        "ISSUER",
        "VALIDITY",
        "STATUS",
    ]
    assert all(c["passed"] for c in result["verification"]["checks"])
    (award,) = await awards(api, "ada")
    assert award["verified"] is True
    assert award["verification"]["status"] == "VERIFIED"
    assert award["verification"]["verifiedAt"] == result["verification"]["verifiedAt"]
    assert award["credential"]["provider"]["uri"] == issuer.uri
    assert await awards(api, "ada", verified_only=True) == [award]


async def test_a_tampered_badge_is_recorded_failed_and_is_not_verified_evidence(api: Api) -> None:
    issuer = Issuer()
    await person(api, "mallory")
    result = await failed_award(api, issuer, "mallory", ACHIEVEMENT)
    assert result["verification"]["status"] == "FAILED"
    assert statuses(result)["PROOF"] == "FAILED"
    (award,) = await awards(api, "mallory")
    assert award["verification"]["status"] == "FAILED"
    assert award["verified"] is False
    assert await awards(api, "mallory", verified_only=True) == []


async def test_a_failed_badge_changes_no_existing_provider_or_credential(api: Api) -> None:
    issuer = Issuer()
    await person(api, "ada")
    await verified_award(api, issuer, "ada", ACHIEVEMENT)
    signed = issuer.sign(issuer.badge(subject_id=person_uri("ada"), achievement=ACHIEVEMENT))
    forged = tampered(signed, ("issuer", "name"), "Renamed By Forger")
    forged["credentialSubject"]["achievement"]["name"] = "Renamed credential"
    assert (await import_badge(api, forged))["verification"]["status"] == "FAILED"
    (award,) = await awards(api, "ada")
    assert award["credential"]["provider"]["name"] == "Example Academy"
    data = await api.data("query($u: String!) { credential(uri: $u) { name } }", {"u": ACHIEVEMENT})
    assert data["credential"]["name"] == "Python"


async def test_a_failed_badge_never_replaces_a_verified_award(api: Api) -> None:
    issuer = Issuer()
    await person(api, "ada")
    await verified_award(api, issuer, "ada", ACHIEVEMENT)
    signed = issuer.sign(
        issuer.badge(
            subject_id=person_uri("ada"),
            achievement=ACHIEVEMENT,
            valid_until="2030-01-01T00:00:00Z",
        )
    )
    forged = tampered(signed, ("validUntil",), "2199-01-01T00:00:00Z")
    assert (await import_badge(api, forged))["verification"]["status"] == "FAILED"
    (award,) = await awards(api, "ada")
    assert award["verification"]["status"] == "VERIFIED"
    assert award["verified"] is True


async def test_an_issuer_that_is_not_the_credentials_provider_fails_and_moves_nothing(
    api: Api,
) -> None:
    owner, other = Issuer(), Issuer()
    await person(api, "ada")
    await verified_award(api, owner, "ada", ACHIEVEMENT)
    await person(api, "bob")
    result = await verified_award(api, other, "bob", ACHIEVEMENT)
    assert result["verification"]["status"] == "FAILED"
    issuer_check = next(c for c in result["verification"]["checks"] if c["check"] == "ISSUER")
    assert issuer_check["passed"] is False
    assert owner.uri in issuer_check["detail"]
    (award,) = await awards(api, "bob")
    assert award["credential"]["provider"]["uri"] == owner.uri


async def test_an_award_entered_by_hand_is_unverified(api: Api) -> None:
    issuer = Issuer()
    await person(api, "ada")
    await verified_award(api, issuer, "ada", ACHIEVEMENT)
    data = await api.data("query($u: String!) { credential(uri: $u) { id } }", {"u": ACHIEVEMENT})
    await api.data(
        'mutation($c: ID!) { awardCredential(personId: "person_ada", credentialId: $c) { id } }',
        {"c": data["credential"]["id"]},
    )
    (award,) = await awards(api, "ada")
    assert award["verification"] == {"status": "UNVERIFIED", "verifiedAt": None, "checks": []}
    assert award["verified"] is False


PROVIDER = """mutation($u: String!, $k: [VerificationKeyInput!]) {
  upsertProvider(uri: $u, input: {name: "1EdTech", verificationKeys: $k}) {
    verificationKeys { id type publicKeyMultibase publicKeyJwk fingerprint } } }"""


async def pin_1edtech(api: Api, issuer: str) -> dict[str, Any]:
    key = {"id": f"{issuer}#{ONE_EDTECH_KEY}", "publicKeyMultibase": ONE_EDTECH_KEY}
    data = await api.data(PROVIDER, {"u": issuer, "k": [key]})
    result: dict[str, Any] = data["upsertProvider"]
    return result


async def test_a_1edtech_sample_verifies_with_its_key_pinned_on_the_provider(api: Api) -> None:
    sample = fixture("1edtech", "simple.json")
    await api.data(
        'mutation($u: String!) { createPerson(input: {name: "Sam", uri: $u}) { id } }',
        {"u": sample["credentialSubject"]["id"]},
    )
    unpinned = await import_badge(api, sample)
    assert unpinned["verification"]["status"] == "UNVERIFIED"
    provider = await pin_1edtech(api, sample["issuer"]["id"])
    (key,) = provider["verificationKeys"]
    assert key["type"] == "Ed25519"
    assert key["publicKeyMultibase"] == ONE_EDTECH_KEY
    assert key["publicKeyJwk"]["kty"] == "OKP"
    assert key["fingerprint"].startswith("sha256:")
    pinned = await import_badge(api, sample)
    assert pinned["verification"]["status"] == "VERIFIED", pinned["verification"]


@pytest.mark.parametrize(
    ("key", "message"),
    [
        ({"publicKeyMultibase": "z6Mk"}, "not a usable public key"),
        (
            {"publicKeyJwk": {"kty": "OKP", "crv": "Ed25519", "x": "A" * 43, "d": "A" * 43}},
            "private",
        ),
        ({}, "exactly one"),
        (
            {
                "publicKeyMultibase": ONE_EDTECH_KEY,
                "publicKeyJwk": key_from_multibase(ONE_EDTECH_KEY).jwk(),
            },
            "exactly one",
        ),
        ({"publicKeyJwk": {"kty": "OKP"}}, "publicKeyJwk: not a usable public key"),
    ],
)
async def test_bad_pinned_keys_are_bad_user_input(
    api: Api, key: dict[str, Any], message: str
) -> None:
    error = await api.error(PROVIDER, {"u": "https://issuer.example", "k": [key]})
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert message in error["message"]


@pytest.fixture
async def role_client(server: RunningServer, db: Database) -> AsyncIterator[Any]:
    clients: list[httpx.AsyncClient] = []

    async def build(role: str) -> Api:
        headers = {"authorization": f"Bearer {await make_key(db, role)}"}
        client = httpx.AsyncClient(base_url=server.url, timeout=30, headers=headers)
        clients.append(client)
        return Api(client=client, server=server)

    yield build
    for client in clients:
        await client.aclose()


async def test_editors_pin_keys_and_job_boards_may_not(role_client: Any) -> None:
    editor, board = await role_client("EDITOR"), await role_client("JOB_BOARD")
    assert (await pin_1edtech(editor, "https://1edtech.edu/issuers/565049"))["verificationKeys"]
    error = await board.error(PROVIDER, {"u": "https://other.example", "k": []})
    assert error["extensions"]["code"] == "FORBIDDEN"


async def test_a_vc_jwt_string_is_imported_and_verified(api: Api) -> None:
    issuer = Issuer()
    await person(api, "ada")
    vc = issuer.badge(subject_id=person_uri("ada"), achievement=ACHIEVEMENT)
    token = jwt.encode(
        {"vc": vc, "iss": issuer.uri, "jti": vc["id"], "sub": person_uri("ada")},
        issuer.private,
        algorithm="EdDSA",
        headers={"kid": issuer.method},
    )
    result = await import_badge(api, token)
    assert result["awards"] == 1
    assert result["verification"]["status"] == "VERIFIED", result["verification"]
    none = token.split(".")
    header = "eyJhbGciOiJub25lIn0"  # {"alg":"none"}
    error = await api.error(
        "mutation($d: JSON!) { importOpenBadge(document: $d) { awards } }",
        {"d": f"{header}.{none[1]}."},
    )
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "alg 'none'" in error["message"]


STATUS = """mutation($d: JSON!, $u: String) { importStatusList(document: $d, url: $u) {
  url kind awards revoked verification { status } } }"""


async def test_a_status_list_import_revokes_the_award_with_reason_and_time(api: Api) -> None:
    badge = fixture("1edtech", "bitstring-credential-status-revoked.json")
    listed = fixture("1edtech", "bitstring-status-list.json")
    issuer = badge["issuer"]["id"]
    await pin_1edtech(api, issuer)
    await api.data(
        'mutation($u: String!) { createPerson(input: {id: "person_sam", name: "Sam", uri: $u})'
        " { id } }",
        {"u": badge["credentialSubject"]["id"]},
    )
    before = await import_badge(api, badge)
    assert before["verification"]["status"] == "UNVERIFIED"
    assert statuses(before)["STATUS"] == "INCONCLUSIVE"
    url = badge["credentialStatus"]["statusListCredential"]
    result = (await api.data(STATUS, {"d": listed, "u": url}))["importStatusList"]
    assert result == {
        "url": url,
        "kind": "BITSTRING",
        "awards": 1,
        "revoked": 1,
        "verification": {"status": "VERIFIED"},
    }
    data = await api.data(CREDENTIALS, {"p": "person_sam", "v": False})
    (award,) = data["person"]["credentials"]
    assert award["status"] == "REVOKED"
    assert award["revokedReason"] == "revoked by its issuer"
    assert award["revokedSeenAt"] is not None
    assert award["verification"]["status"] == "FAILED"
    again = await import_badge(api, badge)  # the imported list now answers at import time
    assert statuses(again)["STATUS"] == "FAILED"


async def test_a_status_list_that_does_not_verify_is_refused(api: Api) -> None:
    listed = fixture("1edtech", "bitstring-status-list.json")
    error = await api.error(STATUS, {"d": listed, "u": None})  # no key pinned for its issuer
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "does not verify" in error["message"]
    changed = {**listed, "validFrom": "2021-04-05T14:27:41Z"}
    await pin_1edtech(api, listed["issuer"])
    error = await api.error(STATUS, {"d": changed, "u": None})
    assert "PROOF" in error["message"]


async def test_skill_gap_sources_say_whether_evidence_is_verified(api: Api) -> None:
    issuer = Issuer()
    await person(api, "ada")
    await api.data(
        'mutation { createSkill(input: {id: "skill_py", uri: "http://data.europa.eu/esco/skill/py",'
        ' name: "Python"}) { id } createRole(input: {id: "role_dev", title: "Dev"}) { id } }'
    )
    await api.data(
        'mutation { setRoleRequirement(roleId: "role_dev", skillId: "skill_py") { id }'
        ' addPersonSkill(personId: "person_ada", skillId: "skill_py", level: 2) { id } }'
    )
    badge = issuer.badge(subject_id=person_uri("ada"), achievement=ACHIEVEMENT)
    badge["credentialSubject"]["achievement"]["alignment"] = [
        {
            "type": ["Alignment"],
            "targetUrl": "http://data.europa.eu/esco/skill/py",
            "targetName": "Python",
            "targetType": "ceasn:Competency",
        }
    ]
    assert (await import_badge(api, issuer.sign(badge)))["verification"]["status"] == "VERIFIED"
    gap = await api.data(
        '{ skillGap(personId: "person_ada", roleId: "role_dev") {'
        " met { sources { kind verified credential { uri } } } } }"
    )
    (met,) = gap["skillGap"]["met"]
    assert sorted((s["kind"], s["verified"]) for s in met["sources"]) == [
        ("CREDENTIAL", True),
        ("SELF", False),
    ]


async def test_documents_that_cannot_be_verified_are_bad_user_input(api: Api) -> None:
    issuer = Issuer()
    await person(api, "ada")
    nested: Any = "x"
    for _ in range(100):
        nested = {"nested": nested}
    deep = {**issuer.badge(subject_id=person_uri("ada"), achievement=ACHIEVEMENT), "extra": nested}
    error = await api.error(
        "mutation($d: JSON!) { importOpenBadge(document: $d) { awards } }", {"d": deep}
    )
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "nested deeper" in error["message"]


async def test_a_context_that_is_not_bundled_fails_the_proof(api: Api) -> None:
    issuer = Issuer()
    await person(api, "ada")
    signed = issuer.sign(issuer.badge(subject_id=person_uri("ada"), achievement=ACHIEVEMENT))
    signed["@context"] = [*signed["@context"], "https://attacker.example/context.json"]
    result = await import_badge(api, signed)
    proof = next(c for c in result["verification"]["checks"] if c["check"] == "PROOF")
    assert proof["outcome"] == "FAILED"
    assert "not bundled" in proof["detail"]
    assert json.dumps(result).count("attacker.example") == 1
