"""JWT bearer tokens, when a secret or public key is configured."""

from __future__ import annotations

from typing import Any

import jwt as pyjwt

from skillgraph.errors import Unauthenticated
from skillgraph.settings import Settings

__all__ = ["jwt_enabled", "verify_jwt"]


def jwt_enabled(settings: Settings) -> bool:
    return bool(settings.jwt_secret or settings.jwt_public_key)


def _algorithms(settings: Settings) -> list[str]:
    if settings.jwt_algorithms:
        return list(settings.jwt_algorithms)
    return ["HS256"] if settings.jwt_secret else ["RS256", "ES256"]


def verify_jwt(token: str, settings: Settings) -> dict[str, Any]:
    """The verified claims. The algorithm must be in the allow-list (never ``none``); ``exp``
    is required and checked, and ``iss``/``aud`` when configured. Raises Unauthenticated."""
    key = settings.jwt_secret or settings.jwt_public_key
    if key is None:
        raise Unauthenticated("JWTs are not accepted by this server; use an API key")
    required = (
        ["exp"]
        + (["iss"] if settings.jwt_issuer else [])
        + (["aud"] if settings.jwt_audience else [])
    )
    try:
        claims: dict[str, Any] = pyjwt.decode(
            token,
            key,
            algorithms=_algorithms(settings),
            issuer=settings.jwt_issuer,
            audience=settings.jwt_audience,
            options={"require": required},
        )
    except pyjwt.ExpiredSignatureError:
        raise Unauthenticated("the token has expired") from None
    except pyjwt.InvalidTokenError as exc:
        raise Unauthenticated(f"the token is not valid: {exc}") from None
    return claims
