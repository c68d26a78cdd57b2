"""The graphql-http server audit (the GraphQL over HTTP spec's own conformance suite, pinned in
tests/audit/package-lock.json) against the live app: every MUST, SHOULD and MAY passes.

``make test`` installs the audit with ``npm ci`` first; it runs on the machine's Node."""

from __future__ import annotations

import asyncio
import json
import shutil
from pathlib import Path

from tests.e2e.conftest import RunningServer

AUDIT = Path(__file__).resolve().parents[1] / "audit"


async def test_the_graphql_over_http_audit_passes_in_full(server: RunningServer) -> None:
    node = shutil.which("node")
    assert node is not None, "Node.js is needed for the audit (Debian package nodejs)"
    assert (AUDIT / "node_modules" / "graphql-http").is_dir(), "run `make audit-deps`"
    process = await asyncio.create_subprocess_exec(
        node,
        str(AUDIT / "audit.mjs"),
        f"{server.url}/graphql",
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    stdout, stderr = await asyncio.wait_for(process.communicate(), timeout=120)
    assert process.returncode == 0, stderr.decode()
    results = json.loads(stdout)
    failed = [(r["name"], r["status"], r["reason"]) for r in results if r["status"] != "ok"]
    assert not failed, "\n".join(f"{status}: {name}: {reason}" for name, status, reason in failed)
    assert len(results) == 61
