"""Dict builders for the compiled read path: one Python function per selection.

Shaping a large read (a few thousand nested objects) was mostly call overhead: a loop over
``(key, closure)`` pairs per object, each closure calling a converter. :func:`dict_builder`
instead compiles a selection into one function whose body is a single dict display,
``{k0: a0(v[3]), k1: a1(v[5], r), k2: a2}``, so each field costs one converter call.

The generated source holds nothing but generated names (``k0``, ``a0``) and integer slots:
response keys (which come from the client's aliases), converters, nested builders and
constants are bound as values in the function's namespace, never written into the text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["Builder", "Entry", "dict_builder"]

Builder = Callable[[Any, Any], dict[str, Any]]


@dataclass(frozen=True)
class Entry:
    """One response key and how to compute its value from the input ``v`` (a row or node
    list) and the request ``r``:

    * ``const``: the value is ``value`` itself;
    * otherwise ``value`` is called with ``v[slot]`` (or ``v`` when ``slot`` is None), and
      with ``r`` as a second argument when ``request`` is set.
    """

    key: str
    value: Any
    slot: int | None = None
    request: bool = False
    const: bool = False


def dict_builder(entries: Sequence[Entry]) -> Builder:
    """A function ``(v, r) -> dict`` giving each entry's key its value, in entry order."""
    namespace: dict[str, Any] = {}
    parts: list[str] = []
    for i, entry in enumerate(entries):
        namespace[f"k{i}"] = entry.key
        namespace[f"a{i}"] = entry.value
        if entry.const:
            expression = f"a{i}"
        else:
            argument = "v" if entry.slot is None else f"v[{int(entry.slot)}]"
            expression = f"a{i}({argument}, r)" if entry.request else f"a{i}({argument})"
        parts.append(f"k{i}: {expression}")
    source = f"def build(v, r):\n    return {{{', '.join(parts)}}}\n"
    exec(compile(source, "<compiled shape>", "exec"), namespace)
    built: Builder = namespace["build"]
    return built
