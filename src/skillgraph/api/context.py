from __future__ import annotations

from dataclasses import dataclass, field
from time import monotonic
from typing import TypeAlias
from uuid import uuid4

import strawberry
from starlette.requests import Request
from starlette.responses import Response

from skillgraph.analysis.solving import Deadline, SolverPool
from skillgraph.api.loaders import Loaders
from skillgraph.api.permission import Permissions
from skillgraph.api.principal import Principal
from skillgraph.settings import Settings
from skillgraph.store.database import Database

__all__ = ["Context", "Info"]


@dataclass
class Context:
    """Everything one GraphQL request may use; built fresh per request."""

    request: Request
    response: Response
    settings: Settings
    db: Database
    loaders: Loaders
    principal: Principal
    request_id: str = field(default_factory=lambda: uuid4().hex)
    # When the request started (time.monotonic): plans get what is left of its timeout.
    started: float = field(default_factory=monotonic)

    @property
    def permissions(self) -> Permissions:
        return Permissions(self.principal)

    @property
    def solver(self) -> SolverPool:
        """The app's bounded pool of plan solvers (made by the app's lifespan)."""
        pool: SolverPool = self.request.app.state.solver
        return pool

    @property
    def deadline(self) -> Deadline:
        return Deadline(self.started, self.settings.request_timeout_s)


Info: TypeAlias = strawberry.Info[Context, None]
