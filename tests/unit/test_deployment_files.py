"""docker compose cannot run here (no Docker engine); keep its files honest by reading them."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

import yaml

from skillgraph.settings import REPO_ROOT, Settings

SETTINGS = {f"SKILLGRAPH_{name.upper()}" for name in Settings.model_fields}


def compose() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((REPO_ROOT / "docker-compose.yml").read_text())
    return data


def dockerfile() -> str:
    return (REPO_ROOT / "Dockerfile").read_text()


def test_neo4j_service_is_the_5_26_community_image_with_health_and_volume() -> None:
    neo4j = compose()["services"]["neo4j"]
    assert neo4j["image"] == "neo4j:5.26-community"
    assert "healthcheck" in neo4j
    assert any(v.endswith(":/data") for v in neo4j["volumes"])


def test_neo4j_is_published_on_loopback_only() -> None:
    # Its password has a default for try-outs, so Bolt must not face the network.
    ports = compose()["services"]["neo4j"].get("ports", [])
    assert all(str(p).startswith("127.0.0.1:") for p in ports), ports


def test_long_running_services_restart_and_the_one_shot_does_not() -> None:
    services = compose()["services"]
    assert services["neo4j"]["restart"] == "unless-stopped"
    assert services["api"]["restart"] == "unless-stopped"
    assert services["demo-data"]["restart"] == "no"


def test_api_environment_names_are_real_settings_and_point_at_the_neo4j_service() -> None:
    api = compose()["services"]["api"]
    env: dict[str, str] = api["environment"]
    assert set(env) <= SETTINGS, set(env) - SETTINGS
    uri = urlsplit(env["SKILLGRAPH_NEO4J_URI"])
    assert uri.hostname == "neo4j"
    assert uri.port == 7687
    assert f"{env['SKILLGRAPH_PORT']}:{env['SKILLGRAPH_PORT']}" in api["ports"]
    assert api["depends_on"]["neo4j"]["condition"] == "service_healthy"
    assert "/readyz" in " ".join(api["healthcheck"]["test"])


def test_the_api_runs_in_prod_mode_unless_asked_otherwise() -> None:
    env = compose()["services"]["api"]["environment"]
    assert env["SKILLGRAPH_ENVIRONMENT"] == "${SKILLGRAPH_ENVIRONMENT:-prod}"
    assert "SKILLGRAPH_ENVIRONMENT=prod" in dockerfile()


def test_compose_loads_the_demo_data_into_an_empty_graph_before_the_api_starts() -> None:
    services = compose()["services"]
    demo = services["demo-data"]
    command = " ".join(demo["command"])
    assert "skillgraph db migrate" in command
    assert "skillgraph seed demo --if-empty" in command
    assert set(demo["environment"]) <= SETTINGS
    assert demo["environment"]["SKILLGRAPH_NEO4J_URI"] == "bolt://neo4j:7687"
    assert demo["depends_on"]["neo4j"]["condition"] == "service_healthy"
    assert services["api"]["depends_on"]["demo-data"]["condition"] == (
        "service_completed_successfully"
    )
    assert demo["image"] == services["api"]["image"]


def test_passwords_agree_between_neo4j_and_its_clients() -> None:
    services = compose()["services"]
    auth = services["neo4j"]["environment"]["NEO4J_AUTH"]
    for client in ("api", "demo-data"):
        assert auth == "neo4j/" + services[client]["environment"]["SKILLGRAPH_NEO4J_PASSWORD"]


def test_dockerfile_ships_the_cypher_folder_and_exposes_the_port() -> None:
    text = dockerfile()
    # src/skillgraph/cypher links to ../../cypher, which must be in the build.
    assert (REPO_ROOT / "src" / "skillgraph" / "cypher").resolve() == REPO_ROOT / "cypher"
    assert "COPY cypher ./cypher" in text
    assert "COPY src ./src" in text
    port = compose()["services"]["api"]["environment"]["SKILLGRAPH_PORT"]
    assert re.search(rf"^EXPOSE {port}$", text, re.MULTILINE)
    assert set(re.findall(r"(SKILLGRAPH_[A-Z_]+)=", text)) <= SETTINGS


def test_dockerignore_keeps_local_state_out_of_the_build() -> None:
    ignored = {
        line.strip()
        for line in (REPO_ROOT / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    }
    assert {".git", ".venv", ".data", ".env", "tools/neo4j-local/target"} <= ignored
    # Nothing the Dockerfile copies is ignored.
    copied = set(re.findall(r"^COPY (\S+)", dockerfile(), re.MULTILINE))
    assert not copied & ignored


def test_the_image_has_the_embedding_model_of_skill_extraction() -> None:
    assert "pip install --no-cache-dir '.[semantic]'" in dockerfile()
