from __future__ import annotations

import pytest

from skillgraph.lru import Lru


def test_keeps_at_most_size_entries_and_evicts_the_least_recently_used() -> None:
    lru: Lru[str, int] = Lru(2)
    lru.put("a", 1)
    lru.put("b", 2)
    assert lru.get("a") == 1  # "a" is now the most recent
    lru.put("c", 3)
    assert len(lru) == 2
    assert lru.get("b") is None
    assert (lru.get("a"), lru.get("c")) == (1, 3)


def test_put_replaces_and_refreshes() -> None:
    lru: Lru[str, int] = Lru(2)
    lru.put("a", 1)
    lru.put("b", 2)
    lru.put("a", 10)
    lru.put("c", 3)
    assert (lru.get("a"), lru.get("b"), lru.get("c")) == (10, None, 3)


def test_needs_room_for_one_entry() -> None:
    with pytest.raises(ValueError, match="at least one"):
        Lru(0)
