"""What a newcomer pastes, on what `make run` serves: GraphiQL's default query and the plan
its comment suggests, and every example of the README, in order, on the demo data."""

from __future__ import annotations

import json
import re
from typing import Any

from skillgraph.api.graphiql import DEFAULT_QUERY
from skillgraph.ingest.seed import seed_demo
from skillgraph.settings import REPO_ROOT
from skillgraph.store.database import Database
from tests.e2e.conftest import Api

_BLOCK = re.compile(r"^```(graphql|json)\n(.*?)^```$", re.MULTILINE | re.DOTALL)


def readme_examples() -> list[tuple[str, dict[str, Any]]]:
    """The graphql blocks of the README's "Example queries", each with the json block right
    after it as variables."""
    readme = (REPO_ROOT / "README.md").read_text()
    start = readme.index("### Example queries")
    text = readme[start : readme.index("\n## ", start)]
    examples: list[tuple[str, dict[str, Any]]] = []
    for kind, body in _BLOCK.findall(text):
        if kind == "graphql":
            examples.append((body, {}))
        else:
            examples[-1] = (examples[-1][0], json.loads(body))
    return examples


# Lists an example is about; others may be empty (a prerequisite-only plan step covers
# nothing, a skill may be taught by no credential), and optional fields may be null.
MAIN_LISTS = {"edges", "steps", "requirements", "skills"}


def filled(value: Any) -> bool:
    """None of the main lists empty, anywhere."""
    if isinstance(value, dict):
        return all(
            (not isinstance(v, list) or k not in MAIN_LISTS or v) and filled(v)
            for k, v in value.items()
        )
    if isinstance(value, list):
        return all(filled(v) for v in value)
    return True


async def test_what_a_newcomer_pastes_works_on_the_demo(
    api: Api, anonymous: Api, db: Database
) -> None:
    await seed_demo(db)

    default = await anonymous.data(DEFAULT_QUERY)
    assert default["role"]["title"]
    assert any(r["skill"]["taughtBy"]["edges"] for r in default["role"]["requirements"])
    # The plan its comment suggests: the comment lines from "{ credentialPlan" on.
    lines = DEFAULT_QUERY.splitlines()
    start = next(i for i, line in enumerate(lines) if "{ credentialPlan" in line)
    suggested = []
    for line in lines[start:]:
        if not line.startswith("#"):
            break
        suggested.append(line.lstrip("# "))
    plan = await api.data("\n".join(suggested))
    assert plan["credentialPlan"]["steps"]

    examples = readme_examples()
    assert len(examples) >= 5
    for query, variables in examples:
        data = await api.data(query, variables)
        assert all(v is not None for v in data.values()), data
        assert filled(data), json.dumps(data, indent=1)
