"""The synthetic taxonomy written as an ESCO v1.x CSV folder, to benchmark the ESCO importer."""

from __future__ import annotations

import csv
import uuid
from collections.abc import Iterable, Sequence
from pathlib import Path

from skillgraph.model.enums import SkillType
from skillgraph.seed.sizes import Sizes
from skillgraph.seed.taxonomy import Taxonomy

__all__ = ["ESCO_FILES", "write_esco_csv"]

_SKILLS = (
    "conceptType",
    "conceptUri",
    "skillType",
    "reuseLevel",
    "preferredLabel",
    "altLabels",
    "hiddenLabels",
    "status",
    "modifiedDate",
    "scopeNote",
    "definition",
    "inScheme",
    "description",
)
_OCCUPATIONS = (
    "conceptType",
    "conceptUri",
    "iscoGroup",
    "preferredLabel",
    "altLabels",
    "hiddenLabels",
    "status",
    "modifiedDate",
    "regulatedProfessionNote",
    "scopeNote",
    "definition",
    "inScheme",
    "description",
    "code",
)
_RELATIONS = ("occupationUri", "relationType", "skillType", "skillUri")
_BROADER = ("conceptType", "conceptUri", "broaderType", "broaderUri")
_RELATED = (
    "originalSkillUri",
    "originalSkillType",
    "relationType",
    "relatedSkillType",
    "relatedSkillUri",
)

ESCO_FILES: dict[str, tuple[str, ...]] = {
    "skills_en.csv": _SKILLS,
    "occupations_en.csv": _OCCUPATIONS,
    "occupationSkillRelations_en.csv": _RELATIONS,
    "broaderRelationsSkillPillar_en.csv": _BROADER,
    "skillSkillRelations_en.csv": _RELATED,
}

_CONCEPT = "KnowledgeSkillCompetence"
_SKILL_TYPE = {SkillType.KNOWLEDGE: "knowledge", SkillType.SKILL: "skill/competence"}
_NAMESPACE = uuid.UUID("6f1c2a4e-2b1d-4c8e-9a57-5d0c3e7b9f10")


def write_esco_csv(directory: Path, scale: float = 1.0, *, seed: int = 42) -> dict[str, int]:
    """Writes the taxonomy of ``synthetic_dataset(scale, seed=seed)`` (same names, links and
    counts; ESCO URIs ``http://data.europa.eu/esco/skill/<uuid5>`` instead of synthetic ones)
    as the five ``ESCO_FILES`` into ``directory`` (created if missing; files overwritten).
    Returns the number of data rows per file name."""
    sizes = Sizes.at(scale)
    tax = Taxonomy(sizes.skills, sizes.occupations, seed)
    skills = [_uri("skill", seed, i) for i in range(tax.size)]
    occupations = [_uri("occupation", seed, o) for o in range(len(tax.occupation_skills))]
    types = [_SKILL_TYPE[t] for t in tax.types]
    directory.mkdir(parents=True, exist_ok=True)
    rows = {
        "skills_en.csv": (
            (
                _CONCEPT,
                skills[i],
                types[i],
                "",
                tax.names[i],
                "\n".join(tax.alt_labels(i)),
                "",
                "released",
                "",
                "",
                "",
                "",
                tax.description(i),
            )
            for i in range(tax.size)
        ),
        "occupations_en.csv": (
            (
                "Occupation",
                occupations[o],
                tax.occupation_isco[o],
                title,
                f"{title}s",
                "",
                "released",
                "",
                "",
                "",
                "",
                "",
                f"Synthetic occupation: a {title}.",
                "",
            )
            for o, title in enumerate(tax.occupation_titles)
        ),
        "occupationSkillRelations_en.csv": (
            (
                occupations[o],
                "essential" if n < tax.essential[o] else "optional",
                types[s],
                skills[s],
            )
            for o, linked in enumerate(tax.occupation_skills)
            for n, s in enumerate(linked)
        ),
        "broaderRelationsSkillPillar_en.csv": (
            (_CONCEPT, skills[i], _CONCEPT, skills[parent])
            for i, parent in enumerate(tax.parent)
            if parent >= 0
        ),
        "skillSkillRelations_en.csv": (
            (skills[a], types[a], "essential" if essential else "optional", types[b], skills[b])
            for a, b, essential in tax.related(seed)
        ),
    }
    return {name: _write(directory / name, ESCO_FILES[name], rows[name]) for name in ESCO_FILES}


def _uri(kind: str, seed: int, number: int) -> str:
    return f"http://data.europa.eu/esco/{kind}/{uuid.uuid5(_NAMESPACE, f'{seed}/{kind}/{number}')}"


def _write(path: Path, header: Sequence[str], rows: Iterable[Sequence[str]]) -> int:
    count = 0
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(header)
        for row in rows:
            writer.writerow(row)
            count += 1
    return count
