from __future__ import annotations

import pytest

from skillgraph.store.lucene import fulltext_query


def test_words_are_all_required_and_the_last_is_a_prefix() -> None:
    assert fulltext_query("data eng") == "data AND (eng OR eng*)"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("C++", r"(C\+\+ OR C*)"),
        ("C#", "(C# OR C*)"),
        ('"node.js', r"(\"node.js OR node.js*)"),
        ("(", r"(\( OR \(*)"),
        ("a:b/c", r"(a\:b\/c OR a\:b\/c*)"),
        ("AND", "(and OR and*)"),
        (r"x\y", r"(x\\y OR x\\y*)"),
    ],
)
def test_special_characters_are_escaped(text: str, expected: str) -> None:
    assert fulltext_query(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Python &", "(Python OR Python*)"),
        ("Python & Dj", "Python AND (Dj OR Dj*)"),
        ("' OR 1=1 //", "or AND (1=1 OR 1=1*)"),
        ("x'})", r"(x'\}\) OR x*)"),
    ],
)
def test_words_without_a_letter_or_digit_are_left_out(text: str, expected: str) -> None:
    """They are never indexed; requiring them would find nothing while a user types."""
    assert fulltext_query(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_blank_text_has_no_query(text: str) -> None:
    assert fulltext_query(text) is None
