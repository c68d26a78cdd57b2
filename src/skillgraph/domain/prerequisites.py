"""Which credentials can ever be taken, and which targets they can reach.

A credential is obtainable when every prerequisite is held or taught by a credential that is
itself obtainable earlier; cycles never make anything obtainable. Every function here does
work linear in the size of the catalogue (credentials plus their teaches and requires), with
no cap on the depth of prerequisite chains.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from skillgraph.domain.plan_model import Candidate, Exclusion, PlanProblem, Target

__all__ = [
    "PlanScope",
    "Teachers",
    "availability_ranks",
    "plan_scope",
    "satisfied",
    "unmet_prerequisites",
]


def satisfied(candidate: Candidate, levels: Mapping[str, int]) -> bool:
    """Every prerequisite of ``candidate`` is met by ``levels`` (skill id -> level)."""
    return all(levels.get(s, 0) >= level for s, level in candidate.requires.items())


def unmet_prerequisites(
    candidate: Candidate, levels: Mapping[str, int]
) -> tuple[tuple[str, int], ...]:
    """Prerequisites ``levels`` does not meet, as (skill id, level), by skill id."""
    return tuple((s, lv) for s, lv in candidate.requires.items() if levels.get(s, 0) < lv)


def availability_ranks(held: Mapping[str, int], candidates: Iterable[Candidate]) -> dict[str, int]:
    """Obtainable credential id -> round in which it becomes obtainable.

    Round 0: prerequisites all held. Round r: prerequisites met by ``held`` plus what rounds
    < r teach. So each prerequisite of a round-r credential that ``held`` does not meet is
    taught at its level by some credential of a lower round. Unobtainable ids are absent
    (among them every credential that only a prerequisite cycle could unlock).
    """
    levels = dict(held)
    pending: dict[str, int] = {}
    waiting: dict[str, list[tuple[int, Candidate]]] = {}
    ready: list[Candidate] = []
    for candidate in sorted(candidates, key=lambda c: c.credential_id):
        unmet = unmet_prerequisites(candidate, levels)
        if not unmet:
            ready.append(candidate)
            continue
        pending[candidate.credential_id] = len(unmet)
        for skill_id, level in unmet:
            waiting.setdefault(skill_id, []).append((level, candidate))
    for entries in waiting.values():
        entries.sort(key=lambda entry: entry[0])
    ranks: dict[str, int] = {}
    rank = 0
    while ready:
        unlocked: list[Candidate] = []
        for candidate in ready:
            ranks[candidate.credential_id] = rank
        for candidate in ready:
            for skill_id, level in candidate.teaches.items():
                if levels.get(skill_id, 0) >= level:
                    continue
                levels[skill_id] = level
                entries = waiting.get(skill_id, [])
                # Entries are sorted by level: release those now met, keep the rest.
                met = 0
                while met < len(entries) and entries[met][0] <= level:
                    met += 1
                for _, needer in entries[:met]:
                    pending[needer.credential_id] -= 1
                    if pending[needer.credential_id] == 0:
                        unlocked.append(needer)
                waiting[skill_id] = entries[met:]
        ready = sorted(unlocked, key=lambda c: c.credential_id)
        rank += 1
    return ranks


class Teachers:
    """Credentials by taught skill, highest level first (then id), for "who teaches s at >= l"."""

    def __init__(self, candidates: Iterable[Candidate]) -> None:
        self._by_skill: dict[str, list[tuple[int, str, Candidate]]] = {}
        for candidate in candidates:
            for skill_id, level in candidate.teaches.items():
                entry = (-level, candidate.credential_id, candidate)
                self._by_skill.setdefault(skill_id, []).append(entry)
        for entries in self._by_skill.values():
            entries.sort()
        self._found: dict[tuple[str, int], list[Candidate]] = {}

    def of(self, skill_id: str, level: int) -> list[Candidate]:
        """Those teaching ``skill_id`` at ``level`` or above, highest level first, then id
        (the same list object on every call: do not change it)."""
        key = (skill_id, level)
        found = self._found.get(key)
        if found is None:
            found = self._found[key] = []
            for taught, _, candidate in self._by_skill.get(skill_id, ()):
                if -taught < level:
                    break
                found.append(candidate)
        return found

    def among(self, ids: Collection[str]) -> Teachers:
        """The same index restricted to the credentials ``ids``."""
        restricted = Teachers(())
        wanted = set(ids)
        for skill_id, entries in self._by_skill.items():
            kept = [entry for entry in entries if entry[1] in wanted]
            if kept:
                restricted._by_skill[skill_id] = kept
        return restricted


@dataclass(frozen=True)
class PlanScope:
    """What the solvers work on.

    ``coverable``/``uncoverable`` split the targets, ignoring limits (``uncoverable`` holds
    each skill once, sorted). ``ranks``: availability rounds of the usable candidates (those
    that fit the limits; see ``availability_ranks``). ``relevant``: usable, obtainable
    candidates that cover a coverable target, plus, transitively, every usable obtainable
    candidate teaching a prerequisite of a relevant one (by id). ``excluded``: candidates that
    can never be part of a plan, with the reason. ``teachers``: the relevant ones by skill.
    """

    ranks: Mapping[str, int]
    coverable: tuple[Target, ...]
    uncoverable: tuple[str, ...]
    relevant: tuple[str, ...]
    excluded: Mapping[str, Exclusion]
    teachers: Teachers


def plan_scope(problem: PlanProblem) -> PlanScope:
    options = problem.options
    everything = availability_ranks(problem.held, problem.candidates)
    usable = [c for c in problem.candidates if options.fits(c)]
    limited = len(usable) < len(problem.candidates)
    ranks = availability_ranks(problem.held, usable) if limited else everything
    excluded = {
        c.credential_id: Exclusion.OVER_LIMIT if not options.fits(c) else Exclusion.UNREACHABLE
        for c in problem.candidates
        if c.credential_id not in ranks
    }
    # The highest level any obtainable credential teaches, ignoring limits.
    reachable: dict[str, int] = {}
    for c in problem.candidates:
        if c.credential_id in everything:
            for skill_id, level in c.teaches.items():
                reachable[skill_id] = max(reachable.get(skill_id, 0), level)
    obtainable = Teachers(c for c in usable if c.credential_id in ranks)
    coverable: list[Target] = []
    uncoverable: set[str] = set()
    relevant: set[str] = set()
    for target in problem.targets:
        if reachable.get(target.skill_id, 0) >= target.level:
            coverable.append(target)
            relevant.update(c.credential_id for c in obtainable.of(target.skill_id, target.level))
        else:
            uncoverable.add(target.skill_id)
    frontier = sorted(relevant)
    needs = problem.needs
    while frontier:
        for skill_id, level in needs[frontier.pop()]:
            for provider in obtainable.of(skill_id, level):
                if provider.credential_id not in relevant:
                    relevant.add(provider.credential_id)
                    frontier.append(provider.credential_id)
    return PlanScope(
        ranks=ranks,
        coverable=tuple(coverable),
        uncoverable=tuple(sorted(uncoverable)),
        relevant=tuple(sorted(relevant)),
        excluded=excluded,
        teachers=obtainable.among(relevant),
    )
