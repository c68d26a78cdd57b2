from __future__ import annotations

import csv
import re
from pathlib import Path

from skillgraph.importers import bundled_esco_ict_path, parse_esco
from skillgraph.seed import ESCO_FILES, synthetic_dataset, write_esco_csv
from skillgraph.store.bulk import Kind

SCALE = 0.005
SKILL_URI = re.compile(
    r"http://data\.europa\.eu/esco/skill/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}"
)


def read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file)
        return list(reader.fieldnames or []), list(reader)


def test_the_main_files_have_the_headers_of_the_esco_download(tmp_path: Path) -> None:
    write_esco_csv(tmp_path, SCALE)
    for name in ("skills_en.csv", "occupations_en.csv", "occupationSkillRelations_en.csv"):
        assert read(tmp_path / name)[0] == read(bundled_esco_ict_path() / name)[0], name


def test_the_optional_files_have_the_official_headers(tmp_path: Path) -> None:
    write_esco_csv(tmp_path, SCALE)
    assert read(tmp_path / "broaderRelationsSkillPillar_en.csv")[0] == [
        "conceptType", "conceptUri", "broaderType", "broaderUri",
    ]  # fmt: skip
    assert read(tmp_path / "skillSkillRelations_en.csv")[0] == [
        "originalSkillUri", "originalSkillType", "relationType", "relatedSkillType",
        "relatedSkillUri",
    ]  # fmt: skip


def test_the_returned_counts_are_the_rows_written(tmp_path: Path) -> None:
    counts = write_esco_csv(tmp_path, SCALE)
    assert set(counts) == set(ESCO_FILES)
    for name, count in counts.items():
        assert len(read(tmp_path / name)[1]) == count > 0, name


def test_links_reference_the_concepts_written(tmp_path: Path) -> None:
    write_esco_csv(tmp_path, SCALE)
    skills = {r["conceptUri"] for r in read(tmp_path / "skills_en.csv")[1]}
    occupations = {r["conceptUri"] for r in read(tmp_path / "occupations_en.csv")[1]}
    assert all(SKILL_URI.fullmatch(uri) for uri in skills)
    relations = read(tmp_path / "occupationSkillRelations_en.csv")[1]
    assert {r["occupationUri"] for r in relations} <= occupations
    assert {r["skillUri"] for r in relations} <= skills
    broader = read(tmp_path / "broaderRelationsSkillPillar_en.csv")[1]
    assert {r["conceptUri"] for r in broader} | {r["broaderUri"] for r in broader} <= skills
    related = read(tmp_path / "skillSkillRelations_en.csv")[1]
    ends = {r["originalSkillUri"] for r in related} | {r["relatedSkillUri"] for r in related}
    assert ends <= skills


def test_the_same_seed_writes_the_same_bytes(tmp_path: Path) -> None:
    write_esco_csv(tmp_path / "a", SCALE, seed=5)
    write_esco_csv(tmp_path / "b", SCALE, seed=5)
    for name in ESCO_FILES:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_the_files_hold_the_synthetic_taxonomy(tmp_path: Path) -> None:
    counts = write_esco_csv(tmp_path, SCALE, seed=9)
    stream: dict[Kind, list[str]] = {Kind.SKILLS: [], Kind.REQUIREMENTS: []}
    for kind, rows in synthetic_dataset(SCALE, seed=9):
        if kind is Kind.SKILLS:
            stream[kind] += [row["name"] for row in rows]
        elif kind is Kind.REQUIREMENTS:  # occupations' (job postings are not ESCO's)
            stream[kind] += [
                row["importance"].lower() for row in rows if "/postings/" not in row["roleUri"]
            ]
    assert [r["preferredLabel"] for r in read(tmp_path / "skills_en.csv")[1]] == stream[Kind.SKILLS]
    relations = read(tmp_path / "occupationSkillRelations_en.csv")[1]
    assert [r["relationType"] for r in relations] == stream[Kind.REQUIREMENTS]
    assert counts["occupationSkillRelations_en.csv"] == len(stream[Kind.REQUIREMENTS])


def test_the_esco_importer_accepts_every_row(tmp_path: Path) -> None:
    counts = write_esco_csv(tmp_path, SCALE)
    bundle = parse_esco(tmp_path)
    assert {f.file: (f.rows, f.kept) for f in bundle.files} == {
        name: (count, count) for name, count in counts.items()
    }
