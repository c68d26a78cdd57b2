from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import strawberry

__all__ = ["Money", "Node", "moment"]


def moment(value: datetime | str) -> datetime:
    """A stored timestamp as a datetime: store queries send ``createdAt``/``updatedAt`` as
    ISO 8601 text (``toString``), which is far cheaper to receive than a driver DateTime."""
    return datetime.fromisoformat(value) if isinstance(value, str) else value


@strawberry.interface(description="An object with a globally unique id; fetch any with `node`.")
class Node:
    id: strawberry.ID = strawberry.field(
        description="Globally unique and stable. Its prefix names the type (skill_, cred_, ...)."
    )
    uri: str | None = strawberry.field(
        description="Optional external key, unique per type: an ESCO concept URI, a job board's "
        "posting URL, an Open Badges id."
    )
    created_at: datetime
    updated_at: datetime


@strawberry.type(description="An exact amount in one ISO 4217 currency.")
class Money:
    amount: Decimal = strawberry.field(description="Exact decimal amount, e.g. 199.99.")
    currency: str = strawberry.field(description="ISO 4217 code, e.g. EUR.")


@strawberry.input(description="An exact amount in one ISO 4217 currency.")
class MoneyInput:
    amount: Decimal = strawberry.field(description="At least 0, with the currency's decimals.")
    currency: str = strawberry.field(description="ISO 4217 code, e.g. EUR.")
