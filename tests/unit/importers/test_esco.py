from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from skillgraph.errors import BadUserInput
from skillgraph.importers import (
    EscoBroader,
    EscoTable,
    FileSummary,
    ImportValidationError,
    Problem,
    bundled_esco_ict_path,
    parse_esco,
)
from skillgraph.model.enums import Importance, SkillType
from skillgraph.model.nodes import RoleWrite, SkillWrite
from tests.unit.importers.factories import (
    BROADER_HEADER,
    OCCUPATION_HEADER,
    RELATED_HEADER,
    RELATION_HEADER,
    SKILL_HEADER,
    broader,
    occupation,
    occupation_uri,
    related,
    relation,
    skill,
    skill_uri,
    write_csv,
    write_esco,
)

SMALL = Path(__file__).parents[2] / "fixtures" / "esco" / "small"
OPTIONAL = ("broaderRelationsSkillPillar_en.csv", "skillSkillRelations_en.csv")


def problems_of(directory: Path) -> list[tuple[str, int, str]]:
    with pytest.raises(ImportValidationError) as caught:
        parse_esco(directory)
    return [(p.file, p.line, p.message) for p in caught.value.problems]


def where(directory: Path) -> list[tuple[str, int]]:
    return [(file, line) for file, line, _ in problems_of(directory)]


# -- the real data ------------------------------------------------------------------------


def test_the_bundled_ict_subset_parses_with_the_documented_counts() -> None:
    bundle = parse_esco(bundled_esco_ict_path())
    assert len(bundle.skills) == 1089
    assert len(bundle.roles) == 91
    assert len(bundle.requirements) == 1772
    assert bundle.files == (
        FileSummary("skills_en.csv", 1089, 1089),
        FileSummary("occupations_en.csv", 91, 91),
        FileSummary("occupationSkillRelations_en.csv", 1772, 1772),
    )
    assert sum(s.type is SkillType.KNOWLEDGE for s in bundle.skills) == 363
    assert {r.importance for r in bundle.requirements} == {Importance.ESSENTIAL}
    assert bundle.broader == ()
    assert bundle.related == ()
    assert bundle.external_skill_uris == bundle.external_role_uris == frozenset()
    assert all(r.isco_group is None for r in bundle.roles)
    bundle.check_references(set(), set())


def test_the_bundled_rows_satisfy_the_write_models() -> None:
    bundle = parse_esco(bundled_esco_ict_path())
    for row in bundle.rows(EscoTable.SKILLS):
        SkillWrite.model_validate({k: v for k, v in row.items() if k != "uri"})
    for row in bundle.rows(EscoTable.ROLES):
        RoleWrite.model_validate({k: v for k, v in row.items() if k != "uri"})


def test_each_bundled_skill_label_names_one_skill() -> None:
    # Real ESCO labels are unique within a language; the subset's revision 2 merged the
    # duplicates its source slice had.
    bundle = parse_esco(bundled_esco_ict_path())
    labels = [s.name.casefold() for s in bundle.skills]
    assert len(set(labels)) == len(labels)
    pairs = [(r.role_uri, r.skill_uri) for r in bundle.requirements]
    assert len(set(pairs)) == len(pairs)


def test_the_bundled_data_keeps_its_attribution() -> None:
    folder = bundled_esco_ict_path()
    assert sorted(p.name for p in folder.iterdir()) == [
        "README.md",
        "occupationSkillRelations_en.csv",
        "occupations_en.csv",
        "skills_en.csv",
    ]
    assert "© European Union" in (folder / "README.md").read_text(encoding="utf-8")


def test_real_alt_labels_are_split_on_newlines() -> None:
    bundle = parse_esco(bundled_esco_ict_path())
    role = next(r for r in bundle.roles if r.title == "ICT security administrator")
    assert role.alt_labels[:3] == (
        "ICT security administrators",
        "IT security administrator",
        "network security administrator",
    )
    assert all(label == label.strip() and label for r in bundle.roles for label in r.alt_labels)


