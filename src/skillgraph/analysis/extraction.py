"""Skill extraction over the graph: the lexicon and the embedding model live for the whole
app (``SkillExtractor``); each call reads the text, runs the stages it can, and combines
them (see ``extraction.scoring``)."""

from __future__ import annotations

import asyncio
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

from skillgraph.extraction.cues import CueReader
from skillgraph.extraction.embedder import Embedder, ModelUnavailable, load_embedder
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
    combine,
    lexical_score,
    semantic_score,
)
from skillgraph.extraction.screening import screen
from skillgraph.extraction.segments import Segment, segments
from skillgraph.model.enums import Importance, SkillType
from skillgraph.settings import Settings
from skillgraph.store import extraction as store
from skillgraph.store.database import Database

__all__ = ["SEMANTIC_NEIGHBOURS", "SkillExtractor", "to_extracted"]

# Nearest skills looked up per passage.
SEMANTIC_NEIGHBOURS = 8


@dataclass(frozen=True)
class _Cached:
    version: tuple[int, str | None]
    lexicon: Lexicon


class SkillExtractor:
    """One per app (or CLI run). The lexicon is rebuilt when the skills change (their count
    or latest ``updatedAt``); the model is loaded once, on first use."""

    def __init__(self, settings: Settings, embedder: Embedder | None = None) -> None:
        self.settings = settings
        self._cached: _Cached | None = None
        self._lock = asyncio.Lock()
        self._embedder: Embedder | None = embedder
        self._model_problem: str | None = None
        self._model_tried = embedder is not None

    def embedder(self) -> Embedder | None:
        """The model, or None (then ``model_problem`` says why)."""
        if not self._model_tried:
            self._model_tried = True
            try:
                self._embedder = load_embedder(self.settings)
            except ModelUnavailable as exc:
                self._model_problem = str(exc)
        return self._embedder

    @property
    def model_problem(self) -> str | None:
        return self._model_problem

    async def lexicon(self, db: Database) -> Lexicon:
        current = await store.version(db)
        cached = self._cached
        if cached is not None and cached.version == current:
            return cached.lexicon
        async with self._lock:
            if self._cached is not None and self._cached.version == current:
                return self._cached.lexicon
            rows = await store.labels(db)
            skills = [
                SkillLabels(r["id"], r["name"], tuple(r["altLabels"]), SkillType(r["type"]))
                for r in rows
            ]
            lexicon = await asyncio.to_thread(Lexicon.build, skills)
            self._cached = _Cached(current, lexicon)
            return lexicon

    async def extract(
        self, db: Database, text: str, options: ExtractOptions, *, field: str = "text"
    ) -> Extraction:
        """Skills in ``text``, best first. Raises BadUserInput for text ``screening`` refuses."""
        screened = screen(text, self.settings.extract_max_chars, field)
        notes = list(screened.notes)
        if not screened.lexical:
            stages = (
                Stage(StageName.LEXICAL, False, screened.notes[0]),
                Stage(StageName.SEMANTIC, False, screened.notes[0]),
            )
            return Extraction((), stages, tuple(notes), len(text))
        started = time.perf_counter()
        lexicon = await self.lexicon(db)
        matches = await asyncio.to_thread(lexicon.find, text)
        lexical_stage = Stage(StageName.LEXICAL, True, None, _millis(started))
        evidence: dict[str, list[SkillEvidence]] = defaultdict(list)
        for m, sharing in _sharing(matches):
            evidence[m.skill_id].append(_lexical_evidence(text, m, sharing))

        semantic_stage, semantic = await self._semantic(db, text, options, screened.semantic)
        for skill_id, items in semantic.items():
            evidence[skill_id].extend(items)
        if semantic_stage.reason and semantic_stage.ran is False and options.semantic:
            notes.append(f"semantic stage skipped: {semantic_stage.reason}")

        found = [
            _found(skill_id, items)
            for skill_id, items in evidence.items()
            if lexicon.types.get(skill_id) in options.types
        ]
        if options.broader or options.narrower:
            found = await self._hierarchy(db, found, options, lexicon)
        reader = CueReader(text)
        ranked = sorted(
            (_with_cues(f, reader) for f in found if f.confidence >= options.min_confidence),
            key=lambda f: (-f.confidence, f.evidence[0].start, f.skill_id),
        )
        return Extraction(
            tuple(ranked[: options.first]), (lexical_stage, semantic_stage), tuple(notes), len(text)
        )

    async def _semantic(
        self, db: Database, text: str, options: ExtractOptions, language_ok: bool
    ) -> tuple[Stage, dict[str, list[SkillEvidence]]]:
        if not options.semantic:
            return Stage(StageName.SEMANTIC, False, "not asked for (options.semantic: false)"), {}
        if not language_ok:
            return Stage(StageName.SEMANTIC, False, "the text is not English"), {}
        embedder = self.embedder()
        if embedder is None:
            return Stage(StageName.SEMANTIC, False, self.model_problem), {}
        started = time.perf_counter()
        passages = segments(text)
        vectors = await asyncio.to_thread(embedder.embed, [p.text for p in passages])
        rows = await store.similar(db, embedder.model_id, vectors, SEMANTIC_NEIGHBOURS)
        best: dict[str, tuple[float, Segment]] = {}
        for row in rows:
            passage = passages[row["passage"]]
            cosine = float(row["cosine"])
            if row["skillId"] not in best or cosine > best[row["skillId"]][0]:
                best[row["skillId"]] = (cosine, passage)
        out = {
            skill_id: [
                SkillEvidence(
                    EvidenceKind.SEMANTIC,
                    passage.start,
                    passage.end,
                    passage.text,
                    semantic_score(cosine),
                )
            ]
            for skill_id, (cosine, passage) in best.items()
            if semantic_score(cosine) > 0
        }
        reason = None if rows or not passages else "no skill embeddings are stored yet"
        return Stage(StageName.SEMANTIC, True, reason, _millis(started)), out

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
    """Each match with how many skills matched the same span through the same label."""
    count: dict[tuple[int, int, str], set[str]] = defaultdict(set)
    for m in matches:
        count[(m.start, m.end, m.label.casefold())].add(m.skill_id)
    return [(m, len(count[(m.start, m.end, m.label.casefold())])) for m in matches]


def _lexical_evidence(text: str, m: LexicalMatch, sharing: int) -> SkillEvidence:
    return SkillEvidence(
        m.kind, m.start, m.end, text[m.start : m.end], lexical_score(m.kind, sharing), m.label
    )


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
