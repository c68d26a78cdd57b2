from __future__ import annotations

import re
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

__all__ = [
    "PACKAGE_DIR",
    "REPO_ROOT",
    "AnonymousAccess",
    "Environment",
    "LogFormat",
    "Settings",
    "Tracing",
    "get_settings",
    "in_checkout",
]

PACKAGE_DIR = Path(__file__).resolve().parent
# The source checkout (pyproject.toml, tools/, schema.graphql); meaningless in an installed wheel.
REPO_ROOT = PACKAGE_DIR.parents[1]


class Environment(StrEnum):
    DEV = "dev"
    PROD = "prod"


class AnonymousAccess(StrEnum):
    CATALOGUE = "catalogue"
    NONE = "none"


class LogFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


class Tracing(StrEnum):
    OFF = "off"
    OTLP = "otlp"  # OpenTelemetry's OTLP/HTTP exporter, configured by the OTEL_* variables
    CONSOLE = "console"  # spans printed to stderr, for trying it out


# An origin as browsers send it: scheme, host, optional port; no path.
_ORIGIN = re.compile(r"^https?://[^/\s:]+(:\d{1,5})?$|^https?://\[[0-9a-fA-F:]+\](:\d{1,5})?$")
# Dev default: front-end dev servers on this machine, any port.
DEV_CORS_REGEX = r"^https?://(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$"


