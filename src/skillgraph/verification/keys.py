"""Public keys from Multikey (``publicKeyMultibase``), ``did:key`` and JWK, and signature checks.

Multibase: only base58-btc (``z`` prefix) is accepted, as Multikey and did:key require.
Multicodec prefixes (unsigned varints): ed25519-pub 0xed, p256-pub 0x1200, p384-pub 0x1201;
EC keys are compressed points. JWK: OKP/Ed25519, EC P-256/P-384, RSA (public members only;
a private member ``d`` is refused). The cryptography package does every check.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import base58
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

__all__ = [
    "KeyProblem",
    "PublicKey",
    "b64url_decode",
    "decode_multibase",
    "did_key",
    "key_from_did_key",
    "key_from_jwk",
    "key_from_multibase",
    "read_varint",
]

_ED25519 = 0xED
_P256 = 0x1200
_P384 = 0x1201
_CURVES: dict[int, ec.EllipticCurve] = {_P256: ec.SECP256R1(), _P384: ec.SECP384R1()}
_JWK_CURVES: dict[str, ec.EllipticCurve] = {"P-256": ec.SECP256R1(), "P-384": ec.SECP384R1()}
_CODECS = {"ed25519": _ED25519, "secp256r1": _P256, "secp384r1": _P384}


class KeyProblem(ValueError):
    """A key that cannot be decoded; the message says what is wrong."""


def read_varint(data: bytes) -> tuple[int, int]:
    """An unsigned LEB128 varint at the start of ``data``: (value, bytes read). At most 9
    bytes, minimal encoding only (multiformats' rules)."""
    value = 0
    for i, byte in enumerate(data[:9]):
        value |= (byte & 0x7F) << (7 * i)
        if not byte & 0x80:
            if byte == 0 and i > 0:
                raise KeyProblem("the multicodec prefix is not minimally encoded")
            return value, i + 1
    raise KeyProblem("the multicodec prefix is truncated")


def _varint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def decode_multibase(value: str) -> bytes:
    """Bytes of a base58-btc multibase string (``z...``)."""
    if not isinstance(value, str) or not value.startswith("z") or len(value) < 2:
        raise KeyProblem("expected a base58-btc multibase value starting with 'z'")
    try:
        return base58.b58decode(value[1:])
    except ValueError:
        raise KeyProblem("is not valid base58-btc") from None


def b64url_decode(value: str) -> bytes:
    """Unpadded (or padded) base64url, strictly."""
    if not isinstance(value, str):
        raise KeyProblem("expected a base64url string")
    try:
        return base64.b64decode(value + "=" * (-len(value) % 4), altchars=b"-_", validate=True)
    except (ValueError, TypeError):
        raise KeyProblem("is not valid base64url") from None


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


PublicKeyTypes = ed25519.Ed25519PublicKey | ec.EllipticCurvePublicKey | rsa.RSAPublicKey


@dataclass(frozen=True)
class PublicKey:
    """A verification key. ``fingerprint`` (``sha256:<hex>`` of the DER SubjectPublicKeyInfo)
    identifies the key material whatever its encoding."""

    key: PublicKeyTypes

    @property
    def kind(self) -> str:
        if isinstance(self.key, ed25519.Ed25519PublicKey):
            return "Ed25519"
        if isinstance(self.key, ec.EllipticCurvePublicKey):
            return "P-256" if self.key.curve.name == "secp256r1" else "P-384"
        return f"RSA-{self.key.key_size}"

    @property
    def fingerprint(self) -> str:
        der = self.key.public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
        return "sha256:" + hashlib.sha256(der).hexdigest()

    def multibase(self) -> str | None:
        """The Multikey ``publicKeyMultibase``; None for RSA (no Multikey form)."""
        if isinstance(self.key, ed25519.Ed25519PublicKey):
            raw = self.key.public_bytes(Encoding.Raw, PublicFormat.Raw)
            return "z" + base58.b58encode(_varint(_ED25519) + raw).decode()
        if isinstance(self.key, ec.EllipticCurvePublicKey):
            code = _CODECS[self.key.curve.name]
            raw = self.key.public_bytes(Encoding.X962, PublicFormat.CompressedPoint)
            return "z" + base58.b58encode(_varint(code) + raw).decode()
        return None

    def jwk(self) -> dict[str, Any]:
        if isinstance(self.key, ed25519.Ed25519PublicKey):
            raw = self.key.public_bytes(Encoding.Raw, PublicFormat.Raw)
            return {"kty": "OKP", "crv": "Ed25519", "x": _b64url(raw)}
        if isinstance(self.key, ec.EllipticCurvePublicKey):
            numbers = self.key.public_numbers()
            size = (self.key.curve.key_size + 7) // 8
            return {
                "kty": "EC",
                "crv": "P-256" if size == 32 else "P-384",
                "x": _b64url(numbers.x.to_bytes(size, "big")),
                "y": _b64url(numbers.y.to_bytes(size, "big")),
            }
        rsa_numbers = self.key.public_numbers()
        return {
            "kty": "RSA",
            "n": _b64url(rsa_numbers.n.to_bytes((rsa_numbers.n.bit_length() + 7) // 8, "big")),
            "e": _b64url(rsa_numbers.e.to_bytes((rsa_numbers.e.bit_length() + 7) // 8, "big")),
        }

    def verify_ed25519(self, signature: bytes, data: bytes) -> bool:
        if not isinstance(self.key, ed25519.Ed25519PublicKey):
            return False
        try:
            self.key.verify(signature, data)
        except InvalidSignature:
            return False
        return True


def key_from_multibase(value: str) -> PublicKey:
    """A Multikey ``publicKeyMultibase`` (Ed25519, P-256 or P-384)."""
    data = decode_multibase(value)
    code, used = read_varint(data)
    raw = data[used:]
    if code == _ED25519:
        if len(raw) != 32:
            raise KeyProblem(f"an Ed25519 key has 32 bytes, got {len(raw)}")
        return PublicKey(ed25519.Ed25519PublicKey.from_public_bytes(raw))
    curve = _CURVES.get(code)
    if curve is None:
        raise KeyProblem(f"multicodec 0x{code:x} is not a supported public key type")
    try:
        return PublicKey(ec.EllipticCurvePublicKey.from_encoded_point(curve, raw))
    except ValueError:
        raise KeyProblem("is not a valid compressed elliptic-curve point") from None


def did_key(key: PublicKey) -> str:
    """The ``did:key`` of an Ed25519 or EC key."""
    value = key.multibase()
    if value is None:
        raise KeyProblem("RSA keys have no did:key form here")
    return f"did:key:{value}"


def key_from_did_key(did_url: str) -> PublicKey:
    """The key of ``did:key:z...`` (with or without a ``#fragment``). When a fragment is
    given it must be the same multibase value, as did:key defines."""
    did, _, fragment = did_url.partition("#")
    if not did.startswith("did:key:"):
        raise KeyProblem(f"{did_url!r} is not a did:key")
    value = did.removeprefix("did:key:")
    if fragment and fragment != value:
        raise KeyProblem(f"the fragment of {did_url!r} must repeat the key, #{value}")
    return key_from_multibase(value)


def _int(value: Any, name: str) -> int:
    return int.from_bytes(b64url_decode(value), "big") if value else _missing(name)


def _missing(name: str) -> int:
    raise KeyProblem(f"the JWK has no {name!r}")


def key_from_jwk(jwk: Mapping[str, Any]) -> PublicKey:
    """A public JWK. Private JWKs (with ``d``) are refused, never used."""
    if not isinstance(jwk, Mapping):
        raise KeyProblem("a JWK is a JSON object")
    if "d" in jwk:
        raise KeyProblem("the JWK holds a private key ('d'); give only the public key")
    kty = jwk.get("kty")
    try:
        if kty == "OKP" and jwk.get("crv") == "Ed25519":
            raw = b64url_decode(jwk.get("x") or "")
            if len(raw) != 32:
                raise KeyProblem("an Ed25519 JWK has a 32-byte 'x'")
            return PublicKey(ed25519.Ed25519PublicKey.from_public_bytes(raw))
        if kty == "EC":
            curve = _JWK_CURVES.get(str(jwk.get("crv")))
            if curve is None:
                raise KeyProblem(
                    f"EC curve {jwk.get('crv')!r} is not supported; use P-256 or P-384"
                )
            numbers = ec.EllipticCurvePublicNumbers(
                _int(jwk.get("x"), "x"), _int(jwk.get("y"), "y"), curve
            )
            return PublicKey(numbers.public_key())
        if kty == "RSA":
            numbers_rsa = rsa.RSAPublicNumbers(_int(jwk.get("e"), "e"), _int(jwk.get("n"), "n"))
            key = numbers_rsa.public_key()
            if key.key_size < 2048:
                raise KeyProblem(f"RSA keys need at least 2048 bits, got {key.key_size}")
            return PublicKey(key)
    except ValueError as exc:
        if isinstance(exc, KeyProblem):
            raise
        raise KeyProblem(f"is not a valid {kty} public key") from None
    raise KeyProblem(
        f"JWK kty {kty!r} (crv {jwk.get('crv')!r}) is not supported; use OKP/Ed25519, EC or RSA"
    )
