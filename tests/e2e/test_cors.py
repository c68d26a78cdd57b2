"""A browser front-end on another origin: preflights with Authorization and Idempotency-Key,
the allow-list from SKILLGRAPH_CORS_ORIGINS, none in prod unless configured."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest

from skillgraph.app import create_app
from skillgraph.settings import Environment, Settings
from tests.e2e.conftest import serve_in_thread, stop_server

FRONT_END = "https://app.example.org"
PREFLIGHT = {
    "access-control-request-method": "POST",
    "access-control-request-headers": "authorization, content-type, idempotency-key",
}


def running(settings: Settings, **update: Any) -> Iterator[str]:
    server, thread, url = serve_in_thread(create_app(settings.model_copy(update=update)))
    try:
        yield url
    finally:
        stop_server(server, thread)


@pytest.fixture(scope="module")
def allow_listed(settings: Settings) -> Iterator[str]:
    yield from running(settings, environment=Environment.PROD, cors_origins=[FRONT_END])


@pytest.fixture
async def client(allow_listed: str) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=allow_listed, timeout=30) as client:
        yield client


async def test_a_preflight_from_a_listed_origin_allows_the_api_headers(
    client: httpx.AsyncClient,
) -> None:
    response = await client.options("/graphql", headers={"origin": FRONT_END, **PREFLIGHT})
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == FRONT_END
    allowed = {h.strip() for h in response.headers["access-control-allow-headers"].split(",")}
    assert {"authorization", "content-type", "idempotency-key"} <= allowed
    assert "POST" in response.headers["access-control-allow-methods"]


async def test_a_preflight_from_another_origin_is_refused(client: httpx.AsyncClient) -> None:
    response = await client.options(
        "/graphql", headers={"origin": "https://evil.example", **PREFLIGHT}
    )
    assert response.status_code == 400
    assert "access-control-allow-origin" not in response.headers


async def test_answers_to_a_listed_origin_carry_cors_headers_also_on_401(
    client: httpx.AsyncClient,
) -> None:
    ok = await client.post(
        "/graphql", json={"query": "{ __typename }"}, headers={"origin": FRONT_END}
    )
    assert ok.json()["data"] == {"__typename": "Query"}
    assert ok.headers["access-control-allow-origin"] == FRONT_END
    refused = await client.post(
        "/graphql",
        json={"query": "{ __typename }"},
        headers={"origin": FRONT_END, "authorization": "Bearer sg_wrong"},
    )
    assert refused.status_code == 401
    assert refused.headers["access-control-allow-origin"] == FRONT_END


async def test_prod_allows_no_origin_unless_configured(settings: Settings) -> None:
    for url in running(settings, environment=Environment.PROD, cors_origins=None):
        async with httpx.AsyncClient(base_url=url, timeout=30) as client:
            response = await client.options("/graphql", headers={"origin": FRONT_END, **PREFLIGHT})
            assert "access-control-allow-origin" not in response.headers
            post = await client.post(
                "/graphql", json={"query": "{ __typename }"}, headers={"origin": FRONT_END}
            )
            assert "access-control-allow-origin" not in post.headers


async def test_dev_allows_front_end_dev_servers_on_this_machine(settings: Settings) -> None:
    for url in running(settings, environment=Environment.DEV, cors_origins=None):
        async with httpx.AsyncClient(base_url=url, timeout=30) as client:
            local = "http://localhost:5173"
            response = await client.options("/graphql", headers={"origin": local, **PREFLIGHT})
            assert response.headers["access-control-allow-origin"] == local
            other = await client.options("/graphql", headers={"origin": FRONT_END, **PREFLIGHT})
            assert "access-control-allow-origin" not in other.headers


def test_origins_come_comma_separated_and_are_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SKILLGRAPH_CORS_ORIGINS", f"{FRONT_END}, http://localhost:3000")
    assert Settings(_env_file=None).cors_origins == [FRONT_END, "http://localhost:3000"]
    with pytest.raises(ValueError, match="not an origin"):
        Settings(_env_file=None, cors_origins=["https://app.example.org/graphql"])
