"""Reading generated batch streams back, and the structural checks every stream must pass."""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from graphlib import TopologicalSorter
from typing import Any

from skillgraph.importers import bundled_esco_ict_path
from skillgraph.model.enums import SkillType
from skillgraph.seed import OccupationRef, SkillRef, demo_catalogue
from skillgraph.store.bulk import Kind

KEYS: dict[Kind, frozenset[str]] = {
    Kind.SKILLS: frozenset({"uri", "name", "description", "type", "altLabels"}),
    Kind.ROLES: frozenset({"uri", "title", "description", "kind", "iscoGroup", "employer",
                           "location", "remote", "altLabels", "postedAt", "closedAt"}),
    Kind.PROVIDERS: frozenset({"uri", "name", "kind", "url", "country", "accredited",
                               "accreditations"}),
    Kind.CREDENTIALS: frozenset({"uri", "name", "description", "kind", "providerUri",
                                 "costAmount", "costCurrency", "durationHours", "format",
                                 "validityMonths", "url", "status"}),
    Kind.PEOPLE: frozenset({"uri", "name", "email", "headline", "visibility"}),
    Kind.BROADER: frozenset({"narrowerUri", "broaderUri"}),
    Kind.RELATED: frozenset({"fromUri", "toUri", "relationType"}),
    Kind.SPECIALIZES: frozenset({"postingUri", "occupationUri"}),
    Kind.REQUIREMENTS: frozenset({"roleUri", "skillUri", "importance", "level"}),
    Kind.TEACHES: frozenset({"credentialUri", "skillUri", "level"}),
    Kind.PREREQUISITES: frozenset({"credentialUri", "skillUri", "level"}),
    Kind.ENDORSEMENTS: frozenset({"providerUri", "credentialUri"}),
    Kind.PERSON_SKILLS: frozenset({"personUri", "skillUri", "level", "source"}),
    Kind.AWARDS: frozenset({"personUri", "credentialUri", "issuedAt", "expiresAt", "status",
                            "evidenceUrl"}),
    Kind.TARGETS: frozenset({"personUri", "roleUri"}),
    Kind.HOLDS: frozenset({"personUri", "roleUri"}),
}  # fmt: skip

# Relationship kind -> its two endpoint columns, and the node kind each column points at.
PAIRS: dict[Kind, tuple[str, str]] = {
    Kind.BROADER: ("narrowerUri", "broaderUri"),
    Kind.RELATED: ("fromUri", "toUri"),
    Kind.SPECIALIZES: ("postingUri", "occupationUri"),
    Kind.REQUIREMENTS: ("roleUri", "skillUri"),
    Kind.TEACHES: ("credentialUri", "skillUri"),
    Kind.PREREQUISITES: ("credentialUri", "skillUri"),
    Kind.ENDORSEMENTS: ("providerUri", "credentialUri"),
    Kind.PERSON_SKILLS: ("personUri", "skillUri"),
    Kind.AWARDS: ("personUri", "credentialUri"),
    Kind.TARGETS: ("personUri", "roleUri"),
    Kind.HOLDS: ("personUri", "roleUri"),
}
TARGET: dict[str, Kind] = {
    "narrowerUri": Kind.SKILLS,
    "broaderUri": Kind.SKILLS,
    "fromUri": Kind.SKILLS,
    "toUri": Kind.SKILLS,
    "skillUri": Kind.SKILLS,
    "roleUri": Kind.ROLES,
    "postingUri": Kind.ROLES,
    "occupationUri": Kind.ROLES,
    "credentialUri": Kind.CREDENTIALS,
    "providerUri": Kind.PROVIDERS,
    "personUri": Kind.PEOPLE,
}


