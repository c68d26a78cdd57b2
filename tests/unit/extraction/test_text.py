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


def test_section_headings_without_a_colon_are_not_passages() -> None:
    text = (
        "About the role\nYou build services in Python.\n\nWhat you will do\n- Review code.\n"
        "Requirements\n- 5+ years of Python.\nNice to have\nKafka streams.\n"
    )
    assert [p.text for p in segments(text)] == [
        "You build services in Python",
        "Review code",
        "5+ years of Python",
        "Kafka streams",
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


OTHER_LANGUAGES = {
    "Polish": "Poszukujemy programisty z doświadczeniem w Pythonie i bazach danych. Do twoich "
    "zadań będzie należało projektowanie usług oraz współpraca z zespołem analityków danych.",
    "Czech": "Hledáme vývojáře se zkušenostmi s Pythonem a databázemi. Vaší náplní práce bude "
    "návrh služeb a spolupráce s týmem datových analytiků.",
    "Swedish": "Vi söker en utvecklare med erfarenhet av Python och databaser. Du kommer att "
    "designa tjänster och samarbeta med vårt team av dataanalytiker.",
    "Danish": "Vi søger en udvikler med erfaring i Python og databaser. Du skal designe "
    "tjenester og samarbejde med vores team af dataanalytikere.",
    "Turkish": "Python ve veritabanları konusunda deneyimli bir yazılım geliştirici arıyoruz. "  # noqa: RUF001
    "Görevleriniz arasında hizmet tasarımı ve veri analistleri ekibiyle işbirliği yer alacak.",  # noqa: RUF001
    "Finnish": "Etsimme ohjelmistokehittäjää, jolla on kokemusta Pythonista ja tietokannoista. "
    "Tehtäviisi kuuluu palveluiden suunnittelu ja yhteistyö data-analyytikkojen kanssa.",
    "Hungarian": "Python és adatbázis tapasztalattal rendelkező szoftverfejlesztőt keresünk. "
    "Feladataid közé tartozik a szolgáltatások tervezése és az adatelemzőkkel való "
    "együttműködés.",
    "Romanian": "Căutăm un dezvoltator cu experiență în Python și baze de date. Sarcinile tale "
    "vor include proiectarea serviciilor și colaborarea cu echipa de analiști de date.",
    "Croatian": "Tražimo programera s iskustvom u Pythonu i bazama podataka. Vaši zadaci "
    "uključivat će dizajn usluga i suradnju s timom analitičara podataka.",
    "Estonian": "Otsime arendajat, kellel on kogemusi Pythoni ja andmebaasidega. Sinu ülesannete "
    "hulka kuulub teenuste kavandamine ja koostöö andmeanalüütikute meeskonnaga.",
    "Indonesian": "Kami mencari pengembang perangkat lunak yang berpengalaman dengan Python dan "
    "basis data. Tugas Anda termasuk merancang layanan dan bekerja sama dengan tim analis data.",
    "Vietnamese": "Chúng tôi đang tìm kiếm một lập trình viên có kinh nghiệm với Python và cơ sở "
    "dữ liệu. Nhiệm vụ của bạn bao gồm thiết kế dịch vụ và hợp tác với nhóm phân tích dữ liệu.",
    "Swahili": "Tunatafuta msanidi programu mwenye uzoefu wa Python na hifadhidata. Majukumu "
    "yako yatajumuisha kubuni huduma na kushirikiana na timu ya wachambuzi wa data.",
    "Tagalog": "Naghahanap kami ng developer na may karanasan sa Python at mga database. Kasama "
    "sa iyong mga gawain ang pagdidisenyo ng mga serbisyo at pakikipagtulungan sa aming team.",
    "Latin": "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor "
    "incididunt ut labore et dolore magna aliqua.",
}


@pytest.mark.parametrize("language", sorted(OTHER_LANGUAGES))
def test_any_other_latin_language_keeps_only_the_lexical_stage(language: str) -> None:
    result = screen(OTHER_LANGUAGES[language])
    assert result.lexical
    assert not result.semantic
    assert "not English" in result.notes[0]


@pytest.mark.parametrize(
    "text",
    [
        "Python, SQL, Kafka, Docker, AWS, Terraform, Linux, Git, Kubernetes, Jenkins, MongoDB",
        "Skills: data analysis, machine learning, statistics, cloud architecture, agile",
        "Use bibliometrics, webometrics and web metrics to evaluate information services.",
        "Senior Go developer: microservices, gRPC, observability, on-call, code reviews.",
        "Python and SQL.",
    ],
)
def test_english_lists_and_jargon_run_both_stages(text: str) -> None:
    result = screen(text)
    assert result.semantic, result.notes


def test_english_runs_both_stages() -> None:
    result = screen("We are looking for an engineer with experience in Python and SQL for the team")
    assert result.lexical
    assert result.semantic
    assert result.notes == ()


def test_digits_only_has_nothing_to_read() -> None:
    result = screen("123 456")
    assert not result.lexical
