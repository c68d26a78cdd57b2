"""skillgraph: serve the GraphQL API, run the local Neo4j, import and seed data, manage API
keys, export the schema. `skillgraph COMMAND --help` describes each command."""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from skillgraph.badgecli import add_parsers as add_badge_parsers
from skillgraph.settings import REPO_ROOT, Settings, get_settings, in_checkout

if TYPE_CHECKING:
    from skillgraph.analysis.value import Refresh
    from skillgraph.store.bulk import Tally
    from skillgraph.store.database import Database

__all__ = ["main"]

REFRESH_TIMEOUT_S = 3600.0

T = TypeVar("T")


def _with_database(
    settings: Settings, work: Callable[..., Awaitable[T]], *, timeout_s: float | None = None
) -> T:
    """Run ``work(db)``; ``timeout_s`` bounds each transaction (default: the server's)."""
    from skillgraph.store.cypher import Catalogue
    from skillgraph.store.database import Database, open_driver

    async def run() -> T:
        driver = open_driver(settings)
        try:
            catalogue = Catalogue.load(settings.cypher_dir)
            db = Database(driver, settings.neo4j_database, catalogue, timeout_s=timeout_s)
            return await work(db)
        finally:
            await driver.close()

    return asyncio.run(run())


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    from skillgraph.server import PortTaken, serve

    try:
        serve(settings, args.host or settings.host, args.port or settings.port, args.workers)
    except PortTaken as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


def cmd_db(args: argparse.Namespace, settings: Settings) -> int:
    from skillgraph.localdb import LocalNeo4j, LocalNeo4jError

    local = LocalNeo4j(settings)
    try:
        if args.action == "start":
            if local.pid() is None and local.needs_build():
                print(
                    "building the embedded Neo4j launcher (tools/neo4j-local) with Maven; the "
                    "first build downloads Neo4j 5.26 from Maven Central (1-2 minutes)",
                    flush=True,
                )
                started = time.monotonic()
                local.build()
                print(f"built in {time.monotonic() - started:.0f}s", flush=True)
            if local.pid() is None:
                print(f"starting {local.label} ...", flush=True)
            print(local.start())
        elif args.action == "stop":
            print(local.stop())
        elif args.action == "status":
            print(local.status())
            return 0 if local.pid() is not None else 3
        elif args.action == "migrate":
            return _migrate(settings)
        elif args.action == "wipe":
            return _wipe(settings, confirmed=args.yes)
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


def _wipe(settings: Settings, *, confirmed: bool) -> int:
    from skillgraph.store import admin

    where = f"database {settings.neo4j_database!r} at {settings.neo4j_uri}"
    if not confirmed:
        if not sys.stdin.isatty():
            print(
                f"error: db wipe deletes all data in {where}; confirm with --yes",
                file=sys.stderr,
            )
            return 2
        print(f"This deletes every node and relationship in {where}.")
        print("The schema, migration records and API keys are kept.")
        if input("Type 'wipe' to go on: ").strip() != "wipe":
            print("nothing was deleted")
            return 1
    _with_database(settings, admin.wipe)
    print(f"wiped {where} (schema, migration records and API keys kept)")
    return 0


def cmd_import(args: argparse.Namespace, settings: Settings) -> int:
    from skillgraph.console import console, print_tally, write_progress
    from skillgraph.importers import ImportValidationError, bundled_esco_ict_path, parse_esco
    from skillgraph.ingest.esco import total_rows, write_esco

    directory = bundled_esco_ict_path() if args.path == "bundled" else Path(args.path)
    started = time.monotonic()
    try:
        bundle = parse_esco(directory)
    except ImportValidationError as exc:
        console.print(f"[red]nothing was written:[/red] {exc}")
        return 1
    console.print(f"validated {directory} in {time.monotonic() - started:.1f}s")

    async def work(db: Database) -> Tally:
        with write_progress(total_rows(bundle), "ESCO") as progress:
            return await write_esco(db, bundle, progress)

    try:
        tally = _with_database(settings, work)
    except ImportValidationError as exc:
        console.print(f"[red]nothing was written:[/red] {exc}")
        return 1
    took = time.monotonic() - started
    print_tally(tally, f"ESCO import: {tally.rows()} rows in {took:.1f}s")
    _print_refresh(_refresh_stats(settings))
    _refresh_embeddings(settings)
    return 0


