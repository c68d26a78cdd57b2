"""Parsing and validating the official ESCO CSV download (v1.x layout).

Columns are found by header name, so reordered and extra columns are fine. Required files:
skills, occupations and occupationSkillRelations; optional: broaderRelationsSkillPillar and
skillSkillRelations.

Decisions:
- an empty ``skillType`` is an error like any value other than ``knowledge`` and
  ``skill/competence`` (an untyped skill cannot be placed in the graph);
- a broader row whose end is not a skill is skipped and counted (real files link skills to
  skill groups): an end is a skill when the skills file defines it, or when its type column
  says ``KnowledgeSkillCompetence`` (or is absent) and its URI starts with
  ``http://data.europa.eu/esco/skill/`` — such a skill must then exist in the graph;
- an identical repeated link is skipped and counted; a repeated link that disagrees (e.g.
  essential then optional) is an error.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from graphlib import CycleError, TopologicalSorter
from itertools import pairwise
from pathlib import Path
from typing import TypeVar

from skillgraph.importers.csvfile import CsvRow, read_csv
from skillgraph.importers.escobundle import (
    EscoBroader,
    EscoBundle,
    EscoRelated,
    EscoRequirement,
    EscoRole,
    EscoSkill,
    FileSummary,
)
from skillgraph.importers.problems import (
    MAX_PROBLEMS,
    ImportValidationError,
    Problem,
    ProblemLog,
)
from skillgraph.importers.values import (
    MAX_DESCRIPTION,
    MAX_LABELS,
    MAX_NAME,
    dedupe,
    uri_problem,
)
from skillgraph.model.enums import Importance, SkillType

__all__ = ["ESCO_SKILL_PREFIX", "parse_esco"]

ESCO_SKILL_PREFIX = "http://data.europa.eu/esco/skill/"
_SKILL_CONCEPT = "KnowledgeSkillCompetence"

_SKILL_TYPES = {"knowledge": SkillType.KNOWLEDGE, "skill/competence": SkillType.SKILL}
_IMPORTANCE = {"essential": Importance.ESSENTIAL, "optional": Importance.OPTIONAL}
_ISCO = re.compile(r"^\d{1,4}$")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")

_Link = TypeVar("_Link", EscoRequirement, EscoBroader, EscoRelated)

_SKILL_COLUMNS = ("conceptUri", "skillType", "preferredLabel", "altLabels", "description")
_ROLE_COLUMNS = ("conceptUri", "iscoGroup", "preferredLabel", "altLabels", "description")
_REQUIREMENT_COLUMNS = ("occupationUri", "relationType", "skillUri")
_BROADER_COLUMNS = ("conceptUri", "broaderUri")
_RELATED_COLUMNS = ("originalSkillUri", "relationType", "relatedSkillUri")


def parse_esco(directory: Path, *, language: str = "en") -> EscoBundle:
    """Reads and validates a whole ESCO folder; returns only if every row is valid.

    Raises ImportValidationError listing every problem (first 100, with file and line).
    Links to URIs the files do not define are returned in ``external_*_uris``; call
    ``bundle.check_references`` with what the graph holds before writing.
    """
    parser = _Parser(directory, language)
    return parser.parse()


@dataclass
class _Counts:
    rows: int = 0
    kept: int = 0
    skipped: Counter[str] = field(default_factory=Counter)

    def summary(self, file: str) -> FileSummary:
        return FileSummary(file, self.rows, self.kept, tuple(sorted(self.skipped.items())))


class _Parser:
    def __init__(self, directory: Path, language: str) -> None:
        self.directory = directory
        self.language = language
        self.log: ProblemLog[Problem] = ProblemLog()
        self.skills: dict[str, EscoSkill] = {}
        self.roles: dict[str, EscoRole] = {}
        self.external_skills: set[str] = set()
        self.external_roles: set[str] = set()
        self.summaries: list[FileSummary] = []

    def parse(self) -> EscoBundle:
        self._read_skills()
        self._read_roles()
        requirements = self._read_requirements()
        broader = self._read_broader()
        related = self._read_related()
        if self.log:
            raise ImportValidationError(self.log.problems, total=self.log.total)
        return EscoBundle(
            skills=tuple(self.skills.values()),
            roles=tuple(self.roles.values()),
            requirements=requirements,
            broader=broader,
            related=related,
            files=tuple(self.summaries),
            external_skill_uris=frozenset(self.external_skills),
            external_role_uris=frozenset(self.external_roles),
        )

    def _path(self, stem: str) -> Path:
        return self.directory / f"{stem}_{self.language}.csv"

    def _problem(self, row: CsvRow, message: str) -> None:
        self.log.add(Problem(row.file, row.line, message))

    def _rows(self, stem: str, columns: tuple[str, ...], counts: _Counts) -> Iterator[CsvRow]:
        for row in read_csv(self._path(stem), columns, self.log):
            counts.rows += 1
            yield row

    # -- concepts ---------------------------------------------------------------------------

    def _read_skills(self) -> None:
        counts = _Counts()
        lines: dict[str, int] = {}
        for row in self._rows("skills", _SKILL_COLUMNS, counts):
            uri = self._uri(row, "conceptUri")
            name = self._label(row, "preferredLabel")
            raw_type = row.text("skillType")
            skill_type = _SKILL_TYPES.get(raw_type)
            if skill_type is None:
                shown = repr(raw_type) if raw_type else "empty"
                self._problem(row, f"skillType is {shown}; use knowledge or skill/competence")
            alt_labels = self._alt_labels(row)
            description = self._description(row)
            if uri is None or not self._first(row, uri, lines):
                continue
            if name is not None and skill_type is not None:
                self.skills[uri] = EscoSkill(uri, name, description, skill_type, alt_labels)
                counts.kept += 1
        self.summaries.append(counts.summary(self._path("skills").name))

    def _read_roles(self) -> None:
        counts = _Counts()
        lines: dict[str, int] = {}
        for row in self._rows("occupations", _ROLE_COLUMNS, counts):
            uri = self._uri(row, "conceptUri")
            title = self._label(row, "preferredLabel")
            isco_group = row.text("iscoGroup") or None
            if isco_group is not None and not _ISCO.match(isco_group):
                self._problem(row, f"iscoGroup {isco_group!r} is not an ISCO-08 code like 2512")
            alt_labels = self._alt_labels(row)
            description = self._description(row)
            if uri is not None and self._first(row, uri, lines) and title is not None:
                self.roles[uri] = EscoRole(uri, title, description, isco_group, alt_labels)
                counts.kept += 1
        self.summaries.append(counts.summary(self._path("occupations").name))

    def _first(self, row: CsvRow, uri: str, lines: dict[str, int]) -> bool:
        first = lines.setdefault(uri, row.line)
        if first != row.line:
            self._problem(row, f"duplicate conceptUri {uri} (first on line {first})")
            return False
        return True

    # -- links ------------------------------------------------------------------------------

    def _read_requirements(self) -> tuple[EscoRequirement, ...]:
        counts = _Counts()
        seen: dict[tuple[str, str], EscoRequirement] = {}
        for row in self._rows("occupationSkillRelations", _REQUIREMENT_COLUMNS, counts):
            role_uri = self._role_ref(row, "occupationUri")
            skill_uri = self._skill_ref(row, "skillUri")
            importance = self._importance(row)
            if role_uri is None or skill_uri is None or importance is None:
                continue
            link = EscoRequirement(role_uri, skill_uri, importance, row.file, row.line)
            if self._repeated(row, (role_uri, skill_uri), link, seen, counts):
                continue
            counts.kept += 1
        self.summaries.append(counts.summary(self._path("occupationSkillRelations").name))
        return tuple(seen.values())

    def _read_broader(self) -> tuple[EscoBroader, ...]:
        path = self._path("broaderRelationsSkillPillar")
        if not path.exists():
            return ()
        counts = _Counts()
        seen: dict[tuple[str, str], EscoBroader] = {}
        for row in self._rows("broaderRelationsSkillPillar", _BROADER_COLUMNS, counts):
            narrower = self._uri(row, "conceptUri")
            broader = self._uri(row, "broaderUri")
            if narrower is None or broader is None:
                continue
            reason = self._not_a_skill(row, narrower, "conceptType") or self._not_a_skill(
                row, broader, "broaderType"
            )
            if reason is not None:
                counts.skipped[reason] += 1
                continue
            if narrower == broader:
                self._problem(row, f"{narrower} cannot be broader than itself")
                continue
            self._note_external_skill(narrower)
            self._note_external_skill(broader)
            edge = EscoBroader(narrower, broader, row.file, row.line)
            if self._repeated(row, (narrower, broader), edge, seen, counts):
                continue
            counts.kept += 1
        self._report_cycles(list(seen.values()))
        self.summaries.append(counts.summary(path.name))
        return tuple(seen.values())

    def _read_related(self) -> tuple[EscoRelated, ...]:
        path = self._path("skillSkillRelations")
        if not path.exists():
            return ()
        counts = _Counts()
        seen: dict[tuple[str, str], EscoRelated] = {}
        for row in self._rows("skillSkillRelations", _RELATED_COLUMNS, counts):
            origin = self._skill_ref(row, "originalSkillUri")
            target = self._skill_ref(row, "relatedSkillUri")
            relation_type = self._importance(row)
            if origin is None or target is None or relation_type is None:
                continue
            if origin == target:
                self._problem(row, f"{origin} cannot be related to itself")
                continue
            link = EscoRelated(origin, target, relation_type, row.file, row.line)
            if self._repeated(row, (origin, target), link, seen, counts):
                continue
            counts.kept += 1
        self.summaries.append(counts.summary(path.name))
        return tuple(seen.values())

    def _repeated(
        self,
        row: CsvRow,
        key: tuple[str, str],
        link: _Link,
        seen: dict[tuple[str, str], _Link],
        counts: _Counts,
    ) -> bool:
        first = seen.setdefault(key, link)
        if first is link:
            return False
        if replace(link, line=first.line) == first:
            counts.skipped["repeats an earlier row"] += 1
        else:
            self._problem(row, f"contradicts line {first.line}, which links the same pair")
        return True

    # -- fields -----------------------------------------------------------------------------

    def _uri(self, row: CsvRow, column: str) -> str | None:
        value = row.text(column)
        if not value:
            self._problem(row, f"{column} is empty; every row needs a URI")
            return None
        problem = uri_problem(value)
        if problem is not None:
            self._problem(row, f"{column} {problem}")
            return None
        return value

    def _skill_ref(self, row: CsvRow, column: str) -> str | None:
        uri = self._uri(row, column)
        if uri is not None:
            self._note_external_skill(uri)
        return uri

    def _role_ref(self, row: CsvRow, column: str) -> str | None:
        uri = self._uri(row, column)
        if uri is not None and uri not in self.roles:
            self.external_roles.add(uri)
        return uri

    def _note_external_skill(self, uri: str) -> None:
        if uri not in self.skills:
            self.external_skills.add(uri)

    def _not_a_skill(self, row: CsvRow, uri: str, type_column: str) -> str | None:
        if uri in self.skills:
            return None
        concept_type = row.text(type_column)
        if concept_type and concept_type != _SKILL_CONCEPT:
            return f"{type_column} is {concept_type}, not a skill"
        if not uri.startswith(ESCO_SKILL_PREFIX):
            return "not an ESCO skill URI and not in the skills file"
        return None

    def _importance(self, row: CsvRow) -> Importance | None:
        raw = row.text("relationType")
        importance = _IMPORTANCE.get(raw)
        if importance is None:
            shown = repr(raw) if raw else "empty"
            self._problem(row, f"relationType is {shown}; use essential or optional")
        return importance

    def _label(self, row: CsvRow, column: str) -> str | None:
        value = row.text(column)
        if not value:
            self._problem(row, f"{column} is empty; every concept needs a name")
            return None
        if len(value) > MAX_NAME:
            self._problem(row, f"{column} is longer than {MAX_NAME} characters")
            return None
        return value

    def _alt_labels(self, row: CsvRow) -> tuple[str, ...]:
        labels = dedupe(
            label for raw in _LINE_BREAK.split(row.text("altLabels")) if (label := raw.strip())
        )
        for label in labels:
            if len(label) > MAX_NAME:
                self._problem(row, f"altLabels has a label longer than {MAX_NAME} characters")
        if len(labels) > MAX_LABELS:
            self._problem(row, f"altLabels has {len(labels)} labels; at most {MAX_LABELS}")
        return labels

    def _description(self, row: CsvRow) -> str | None:
        value = row.text("description")
        if len(value) > MAX_DESCRIPTION:
            self._problem(row, f"description is longer than {MAX_DESCRIPTION} characters")
        return value or None

    def _report_cycles(self, edges: list[EscoBroader]) -> None:
        by_pair = {(e.narrower_uri, e.broader_uri): e for e in edges}
        graph: dict[str, set[str]] = {}
        for narrower, broader in by_pair:
            graph.setdefault(narrower, set()).add(broader)
        for _ in range(MAX_PROBLEMS):
            try:
                TopologicalSorter(graph).prepare()
                return
            except CycleError as exc:
                nodes: list[str] = exc.args[1]
            cycle = [
                edge
                for a, b in pairwise(nodes)
                if (edge := by_pair.get((b, a)) or by_pair.get((a, b))) is not None
            ]
            if not cycle:
                return
            last = max(cycle, key=lambda e: e.line)
            chain = " > ".join([cycle[0].narrower_uri, *(e.broader_uri for e in cycle)])
            lines = ", ".join(str(e.line) for e in sorted(cycle, key=lambda e: e.line))
            self.log.add(
                Problem(
                    last.file,
                    last.line,
                    f"closes a broader cycle {chain} (lines {lines}); "
                    "a skill cannot be broader than itself",
                )
            )
            graph[last.narrower_uri].discard(last.broader_uri)
