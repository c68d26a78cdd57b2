"""Generated rows satisfy the same constraints as writes through the API."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel

from skillgraph.model.fields import Money
from skillgraph.model.nodes import (
    CredentialWrite,
    PersonWrite,
    ProviderWrite,
    RoleWrite,
    SkillWrite,
)
from skillgraph.model.relations import AwardWrite, LevelWrite, PersonSkillWrite, RequirementWrite
from skillgraph.seed import synthetic_dataset
from skillgraph.store.bulk import Kind
from tests.unit.seed.streams import PAIRS, Stream, demo

MODELS: dict[Kind, type[BaseModel]] = {
    Kind.SKILLS: SkillWrite,
    Kind.ROLES: RoleWrite,
    Kind.PROVIDERS: ProviderWrite,
    Kind.PEOPLE: PersonWrite,
    Kind.REQUIREMENTS: RequirementWrite,
    Kind.TEACHES: LevelWrite,
    Kind.PREREQUISITES: LevelWrite,
    Kind.PERSON_SKILLS: PersonSkillWrite,
    Kind.AWARDS: AwardWrite,
}


def check(kind: Kind, row: dict[str, Any]) -> None:
    """Raises pydantic.ValidationError when the row would be refused."""
    values = {k: v for k, v in row.items() if k != "uri" and k not in PAIRS.get(kind, ())}
    if kind is Kind.CREDENTIALS:
        amount, currency = values.pop("costAmount"), values.pop("costCurrency")
        values["providerId"] = "prov_x"
        del values["providerUri"]
        if amount is not None:
            values["cost"] = Money(amount=amount, currency=currency)
        CredentialWrite.model_validate(values)
    elif kind in MODELS:
        MODELS[kind].model_validate(values)


@pytest.mark.parametrize(
    "stream",
    [
        pytest.param(demo, id="demo"),
        pytest.param(lambda: Stream.of(synthetic_dataset(0.002)), id="synthetic"),
    ],
)
def test_every_row_passes_the_write_models(stream: Any) -> None:
    for kind, rows in stream().rows.items():
        for row in rows:
            check(kind, row)


def test_emails_are_already_normalised() -> None:
    for row in demo().rows[Kind.PEOPLE]:
        assert (
            PersonWrite.model_validate({"name": row["name"], "email": row["email"]}).email
            == row["email"]
        )
