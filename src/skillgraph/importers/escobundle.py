"""The validated content of an ESCO download, ready to be written in batches."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from skillgraph.importers.problems import ImportValidationError, Problem, ProblemLog
from skillgraph.importers.values import batched
from skillgraph.model.enums import Importance, RoleKind, SkillType

__all__ = [
    "EscoBroader",
    "EscoBundle",
    "EscoRelated",
    "EscoRequirement",
    "EscoRole",
    "EscoSkill",
    "EscoTable",
    "FileSummary",
]


class EscoTable(StrEnum):
    SKILLS = "skills"
    ROLES = "roles"
    REQUIREMENTS = "requirements"
    BROADER = "broader"
    RELATED = "related"


@dataclass(frozen=True, slots=True)
class EscoSkill:
    uri: str
    name: str
    description: str | None
    type: SkillType
    alt_labels: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class EscoRole:
    uri: str
    title: str
    description: str | None
    isco_group: str | None
    alt_labels: tuple[str, ...]
    kind: RoleKind = RoleKind.OCCUPATION


@dataclass(frozen=True, slots=True)
class EscoRequirement:
    role_uri: str
    skill_uri: str
    importance: Importance
    file: str
    line: int


@dataclass(frozen=True, slots=True)
class EscoBroader:
    narrower_uri: str
    broader_uri: str
    file: str
    line: int


@dataclass(frozen=True, slots=True)
class EscoRelated:
    from_uri: str
    to_uri: str
    relation_type: Importance
    file: str
    line: int


@dataclass(frozen=True, slots=True)
class FileSummary:
    """``rows`` counts data records read; ``skipped`` pairs a reason with how many rows it
    dropped (rows that were not errors, e.g. links to skill groups)."""

    file: str
    rows: int
    kept: int
    skipped: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True, slots=True)
class EscoBundle:
    """Skills, roles and links parsed from one ESCO folder; every row passed validation.

    ``external_*_uris`` are URIs that links refer to but the files do not define: they must
    already exist in the graph (see ``check_references``).
    """

    skills: tuple[EscoSkill, ...]
    roles: tuple[EscoRole, ...]
    requirements: tuple[EscoRequirement, ...]
    broader: tuple[EscoBroader, ...]
    related: tuple[EscoRelated, ...]
    files: tuple[FileSummary, ...]
    external_skill_uris: frozenset[str]
    external_role_uris: frozenset[str]

    def check_references(
        self, existing_skill_uris: Collection[str], existing_role_uris: Collection[str]
    ) -> None:
        """Raises ImportValidationError naming file and line of every link to a skill or role
        that neither the files define nor the given sets contain."""
        skills = self.external_skill_uris.difference(existing_skill_uris)
        roles = self.external_role_uris.difference(existing_role_uris)
        if not skills and not roles:
            return
        log: ProblemLog[Problem] = ProblemLog()
        for req in self.requirements:
            if req.role_uri in roles:
                log.add(_unknown(req.file, req.line, "occupation", req.role_uri, "occupationUri"))
            if req.skill_uri in skills:
                log.add(_unknown(req.file, req.line, "skill", req.skill_uri, "skillUri"))
        for edge in self.broader:
            if edge.narrower_uri in skills:
                log.add(_unknown(edge.file, edge.line, "skill", edge.narrower_uri, "conceptUri"))
            if edge.broader_uri in skills:
                log.add(_unknown(edge.file, edge.line, "skill", edge.broader_uri, "broaderUri"))
        for rel in self.related:
            if rel.from_uri in skills:
                log.add(_unknown(rel.file, rel.line, "skill", rel.from_uri, "originalSkillUri"))
            if rel.to_uri in skills:
                log.add(_unknown(rel.file, rel.line, "skill", rel.to_uri, "relatedSkillUri"))
        raise ImportValidationError(log.problems, total=log.total)

    def rows(self, table: EscoTable) -> list[dict[str, Any]]:
        """Plain dicts with the graph's camelCase property names, for ``UNWIND $rows AS row``.

        skills: uri, name, description, type, altLabels; roles: uri, title, description, kind,
        iscoGroup, altLabels; requirements: roleUri, skillUri, importance, level (always 1:
        ESCO has no levels); broader: narrowerUri, broaderUri; related: fromUri, toUri,
        relationType (ESSENTIAL or OPTIONAL).
        """
        return list(self._rows(table))

    def batches(self, table: EscoTable, size: int = 1000) -> Iterator[list[dict[str, Any]]]:
        """``rows(table)`` in lists of at most ``size`` (at least 1), in file order."""
        return batched(self._rows(table), size)

    def _rows(self, table: EscoTable) -> Iterator[dict[str, Any]]:
        match table:
            case EscoTable.SKILLS:
                for s in self.skills:
                    yield {
                        "uri": s.uri,
                        "name": s.name,
                        "description": s.description,
                        "type": s.type.value,
                        "altLabels": list(s.alt_labels),
                    }
            case EscoTable.ROLES:
                for r in self.roles:
                    yield {
                        "uri": r.uri,
                        "title": r.title,
                        "description": r.description,
                        "kind": r.kind.value,
                        "iscoGroup": r.isco_group,
                        "altLabels": list(r.alt_labels),
                    }
            case EscoTable.REQUIREMENTS:
                for q in self.requirements:
                    yield {
                        "roleUri": q.role_uri,
                        "skillUri": q.skill_uri,
                        "importance": q.importance.value,
                        "level": 1,
                    }
            case EscoTable.BROADER:
                for b in self.broader:
                    yield {"narrowerUri": b.narrower_uri, "broaderUri": b.broader_uri}
            case EscoTable.RELATED:
                for rel in self.related:
                    yield {
                        "fromUri": rel.from_uri,
                        "toUri": rel.to_uri,
                        "relationType": rel.relation_type.value,
                    }


def _unknown(file: str, line: int, what: str, uri: str, column: str) -> Problem:
    return Problem(
        file,
        line,
        f"{column}: no {what} {uri} in the files or the graph; "
        f"add it to the {what} file or import it first",
    )
