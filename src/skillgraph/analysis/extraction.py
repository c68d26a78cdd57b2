"""Skill extraction over the graph: the lexicon and the embedding model live for the whole
app (``SkillExtractor``); each call reads the text, runs the stages it can, and combines
them (see ``extraction.scoring``).

One call costs one Neo4j round trip in the steady state: the lexical stage runs on the
cached lexicon, the passages it did not explain are embedded, and a single query both finds
their nearest skills and returns the version the lexicon depends on. When the skills
changed meanwhile, the lexicon is rebuilt and the call runs once more.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from skillgraph.extraction.cues import CueReader
from skillgraph.extraction.embedder import Embedder, ModelUnavailable, shared_embedder
from skillgraph.extraction.lexicon import LexicalMatch, Lexicon, SkillLabels
from skillgraph.extraction.model import (
    EvidenceKind,
    Extraction,
    ExtractOptions,
    Found,
    SkillEvidence,
    Stage,
    StageName,
)
from skillgraph.extraction.scoring import (
    BROADER_FACTOR,
    NARROWER_FACTOR,
    SEMANTIC_FLOOR,
    combine,
    lexical_score,
    semantic_score,
)
from skillgraph.extraction.screening import Screened, screen
from skillgraph.extraction.segments import Segment, segments, uncovered
from skillgraph.model.enums import Importance, SkillType
from skillgraph.settings import Settings
from skillgraph.store import extraction as store
from skillgraph.store.database import Database

__all__ = [
    "EXPLAINS",
    "SEMANTIC_CANDIDATES",
    "SEMANTIC_NEIGHBOURS",
    "SkillExtractor",
    "to_extracted",
]

# Nearest skills kept per passage, out of the candidates asked from the (approximate) vector
# index: asking for more than are kept makes its search wider, so fewer true neighbours are
# missed.
SEMANTIC_NEIGHBOURS = 8
SEMANTIC_CANDIDATES = 24
# A lexical match this confident explains its words: a passage they leave with too few other
# words is not embedded (``segments.uncovered``). Weak matches (generic labels such as
# "database" or "ICT") explain nothing.
EXPLAINS = 0.5
# Texts longer than this are matched off the event loop.
_INLINE_CHARS = 2_000


@dataclass(frozen=True)
class _Cached:
    version: tuple[int, str | None]
    lexicon: Lexicon


class SkillExtractor:
    """One per app (or CLI run). The lexicon is rebuilt when the skills change (their count
    or latest ``updatedAt``). The model is loaded once: the app does it at startup
    (``load_model``), before it accepts requests; a CLI run on first use. ``model_loads``
    counts the loads, for tests."""

    def __init__(
        self,
        settings: Settings,
        embedder: Embedder | None = None,
        *,
        loader: Callable[[Settings], Embedder] = shared_embedder,
    ) -> None:
        self.settings = settings
        self._cached: _Cached | None = None
        self._lock = asyncio.Lock()
        self._embedder: Embedder | None = embedder
        self._loader = loader
        self._loading = threading.Lock()
        self._model_problem: str | None = None
        self._model_tried = embedder is not None
        self.model_loads = 0

    def embedder(self) -> Embedder | None:
        """The model, or None (then ``model_problem`` says why). The first call loads it
        (blocking; concurrent first calls wait for that one load)."""
        if self._model_tried:
            return self._embedder
        with self._loading:
            if not self._model_tried:
                self.model_loads += 1
                try:
                    self._embedder = self._loader(self.settings)
                except ModelUnavailable as exc:
                    self._model_problem = str(exc)
                self._model_tried = True
        return self._embedder

    async def load_model(self) -> Embedder | None:
        """``embedder()`` off the event loop (no thread hop once it is loaded)."""
        if self._model_tried:
            return self._embedder
        return await asyncio.to_thread(self.embedder)

    @property
    def model_problem(self) -> str | None:
        return self._model_problem

    async def lexicon(self, db: Database) -> Lexicon:
        """The lexicon of the current skills (rebuilt when they changed)."""
        return (await self._current(db, await store.version(db))).lexicon

    async def _current(self, db: Database, version: tuple[int, str | None]) -> _Cached:
        cached = self._cached
        if cached is not None and cached.version == version:
            return cached
        async with self._lock:
            if self._cached is not None and self._cached.version == version:
                return self._cached
            rows = await store.labels(db)
            skills = [
                SkillLabels(
                    r["id"],
                    r["name"],
                    tuple(r["altLabels"]),
                    SkillType(r["type"]),
                    r["description"],
                )
                for r in rows
            ]
            lexicon = await asyncio.to_thread(Lexicon.build, skills)
            self._cached = _Cached(version, lexicon)
            return self._cached

    async def extract(
        self, db: Database, text: str, options: ExtractOptions, *, field: str = "text"
    ) -> Extraction:
        """Skills in ``text``, best first. Raises BadUserInput for text ``screening`` refuses."""
        screened = screen(text, self.settings.extract_max_chars, field)
        if not screened.lexical:
            stages = (
                Stage(StageName.LEXICAL, False, screened.notes[0]),
                Stage(StageName.SEMANTIC, False, screened.notes[0]),
            )
            return Extraction((), stages, screened.notes, len(text))
        cached = self._cached or await self._current(db, await store.version(db))
        extraction, version = await self._run(db, cached.lexicon, text, options, screened)
        if version != cached.version:  # the skills changed since the lexicon was built
            cached = await self._current(db, version)
            extraction, _ = await self._run(db, cached.lexicon, text, options, screened)
        return extraction

    async def _run(
        self,
        db: Database,
        lexicon: Lexicon,
        text: str,
        options: ExtractOptions,
        screened: Screened,
    ) -> tuple[Extraction, tuple[int, str | None]]:
        notes = list(screened.notes)
        started = time.perf_counter()
        matches: list[LexicalMatch] = []
        if options.lexical:
            matches = (
                lexicon.find(text)
                if len(text) <= _INLINE_CHARS
                else await asyncio.to_thread(lexicon.find, text)
            )
        lexical_stage = (
            Stage(StageName.LEXICAL, True, None, _millis(started))
            if options.lexical
            else Stage(StageName.LEXICAL, False, "not asked for (options.lexical: false)")
        )
        evidence: dict[str, list[SkillEvidence]] = defaultdict(list)
        explained: list[tuple[int, int]] = []
        for m, sharing in _sharing(matches):
            item = _lexical_evidence(text, m, sharing, lexicon)
            evidence[m.skill_id].append(item)
            if item.score >= EXPLAINS:
                explained.append((m.start, m.end))

        started = time.perf_counter()
        embedder, reason = await self._semantic_model(options, screened)
        passages: list[Segment] = []
        vectors: list[list[float]] = []
        if embedder is not None:
            passages = uncovered(segments(text), text, explained)
            if passages:
                vectors = await asyncio.to_thread(embedder.embed, [p.text for p in passages])
        found = await store.lookup(
            db,
            embedder.model_id if embedder is not None else "",
            vectors,
            SEMANTIC_CANDIDATES,
            SEMANTIC_FLOOR,
            keep=SEMANTIC_NEIGHBOURS,
        )
        if embedder is not None and not found.embedded:
            reason = "no skill embeddings are stored yet (run skillgraph embeddings refresh)"
        semantic_stage = Stage(StageName.SEMANTIC, embedder is not None, reason, _millis(started))
        for skill_id, item in _semantic_evidence(found.hits, passages).items():
            evidence[skill_id].append(item)
        if reason is not None and options.semantic:
            notes.append(f"semantic stage skipped: {reason}")

        candidates = [
            _found(skill_id, items)
            for skill_id, items in evidence.items()
            if lexicon.types.get(skill_id) in options.types
        ]
        if options.broader or options.narrower:
            candidates = await self._hierarchy(db, candidates, options, lexicon)
        ranked = sorted(
            (f for f in candidates if f.confidence >= options.min_confidence and f.confidence > 0),
            key=lambda f: (-f.confidence, f.evidence[0].start, f.skill_id),
        )[: options.first]
        reader = CueReader(text)
        extraction = Extraction(
            tuple(_with_cues(f, reader) for f in ranked),
            (lexical_stage, semantic_stage),
            tuple(notes),
            len(text),
        )
        return extraction, found.version

    async def _semantic_model(
        self, options: ExtractOptions, screened: Screened
    ) -> tuple[Embedder | None, str | None]:
        """The model when the semantic stage should run, else None and why not."""
        if not options.semantic:
            return None, "not asked for (options.semantic: false)"
        if not screened.semantic:
            return None, "the text is not English"
        embedder = await self.load_model()
        return embedder, None if embedder is not None else self.model_problem

    async def _hierarchy(
        self, db: Database, found: list[Found], options: ExtractOptions, lexicon: Lexicon
    ) -> list[Found]:
        by_id = {f.skill_id: f for f in found}
        links = await store.hierarchy(db, list(by_id))
        added: dict[str, Found] = {}
        for f in found:
            up, down = links.get(f.skill_id, ([], []))
            related = [(i, EvidenceKind.BROADER, BROADER_FACTOR) for i in up if options.broader]
            related += [
                (i, EvidenceKind.NARROWER, NARROWER_FACTOR) for i in down if options.narrower
            ]
            for other, kind, factor in related:
                if other in by_id or lexicon.types.get(other) not in options.types:
                    continue
                confidence = round(f.confidence * factor, 6)
                top = f.evidence[0]
                item = SkillEvidence(kind, top.start, top.end, top.text, confidence, via=f.skill_id)
                if other not in added or added[other].confidence < confidence:
                    added[other] = Found(other, confidence, (item,))
        return found + list(added.values())


def _millis(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 3)


def _sharing(matches: Sequence[LexicalMatch]) -> list[tuple[LexicalMatch, int]]:
    """Each match with how many skills share its label on its span: for the skill whose
    preferred label it is, the skills of that same preferred label (ESCO has none); for an
    alternative label, every skill matched there through that label. "SQL" names *SQL* and
    is an alternative label of *database management systems*: *SQL* keeps the full score,
    the other gets half of it (1/sqrt(2)) before specificity."""
    every: dict[tuple[int, int, str], set[str]] = defaultdict(set)
    named: dict[tuple[int, int, str], set[str]] = defaultdict(set)
    for m in matches:
        key = (m.start, m.end, m.label.casefold())
        every[key].add(m.skill_id)
        if m.kind is EvidenceKind.EXACT_LABEL:
            named[key].add(m.skill_id)
    out = []
    for m in matches:
        key = (m.start, m.end, m.label.casefold())
        out.append((m, len(named[key] if m.kind is EvidenceKind.EXACT_LABEL else every[key])))
    return out


def _lexical_evidence(text: str, m: LexicalMatch, sharing: int, lexicon: Lexicon) -> SkillEvidence:
    score = lexical_score(m.kind, sharing, lexicon.specificity(m.label))
    return SkillEvidence(m.kind, m.start, m.end, text[m.start : m.end], score, m.label)


def _semantic_evidence(
    hits: Sequence[tuple[int, str, float]], passages: Sequence[Segment]
) -> dict[str, SkillEvidence]:
    """Each skill's best passage among the SEMANTIC_NEIGHBOURS nearest skills of each passage
    (the index returns SEMANTIC_CANDIDATES)."""
    by_passage: dict[int, list[tuple[float, str]]] = defaultdict(list)
    for i, skill_id, cosine in hits:
        by_passage[i].append((cosine, skill_id))
    best: dict[str, tuple[float, Segment]] = {}
    for i, near in by_passage.items():
        for cosine, skill_id in sorted(near, reverse=True)[:SEMANTIC_NEIGHBOURS]:
            if skill_id not in best or cosine > best[skill_id][0]:
                best[skill_id] = (cosine, passages[i])
    out = {}
    for skill_id, (cosine, passage) in best.items():
        score = semantic_score(cosine)
        if score > 0:
            out[skill_id] = SkillEvidence(
                EvidenceKind.SEMANTIC, passage.start, passage.end, passage.text, score
            )
    return out


def _found(skill_id: str, items: list[SkillEvidence]) -> Found:
    lexical = max((e.score for e in items if e.kind is not EvidenceKind.SEMANTIC), default=0.0)
    semantic = max((e.score for e in items if e.kind is EvidenceKind.SEMANTIC), default=0.0)
    ordered = sorted(items, key=lambda e: (-e.score, e.start))
    return Found(skill_id, combine(lexical, semantic), tuple(ordered))


def _with_cues(found: Found, reader: CueReader) -> Found:
    levels: list[int] = []
    importance: Importance | None = None
    reasons: list[str] = []
    for e in found.evidence[:5]:
        cue = reader.read(e.start, e.end)
        if cue.level is not None:
            levels.append(cue.level)
        if importance is None or cue.importance is Importance.ESSENTIAL:
            importance = cue.importance or importance
        reasons.extend(r for r in cue.reasons if r not in reasons)
    return replace(
        found,
        level=max(levels) if levels else None,
        importance=importance,
        cues=tuple(reasons),
    )


def to_extracted(extraction: Extraction, default_level: int = 1) -> list[store.Extracted]:
    """The rows written for extracted links: suggested level (or ``default_level``) and
    importance (or ESSENTIAL), with the evidence as "KIND start-end" strings."""
    return [
        store.Extracted(
            f.skill_id,
            f.confidence,
            f.level or default_level,
            (f.importance or Importance.ESSENTIAL).value,
            tuple(f"{e.kind.value} {e.start}-{e.end}" for e in f.evidence),
        )
        for f in extraction.found
    ]
