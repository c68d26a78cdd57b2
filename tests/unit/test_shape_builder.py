"""api.compiled.builder: one generated function per selection."""

from __future__ import annotations

from typing import Any

from skillgraph.api.compiled.builder import Entry, dict_builder


def test_each_kind_of_entry_in_order() -> None:
    seen: list[Any] = []

    def nested(value: Any, request: Any) -> Any:
        seen.append(request)
        return {"inner": value}

    build = dict_builder(
        [
            Entry("z", str.upper, slot=1),
            Entry("a", "Constant", const=True),
            Entry("m", nested, slot=-1, request=True),
            Entry("whole", len),
        ]
    )
    out = build(["x", "y", "last"], "REQ")
    assert out == {"z": "Y", "a": "Constant", "m": {"inner": "last"}, "whole": 3}
    assert list(out) == ["z", "a", "m", "whole"]
    assert seen == ["REQ"]


def test_keys_and_values_are_never_source_text() -> None:
    """Response keys come from clients' aliases: anything in them stays a plain string."""
    key = "k0'}); import os; os.system('x') #"
    build = dict_builder([Entry(key, "v')", const=True), Entry("k0", int, slot=0)])
    assert build(["7"], None) == {key: "v')", "k0": 7}


def test_no_entries_build_an_empty_object() -> None:
    assert dict_builder([])(None, None) == {}
