"""The README's end-to-end extraction example, run against a live API on the demo data.

Posts the posting text to extractSkills, upserts it as a job posting with
extractRequirements, reviews two requirements (accepts Python at level 3, rejects
"database management systems") and ranks candidates; prints every answer.

Run (after `make run`, with an ADMIN and a JOB_BOARD key from `skillgraph keys create`):
    SKILLGRAPH_URL=http://127.0.0.1:8000 SKILLGRAPH_ADMIN_KEY=sgk_... \\
    SKILLGRAPH_BOARD_KEY=sgk_... .venv/bin/python bench/extraction_example.py
"""

from __future__ import annotations

import json
import os
from typing import Any

import httpx

URL = os.environ.get("SKILLGRAPH_URL", "http://127.0.0.1:8000") + "/graphql"
POSTING = (
    "Data Engineer\n"
    "Requirements:\n"
    "- Expert in Python, 5+ years.\n"
    "- You manage databases and write SQL.\n"
    "- You design data models for our analytics team.\n"
    "Nice to have: protecting systems against cyber attacks.\n"
)
EXTRACT = """query($t: String!) {
  extractSkills(text: $t) {
    skills { skill { name } confidence suggestedLevel suggestedImportance
             evidence { kind start end text } }
    stages { stage ran reason }
  }
}"""
UPSERT = """mutation($d: String!) {
  upsertRole(uri: "https://jobs.example.org/1",
             input: {title: "Data Engineer", kind: JOB_POSTING, description: $d,
                     extractRequirements: true}) {
    id
    requirements { skill { id name } importance level extracted confidence }
  }
}"""
CANDIDATES = """query($role: ID!) {
  candidatesForRole(roleId: $role, first: 3) {
    totalCount
    edges { score coverage node { name }
            met { skill { name } requiredLevel heldLevel }
            missing { skill { name } } }
  }
}"""


def post(query: str, variables: dict[str, Any], key: str) -> dict[str, Any]:
    response = httpx.post(
        URL,
        json={"query": query, "variables": variables},
        headers={"authorization": f"Bearer {key}"},
        timeout=60,
    )
    body: dict[str, Any] = response.json()
    body.pop("extensions", None)
    print(json.dumps(body, indent=1))
    return body


def main() -> None:
    admin, board = os.environ["SKILLGRAPH_ADMIN_KEY"], os.environ["SKILLGRAPH_BOARD_KEY"]
    post(EXTRACT, {"t": POSTING}, admin)
    role = post(UPSERT, {"d": POSTING}, board)["data"]["upsertRole"]
    skill = {r["skill"]["name"]: r["skill"]["id"] for r in role["requirements"]}
    post(
        "mutation($r: ID!, $s: ID!) { setRoleRequirement(roleId: $r, skillId: $s, level: 3) "
        "{ id } }",
        {"r": role["id"], "s": skill["Python (computer programming)"]},
        board,
    )
    if "database management systems" in skill:
        post(
            "mutation($r: ID!, $s: ID!) { removeRoleRequirement(roleId: $r, skillId: $s) { id } }",
            {"r": role["id"], "s": skill["database management systems"]},
            board,
        )
    post(CANDIDATES, {"role": role["id"]}, board)


if __name__ == "__main__":
    main()
