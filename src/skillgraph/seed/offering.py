"""What a credential costs, how long it takes and how it is delivered."""

from __future__ import annotations

import random
from decimal import Decimal

from skillgraph.model.currency import minor_digits
from skillgraph.model.enums import CredentialFormat, CredentialKind, CredentialStatus
from skillgraph.seed.rows import Row

__all__ = ["TEACH_COUNT", "TIER_LEVELS", "currency_of", "format_amount", "offering"]

_CURRENCIES = {"GB": "GBP", "US": "USD", "JP": "JPY", "SE": "SEK", "CA": "CAD", "CH": "CHF",
               "IN": "INR", "AU": "AUD", "SG": "SGD"}  # fmt: skip
_EURO = frozenset({"AT", "BE", "DE", "EE", "ES", "FI", "FR", "GR", "IE", "IT", "LT", "LU",
                   "LV", "MT", "NL", "PT", "SI", "SK"})  # fmt: skip
# How many units of a currency make about one euro, and what prices are rounded to.
_RATES = {"JPY": (160, 100), "SEK": (11, 10), "INR": (90, 50)}

# (hours low, high), (price low, high in EUR-like units), share of free offers
_TERMS: dict[CredentialKind, tuple[tuple[int, int], tuple[int, int], float]] = {
    CredentialKind.BADGE: ((2, 12), (10, 60), 0.5),
    CredentialKind.COURSE: ((6, 60), (30, 400), 0.2),
    CredentialKind.MICRO_CREDENTIAL: ((20, 120), (150, 900), 0.05),
    CredentialKind.CERTIFICATE: ((60, 300), (600, 3500), 0.0),
    CredentialKind.CERTIFICATION: ((20, 80), (150, 600), 0.0),
    CredentialKind.NANODEGREE: ((120, 400), (400, 1500), 0.0),
    CredentialKind.OTHER: ((4, 200), (20, 300), 0.3),
}
_VALIDITY: dict[CredentialKind, tuple[int, ...]] = {
    CredentialKind.CERTIFICATION: (24, 36, 36),
    CredentialKind.BADGE: (12, 24),
    CredentialKind.CERTIFICATE: (60,),
}
# How many skills a credential of each kind teaches, and at which levels per tier (1-3).
TEACH_COUNT: dict[CredentialKind, tuple[int, int]] = {
    CredentialKind.BADGE: (2, 3),
    CredentialKind.COURSE: (2, 5),
    CredentialKind.MICRO_CREDENTIAL: (3, 6),
    CredentialKind.CERTIFICATE: (4, 8),
    CredentialKind.CERTIFICATION: (4, 8),
    CredentialKind.NANODEGREE: (6, 8),
    CredentialKind.OTHER: (2, 5),
}
TIER_LEVELS = {1: (1, 2), 2: (2, 3), 3: (3, 5)}
_FORMATS = (CredentialFormat.ONLINE, CredentialFormat.HYBRID, CredentialFormat.IN_PERSON)


def currency_of(country: str, *, platform: bool = False) -> str:
    """The currency a provider in ``country`` prices in (platforms price in USD)."""
    if platform:
        return "USD"
    return "EUR" if country in _EURO else _CURRENCIES.get(country, "USD")


def format_amount(amount: Decimal | int, currency: str) -> str:
    """``amount`` as a decimal string with exactly the currency's minor digits ("199.00",
    "19800" for JPY)."""
    digits = minor_digits(currency)
    return f"{Decimal(amount):.{digits}f}"


def offering(
    rng: random.Random, kind: CredentialKind, currency: str, *, retired_share: float = 0.05
) -> Row:
    """costAmount, costCurrency, durationHours, format, validityMonths and status for a
    credential of ``kind``; about 4% have no known cost (both cost fields None)."""
    (low_h, high_h), (low_p, high_p), free = _TERMS[kind]
    hours = rng.randrange(low_h * 2, high_h * 2 + 1) / 2
    amount: str | None = None
    code: str | None = currency
    roll = rng.random()
    if roll < 0.04:
        code = None
    elif roll < 0.04 + free:
        amount = format_amount(0, currency)
    else:
        amount = _price(rng, low_p, high_p, currency)
    validity = _VALIDITY.get(kind)
    months = rng.choice(validity) if validity is not None and rng.random() < 0.7 else None
    style = rng.choices(_FORMATS, weights=(6, 2, 2))[0]
    retired = rng.random() < retired_share
    return {
        "costAmount": amount,
        "costCurrency": code,
        "durationHours": hours,
        "format": style.value,
        "validityMonths": months,
        "status": (CredentialStatus.RETIRED if retired else CredentialStatus.ACTIVE).value,
    }


def _price(rng: random.Random, low: int, high: int, currency: str) -> str:
    rate, step = _RATES.get(currency, (1, 0))
    base = rng.randrange(low, high + 1)
    if step:
        return format_amount(max(step, round(base * rate / step) * step), currency)
    # Prices end in 9 or 0, sometimes with .99 cents: 199.00, 49.99, 1250.00
    whole = base // 10 * 10 + rng.choice((0, 9))
    cents = Decimal("0.99") if whole % 10 == 9 and rng.random() < 0.3 else Decimal(0)
    return format_amount(Decimal(whole) + cents, currency)
