"""The ASGI application: ``create_app(settings)`` builds it; nothing happens at import time."""

from __future__ import annotations

import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse
from starlette.routing import Route

from skillgraph.analysis.extraction import SkillExtractor
from skillgraph.analysis.solving import SolverPool
from skillgraph.api import graphiql
from skillgraph.api.endpoint import GraphQLEndpoint
from skillgraph.api.schema import build_schema
from skillgraph.api.view import GraphQLView
from skillgraph.auth.gate import AccessGate
from skillgraph.bodylimit import BodyLimit
from skillgraph.disconnect import CancelOnDisconnect
from skillgraph.observability import tracing
from skillgraph.observability.metrics import metrics_endpoint
from skillgraph.observability.middleware import ObserveRequests
from skillgraph.settings import Environment, Settings, get_settings
from skillgraph.store import migrations
from skillgraph.store.cypher import Catalogue
from skillgraph.store.database import Database, open_driver
from skillgraph.store.explore import CooccurrenceCache

__all__ = ["create_app"]

log = logging.getLogger("skillgraph")


# What a browser front-end on another origin may send and read.
CORS_HEADERS = ["authorization", "content-type", "idempotency-key", "x-request-id"]
CORS_EXPOSED = ["retry-after", "x-request-id"]


def cors(settings: Settings) -> list[Middleware]:
    """The CORS middleware for ``settings.cors_allowed``; none when no origin is allowed."""
    origins, regex = settings.cors_allowed
    if not origins and regex is None:
        return []
    return [
        Middleware(
            CORSMiddleware,
            allow_origins=origins,
            allow_origin_regex=regex,
            allow_methods=["GET", "POST"],
            allow_headers=CORS_HEADERS,
            expose_headers=CORS_EXPOSED,
            max_age=600,
        )
    ]


def create_app(settings: Settings | None = None) -> Starlette:
    settings = settings or get_settings()
    catalogue = Catalogue.load(settings.cypher_dir)
    tracing.configure(settings)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        driver = open_driver(settings)
        try:
            await driver.verify_connectivity()
        except Exception as exc:  # reported by /readyz; the API recovers later
            log.warning("Neo4j at %s is not reachable yet: %s", settings.neo4j_uri, exc)
        app.state.db = Database(
            driver, settings.neo4j_database, catalogue, timeout_s=settings.request_timeout_s
        )
        # Authentication and idempotency records use their own gateway, so the round-trip
        # count of ``app.state.db`` is only what GraphQL resolvers cost.
        app.state.cooccurrence = CooccurrenceCache()
        app.state.extractor = extractor = SkillExtractor(settings)
        # Loaded before the first request is accepted: no request (a skill write, an
        # extraction) ever waits for the model to load.
        if settings.semantic_stage and await extractor.load_model() is None:
            log.warning("the semantic stage is off: %s", extractor.model_problem)
        app.state.auth_db = Database(
            driver, settings.neo4j_database, catalogue, timeout_s=settings.request_timeout_s
        )
        app.state.solver = SolverPool(settings.solver_workers, settings.solver_queue)
        if settings.gc_freeze:
            # What startup loaded (schema, model, catalogue) lives as long as the app: out of
            # the collector's generations, a collection no longer walks it. Shaping a large
            # read allocates enough to trigger many collections; they were half its CPU.
            gc.freeze()
        try:
            yield
        finally:
            if settings.gc_freeze:
                gc.unfreeze()
            app.state.solver.close()
            await driver.close()
            tracing.shutdown()

    async def healthz(request: Request) -> JSONResponse:
        # "service" lets `skillgraph serve` tell its own instance from another program.
        return JSONResponse({"status": "ok", "service": "skillgraph"})

    async def root(request: Request) -> RedirectResponse:
        return RedirectResponse("/graphql")

    prod = settings.environment is Environment.PROD

    async def readyz(request: Request) -> JSONResponse:
        db: Database = request.app.state.db
        try:
            await db.driver.verify_connectivity()
            state = await migrations.status(db)
        except Exception as exc:  # any driver failure means not ready
            log.warning(
                "not ready: Neo4j at %s: %s: %s", settings.neo4j_uri, type(exc).__name__, exc
            )
            # In prod the driver's text (hosts, versions) stays in the log.
            reason = "Neo4j is not reachable"
            if not prod:
                reason += f": {type(exc).__name__}: {getattr(exc, 'detail', None) or exc}"
            return JSONResponse({"status": "unavailable", "reason": reason}, status_code=503)
        if not state.up_to_date:
            pending = ", ".join(f"{m.version:03d}_{m.name}" for m in state.pending)
            reason = f"migrations pending: {pending}; run `skillgraph db migrate`"
            return JSONResponse({"status": "unavailable", "reason": reason}, status_code=503)
        return JSONResponse({"status": "ready", "migrations": list(state.applied)})

    schema = build_schema(settings)
    graphql = GraphQLEndpoint(GraphQLView(schema, settings), schema, settings)
    routes = [
        Route("/", root, methods=["GET"]),
        Route("/healthz", healthz, methods=["GET"]),
        Route("/readyz", readyz, methods=["GET"]),
        Route("/metrics", metrics_endpoint(settings), methods=["GET"]),
        Route("/graphql", graphql),  # the view answers other methods with 405
    ]
    if settings.environment is not Environment.PROD:
        routes.append(Route(graphiql.ASSETS_PATH + "{name}", graphiql.serve_asset, methods=["GET"]))
    return Starlette(
        routes=routes,
        lifespan=lifespan,
        middleware=[
            # Outermost, so preflights are answered before authentication and rate limits,
            # and 401/413/429 answers carry the CORS headers a browser needs to read them.
            *cors(settings),
            # Next, so what the body limit and the access gate refuse is counted too.
            Middleware(ObserveRequests),
            Middleware(BodyLimit, max_bytes=settings.max_body_bytes),
            Middleware(AccessGate, settings=settings),
            Middleware(CancelOnDisconnect),
        ],
    )
