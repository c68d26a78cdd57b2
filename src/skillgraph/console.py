"""Terminal output for the CLI: a progress bar for batched writes and a summary table."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from skillgraph.extraction.model import Extraction
from skillgraph.store.bulk import Kind, Tally

__all__ = ["console", "embedding_progress", "print_extraction", "print_tally", "write_progress"]

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
    table.add_column("unchanged", justify="right")
    for kind in tally.kinds():
        table.add_row(
            kind.value,
            str(tally.created[kind]),
            str(tally.updated[kind]),
            str(tally.unchanged[kind]),
        )
    Console().print(table)


@contextmanager
def embedding_progress() -> Iterator[Callable[[int, int], None]]:
    """A progress bar for skill embeddings; yields ``progress(done, total)``."""
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=False) as progress:
        task = progress.add_task("skill embeddings", total=None)

        def advance(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        yield advance


def print_extraction(result: Extraction, names: dict[str, str]) -> None:
    """One row per skill: confidence, kinds of evidence, spans, suggestions."""
    table = Table(title=f"skills in {result.characters:,} characters")
    for column, justify in (
        ("confidence", "right"),
        ("skill", "left"),
        ("evidence", "left"),
        ("span", "left"),
        ("level", "right"),
        ("importance", "left"),
    ):
        table.add_column(column, justify=justify)  # type: ignore[arg-type]
    for found in result.found:
        top = found.evidence[0]
        kinds = ", ".join(dict.fromkeys(e.kind.value for e in found.evidence))
        table.add_row(
            f"{found.confidence:.2f}",
            names.get(found.skill_id, found.skill_id),
            kinds,
            f"{top.start}-{top.end} {top.text[:50]!r}",
            str(found.level or ""),
            found.importance.value if found.importance else "",
        )
    Console().print(table)
    for stage in result.stages:
        state = f"{stage.millis:.0f} ms" if stage.ran else f"skipped: {stage.reason}"
        console.print(f"{stage.name.value.lower()} stage: {state}")
    for note in result.notes:
        console.print(f"[yellow]note:[/yellow] {note}")
