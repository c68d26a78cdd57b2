"""Credential status: W3C Bitstring Status List and the 1EdTech Revocation List.

An entry in a credential (``credentialStatus``) points at a list; a list is a document the
issuer publishes. Bitstring lists are credentials (BitstringStatusListCredential) whose
``encodedList`` is a multibase (``u``, base64url) GZIP bitstring, index 0 being the most
significant bit of the first byte; they must be signed by the credential's issuer. 1EdTech
revocation lists are JSON (``revokedCredential``: ids, optionally with ``revoked`` and
``revocationReason``); they carry no proof of their own, so they are trusted only when an
administrator imports them or they come over HTTPS from the issuer's own allow-listed host.
"""

from __future__ import annotations

import base64
import gzip
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from skillgraph.verification.keys import KeyProblem, b64url_decode

__all__ = [
    "MAX_BITSTRING_BYTES",
    "ListKind",
    "StatusEntry",
    "StatusListDocument",
    "StatusProblem",
    "decode_bitstring",
    "parse_entries",
    "parse_status_list",
]

MAX_BITSTRING_BYTES = 16 * 1024 * 1024
BITSTRING_ENTRY = "BitstringStatusListEntry"
REVOCATION_LIST = "1EdTechRevocationList"


class StatusProblem(ValueError):
    """A malformed status entry or list; the message says what is wrong."""


class ListKind(StrEnum):
    BITSTRING = "BITSTRING"
    REVOCATION_LIST = "REVOCATION_LIST"


@dataclass(frozen=True)
class StatusEntry:
    """One ``credentialStatus`` entry. ``index`` and ``purpose`` are for bitstring lists."""

    kind: ListKind
    list_url: str
    purpose: str
    index: int | None = None


