"""The processes of a run: Neo4j through the repo's launcher, SkillGraph, the Node peer.

Everything started here is stopped by :meth:`Processes.close` (call it in ``finally``): the
servers by their process groups, Neo4j through ``skillgraph db stop`` unless it was already
running before the run.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["REPO", "Processes", "RunError", "Server"]

REPO = Path(__file__).resolve().parents[2]
PEER_DIR = REPO / "bench" / "peer"
SKILLGRAPH = Path(sys.executable).parent / "skillgraph"
_STAMP = PEER_DIR / "node_modules" / ".bench-peer-lock-sha256"


class RunError(RuntimeError):
    """A process could not be set up; the message says what to do."""


@dataclass
class Server:
    name: str
    process: subprocess.Popen[bytes]
    log: Path

    @property
    def pid(self) -> int:
        return self.process.pid

    def tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except FileNotFoundError:
            return "(no log)"


def _port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        # As the servers bind: connections of an earlier run in TIME_WAIT do not count.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _answers(url: str, body: bytes | None = None) -> bool:
    headers = {"content-type": "application/json"} if body is not None else {}
    request = urllib.request.Request(url, data=body, headers=headers)
    # Loopback only: never through a proxy named by the environment.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(request, timeout=2) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


@dataclass
class Processes:
    env: Mapping[str, str]
    logs: Path
    servers: list[Server] = field(default_factory=list)
    stop_neo4j: bool = False

    def cli(self, *args: str, quiet: bool = False) -> str:
        """Run ``skillgraph <args>`` with the run's environment; its output (RunError if it
        fails)."""
        done = subprocess.run(
            [str(SKILLGRAPH), *args],
            cwd=REPO,
            env=dict(self.env),
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise RunError(f"skillgraph {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
        if not quiet:
            print(done.stdout.strip())
        return done.stdout

    def start_neo4j(self) -> None:
        out = self.cli("db", "start")
        # An instance that was already up (someone's reused one) is left running at the end.
        self.stop_neo4j = "already running" not in out
        self.cli("db", "migrate")

    def neo4j_pid(self) -> int:
        home = Path(self.env["SKILLGRAPH_NEO4J_HOME"])
        home = home if home.is_absolute() else REPO / home
        return int((home / "neo4j-local.pid").read_text().strip())

    def seed(self, dataset: str, args: list[str]) -> None:
        """Seed unless this home was seeded with ``dataset`` by a finished earlier run. Seeding
        is an upsert by uri, so an interrupted seed is completed, not duplicated."""
        home = Path(self.env["SKILLGRAPH_NEO4J_HOME"])
        marker = (home if home.is_absolute() else REPO / home) / f"bench-peer-seeded-{dataset}"
        if marker.exists():
            print(f"reusing the {dataset} data seeded earlier ({marker})")
            return
        started = time.monotonic()
        print(f"seeding {dataset} (skillgraph seed {' '.join(args)}) ...", flush=True)
        self.cli("seed", *args, quiet=True)
        marker.write_text(f"skillgraph seed {' '.join(args)}\n")
        print(f"seeded in {time.monotonic() - started:.0f}s")

    def npm_ci(self) -> None:
        """``npm ci`` in bench/peer unless node_modules was installed from this very lockfile."""
        wanted = hashlib.sha256((PEER_DIR / "package-lock.json").read_bytes()).hexdigest()
        if _STAMP.exists() and _STAMP.read_text().strip() == wanted:
            return
        print("npm ci in bench/peer ...", flush=True)
        done = subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund"],
            cwd=PEER_DIR,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise RunError(f"npm ci in bench/peer failed:\n{done.stdout}{done.stderr}")
        _STAMP.write_text(wanted + "\n")

    def _spawn(self, name: str, argv: list[str], env: Mapping[str, str], cwd: Path) -> Server:
        log = self.logs / f"{name}.log"
        with log.open("wb") as out:
            process = subprocess.Popen(
                argv,
                cwd=cwd,
                env=dict(env),
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                # Its own process group: stopping it stops its workers too.
                start_new_session=True,
            )
        server = Server(name, process, log)
        self.servers.append(server)
        return server

    def _wait(self, server: Server, ready: str, body: bytes | None, timeout_s: float) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if server.process.poll() is not None:
                raise RunError(f"{server.name} exited while starting:\n{server.tail()}")
            if _answers(ready, body):
                return
            time.sleep(0.25)
        raise RunError(
            f"{server.name} did not answer at {ready} in {timeout_s:.0f}s:\n{server.tail()}"
        )

    def start_skillgraph(self, port: int, workers: int) -> Server:
        if not _port_free(port):
            raise RunError(f"port {port} is taken; pass --api-port")
        server = self._spawn(
            "skillgraph",
            [
                str(SKILLGRAPH),
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--workers",
                str(workers),
            ],
            self.env,
            REPO,
        )
        self._wait(server, f"http://127.0.0.1:{port}/readyz", None, 120)
        return server

    def start_peer(self, port: int) -> Server:
        if not _port_free(port):
            raise RunError(f"port {port} is taken; pass --peer-port")
        env = {
            **self.env,
            "PEER_NEO4J_URI": self.env["SKILLGRAPH_NEO4J_URI"],
            "PEER_PORT": str(port),
            "NODE_ENV": "production",
        }
        server = self._spawn("peer", ["node", "server.js"], env, PEER_DIR)
        body = json.dumps({"query": "{ __typename }"}).encode()
        self._wait(server, f"http://127.0.0.1:{port}/", body, 120)
        return server

    def close(self) -> None:
        for server in reversed(self.servers):
            _stop_group(server.process)
        self.servers.clear()
        if self.stop_neo4j:
            self.stop_neo4j = False
            try:
                self.cli("db", "stop")
            except RunError as error:
                print(error, file=sys.stderr)


def _stop_group(process: subprocess.Popen[bytes], grace_s: float = 15) -> None:
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=grace_s)
    # Whatever of the group is still there (a worker that outlived its supervisor) goes now.
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()
