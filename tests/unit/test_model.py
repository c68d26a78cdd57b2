from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from pydantic import ValidationError

from skillgraph.model.fields import Money
from skillgraph.model.ids import NodeType, new_id, node_type_of, valid_id
from skillgraph.model.nodes import (
    CredentialWrite,
    PersonWrite,
    ProviderWrite,
    RoleWrite,
    SkillWrite,
)
from skillgraph.model.relations import AwardWrite, LevelWrite, RequirementWrite


def field_of(error: ValidationError) -> str:
    return ".".join(str(p) for p in error.errors()[0]["loc"])


def test_money_normalises_the_currency_code() -> None:
    assert Money(amount=Decimal("10.50"), currency="eur").currency == "EUR"


@pytest.mark.parametrize(
    ("amount", "currency", "message"),
    [
        ("-1", "EUR", "greater than or equal to 0"),
        ("10", "XXX", "unknown ISO 4217"),
        ("10", "EURO", "unknown ISO 4217"),
        ("10.001", "EUR", "at most 2 decimal places"),
        ("10.5", "JPY", "at most 0 decimal places"),
        ("NaN", "EUR", "finite|greater than"),
    ],
)
def test_money_refuses_bad_amounts_and_currencies(amount: str, currency: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Money(amount=Decimal(amount), currency=currency)


def test_three_decimal_currencies_allow_three_decimals() -> None:
    assert Money(amount=Decimal("1.125"), currency="KWD").amount == Decimal("1.125")


def test_skill_defaults_and_label_dedupe() -> None:
    skill = SkillWrite.model_validate({"name": "  Python ", "altLabels": ["py", "py", "snake"]})
    assert skill.name == "Python"
    assert skill.alt_labels == ["py", "snake"]
    assert skill.to_properties()["type"] == "SKILL"


@pytest.mark.parametrize("name", ["", "   ", "x" * 301])
def test_a_name_must_be_1_to_300_characters(name: str) -> None:
    with pytest.raises(ValidationError) as info:
        SkillWrite.model_validate({"name": name})
    assert field_of(info.value) == "name"


def test_unknown_fields_are_refused() -> None:
    with pytest.raises(ValidationError) as info:
        SkillWrite.model_validate({"name": "x", "colour": "red"})
    assert field_of(info.value) == "colour"


def test_credential_properties_store_money_exactly_and_as_a_sortable_float() -> None:
    write = CredentialWrite.model_validate(
        {"name": "c", "providerId": "prov_x", "cost": {"amount": "19.99", "currency": "usd"}}
    )
    props = write.to_properties()
    assert (props["costAmount"], props["costCurrency"], props["costValue"]) == (
        "19.99",
        "USD",
        19.99,
    )
    assert "providerId" not in props


def test_credential_cost_errors_name_the_nested_field() -> None:
    with pytest.raises(ValidationError) as info:
        CredentialWrite.model_validate(
            {"name": "c", "providerId": "p", "cost": {"amount": "1", "currency": "ZZZ"}}
        )
    assert field_of(info.value) == "cost.currency"


def test_only_postings_may_name_an_occupation() -> None:
    with pytest.raises(ValidationError, match="JOB_POSTING"):
        RoleWrite.model_validate({"title": "t", "occupationId": "role_x"})
    posting = RoleWrite.model_validate(
        {"title": "t", "kind": "JOB_POSTING", "occupationId": "role_x"}
    )
    assert "occupationId" not in posting.to_properties()


@pytest.mark.parametrize("isco", ["25123", "ab", ""])
def test_isco_group_is_one_to_four_digits(isco: str) -> None:
    with pytest.raises(ValidationError):
        RoleWrite.model_validate({"title": "t", "iscoGroup": isco})


def test_provider_country_is_alpha_2() -> None:
    assert ProviderWrite.model_validate({"name": "p", "country": "de"}).country == "DE"
    with pytest.raises(ValidationError, match="ISO 3166"):
        ProviderWrite.model_validate({"name": "p", "country": "DEU"})


@pytest.mark.parametrize("email", ["nope", "a@b", "a b@c.d"])
def test_person_email_must_look_like_one(email: str) -> None:
    with pytest.raises(ValidationError, match="email"):
        PersonWrite.model_validate({"name": "n", "email": email})


def test_person_email_is_lower_cased() -> None:
    assert PersonWrite.model_validate({"name": "n", "email": "Ada@X.org"}).email == "ada@x.org"


@pytest.mark.parametrize("level", [0, 6, -1])
def test_levels_are_1_to_5(level: int) -> None:
    with pytest.raises(ValidationError):
        LevelWrite(level=level)
    with pytest.raises(ValidationError):
        RequirementWrite(level=level)


def test_award_expiry_must_follow_issue() -> None:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    with pytest.raises(ValidationError, match="expiresAt must be after issuedAt"):
        AwardWrite(issued_at=now, expires_at=now - timedelta(days=1))
    with pytest.raises(ValidationError, match="expiresAt must be after issuedAt"):
        AwardWrite(issued_at=now, expires_at=now)


def test_naive_award_times_are_utc() -> None:
    award = AwardWrite(issued_at=datetime(2026, 1, 1))
    assert award.issued_at.tzinfo is UTC


def test_ids_carry_their_type() -> None:
    for node_type in NodeType:
        generated = new_id(node_type)
        assert node_type_of(generated) is node_type
        assert valid_id(generated, node_type)
    assert node_type_of("skill_") is None
    assert node_type_of("nope_123") is None
    assert node_type_of("skill_has space") is None
    assert not valid_id("cred_1", NodeType.SKILL)
