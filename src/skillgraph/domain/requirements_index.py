"""Role requirements indexed for the value signals: which roles a credential serves.

A requirement is *served* by a credential when the credential teaches its skill at a level
at least the required one. Importance weighs 1 (ESSENTIAL) or 1/4 (OPTIONAL), counted in
quarters so sums stay integers. Roles are bit positions: the roles served by a set of taught
skills are the OR of per-(skill, level) bitsets, so a credential is matched against every
role at once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from skillgraph.model.enums import Importance

__all__ = [
    "QUARTER",
    "MarketRole",
    "RequirementIndex",
    "effective_requirements",
    "importance_units",
    "outcome_counts",
]

_UNITS = {Importance.ESSENTIAL: 4, Importance.OPTIONAL: 1}
QUARTER = 4  # weight units per 1 (ESSENTIAL)


def importance_units(importance: Importance) -> int:
    """The weight of a requirement in quarters (ESSENTIAL 4, OPTIONAL 1)."""
    return _UNITS[importance]


def effective_requirements(
    own: Iterable[tuple[str, Importance, int]], inherited: Iterable[tuple[str, Importance, int]]
) -> dict[str, tuple[Importance, int]]:
    """A role's effective requirements (skill id -> (importance, level)): its own, plus the
    inherited ones on skills it does not require itself (its own requirement wins)."""
    found = {skill_id: (importance, level) for skill_id, importance, level in inherited}
    found.update((skill_id, (importance, level)) for skill_id, importance, level in own)
    return found


def outcome_counts(
    earners: Iterable[tuple[Sequence[str], Sequence[str]]],
    roles: Mapping[str, Mapping[str, tuple[Importance, int]]],
    teaches: Mapping[str, Mapping[str, int]],
) -> dict[str, tuple[int, int]]:
    """Per credential id: (earners, relevant earners). ``earners`` gives, per person, the
    credentials they hold a non-revoked award of and the roles they hold or target;
    ``roles`` the effective requirements of each role; a person is relevant for a
    credential when one of their roles has a requirement it serves. Unknown ids count as
    teaching or requiring nothing."""
    ids = list(roles)
    index = RequirementIndex([MarketRole(r, roles[r]) for r in ids])
    position = {r: i for i, r in enumerate(ids)}
    serving: dict[str, int] = {}  # credential -> bitset of the roles it serves
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for credential_ids, role_ids in earners:
        mine = 0
        for r in role_ids:
            if r in position:
                mine |= 1 << position[r]
        for cid in dict.fromkeys(credential_ids):
            bits = serving.get(cid)
            if bits is None:
                bits = serving[cid] = index.serving(teaches.get(cid, {}))
            tally = counts[cid]
            tally[0] += 1
            if bits & mine:
                tally[1] += 1
    return {cid: (n, relevant) for cid, (n, relevant) in counts.items()}


@dataclass(frozen=True)
class MarketRole:
    """A role's effective requirements: skill id -> (importance, level)."""

    role_id: str
    requires: Mapping[str, tuple[Importance, int]]


def _bits(indices: list[int], size: int) -> int:
    """The bitset with ``indices`` set (built in one go: or-ing in one bit at a time copies
    the whole integer each time)."""
    if not indices:
        return 0
    buffer = bytearray(size)
    for i in indices:
        buffer[i >> 3] |= 1 << (i & 7)
    return int.from_bytes(buffer, "little")


class RequirementIndex:
    """Requirements by skill and taught level, as bitsets over the roles: for skill s and
    level t, the roles with an ESSENTIAL (or OPTIONAL) requirement of s at level <= t."""

    def __init__(self, roles: Sequence[MarketRole]) -> None:
        self.count = len(roles)
        rows: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
        for index, role in enumerate(roles):
            for skill_id, (importance, level) in role.requires.items():
                rows[skill_id].append((index, level, _UNITS[importance]))
        self.skills = frozenset(rows)
        # skill -> per taught level 1..5: (essential bits, optional bits, weight units)
        self._at: dict[str, list[tuple[int, int, int]]] = {}
        self._total: dict[str, int] = {}
        essential_units = _UNITS[Importance.ESSENTIAL]
        size = (self.count + 7) // 8
        for skill_id, entries in rows.items():
            by_level: list[tuple[list[int], list[int], int]] = [([], [], 0) for _ in range(6)]
            for index, level, weight in entries:
                e, o, units = by_level[min(max(level, 1), 5)]
                (e if weight == essential_units else o).append(index)
                by_level[min(max(level, 1), 5)] = (e, o, units + weight)
            essential = optional = units = 0
            levels = []
            for taught in range(1, 6):
                e, o, more = by_level[taught]
                essential |= _bits(e, size)
                optional |= _bits(o, size)
                units += more
                levels.append((essential, optional, units))
            self._at[skill_id] = levels
            self._total[skill_id] = units

    def serving(self, teaches: Mapping[str, int]) -> int:
        """The bitset of roles with a requirement ``teaches`` serves."""
        bits = 0
        for skill_id, taught in teaches.items():
            levels = self._at.get(skill_id)
            if levels is not None and taught >= 1:
                e, o, _ = levels[min(taught, 5) - 1]
                bits |= e | o
        return bits

    def served(self, teaches: Mapping[str, int]) -> tuple[int, int, set[str]]:
        """(weight units summed over roles, each at its most important served requirement;
        roles served; skills serving some role)."""
        essential = optional = 0
        skills: set[str] = set()
        for skill_id, taught in teaches.items():
            levels = self._at.get(skill_id)
            if levels is None or taught < 1:
                continue
            e, o, _ = levels[min(taught, 5) - 1]
            if e or o:
                skills.add(skill_id)
                essential |= e
                optional |= o
        optional &= ~essential
        units = _UNITS[Importance.ESSENTIAL] * essential.bit_count()
        units += _UNITS[Importance.OPTIONAL] * optional.bit_count()
        return units, (essential | optional).bit_count(), skills

    def weight_at(self, skill_id: str, taught: int) -> int:
        """Weight units of the requirements of ``skill_id`` at a level <= ``taught``."""
        levels = self._at.get(skill_id)
        return 0 if levels is None or taught < 1 else levels[min(taught, 5) - 1][2]

    def total_weight(self, skill_id: str) -> int:
        return self._total.get(skill_id, 0)
