"""``skillgraph seed demo`` and ``skillgraph seed synthetic``."""

from __future__ import annotations

from collections.abc import Callable

from skillgraph.importers import EscoBundle, bundled_esco_ict_path, parse_esco
from skillgraph.ingest.esco import write_esco
from skillgraph.seed import OccupationRef, SkillRef, demo_catalogue, synthetic_dataset
from skillgraph.store import admin, bulk
from skillgraph.store.bulk import Kind, Tally
from skillgraph.store.database import Database

__all__ = ["is_empty", "seed_demo", "seed_synthetic"]

Progress = Callable[[Kind, int], None]


async def is_empty(db: Database) -> bool:
    return not await admin.counts(db)


def _demo_inputs(
    bundle: EscoBundle,
) -> tuple[list[SkillRef], list[OccupationRef], list[tuple[str, str]]]:
    skills = [
        SkillRef(uri=s.uri, name=s.name, type=s.type, description=s.description)
        for s in bundle.skills
    ]
    occupations = [OccupationRef(uri=r.uri, title=r.title) for r in bundle.roles]
    requirements = [(q.role_uri, q.skill_uri) for q in bundle.requirements]
    return skills, occupations, requirements


async def seed_demo(db: Database, progress: Progress | None = None, *, seed: int = 7) -> Tally:
    """The bundled ESCO ICT subset plus a deterministic catalogue, postings and people built
    over it. Idempotent: seeding again finds every row ``unchanged``."""
    bundle = parse_esco(bundled_esco_ict_path())
    tally = await write_esco(db, bundle, progress)
    skills, occupations, requirements = _demo_inputs(bundle)
    catalogue = demo_catalogue(skills, occupations, requirements, seed=seed)
    more = await bulk.write_stream(db, catalogue, progress=progress)
    tally.merge(more)
    return tally


async def seed_synthetic(
    db: Database, scale: float, progress: Progress | None = None, *, seed: int = 42
) -> Tally:
    """The synthetic dataset at ``scale`` (1.0: 14k skills, 3k occupations, 10k credentials,
    100k people), written in batches of 10,000 rows."""
    return await bulk.write_stream(
        db, synthetic_dataset(scale, seed=seed), batch_size=10_000, progress=progress
    )
