"""The lexical stage: labels, alt-labels, case, plurals, punctuation, stop-phrases, nesting."""

from __future__ import annotations

import pytest

from skillgraph.extraction.lexicon import Lexicon, SkillLabels
from skillgraph.extraction.model import EvidenceKind
from skillgraph.extraction.text import tokenize
from skillgraph.model.enums import SkillType

SKILLS = [
    SkillLabels("py", "Python (computer programming)", ("Python",), SkillType.KNOWLEDGE),
    SkillLabels("db", "manage databases", ("database administration",), SkillType.SKILL),
    SkillLabels("ml", "machine learning", ("ML",), SkillType.KNOWLEDGE),
    SkillLabels("learn", "learning", (), SkillType.SKILL),
    SkillLabels("swift", "Swift (computer programming)", ("Swift",), SkillType.KNOWLEDGE),
    SkillLabels("less", "LESS", (), SkillType.KNOWLEDGE),
    SkillLabels("r", "R", (), SkillType.KNOWLEDGE),
    SkillLabels("cpp", "C++", (), SkillType.KNOWLEDGE),
    SkillLabels("cs", "C#", (), SkillType.KNOWLEDGE),
    SkillLabels("node", "Node.js", (), SkillType.KNOWLEDGE),
    SkillLabels("git", "git", (), SkillType.KNOWLEDGE),
    SkillLabels("use", "use", ("work",), SkillType.SKILL),
    SkillLabels("exp", "experience", (), SkillType.SKILL),
]
LEXICON = Lexicon.build(SKILLS)


def found(text: str) -> list[tuple[str, EvidenceKind, str]]:
    return [(m.skill_id, m.kind, text[m.start : m.end]) for m in LEXICON.find(text)]


def test_preferred_label_is_exact() -> None:
    assert found("we do machine learning") == [("ml", EvidenceKind.EXACT_LABEL, "machine learning")]


def test_alt_label() -> None:
    assert found("Python is required") == [("py", EvidenceKind.ALT_LABEL, "Python")]


@pytest.mark.parametrize(
    "text", ["MACHINE LEARNING", "Machine-Learning", "machine\nlearning", "machine   learning"]
)
def test_case_punctuation_and_spacing_do_not_matter(text: str) -> None:
    assert found(text) == [("ml", EvidenceKind.EXACT_LABEL, text)]


def test_accents_do_not_matter() -> None:
    lexicon = Lexicon.build([SkillLabels("c", "café management", (), SkillType.SKILL)])
    assert [m.skill_id for m in lexicon.find("Cafe Management")] == ["c"]


@pytest.mark.parametrize("text", ["managing databases", "managed database"])
def test_plurals_and_verb_forms_are_fuzzy(text: str) -> None:
    assert found(text) == [("db", EvidenceKind.FUZZY, text)]


def test_a_match_inside_a_longer_one_of_another_skill_is_dropped() -> None:
    assert [s for s, _, _ in found("machine learning")] == ["ml"]
    assert [s for s, _, _ in found("learning on the job")] == ["learn"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Swift and iOS", ["swift"]),
        ("a swift answer", []),
        ("LESS stylesheets", ["less"]),
        ("less is more", []),
        ("R and statistics", ["r"]),
        ("r and statistics", []),
        ("we use git daily", ["git"]),
        ("GIT", ["git"]),
    ],
)
def test_common_words_match_only_as_written(text: str, expected: list[str]) -> None:
    assert [s for s, _, _ in found(text)] == expected


def test_symbols_in_names() -> None:
    text = "C++ and C# and Node.js"
    assert [(s, t) for s, _, t in found(text)] == [
        ("cpp", "C++"),
        ("cs", "C#"),
        ("node", "Node.js"),
    ]


def test_labels_of_stop_words_only_never_match() -> None:
    assert found("use it at work") == []


def test_stop_phrases_are_never_part_of_a_match() -> None:
    assert found("5 years of experience") == []
    assert [s for s, _, _ in found("real experience")] == ["exp"]


def test_spans_point_into_the_text() -> None:
    text = "Need: Python, machine learning."
    for m in LEXICON.find(text):
        assert text[m.start : m.end] in ("Python", "machine learning")
        tokens = tokenize(text)
        assert tokens[m.first_token].start == m.start
        assert tokens[m.last_token].end == m.end


def test_empty_lexicon_and_empty_text() -> None:
    assert Lexicon.build([]).find("Python") == []
    assert LEXICON.find("") == []


def test_overlapping_matches_of_two_skills_are_both_kept() -> None:
    lexicon = Lexicon.build(
        [
            SkillLabels("a", "data analysis", (), SkillType.SKILL),
            SkillLabels("b", "analysis tools", (), SkillType.SKILL),
        ]
    )
    assert [m.skill_id for m in lexicon.find("data analysis tools")] == ["a", "b"]


def test_labels_many_descriptions_use_are_less_specific() -> None:
    skills = [
        SkillLabels("skill_py", "Python", (), SkillType.KNOWLEDGE, "A programming language."),
        SkillLabels("skill_hw", "hardware testing", ("ICT",), SkillType.KNOWLEDGE, None),
    ] + [
        SkillLabels(f"skill_{i}", f"topic {i}", (), SkillType.SKILL, f"Use ICT to do task {i}.")
        for i in range(150)
    ]
    lexicon = Lexicon.build(skills)
    assert lexicon.described == 151
    assert lexicon.mentions["ict"] == 150
    assert lexicon.specificity("Python") == 1.0
    assert lexicon.specificity("ict") < 0.1


def test_a_shared_label_is_split_but_its_owner_keeps_it() -> None:
    from skillgraph.analysis.extraction import _sharing

    lexicon = Lexicon.build(
        [
            SkillLabels("sql", "SQL", (), SkillType.KNOWLEDGE),
            SkillLabels("dbms", "database management systems", ("SQL",), SkillType.KNOWLEDGE),
            SkillLabels("rdb", "relational databases", ("SQL",), SkillType.KNOWLEDGE),
            SkillLabels("pen", "penetration testing tool", ("pen testing",), SkillType.SKILL),
            SkillLabels("audit", "security audit", ("pen testing",), SkillType.SKILL),
        ]
    )
    shares = {m.skill_id: n for m, n in _sharing(lexicon.find("SQL and pen testing"))}
    assert shares == {"sql": 1, "dbms": 3, "rdb": 3, "pen": 2, "audit": 2}
