"""Finding the key that should have signed a credential, and whether it is the issuer's.

Where a key comes from, in order: a key pinned on the issuer's Provider (matched by its id,
or by the key named in the method's fragment); ``did:key`` (offline); ``did:web`` and https
documents (a DID document, a controller document, a Multikey/JsonWebKey, or a JWKS), fetched
under the FetchPolicy; a JWT's ``jwk`` header.

The key is the issuer's (ISSUER_KEY PASSED) when it is pinned on the Provider, when its DID
is the issuer's id, or when an https issuer publishes it on its own host. When the Provider
pins keys, any other key FAILS. A key that cannot be obtained (fetching disabled, host not
allowed, timeout) is INCONCLUSIVE; a key that is missing, malformed, or controlled by someone
else FAILS.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit

from skillgraph.verification.fetch import Fetcher, FetchProblem
from skillgraph.verification.keys import (
    KeyProblem,
    PublicKey,
    key_from_did_key,
    key_from_jwk,
    key_from_multibase,
)
from skillgraph.verification.result import Check, CheckName, Outcome

__all__ = ["KeyFinding", "PinnedKey", "did_web_url", "find_key"]


@dataclass(frozen=True)
class PinnedKey:
    """A key an ADMIN or EDITOR pinned on a Provider; ``id`` is the verification method (or
    JWT ``kid``) it answers to, when known."""

    key: PublicKey
    id: str | None = None


@dataclass(frozen=True)
class KeyFinding:
    """``keys``: the candidates to verify with (usually one); ``check``: ISSUER_KEY."""

    keys: tuple[PublicKey, ...]
    check: Check


def _check(outcome: Outcome, detail: str) -> Check:
    return Check(CheckName.ISSUER_KEY, outcome, detail)


def _none(outcome: Outcome, detail: str) -> KeyFinding:
    return KeyFinding((), _check(outcome, detail))


def did_web_url(did: str) -> str:
    """did:web:example.com[:path:segments] -> https://example.com/.well-known/did.json or
    https://example.com/path/segments/did.json (``%3A`` in the host is a port)."""
    parts = did.removeprefix("did:web:").split(":")
    if not parts or not parts[0]:
        raise KeyProblem(f"{did!r} is not a did:web")
    host = unquote(parts[0])
    path = "/".join(unquote(p) for p in parts[1:])
    return f"https://{host}/{path}/did.json" if path else f"https://{host}/.well-known/did.json"


def _key_of(entry: Mapping[str, Any]) -> PublicKey:
    if isinstance(entry.get("publicKeyMultibase"), str):
        return key_from_multibase(entry["publicKeyMultibase"])
    if isinstance(entry.get("publicKeyJwk"), Mapping):
        return key_from_jwk(entry["publicKeyJwk"])
    if "kty" in entry:
        return key_from_jwk(entry)
    raise KeyProblem("has neither publicKeyMultibase nor publicKeyJwk")


def _absolute(ref: str, base: str) -> str:
    return base + ref if ref.startswith("#") else ref


def _from_document(document: Any, method: str, base: str) -> tuple[PublicKey, str | None]:
    """The key ``method`` names in a fetched document, and its controller."""
    if not isinstance(document, Mapping):
        raise KeyProblem(f"{base} is not a JSON object")
    fragment = method.partition("#")[2]
    keys = document.get("keys")
    if isinstance(keys, list):  # a JWKS
        for jwk in keys:
            if isinstance(jwk, Mapping) and jwk.get("kid") in (method, fragment):
                return key_from_jwk(jwk), None
        if len(keys) == 1 and isinstance(keys[0], Mapping) and not fragment:
            return key_from_jwk(keys[0]), None
        raise KeyProblem(f"the JWKS at {base} has no key with kid {fragment or method!r}")
    if document.get("id") == method:
        controller = document.get("controller")
        return _key_of(document), controller if isinstance(controller, str) else None
    found_id = document.get("id")
    doc_id = found_id if isinstance(found_id, str) else base
    methods = document.get("verificationMethod")
    for entry in methods if isinstance(methods, list) else []:
        if isinstance(entry, Mapping) and _absolute(str(entry.get("id", "")), doc_id) == method:
            controller = entry.get("controller")
            assertion = document.get("assertionMethod")
            if isinstance(assertion, list) and not any(
                (
                    _absolute(a, doc_id)
                    if isinstance(a, str)
                    else _absolute(str(a.get("id", "")), doc_id)
                )
                == method
                for a in assertion
                if isinstance(a, str | Mapping)
            ):
                raise KeyProblem(f"{method} is not listed under assertionMethod in {base}")
            return _key_of(entry), controller if isinstance(controller, str) else doc_id
    raise KeyProblem(f"{base} does not list the verification method {method}")


