"""Terminal output for the CLI: a progress bar for batched writes and a summary table."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from skillgraph.store.bulk import Kind, Tally

__all__ = ["console", "print_tally", "write_progress"]

console = Console(stderr=True)


@contextmanager
def write_progress(total: int | None, label: str) -> Iterator[Callable[[Kind, int], None]]:
    """A progress bar over ``total`` rows (None: unknown); yields the callback bulk writes
    report to."""
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=False) as progress:
        task = progress.add_task(label, total=total)

        def advance(kind: Kind, rows: int) -> None:
            progress.update(task, advance=rows, description=f"{label}: {kind.value}")

        yield advance


def print_tally(tally: Tally, title: str) -> None:
    table = Table(title=title)
    table.add_column("kind")
    table.add_column("created", justify="right")
    table.add_column("updated", justify="right")
    for kind in Kind:
        if kind in tally.created:
            table.add_row(kind.value, str(tally.created[kind]), str(tally.updated[kind]))
    Console().print(table)
