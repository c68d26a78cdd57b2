"""``skillgraph serve``: uvicorn around ``create_app``, with a clear word when the port is taken
and the GraphQL address printed once the server listens."""

from __future__ import annotations

import json
import logging
import logging.config
import os
import socket
import tempfile
import urllib.request
from typing import Any

import uvicorn

from skillgraph.observability.logs import log_config
from skillgraph.settings import Environment, Settings

__all__ = ["PortTaken", "check_port", "graphql_url", "serve"]

_WILDCARDS = {"0.0.0.0", "::", ""}


class PortTaken(RuntimeError):
    """The address is in use; the message says by what, and what to do."""


def graphql_url(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in _WILDCARDS else host
    shown = f"[{shown}]" if ":" in shown else shown
    return f"http://{shown}:{port}/graphql"


def check_port(host: str, port: int) -> None:
    """Raise PortTaken when nothing can listen on ``host:port``, saying whether SkillGraph
    itself already answers there."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
        try:
            probe.bind((host, port))
            return
        except OSError:
            pass
    url = graphql_url(host, port)
    if _is_skillgraph(url.removesuffix("/graphql") + "/healthz"):
        raise PortTaken(
            f"SkillGraph is already running at {url}: use that one, stop it (Ctrl-C in its "
            f"terminal), or start another on a free port, e.g. SKILLGRAPH_PORT={port + 1}"
        )
    raise PortTaken(
        f"{host}:{port} is already in use by another program; set SKILLGRAPH_PORT (or --port) "
        "to a free port"
    )


def _is_skillgraph(healthz: str) -> bool:
    try:
        with urllib.request.urlopen(healthz, timeout=2) as response:
            body: Any = json.loads(response.read())
    except (OSError, ValueError):
        return False
    return isinstance(body, dict) and body.get("service") == "skillgraph"


log = logging.getLogger("skillgraph.server")


class _Server(uvicorn.Server):
    """Logs where GraphQL is once the socket listens (uvicorn only names the root)."""

    banner = ""

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        if self.started:
            log.info(self.banner)


def serve(settings: Settings, host: str, port: int, workers: int = 1) -> None:
    """Serve until Ctrl-C. Raises PortTaken before starting when the address is in use."""
    check_port(host, port)
    logs = log_config(settings.log_format)
    ide = "" if settings.environment is Environment.PROD else " (GraphiQL in a browser)"
    banner = f"SkillGraph GraphQL API: {graphql_url(host, port)}{ide}; Ctrl-C stops it"
    if workers > 1:
        # Each worker process builds its own app from the same environment; rate limits and
        # caches are then per worker (see README, "Security and limits").
        logging.config.dictConfig(logs)
        log.info("%s (%d workers)", banner, workers)
        # Each worker counts into files here, so a scrape of any worker reports them all.
        with tempfile.TemporaryDirectory(prefix="skillgraph-metrics-") as folder:
            os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", folder)
            uvicorn.run(
                "skillgraph.app:create_app",
                factory=True,
                host=host,
                port=port,
                workers=workers,
                log_config=logs,
                timeout_graceful_shutdown=5,
            )
        return
    from skillgraph.app import create_app

    config = uvicorn.Config(
        create_app(settings),
        host=host,
        port=port,
        log_config=logs,
        timeout_graceful_shutdown=5,
    )
    server = _Server(config)
    server.banner = banner
    server.run()