# -- layout ---------------------------------------------------------------------------------


def test_the_official_layout_with_optional_files_and_extra_columns(tmp_path: Path) -> None:
    bundle = parse_esco(SMALL)
    assert [s.name for s in bundle.skills] == [
        "Python",
        "develop software",
        "debug software",
        "SQL",
    ]
    python = bundle.skills[0]
    assert python.type is SkillType.KNOWLEDGE
    assert python.alt_labels == ("Python programming", "Python 3")
    assert bundle.skills[2].description is None
    assert [(r.title, r.isco_group) for r in bundle.roles] == [
        ("software developer", "2512"),
        ("database developer", "2521"),
    ]
    assert [r.importance for r in bundle.requirements] == [
        Importance.ESSENTIAL,
        Importance.ESSENTIAL,
        Importance.OPTIONAL,
        Importance.ESSENTIAL,
    ]
    assert [(b.narrower_uri[-2:], b.broader_uri[-2:]) for b in bundle.broader] == [("03", "02")]
    assert [(r.from_uri[-2:], r.to_uri[-2:], r.relation_type) for r in bundle.related] == [
        ("02", "01", Importance.ESSENTIAL),
        ("03", "02", Importance.OPTIONAL),
    ]


def test_broader_rows_that_do_not_link_two_skills_are_skipped_and_counted() -> None:
    summary = {f.file: f for f in parse_esco(SMALL).files}["broaderRelationsSkillPillar_en.csv"]
    assert (summary.rows, summary.kept) == (4, 1)
    assert dict(summary.skipped) == {
        "broaderType is SkillGroup, not a skill": 1,
        "conceptType is SkillGroup, not a skill": 1,
        "not an ESCO skill URI and not in the skills file": 1,
    }


def test_optional_files_may_be_absent(tmp_path: Path) -> None:
    shutil.copytree(SMALL, tmp_path, dirs_exist_ok=True)
    for name in OPTIONAL:
        (tmp_path / name).unlink()
    bundle = parse_esco(tmp_path)
    assert bundle.broader == ()
    assert bundle.related == ()
    assert [f.file for f in bundle.files] == [
        "skills_en.csv",
        "occupations_en.csv",
        "occupationSkillRelations_en.csv",
    ]


def test_columns_may_come_in_any_order(tmp_path: Path) -> None:
    canonical = parse_esco(write_esco(tmp_path / "a"))
    reordered = tmp_path / "b"
    write_esco(reordered)
    write_csv(reordered / "skills_en.csv", SKILL_HEADER[::-1], [skill(1), skill(2)])
    write_csv(reordered / "occupations_en.csv", OCCUPATION_HEADER[::-1], [occupation(1)])
    write_csv(
        reordered / "occupationSkillRelations_en.csv",
        RELATION_HEADER[::-1],
        [relation(1, 1), relation(1, 2)],
    )
    bundle = parse_esco(reordered)
    assert (bundle.skills, bundle.roles) == (canonical.skills, canonical.roles)
    assert bundle.rows(EscoTable.REQUIREMENTS) == canonical.rows(EscoTable.REQUIREMENTS)


def test_extra_columns_are_ignored(tmp_path: Path) -> None:
    write_esco(tmp_path)
    write_csv(
        tmp_path / "occupations_en.csv",
        (*OCCUPATION_HEADER, "naceCode"),
        [occupation(1, naceCode="J62")],
    )
    header = (
        "occupationUri",
        "occupationLabel",
        "relationType",
        "skillType",
        "skillUri",
        "skillLabel",
    )
    rows = [relation(1, n, occupationLabel="occupation 1", skillLabel=f"skill {n}") for n in (1, 2)]
    write_csv(tmp_path / "occupationSkillRelations_en.csv", header, rows)
    assert len(parse_esco(tmp_path).requirements) == 2


