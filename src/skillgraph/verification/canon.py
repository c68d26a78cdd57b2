"""RDF Dataset Canonicalization (RDFC-1.0, formerly URDNA2015) of JSON-LD, through pyld.

Guards that pyld does not give: a property the contexts do not define is an error (as in
jsonld.js "safe mode": an undefined term would be dropped, hence not signed, so it could be
changed freely), and the blank-node hashing that a crafted ("poison") graph can make
exponential is stopped after a fixed amount of work.
"""

from __future__ import annotations

from typing import Any

from pyld import jsonld
from pyld.canon import URDNA2015

from skillgraph.verification.contexts import ContextLoader, ContextNotAllowed

__all__ = ["CanonicalisationError", "canonicalise"]

MAX_N_DEGREE_CALLS = 2_000
MAX_QUADS = 20_000


class CanonicalisationError(Exception):
    """The document cannot be canonicalised; the message says why."""


class _Bounded(URDNA2015):  # type: ignore[misc]
    def __init__(self) -> None:
        super().__init__()
        self._calls = 0

    def hash_n_degree_quads(self, id_: Any, issuer: Any) -> Any:
        self._calls += 1
        if self._calls > MAX_N_DEGREE_CALLS:
            raise CanonicalisationError(
                "the document's blank nodes are too entangled to canonicalise"
            )
        return super().hash_n_degree_quads(id_, issuer)


def _refuse_dropped(term: Any) -> None:
    raise CanonicalisationError(
        f"property {term!r} is not defined by the document's contexts, so a signature "
        "would not cover it"
    )


def _cause(exc: BaseException) -> BaseException | None:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ContextNotAllowed | CanonicalisationError | RecursionError):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


def canonicalise(document: dict[str, Any], loader: ContextLoader) -> str:
    """The canonical N-Quads of ``document``. Raises CanonicalisationError (with a message
    for the user) on undefined terms, contexts that are not allowed, or invalid JSON-LD."""
    processor = jsonld.JsonLdProcessor(on_property_dropped=_refuse_dropped)
    options = {"documentLoader": loader, "base": "", "produceGeneralizedRdf": False}
    try:
        dataset = processor.to_rdf(document, options)
        quads = sum(len(triples) for triples in dataset.values())
        if quads > MAX_QUADS:
            raise CanonicalisationError(f"the document has {quads} statements; at most {MAX_QUADS}")
        return str(_Bounded().main(dataset, {"format": "application/n-quads"}))
    except Exception as exc:
        cause = _cause(exc)
        if isinstance(cause, CanonicalisationError):
            raise cause from None
        if isinstance(cause, ContextNotAllowed):
            raise CanonicalisationError(str(cause)) from None
        if isinstance(cause, RecursionError):
            raise CanonicalisationError("the document is nested too deeply") from None
        if isinstance(exc, jsonld.JsonLdError):
            detail = getattr(exc, "code", None) or getattr(exc, "type", "") or ""
            raise CanonicalisationError(
                f"invalid JSON-LD: {exc.args[0] if exc.args else exc} {detail}".strip()
            ) from None
        raise
