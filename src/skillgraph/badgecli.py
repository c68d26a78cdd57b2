"""``skillgraph verify FILE`` and ``skillgraph import status-list FILE``.

verify exits 0 when every credential is VERIFIED, 1 when one FAILED, 3 when one is only
UNVERIFIED (and none failed), 2 when a file cannot be read or verified at all.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from skillgraph.settings import Settings

if TYPE_CHECKING:
    from skillgraph.store.database import Database
    from skillgraph.verification import BadgeVerification

__all__ = ["cmd_import_status_list", "cmd_verify", "read_document"]

_JWT = re.compile(r"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$")
_STYLE = {"PASSED": "green", "FAILED": "red", "INCONCLUSIVE": "yellow"}
_EXIT = {"VERIFIED": 0, "FAILED": 1, "UNVERIFIED": 3}


def read_document(path: str, limit: int) -> object:
    """A file's JSON, or its compact VC-JWT as a string. ValueError saying why not."""
    file = Path(path)
    try:
        size = file.stat().st_size
        if size > limit:
            raise ValueError(f"it has {size} bytes; at most {limit} are read")
        text = file.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise ValueError(str(exc)) from None
    except UnicodeDecodeError:
        raise ValueError("it is not UTF-8 text") from None
    if _JWT.match(text):
        return text
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise ValueError(f"it is neither JSON nor a compact VC-JWT ({exc})") from None


def _print(path: str, results: list[tuple[str, BadgeVerification]]) -> int:
    from skillgraph.console import console

    codes: list[int] = []
    for where, result in results:
        verification = result.verification
        status = verification.status.value
        when = verification.verified_at.isoformat() if verification.verified_at else ""
        label = path if where == "$" else f"{path} {where}"
        colour = {"VERIFIED": "green", "FAILED": "red"}.get(status, "yellow")
        console.print(f"{label}: [{colour}]{status}[/{colour}] at {when}", soft_wrap=True)
        for check in verification.checks:
            style = _STYLE[check.outcome.value]
            console.print(
                f"  {check.name.value:<10}  [{style}]{check.outcome.value:<12}[/{style}] "
                f"{check.detail}",
                highlight=False,
                soft_wrap=True,
            )
        codes.append(_EXIT[status])
    return next((code for code in (1, 3) if code in codes), 0)


def cmd_verify(args: argparse.Namespace, settings: Settings) -> int:
    from skillgraph.cli import _with_database
    from skillgraph.console import console
    from skillgraph.importers import OpenBadgesError
    from skillgraph.ingest.badgecheck import verify_documents
    from skillgraph.verification import verifier_for

    verifier = verifier_for(settings)
    limit = settings.verify_max_document_bytes * 100
    codes: list[int] = []
    for path in args.paths:
        try:
            document = read_document(path, limit)
        except ValueError as exc:
            console.print(f"[red]{path}: cannot verify:[/red] {exc}")
            codes.append(2)
            continue

        async def work(db: Database | None, document: object = document) -> Any:
            return await verify_documents(db, document, verifier)

        try:
            results = asyncio.run(work(None)) if args.no_graph else _with_database(settings, work)
        except OpenBadgesError as exc:
            console.print(f"[red]{path}: cannot verify:[/red] {exc}")
            codes.append(2)
            continue
        codes.append(_print(path, results))
    return next((code for code in (2, 1, 3) if code in codes), 0)


def cmd_import_status_list(args: argparse.Namespace, settings: Settings) -> int:
    from skillgraph.cli import _print_refresh, _refresh_stats, _with_database
    from skillgraph.console import console
    from skillgraph.errors import BadUserInput
    from skillgraph.ingest.statuslist import StatusListImport, import_status_list
    from skillgraph.verification import verifier_for

    try:
        document = read_document(args.path, settings.verify_max_document_bytes)
    except ValueError as exc:
        console.print(f"[red]{args.path}: not imported:[/red] {exc}")
        return 1

    async def work(db: Database) -> StatusListImport:
        return await import_status_list(db, document, verifier_for(settings), url=args.url)

    try:
        result = _with_database(settings, work)
    except BadUserInput as exc:
        console.print(f"[red]{args.path}: not imported:[/red] {exc}")
        return 1
    console.print(
        f"{args.path}: status list {result.url} ({result.kind.value}) verified and stored; "
        f"{result.awards} award(s) name it, {result.revoked} revoked by it"
    )
    if result.awards:  # rejudged awards change outcomes and supply
        _print_refresh(_refresh_stats(settings))
    return 0


def add_parsers(sub: Any, imports_sub: Any) -> None:
    """Registers ``verify`` and ``import status-list`` on the CLI's subparsers."""
    verify = sub.add_parser(
        "verify", help="verify Open Badges 3.0 credentials and print the checks"
    )
    verify.add_argument(
        "paths", nargs="+", help="files with a credential (JSON or VC-JWT) or a list"
    )
    verify.add_argument(
        "--no-graph",
        action="store_true",
        help="do not consult the graph (pinned keys, providers, imported status lists)",
    )
    verify.set_defaults(handler=cmd_verify)
    status = imports_sub.add_parser(
        "status-list", help="a status list (Bitstring or 1EdTech revocation list), offline"
    )
    status.add_argument("path", help="the list as published (JSON)")
    status.add_argument("--url", help="the URL badges name it by (default: its id)")
    status.set_defaults(handler=cmd_import_status_list)
