"""Shared fixtures. Integration and e2e tests use the real Neo4j named by SKILLGRAPH_NEO4J_URI
(``make test`` starts a dedicated test instance on port 7688 and points here at it)."""

from __future__ import annotations

import os

# Never let a bare `pytest` wipe the dev instance (7687): default to the test instance.
os.environ.setdefault("SKILLGRAPH_NEO4J_URI", "bolt://127.0.0.1:7688")
os.environ.setdefault("SKILLGRAPH_NEO4J_HOME", ".data/neo4j-test")