def _refresh_embeddings(settings: Settings) -> None:
    """Skill embeddings for the semantic stage, with a progress bar; skipped (with a note)
    when the model is not installed."""
    from skillgraph.console import console, embedding_progress
    from skillgraph.extraction.embedder import ModelUnavailable, load_embedder
    from skillgraph.ingest.embeddings import EmbeddingRefresh, refresh_embeddings

    try:
        embedder = load_embedder(settings)
    except ModelUnavailable as exc:
        console.print(f"[yellow]skill embeddings not computed:[/yellow] {exc}")
        return

    async def work(db: Database) -> EmbeddingRefresh:
        with embedding_progress() as progress:
            return await refresh_embeddings(db, embedder, progress)

    done = _with_database(settings, work)
    console.print(
        f"skill embeddings: {done.computed} computed, {done.unchanged} unchanged, "
        f"{done.removed} removed"
    )


def cmd_embeddings(args: argparse.Namespace, settings: Settings) -> int:
    _refresh_embeddings(settings)
    return 0


def cmd_extract(args: argparse.Namespace, settings: Settings) -> int:
    from skillgraph.analysis.extraction import SkillExtractor
    from skillgraph.console import console, print_extraction
    from skillgraph.errors import BadUserInput
    from skillgraph.extraction.model import Extraction, ExtractOptions

    try:
        text = sys.stdin.read() if args.file == "-" else Path(args.file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        console.print(f"[red]cannot read {args.file}:[/red] {exc}")
        return 1
    options = ExtractOptions(
        first=args.first,
        min_confidence=args.min_confidence,
        broader=args.broader,
        narrower=args.narrower,
        semantic=not args.lexical_only,
    )
    extractor = SkillExtractor(settings)

    async def work(db: Database) -> tuple[Extraction, dict[str, str]]:
        from skillgraph.model.ids import NodeType
        from skillgraph.store import nodes

        result = await extractor.extract(db, text, options)
        records = await nodes.get_by_ids(db, NodeType.SKILL, [f.skill_id for f in result.found])
        return result, {k: v["name"] for k, v in records.items()}

    try:
        result, names = _with_database(settings, work)
    except BadUserInput as exc:
        console.print(f"[red]{exc.message}[/red]")
        return 2
    print_extraction(result, names)
    return 0


def cmd_import_badges(args: argparse.Namespace, settings: Settings) -> int:

    from skillgraph.badgecli import read_document
    from skillgraph.console import console
    from skillgraph.importers import OpenBadgesError
    from skillgraph.ingest.openbadges import BadgeImport, import_badges
    from skillgraph.verification import verifier_for

    failed = imported = 0
    verifier = verifier_for(settings)
    for path in args.paths:
        try:
            document = read_document(path, settings.verify_max_document_bytes * 100)
        except ValueError as exc:
            console.print(f"[red]{path}: not readable:[/red] {exc}")
            failed += 1
            continue

        async def work(db: Database, document: object = document) -> BadgeImport:
            return await import_badges(db, document, verifier=verifier)

        try:
            result = _with_database(settings, work)
        except OpenBadgesError as exc:
            console.print(f"[red]{path}: nothing was written:[/red] {exc}")
            failed += 1
            continue
        imported += 1
        console.print(
            f"{path}: {len(result.credential_ids)} credentials, {result.providers} providers, "
            f"{result.teaches} skills taught, {result.awards} awards"
        )
        for problem in result.unknown_alignments:
            console.print(f"  [yellow]not aligned[/yellow] {problem}")
        for found in result.verifications:
            failed_checks = ", ".join(
                c.name.value for c in found.verification.checks if not c.passed
            )
            console.print(
                f"  {found.path}: {found.verification.status.value}"
                + (f" (not passed: {failed_checks})" if failed_checks else "")
            )
    if imported:
        _print_refresh(_refresh_stats(settings))
    return 1 if failed else 0


def cmd_seed(args: argparse.Namespace, settings: Settings) -> int:
    from skillgraph.console import console, print_tally, write_progress
    from skillgraph.ingest.seed import is_empty, seed_demo, seed_synthetic
    from skillgraph.seed import Sizes

    started = time.monotonic()

    async def work(db: Database) -> Tally | None:
        if args.if_empty and not await is_empty(db):
            return None
        if args.dataset == "demo":
            with write_progress(None, "demo") as progress:
                return await seed_demo(db, progress)
        sizes = Sizes.at(args.scale)
        estimate = (
            sizes.people * 24 + sizes.occupations * 43 + sizes.skills * 3 + sizes.credentials * 6
        )
        with write_progress(estimate, f"synthetic x{args.scale:g}") as progress:
            return await seed_synthetic(db, args.scale, progress)

    tally = _with_database(settings, work)
    if tally is None:
        console.print("the graph is not empty; nothing seeded (drop --if-empty to seed anyway)")
        return 0
    took = time.monotonic() - started
    print_tally(tally, f"seed {args.dataset}: {tally.rows()} rows in {took:.1f}s")
    _print_refresh(_refresh_stats(settings))
    if args.dataset == "demo":  # synthetic skill names carry no meaning to embed
        _refresh_embeddings(settings)
    return 0


def cmd_keys(args: argparse.Namespace, settings: Settings) -> int:
    from skillgraph.api.principal import PrincipalRole
    from skillgraph.auth.apikey import hash_secret, new_token
    from skillgraph.auth.keycache import revoke_everywhere
    from skillgraph.store import apikeys

    if args.action == "create":
        role = PrincipalRole(args.role)
        if role is PrincipalRole.ANONYMOUS:
            print("error: ANONYMOUS needs no key", file=sys.stderr)
            return 2
        if (role is PrincipalRole.PERSON) != (args.person is not None):
            print("error: --person is required for, and only for, --role PERSON", file=sys.stderr)
            return 2
        token = new_token()

        async def create(db: Database) -> None:
            await apikeys.create(
                db, token.key_id, hash_secret(token.secret), role.value, args.person, args.name
            )

        _with_database(settings, create)
        print(f"created key {token.key_id} ({role.value}); it is shown only now:")
        print(token)
        return 0
    if args.action == "revoke":

        async def revoke(db: Database) -> bool:
            # Returns once every API process refuses the key (see auth/keycache.py).
            return await revoke_everywhere(db, args.key_id, settings.api_key_cache_s)

        if not _with_database(settings, revoke):
            print(f"error: no key {args.key_id}", file=sys.stderr)
            return 1
        print(f"revoked key {args.key_id}")
        return 0

    async def listing(db: Database) -> list[dict[str, object]]:
        return await apikeys.list_keys(db)

    for key in _with_database(settings, listing):
        state = "revoked" if key.get("revokedAt") else "active"
        person = f" person={key['personId']}" if key.get("personId") else ""
        print(f"{key['id']}  {key['role']:<10} {state:<8} {key.get('name') or ''}{person}")
    return 0


def cmd_stats(args: argparse.Namespace, settings: Settings) -> int:
    _print_refresh(_refresh_stats(settings))
    return 0


def _print_refresh(done: Refresh) -> None:
    steps = ", ".join(f"{name} {seconds:.1f}s" for name, seconds in done.seconds.items())
    print(
        f"signals refreshed in {sum(done.seconds.values()):.1f}s ({steps}): "
        f"{done.credentials} credentials, {done.skills} skills, "
        f"{done.active_postings} active postings"
    )


def _refresh_stats(settings: Settings) -> Refresh:
    from skillgraph.analysis.value import refresh_signals

    # A batch job over the whole graph: each read may take longer than a request would.
    return _with_database(settings, refresh_signals, timeout_s=REFRESH_TIMEOUT_S)


def cmd_export_schema(args: argparse.Namespace, settings: Settings) -> int:
    from skillgraph.api.schema import build_schema

    sdl = build_schema(settings).as_str() + "\n"
    if args.output == "-":
        sys.stdout.write(sdl)
    else:
        Path(args.output).write_text(sdl)
        print(f"wrote {args.output}")
    return 0


def _positive(text: str) -> float:
    value = float(text)
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"must be a positive number, got {text}")
    return value


