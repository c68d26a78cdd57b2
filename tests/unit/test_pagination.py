from __future__ import annotations

import base64
import json

import pytest

from skillgraph.api.pagination import cursor_key, decode_cursor, encode_cursor, page_size
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


def _unsigned(order: object, key: object, node_id: object) -> str:
    """What a client forging a cursor would send: our payload format, with its own tag."""
    payload = base64.urlsafe_b64encode(json.dumps([order, key, node_id]).encode()).decode()
    return payload.rstrip("=") + ".AAAAAAAAAAAAAAAAAAAAAA"


@pytest.mark.parametrize(
    "forged",
    [
        _unsigned("NAME", 10**30, "skill_1"),
        _unsigned("NAME", ["a"], "skill_1"),
        _unsigned("NAME", "python", "skill_1"),
        _unsigned("MATCH", "99999999999999999999999:1:1", "person_1"),
    ],
    ids=["huge-int", "wrong-type", "well-formed", "huge-match-key"],
)
def test_a_cursor_the_server_did_not_sign_is_bad_input(forged: str) -> None:
    with pytest.raises(BadUserInput, match="not a cursor returned by this connection"):
        decode_cursor(forged, "NAME")


def test_an_edited_cursor_is_bad_input() -> None:
    payload, _, tag = encode_cursor("NAME", "python", "skill_1").partition(".")
    edited = _unsigned("NAME", "pythom", "skill_1").partition(".")[0]
    with pytest.raises(BadUserInput):
        decode_cursor(f"{edited}.{tag}", "NAME")
    with pytest.raises(BadUserInput):
        decode_cursor(payload, "NAME")


def test_a_cursor_for_another_ordering_is_bad_input_naming_both() -> None:
    with pytest.raises(BadUserInput, match="ordering NAME, but this page is ordered by COST"):
        decode_cursor(encode_cursor("NAME", "python", "skill_1"), "COST")


def test_deployments_with_other_secrets_have_other_keys() -> None:
    base = Settings(_env_file=None)
    assert cursor_key(base) == cursor_key(Settings(_env_file=None))
    assert cursor_key(base) != cursor_key(base.model_copy(update={"cursor_secret": "s3cret"}))
    assert cursor_key(base) != cursor_key(base.model_copy(update={"neo4j_password": "other"}))
