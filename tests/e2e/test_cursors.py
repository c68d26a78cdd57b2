"""Cursors are signed: anything given as `after` that this deployment did not issue is
BAD_USER_INPUT naming `after`, on every connection, never INTERNAL or an empty page."""

from __future__ import annotations

import base64
import json

import pytest

from skillgraph.api.pagination import encode_cursor
from tests.e2e.conftest import Api


def forged(order: str, key: object, node_id: str) -> str:
    payload = base64.urlsafe_b64encode(json.dumps([order, key, node_id]).encode()).decode()
    return payload.rstrip("=") + ".c2lnbmVkLWJ5LW5vLW9uZQ"


CONNECTIONS = {
    "skills": "query($a: String) { skills(after: $a) { totalCount } }",
    "people": "query($a: String) { people(after: $a) { totalCount } }",
    "candidatesForRole": (
        'query($a: String) { candidatesForRole(roleId: "role_c", after: $a) { totalCount } }'
    ),
}
CURSORS = {
    "huge-int": forged("NAME", 10**40, "skill_1"),
    "wrong-type": forged("NAME", {"x": 1}, "skill_1"),
    "well-formed": forged("NAME", "a", "skill_1"),
    "huge-match-key": forged("MATCH", f"{10**30}:1:1", "person_1"),
    "not-base64": "%%%.%%%",
}


@pytest.mark.parametrize("cursor", CURSORS.values(), ids=CURSORS.keys())
@pytest.mark.parametrize("query", CONNECTIONS.values(), ids=CONNECTIONS.keys())
async def test_a_cursor_the_server_did_not_issue_is_bad_user_input(
    api: Api, query: str, cursor: str
) -> None:
    await api.data('mutation { createRole(input: {id: "role_c", title: "C"}) { id } }')
    error = await api.error(query, {"a": cursor})
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "after"}


async def test_a_cursor_of_another_deployment_is_refused(api: Api) -> None:
    """Signed with another key: the same payload our server would issue, but not by it."""
    ours = encode_cursor("NAME", "a", "skill_1")
    payload = ours.partition(".")[0]
    error = await api.error(CONNECTIONS["skills"], {"a": f"{payload}.AAAAAAAAAAAAAAAAAAAAAA"})
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    page = await api.data("query($a: String) { skills(after: $a) { totalCount } }", {"a": ours})
    assert page["skills"]["totalCount"] == 0
