"""`make bench-peer` times nothing until SkillGraph, the peer and the floor give the same
answer. These tests make sure that check cannot pass vacuously: every value and every order
in an answer reaches the comparison, different answers are reported with a diff, and thin
answers are refused. No server, Node or Neo4j needed: canned answers stand in for them."""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Iterator
from typing import Any

import pytest

from peerbench.canon import CanonError, amount, compare, enum, integer, list_sizes, render
from peerbench.check import CheckFailed, check_shape, normalisers
from peerbench.shapes import SHAPES, Shape
from peerbench.system import AnswerError
from skillgraph.model.enums import Importance

Json = Any
BY_NAME = {s.name: s for s in SHAPES}

# One answer per read as each system spells it: (SkillGraph data, peer data, the floor's one
# record).
SAMPLES: dict[str, tuple[Json, Json, Json]] = {
    "nested_lists": (
        {
            "skills": {
                "edges": [
                    {
                        "node": {
                            "id": "skill_a",
                            "name": "ABAP",
                            "taughtBy": {
                                "edges": [
                                    {
                                        "level": 2,
                                        "node": {"name": "Cert A", "provider": {"name": "Prov"}},
                                    },
                                    {"level": 1, "node": {"name": "cert b", "provider": None}},
                                ]
                            },
                        }
                    },
                    {"node": {"id": "skill_b", "name": "bash", "taughtBy": {"edges": []}}},
                ]
            }
        },
        {
            "skills": [
                {
                    "id": "skill_a",
                    "name": "ABAP",
                    "taughtByConnection": {
                        "edges": [
                            {
                                "properties": {"level": 2},
                                "node": {"name": "Cert A", "provider": {"name": "Prov"}},
                            },
                            {
                                "properties": {"level": 1},
                                "node": {"name": "cert b", "provider": None},
                            },
                        ]
                    },
                },
                {"id": "skill_b", "name": "bash", "taughtByConnection": {"edges": []}},
            ]
        },
        {
            "rows": [
                {
                    "id": "skill_a",
                    "name": "ABAP",
                    "taughtBy": [
                        {"level": 2, "name": "Cert A", "provider": "Prov"},
                        {"level": 1, "name": "cert b", "provider": None},
                    ],
                },
                {"id": "skill_b", "name": "bash", "taughtBy": []},
            ]
        },
    ),
    "four_levels": (
        {
            "roles": {
                "edges": [
                    {
                        "node": {
                            "id": "role_1",
                            "title": "analyst",
                            "requirements": [
                                {
                                    "level": 3,
                                    "importance": "ESSENTIAL",
                                    "skill": {
                                        "id": "skill_a",
                                        "name": "ABAP",
                                        "broader": [{"id": "skill_p", "name": "programming"}],
                                        "taughtBy": {
                                            "edges": [
                                                {
                                                    "level": 2,
                                                    "node": {
                                                        "name": "Cert A",
                                                        "provider": {"name": "Prov"},
                                                    },
                                                }
                                            ]
                                        },
                                    },
                                },
                                {
                                    "level": 1,
                                    "importance": "OPTIONAL",
                                    "skill": {
                                        "id": "skill_b",
                                        "name": "bash",
                                        "broader": [],
                                        "taughtBy": {"edges": []},
                                    },
                                },
                            ],
                        }
                    }
                ]
            }
        },
        {
            "roles": [
                {
                    "id": "role_1",
                    "title": "analyst",
                    "requiresConnection": {
                        "edges": [
                            {
                                "properties": {"level": 3, "importance": "ESSENTIAL"},
                                "node": {
                                    "id": "skill_a",
                                    "name": "ABAP",
                                    "broader": [{"id": "skill_p", "name": "programming"}],
                                    "taughtByConnection": {
                                        "edges": [
                                            {
                                                "properties": {"level": 2},
                                                "node": {
                                                    "name": "Cert A",
                                                    "provider": {"name": "Prov"},
                                                },
                                            }
                                        ]
                                    },
                                },
                            },
                            {
                                "properties": {"level": 1, "importance": "OPTIONAL"},
                                "node": {
                                    "id": "skill_b",
                                    "name": "bash",
                                    "broader": [],
                                    "taughtByConnection": {"edges": []},
                                },
                            },
                        ]
                    },
                }
            ]
        },
        {
            "rows": [
                {
                    "id": "role_1",
                    "title": "analyst",
                    "requirements": [
                        {
                            "level": 3,
                            "importance": "ESSENTIAL",
                            "id": "skill_a",
                            "name": "ABAP",
                            "broader": [{"id": "skill_p", "name": "programming"}],
                            "taughtBy": [{"level": 2, "name": "Cert A", "provider": "Prov"}],
                        },
                        {
                            "level": 1,
                            "importance": "OPTIONAL",
                            "id": "skill_b",
                            "name": "bash",
                            "broader": [],
                            "taughtBy": [],
                        },
                    ],
                }
            ]
        },
    ),
    "by_id": (
        {
            "credential": {
                "id": "cred_1",
                "name": "Cert A",
                "provider": {"id": "prov_x", "name": "Prov"},
                "teaches": [
                    {"level": 2, "skill": {"id": "skill_a", "name": "ABAP"}},
                    {"level": 1, "skill": {"id": "skill_b", "name": "bash"}},
                ],
            }
        },
        {
            "credentials": [
                {
                    "id": "cred_1",
                    "name": "Cert A",
                    "provider": {"id": "prov_x", "name": "Prov"},
                    "teachesConnection": {
                        "edges": [
                            {"properties": {"level": 2}, "node": {"id": "skill_a", "name": "ABAP"}},
                            {"properties": {"level": 1}, "node": {"id": "skill_b", "name": "bash"}},
                        ]
                    },
                }
            ]
        },
        {
            "rows": [
                {
                    "id": "cred_1",
                    "name": "Cert A",
                    "provider": {"id": "prov_x", "name": "Prov"},
                    "teaches": [
                        {"level": 2, "id": "skill_a", "name": "ABAP"},
                        {"level": 1, "id": "skill_b", "name": "bash"},
                    ],
                }
            ]
        },
    ),
    "fulltext": (
        {
            "skills": {
                "edges": [
                    {"node": {"id": "skill_d", "name": "big data", "type": "KNOWLEDGE"}},
                    {"node": {"id": "skill_e", "name": "Data mining", "type": "SKILL"}},
                ]
            }
        },
        {
            "skillText": {
                "edges": [
                    {"node": {"id": "skill_d", "name": "big data", "type": "KNOWLEDGE"}},
                    {"node": {"id": "skill_e", "name": "Data mining", "type": "SKILL"}},
                ]
            }
        },
        {
            "rows": [
                {"id": "skill_d", "name": "big data", "type": "KNOWLEDGE"},
                {"id": "skill_e", "name": "Data mining", "type": "SKILL"},
            ]
        },
    ),
    "filtered_sorted": (
        {
            "credentials": {
                "edges": [
                    {
                        "node": {
                            "id": "cred_1",
                            "name": "Cert A",
                            "cost": {"amount": "50.00", "currency": "EUR"},
                            "provider": {"name": "Prov"},
                            "teaches": [{"level": 2, "skill": {"name": "ABAP"}}],
                        }
                    },
                    {
                        "node": {
                            "id": "cred_2",
                            "name": "cert b",
                            "cost": {"amount": "499.5", "currency": "EUR"},
                            "provider": None,
                            "teaches": [],
                        }
                    },
                ]
            }
        },
        {
            "credentials": [
                {
                    "id": "cred_1",
                    "name": "Cert A",
                    "costAmount": "50.00",
                    "costCurrency": "EUR",
                    "provider": {"name": "Prov"},
                    "teachesConnection": {
                        "edges": [{"properties": {"level": 2}, "node": {"name": "ABAP"}}]
                    },
                },
                {
                    "id": "cred_2",
                    "name": "cert b",
                    "costAmount": "499.50",
                    "costCurrency": "EUR",
                    "provider": None,
                    "teachesConnection": {"edges": []},
                },
            ]
        },
        {
            "rows": [
                {
                    "id": "cred_1",
                    "name": "Cert A",
                    "amount": "50.00",
                    "currency": "EUR",
                    "provider": "Prov",
                    "teaches": [{"level": 2, "name": "ABAP"}],
                },
                {
                    "id": "cred_2",
                    "name": "cert b",
                    "amount": "499.50",
                    "currency": "EUR",
                    "provider": None,
                    "teaches": [],
                },
            ]
        },
    ),
    "connection_total": (
        {
            "providers": {
                "totalCount": 12,
                "pageInfo": {"hasNextPage": True, "hasPreviousPage": False},
                "edges": [
                    {
                        "node": {
                            "id": "prov_x",
                            "name": "Prov",
                            "credentials": {
                                "totalCount": 6,
                                "pageInfo": {"hasNextPage": True, "hasPreviousPage": False},
                                "edges": [{"node": {"id": "cred_1", "name": "Cert A"}}],
                            },
                        }
                    },
                    {
                        "node": {
                            "id": "prov_y",
                            "name": "quiet",
                            "credentials": {
                                "totalCount": 0,
                                "pageInfo": {"hasNextPage": False, "hasPreviousPage": False},
                                "edges": [],
                            },
                        }
                    },
                ],
            }
        },
        {
            "providersConnection": {
                "totalCount": 12,
                "pageInfo": {"hasNextPage": True, "hasPreviousPage": False},
                "edges": [
                    {
                        "node": {
                            "id": "prov_x",
                            "name": "Prov",
                            "offersConnection": {
                                "totalCount": 6,
                                "pageInfo": {"hasNextPage": True, "hasPreviousPage": False},
                                "edges": [{"node": {"id": "cred_1", "name": "Cert A"}}],
                            },
                        }
                    },
                    {
                        "node": {
                            "id": "prov_y",
                            "name": "quiet",
                            "offersConnection": {
                                "totalCount": 0,
                                "pageInfo": {"hasNextPage": False, "hasPreviousPage": False},
                                "edges": [],
                            },
                        }
                    },
                ],
            }
        },
        {
            "total": 12,
            "rows": [
                {
                    "id": "prov_x",
                    "name": "Prov",
                    "offeredTotal": 6,
                    "offered": [{"id": "cred_1", "name": "Cert A"}],
                },
                {"id": "prov_y", "name": "quiet", "offeredTotal": 0, "offered": []},
            ],
        },
    ),
}
SYSTEMS = ("SkillGraph", "peer", "Cypher")


