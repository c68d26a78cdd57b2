"""Request limits: each is checked before any Cypher runs and has its own error code."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from skillgraph.app import create_app
from skillgraph.settings import Environment, Settings
from tests.e2e.conftest import Api, serve_in_thread, stop_server


async def no_cypher(api: Api, body: dict[str, object]) -> httpx.Response:
    before = api.server.database.round_trips
    response = await api.client.post("/graphql", json=body)
    assert api.server.database.round_trips == before, "a refused request must not reach Neo4j"
    return response


def narrower(levels: int) -> str:
    """A query ``3 * levels + 1`` deep."""
    return (
        "{ skills(first: 1) "
        + "{ edges { node { narrower(first: 1) " * (levels - 1)
        + "{ edges { node { name"
        + (" } } }" * levels)
        + " }"
    )


async def test_a_query_deeper_than_fifteen_is_refused(api: Api) -> None:
    response = await no_cypher(api, {"query": narrower(6), "variables": {}})
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "QUERY_TOO_DEEP"
    assert "19 levels" in error["message"]


async def test_a_query_fifteen_deep_runs(api: Api) -> None:
    data = await api.data(narrower(4).replace("name", "name narrower { totalCount }", 1))
    assert data["skills"]["edges"] == []


async def test_graphiqls_introspection_query_fits(api: Api) -> None:
    from graphql import get_introspection_query

    data = await api.data(get_introspection_query(descriptions=True))
    assert data["__schema"]["queryType"]["name"] == "Query"


async def test_depth_counts_introspection_and_fragments(api: Api) -> None:
    query = (
        "query { __schema { types { fields { type { ofType { ofType { ofType { ofType {"
        " ofType { ofType { ofType { ofType { ofType { ofType { ofType { name"
        " } } } } } } } } } } } } } } } }"
    )
    error = (await no_cypher(api, {"query": query})).json()["errors"][0]
    assert error["extensions"]["code"] == "QUERY_TOO_DEEP"


async def test_more_than_fifteen_aliases_counting_fragments_is_refused(api: Api) -> None:
    fields = " ".join(f"a{i}: apiVersion" for i in range(10))
    query = f"query {{ ...F b: apiVersion }} fragment F on Query {{ {fields} c: apiVersion "
    query += " ".join(f"d{i}: apiVersion" for i in range(5)) + " }"
    error = (await no_cypher(api, {"query": query})).json()["errors"][0]
    assert error["extensions"]["code"] == "TOO_MANY_ALIASES"
    assert "17 aliases" in error["message"]


async def test_fifteen_aliases_are_fine(api: Api) -> None:
    query = "{ " + " ".join(f"a{i}: apiVersion" for i in range(15)) + " }"
    assert len(await api.data(query)) == 15


async def test_more_than_2000_tokens_is_refused(api: Api) -> None:
    query = "{ " + "apiVersion " * 2100 + "}"
    error = (await no_cypher(api, {"query": query})).json()["errors"][0]
    assert error["extensions"]["code"] == "TOO_MANY_TOKENS"


async def test_cost_multiplies_connections_and_is_reported(api: Api) -> None:
    body = await api.post(
        "{ skills(first: 10) { edges { node {"
        " taughtBy(first: 5) { edges { node { name } } } } } } }"
    )
    assert body["extensions"]["cost"] == {"requested": 120, "maximum": 50000}


async def test_a_too_costly_query_is_refused_before_running(api: Api) -> None:
    query = """query($n: Int) { skills(first: $n) { edges { node {
      taughtBy(first: 100) { edges { node { provider {
        credentials(first: 100) { edges { node { name } } } } } } } } } } }"""
    response = await no_cypher(api, {"query": query, "variables": {"n": 100}})
    body = response.json()
    assert body["errors"][0]["extensions"]["code"] == "QUERY_TOO_COSTLY"
    assert body["extensions"]["cost"]["requested"] > 50000
    assert "data" not in body  # a request error: the document never ran


async def test_more_than_250_list_items_is_refused(api: Api) -> None:
    ids = [f"skill_{i}" for i in range(251)]
    error = await api.error("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", {"ids": ids})
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    error = await api.error(
        "query($u: [String!]) { skills(filter: {uris: $u}) { totalCount } }", {"u": ids}
    )
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "filter.uris"}


async def test_a_body_over_one_mebibyte_is_413(api: Api) -> None:
    padding = "x" * (1024 * 1024)
    response = await api.client.post(
        "/graphql", json={"query": "{ apiVersion }", "variables": {"p": padding}}
    )
    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == "PAYLOAD_TOO_LARGE"


async def test_batched_requests_are_refused(api: Api) -> None:
    response = await api.client.post("/graphql", json=[{"query": "{ apiVersion }"}] * 2)
    assert response.status_code == 400


async def test_mutations_are_refused_over_get(api: Api) -> None:
    response = await api.client.get(
        "/graphql", params={"query": 'mutation { deletePerson(id: "person_x") { id } }'}
    )
    assert response.status_code in (400, 405)


@pytest.mark.parametrize(
    ("content", "content_type"),
    [(b"{not json", "application/json"), (b"query=x", "text/plain")],
)
async def test_malformed_requests_are_400(api: Api, content: bytes, content_type: str) -> None:
    response = await api.client.post(
        "/graphql", content=content, headers={"content-type": content_type}
    )
    assert response.status_code in (400, 415)


@pytest.fixture
async def prod(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    server, thread, url = serve_in_thread(
        create_app(settings.model_copy(update={"environment": Environment.PROD}))
    )
    async with httpx.AsyncClient(base_url=url, timeout=30) as client:
        yield client
    stop_server(server, thread)


async def test_prod_has_no_introspection(prod: httpx.AsyncClient) -> None:
    body = (
        await prod.post("/graphql", json={"query": "{ __schema { queryType { name } } }"})
    ).json()
    assert body["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert "introspection" in body["errors"][0]["message"].lower()


async def test_prod_has_no_graphiql(prod: httpx.AsyncClient) -> None:
    response = await prod.get("/graphql", headers={"accept": "text/html"})
    assert "graphiql" not in response.text.lower()


async def test_prod_gives_no_field_suggestions(prod: httpx.AsyncClient) -> None:
    body = (await prod.post("/graphql", json={"query": "{ skil }"})).json()
    assert "Did you mean" not in body["errors"][0]["message"]


async def test_a_slow_request_times_out_with_its_own_code(settings: Settings) -> None:
    server, thread, url = serve_in_thread(
        create_app(settings.model_copy(update={"request_timeout_s": 0.001}))
    )
    try:
        async with httpx.AsyncClient(base_url=url, timeout=30) as client:
            body = (
                await client.post("/graphql", json={"query": "{ skills { totalCount } }"})
            ).json()
    finally:
        stop_server(server, thread)
    assert body["errors"][0]["extensions"]["code"] == "REQUEST_TIMEOUT"