def test_a_missing_required_column_names_file_and_column(tmp_path: Path) -> None:
    write_esco(tmp_path)
    header = tuple(c for c in SKILL_HEADER if c != "skillType")
    write_csv(tmp_path / "skills_en.csv", header, [skill(1)])
    [(file, line, message)] = problems_of(tmp_path)
    assert (file, line) == ("skills_en.csv", 1)
    assert message.startswith("missing required column 'skillType'")


def test_a_missing_column_in_an_optional_file_is_reported(tmp_path: Path) -> None:
    write_esco(tmp_path, related_rows=[related(1, 2)])
    write_csv(tmp_path / "skillSkillRelations_en.csv", RELATED_HEADER[:-1], [])
    [(file, line, message)] = problems_of(tmp_path)
    assert (file, line) == ("skillSkillRelations_en.csv", 1)
    assert message.startswith("missing required column 'relatedSkillUri'")


def test_a_missing_required_file_is_reported(tmp_path: Path) -> None:
    write_esco(tmp_path)
    (tmp_path / "occupations_en.csv").unlink()
    assert where(tmp_path)[0] == ("occupations_en.csv", 0)


def test_another_language_reads_its_own_files(tmp_path: Path) -> None:
    write_esco(tmp_path)
    for path in tmp_path.glob("*_en.csv"):
        path.rename(path.with_name(path.name.replace("_en", "_de")))
    assert len(parse_esco(tmp_path, language="de").skills) == 2


# -- fields ---------------------------------------------------------------------------------


def test_alt_labels_are_split_stripped_and_deduplicated_in_order(tmp_path: Path) -> None:
    write_esco(tmp_path, skills=[skill(1, altLabels="b\n\n  a  \r\nb\nc\n"), skill(2)])
    assert parse_esco(tmp_path).skills[0].alt_labels == ("b", "a", "c")


def test_empty_optional_fields_become_none(tmp_path: Path) -> None:
    write_esco(
        tmp_path,
        skills=[skill(1, description="  "), skill(2)],
        occupations=[occupation(1, iscoGroup="")],
    )
    bundle = parse_esco(tmp_path)
    assert bundle.skills[0].description is None
    assert bundle.roles[0].isco_group is None


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"conceptUri": ""}, "conceptUri is empty; every row needs a URI"),
        (
            {"conceptUri": "not a uri"},
            "conceptUri 'not a uri' is not an absolute http, https, urn or did URI",
        ),
        ({"preferredLabel": " "}, "preferredLabel is empty; every concept needs a name"),
        ({"preferredLabel": "x" * 301}, "preferredLabel is longer than 300 characters"),
        (
            {"skillType": "competence"},
            "skillType is 'competence'; use knowledge or skill/competence",
        ),
        ({"skillType": ""}, "skillType is empty; use knowledge or skill/competence"),
        ({"altLabels": "y" * 301}, "altLabels has a label longer than 300 characters"),
        ({"description": "z" * 20_001}, "description is longer than 20000 characters"),
    ],
)
def test_each_invalid_skill_field_is_reported_at_its_line(
    tmp_path: Path, fields: dict[str, str], message: str
) -> None:
    write_esco(tmp_path, skills=[skill(1), skill(2, **fields)], relations=[relation(1, 1)])
    [(file, line, text)] = problems_of(tmp_path)
    assert (file, line) == ("skills_en.csv", 3)
    assert text.startswith(message)


def test_too_many_alt_labels_are_reported(tmp_path: Path) -> None:
    labels = "\n".join(f"label {n}" for n in range(251))
    write_esco(tmp_path, skills=[skill(1, altLabels=labels), skill(2)])
    assert problems_of(tmp_path) == [("skills_en.csv", 2, "altLabels has 251 labels; at most 250")]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"preferredLabel": ""}, "preferredLabel is empty; every concept needs a name"),
        ({"iscoGroup": "25A"}, "iscoGroup '25A' is not an ISCO-08 code like 2512"),
        ({"conceptUri": ""}, "conceptUri is empty; every row needs a URI"),
    ],
)
def test_each_invalid_occupation_field_is_reported_at_its_line(
    tmp_path: Path, fields: dict[str, str], message: str
) -> None:
    write_esco(tmp_path, occupations=[occupation(1), occupation(2, **fields)])
    assert problems_of(tmp_path) == [("occupations_en.csv", 3, message)]


