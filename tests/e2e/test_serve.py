"""`skillgraph serve` on a taken port says who holds it instead of uvicorn's bare error."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from skillgraph.server import PortTaken, check_port, graphql_url
from tests.e2e.conftest import RunningServer

SKILLGRAPH = str(Path(sys.executable).with_name("skillgraph"))


def test_a_running_skillgraph_is_named_with_its_graphql_url(server: RunningServer) -> None:
    port = urlsplit(server.url).port
    assert port is not None
    result = subprocess.run(
        [SKILLGRAPH, "serve", "--port", str(port)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1
    assert f"SkillGraph is already running at {server.url}/graphql" in result.stderr
    assert "Traceback" not in result.stderr


def test_another_program_on_the_port_is_reported_as_such() -> None:
    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        port = other.getsockname()[1]
        with pytest.raises(PortTaken, match="in use by another program; set SKILLGRAPH_PORT"):
            check_port("127.0.0.1", port)


def test_the_printed_address_is_the_graphql_endpoint() -> None:
    assert graphql_url("0.0.0.0", 8000) == "http://127.0.0.1:8000/graphql"
    assert graphql_url("::1", 8080) == "http://[::1]:8080/graphql"
