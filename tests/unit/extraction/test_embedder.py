"""The packaged ONNX model: checked by sha256, loaded without PyTorch, meaningful vectors."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from skillgraph.extraction.embedder import DIMENSIONS, ModelUnavailable, load_embedder
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