def _count(text: str) -> int:
    """extractSkills' ``first``: 1..100, as the API accepts it."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number, got {text}") from None
    if not 1 <= value <= 100:
        raise argparse.ArgumentTypeError(f"must be between 1 and 100, got {text}")
    return value


def _share(text: str) -> float:
    """A confidence: 0..1, as the API accepts it."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a number, got {text}") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1, got {text}")
    return value


def _actions(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    help: str,
    actions: dict[str, str],
    handler: Callable[[argparse.Namespace, Settings], int],
) -> dict[str, argparse.ArgumentParser]:
    """A command whose actions are subcommands, each with its own help line."""
    command = sub.add_parser(name, help=help, description=help)
    command.set_defaults(handler=handler)
    actions_sub = command.add_subparsers(dest="action", required=True, metavar="ACTION")
    return {
        action: actions_sub.add_parser(action, help=text, description=text)
        for action, text in actions.items()
    }


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="skillgraph", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    serve = sub.add_parser("serve", help="serve the GraphQL API with uvicorn")
    serve.add_argument("--host", help="default: SKILLGRAPH_HOST")
    serve.add_argument("--port", type=int, help="default: SKILLGRAPH_PORT")
    serve.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    serve.set_defaults(handler=cmd_serve)

    db = _actions(
        sub,
        "db",
        "the local Neo4j and the schema migrations",
        {
            "start": "build (first time) and start the local embedded Neo4j in the background",
            "stop": "stop the local Neo4j (its data stays in SKILLGRAPH_NEO4J_HOME)",
            "status": "say whether the local Neo4j runs (exit status 3 when it does not)",
            "migrate": "apply pending schema migrations to SKILLGRAPH_NEO4J_URI (idempotent)",
            "wipe": "delete all data (asks first); the schema and API keys are kept",
        },
        cmd_db,
    )
    db["wipe"].add_argument("--yes", action="store_true", help="do not ask (for scripts)")

    imports = sub.add_parser("import", help="load data into the graph")
    imports_sub = imports.add_subparsers(dest="source", required=True, metavar="SOURCE")
    esco = imports_sub.add_parser("esco", help="an ESCO CSV download (skills_en.csv, ...)")
    esco.add_argument("path", help="the folder, or `bundled` for the shipped ICT subset")
    esco.set_defaults(handler=cmd_import)
    badges = imports_sub.add_parser("openbadges", help="Open Badges 3.0 JSON documents")
    badges.add_argument(
        "paths", nargs="+", help="files with an Achievement, a credential or a list"
    )
    badges.set_defaults(handler=cmd_import_badges)
    add_badge_parsers(sub, imports_sub)

    seed = _actions(
        sub,
        "seed",
        "load a generated dataset (idempotent: seeding again changes nothing)",
        {
            "demo": "the bundled ESCO ICT subset plus a demo catalogue, postings and people",
            "synthetic": "benchmark data; --scale 1.0 is 14k skills, 10k credentials, 100k people",
        },
        cmd_seed,
    )
    for dataset, command in seed.items():
        command.set_defaults(dataset=dataset)
        command.add_argument(
            "--if-empty", action="store_true", help="do nothing if the graph has data"
        )
    seed["demo"].set_defaults(scale=1.0)
    seed["synthetic"].add_argument(
        "--scale", type=_positive, default=1.0, help="size relative to 1.0 (default 1.0)"
    )

    keys = sub.add_parser("keys", help="API keys (stored hashed; shown once)")
    keys_sub = keys.add_subparsers(dest="action", required=True, metavar="ACTION")
    create = keys_sub.add_parser("create", help="create a key and print it once")
    create.add_argument(
        "--role", required=True, choices=["ADMIN", "EDITOR", "PERSON", "JOB_BOARD", "RESEARCHER"]
    )
    create.add_argument("--person", help="the Person id a PERSON key acts as")
    create.add_argument("--name", default="", help="what the key is for")
    revoke = keys_sub.add_parser("revoke", help="revoke a key at once")
    revoke.add_argument("key_id", help="the 16-hex id shown by create and list")
    keys_sub.add_parser("list", help="every key, without secrets")
    keys.set_defaults(handler=cmd_keys)

    _actions(
        sub,
        "stats",
        "stored signals: skill statistics and trends, market balance, credential value",
        {
            "refresh": "recompute every stored signal (imports and seeding do it too); "
            "writes since the last refresh mark them stale"
        },
        cmd_stats,
    )

    extract = sub.add_parser("extract", help="ESCO skills in a text, with their evidence")
    extract.add_argument("file", help="a UTF-8 text file, or - for standard input")
    extract.add_argument(
        "--first", type=_count, default=20, help="at most this many, 1..100 (default 20)"
    )
    extract.add_argument("--min-confidence", type=_share, default=0.5, help="0..1 (default 0.5)")
    extract.add_argument("--broader", action="store_true", help="add broader concepts")
    extract.add_argument("--narrower", action="store_true", help="add narrower concepts")
    extract.add_argument("--lexical-only", action="store_true", help="skip the semantic stage")
    extract.set_defaults(handler=cmd_extract)

    _actions(
        sub,
        "embeddings",
        "skill embeddings of the semantic stage",
        {"refresh": "embed skills without an embedding or whose labels changed (semantic extra)"},
        cmd_embeddings,
    )

    export = sub.add_parser("export-schema", help="write the GraphQL SDL")
    schema_file = REPO_ROOT / "schema.graphql" if in_checkout() else Path("schema.graphql")
    export.add_argument(
        "--output", default=str(schema_file), help=f"or - for stdout (default: {schema_file})"
    )
    export.set_defaults(handler=cmd_export_schema)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handler: Callable[[argparse.Namespace, Settings], int] = args.handler
    settings = get_settings()
    try:
        if _needs_database(args):
            _with_database(settings, _reachable)
        return handler(args, settings)
    except Exception as exc:
        problem = _database_problem(exc, settings)
        if problem is None:
            raise
        print(f"error: {problem}", file=sys.stderr)
        return 2


