"""Builders of small ESCO folders in the official v1.x layout."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

SKILL_HEADER = (
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
OCCUPATION_HEADER = (
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
RELATION_HEADER = ("occupationUri", "relationType", "skillType", "skillUri")
BROADER_HEADER = ("conceptType", "conceptUri", "broaderType", "broaderUri")
RELATED_HEADER = (
    "originalSkillUri",
    "originalSkillType",
    "relationType",
    "relatedSkillType",
    "relatedSkillUri",
)

Row = dict[str, str]


def skill_uri(n: int) -> str:
    return f"http://data.europa.eu/esco/skill/00000000-0000-4000-8000-{n:012d}"


def occupation_uri(n: int) -> str:
    return f"http://data.europa.eu/esco/occupation/00000000-0000-4000-9000-{n:012d}"


def skill(n: int, **fields: str) -> Row:
    row = {
        "conceptType": "KnowledgeSkillCompetence",
        "conceptUri": skill_uri(n),
        "skillType": "skill/competence",
        "preferredLabel": f"skill {n}",
        "status": "released",
        "description": f"Skill number {n}.",
    }
    return row | fields


def occupation(n: int, **fields: str) -> Row:
    row = {
        "conceptType": "Occupation",
        "conceptUri": occupation_uri(n),
        "iscoGroup": "2512",
        "preferredLabel": f"occupation {n}",
        "status": "released",
        "description": f"Occupation number {n}.",
    }
    return row | fields


def relation(occ: int, sk: int, **fields: str) -> Row:
    row = {
        "occupationUri": occupation_uri(occ),
        "relationType": "essential",
        "skillType": "skill/competence",
        "skillUri": skill_uri(sk),
    }
    return row | fields


def broader(narrower: int, wider: int, **fields: str) -> Row:
    row = {
        "conceptType": "KnowledgeSkillCompetence",
        "conceptUri": skill_uri(narrower),
        "broaderType": "KnowledgeSkillCompetence",
        "broaderUri": skill_uri(wider),
    }
    return row | fields


def related(origin: int, target: int, **fields: str) -> Row:
    row = {
        "originalSkillUri": skill_uri(origin),
        "originalSkillType": "skill/competence",
        "relationType": "optional",
        "relatedSkillType": "skill/competence",
        "relatedSkillUri": skill_uri(target),
    }
    return row | fields


def write_csv(path: Path, header: Sequence[str], rows: Sequence[Row]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(
            handle, fieldnames=list(header), lineterminator="\n", extrasaction="ignore"
        )
        writer.writeheader()
        writer.writerows(rows)
    return path


def write_esco(
    directory: Path,
    *,
    skills: Sequence[Row] | None = None,
    occupations: Sequence[Row] | None = None,
    relations: Sequence[Row] | None = None,
    broader_rows: Sequence[Row] | None = None,
    related_rows: Sequence[Row] | None = None,
) -> Path:
    """A valid folder (2 skills, 1 occupation requiring both) unless told otherwise; the
    optional files are written only when rows are given."""
    write_csv(
        directory / "skills_en.csv",
        SKILL_HEADER,
        [skill(1), skill(2)] if skills is None else skills,
    )
    write_csv(
        directory / "occupations_en.csv",
        OCCUPATION_HEADER,
        [occupation(1)] if occupations is None else occupations,
    )
    write_csv(
        directory / "occupationSkillRelations_en.csv",
        RELATION_HEADER,
        [relation(1, 1), relation(1, 2)] if relations is None else relations,
    )
    if broader_rows is not None:
        write_csv(directory / "broaderRelationsSkillPillar_en.csv", BROADER_HEADER, broader_rows)
    if related_rows is not None:
        write_csv(directory / "skillSkillRelations_en.csv", RELATED_HEADER, related_rows)
    return directory