def _canon_all(shape: Shape) -> dict[str, Any]:
    return {
        system: canon(copy.deepcopy(raw))
        for system, canon, raw in zip(SYSTEMS, normalisers(shape), SAMPLES[shape.name], strict=True)
    }


def _paths(data: Json, path: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    """Every path to a scalar (including null) in ``data``."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _paths(value, (*path, index))
    else:
        yield path


def _lists(data: Json, path: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    """Every path to a list in ``data``."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _lists(value, (*path, key))
    elif isinstance(data, list):
        yield path
        for index, value in enumerate(data):
            yield from _lists(value, (*path, index))


def _get(data: Json, path: tuple[str | int, ...]) -> Any:
    for key in path:
        data = data[key]
    return data


def _changed(value: Any) -> Any:
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 1
    if isinstance(value, str):
        return value + "x"
    assert value is None
    return "x"


def _differs_or_fails(shape: Shape, which: int, raw: Json, expected: Any) -> bool:
    try:
        answer = normalisers(shape)[which](raw)
    except CanonError:
        return True
    return render(answer) != render(expected)


def test_every_read_has_samples() -> None:
    assert set(SAMPLES) == set(BY_NAME)


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_the_three_spellings_of_one_answer_are_equal(name: str) -> None:
    answers = _canon_all(BY_NAME[name])
    assert compare(answers) == []


@pytest.mark.parametrize("name", sorted(SAMPLES))
@pytest.mark.parametrize("which", range(3), ids=SYSTEMS)
def test_every_value_of_an_answer_is_compared(name: str, which: int) -> None:
    shape = BY_NAME[name]
    raw = SAMPLES[name][which]
    expected = _canon_all(shape)[SYSTEMS[which]]
    paths = list(_paths(raw))
    assert paths
    for path in paths:
        mutated = copy.deepcopy(raw)
        _get(mutated, path[:-1])[path[-1]] = _changed(_get(raw, path))
        assert _differs_or_fails(shape, which, mutated, expected), f"{path} is never compared"


@pytest.mark.parametrize("name", sorted(SAMPLES))
@pytest.mark.parametrize("which", range(3), ids=SYSTEMS)
def test_every_order_and_every_row_of_an_answer_is_compared(name: str, which: int) -> None:
    shape = BY_NAME[name]
    raw = SAMPLES[name][which]
    expected = _canon_all(shape)[SYSTEMS[which]]
    for path in _lists(raw):
        items = _get(raw, path)
        if not items:
            continue
        shorter = copy.deepcopy(raw)
        del _get(shorter, path)[-1]
        assert _differs_or_fails(shape, which, shorter, expected), f"{path} may lose a row"
        if len(items) > 1 and items[0] != items[-1]:
            reversed_ = copy.deepcopy(raw)
            _get(reversed_, path).reverse()
            assert _differs_or_fails(shape, which, reversed_, expected), f"{path} order unseen"


def test_a_different_answer_is_reported_with_a_diff() -> None:
    first = [{"id": "skill_a", "provider": "Prov"}]
    second = [{"id": "skill_a", "provider": "Other"}]
    (delta,) = compare({"SkillGraph": first, "peer": second})
    assert '-  "provider": "Prov"' in delta
    assert '+  "provider": "Other"' in delta
    assert delta.startswith("--- SkillGraph\n+++ peer")


def test_a_boolean_never_equals_a_number() -> None:
    assert compare({"a": {"v": True}, "b": {"v": 1}}) != []


def test_exact_amounts_compare_by_value_not_spelling() -> None:
    assert amount("50.00") == amount("50.0") == amount("50") == amount(50) == "50"
    assert amount("499.50") == "499.5"
    assert amount("0.00") == "0"
    assert amount("50.00") != amount("50.01")
    assert amount(None) is None


@pytest.mark.parametrize("value", [50.0, True, "fifty", "NaN", "Infinity", [1]])
def test_an_inexact_or_malformed_amount_is_refused(value: Any) -> None:
    with pytest.raises(CanonError):
        amount(value)


def test_enums_and_counts_are_checked_strictly() -> None:
    assert enum("ESSENTIAL", Importance) == "ESSENTIAL"
    with pytest.raises(CanonError):
        enum("essential", Importance)
    with pytest.raises(CanonError):
        integer(True)
    with pytest.raises(CanonError):
        integer(2.0)


class _Canned:
    def __init__(self, name: str, answer: Json, error: str | None = None) -> None:
        self.name = name
        self.answer = answer
        self.error = error

    async def fetch(self, shape: Shape) -> Json:
        if self.error:
            raise AnswerError(self.error)
        return copy.deepcopy(self.answer)

    async def call(self, shape: Shape) -> str | None:
        return self.error


def _roomy(shape: Shape) -> Shape:
    """The shape with its thinness rule off, so the small samples count as enough."""
    return dataclasses.replace(shape, thin=lambda _: None)


async def test_check_passes_equal_answers() -> None:
    shape = _roomy(BY_NAME["nested_lists"])
    systems = [_Canned(n, raw) for n, raw in zip(SYSTEMS, SAMPLES[shape.name], strict=True)]
    checked = await check_shape(shape, systems)
    assert checked.values > 0
    assert checked.answer[0]["taughtBy"][0]["provider"] == "Prov"


async def test_check_fails_loudly_on_a_different_answer() -> None:
    shape = _roomy(BY_NAME["filtered_sorted"])
    skillgraph, peer, floor = copy.deepcopy(SAMPLES[shape.name])
    peer["credentials"][1]["costAmount"] = "499.51"
    systems = [_Canned("SkillGraph", skillgraph), _Canned("peer", peer), _Canned("Cypher", floor)]
    with pytest.raises(CheckFailed, match="disagree") as failure:
        await check_shape(shape, systems)
    assert '"amount": "499.51"' in str(failure.value)


async def test_check_fails_on_an_error_answer() -> None:
    shape = _roomy(BY_NAME["by_id"])
    skillgraph, peer, floor = SAMPLES[shape.name]
    systems = [
        _Canned("SkillGraph", skillgraph),
        _Canned("peer", peer, error="HTTP 400"),
        _Canned("Cypher", floor),
    ]
    with pytest.raises(CheckFailed, match="peer: HTTP 400"):
        await check_shape(shape, systems)


@pytest.mark.parametrize("name", sorted(SAMPLES))
async def test_check_refuses_answers_too_thin_to_prove_anything(name: str) -> None:
    """The samples are smaller than the real reads (or, for by_id and fulltext, emptied)."""
    shape = BY_NAME[name]
    raws = copy.deepcopy(SAMPLES[name])
    if name == "by_id":
        raws[0]["credential"]["teaches"] = []
        raws[1]["credentials"][0]["teachesConnection"]["edges"] = []
        raws[2]["rows"][0]["teaches"] = []
    if name == "fulltext":
        raws = ({"skills": {"edges": []}}, {"skillText": {"edges": []}}, {"rows": []})
    if name == "connection_total":
        for provider in raws[0]["providers"]["edges"]:
            provider["node"]["credentials"]["edges"] = []
        for provider in raws[1]["providersConnection"]["edges"]:
            provider["node"]["offersConnection"]["edges"] = []
        for row in raws[2]["rows"]:
            row["offered"] = []
    if name == "filtered_sorted":
        raws = ({"credentials": {"edges": []}}, {"credentials": []}, {"rows": []})
    systems = [_Canned(n, raw) for n, raw in zip(SYSTEMS, raws, strict=True)]
    with pytest.raises(CheckFailed, match="too thin"):
        await check_shape(shape, systems)


def test_list_sizes_show_which_parts_of_a_read_the_data_exercises() -> None:
    answer = _canon_all(BY_NAME["four_levels"])["SkillGraph"]
    assert list_sizes(answer) == {"requirements": 2, "broader": 1, "taughtBy": 1}
