"""Dates of generated awards, all relative to a fixed reference moment (never the clock)."""

from __future__ import annotations

import calendar
import random
from datetime import UTC, datetime, timedelta

__all__ = ["REFERENCE_DATE", "add_months", "award_dates", "iso"]

REFERENCE_DATE = datetime(2026, 1, 1, tzinfo=UTC)

_HISTORY_DAYS = 7 * 365


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def add_months(moment: datetime, months: int) -> datetime:
    """The same day ``months`` later, clamped to the month's end (31 Jan + 1 = 28/29 Feb)."""
    index = moment.month - 1 + months
    year, month = moment.year + index // 12, index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def award_dates(
    rng: random.Random, reference: datetime, validity_months: int | None
) -> tuple[str, str | None]:
    """(issuedAt, expiresAt) as ISO-8601 UTC strings; issued within seven years before
    ``reference``, expiring ``validity_months`` later (or occasionally anyway), so a share of
    awards is already expired at ``reference``. expiresAt is always after issuedAt."""
    issued = reference - timedelta(seconds=rng.randrange(86_400, _HISTORY_DAYS * 86_400))
    if validity_months is None and rng.random() < 0.15:
        validity_months = rng.choice((12, 24, 36))
    expires = None if validity_months is None else iso(add_months(issued, validity_months))
    return iso(issued), expires
