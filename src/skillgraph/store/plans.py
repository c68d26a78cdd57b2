"""What planning reads: the person, roles and first credentials in one round trip, then one
round trip per level of prerequisites that still has unanswered skills."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from skillgraph.store.cypher import query
from skillgraph.store.database import Database, Record
from skillgraph.store.gaps import Evidence, evidence_of

__all__ = ["Offer", "PlanContext", "RoleRequirements", "Usable", "context", "teachers"]

CONTEXT = query("plan/context")
TEACHERS = query("plan/teachers")


@dataclass(frozen=True)
class Offer:
    """A credential as planning sees it: ``node`` holds its id, status, costAmount,
    costCurrency, durationHours and format; what it teaches and requires (skill id -> level,
    1 when unset); and, only when asked for (``offered_by``), the providers offering it,
    whether one of them is accredited, whether any provider endorses it."""

    id: str
    node: Record
    teaches: Mapping[str, int]
    requires: Mapping[str, int]
    providers: tuple[str, ...]
    accredited: bool
    endorsed: bool


@dataclass(frozen=True)
class RoleRequirements:
    """A role (None when no role has the id) and its requirement rows {skill: {id},
    importance, level, inherited}, as ``analysis.gap.requirements_from`` reads them."""

    role: Record | None
    rows: tuple[Record, ...]


@dataclass(frozen=True)
class PlanContext:
    person: Record | None
    evidence: Evidence
    roles: Mapping[str, RoleRequirements]
    main_currency: str | None
    offers: tuple[Offer, ...]
    asked: frozenset[str]
    narrower: Mapping[str, frozenset[str]]


def _offer(row: Record) -> Offer:
    return Offer(
        id=str(row["node"]["id"]),
        node=row["node"],
        teaches=MappingProxyType({t["skillId"]: int(t["level"]) for t in row["teaches"]}),
        requires=MappingProxyType({r["skillId"]: int(r["level"]) for r in row["requires"]}),
        providers=tuple(sorted(row["providers"])),
        accredited=bool(row["accredited"]),
        endorsed=bool(row["endorsed"]),
    )


def _narrower(rows: Sequence[Record]) -> dict[str, frozenset[str]]:
    return {row["skillId"]: frozenset(row["narrower"]) for row in rows}


@dataclass(frozen=True)
class Usable:
    """What the prerequisite read-ahead follows (see plan/_teachers): ACTIVE credentials not
    in ``exclude``, free or priced in ``currency`` (None: the catalogue's main currency, as
    the context query decides), or unpriced when ``include_unpriced``. Other credentials
    are still read (to be listed as left out); only their prerequisites are not."""

    currency: str | None
    include_unpriced: bool
    exclude: frozenset[str]

    def params(self) -> dict[str, object]:
        return {
            "currency": self.currency,
            "includeUnpriced": self.include_unpriced,
            "exclude": sorted(self.exclude),
        }


async def context(
    db: Database,
    person_id: str,
    role_ids: Sequence[str],
    *,
    importances: Collection[str],
    usable: Usable,
    narrower: bool,
    offered_by: bool,
) -> PlanContext:
    """The person and their evidence, each role's requirements, the catalogue's main
    currency (the one most ACTIVE priced credentials use), the credentials teaching a
    required skill of one of ``importances`` that the person does not declare at the
    required level, and with ``narrower`` the skills up to two BROADER hops below each
    required one (and credentials teaching those); without ``narrower`` also the credentials
    teaching what the ``usable`` ones of those require, three levels deep (``asked``: every
    skill whose teachers are all in ``offers``). One round trip."""
    rows = await db.read_shallow(
        CONTEXT,
        {
            "personId": person_id,
            "roleIds": list(role_ids),
            "importances": sorted(importances),
            "narrower": narrower,
            "offeredBy": offered_by,
            "relevant": None,
            **usable.params(),
        },
    )
    row = rows[0]
    roles = {
        entry["roleId"]: RoleRequirements(entry["role"], tuple(entry["requirements"]))
        for entry in row["roles"]
    }
    return PlanContext(
        person=row["person"],
        evidence=evidence_of(row),
        roles=MappingProxyType(roles),
        main_currency=row["mainCurrency"],
        offers=tuple(_offer(o) for o in row["offers"]),
        asked=frozenset(row["asked"] or ()),
        narrower=MappingProxyType(_narrower(row["narrower"])),
    )


async def teachers(
    db: Database,
    skills: Collection[str],
    *,
    usable: Usable,
    narrower: bool,
    offered_by: bool,
) -> tuple[list[Offer], frozenset[str], dict[str, frozenset[str]]]:
    """The credentials teaching ``skills`` (or, with ``narrower``, a skill up to two BROADER
    hops below one; without, also three levels of the ``usable`` ones' prerequisites ahead;
    ``usable.currency`` must be set), the skills whose teachers that covers, and with
    ``narrower`` the skills below each. One round trip."""
    rows = await db.read_shallow(
        TEACHERS,
        {
            "skills": sorted(skills),
            "narrower": narrower,
            "offeredBy": offered_by,
            **usable.params(),
        },
    )
    row = rows[0]
    asked = frozenset(row["asked"] or skills)
    return [_offer(o) for o in row["offers"]], asked, _narrower(row["narrower"])
