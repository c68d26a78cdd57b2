"""Which credentials a plan may use, and why the others are left out."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from skillgraph.domain.plan_model import Candidate, Exclusion
from skillgraph.store.plans import Offer

__all__ = ["ExclusionReason", "OfferFilter", "as_candidate", "exclusion_of", "reason_of"]


class ExclusionReason(StrEnum):
    """Why a credential that teaches something the plan needs is not in it. The first that
    applies, in this order."""

    NOT_ACTIVE = "NOT_ACTIVE"
    EXCLUDED = "EXCLUDED"
    FORMAT = "FORMAT"
    PROVIDER = "PROVIDER"
    NOT_ACCREDITED = "NOT_ACCREDITED"
    NOT_ENDORSED = "NOT_ENDORSED"
    OTHER_CURRENCY = "OTHER_CURRENCY"
    UNPRICED = "UNPRICED"
    OVER_LIMIT = "OVER_LIMIT"
    UNREACHABLE = "UNREACHABLE"


def exclusion_of(reason: Exclusion) -> ExclusionReason:
    """The planner's own reasons (limits, unreachable prerequisites) in the same terms."""
    return ExclusionReason(reason.value)


@dataclass(frozen=True)
class OfferFilter:
    """``currency``: the one currency costs are added in (None: no credential is priced, so
    only free ones can be); ``include_unpriced``: credentials of unknown cost may be used;
    ``exclude``: ids the caller left out; the rest narrow by format, provider, accreditation
    and endorsement."""

    currency: str | None
    include_unpriced: bool = False
    exclude: frozenset[str] = frozenset()
    formats: tuple[str, ...] | None = None
    providers: tuple[str, ...] | None = None
    require_accredited: bool = False
    require_endorsed: bool = False


def _amount(offer: Offer) -> Decimal | None:
    amount = offer.node.get("costAmount")
    return None if amount is None else Decimal(str(amount))


def reason_of(offer: Offer, where: OfferFilter) -> ExclusionReason | None:
    """Why ``offer`` may not be a candidate, or None when it may. A credential priced 0 is
    free in every currency; one of unknown cost is a candidate only with include_unpriced."""
    node = offer.node
    if node.get("status", "ACTIVE") != "ACTIVE":
        return ExclusionReason.NOT_ACTIVE
    if offer.id in where.exclude:
        return ExclusionReason.EXCLUDED
    if where.formats is not None and node.get("format") not in where.formats:
        return ExclusionReason.FORMAT
    if where.providers is not None and not set(offer.providers) & set(where.providers):
        return ExclusionReason.PROVIDER
    if where.require_accredited and not offer.accredited:
        return ExclusionReason.NOT_ACCREDITED
    if where.require_endorsed and not offer.endorsed:
        return ExclusionReason.NOT_ENDORSED
    amount = _amount(offer)
    if amount is None:
        return None if where.include_unpriced else ExclusionReason.UNPRICED
    if amount != 0 and node.get("costCurrency") != where.currency:
        return ExclusionReason.OTHER_CURRENCY
    return None


def as_candidate(offer: Offer) -> Candidate:
    """The planner's view of a credential ``reason_of`` accepted: unknown cost and unknown
    hours stay unknown (None)."""
    hours = offer.node.get("durationHours")
    return Candidate(
        credential_id=offer.id,
        cost=_amount(offer),
        hours=None if hours is None else float(hours),
        teaches=offer.teaches,
        requires=offer.requires,
    )