@dataclass
class Stream:
    """A whole stream, kept: batches in order and rows per kind."""

    batches: list[tuple[Kind, list[dict[str, Any]]]]
    rows: dict[Kind, list[dict[str, Any]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        grouped: dict[Kind, list[dict[str, Any]]] = defaultdict(list)
        for kind, rows in self.batches:
            grouped[kind].extend(rows)
        self.rows = {kind: grouped.get(kind, []) for kind in Kind}

    @classmethod
    def of(cls, batches: Iterable[tuple[Kind, list[dict[str, Any]]]]) -> Stream:
        return cls(list(batches))

    def uris(self, kind: Kind) -> set[str]:
        return {row["uri"] for row in self.rows[kind]}

    def dump(self) -> str:
        return json.dumps([(kind.value, rows) for kind, rows in self.batches], sort_keys=True)

    def missing_references(self, outside: Mapping[Kind, set[str]]) -> list[str]:
        """References to uris neither in the stream nor in ``outside``."""
        known = {kind: self.uris(kind) | outside.get(kind, set()) for kind in set(TARGET.values())}
        missing = [
            f"{row['uri']} providerUri {row['providerUri']}"
            for row in self.rows[Kind.CREDENTIALS]
            if row["providerUri"] not in known[Kind.PROVIDERS]
        ]
        for kind, columns in PAIRS.items():
            for row in self.rows[kind]:
                missing += [
                    f"{kind.value} {column} {row[column]}"
                    for column in columns
                    if row[column] not in known[TARGET[column]]
                ]
        return missing

    def duplicate_pairs(self) -> list[tuple[Kind, str, str]]:
        duplicates = []
        for kind, (a, b) in PAIRS.items():
            seen: set[tuple[str, str]] = set()
            for row in self.rows[kind]:
                pair = (row[a], row[b])
                if pair in seen:
                    duplicates.append((kind, *pair))
                seen.add(pair)
        return duplicates

    def prerequisite_order(self) -> list[str]:
        """Credentials in an order where each one's prerequisite skills are taught only by
        credentials before it (raises graphlib.CycleError when there is no such order)."""
        teachers: dict[str, set[str]] = defaultdict(set)
        for row in self.rows[Kind.TEACHES]:
            teachers[row["skillUri"]].add(row["credentialUri"])
        graph: dict[str, set[str]] = {uri: set() for uri in self.uris(Kind.CREDENTIALS)}
        for row in self.rows[Kind.PREREQUISITES]:
            graph[row["credentialUri"]] |= teachers[row["skillUri"]]
        return list(TopologicalSorter(graph).static_order())


def per(rows: Iterable[dict[str, Any]], column: str) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for row in rows:
        counts[row[column]] += 1
    return counts


@dataclass(frozen=True)
class Esco:
    skills: tuple[SkillRef, ...]
    occupations: tuple[OccupationRef, ...]
    requirements: tuple[tuple[str, str], ...]

    def uris(self) -> dict[Kind, set[str]]:
        return {
            Kind.SKILLS: {s.uri for s in self.skills},
            Kind.ROLES: {o.uri for o in self.occupations},
        }


def _read(name: str) -> list[dict[str, str]]:
    with (bundled_esco_ict_path() / name).open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


@cache
def esco_ict() -> Esco:
    types = {"knowledge": SkillType.KNOWLEDGE, "skill/competence": SkillType.SKILL}
    return Esco(
        skills=tuple(
            SkillRef(
                r["conceptUri"],
                r["preferredLabel"],
                types[r["skillType"]],
                r["description"] or None,
            )
            for r in _read("skills_en.csv")
        ),
        occupations=tuple(
            OccupationRef(r["conceptUri"], r["preferredLabel"]) for r in _read("occupations_en.csv")
        ),
        requirements=tuple(
            (r["occupationUri"], r["skillUri"]) for r in _read("occupationSkillRelations_en.csv")
        ),
    )


@cache
def demo(seed: int = 7) -> Stream:
    esco = esco_ict()
    return Stream.of(demo_catalogue(esco.skills, esco.occupations, esco.requirements, seed=seed))
