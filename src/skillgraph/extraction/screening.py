"""Which texts are accepted, and what the stages can make of them.

- Empty or blank text, text longer than the configured maximum (``SKILLGRAPH_EXTRACT_MAX_CHARS``,
  default 20,000 characters) and text that looks binary (NUL, or more than 5% control,
  private-use or replacement characters) are BAD_USER_INPUT.
- Text mostly written in a non-Latin script (Cyrillic, Greek, CJK, Arabic, ...) gets an
  empty answer with a note: ESCO's labels here and the embedding model are English.
- Latin-script text whose function words are clearly not English (German, French, Spanish,
  Italian, Portuguese, Dutch) keeps the lexical stage (product names such as "Python" are
  the same in every language) but skips the semantic one, with a note naming the language.
- So does Latin-script text in any other language (Polish, Swedish, Turkish, Indonesian,
  ...): with at least ENGLISH_MIN_WORDS lower-case words of three letters or more, fewer
  than ENGLISH_MIN_SHARE of them are English words (whole words of the model's vocabulary).
  Capitalised words are left out of that count: product names ("Kafka", "Terraform") say
  nothing about the language. English postings, ESCO's descriptions and the benchmark's
  texts score 0.62 or more; the other languages tried, 0.35 or less.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from skillgraph.errors import BadUserInput
from skillgraph.extraction.text import fold
from skillgraph.extraction.vocabulary import english_rank

__all__ = ["DEFAULT_MAX_CHARS", "ENGLISH_MIN_SHARE", "ENGLISH_MIN_WORDS", "Screened", "screen"]

DEFAULT_MAX_CHARS = 20_000
ENGLISH_MIN_WORDS = 6
ENGLISH_MIN_SHARE = 0.5
_JUNK_SHARE = 0.05
_WORD = re.compile(r"[^\W\d_]+")
_FUNCTION_WORDS = {
    "English": [
        "the",
        "and",
        "of",
        "to",
        "in",
        "is",
        "for",
        "with",
        "you",
        "we",
        "our",
        "are",
        "on",
        "as",
        "be",
        "will",
        "an",
        "or",
        "this",
        "that",
    ],
    "German": [
        "der",
        "die",
        "das",
        "und",
        "ist",
        "mit",
        "für",
        "wir",
        "sie",
        "ein",
        "eine",
        "zu",
        "von",
        "den",
        "im",
        "auf",
        "nicht",
        "oder",
    ],
    "French": [
        "le",
        "la",
        "les",
        "et",
        "des",
        "est",
        "pour",
        "avec",
        "nous",
        "vous",
        "un",
        "une",
        "du",
        "dans",
        "sur",
        "au",
        "par",
        "ou",
        "ce",
    ],
    "Spanish": [
        "el",
        "la",
        "los",
        "las",
        "y",
        "es",
        "para",
        "con",
        "nosotros",
        "un",
        "una",
        "del",
        "en",
        "por",
        "que",
        "se",
        "su",
        "al",
    ],
    "Italian": [
        "il",
        "lo",
        "la",
        "gli",
        "le",
        "e",
        "è",
        "per",
        "con",
        "noi",
        "un",
        "una",
        "del",
        "della",
        "di",
        "in",
        "che",
        "si",
        "al",
    ],
    "Portuguese": [
        "o",
        "a",
        "os",
        "as",
        "e",
        "é",
        "para",
        "com",
        "nós",
        "um",
        "uma",
        "do",
        "da",
        "em",
        "que",
        "se",
        "no",
        "na",
        "por",
    ],
    "Dutch": [
        "de",
        "het",
        "een",
        "en",
        "is",
        "voor",
        "met",
        "wij",
        "jij",
        "van",
        "in",
        "op",
        "niet",
        "of",
        "zijn",
        "te",
        "bij",
    ],
}


@dataclass(frozen=True, slots=True)
class Screened:
    """``lexical``/``semantic``: whether each stage should run; ``notes`` say why not."""

    lexical: bool
    semantic: bool
    notes: tuple[str, ...] = ()


def _script(char: str) -> str:
    name = unicodedata.name(char, "")
    return name.split(" ", 1)[0] if name else "UNKNOWN"


def screen(text: str, max_chars: int = DEFAULT_MAX_CHARS, field: str = "text") -> Screened:
    """Raises BadUserInput (naming ``field``) for text no stage should read."""
    if not text.strip():
        raise BadUserInput(f"{field} is empty; give the text to read skills from", field=field)
    if len(text) > max_chars:
        raise BadUserInput(
            f"{field} has {len(text):,} characters; at most {max_chars:,} are read at once "
            "(split the text, or raise SKILLGRAPH_EXTRACT_MAX_CHARS)",
            field=field,
        )
    junk = sum(
        1
        for c in text
        if c == "\x00"
        or (unicodedata.category(c) in ("Cc", "Co", "Cs", "Cn") and c not in "\t\n\r")
        or c == "\ufffd"
    )
    if "\x00" in text or junk > _JUNK_SHARE * len(text):
        raise BadUserInput(
            f"{field} looks binary ({junk} control or undecodable characters); send plain text",
            field=field,
        )
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return Screened(False, False, ("the text has no letters, so no skill was looked for",))
    scripts = Counter(_script(c) for c in letters)
    latin = scripts.get("LATIN", 0)
    if latin < 0.5 * len(letters):
        main = scripts.most_common(1)[0][0].title()
        return Screened(
            False,
            False,
            (
                f"the text is mostly in {main} script; skill labels and the embedding model "
                "are English, so nothing was matched",
            ),
        )
    language = _language(text)
    if language is None and not _looks_english(text):
        language = "not English"
    if language is not None and language != "English":
        return Screened(
            True,
            False,
            (
                f"the text looks {language}; skill labels and the embedding model are English, "
                "so only labels spelled the same in both (e.g. product names) were matched",
            ),
        )
    return Screened(True, True)


def _looks_english(text: str) -> bool:
    """False when enough lower-case words say the text is not English (see the module doc);
    True when they say it is, or are too few to tell."""
    words = [fold(w) for w in _WORD.findall(text[:5000]) if len(w) >= 3 and w.islower()]
    if len(words) < ENGLISH_MIN_WORDS:
        return True
    known = sum(1 for w in words if english_rank(w) is not None)
    return known >= ENGLISH_MIN_SHARE * len(words)


def _language(text: str) -> str | None:
    words = [w.casefold() for w in _WORD.findall(text[:5000])]
    if len(words) < 8:
        return None
    counts = Counter(words)
    scores = {
        language: sum(counts[w] for w in function) for language, function in _FUNCTION_WORDS.items()
    }
    best = max(scores, key=lambda k: scores[k])
    distinct = sum(1 for w in _FUNCTION_WORDS[best] if counts[w])
    # Three different function words at least: "de", "na" or "a" alone occur in many
    # languages (Romanian, Swahili, Czech), which the English check below then catches.
    if distinct < 3 or (scores[best] < 1.5 * scores["English"] and best != "English"):
        return None
    return best