def test_a_duplicate_uri_is_reported_with_its_first_line(tmp_path: Path) -> None:
    write_esco(tmp_path, skills=[skill(1), skill(2), skill(1, preferredLabel="again")])
    assert problems_of(tmp_path) == [
        ("skills_en.csv", 4, f"duplicate conceptUri {skill_uri(1)} (first on line 2)")
    ]


def test_line_numbers_count_the_physical_lines_of_multiline_fields(tmp_path: Path) -> None:
    write_esco(
        tmp_path,
        skills=[
            skill(1, altLabels="a\nb\nc"),  # lines 2-4
            skill(2, description="one\ntwo"),  # lines 5-6
            skill(3, skillType="bogus"),  # line 7
        ],
    )
    assert where(tmp_path) == [("skills_en.csv", 7)]


def test_an_unknown_relation_type_is_reported(tmp_path: Path) -> None:
    write_esco(tmp_path, relations=[relation(1, 1), relation(1, 2, relationType="mandatory")])
    assert problems_of(tmp_path) == [
        (
            "occupationSkillRelations_en.csv",
            3,
            "relationType is 'mandatory'; use essential or optional",
        )
    ]


def test_a_repeated_link_is_skipped_and_a_contradicting_one_reported(tmp_path: Path) -> None:
    write_esco(tmp_path, relations=[relation(1, 1), relation(1, 2), relation(1, 1)])
    bundle = parse_esco(tmp_path)
    assert len(bundle.requirements) == 2
    assert bundle.files[2] == FileSummary(
        "occupationSkillRelations_en.csv", 3, 2, (("repeats an earlier row", 1),)
    )
    write_esco(tmp_path, relations=[relation(1, 1), relation(1, 1, relationType="optional")])
    assert problems_of(tmp_path) == [
        (
            "occupationSkillRelations_en.csv",
            3,
            "contradicts line 2, which links the same pair",
        )
    ]


def test_malformed_csv_rows_are_reported_with_their_lines(tmp_path: Path) -> None:
    write_esco(tmp_path)
    text = (tmp_path / "occupationSkillRelations_en.csv").read_text()
    text += f'{occupation_uri(1)},essential,knowledge\n{occupation_uri(1)},"essential"x,k,u\n'
    (tmp_path / "occupationSkillRelations_en.csv").write_text(text)
    problems = problems_of(tmp_path)
    assert [(file, line) for file, line, _ in problems] == [
        ("occupationSkillRelations_en.csv", 4),
        ("occupationSkillRelations_en.csv", 5),
    ]
    assert problems[0][2].startswith("has 3 fields but the header has 4")
    assert problems[1][2].startswith("malformed CSV")


# -- links ----------------------------------------------------------------------------------


def test_links_to_undefined_concepts_are_external_references(tmp_path: Path) -> None:
    write_esco(
        tmp_path,
        relations=[relation(1, 1), relation(2, 9)],
        broader_rows=[broader(1, 8)],
        related_rows=[related(7, 2)],
    )
    bundle = parse_esco(tmp_path)
    assert bundle.external_skill_uris == {skill_uri(9), skill_uri(8), skill_uri(7)}
    assert bundle.external_role_uris == {occupation_uri(2)}


def test_check_references_passes_when_the_graph_holds_them(tmp_path: Path) -> None:
    write_esco(tmp_path, relations=[relation(2, 9)])
    parse_esco(tmp_path).check_references({skill_uri(9)}, [occupation_uri(2)])