@dataclass(frozen=True)
class StatusListDocument:
    """A parsed status list. For BITSTRING ``bits`` holds the decoded list; for
    REVOCATION_LIST ``revoked`` maps credential ids to their reason ("" when none)."""

    kind: ListKind
    url: str
    issuer: str | None
    purpose: str
    bits: bytes = b""
    revoked: Mapping[str, str] | None = None

    def is_set(self, index: int) -> bool:
        """Bit ``index`` (0 = most significant bit of the first byte). StatusProblem when the
        index is outside the list."""
        if not 0 <= index < len(self.bits) * 8:
            raise StatusProblem(
                f"index {index} is outside the status list ({len(self.bits) * 8} entries)"
            )
        return bool(self.bits[index // 8] & (0x80 >> (index % 8)))


def parse_entries(credential: Mapping[str, Any]) -> tuple[tuple[StatusEntry, ...], tuple[str, ...]]:
    """The supported entries of a credential, and the types it uses that are not supported."""
    raw = credential.get("credentialStatus")
    if raw is None:
        return (), ()
    items = raw if isinstance(raw, list) else [raw]
    entries: list[StatusEntry] = []
    unsupported: list[str] = []
    for item in items:
        if not isinstance(item, Mapping):
            raise StatusProblem("credentialStatus entries are JSON objects")
        kind = item.get("type")
        if kind == BITSTRING_ENTRY:
            url = item.get("statusListCredential")
            purpose = item.get("statusPurpose")
            index = item.get("statusListIndex")
            if not isinstance(url, str) or not url:
                raise StatusProblem("a BitstringStatusListEntry needs statusListCredential")
            if not isinstance(purpose, str) or not purpose:
                raise StatusProblem("a BitstringStatusListEntry needs statusPurpose")
            try:
                position = (
                    int(index)
                    if isinstance(index, int | str) and not isinstance(index, bool)
                    else -1
                )
            except ValueError:
                position = -1
            if position < 0:
                raise StatusProblem(f"statusListIndex {index!r} is not a non-negative integer")
            entries.append(StatusEntry(ListKind.BITSTRING, url, purpose, position))
        elif kind == REVOCATION_LIST:
            url = item.get("id")
            if not isinstance(url, str) or not url:
                raise StatusProblem("a 1EdTechRevocationList entry needs its id (the list's URL)")
            entries.append(
                StatusEntry(ListKind.REVOCATION_LIST, url.partition("#")[0], "revocation")
            )
        else:
            unsupported.append(str(kind))
    return tuple(entries), tuple(unsupported)


def decode_bitstring(encoded: str) -> bytes:
    """The bits of an ``encodedList``: multibase base64url (``u``; a bare base64url value, as
    in the older StatusList2021, is accepted too) of GZIP data, at most MAX_BITSTRING_BYTES
    once decompressed."""
    if not isinstance(encoded, str) or not encoded:
        raise StatusProblem("encodedList is missing")
    try:
        compressed = b64url_decode(encoded[1:] if encoded.startswith("u") else encoded)
    except KeyProblem:
        raise StatusProblem("encodedList is not base64url") from None
    decompressor = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        bits = decompressor.decompress(compressed, MAX_BITSTRING_BYTES + 1)
    except zlib.error:
        raise StatusProblem("encodedList is not GZIP data") from None
    if not bits:
        raise StatusProblem("encodedList is empty")
    if len(bits) > MAX_BITSTRING_BYTES or decompressor.unconsumed_tail:
        raise StatusProblem(f"encodedList expands beyond {MAX_BITSTRING_BYTES} bytes")
    return bits


def encode_bitstring(bits: bytes) -> str:
    """The ``encodedList`` of ``bits`` (for issuers and tests)."""
    return "u" + base64.urlsafe_b64encode(gzip.compress(bits)).rstrip(b"=").decode()


def _issuer_id(document: Mapping[str, Any]) -> str | None:
    issuer = document.get("issuer")
    if isinstance(issuer, Mapping):
        issuer = issuer.get("id")
    return issuer if isinstance(issuer, str) else None


def parse_status_list(document: Any, url: str | None = None) -> StatusListDocument:
    """Reads a BitstringStatusListCredential or a 1EdTech revocation list. ``url`` defaults
    to the document's id. Raises StatusProblem."""
    if not isinstance(document, Mapping):
        raise StatusProblem("a status list is a JSON object")
    doc_id = document.get("id")
    list_url = url or (doc_id if isinstance(doc_id, str) else None)
    if not list_url:
        raise StatusProblem("the status list has no id; give its URL")
    types = document.get("type")
    types = [types] if isinstance(types, str) else types if isinstance(types, list) else []
    if "BitstringStatusListCredential" in types:
        subject = document.get("credentialSubject")
        if not isinstance(subject, Mapping):
            raise StatusProblem("a BitstringStatusListCredential needs a credentialSubject")
        purpose = subject.get("statusPurpose")
        purpose = purpose[0] if isinstance(purpose, list) and len(purpose) == 1 else purpose
        if not isinstance(purpose, str):
            raise StatusProblem("the status list needs one statusPurpose")
        size = subject.get("statusSize", 1)
        if size != 1:
            raise StatusProblem(f"statusSize {size!r} is not supported (only 1-bit lists)")
        bits = decode_bitstring(subject.get("encodedList"))  # type: ignore[arg-type]
        return StatusListDocument(
            ListKind.BITSTRING, list_url, _issuer_id(document), purpose, bits=bits
        )
    listed = document.get("revokedCredential", document.get("revokedCredentials"))
    if isinstance(listed, list):
        revoked: dict[str, str] = {}
        for item in listed:
            if isinstance(item, str):
                revoked[item] = ""
            elif isinstance(item, Mapping) and isinstance(item.get("id"), str):
                if item.get("revoked", True) is not False:
                    reason = item.get("revocationReason")
                    revoked[item["id"]] = reason if isinstance(reason, str) else ""
            else:
                raise StatusProblem("revokedCredential items are ids or objects with an id")
        return StatusListDocument(
            ListKind.REVOCATION_LIST, list_url, _issuer_id(document), "revocation", revoked=revoked
        )
    raise StatusProblem(
        "not a status list: expected a BitstringStatusListCredential or a 1EdTech revocation "
        "list (revokedCredential)"
    )
