"""`skillgraph serve` on a taken port says who holds it instead of uvicorn's bare error."""

from __future__ import annotations

import gc
import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from skillgraph.app import create_app
from skillgraph.server import PortTaken, check_port, graphql_url
from skillgraph.settings import Settings
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


@pytest.mark.parametrize("freeze", [True, False])
async def test_startup_moves_what_it_loaded_out_of_the_collectors_reach(
    settings: Settings, freeze: bool
) -> None:
    """With gc_freeze on, what startup loaded is frozen while the app runs (collections skip
    it) and unfrozen at shutdown; with it off, nothing is frozen."""
    gc.unfreeze()
    app = create_app(settings.model_copy(update={"gc_freeze": freeze, "semantic_stage": False}))
    async with app.router.lifespan_context(app):
        frozen = gc.get_freeze_count()
    assert (frozen > 0) is freeze
    assert gc.get_freeze_count() == 0
