"""Badges for e2e tests: signed in the test by a did:key issuer and imported through the API,
so an award is verified the way a user's would be."""

from __future__ import annotations

from typing import Any

from tests.e2e.conftest import Api
from tests.unit.verification.badges import Issuer, tampered

IMPORT = """mutation($d: JSON!) { importOpenBadge(document: $d) {
  awards verification { status checks { check passed outcome detail } verifiedAt } } }"""


def person_uri(pid: str) -> str:
    return f"urn:example:people:{pid}"


async def import_badge(api: Api, document: object) -> dict[str, Any]:
    result: dict[str, Any] = (await api.data(IMPORT, {"d": document}))["importOpenBadge"]
    return result


async def verified_award(
    api: Api, issuer: Issuer, pid: str, achievement: str, **badge: Any
) -> dict[str, Any]:
    """Awards ``achievement`` to person_<pid> (whose uri is person_uri(pid)) by a signed badge."""
    document = issuer.sign(
        issuer.badge(subject_id=person_uri(pid), achievement=achievement, **badge)
    )
    return await import_badge(api, document)


async def failed_award(api: Api, issuer: Issuer, pid: str, achievement: str) -> dict[str, Any]:
    """The same, but the signed badge is changed afterwards: its verification FAILS."""
    document = issuer.sign(issuer.badge(subject_id=person_uri(pid), achievement=achievement))
    return await import_badge(api, tampered(document, ("name",), "Changed after signing"))
