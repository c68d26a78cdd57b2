"""Which texts the model runs together: a batch is padded to its longest text, and each run
has a fixed cost, so texts of similar length go together and very different ones apart.

The cost of a batch of ``n`` texts whose longest has ``w`` tokens is ``overhead + n * w``
(in tokens); ``batches`` returns the grouping of least total cost, each batch at most
``limit`` texts. Sorted by length, an optimal grouping is contiguous, so a dynamic
programme over the sorted lengths finds it in O(len * limit).
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["OVERHEAD_TOKENS", "batches", "cost"]

# One session run costs about as much as this many tokens of a batch (all-MiniLM-L6-v2,
# int8, one core: ~0.8 ms per run, ~0.11 ms per token).
OVERHEAD_TOKENS = 8


def cost(lengths: Sequence[int], groups: Sequence[Sequence[int]], overhead: int) -> int:
    """The cost of running ``groups`` (indices into ``lengths``)."""
    return sum(overhead + len(g) * max(lengths[i] for i in g) for g in groups if g)


def batches(
    lengths: Sequence[int], overhead: int = OVERHEAD_TOKENS, limit: int = 32
) -> list[list[int]]:
    """Indices into ``lengths`` grouped into batches of least total ``cost``, shortest
    texts first; every index appears once."""
    order = sorted(range(len(lengths)), key=lambda i: lengths[i])
    n = len(order)
    best = [0] + [-1] * n  # best[j]: least cost of the first j texts in order
    cut = [0] * (n + 1)
    for j in range(1, n + 1):
        width = lengths[order[j - 1]]  # the longest of any batch ending at j
        for i in range(max(0, j - limit), j):
            total = best[i] + overhead + (j - i) * width
            if best[j] < 0 or total < best[j]:
                best[j], cut[j] = total, i
    groups: list[list[int]] = []
    j = n
    while j > 0:
        groups.append(order[cut[j] : j])
        j = cut[j]
    return groups[::-1]
