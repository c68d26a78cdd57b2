"""Reusable validated field types and the Money value."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)
from pydantic.alias_generators import to_camel

from skillgraph.model.currency import CURRENCIES, minor_digits

__all__ = [
    "Description",
    "Email",
    "Label",
    "Labels",
    "Level",
    "Money",
    "Name",
    "Uri",
    "Url",
    "WriteModel",
    "check_uri",
]


class WriteModel(BaseModel):
    """Base of every write input: camelCase names (as in GraphQL), unknown keys refused."""

    model_config = ConfigDict(
        alias_generator=to_camel,
        populate_by_name=True,
        extra="forbid",
        frozen=True,
        str_strip_whitespace=True,
    )


Level = Annotated[int, Field(ge=1, le=5, description="1 awareness ... 5 expert")]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
Label = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
Description = Annotated[str, StringConstraints(max_length=20_000)]

# Identifiers (`uri`) are absolute http or https URLs with a host, URNs (RFC 8141), or DIDs
# (Open Badges 3.0 issuers and subjects are identified by them);
# links (`url`, `evidenceUrl`) are http or https only. No other scheme (javascript:, data:,
# file: ...) is ever stored, so a client may render any of them as a link.
_WEB = re.compile(r"^https?://[^\s/?#@]*[^\s/?#@:][^\s]*$", re.IGNORECASE)
_URN = re.compile(r"^urn:[a-z0-9][a-z0-9-]{0,31}:\S+$", re.IGNORECASE)
_DID = re.compile(r"^did:[a-z0-9]+:\S+$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MAX_URI = 2048


def _uri(value: str) -> str:
    if len(value) > MAX_URI or not (_WEB.match(value) or _URN.match(value) or _DID.match(value)):
        raise ValueError(
            "must be an absolute http, https, urn or did URI such as https://example.org/x or "
            f"urn:isbn:0451450523 (at most {MAX_URI} characters)"
        )
    return value


def _url(value: str) -> str:
    if len(value) > MAX_URI or not _WEB.match(value):
        raise ValueError(
            "must be an absolute http or https URL such as https://example.org/x "
            f"(at most {MAX_URI} characters)"
        )
    return value


def _email(value: str) -> str:
    if not _EMAIL.match(value) or len(value) > 320:
        raise ValueError("must be an email address such as ada@example.org")
    return value.lower()


def _dedupe(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))


Uri = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(_uri)]
Url = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(_url)]
Email = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(_email)]
Labels = Annotated[list[Label], Field(max_length=250), AfterValidator(_dedupe)]


class Money(WriteModel):
    """An amount in one ISO 4217 currency. Amounts are exact decimals, never floats."""

    amount: Decimal = Field(ge=0, le=Decimal("1e12"))
    currency: str

    @field_validator("currency")
    @classmethod
    def _known_currency(cls, value: str) -> str:
        code = value.upper()
        if code not in CURRENCIES:
            raise ValueError(f"unknown ISO 4217 currency code {value!r}; use e.g. EUR, USD, GBP")
        return code

    @field_validator("amount")
    @classmethod
    def _finite(cls, value: Decimal) -> Decimal:
        if not value.is_finite():
            raise ValueError("must be a finite number")
        return value

    @model_validator(mode="after")
    def _minor_units(self) -> Money:
        digits = minor_digits(self.currency)
        exponent = self.amount.normalize().as_tuple().exponent
        if isinstance(exponent, int) and -exponent > digits:
            raise ValueError(f"{self.currency} amounts have at most {digits} decimal places")
        return self


def check_uri(value: str) -> str:
    """``value`` stripped, when it is an identifier ``uri`` may hold; ValueError otherwise."""
    return _uri(value.strip())