def _pinned_for(method: str | None, pinned: Sequence[PinnedKey]) -> list[PinnedKey]:
    if method is None:
        return list(pinned)
    fragment = method.partition("#")[2]
    by_id = [p for p in pinned if p.id == method]
    if by_id:
        return by_id
    return [p for p in pinned if fragment and p.key.multibase() == fragment]


def _same_host(a: str, b: str) -> bool:
    pa, pb = urlsplit(a), urlsplit(b)
    return pa.scheme == pb.scheme == "https" and bool(pa.hostname) and pa.hostname == pb.hostname


async def find_key(
    method: str | None,
    issuer: str,
    pinned: Sequence[PinnedKey],
    fetcher: Fetcher,
    *,
    header_jwk: Mapping[str, Any] | None = None,
) -> KeyFinding:
    """The key(s) to check a proof with and the ISSUER_KEY check. ``method`` is the proof's
    verificationMethod or the JWT ``kid`` (None when absent); never raises."""
    matches = _pinned_for(method, pinned)
    if matches:
        return KeyFinding(
            tuple(p.key for p in matches),
            _check(Outcome.PASSED, f"{method or 'the key'} is pinned on the issuer's provider"),
        )
    try:
        key, controller, source = await _resolve(method, fetcher, header_jwk)
    except FetchProblem as exc:
        return _none(Outcome.INCONCLUSIVE, f"cannot obtain {method}: {exc}")
    except KeyProblem as exc:
        return _none(Outcome.FAILED, f"{method or 'the key'}: {exc}")
    if key is None:
        hint = "; pin the issuer's key on its provider (Provider.verificationKeys)"
        return _none(Outcome.INCONCLUSIVE, f"{source}{hint}")
    if pinned:
        return KeyFinding(
            (key,),
            _check(
                Outcome.FAILED,
                f"{method or 'the key'} is not one of the {len(pinned)} key(s) pinned on the "
                "issuer's provider",
            ),
        )
    if controller is not None and controller == issuer:
        return KeyFinding(
            (key,), _check(Outcome.PASSED, f"{method} belongs to the issuer ({source})")
        )
    if (
        controller is None
        and method is not None
        and source == "https"
        and _same_host(method, issuer)
    ):
        return KeyFinding(
            (key,), _check(Outcome.PASSED, f"{method} is published on the issuer's host")
        )
    if controller is None:
        return KeyFinding(
            (key,),
            _check(
                Outcome.INCONCLUSIVE,
                f"nothing ties the key from {source} to the issuer {issuer}; pin it on the "
                "issuer's provider to trust it",
            ),
        )
    return KeyFinding(
        (key,),
        _check(
            Outcome.FAILED,
            f"{method} is controlled by {controller}, not by the issuer {issuer}; pin the key "
            "on the issuer's provider if the issuer uses it",
        ),
    )


async def _resolve(
    method: str | None, fetcher: Fetcher, header_jwk: Mapping[str, Any] | None
) -> tuple[PublicKey | None, str | None, str]:
    """(key, its controller, where it came from); key None with a reason as the source when
    there is no way to obtain it."""
    if method is None:
        if header_jwk is not None:
            return key_from_jwk(header_jwk), None, "the token's jwk header"
        return None, None, "the proof names no key (no kid or jwk)"
    if method.startswith("did:key:"):
        return key_from_did_key(method), method.partition("#")[0], "did:key"
    if method.startswith("did:web:"):
        did = method.partition("#")[0]
        document = await fetcher.json(did_web_url(did))
        if isinstance(document, Mapping) and document.get("id") != did:
            raise KeyProblem(
                f"the DID document at {did_web_url(did)} is for {document.get('id')!r}"
            )
        key, controller = _from_document(document, method, did)
        return key, controller or did, "did:web"
    if method.startswith("did:"):
        raise KeyProblem(
            f"DID method {method.split(':')[1]!r} is not supported; use did:key or did:web"
        )
    if urlsplit(method).scheme in ("https", "http"):
        base = method.partition("#")[0]
        document = await fetcher.json(base)
        key, controller = _from_document(document, method, base)
        return key, controller, "https"
    raise KeyProblem(f"{method!r} is neither a DID nor an https URL")
