"""Words and name builders shared by the demo and synthetic generators."""

from __future__ import annotations

import random
import re
import unicodedata

from skillgraph.model.enums import CredentialKind

__all__ = [
    "FIRST_NAMES",
    "LAST_NAMES",
    "ascii_fold",
    "credential_name",
    "email_local_part",
    "gerund",
    "slugify",
    "title_case",
]

FIRST_NAMES = (
    "Aaliyah", "Aarav", "Abebe", "Aiko", "Alejandro", "Amara", "Anders", "Ana", "Björn",
    "Camille", "Chen", "Chiara", "Dániel", "Darius", "Elif", "Emeka", "Emma", "Farah",
    "Fatima", "Finn", "Gabriel", "Grace", "Hana", "Hugo", "Ingrid", "Isabel", "Jakub",
    "James", "Jana", "Javier", "Kai", "Kofi", "Lars", "Leila", "Lena", "Liam", "Lucía",
    "Mateo", "Maya", "Mei", "Mohammed", "Nadia", "Niamh", "Noah", "Olga", "Omar", "Priya",
    "Rafael", "Ravi", "Rosa", "Sakura", "Samuel", "Sofia", "Søren", "Tariq", "Tomás",
    "Valentina", "Wei", "Yusuf", "Zainab", "Zoë",
)  # fmt: skip
LAST_NAMES = (
    "Abara", "Andersson", "Bianchi", "Brennan", "Chatterjee", "Costa", "Dubois", "Eriksen",
    "Fernández", "Fischer", "García", "Haddad", "Hansen", "Ito", "Ivanova", "Jansen",
    "Kaminski", "Kim", "Kowalski", "Larsen", "Lefèvre", "Li", "Lindqvist", "Mensah",
    "Morales", "Müller", "Nakamura", "Nguyen", "Novák", "O'Connor", "Okafor", "Olsen",
    "Papadopoulos", "Patel", "Pereira", "Petrov", "Popescu", "Rahman", "Rossi", "Santos",
    "Schmidt", "Silva", "Singh", "Smith", "Suzuki", "Svensson", "Tanaka", "Taylor",
    "Varga", "Virtanen", "Wagner", "Walsh", "Wang", "Weber", "Williams", "Yilmaz", "Zhang",
)  # fmt: skip

_SMALL_WORDS = frozenset({"a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or",
                          "the", "to", "with"})  # fmt: skip
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
# Verbs whose final consonant doubles before -ing (British spelling, as ESCO uses).
_DOUBLING = frozenset({"control", "cut", "debug", "drop", "get", "label", "log", "map", "model",
                       "plan", "program", "put", "rig", "run", "scan", "set", "ship", "stop",
                       "tag"})  # fmt: skip

_LY_VERBS = frozenset({"apply", "comply", "imply", "multiply", "rely", "reply", "supply"})

_COURSE_FORMS = {
    1: ("Introduction to {a}", "{a} Fundamentals", "{a} Essentials"),
    2: ("{a} in Practice", "{a}: Next Steps", "{a} for {o}s"),
    3: ("Advanced {a}", "{a} Masterclass", "Mastering {a}"),
}
_TIER_WORDS = {1: "Foundation", 2: "Practitioner", 3: "Expert"}
_CERTIFICATION_LEVELS = {1: "Associate", 2: "Professional", 3: "Expert"}


def ascii_fold(text: str) -> str:
    """``text`` in ASCII: accents dropped, other letters kept by their base (ø -> o)."""
    decomposed = unicodedata.normalize("NFKD", text.replace("ø", "o").replace("Ø", "O"))
    return decomposed.encode("ascii", "ignore").decode("ascii")


def slugify(text: str) -> str:
    return _NOT_SLUG.sub("-", ascii_fold(text).lower()).strip("-")


def email_local_part(first: str, last: str) -> str:
    return f"{slugify(first).replace('-', '')}.{slugify(last).replace('-', '')}"


def title_case(label: str) -> str:
    """Capitalises lower-case words except small ones; acronyms and names keep their case."""
    words = label.split()
    out = []
    for position, word in enumerate(words):
        if word.islower() and (position == 0 or word not in _SMALL_WORDS):
            word = word[0].upper() + word[1:]
        out.append(word)
    return " ".join(out)


def gerund(phrase: str) -> str:
    """An imperative skill label as an activity: "use databases" -> "using databases".
    Labels that do not start with a lower-case verb are returned unchanged."""
    first, space, rest = phrase.partition(" ")
    word = first.rstrip(",;:")
    adverb = word.endswith("ly") and word not in _LY_VERBS
    if not word.isalpha() or not word.islower() or adverb or word.endswith("ing"):
        return phrase
    if word in _DOUBLING:
        stem = word + word[-1]
    elif word.endswith("ie"):
        stem = word[:-2] + "y"
    elif word.endswith("e") and not word.endswith(("ee", "ye", "oe")):
        stem = word[:-1]
    else:
        stem = word
    return f"{stem}ing{first[len(word) :]}{space}{rest}"


def credential_name(
    rng: random.Random,
    kind: CredentialKind,
    tier: int,
    skill: str,
    second: str | None,
    role: str,
) -> str:
    """A plausible credential name from its main skill, optionally a second skill it teaches
    as deeply, and the role it prepares for (all already title-cased); ``tier`` is 1
    (foundation) to 3 (expert)."""
    match kind:
        case CredentialKind.MICRO_CREDENTIAL:
            return f"{skill} for {role}s (Micro-credential)"
        case CredentialKind.BADGE:
            return f"{skill} {_TIER_WORDS[tier]} Badge"
        case CredentialKind.CERTIFICATE:
            if second is not None and second != skill and rng.random() < 0.5:
                return f"Certificate in {skill} and {second}"
            return f"Professional Certificate in {skill}"
        case CredentialKind.CERTIFICATION:
            return f"Certified {_CERTIFICATION_LEVELS[tier]} in {skill}"
        case CredentialKind.NANODEGREE:
            return f"{role} Nanodegree: {skill}"
        case CredentialKind.COURSE:
            return rng.choice(_COURSE_FORMS[tier]).format(a=skill, o=role)
        case _:
            return f"{skill} {rng.choice(('Bootcamp', 'Workshop', 'Summer School'))}"