def _needs_database(args: argparse.Namespace) -> bool:
    if args.handler is cmd_db:
        return bool(args.action in ("migrate", "wipe"))
    return args.handler in (
        cmd_import,
        cmd_import_badges,
        cmd_seed,
        cmd_keys,
        cmd_stats,
        cmd_extract,
        cmd_embeddings,
    )


async def _reachable(db: Database) -> None:
    """Checked before a command starts, so it fails before printing any progress."""
    await db.driver.verify_connectivity()


def _database_problem(exc: Exception, settings: Settings) -> str | None:
    """One line saying what to run, when ``exc`` means Neo4j cannot be used."""
    from neo4j.exceptions import AuthError, DriverError, Neo4jError

    from skillgraph.errors import StoreUnavailable

    where = settings.neo4j_uri
    if isinstance(exc, AuthError):
        return (
            f"Neo4j at {where} refused the credentials; check SKILLGRAPH_NEO4J_USER and "
            "SKILLGRAPH_NEO4J_PASSWORD"
        )
    if isinstance(exc, StoreUnavailable | DriverError | Neo4jError | OSError):
        return (
            f"Neo4j at {where} is not reachable; start it with `skillgraph db start` "
            "(or `make db-start`), or point SKILLGRAPH_NEO4J_URI at a running one"
        )
    return None


if __name__ == "__main__":
    raise SystemExit(main())
