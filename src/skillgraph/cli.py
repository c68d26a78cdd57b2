"""``skillgraph``: serve the API, run the local Neo4j, migrate, export the schema."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import TypeVar

from skillgraph.settings import REPO_ROOT, Settings, get_settings

__all__ = ["main"]

T = TypeVar("T")


def _with_database(settings: Settings, work: Callable[..., Awaitable[T]]) -> T:
    from skillgraph.store.cypher import Catalogue
    from skillgraph.store.database import Database, open_driver

    async def run() -> T:
        driver = open_driver(settings)
        try:
            db = Database(driver, settings.neo4j_database, Catalogue.load(settings.cypher_dir))
            return await work(db)
        finally:
            await driver.close()

    return asyncio.run(run())


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    from skillgraph.app import create_app

    uvicorn.run(
        create_app(settings),
        host=args.host or settings.host,
        port=args.port or settings.port,
        log_level="info",
        timeout_graceful_shutdown=5,
    )
    return 0


def cmd_db(args: argparse.Namespace, settings: Settings) -> int:
    from skillgraph.localdb import LocalNeo4j, LocalNeo4jError

    local = LocalNeo4j(settings)
    try:
        if args.action == "start":
            print(local.start())
        elif args.action == "stop":
            print(local.stop())
        elif args.action == "status":
            print(local.status())
            return 0 if local.pid() is not None else 3
        elif args.action == "migrate":
            return _migrate(settings)
        elif args.action == "wipe":
            return _wipe(settings)
    except LocalNeo4jError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


def _migrate(settings: Settings) -> int:
    from skillgraph.store import migrations

    applied = _with_database(settings, migrations.apply_pending)
    if applied:
        for migration in applied:
            print(f"applied {migration.version:03d}_{migration.name}")
    else:
        print("migrations up to date")
    return 0


def _wipe(settings: Settings) -> int:
    from skillgraph.store import admin

    _with_database(settings, admin.wipe)
    print("graph wiped (schema and migration records kept)")
    return 0


def cmd_export_schema(args: argparse.Namespace, settings: Settings) -> int:
    from skillgraph.api.schema import build_schema

    sdl = build_schema(settings).as_str() + "\n"
    if args.output == "-":
        sys.stdout.write(sdl)
    else:
        Path(args.output).write_text(sdl)
        print(f"wrote {args.output}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="skillgraph", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="serve the GraphQL API with uvicorn")
    serve.add_argument("--host", help="default: SKILLGRAPH_HOST")
    serve.add_argument("--port", type=int, help="default: SKILLGRAPH_PORT")
    serve.set_defaults(handler=cmd_serve)

    db = sub.add_parser("db", help="the local Neo4j and the schema migrations")
    db.add_argument("action", choices=["start", "stop", "status", "migrate", "wipe"])
    db.set_defaults(handler=cmd_db)

    export = sub.add_parser("export-schema", help="write the GraphQL SDL")
    export.add_argument(
        "--output", default=str(REPO_ROOT / "schema.graphql"), help="or - for stdout"
    )
    export.set_defaults(handler=cmd_export_schema)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handler: Callable[[argparse.Namespace, Settings], int] = args.handler
    return handler(args, get_settings())


if __name__ == "__main__":
    raise SystemExit(main())
