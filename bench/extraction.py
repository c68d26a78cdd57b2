"""Skill extraction quality and speed (issue 14).

Evaluation sets:
- ESCO alt-labels as queries for their skill (a sample);
- ESCO skill descriptions as queries for their skill (a sample);
- ESCO occupation descriptions as queries for their essential skills;
- bench/data/postings.json: short posting-like texts written and labelled by hand (the
  extraction rules were developed while looking at them);
- bench/data/postings_heldout.json: full-length postings written and labelled by hand after
  the rules and constants were set, and never used to tune them.
Per set and stage: precision@5, recall@10 and MRR, and the best a ranking could score (a
query with fewer than five relevant skills cannot reach precision@5 = 1, one with more than
ten cannot reach recall@10 = 1). Stages: lexical only (the baseline, run with the semantic
stage off), semantic only (the semantic stage alone, on every passage) and combined (both,
as the API runs them).
Speed: CPU milliseconds of this process per 1,000 characters (tokenising, matching, the ONNX
model, the Neo4j driver), and wall milliseconds including the Neo4j round trip, of the
combined run, on each set of postings one text at a time, on the 32 short postings joined
into one text, and on the occupation descriptions.

Run: SKILLGRAPH_EXTERNAL_NEO4J=1 SKILLGRAPH_BENCH_NEO4J_URI=bolt://... \
     taskset -c 0 .venv/bin/python bench/extraction.py   (writes bench/results/extraction.md)
"""

from __future__ import annotations

import asyncio
import csv
import json
import os
import random
import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from common import bench_database, bench_settings, write_result
from skillgraph.analysis.extraction import SkillExtractor
from skillgraph.extraction.model import EvidenceKind, Extraction, ExtractOptions
from skillgraph.ingest.embeddings import refresh_embeddings
from skillgraph.ingest.esco import import_esco
from skillgraph.model.ids import NodeType, id_for_uri
from skillgraph.store import admin
from skillgraph.store.database import Database

# The ESCO ICT subset the package ships (the same files as the demo imports).
BUNDLED = Path(__file__).resolve().parent.parent / "src" / "skillgraph" / "data" / "esco_ict"
DATA = Path(sys.argv[1]) if len(sys.argv) > 1 else BUNDLED
POSTINGS = Path(__file__).parent / "data" / "postings.json"
HELD_OUT = Path(__file__).parent / "data" / "postings_heldout.json"
SAMPLE = 300
SEED = 14


@dataclass(frozen=True)
class Query:
    text: str
    gold: frozenset[str]


