"""`skillgraph serve` with SKILLGRAPH_LOG_FORMAT=json: every line one JSON object, requests'
lines with their id, no query strings (they can carry GraphQL variables)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx

from skillgraph.settings import Settings
from tests.ports import free_port

SKILLGRAPH = str(Path(sys.executable).with_name("skillgraph"))
SECRET = "grace.secret@example.org"


def serve_and_call(settings: Settings, tmp_path: Path, log_format: str) -> list[str]:
    port = free_port()
    env = {
        **os.environ,
        "SKILLGRAPH_NEO4J_URI": settings.neo4j_uri,
        "SKILLGRAPH_LOG_FORMAT": log_format,
        "SKILLGRAPH_PORT": str(port),
    }
    log = tmp_path / "out.log"
    with log.open("w") as out:
        server = subprocess.Popen([SKILLGRAPH, "serve"], env=env, stdout=out, stderr=out)
    url = f"http://127.0.0.1:{port}"
    variables = json.dumps({"e": SECRET})
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"{url}/healthz", timeout=2)
                break
            except httpx.TransportError:
                assert server.poll() is None, log.read_text()
                assert time.monotonic() < deadline
                time.sleep(0.1)
        response = httpx.get(
            f"{url}/graphql",
            params={
                "query": "query Q($e: String) { __typename }",
                "variables": variables,
            },
            headers={"x-request-id": "log-check-1"},
            timeout=10,
        )
        assert response.status_code == 200
    finally:
        server.terminate()
        server.wait(timeout=30)
    return [line for line in log.read_text().splitlines() if line.strip()]


def test_json_logs_carry_the_request_id_and_no_query_string(
    settings: Settings, tmp_path: Path
) -> None:
    lines = serve_and_call(settings, tmp_path, "json")
    records: list[dict[str, Any]] = [json.loads(line) for line in lines]  # each line is JSON
    assert all({"time", "level", "logger", "message"} <= r.keys() for r in records)
    banner = [r for r in records if "SkillGraph GraphQL API" in r["message"]]
    assert banner
    assert banner[0]["message"].startswith("SkillGraph GraphQL API: http://127.0.0.1:")
    (access,) = [r for r in records if r["logger"] == "uvicorn.access" and r["path"] == "/graphql"]
    assert access["request_id"] == "log-check-1"
    assert (access["method"], access["path"], access["status"]) == ("GET", "/graphql", 200)
    assert SECRET not in "\n".join(lines)


def test_text_logs_stay_plain(settings: Settings, tmp_path: Path) -> None:
    lines = serve_and_call(settings, tmp_path, "text")
    assert any("SkillGraph GraphQL API: http://127.0.0.1:" in line for line in lines)
    assert not any(line.startswith("{") for line in lines)
