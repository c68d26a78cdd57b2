"""API key tokens: ``sgk_<16 hex id>.<secret>``; the id finds the stored record, the
secret is checked against its SHA-256 in constant time."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

__all__ = ["KeyToken", "hash_secret", "new_token", "parse_token", "secret_matches"]

_TOKEN = re.compile(r"^sgk_([0-9a-f]{16})\.([A-Za-z0-9_-]{32,128})$")


@dataclass(frozen=True)
class KeyToken:
    key_id: str
    secret: str

    def __str__(self) -> str:
        return f"sgk_{self.key_id}.{self.secret}"


def new_token() -> KeyToken:
    return KeyToken(key_id=secrets.token_hex(8), secret=secrets.token_urlsafe(32))


def parse_token(text: str) -> KeyToken | None:
    """The token, or None when ``text`` does not look like a SkillGraph API key."""
    match = _TOKEN.match(text)
    return KeyToken(match.group(1), match.group(2)) if match else None


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def secret_matches(secret: str, stored_hash: str) -> bool:
    return hmac.compare_digest(hash_secret(secret), stored_hash)
