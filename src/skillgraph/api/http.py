"""GraphQL over HTTP: reading a request, choosing the response's media type and status.

Follows the GraphQL over HTTP spec (checked by the graphql-http audit in the test suite):

- POST takes ``application/json``; GET takes ``query``, ``variables``, ``operationName`` and
  ``extensions`` as URL parameters (queries only; a mutation over GET is 405).
- A body that is not one GraphQL request (not UTF-8, not JSON, not an object, nested deeper
  than ``MAX_JSON_DEPTH``, a batch, a ``query`` that is not a string ...) is HTTP 400 with a
  GraphQL-shaped error whose code is ``BAD_REQUEST``.
- The response is ``application/graphql-response+json`` when the client's Accept header asks
  for it, else ``application/json``. With the former, a request error (the document does not
  parse or validate, a variable cannot be coerced, a limit refuses the document) is HTTP 400;
  with ``application/json`` it is 200. Either way a request error has no ``data`` entry.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from cross_web import HTTPException
from starlette.datastructures import QueryParams
from strawberry.http import GraphQLRequestData

__all__ = [
    "GRAPHQL_RESPONSE",
    "HTTP_CODES",
    "JSON",
    "MAX_JSON_DEPTH",
    "json_depth",
    "parse_body",
    "parse_params",
    "response_media_type",
]

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"
# Deep enough for any real input object or document (importers give their own, finer limits);
# deeper JSON is refused before GraphQL sees it.
MAX_JSON_DEPTH = 200
HTTP_CODES = {
    400: "BAD_REQUEST",
    404: "NOT_FOUND",
    405: "METHOD_NOT_ALLOWED",
    406: "NOT_ACCEPTABLE",
    415: "UNSUPPORTED_MEDIA_TYPE",
}


def response_media_type(accept: str | None) -> str | None:
    """The media type to answer with, or None when the Accept header allows neither JSON
    type (HTTP 406). A missing Accept header means application/json."""
    if accept is None or not accept.strip():
        return JSON
    ranked: list[tuple[float, int, str]] = []
    for position, item in enumerate(accept.split(",")):
        media, *params = (part.strip() for part in item.split(";"))
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality > 0:
            ranked.append((-quality, position, media.lower()))
    for _, _, media in sorted(ranked):
        if media == GRAPHQL_RESPONSE:
            return GRAPHQL_RESPONSE
        if media in (JSON, "application/*", "*/*"):
            return JSON
    return None


def parse_body(content_type: str | None, body: bytes) -> GraphQLRequestData:
    """One GraphQL request from a POST body; HTTPException(400 or 415) when it is not one."""
    media = (content_type or "").split(";")[0].strip().lower()
    if media != JSON:
        raise HTTPException(415, "send the request as Content-Type: application/json")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise HTTPException(400, "the request body is not valid UTF-8") from None
    try:
        data = json.loads(text)
    except RecursionError:
        raise HTTPException(400, _too_deep()) from None
    except ValueError as exc:
        raise HTTPException(400, f"the request body is not valid JSON: {exc}") from None
    if isinstance(data, list):
        raise HTTPException(400, "batched requests are not supported; send one object")
    if not isinstance(data, dict):
        raise HTTPException(400, "the request body must be a JSON object with a `query`")
    return _request(data)


def parse_params(params: QueryParams) -> GraphQLRequestData:
    """One GraphQL request from the URL parameters of a GET."""
    data: dict[str, Any] = dict(params)
    for name in ("variables", "extensions"):
        raw = data.get(name)
        if raw in (None, ""):
            data.pop(name, None)
            continue
        try:
            data[name] = json.loads(raw)
        except RecursionError:
            raise HTTPException(400, _too_deep()) from None
        except ValueError as exc:
            raise HTTPException(400, f"`{name}` is not valid JSON: {exc}") from None
    return _request(data)


def _request(data: Mapping[str, Any]) -> GraphQLRequestData:
    query = data.get("query")
    if query is None or (isinstance(query, str) and not query.strip()):
        raise HTTPException(400, "the request has no GraphQL `query`")
    if not isinstance(query, str):
        raise HTTPException(400, "`query` must be a string holding the GraphQL document")
    for name in ("variables", "extensions"):
        value = data.get(name)
        if value is not None and not isinstance(value, dict):
            raise HTTPException(400, f"`{name}` must be a JSON object or null")
        if value is not None and json_depth(value) > MAX_JSON_DEPTH:
            raise HTTPException(400, _too_deep())
    operation_name = data.get("operationName")
    if operation_name is not None and not isinstance(operation_name, str):
        raise HTTPException(400, "`operationName` must be a string or null")
    return GraphQLRequestData(
        query=query,
        variables=data.get("variables"),
        operation_name=operation_name or None,
        extensions=data.get("extensions"),
        protocol="http",
    )


def json_depth(value: object) -> int:
    """How deeply ``value`` nests lists and objects (iteratively: no recursion limit)."""
    deepest = 0
    stack: list[tuple[object, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            deepest = max(deepest, depth)
            stack.extend((child, depth + 1) for child in item.values())
        elif isinstance(item, list):
            deepest = max(deepest, depth)
            stack.extend((child, depth + 1) for child in item)
    return deepest


def _too_deep() -> str:
    return f"the JSON nests lists and objects more than {MAX_JSON_DEPTH} levels deep"
