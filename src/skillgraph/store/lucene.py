"""Safe full-text queries from any user text."""

from __future__ import annotations

import re

__all__ = ["MAX_TEXT", "fulltext_query"]

MAX_TEXT = 200
_SPECIAL = re.compile(r'([+\-&|!(){}\[\]^"~*?:\\/])')
_BOOLEAN_WORDS = {"AND", "OR", "NOT", "TO"}


def fulltext_query(text: str) -> str | None:
    """A Lucene query matching every word of ``text``, the last one also as a prefix
    (type-ahead). Every special character is escaped, so the text is never Lucene syntax.
    Returns None when ``text`` has no searchable characters."""
    words = [_escape(w) for w in text.split()]
    words = [w for w in words if w]
    if not words:
        return None
    *head, last = words
    parts = [f"{w}" for w in head]
    parts.append(f"({last} OR {last}*)")
    return " AND ".join(parts)


def _escape(word: str) -> str:
    escaped = _SPECIAL.sub(r"\\\1", word)
    # Lucene's boolean keywords are only operators in upper case; lower-case them.
    return escaped.lower() if escaped in _BOOLEAN_WORDS else escaped
