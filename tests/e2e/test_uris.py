"""Only absolute http, https, urn and did URIs are stored as `uri`, and only http and https URLs as
`url` and `evidenceUrl`: a client may render any stored one as a link."""

from __future__ import annotations

import pytest

from skillgraph.store import admin
from skillgraph.store.database import Database
from tests.e2e.conftest import Api

REFUSED = [
    "javascript:alert(1)",
    "JavaScript:alert(document.cookie)",
    "data:text/html,<script>alert(1)</script>",
    "file:///etc/passwd",
    "vbscript:msgbox(1)",
    "mailto:ada@example.org",
    "https://",
    "http:///no-host",
    "urn:",
    "relative/path",
    "//example.org/x",
]
ACCEPTED = [
    "https://example.org/skills/1",
    "HTTP://EXAMPLE.ORG/x?y=1#z",
    "http://127.0.0.1:8080/a",
    "urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66",
    "urn:isbn:0451450523",
    "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",
]


@pytest.mark.parametrize("uri", REFUSED)
async def test_a_uri_of_another_scheme_is_bad_user_input_and_nothing_is_stored(
    api: Api, db: Database, uri: str
) -> None:
    for document in (
        'mutation($u: String) { createSkill(input: {name: "x", uri: $u}) { id } }',
        'mutation($u: String!) { upsertSkill(uri: $u, input: {name: "x"}) { id } }',
        'mutation($u: String) { createProvider(input: {name: "x", url: $u}) { id } }',
    ):
        error = await api.error(document, {"u": uri})
        assert error["extensions"]["code"] == "BAD_USER_INPUT", error
        assert error["extensions"]["field"] in ("uri", "url"), error
        assert "http" in error["message"]
    assert await admin.counts(db) == {}


@pytest.mark.parametrize("uri", ACCEPTED)
async def test_http_https_and_urn_uris_are_stored_as_given(api: Api, uri: str) -> None:
    data = await api.data(
        'mutation($u: String) { createSkill(input: {name: "x", uri: $u}) { uri } }',
        {"u": uri},
    )
    assert data["createSkill"]["uri"] == uri


async def test_a_urn_is_no_web_link(api: Api) -> None:
    error = await api.error(
        'mutation { createProvider(input: {name: "x", url: "urn:isbn:0451450523"}) { id } }'
    )
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "url"}


async def test_an_open_badge_with_a_javascript_id_is_refused(api: Api, db: Database) -> None:
    achievement = {
        "id": "javascript:alert(1)",
        "type": ["Achievement"],
        "name": "A",
        "criteria": {"narrative": "n"},
    }
    error = await api.error(
        "mutation($d: JSON!) { importOpenBadge(document: $d) { credentials { id } } }",
        {"d": achievement},
    )
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert await admin.counts(db) == {}
