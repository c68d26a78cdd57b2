"""VC-JWT: an Open Badges 3.0 credential secured as a compact JWS (OB 3.0, 8.2).

The payload is the credential itself (VC 2.0) or carries it in the ``vc`` claim (VC 1.1).
Allowed algorithms: RS256, which OB 3.0 requires, and PS256, ES256, ES384 and EdDSA, which it
permits; ``none`` and HMAC algorithms are refused. PyJWT checks the signature; the claims
``iss``, ``jti``, ``sub``, ``nbf`` and ``exp`` must agree with the credential.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import jwt

from skillgraph.verification.keys import KeyProblem, PublicKey, b64url_decode

__all__ = ["ALGORITHMS", "JwtCredential", "JwtProblem", "check_claims", "decode", "verify_jws"]

ALGORITHMS = ("RS256", "PS256", "ES256", "ES384", "EdDSA")
_KEY_KINDS = {
    "RS256": "RSA",
    "PS256": "RSA",
    "ES256": "P-256",
    "ES384": "P-384",
    "EdDSA": "Ed25519",
}


class JwtProblem(ValueError):
    """The token is malformed, unsupported or does not verify."""


@dataclass(frozen=True)
class JwtCredential:
    """A decoded (not yet verified) VC-JWT."""

    token: str
    header: Mapping[str, Any]
    claims: Mapping[str, Any]
    credential: dict[str, Any]

    @property
    def kid(self) -> str | None:
        kid = self.header.get("kid")
        return kid if isinstance(kid, str) and kid else None

    @property
    def jwk(self) -> Mapping[str, Any] | None:
        jwk = self.header.get("jwk")
        return jwk if isinstance(jwk, Mapping) else None


def _segment(part: str, what: str) -> Any:
    try:
        value = json.loads(b64url_decode(part))
    except (KeyProblem, ValueError, RecursionError):
        raise JwtProblem(f"the JWT {what} is not base64url-encoded JSON") from None
    if not isinstance(value, dict):
        raise JwtProblem(f"the JWT {what} is not a JSON object")
    return value


def decode(token: str) -> JwtCredential:
    """Splits and decodes a compact JWS without verifying it. Raises JwtProblem."""
    parts = token.strip().split(".")
    if len(parts) != 3:
        raise JwtProblem("a VC-JWT is a compact JWS: three base64url parts separated by '.'")
    header = _segment(parts[0], "header")
    claims = _segment(parts[1], "payload")
    alg = header.get("alg")
    if not isinstance(alg, str) or alg.lower() == "none":
        raise JwtProblem("unsigned JWTs (alg 'none') are refused")
    if alg not in ALGORITHMS:
        raise JwtProblem(f"alg {alg!r} is not allowed; use one of {', '.join(ALGORITHMS)}")
    if isinstance(header.get("jwk"), Mapping) and "d" in header["jwk"]:
        raise JwtProblem("the jwk header holds a private key ('d'); the token is refused")
    credential = claims.get("vc") if "vc" in claims else claims
    if not isinstance(credential, dict):
        raise JwtProblem("the JWT's vc claim is not a JSON object")
    return JwtCredential(token.strip(), header, claims, credential)


def verify_jws(decoded: JwtCredential, key: PublicKey) -> None:
    """Raises JwtProblem unless ``key`` signed the token with its ``alg``."""
    alg = str(decoded.header["alg"])
    if _KEY_KINDS[alg] != key.kind.partition("-")[0] and _KEY_KINDS[alg] != key.kind:
        raise JwtProblem(f"alg {alg} needs a {_KEY_KINDS[alg]} key, the issuer's is {key.kind}")
    try:
        jwt.decode(
            decoded.token,
            key=key.key,
            algorithms=[alg],
            options={
                "verify_signature": True,
                "verify_exp": False,
                "verify_nbf": False,
                "verify_iat": False,
                "verify_aud": False,
                "verify_iss": False,
                "verify_jti": False,
                "verify_sub": False,
            },
        )
    except jwt.InvalidSignatureError:
        raise JwtProblem(
            "the JWS signature does not match: the token was changed or signed by another key"
        ) from None
    except jwt.PyJWTError as exc:
        raise JwtProblem(f"the JWS does not verify: {exc}") from None


def _instant(value: Any) -> datetime | None:
    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return None
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return None


def check_claims(decoded: JwtCredential) -> str | None:
    """Why the registered claims contradict the credential, or None when they agree."""
    claims, vc = decoded.claims, decoded.credential
    issuer = vc.get("issuer")
    issuer_id = issuer.get("id") if isinstance(issuer, Mapping) else issuer
    subject = vc.get("credentialSubject")
    subject_id = subject.get("id") if isinstance(subject, Mapping) else None
    for claim, expected in (("iss", issuer_id), ("jti", vc.get("id")), ("sub", subject_id)):
        if claim in claims and expected is not None and claims[claim] != expected:
            return f"claim {claim} is {claims[claim]!r} but the credential says {expected!r}"
    if "iss" not in claims:
        return "the JWT has no iss claim"
    for claim, keys in (
        ("nbf", ("validFrom", "issuanceDate")),
        ("exp", ("validUntil", "expirationDate")),
    ):
        if claim not in claims:
            continue
        value = claims[claim]
        if not isinstance(value, int | float) or isinstance(value, bool):
            return f"claim {claim} is not a NumericDate"
        stated = next((_instant(vc.get(k)) for k in keys if vc.get(k) is not None), None)
        if stated is not None and abs(stated.timestamp() - float(value)) >= 1:
            return (
                f"claim {claim} ({int(value)}) differs from the credential's {keys[0]} "
                f"({stated.isoformat()})"
            )
    return None
