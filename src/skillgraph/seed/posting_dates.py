"""When generated job postings were published (and closed), with demand trends planted.

Postings spread over the ``MONTHS`` months before the reference date, on weekdays in office
hours, half in each year. Some often-required skills are planted as *rising* or *falling*:
a posting requiring more rising than falling planted skills leans late (85% of such postings
fall in the later year), the reverse early (85% in the earlier year), and the others fill
the years up to equal halves, uniformly within a year. So a planted rising skill's share
of postings in the last year exceeds its share in the year before by construction, and a
falling one's drops. Only dates are chosen here: which skills a posting requires is left
as generated.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from skillgraph.seed.dates import add_months, iso

__all__ = ["MONTHS", "PostingDates", "posting_dates"]

MONTHS = 24
_MAX_OVERLAP = 0.25  # at most this share of a planted skill's postings pull the other way
_MAX_COVER = 0.4  # the postings of one direction's planted skills, at most
_LEAN = 0.85  # the share of leaning postings placed in the half of the span they lean to
_CLOSED_SHARE = 0.4  # of postings older than their longest run, closed after 3 to 13 weeks


@dataclass(frozen=True)
class PostingDates:
    """Per posting (input order) ISO-8601 UTC ``posted`` and ``closed`` (None: still open);
    the planted ``rising`` and ``falling`` skills, sorted."""

    posted: tuple[str, ...]
    closed: tuple[str | None, ...]
    rising: tuple[str, ...]
    falling: tuple[str, ...]


def _planted(
    skill_sets: Sequence[frozenset[str]], wanted: int, shares: tuple[float, float]
) -> tuple[list[str], list[str]]:
    """Often-required skills, most required first, alternately rising and falling (neither
    direction more than one ahead), each
    sharing at most ``_MAX_OVERLAP`` of its postings with the other direction's (so the
    pulls rarely cancel), and each direction covering at most ``_MAX_COVER`` of the
    postings (so the halves of the span can stay equal)."""
    n = len(skill_sets)
    holders: dict[str, set[int]] = {}
    for index, skills in enumerate(skill_sets):
        for skill in skills:
            holders.setdefault(skill, set()).add(index)
    low, high = max(4, math.ceil(shares[0] * n)), shares[1] * n
    candidates = sorted(
        (s for s, held in holders.items() if low <= len(held) <= high),
        key=lambda s: (-len(holders[s]), s),
    )
    chosen: tuple[list[str], list[str]] = ([], [])
    covered: tuple[set[int], set[int]] = (set(), set())

    def fits(side: int, mine: set[int]) -> bool:
        other = 1 - side
        return (
            len(chosen[side]) < wanted
            and len(mine & covered[other]) <= _MAX_OVERLAP * len(mine)
            and all(len(mine & holders[c]) <= _MAX_OVERLAP * len(holders[c]) for c in chosen[other])
            and len(covered[side] | mine) <= _MAX_COVER * n
        )

    for skill in candidates:
        if all(len(side) >= wanted for side in chosen):
            break
        mine = holders[skill]
        first = 0 if len(chosen[0]) <= len(chosen[1]) else 1
        for side in (first, 1 - first):
            # Neither direction runs more than one ahead of the other.
            if len(chosen[side]) <= len(chosen[1 - side]) and fits(side, mine):
                chosen[side].append(skill)
                covered[side].update(mine)
                break
    return sorted(chosen[0]), sorted(chosen[1])


def _office_hours(rng: random.Random, moment: datetime, start: datetime, end: datetime) -> datetime:
    day = moment.replace(hour=rng.randint(8, 17), minute=rng.randrange(60), second=0)
    while day.weekday() >= 5:  # a weekend moves back to Friday
        day -= timedelta(days=1)
    if day < start:
        day += timedelta(days=3)
    return min(day, end - timedelta(hours=1))


def posting_dates(
    rng: random.Random,
    skill_sets: Sequence[frozenset[str]],
    reference: datetime,
    *,
    planted: int = 3,
    shares: tuple[float, float] = (0.15, 0.6),
) -> PostingDates:
    """Dates for postings requiring ``skill_sets`` (effective requirements: own and the
    occupation's), all before ``reference``, with up to ``planted`` rising and ``planted``
    falling skills among those required by a share of the postings within ``shares`` (and
    at least 4 postings)."""
    rising, falling = _planted(skill_sets, planted, shares)
    up, down = set(rising), set(falling)
    leans = [len(skills & up) - len(skills & down) for skills in skill_sets]
    late = _halves(rng, leans)
    start = add_months(reference, -MONTHS)
    half = (reference - start).total_seconds() / 2
    posted: list[str] = []
    closed: list[str | None] = []
    for index in range(len(skill_sets)):
        offset = (rng.random() + (1 if index in late else 0)) * half
        moment = _office_hours(rng, start + timedelta(seconds=offset), start, reference)
        posted.append(iso(moment))
        end = moment + timedelta(days=rng.randint(21, 91))
        closed.append(iso(end) if end < reference and rng.random() < _CLOSED_SHARE else None)
    return PostingDates(tuple(posted), tuple(closed), tuple(rising), tuple(falling))


def _halves(rng: random.Random, leans: Sequence[int]) -> set[int]:
    """Which postings go to the later half of the span: exactly a ``_LEAN`` share of those
    leaning late and the complement of that share of those leaning early (rounded), then as
    many of the others as make the two halves equal (as far as they can), each group
    shuffled first."""
    late: set[int] = set()
    groups = {
        sign: [i for i, lean in enumerate(leans) if (lean > 0) - (lean < 0) == sign]
        for sign in (1, -1, 0)
    }
    for sign, share in ((1, _LEAN), (-1, 1 - _LEAN)):
        group = groups[sign]
        rng.shuffle(group)
        late.update(group[: round(share * len(group))])
    neutral = groups[0]
    rng.shuffle(neutral)
    wanted = min(max(len(leans) // 2 - len(late), 0), len(neutral))
    late.update(neutral[:wanted])
    return late
