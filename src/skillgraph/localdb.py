"""The local embedded Neo4j (tools/neo4j-local): build once, start in the background, stop.

One instance per (home, port): its pid file and log live in its home directory, so a dev
instance and a test instance can run side by side.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from neo4j import GraphDatabase
from neo4j.exceptions import AuthError, ServiceUnavailable

from skillgraph.settings import REPO_ROOT, Settings

__all__ = ["LocalNeo4j", "LocalNeo4jError"]

LAUNCHER_DIR = REPO_ROOT / "tools" / "neo4j-local"
LAUNCHER_CLASS = "io.skillgraph.neo4jlocal.Launcher"
# The flags Neo4j's own neo4j.conf ships (server.jvm.additional).
JVM_FLAGS = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Dlog4j2.disable.jmx=true",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
)


class LocalNeo4jError(RuntimeError):
    """The local Neo4j could not be built, started or stopped; the message says why."""


@dataclass(frozen=True)
class LocalNeo4j:
    settings: Settings

    @property
    def home(self) -> Path:
        return self.settings.neo4j_home.resolve()

    @property
    def pid_file(self) -> Path:
        return self.home / "neo4j-local.pid"

    @property
    def log_file(self) -> Path:
        return self.home / "neo4j-local.log"

    # -- build -------------------------------------------------------------------------------

    @staticmethod
    def _source_hash() -> str:
        digest = hashlib.sha256()
        sources = [LAUNCHER_DIR / "pom.xml", *sorted((LAUNCHER_DIR / "src").rglob("*.java"))]
        for path in sources:
            digest.update(path.relative_to(LAUNCHER_DIR).as_posix().encode())
            digest.update(path.read_bytes())
        return digest.hexdigest()

    @property
    def label(self) -> str:
        """Which instance this is, for messages: "Neo4j at bolt://127.0.0.1:7687 (.data/neo4j)"."""
        home = self.settings.neo4j_home
        return f"Neo4j at {self.settings.neo4j_uri} ({home})"

    def needs_build(self) -> bool:
        """Whether ``build`` would run Maven (first run, or the launcher's sources changed)."""
        stamp = LAUNCHER_DIR / "target" / ".source-hash"
        jar = LAUNCHER_DIR / "target" / "neo4j-local.jar"
        if not (LAUNCHER_DIR / "pom.xml").is_file():
            return True
        return not (jar.exists() and stamp.exists() and stamp.read_text() == self._source_hash())

    def build(self) -> bool:
        """Build the launcher unless an up-to-date build exists. Returns True if it built."""
        if not (LAUNCHER_DIR / "pom.xml").is_file():
            raise LocalNeo4jError(
                f"the embedded Neo4j launcher is not here ({LAUNCHER_DIR}): it ships with the "
                "source checkout, not the installed package; run it from the checkout, or set "
                "SKILLGRAPH_NEO4J_URI to a running Neo4j 5.26"
            )
        target = LAUNCHER_DIR / "target"
        stamp = target / ".source-hash"
        wanted = self._source_hash()
        jar = target / "neo4j-local.jar"
        if jar.exists() and stamp.exists() and stamp.read_text() == wanted:
            return False
        mvn = shutil.which("mvn")
        if mvn is None:
            raise LocalNeo4jError(
                "Maven (mvn) is not on PATH; install it, e.g. apt-get install maven"
            )
        result = subprocess.run(
            [mvn, "-q", "-B", "package", "-DskipTests"],
            cwd=LAUNCHER_DIR,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise LocalNeo4jError(
                "building tools/neo4j-local failed:\n" + (result.stdout + result.stderr)[-4000:]
            )
        stamp.write_text(wanted)
        return True

    # -- process -----------------------------------------------------------------------------

    def pid(self) -> int | None:
        """The pid of our running JVM, or None (a stale pid file is removed)."""
        try:
            pid = int(self.pid_file.read_text().strip())
        except (FileNotFoundError, ValueError):
            return None
        try:
            os.kill(pid, 0)
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        except (ProcessLookupError, PermissionError, FileNotFoundError):
            self.pid_file.unlink(missing_ok=True)
            return None
        if LAUNCHER_CLASS.encode() not in cmdline:
            self.pid_file.unlink(missing_ok=True)
            return None
        return pid

    def reachable(self) -> bool:
        s = self.settings
        try:
            with GraphDatabase.driver(
                s.neo4j_uri,
                auth=(s.neo4j_user, s.neo4j_password),
                connection_timeout=2.0,
                notifications_min_severity="OFF",
                warn_notification_severity="OFF",
            ) as driver:
                driver.verify_connectivity()
        except (ServiceUnavailable, AuthError, OSError):
            return False
        return True

    def start(self) -> str:
        """Build if needed, start in the background, wait until Bolt answers.

        Idempotent: returns at once when our instance is already up. Raises LocalNeo4jError
        with the log's tail when the JVM dies or does not answer within the start timeout.
        """
        if self.pid() is not None and self.reachable():
            return f"{self.label}: already running (pid {self.pid()})"
        if self.pid() is None and self.reachable():
            raise LocalNeo4jError(
                f"something else already answers at {self.settings.neo4j_uri}; "
                "stop it or set SKILLGRAPH_NEO4J_URI to another port"
            )
        java = shutil.which("java")
        if java is None:
            raise LocalNeo4jError("java is not on PATH; install Java 17, e.g. openjdk-17-jdk")
        self.build()
        self.home.mkdir(parents=True, exist_ok=True)
        target = LAUNCHER_DIR / "target"
        s = self.settings
        command = [
            java,
            f"-Xms{s.neo4j_heap}",
            f"-Xmx{s.neo4j_heap}",
            *JVM_FLAGS,
            f"-Dneo4j.home={self.home}",
            f"-Dneo4j.bolt.host={s.neo4j_host}",
            f"-Dneo4j.bolt.port={s.neo4j_port}",
            f"-Dneo4j.pagecache.mb={s.neo4j_pagecache_mb}",
            f"-Dneo4j.tx.timeout.s={s.neo4j_tx_timeout_s}",
            "-cp",
            f"{target / 'neo4j-local.jar'}{os.pathsep}{target / 'lib' / '*'}",
            LAUNCHER_CLASS,
        ]
        started = time.monotonic()
        # posix_spawn rather than Popen: the JVM outlives this process by design, in its own
        # session, with stdout and stderr appended to the log file.
        pid = os.posix_spawn(
            java,
            command,
            dict(os.environ),
            file_actions=[
                (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
                (
                    os.POSIX_SPAWN_OPEN,
                    1,
                    str(self.log_file),
                    os.O_WRONLY | os.O_CREAT | os.O_APPEND,
                    0o644,
                ),
                (os.POSIX_SPAWN_DUP2, 1, 2),
            ],
            setsid=True,
        )
        self.pid_file.write_text(str(pid))
        deadline = started + s.neo4j_start_timeout_s
        while time.monotonic() < deadline:
            if not _alive(pid):
                self.pid_file.unlink(missing_ok=True)
                raise LocalNeo4jError(
                    f"Neo4j exited while starting; log tail ({self.log_file}):\n{self.log_tail()}"
                )
            if self.reachable():
                took = time.monotonic() - started
                return f"{self.label}: started in {took:.1f}s (pid {pid})"
            time.sleep(0.5)
        self.stop()
        raise LocalNeo4jError(
            f"Neo4j did not answer at {s.neo4j_uri} within {s.neo4j_start_timeout_s:.0f}s; "
            f"log tail ({self.log_file}):\n{self.log_tail()}"
        )

    def stop(self, timeout_s: float = 60.0) -> str:
        """Shut down gracefully (SIGTERM runs Neo4j's shutdown hook); SIGKILL after timeout_s."""
        pid = self.pid()
        if pid is None:
            return f"{self.label}: not running"
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if not _alive(pid):
                self.pid_file.unlink(missing_ok=True)
                return f"{self.label}: stopped (pid {pid})"
            time.sleep(0.2)
        os.kill(pid, signal.SIGKILL)
        self.pid_file.unlink(missing_ok=True)
        return f"{self.label}: did not stop within {timeout_s:.0f}s and was killed (pid {pid})"

    def status(self) -> str:
        pid = self.pid()
        if pid is None:
            return f"{self.label}: stopped"
        state = "ready" if self.reachable() else "starting or unreachable"
        return f"{self.label}: running (pid {pid}), {state}"

    def log_tail(self, lines: int = 40) -> str:
        try:
            text = self.log_file.read_text(errors="replace")
        except FileNotFoundError:
            return "(no log)"
        return "\n".join(text.splitlines()[-lines:])


def _alive(pid: int) -> bool:
    try:
        waited, _ = os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        waited = 0
    if waited == pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie we do not own still answers kill(0); its state says it is gone.
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"
