"""From an Authorization header to a Principal."""

from __future__ import annotations

from skillgraph.api.principal import Principal, PrincipalRole
from skillgraph.auth.apikey import parse_token, secret_matches
from skillgraph.auth.jwt import jwt_enabled, verify_jwt
from skillgraph.auth.keycache import KeyCache
from skillgraph.errors import Unauthenticated
from skillgraph.settings import AnonymousAccess, Settings
from skillgraph.store import apikeys
from skillgraph.store.database import Database

__all__ = ["authenticate"]

_BAD = "the bearer token is not valid, expired or revoked"


async def authenticate(
    header: str | None, settings: Settings, db: Database, keys: KeyCache | None = None
) -> Principal:
    """The caller. No header: anonymous (unless anonymous access is off). A bad, expired or
    revoked token raises Unauthenticated; its message never says which keys exist."""
    if header is None or not header.strip():
        if settings.anonymous_access is AnonymousAccess.NONE:
            raise Unauthenticated("authentication is required: send Authorization: Bearer <key>")
        return Principal(PrincipalRole.ANONYMOUS)
    scheme, _, token = header.strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise Unauthenticated("use the Authorization header as: Bearer <token>")
    parsed = parse_token(token)
    if parsed is not None:
        cache = keys or KeyCache(0)
        record = await cache.get(parsed.key_id, lambda key_id: apikeys.get(db, key_id))
        if record is None or record.get("revokedAt") is not None:
            raise Unauthenticated(_BAD)
        if not secret_matches(parsed.secret, record["hash"]):
            raise Unauthenticated(_BAD)
        return Principal(
            role=PrincipalRole(record["role"]),
            name=str(record.get("name") or parsed.key_id),
            person_id=record.get("personId"),
            key=f"key:{parsed.key_id}",
        )
    if jwt_enabled(settings):
        claims = verify_jwt(token, settings)
        try:
            role = PrincipalRole(str(claims.get("role", "")))
        except ValueError:
            raise Unauthenticated("the token's role claim is not a SkillGraph role") from None
        if role is PrincipalRole.ANONYMOUS:
            raise Unauthenticated("the token's role claim is not a SkillGraph role")
        person_id = claims.get("person_id")
        if role is PrincipalRole.PERSON and not isinstance(person_id, str):
            raise Unauthenticated("a PERSON token needs a person_id claim")
        subject = str(claims.get("sub") or person_id or role.value)
        return Principal(
            role=role,
            name=subject,
            person_id=person_id if role is PrincipalRole.PERSON else None,
            key=f"jwt:{subject}",
        )
    raise Unauthenticated(_BAD)
