"""The JSON-LD document loader: bundled contexts only, plus a configured folder of extras.

A context changes what a Data Integrity signature covers, so SkillGraph never fetches one:
the files beside this module (see contexts/README.md) are served for their URLs and every
other URL raises ContextNotAllowed, naming it. Parsed documents are cached per loader, and
pyld caches each resolved (processed) context by URL, so a context is parsed once per process.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

__all__ = ["CONTEXTS", "ContextLoader", "ContextNotAllowed", "default_loader"]

OB3 = "https://purl.imsglobal.org/spec/ob/v3p0"

# URL -> bundled file name.
CONTEXTS: Mapping[str, str] = {
    "https://www.w3.org/ns/credentials/v2": "credentials-v2.jsonld",
    "https://www.w3.org/2018/credentials/v1": "credentials-v1.jsonld",
    "https://w3id.org/security/data-integrity/v1": "data-integrity-v1.jsonld",
    "https://w3id.org/security/data-integrity/v2": "data-integrity-v2.jsonld",
    "https://w3id.org/security/multikey/v1": "multikey-v1.jsonld",
    "https://w3id.org/security/suites/ed25519-2020/v1": "ed25519-2020-v1.jsonld",
    f"{OB3}/context.json": "ob-v3p0-3.0.0.json",
    f"{OB3}/context-3.0.0.json": "ob-v3p0-3.0.0.json",
    f"{OB3}/context-3.0.1.json": "ob-v3p0-3.0.1.json",
    f"{OB3}/context-3.0.2.json": "ob-v3p0-3.0.2.json",
    f"{OB3}/context-3.0.3.json": "ob-v3p0-3.0.3.json",
    f"{OB3}/extensions.json": "ob-v3p0-extensions.json",
}

_MANIFEST = "contexts.json"


class ContextNotAllowed(Exception):
    """A JSON-LD context URL that is neither bundled nor configured."""

    def __init__(self, url: str) -> None:
        self.url = url
        super().__init__(
            f"context {url} is not bundled with SkillGraph and is never fetched; add it to "
            "the folder named by SKILLGRAPH_VERIFY_CONTEXTS_DIR to accept it"
        )


@cache
def _bundled(name: str) -> Any:
    text = resources.files(__package__).joinpath("contexts").joinpath(name).read_text("utf-8")
    return json.loads(text)


def _extra(folder: Path) -> dict[str, Any]:
    """``folder/contexts.json`` maps each URL to a file in ``folder``."""
    manifest = json.loads((folder / _MANIFEST).read_text("utf-8"))
    if not isinstance(manifest, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in manifest.items()
    ):
        raise ValueError(f"{folder / _MANIFEST} must map context URLs to file names")
    return {url: json.loads((folder / name).read_text("utf-8")) for url, name in manifest.items()}


class ContextLoader:
    """A pyld document loader: ``loader(url, options)``. ``extra_dir`` holds a
    ``contexts.json`` mapping more URLs to files beside it (read once, here)."""

    def __init__(self, extra_dir: Path | None = None) -> None:
        self._extra = _extra(extra_dir) if extra_dir is not None else {}

    def document(self, url: str) -> Any:
        if url in self._extra:
            return self._extra[url]
        name = CONTEXTS.get(url)
        if name is None:
            raise ContextNotAllowed(url)
        return _bundled(name)

    def __call__(self, url: str, options: object = None) -> dict[str, Any]:
        return {
            "contextUrl": None,
            "documentUrl": url,
            "document": self.document(url),
            "contentType": "application/ld+json",
            # pyld keeps a resolved remote context in its shared cache only when "static".
            "tag": "static",
        }


@lru_cache(maxsize=1)
def default_loader() -> ContextLoader:
    return ContextLoader()
