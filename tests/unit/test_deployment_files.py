"""docker compose cannot run here (no Docker engine); keep its files honest by reading them."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

import yaml

from skillgraph.settings import REPO_ROOT, Settings


def compose() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((REPO_ROOT / "docker-compose.yml").read_text())
    return data


def test_neo4j_service_is_the_5_26_community_image_with_health_and_volume() -> None:
    neo4j = compose()["services"]["neo4j"]
    assert neo4j["image"] == "neo4j:5.26-community"
    assert "healthcheck" in neo4j
    assert any(v.endswith(":/data") for v in neo4j["volumes"])
    assert "7687:7687" in neo4j["ports"]


def test_api_environment_names_are_real_settings_and_point_at_the_neo4j_service() -> None:
    api = compose()["services"]["api"]
    env: dict[str, str] = api["environment"]
    fields = {f"SKILLGRAPH_{name.upper()}" for name in Settings.model_fields}
    assert set(env) <= fields, set(env) - fields
    uri = urlsplit(env["SKILLGRAPH_NEO4J_URI"])
    assert uri.hostname == "neo4j"
    assert uri.port == 7687
    assert f"{env['SKILLGRAPH_PORT']}:{env['SKILLGRAPH_PORT']}" in api["ports"]
    assert api["depends_on"]["neo4j"]["condition"] == "service_healthy"
    assert "/readyz" in " ".join(api["healthcheck"]["test"])


def test_passwords_agree_between_neo4j_and_the_api() -> None:
    services = compose()["services"]
    auth = services["neo4j"]["environment"]["NEO4J_AUTH"]
    assert auth == "neo4j/" + services["api"]["environment"]["SKILLGRAPH_NEO4J_PASSWORD"]


def test_dockerfile_ships_the_cypher_folder_and_exposes_the_port() -> None:
    dockerfile = (REPO_ROOT / "Dockerfile").read_text()
    assert "COPY cypher ./cypher" in dockerfile
    assert "SKILLGRAPH_CYPHER_DIR=/app/cypher" in dockerfile
    port = compose()["services"]["api"]["environment"]["SKILLGRAPH_PORT"]
    assert re.search(rf"^EXPOSE {port}$", dockerfile, re.MULTILINE)
    env_names = set(re.findall(r"(SKILLGRAPH_[A-Z_]+)=", dockerfile))
    assert env_names <= {f"SKILLGRAPH_{name.upper()}" for name in Settings.model_fields}
