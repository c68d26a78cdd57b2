"""Bearer tokens (API keys and JWTs), anonymous access, rate limits, idempotent replays."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Callable

import httpx
import jwt
import pytest

from skillgraph.app import create_app
from skillgraph.auth.apikey import new_token
from skillgraph.auth.keycache import revoke_everywhere
from skillgraph.settings import AnonymousAccess, Settings
from skillgraph.store import apikeys
from skillgraph.store.database import Database
from tests.e2e.conftest import Api, make_key, serve_in_thread, stop_server

QUERY = {"query": "{ apiVersion }"}
SECRET = "a-test-secret-that-is-long-enough-for-hs256"


async def status(client: httpx.AsyncClient, token: str | None) -> tuple[int, str | None]:
    headers = {"authorization": token} if token is not None else {}
    response = await client.post("/graphql", json=QUERY, headers=headers)
    body = response.json()
    code = body["errors"][0]["extensions"]["code"] if body.get("errors") else None
    return response.status_code, code


@pytest.mark.parametrize(
    "header",
    [
        "Bearer sgk_0123456789abcdef.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "Bearer nonsense",
        "Basic dXNlcjpwYXNz",
        "Bearer",
    ],
)
async def test_a_bad_token_is_401_with_no_data(anonymous: Api, header: str) -> None:
    response = await anonymous.client.post(
        "/graphql", json=QUERY, headers={"authorization": header}
    )
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    body = response.json()
    assert "data" not in body
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_a_wrong_secret_for_a_real_key_id_is_401(anonymous: Api, db: Database) -> None:
    key = await make_key(db, "ADMIN")
    forged = key[: key.index(".") + 1] + "B" * 43
    assert await status(anonymous.client, f"Bearer {forged}") == (401, "UNAUTHENTICATED")


async def test_a_revoked_key_stops_working_once_revocation_returns(
    anonymous: Api, db: Database, settings: Settings
) -> None:
    key = await make_key(db, "EDITOR")
    assert await status(anonymous.client, f"Bearer {key}") == (200, None)  # now cached
    assert await revoke_everywhere(db, key[4:20], settings.api_key_cache_s)
    assert await status(anonymous.client, f"Bearer {key}") == (401, "UNAUTHENTICATED")
    assert not await revoke_everywhere(db, "0123456789abcdef", 0)


async def test_keys_are_stored_only_as_hashes(db: Database) -> None:
    key = await make_key(db, "RESEARCHER")
    stored = await apikeys.get(db, key[4:20])
    assert stored is not None
    assert key.split(".")[1] not in str(stored)


async def test_no_token_is_anonymous_and_read_only(anonymous: Api) -> None:
    assert await anonymous.data("{ apiVersion }") == {"apiVersion": "0.1.0"}
    error = await anonymous.error('mutation { createSkill(input: {name: "x"}) { id } }')
    assert error["extensions"]["code"] == "FORBIDDEN"


@pytest.fixture
def serve(settings: Settings) -> AsyncIterator[Callable[..., str]]:
    running = []

    def start(**changes: object) -> str:
        server, thread, url = serve_in_thread(create_app(settings.model_copy(update=changes)))
        running.append((server, thread))
        return url

    yield start  # type: ignore[misc]
    for server, thread in running:
        stop_server(server, thread)


async def test_anonymous_access_can_be_switched_off(serve: Callable[..., str]) -> None:
    url = serve(anonymous_access=AnonymousAccess.NONE)
    async with httpx.AsyncClient(base_url=url) as client:
        assert await status(client, None) == (401, "UNAUTHENTICATED")


def token(**claims: object) -> str:
    base: dict[str, object] = {
        "role": "EDITOR",
        "sub": "svc",
        "exp": int(time.time()) + 60,
        "iss": "https://idp.example",
        "aud": "skillgraph",
    }
    return jwt.encode({**base, **claims}, SECRET, algorithm="HS256")


async def test_jwts_are_checked_for_signature_expiry_issuer_and_audience(
    serve: Callable[..., str],
) -> None:
    url = serve(jwt_secret=SECRET, jwt_issuer="https://idp.example", jwt_audience="skillgraph")
    async with httpx.AsyncClient(base_url=url) as client:
        assert await status(client, f"Bearer {token()}") == (200, None)
        bad = [
            token(exp=int(time.time()) - 10),
            token(iss="https://evil.example"),
            token(aud="other"),
            token(role="ROOT"),
            jwt.encode(
                {"role": "ADMIN", "exp": int(time.time()) + 60},
                "a-different-secret-of-enough-length-for-hs256",
                "HS256",
            ),
            jwt.encode(
                {
                    "role": "ADMIN",
                    "exp": int(time.time()) + 60,
                    "iss": "https://idp.example",
                    "aud": "skillgraph",
                },
                None,
                algorithm="none",
            ),
        ]
        for value in bad:
            assert await status(client, f"Bearer {value}") == (401, "UNAUTHENTICATED"), value
        editor = await client.post(
            "/graphql",
            json={"query": 'mutation { createSkill(input: {name: "j"}) { id } }'},
            headers={"authorization": f"Bearer {token()}"},
        )
        assert "errors" not in editor.json()


async def test_a_person_jwt_needs_a_person_id(serve: Callable[..., str]) -> None:
    url = serve(jwt_secret=SECRET, jwt_issuer="https://idp.example", jwt_audience="skillgraph")
    async with httpx.AsyncClient(base_url=url) as client:
        assert await status(client, f"Bearer {token(role='PERSON')}") == (401, "UNAUTHENTICATED")


async def test_each_principal_gets_a_token_bucket(serve: Callable[..., str], db: Database) -> None:
    url = serve(rate_limit_burst=3, rate_limit_per_minute=6)
    first, second = await make_key(db, "EDITOR"), await make_key(db, "EDITOR")
    async with httpx.AsyncClient(base_url=url) as client:
        codes = [await status(client, f"Bearer {first}") for _ in range(4)]
        assert codes[:3] == [(200, None)] * 3
        assert codes[3] == (429, "RATE_LIMITED")
        response = await client.post(
            "/graphql", json=QUERY, headers={"authorization": f"Bearer {first}"}
        )
        assert int(response.headers["retry-after"]) >= 1
        assert await status(client, f"Bearer {second}") == (200, None)


CREATE = {"query": 'mutation { createSkill(input: {name: "once"}) { id } }'}


async def test_an_idempotency_key_replays_the_first_response(api: Api, db: Database) -> None:
    headers = {"idempotency-key": "create-once-1"}
    first = await api.client.post("/graphql", json=CREATE, headers=headers)
    second = await api.client.post("/graphql", json=CREATE, headers=headers)
    assert second.json() == first.json()
    assert second.headers.get("idempotent-replayed") == "true"
    rows = await db.run_raw("MATCH (s:Skill {name: 'once'}) RETURN count(s) AS n")
    assert rows[0]["n"] == 1


async def test_the_same_key_with_another_payload_is_a_conflict(api: Api) -> None:
    headers = {"idempotency-key": "create-once-2"}
    await api.client.post("/graphql", json=CREATE, headers=headers)
    other = {"query": 'mutation { createSkill(input: {name: "twice"}) { id } }'}
    response = await api.client.post("/graphql", json=other, headers=headers)
    assert response.status_code == 409
    assert response.json()["errors"][0]["extensions"]["code"] == "CONFLICT"


async def test_idempotency_keys_are_scoped_to_the_caller(api: Api, db: Database) -> None:
    headers = {"idempotency-key": "shared-name"}
    await api.client.post("/graphql", json=CREATE, headers=headers)
    other = await make_key(db, "ADMIN")
    response = await api.client.post(
        "/graphql", json=CREATE, headers={**headers, "authorization": f"Bearer {other}"}
    )
    assert response.headers.get("idempotent-replayed") is None
    rows = await db.run_raw("MATCH (s:Skill {name: 'once'}) RETURN count(s) AS n")
    assert rows[0]["n"] == 2


async def test_failed_authentications_are_limited_per_address_before_any_lookup(
    settings: Settings,
) -> None:
    """120 quick requests with a well-formed unknown key: the first `auth_failure_burst` are
    401 (each one key lookup), the rest 429 with Retry-After and no lookup at all. Requests
    without a key still go through."""
    app = create_app(settings.model_copy(update={"auth_failure_burst": 5}))
    server, thread, url = serve_in_thread(app)
    unknown = f"Bearer {new_token()}"
    try:
        async with httpx.AsyncClient(base_url=url) as client:
            before = app.state.auth_db.round_trips
            codes = [await status(client, unknown) for _ in range(120)]
            assert codes[:5] == [(401, "UNAUTHENTICATED")] * 5
            assert codes[5:] == [(429, "RATE_LIMITED")] * 115
            assert app.state.auth_db.round_trips - before == 5
            response = await client.post("/graphql", json=QUERY, headers={"authorization": unknown})
            assert int(response.headers["retry-after"]) >= 1
            assert await status(client, None) == (200, None)
    finally:
        stop_server(server, thread)