def test_check_references_names_every_unknown_reference_by_file_and_line(tmp_path: Path) -> None:
    write_esco(
        tmp_path,
        relations=[relation(1, 1), relation(2, 9), relation(1, 9)],
        broader_rows=[broader(1, 8)],
        related_rows=[related(7, 2)],
    )
    bundle = parse_esco(tmp_path)
    with pytest.raises(ImportValidationError) as caught:
        bundle.check_references({skill_uri(8)}, set())
    assert [(p.file, p.line, p.message.split(":")[0]) for p in caught.value.problems] == [
        ("occupationSkillRelations_en.csv", 3, "occupationUri"),
        ("occupationSkillRelations_en.csv", 3, "skillUri"),
        ("occupationSkillRelations_en.csv", 4, "skillUri"),
        ("skillSkillRelations_en.csv", 2, "originalSkillUri"),
    ]
    assert caught.value.problems[1].message == (
        f"skillUri: no skill {skill_uri(9)} in the files or the graph; "
        "add it to the skill file or import it first"
    )


def test_a_skill_cannot_be_broader_than_or_related_to_itself(tmp_path: Path) -> None:
    write_esco(tmp_path, broader_rows=[broader(1, 1)], related_rows=[related(2, 2)])
    assert problems_of(tmp_path) == [
        ("broaderRelationsSkillPillar_en.csv", 2, f"{skill_uri(1)} cannot be broader than itself"),
        ("skillSkillRelations_en.csv", 2, f"{skill_uri(2)} cannot be related to itself"),
    ]


def test_a_broader_cycle_is_reported_at_the_row_that_closes_it(tmp_path: Path) -> None:
    skills = [skill(n) for n in range(1, 5)]
    rows = [broader(1, 2), broader(2, 3), broader(4, 1), broader(3, 1)]
    write_esco(tmp_path, skills=skills, broader_rows=rows)
    [(file, line, message)] = problems_of(tmp_path)
    assert (file, line) == ("broaderRelationsSkillPillar_en.csv", 5)
    assert "(lines 2, 3, 5)" in message
    assert message.endswith("a skill cannot be broader than itself")


def test_an_unknown_broader_concept_type_is_skipped(tmp_path: Path) -> None:
    write_esco(tmp_path, broader_rows=[broader(1, 9, broaderType="SkillGroup"), broader(1, 2)])
    bundle = parse_esco(tmp_path)
    assert bundle.broader == (
        EscoBroader(skill_uri(1), skill_uri(2), "broaderRelationsSkillPillar_en.csv", 3),
    )
    assert bundle.external_skill_uris == frozenset()


# -- collecting -----------------------------------------------------------------------------


def test_all_problems_of_all_files_are_collected(tmp_path: Path) -> None:
    write_esco(
        tmp_path,
        skills=[skill(1, skillType=""), skill(2, preferredLabel="")],
        occupations=[occupation(1, conceptUri="")],
        relations=[relation(1, 1, relationType="x")],
        related_rows=[related(1, 2, relationType="y")],
    )
    assert where(tmp_path) == [
        ("skills_en.csv", 2),
        ("skills_en.csv", 3),
        ("occupations_en.csv", 2),
        ("occupationSkillRelations_en.csv", 2),
        ("skillSkillRelations_en.csv", 2),
    ]


def test_one_row_may_have_several_problems(tmp_path: Path) -> None:
    write_esco(tmp_path, skills=[skill(1, conceptUri="", preferredLabel="", skillType="?")])
    assert [line for _, line in where(tmp_path)] == [2, 2, 2]


def test_problems_are_capped_at_100_but_all_counted(tmp_path: Path) -> None:
    write_esco(tmp_path, skills=[skill(n, skillType="") for n in range(1, 151)])
    with pytest.raises(ImportValidationError) as caught:
        parse_esco(tmp_path)
    error = caught.value
    assert (len(error.problems), error.total) == (100, 150)
    assert error.message.startswith("ESCO import: 150 problems; nothing was imported.")
    assert error.message.endswith("... and 50 more")
    assert "  skills_en.csv:2: skillType is empty" in error.message


