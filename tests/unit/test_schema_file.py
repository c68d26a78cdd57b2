from __future__ import annotations

from skillgraph.api.schema import build_schema
from skillgraph.settings import REPO_ROOT


def test_schema_graphql_matches_the_code() -> None:
    committed = (REPO_ROOT / "schema.graphql").read_text()
    assert committed == build_schema().as_str() + "\n", (
        "schema.graphql is stale: run `make schema` (skillgraph export-schema) and commit it"
    )