class Settings(BaseSettings):
    """All configuration, read from ``SKILLGRAPH_*`` environment variables (or a ``.env`` file)."""

    model_config = SettingsConfigDict(env_prefix="SKILLGRAPH_", env_file=".env", extra="ignore")

    environment: Environment = Field(Environment.DEV, description="dev or prod")
    host: str = Field("127.0.0.1", description="Address the API listens on")
    port: int = Field(8000, ge=1, le=65535, description="Port the API listens on")

    neo4j_uri: str = Field("bolt://127.0.0.1:7687", description="Bolt or neo4j:// URI")
    neo4j_user: str = Field("neo4j", description="Neo4j user")
    neo4j_password: str = Field("skillgraph", description="Neo4j password")
    neo4j_database: str = Field("neo4j", description="Neo4j database name")
    neo4j_connect_timeout_s: float = Field(5.0, gt=0, description="Driver connection timeout")
    neo4j_acquire_timeout_s: float = Field(5.0, gt=0, description="Pool acquisition timeout")
    neo4j_retry_time_s: float = Field(
        3.0, ge=0, description="How long managed transactions retry transient errors"
    )

    # The local embedded Neo4j started by `skillgraph db start` (tools/neo4j-local).
    neo4j_home: Path = Field(Path(".data/neo4j"), description="Home/data dir of the local Neo4j")
    neo4j_heap: str = Field("1g", description="JVM heap (-Xmx) of the local Neo4j")
    neo4j_pagecache_mb: int = Field(512, ge=16, description="Page cache of the local Neo4j, MiB")
    neo4j_tx_timeout_s: int = Field(60, ge=1, description="Transaction timeout of the local Neo4j")
    neo4j_start_timeout_s: float = Field(120.0, gt=0, description="How long `db start` waits")

    anonymous_access: AnonymousAccess = Field(
        AnonymousAccess.CATALOGUE, description="catalogue (read-only) or none"
    )
    jwt_secret: str | None = Field(None, description="HMAC secret; enables JWTs (HS256)")
    jwt_public_key: str | None = Field(None, description="PEM public key; enables JWTs")
    jwt_algorithms: list[str] = Field(
        default_factory=list, description="Allowed algorithms; default HS256 or RS256/ES256"
    )
    jwt_issuer: str | None = Field(None, description="Required `iss` of JWTs")
    jwt_audience: str | None = Field(None, description="Required `aud` of JWTs")
    rate_limit_per_minute: int = Field(600, ge=1, description="Sustained requests per principal")
    rate_limit_burst: int = Field(60, ge=1, description="Requests a principal may burst")
    gc_freeze: bool = Field(
        True,
        description="After startup, move everything loaded so far out of the garbage "
        "collector's generations (gc.freeze; undone at shutdown): collections then skip the "
        "schema, the model and the catalogue, which halves the CPU of shaping a large read.",
    )
    api_key_cache_s: float = Field(
        1.0,
        ge=0,
        le=60,
        description="How long an API process reuses a key lookup; `keys revoke` waits this long",
    )
    cursor_secret: str | None = Field(
        None, description="HMAC key of pagination cursors; default: derived from the Neo4j settings"
    )
    auth_failures_per_minute: int = Field(
        30, ge=1, description="Sustained failed authentications per client address"
    )
    auth_failure_burst: int = Field(
        10, ge=1, description="Failed authentications a client address may burst"
    )
    idempotency_ttl_hours: int = Field(24, ge=1, description="How long Idempotency-Key replays")

    extract_max_chars: int = Field(
        20_000, ge=100, description="Longest text extractSkills reads (BAD_USER_INPUT beyond)"
    )
    semantic_stage: bool = Field(True, description="Run the embedding model when installed")
    embedding_model_path: Path | None = Field(
        None, description="ONNX sentence encoder to use instead of the packaged one"
    )
    embedding_model_sha256: str | None = Field(
        None, description="sha256 of embedding_model_path (required with it)"
    )
    embedding_threads: int = Field(1, ge=1, le=64, description="onnxruntime threads per call")

    cors_origins: Annotated[list[str] | None, NoDecode] = Field(
        None,
        description="Comma-separated origins allowed to call the API from a browser, or *; "
        "unset: localhost origins in dev, none in prod",
    )
    metrics_token: str | None = Field(
        None, description="Bearer token /metrics requires; unset: loopback clients only"
    )
    tracing: Tracing = Field(Tracing.OFF, description="off, otlp or console")
    log_format: LogFormat = Field(LogFormat.TEXT, description="text or json (one object a line)")

    # The package's cypher/ (in a checkout, a link to the top-level cypher/ folder; in a
    # wheel, its copy), so an installed package finds its queries wherever it runs.
    cypher_dir: Path = Field(PACKAGE_DIR / "cypher", description="Folder of the .cypher files")

    default_page_size: int = Field(20, ge=1, le=100, description="`first` when not given")
    max_page_size: int = Field(100, ge=1, le=1000, description="Largest `first` accepted")
    max_list_items: int = Field(250, ge=1, description="Most items in any list argument")
    # 15: the standard introspection query (GraphiQL's) is 15 levels deep, and it is counted.
    max_depth: int = Field(15, ge=2, description="Deepest selection nesting (introspection too)")
    max_aliases: int = Field(15, ge=0, description="Most aliases in one document")
    max_tokens: int = Field(2000, ge=50, description="Most lexical tokens in one document")
    max_cost: int = Field(50_000, ge=1, description="Most objects a query may ask for")
    max_body_bytes: int = Field(1_048_576, ge=1024, description="Largest request body (413)")
    request_timeout_s: float = Field(10.0, gt=0, description="Per request; ends Neo4j work too")
    compiled_reads: bool = Field(
        True, description="Answer catalogue reads with one compiled Cypher query per root field"
    )
    solver_workers: int = Field(2, ge=1, le=64, description="Plans solved at once per process")
    solver_queue: int = Field(64, ge=0, description="Plans that may wait for a solver worker")
    plan_cost: int = Field(1000, ge=1, description="Cost of one plan in the query-cost analysis")

    # Verifying Open Badges: nothing is fetched unless verify_fetch is on, and then only https
    # from the allow-listed hosts.
    verify_fetch: bool = Field(False, description="Fetch did:web documents, JWKS, status lists")
    verify_allowed_hosts: str = Field(
        "", description="Comma-separated hosts fetched from; *.example.org allows subdomains"
    )
    verify_fetch_timeout_s: float = Field(5.0, gt=0, le=60, description="Per fetched document")
    verify_cache_ttl_s: float = Field(
        3600.0, ge=0, description="How long fetched documents are reused"
    )
    verify_contexts_dir: Path | None = Field(
        None, description="Extra JSON-LD contexts: a folder with contexts.json (URL -> file)"
    )
    verify_max_document_bytes: int = Field(
        1_048_576, ge=1024, description="Largest badge, status list or fetched document verified"
    )

    @field_validator("jwt_algorithms")
    @classmethod
    def _no_none_algorithm(cls, value: list[str]) -> list[str]:
        if any(a.lower() == "none" for a in value):
            raise ValueError("the 'none' algorithm is never allowed")
        return value

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _split_origins(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @field_validator("cors_origins")
    @classmethod
    def _check_origins(cls, value: list[str] | None) -> list[str] | None:
        for origin in value or []:
            if origin != "*" and not _ORIGIN.match(origin):
                raise ValueError(
                    f"{origin!r} is not an origin; expected e.g. https://app.example.org or "
                    "http://localhost:5173 (scheme, host and port, no path), or *"
                )
        return value

    @field_validator("neo4j_uri")
    @classmethod
    def _check_uri(cls, value: str) -> str:
        parts = urlsplit(value)
        allowed = {"bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc"}
        if parts.scheme not in allowed or not parts.hostname:
            raise ValueError(f"expected e.g. bolt://127.0.0.1:7687, got {value!r}")
        return value

    @property
    def verify_allowed_host_set(self) -> frozenset[str]:
        return frozenset(
            h.strip().lower().rstrip(".") for h in self.verify_allowed_hosts.split(",") if h.strip()
        )

    @property
    def cors_allowed(self) -> tuple[list[str], str | None]:
        """(origins, origin regex) the API answers cross-origin requests from."""
        if self.cors_origins is not None:
            return self.cors_origins, None
        if self.environment is Environment.DEV:
            return [], DEV_CORS_REGEX
        return [], None

    @property
    def neo4j_host(self) -> str:
        return urlsplit(self.neo4j_uri).hostname or "127.0.0.1"

    @property
    def neo4j_port(self) -> int:
        return urlsplit(self.neo4j_uri).port or 7687


def in_checkout() -> bool:
    """Whether the package runs from a source checkout (an editable install) rather than a
    wheel: only a checkout has the Neo4j launcher in tools/ and the committed schema."""
    return (REPO_ROOT / "pyproject.toml").is_file() and (REPO_ROOT / "tools").is_dir()


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
