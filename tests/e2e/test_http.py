from __future__ import annotations

import httpx

from skillgraph.app import create_app
from skillgraph.settings import Environment, Settings
from tests.e2e.conftest import Api, RunningServer, serve_in_thread, stop_server


async def test_healthz_answers_while_the_process_lives(api: Api) -> None:
    response = await api.client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "service": "skillgraph"}


async def test_the_root_leads_to_graphql(api: Api) -> None:
    response = await api.client.get("/", follow_redirects=False)
    assert response.status_code == 307
    assert response.headers["location"] == "/graphql"


async def test_readyz_is_ready_when_neo4j_is_up_and_migrated(api: Api) -> None:
    response = await api.client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ready"
    assert body["migrations"] == [m.version for m in api.server.database.catalogue.migrations]


async def test_typename_over_post_and_get(api: Api) -> None:
    assert await api.data("{ __typename }") == {"__typename": "Query"}
    response = await api.client.get("/graphql", params={"query": "{ __typename }"})
    assert response.json()["data"] == {"__typename": "Query"}


async def test_graphiql_is_served_to_browsers_in_dev(api: Api) -> None:
    response = await api.client.get("/graphql", headers={"accept": "text/html"})
    assert response.status_code == 200
    assert "graphiql" in response.text.lower()


async def test_an_invalid_document_gets_a_coded_error(api: Api) -> None:
    error = await api.error("{ noSuchField }")
    assert error["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert "noSuchField" in error["message"]


async def test_readyz_answers_503_with_a_reason_when_neo4j_is_unreachable(
    settings: Settings,
) -> None:
    down = settings.model_copy(
        update={"neo4j_uri": "bolt://127.0.0.1:1", "neo4j_connect_timeout_s": 1.0}
    )
    server, thread, url = serve_in_thread(create_app(down))
    try:
        async with httpx.AsyncClient(base_url=url, timeout=30) as client:
            response = await client.get("/readyz")
            assert (await client.get("/healthz")).status_code == 200
    finally:
        stop_server(server, thread)
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["reason"]


async def test_the_server_fixture_runs_the_real_lifespan(server: RunningServer) -> None:
    assert server.database.database == "neo4j"


async def test_readyz_in_prod_gives_only_a_short_reason(settings: Settings) -> None:
    """The driver's text (addresses, library internals) stays in the server log."""
    down = settings.model_copy(
        update={
            "neo4j_uri": "bolt://127.0.0.1:1",
            "neo4j_connect_timeout_s": 1.0,
            "environment": Environment.PROD,
        }
    )
    server, thread, url = serve_in_thread(create_app(down))
    try:
        async with httpx.AsyncClient(base_url=url, timeout=30) as client:
            response = await client.get("/readyz")
    finally:
        stop_server(server, thread)
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "reason": "Neo4j is not reachable"}