def test_the_error_is_a_bad_user_input_with_the_problems_as_extensions(tmp_path: Path) -> None:
    write_esco(tmp_path, skills=[skill(1, skillType=""), skill(2)])
    with pytest.raises(BadUserInput) as caught:
        parse_esco(tmp_path)
    assert caught.value.code == "BAD_USER_INPUT"
    assert caught.value.extensions["problemCount"] == 1
    assert caught.value.extensions["problems"] == [
        {
            "file": "skills_en.csv",
            "line": 2,
            "message": "skillType is empty; use knowledge or skill/competence",
        }
    ]
    assert str(Problem("f.csv", 0, "m")) == "f.csv: m"


# -- rows -----------------------------------------------------------------------------------


def test_rows_use_the_graph_property_names() -> None:
    bundle = parse_esco(SMALL)
    assert bundle.rows(EscoTable.SKILLS)[0] == {
        "uri": "http://data.europa.eu/esco/skill/aaaaaaaa-0000-4000-8000-000000000001",
        "name": "Python",
        "description": "The techniques and principles of software development in Python.",
        "type": "KNOWLEDGE",
        "altLabels": ["Python programming", "Python 3"],
    }
    assert bundle.rows(EscoTable.ROLES)[1] == {
        "uri": "http://data.europa.eu/esco/occupation/bbbbbbbb-0000-4000-8000-000000000002",
        "title": "database developer",
        "description": (
            "Database developers program, implement and coordinate changes to databases."
        ),
        "kind": "OCCUPATION",
        "iscoGroup": "2521",
        "altLabels": [],
    }
    assert bundle.rows(EscoTable.REQUIREMENTS)[2] == {
        "roleUri": "http://data.europa.eu/esco/occupation/bbbbbbbb-0000-4000-8000-000000000001",
        "skillUri": "http://data.europa.eu/esco/skill/aaaaaaaa-0000-4000-8000-000000000003",
        "importance": "OPTIONAL",
        "level": 1,
    }
    assert bundle.rows(EscoTable.BROADER) == [
        {
            "narrowerUri": "http://data.europa.eu/esco/skill/aaaaaaaa-0000-4000-8000-000000000003",
            "broaderUri": "http://data.europa.eu/esco/skill/aaaaaaaa-0000-4000-8000-000000000002",
        }
    ]
    assert bundle.rows(EscoTable.RELATED)[0] == {
        "fromUri": "http://data.europa.eu/esco/skill/aaaaaaaa-0000-4000-8000-000000000002",
        "toUri": "http://data.europa.eu/esco/skill/aaaaaaaa-0000-4000-8000-000000000001",
        "relationType": "ESSENTIAL",
    }


def test_batches_split_the_rows_in_order() -> None:
    bundle = parse_esco(bundled_esco_ict_path())
    batches = list(bundle.batches(EscoTable.REQUIREMENTS, size=500))
    assert [len(b) for b in batches] == [500, 500, 500, 272]
    assert [row for batch in batches for row in batch] == bundle.rows(EscoTable.REQUIREMENTS)
    assert list(bundle.batches(EscoTable.BROADER)) == []
    with pytest.raises(ValueError, match="at least 1"):
        bundle.batches(EscoTable.SKILLS, size=0)


def test_writing_headers_only_gives_an_empty_bundle(tmp_path: Path) -> None:
    write_esco(tmp_path, skills=[], occupations=[], relations=[])
    write_csv(tmp_path / "broaderRelationsSkillPillar_en.csv", BROADER_HEADER, [])
    bundle = parse_esco(tmp_path)
    assert (bundle.skills, bundle.roles, bundle.requirements, bundle.broader) == ((), (), (), ())
