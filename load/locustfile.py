"""Mixed read workload with a few writes, on the demo data (see run.sh).

A GraphQL response with an "errors" key counts as a failure, not only non-2xx statuses.
"""

from __future__ import annotations

import os
import random
from typing import Any

from locust import HttpUser, constant, task

PERSON = os.environ["LOAD_PERSON_ID"]
POSTING = os.environ["LOAD_POSTING_ID"]
HEADERS = {"authorization": f"Bearer {os.environ['LOAD_KEY']}"}
WORDS = ["data", "python", "cloud", "secur", "softw", "network", "manage", "design"]


class ApiUser(HttpUser):
    wait_time = constant(0)

    def _post(self, name: str, query: str, variables: dict[str, Any] | None = None) -> None:
        with self.client.post(
            "/graphql",
            json={"query": query, "variables": variables or {}},
            headers=HEADERS,
            name=name,
            catch_response=True,
        ) as response:
            body = response.json() if response.status_code == 200 else {}
            if response.status_code != 200 or body.get("errors"):
                response.failure(f"{response.status_code} {str(body.get('errors'))[:200]}")

    @task(20)
    def skills_search(self) -> None:
        self._post(
            "skills(text)",
            "query($t: String) { skills(filter: {text: $t}, first: 10) { totalCount"
            " edges { node { name taughtBy(first: 3) { edges { node { name } } } } } } }",
            {"t": random.choice(WORDS)},
        )

    @task(15)
    def credentials(self) -> None:
        self._post(
            "credentials(filter)",
            '{ credentials(filter: {formats: [ONLINE], maxCost: {amount: "500", currency:'
            ' "USD"}}, orderBy: {field: COST}, first: 20) { edges { node { name'
            " cost { amount currency } provider { name } teaches { level skill { name } } } } } }",
        )

    @task(15)
    def posting(self) -> None:
        self._post(
            "role(requirements)",
            "query($r: ID!) { role(id: $r) { title requirements { level inherited"
            " skill { name } } postings { totalCount } } }",
            {"r": POSTING},
        )

    @task(10)
    def gap(self) -> None:
        self._post(
            "skillGap",
            "query($p: ID!, $r: ID!) { skillGap(personId: $p, roleId: $r) { coverage"
            " missing { skill { name } requiredLevel heldLevel } } }",
            {"p": PERSON, "r": POSTING},
        )

    @task(5)
    def plan(self) -> None:
        self._post(
            "credentialPlan",
            "query($p: ID!, $r: ID!) { credentialPlan(personId: $p, roleId: $r) {"
            " steps { position credential { name } } totalCost { amount currency } optimal } }",
            {"p": PERSON, "r": POSTING},
        )

    @task(8)
    def candidates(self) -> None:
        self._post(
            "candidatesForRole",
            "query($r: ID!) { candidatesForRole(roleId: $r, first: 10) { edges { score"
            " node { name } } } }",
            {"r": POSTING},
        )

    @task(10)
    def search(self) -> None:
        self._post(
            "search",
            "query($t: String!) { search(text: $t) { type label } }",
            {"t": random.choice(WORDS)},
        )

    @task(10)
    def market(self) -> None:
        self._post("skillMarket", "{ skillMarket(first: 10) { edges { value node { name } } } }")

    @task(4)
    def write(self) -> None:
        n = random.randint(1, 50)
        self._post(
            "upsertSkill (write)",
            "mutation($u: String!, $n: String!) { upsertSkill(uri: $u, input: {name: $n}) { id } }",
            {"u": f"https://load.example/skill/{n}", "n": f"load skill {n}"},
        )
