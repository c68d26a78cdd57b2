from __future__ import annotations

import pytest

from skillgraph.api.pagination import decode_cursor, encode_cursor, page_size
from skillgraph.errors import BadUserInput
from skillgraph.settings import Settings


@pytest.mark.parametrize("key", ["python", 17, 2.5, ""])
def test_cursors_round_trip(key: str | int | float) -> None:
    cursor = decode_cursor(encode_cursor("NAME", key, "skill_1"), "NAME")
    assert cursor is not None
    assert (cursor.key, cursor.id) == (key, "skill_1")


def test_no_cursor_means_the_start() -> None:
    assert decode_cursor(None, "NAME") is None


@pytest.mark.parametrize("bad", ["", "!!!", "bnVsbA", "WzEsMiwzXQ", "WyJOQU1FIixbXSwieCJd"])
def test_malformed_cursors_are_bad_input(bad: str) -> None:
    with pytest.raises(BadUserInput):
        decode_cursor(bad, "NAME")


def test_page_size_defaults_and_bounds() -> None:
    settings = Settings(_env_file=None)
    assert page_size(None, settings) == 20
    assert page_size(100, settings) == 100
    with pytest.raises(BadUserInput, match="between 0 and 100"):
        page_size(101, settings)
