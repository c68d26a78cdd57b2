"""Mixed read workload with a few writes (~4% upsertSkill), on the demo data (see run.sh).

Users are FastHttpUser (geventhttpclient), which costs far less CPU per request than the
requests-based HttpUser, so on a 2-core machine the generator takes less from the API.

A GraphQL response with an "errors" key counts as a failure, not only non-2xx statuses.
``python load/locustfile.py URL`` sends each request once, untimed: it warms the caches and
query plans of a fresh Neo4j and fails fast on a request the schema no longer accepts.
"""

from __future__ import annotations

import json
import os
import random
import sys
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from locust import FastHttpUser, constant

PERSON = os.environ["LOAD_PERSON_ID"]
POSTING = os.environ["LOAD_POSTING_ID"]
PROVIDER = os.environ["LOAD_PROVIDER_ID"]
# Empty until authentication exists (run.sh detects `skillgraph keys`); then an ADMIN key.
KEY = os.environ.get("LOAD_KEY", "")
HEADERS = {"authorization": f"Bearer {KEY}"} if KEY else {}
WORDS = ["data", "python", "cloud", "secur", "softw", "network", "manage", "design"]


@dataclass(frozen=True)
class Request:
    name: str
    weight: int
    query: str
    variables: Callable[[], dict[str, Any]] = dict

    def body(self) -> dict[str, Any]:
        return {"query": self.query, "variables": self.variables()}


def _word() -> dict[str, Any]:
    return {"t": random.choice(WORDS)}


def _written_skill() -> dict[str, Any]:
    # A fixed set of uris: the writes update the same 50 skills, the graph does not grow.
    n = random.randint(1, 50)
    return {"u": f"https://load.example/skill/{n}", "n": f"load skill {n}"}


MIX = [
    Request(
        "skills(text)",
        20,
        "query($t: String) { skills(filter: {text: $t}, first: 10) { totalCount"
        " edges { node { name taughtBy(first: 3) { edges { node { name } } } } } } }",
        _word,
    ),
    Request(
        "credentials(filter)",
        15,
        '{ credentials(filter: {formats: [ONLINE], maxCost: {amount: "500", currency:'
        ' "USD"}}, orderBy: {field: COST}, first: 20) { edges { node { name'
        " cost { amount currency } provider { name } teaches { level skill { name } } } } } }",
    ),
    Request(
        "role(requirements)",
        15,
        "query($r: ID!) { role(id: $r) { title requirements { level inherited"
        " skill { name } } postings { totalCount } } }",
        lambda: {"r": POSTING},
    ),
    Request(
        "skillGap",
        10,
        "query($p: ID!, $r: ID!) { skillGap(personId: $p, roleId: $r) { coverage"
        " missing { skill { name } requiredLevel heldLevel } } }",
        lambda: {"p": PERSON, "r": POSTING},
    ),
    Request(
        "credentialPlan",
        5,
        "query($p: ID!, $r: ID!) { credentialPlan(personId: $p, roleId: $r) {"
        " steps { position credential { name } } totalCost { amount currency } optimal } }",
        lambda: {"p": PERSON, "r": POSTING},
    ),
    Request(
        "candidatesForRole",
        8,
        "query($r: ID!) { candidatesForRole(roleId: $r, first: 10) { edges { score"
        " node { name } } } }",
        lambda: {"r": POSTING},
    ),
    Request("search", 10, "query($t: String!) { search(text: $t) { type label } }", _word),
    Request("skillMarket", 10, "{ skillMarket(first: 10) { edges { value node { name } } } }"),
    Request(
        "node/nodes(id)",
        8,
        "query($p: ID!, $ids: [ID!]!) { node(id: $p) { id ... on Person { name } }"
        " nodes(ids: $ids) { id ... on Role { title } ... on Provider { name } } }",
        lambda: {"p": PERSON, "ids": [POSTING, PROVIDER]},
    ),
    Request(
        "upsertSkill (write)",
        4,
        "mutation($u: String!, $n: String!) { upsertSkill(uri: $u, input: {name: $n}) { id } }",
        _written_skill,
    ),
]


def _errors(status: int, text: str) -> str | None:
    """Why a response failed, or None."""
    if status != 200:
        return f"HTTP {status}: {text[:200]}"
    try:
        errors = json.loads(text).get("errors")
    except ValueError:
        return f"not JSON: {text[:100]}"
    return str(errors)[:200] if errors else None


def _task(request: Request) -> Callable[[FastHttpUser], None]:
    def run(user: FastHttpUser) -> None:
        with user.client.post(
            "/graphql", json=request.body(), headers=HEADERS, name=request.name, catch_response=True
        ) as response:
            problem = _errors(response.status_code, response.text or "")
            if problem:
                response.failure(problem)

    return run


class ApiUser(FastHttpUser):
    # geventhttpclient: the load generator should cost the 2 cores as little as it can.
    wait_time = constant(0)
    tasks = {_task(request): request.weight for request in MIX}


def _has_null_root(data: dict[str, Any]) -> bool:
    return any(v is None or (isinstance(v, list) and None in v) for v in data.values())


def warm_up(url: str) -> int:
    failed = 0
    for request in MIX:
        post = urllib.request.Request(
            f"{url}/graphql",
            data=json.dumps(request.body()).encode(),
            headers={"content-type": "application/json", **HEADERS},
        )
        try:
            with urllib.request.urlopen(post, timeout=60) as response:
                text = response.read().decode()
                problem = _errors(response.status, text)
        except OSError as exc:
            problem = str(exc)
        # A null root field or list item means the demo data is not what the mix expects.
        if not problem and _has_null_root(json.loads(text)["data"]):
            problem = f"a null in {text[:200]}"
        if problem:
            print(f"warm-up {request.name}: {problem}", file=sys.stderr)
            failed += 1
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(warm_up(sys.argv[1]))
