from __future__ import annotations

import random
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from skillgraph.model.enums import CredentialKind
from skillgraph.seed.curriculum import Curriculum
from skillgraph.seed.dates import add_months, award_dates
from skillgraph.seed.naming import gerund, slugify, title_case
from skillgraph.seed.offering import format_amount, offering


@pytest.mark.parametrize(
    ("amount", "currency", "text"),
    [(199, "EUR", "199.00"), (Decimal("49.99"), "USD", "49.99"), (19800, "JPY", "19800"),
     (0, "KWD", "0.000")],
)  # fmt: skip
def test_amounts_have_the_currency_minor_digits(
    amount: int | Decimal, currency: str, text: str
) -> None:
    assert format_amount(amount, currency) == text


def test_an_offering_without_a_known_cost_has_no_currency_either() -> None:
    rng = random.Random(1)
    terms = [offering(rng, CredentialKind.COURSE, "EUR") for _ in range(500)]
    assert any(t["costAmount"] is None for t in terms)
    assert all((t["costAmount"] is None) == (t["costCurrency"] is None) for t in terms)


@pytest.mark.parametrize(
    ("label", "activity"),
    [("use databases", "using databases"), ("set up servers", "setting up servers"),
     ("tie knots", "tying knots"), ("oversee staff", "overseeing staff"),
     ("browse, search data", "browsing, search data"), ("Python", "Python"),
     ("creatively use tools", "creatively use tools"), ("apply policies", "applying policies")],
)  # fmt: skip
def test_gerund_turns_an_imperative_label_into_an_activity(label: str, activity: str) -> None:
    assert gerund(label) == activity


def test_title_case_keeps_acronyms_and_small_words() -> None:
    assert title_case("manage ICT security of the network") == "Manage ICT Security of the Network"


def test_slugs_are_ascii() -> None:
    assert slugify("Université Numérique de Lyon") == "universite-numerique-de-lyon"
    assert slugify("Søren O'Connor") == "soren-o-connor"


def test_add_months_clamps_to_the_end_of_the_month() -> None:
    start = datetime(2024, 1, 31, 12, tzinfo=UTC)
    assert add_months(start, 1) == datetime(2024, 2, 29, 12, tzinfo=UTC)
    assert add_months(start, 13) == datetime(2025, 2, 28, 12, tzinfo=UTC)


def test_award_dates_fall_before_the_reference_and_expire_after_issue() -> None:
    rng = random.Random(3)
    reference = datetime(2026, 1, 1, tzinfo=UTC)
    for months in (None, 1, 12, 36):
        for _ in range(200):
            issued, expires = award_dates(rng, reference, months)
            assert issued < "2026-01-01T00:00:00Z"
            assert expires is None or expires > issued


def test_a_skill_is_requirable_only_after_its_last_teacher() -> None:
    curriculum: Curriculum[str] = Curriculum()
    curriculum.teach(0, [("sql", 2)])
    curriculum.teach(3, [("sql", 4), ("python", 1)])
    assert curriculum.requirable("sql", 3) == 0
    assert curriculum.requirable("sql", 4) == 4
    assert curriculum.requirable("python", 2) == 0
    assert curriculum.requirable("rust", 0) == -1
