from __future__ import annotations

from typing import Any

import strawberry
from graphql import GraphQLError

from skillgraph import __version__

__all__ = ["Query", "schema"]


@strawberry.type(description="The root of every read.")
class Query:
    @strawberry.field(description="The version of the SkillGraph API serving this request.")
    def api_version(self) -> str:
        return __version__


class SkillGraphSchema(strawberry.Schema):
    def process_errors(self, errors: list[GraphQLError], execution_context: Any = None) -> None:
        """Errors are logged once, with the request id, by :func:`api.errors.format_error`."""


schema = SkillGraphSchema(query=Query)
