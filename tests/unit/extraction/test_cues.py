"""Suggested level and importance from wording near a skill."""

from __future__ import annotations

import pytest

from skillgraph.extraction.cues import CueReader
from skillgraph.model.enums import Importance


def cue(text: str, word: str) -> tuple[int | None, Importance | None]:
    start = text.index(word)
    found = CueReader(text).read(start, start + len(word))
    return found.level, found.importance


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("Expert in Python.", 5),
        ("Advanced Python skills.", 4),
        ("Solid Python.", 3),
        ("Basic Python.", 2),
        ("Python.", None),
        ("8+ years of Python.", 5),
        ("5+ years of Python.", 4),
        ("3-4 years with Python.", 3),
        ("1 year of Python.", 2),
        ("Basic Python, 6 years of Java.", 2),
    ],
)
def test_level(text: str, level: int | None) -> None:
    assert cue(text, "Python")[0] == level


def test_level_words_far_from_the_skill_do_not_count() -> None:
    text = "Python is used by our team of many very friendly and senior people."
    assert cue(text, "Python")[0] is None


@pytest.mark.parametrize(
    ("text", "importance"),
    [
        ("Python is a plus.", Importance.OPTIONAL),
        ("Nice to have: Python.", Importance.OPTIONAL),
        ("Python is required.", Importance.ESSENTIAL),
        ("You must know Python.", Importance.ESSENTIAL),
        ("We use Python.", None),
    ],
)
def test_importance(text: str, importance: Importance | None) -> None:
    assert cue(text, "Python")[1] == importance


def test_section_headings_set_importance() -> None:
    text = "Requirements:\n- Python\n- SQL\nNice to have:\n- Kafka\n- Rust is a must\n"
    assert cue(text, "Python")[1] is Importance.ESSENTIAL
    assert cue(text, "Kafka")[1] is Importance.OPTIONAL
    assert cue(text, "Rust")[1] is Importance.ESSENTIAL  # the sentence beats its section


def test_cues_of_other_sentences_do_not_leak() -> None:
    text = "Python is a plus. Java is required."
    assert cue(text, "Java")[1] is Importance.ESSENTIAL
    assert cue(text, "Python")[1] is Importance.OPTIONAL
