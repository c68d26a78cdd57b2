"""Tokens, segments, scoring and screening."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from skillgraph.errors import BadUserInput
from skillgraph.extraction.model import EvidenceKind
from skillgraph.extraction.scoring import (
    SPECIFICITY_MIN_DESCRIBED,
    combine,
    lexical_score,
    semantic_score,
    specificity,
)
from skillgraph.extraction.screening import screen
from skillgraph.extraction.segments import MAX_WORDS, MIN_PIECE_WORDS, segments, uncovered
from skillgraph.extraction.text import tokenize


@given(st.text(max_size=200))
def test_tokens_are_spans_of_the_text(text: str) -> None:
    for token in tokenize(text):
        assert text[token.start : token.end] == token.surface


@given(st.text(alphabet=st.sampled_from("ab ,.;\n-•and"), max_size=300))
def test_segments_cover_every_word_in_order(text: str) -> None:
    parts = segments(text)
    for part in parts:
        assert text[part.start : part.end] == part.text
        assert len(part.text.split()) <= MAX_WORDS * 2
    starts = [p.start for p in parts]
    assert starts == sorted(starts)


def test_long_sentences_are_cut() -> None:
    text = "We need " + ", ".join(f"skill{i}" for i in range(40)) + "."
    parts = segments(text)
    assert len(parts) > 1
    assert all(len(p.text.split()) <= MAX_WORDS for p in parts)


def test_short_pieces_join_their_neighbour() -> None:
    text = (
        "They protect information and data from unauthorised access by outsiders, deliberate "
        "attack, theft and corruption."
    )
    parts = [p.text for p in segments(text)]
    assert all(len(p.split()) >= MIN_PIECE_WORDS for p in parts)
    assert parts[-1].endswith("theft and corruption")


def test_headings_are_not_passages() -> None:
    text = "Data Engineer\nRequirements:\n- SQL and Python.\nNice to have: Kafka streams.\n"
    assert [p.text for p in segments(text)] == [
        "Data Engineer",
        "SQL and Python",
        "Nice to have: Kafka streams",
    ]


def spans(text: str, *words: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for w in words for m in re.finditer(re.escape(w), text)]


def test_passages_the_labels_explain_are_not_embedded() -> None:
    text = "Python, SQL and Kafka. You know Python. You build web services in Python. Bake bread."
    kept = uncovered(segments(text), text, spans(text, "Python", "SQL", "Kafka"))
    assert [p.text for p in kept] == ["You build web services in Python", "Bake bread"]


@given(st.text(alphabet=st.sampled_from("ab Python,.\n"), max_size=200), st.data())
def test_uncovered_keeps_every_passage_without_a_match(text: str, data: st.DataObject) -> None:
    passages = segments(text)
    cut = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=4)))
    matched = list(zip(cut[::2], cut[1::2], strict=False))
    kept = uncovered(passages, text, matched)
    assert all(p in passages for p in kept)
    for p in passages:
        if not any(a < p.end and p.start < b for a, b in matched if a < b):
            assert p in kept


def test_specificity() -> None:
    n = 1_000
    assert specificity(0, n) == 1.0
    assert 1.0 > specificity(8, n) > specificity(65, n) > specificity(500, n) >= 0.0
    assert specificity(n, n) == 0.0
    assert specificity(50, SPECIFICITY_MIN_DESCRIBED - 1) == 1.0


@given(st.integers(0, 5_000), st.integers(0, 5_000), st.integers(0, 5_000))
def test_specificity_is_a_monotone_fraction(a: int, b: int, n: int) -> None:
    assert 0.0 <= specificity(a, n) <= 1.0
    if a <= b:
        assert specificity(a, n) >= specificity(b, n)


def test_scores() -> None:
    assert semantic_score(0.2) == 0.0
    assert 0 < semantic_score(0.6) < semantic_score(0.7) <= semantic_score(0.99) <= 0.9
    assert lexical_score(EvidenceKind.EXACT_LABEL) == 1.0
    assert lexical_score(EvidenceKind.EXACT_LABEL, sharing=4) == 0.5
    assert lexical_score(EvidenceKind.FUZZY) < lexical_score(EvidenceKind.ALT_LABEL) < 1.0
    assert lexical_score(EvidenceKind.EXACT_LABEL, specific=0.4) == 0.4


@given(st.floats(0, 1), st.floats(0, 1))
def test_combine_is_a_noisy_or(a: float, b: float) -> None:
    c = combine(a, b)
    assert max(a, b) - 1e-6 <= c <= 1.0 + 1e-9
    assert c == combine(b, a)


@pytest.mark.parametrize("text", ["", "   \n\t"])
def test_empty_text_is_refused(text: str) -> None:
    with pytest.raises(BadUserInput, match="empty"):
        screen(text)


def test_long_text_is_refused_with_the_limit() -> None:
    with pytest.raises(BadUserInput, match="at most 100"):
        screen("a" * 101, max_chars=100)


@pytest.mark.parametrize("text", ["abc\x00def", "\x01\x02\x03\x04 binary \x05\x06\x07"])
def test_binary_junk_is_refused(text: str) -> None:
    with pytest.raises(BadUserInput, match="binary"):
        screen(text)


def test_other_scripts_get_an_empty_answer_with_a_reason() -> None:
    result = screen("我们正在寻找一名熟悉数据库管理的软件工程师")
    assert not result.lexical
    assert not result.semantic
    assert "Cjk" in result.notes[0]


def test_other_latin_languages_skip_the_semantic_stage() -> None:
    result = screen(
        "Wir suchen eine Entwicklerin mit Erfahrung in der Datenbank und mit Python für das Team"
    )
    assert result.lexical
    assert not result.semantic
    assert "German" in result.notes[0]


def test_english_runs_both_stages() -> None:
    result = screen("We are looking for an engineer with experience in Python and SQL for the team")
    assert result.lexical
    assert result.semantic
    assert result.notes == ()


def test_digits_only_has_nothing_to_read() -> None:
    result = screen("123 456")
    assert not result.lexical