def _skills() -> list[dict[str, str]]:
    with (DATA / "skills_en.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def sets() -> dict[str, list[Query]]:
    rng = random.Random(SEED)
    skills = _skills()
    sid = {r["conceptUri"]: id_for_uri(NodeType.SKILL, r["conceptUri"]) for r in skills}
    by_name = {r["preferredLabel"]: sid[r["conceptUri"]] for r in skills}
    alts = [
        Query(a.strip(), frozenset({sid[r["conceptUri"]]}))
        for r in skills
        for a in r["altLabels"].splitlines()
        if a.strip()
    ]
    described = [
        Query(r["description"], frozenset({sid[r["conceptUri"]]}))
        for r in skills
        if r["description"].strip()
    ]
    with (DATA / "occupations_en.csv").open(encoding="utf-8") as handle:
        occupations = {r["conceptUri"]: r["description"] for r in csv.DictReader(handle)}
    essential: dict[str, set[str]] = {}
    with (DATA / "occupationSkillRelations_en.csv").open(encoding="utf-8") as handle:
        for r in csv.DictReader(handle):
            if r["relationType"] == "essential" and r["skillUri"] in sid:
                essential.setdefault(r["occupationUri"], set()).add(sid[r["skillUri"]])
    jobs = [
        Query(text, frozenset(essential[uri]))
        for uri, text in occupations.items()
        if text.strip() and essential.get(uri)
    ]
    postings = [
        Query(p["text"], frozenset(by_name[s] for s in p["skills"]))
        for p in json.loads(POSTINGS.read_text(encoding="utf-8"))
    ]
    held_out = [
        Query(p["text"], frozenset(by_name[s] for s in p["skills"]))
        for p in json.loads(HELD_OUT.read_text(encoding="utf-8"))
    ]
    return {
        f"ESCO alt-labels ({SAMPLE} of {len(alts)})": rng.sample(alts, min(SAMPLE, len(alts))),
        f"ESCO skill descriptions ({SAMPLE} of {len(described)})": rng.sample(
            described, min(SAMPLE, len(described))
        ),
        f"ESCO occupation descriptions ({len(jobs)})": jobs,
        f"hand-labelled postings ({len(postings)})": postings,
        f"held-out postings ({len(held_out)})": held_out,
    }


def metrics(ranked: Sequence[str], gold: frozenset[str]) -> tuple[float, float, float]:
    p5 = len(set(ranked[:5]) & gold) / 5
    r10 = len(set(ranked[:10]) & gold) / len(gold)
    rr = next((1 / (i + 1) for i, s in enumerate(ranked) if s in gold), 0.0)
    return p5, r10, rr


def ceiling(gold: frozenset[str]) -> tuple[float, float, float]:
    """The best precision@5, recall@10 and MRR any ranking can score for ``gold``."""
    return min(5, len(gold)) / 5, min(10, len(gold)) / len(gold), 1.0


def semantic_ranking(result: Extraction) -> list[str]:
    scored = [
        (max(e.score for e in f.evidence if e.kind is EvidenceKind.SEMANTIC), f.skill_id)
        for f in result.found
        if any(e.kind is EvidenceKind.SEMANTIC for e in f.evidence)
    ]
    return [s for _, s in sorted(scored, key=lambda x: -x[0])]


def _mean_len(texts: Sequence[str]) -> int:
    return sum(map(len, texts)) // len(texts)


async def speed(
    extractor: SkillExtractor, db: Database, texts: Sequence[str], options: ExtractOptions
) -> tuple[float, float, float]:
    """CPU and wall milliseconds per 1,000 characters of extracting ``texts`` one by one,
    and CPU milliseconds per text."""
    cpu, wall = time.process_time(), time.perf_counter()
    for text in texts:
        await extractor.extract(db, text, options)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    chars = sum(map(len, texts)) / 1000
    return cpu * 1000 / chars, wall * 1000 / chars, cpu * 1000 / len(texts)


async def main() -> None:
    settings = bench_settings()
    extractor = SkillExtractor(settings)
    loading = time.perf_counter()
    embedder = extractor.embedder()
    loaded_s = time.perf_counter() - loading
    assert embedder is not None, extractor.model_problem
    queries = sets()
    wide = ExtractOptions(first=50, min_confidence=0.0)
    lexical_only = ExtractOptions(first=50, min_confidence=0.0, semantic=False)
    semantic_only = ExtractOptions(first=50, min_confidence=0.0, lexical=False)
    load_before = os.getloadavg()
    async with bench_database() as db:
        await admin.wipe(db)
        await import_esco(db, DATA)
        started = time.process_time()
        done = await refresh_embeddings(db, embedder)
        embed_cpu = time.process_time() - started
        await extractor.extract(db, "warm up Python", wide)
        lines = [
            "# Skill extraction: quality and speed",
            "",
            f"Data: {DATA} ({done.computed} skills embedded in {embed_cpu:.1f} s CPU). "
            f"Model: {embedder.model_id} (all-MiniLM-L6-v2, ONNX, int8 MatMuls) on onnxruntime, "
            f"{settings.embedding_threads} thread, loaded (sha256 checks and int8 rewrite "
            f"included) in {loaded_s:.1f} s. "
            "Command: `SKILLGRAPH_EXTERNAL_NEO4J=1 SKILLGRAPH_BENCH_NEO4J_URI=bolt://... "
            "taskset -c 0 .venv/bin/python bench/extraction.py`.",
            "",
            "Precision@5 counts relevant skills among the first five divided by five, so a "
            "query with one relevant skill scores at most 0.2; `best possible` is what a "
            "perfect ranking would score on the set.",
            "",
            "| set | stage | precision@5 | recall@10 | MRR |",
            "|---|---|---:|---:|---:|",
        ]
        for name, items in queries.items():
            sums: dict[str, list[float]] = {
                k: [0.0, 0.0, 0.0]
                for k in ("lexical (baseline)", "semantic", "combined", "best possible")
            }
            for q in items:
                text = q.text[: settings.extract_max_chars]
                lex = await extractor.extract(db, text, lexical_only)
                sem = await extractor.extract(db, text, semantic_only)
                both = await extractor.extract(db, text, wide)
                scores = {
                    "lexical (baseline)": metrics([f.skill_id for f in lex.found], q.gold),
                    "semantic": metrics(semantic_ranking(sem), q.gold),
                    "combined": metrics([f.skill_id for f in both.found], q.gold),
                    "best possible": ceiling(q.gold),
                }
                for stage, values in scores.items():
                    for i, value in enumerate(values):
                        sums[stage][i] += value
            for stage, (p5, r10, mrr) in sums.items():
                n = len(items)
                lines.append(f"| {name} | {stage} | {p5 / n:.3f} | {r10 / n:.3f} | {mrr / n:.3f} |")

        def texts(prefix: str) -> list[str]:
            return [q.text for n, items in queries.items() if n.startswith(prefix) for q in items]

        short, held_out = texts("hand-labelled"), texts("held-out")
        joined = "\n".join(short)
        speed_sets = [
            (
                f"short postings, one at a time ({len(short)}, ~{_mean_len(short)} characters)",
                short,
            ),
            (
                f"held-out postings, one at a time ({len(held_out)}, "
                f"~{_mean_len(held_out)} characters)",
                held_out,
            ),
            (f"the short postings joined into one text ({len(joined):,} characters)", [joined]),
            (
                f"ESCO occupation descriptions ({len(texts('ESCO occ'))}, "
                f"~{_mean_len(texts('ESCO occ'))} characters)",
                texts("ESCO occ"),
            ),
        ]
        lines += [
            "",
            "## Speed (both stages)",
            "",
            "Median of 5 runs over each set. Target (issue 14): at most 50 ms per 1,000 "
            "characters on one core with the semantic stage on.",
            "",
            "| texts | CPU ms per 1,000 characters | CPU ms per text | wall ms per 1,000 "
            "characters (with the Neo4j round trip) |",
            "|---|---:|---:|---:|",
        ]
        for label, items in speed_sets:
            runs = [await speed(extractor, db, items, wide) for _ in range(5)]
            cpu, wall, per_text = (statistics.median(r[i] for r in runs) for i in range(3))
            lines.append(f"| {label} | {cpu:.1f} | {per_text:.1f} | {wall:.1f} |")
        load_after = os.getloadavg()
        lines += [
            "",
            "CPU counts every thread of this process: tokenising, the label automaton, "
            "segmenting, the ONNX model, the Neo4j driver and combining (not Neo4j itself). "
            f"Load average of the machine (shared with other work): {load_before[0]:.1f} "
            f"before, {load_after[0]:.1f} after.",
        ]
    write_result("extraction.md", "\n".join(lines) + "\n")


if __name__ == "__main__":
    asyncio.run(main())
