from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from typing import Any

import strawberry
from pydantic import ValidationError

from skillgraph.errors import bad_input
from skillgraph.model.fields import Money as MoneyValue
from skillgraph.model.ids import NodeType
from skillgraph.store.database import instant

__all__ = ["Money", "Node", "moment", "stored"]


def moment(value: datetime | str) -> datetime:
    """A stored timestamp as a datetime: store queries send ``createdAt``/``updatedAt`` as
    ISO 8601 text (see ``store.database.instant``)."""
    found: datetime = instant(value)
    return found


async def stored(info: Any, node_type: NodeType, record: Mapping[str, Any], key: str) -> Any:
    """``record[key]``; when a store query left the property out of ``record`` (a light
    record), the whole node is read through the request's node loader (batched)."""
    if key in record:
        return record[key]
    whole = await info.context.loaders.node(node_type).load(record["id"])
    return None if whole is None else whole.get(key)


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

    def value(self, field: str) -> MoneyValue:
        """The validated amount; BAD_USER_INPUT naming e.g. ``{field}.currency``."""
        try:
            return MoneyValue(amount=self.amount, currency=self.currency)
        except ValidationError as exc:
            raise bad_input(exc, field) from None
