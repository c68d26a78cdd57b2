"""Each node type's :class:`NodeSpec`: what its write input carries, what blocks a delete."""

from __future__ import annotations

from typing import Any

from skillgraph.errors import BadUserInput, Conflict
from skillgraph.model.enums import RoleKind
from skillgraph.model.ids import NodeType
from skillgraph.model.nodes import (
    CredentialWrite,
    NodeWrite,
    PersonWrite,
    ProviderWrite,
    RoleWrite,
    SkillWrite,
)
from skillgraph.store.cypher import query
from skillgraph.store.database import Record, Transaction
from skillgraph.store.nodes import NodeSpec

__all__ = ["CREDENTIAL", "PERSON", "PROVIDER", "ROLE", "SKILL", "SPECS"]

SKILL_DEPENDENTS = query("skill/dependents")
CREDENTIAL_DEPENDENTS = query("credential/dependents")
PROVIDER_DEPENDENTS = query("provider/dependents")
ROLE_DEPENDENTS = query("role/dependents")
DELETE_OFFERED = query("provider/delete_offered")
CREDENTIAL_LINKS = query("credential/links")
SET_PROVIDER = query("credential/set_provider")
ROLE_LINKS = query("role/links")
CHECK_OCCUPATION = query("role/check_occupation")
SET_OCCUPATION = query("role/set_occupation")
PROVIDER_EXISTS = query("provider/exists")


def _fields(record: Record, model: type[NodeWrite]) -> dict[str, Any]:
    """The stored properties that are also write-input fields, keyed by their aliases."""
    aliases = {f.alias or name for name, f in model.model_fields.items()}
    return {key: value for key, value in record.items() if key in aliases}


async def _blocking(tx: Transaction, q: Any, node_id: str, what: str, cascade: bool) -> None:
    rows = await tx.run(q, {"id": node_id})
    counts = {k: int(v) for k, v in rows[0].items() if v} if rows else {}
    if counts and not cascade:
        detail = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
        raise Conflict(
            f"{what} is still referenced ({detail}); remove those first or pass cascade: true",
            dependents=counts,
        )


# -- Skill ----------------------------------------------------------------------------------


async def _skill_dependents(tx: Transaction, node_id: str, cascade: bool) -> None:
    await _blocking(tx, SKILL_DEPENDENTS, node_id, "the skill", cascade)


SKILL = NodeSpec(
    node_type=NodeType.SKILL,
    model=SkillWrite,
    to_input=lambda r: _fields(r, SkillWrite),
    dependents=_skill_dependents,
)

# -- Provider -------------------------------------------------------------------------------


async def _provider_dependents(tx: Transaction, node_id: str, cascade: bool) -> None:
    await _blocking(tx, PROVIDER_DEPENDENTS, node_id, "the provider", cascade)
    if cascade:
        await tx.run(DELETE_OFFERED, {"id": node_id})


PROVIDER = NodeSpec(
    node_type=NodeType.PROVIDER,
    model=ProviderWrite,
    to_input=lambda r: _fields(r, ProviderWrite),
    dependents=_provider_dependents,
    signal_props=frozenset({"accredited", "verificationKeys"}),
)

# -- Credential -----------------------------------------------------------------------------


def _credential_input(record: Record) -> dict[str, Any]:
    data = _fields(record, CredentialWrite)
    if record.get("costAmount") is not None:
        data["cost"] = {"amount": record["costAmount"], "currency": record["costCurrency"]}
    return data


async def _credential_links(tx: Transaction, node_id: str) -> dict[str, Any]:
    rows = await tx.run(CREDENTIAL_LINKS, {"id": node_id})
    return {"providerId": rows[0]["providerId"]} if rows and rows[0]["providerId"] else {}


async def _credential_after(tx: Transaction, node_id: str, write: NodeWrite) -> None:
    assert isinstance(write, CredentialWrite)
    if not await tx.run(PROVIDER_EXISTS, {"id": write.provider_id}):
        raise BadUserInput(f"no Provider with id {write.provider_id!r}", field="providerId")
    await tx.run(SET_PROVIDER, {"id": node_id, "providerId": write.provider_id})


async def _credential_dependents(tx: Transaction, node_id: str, cascade: bool) -> None:
    await _blocking(tx, CREDENTIAL_DEPENDENTS, node_id, "the credential", cascade)


CREDENTIAL = NodeSpec(
    node_type=NodeType.CREDENTIAL,
    model=CredentialWrite,
    to_input=_credential_input,
    links=_credential_links,
    after_write=_credential_after,
    dependents=_credential_dependents,
    signal_props=frozenset({"costAmount", "costCurrency", "durationHours", "status"}),
    signal_links=frozenset({"providerId"}),
)

# -- Role -----------------------------------------------------------------------------------


async def _role_links(tx: Transaction, node_id: str) -> dict[str, Any]:
    rows = await tx.run(ROLE_LINKS, {"id": node_id})
    return {"occupationId": rows[0]["occupationId"]} if rows and rows[0]["occupationId"] else {}


async def _role_after(tx: Transaction, node_id: str, write: NodeWrite) -> None:
    assert isinstance(write, RoleWrite)
    if write.occupation_id is not None:
        rows = await tx.run(CHECK_OCCUPATION, {"occupationId": write.occupation_id})
        if not rows:
            raise BadUserInput(f"no Role with id {write.occupation_id!r}", field="occupationId")
        if rows[0]["kind"] != RoleKind.OCCUPATION:
            raise BadUserInput(
                "occupationId must name a role of kind OCCUPATION", field="occupationId"
            )
        if write.occupation_id == node_id:
            raise BadUserInput("a role cannot specialise itself", field="occupationId")
    await tx.run(SET_OCCUPATION, {"id": node_id, "occupationId": write.occupation_id})


async def _role_dependents(tx: Transaction, node_id: str, cascade: bool) -> None:
    await _blocking(tx, ROLE_DEPENDENTS, node_id, "the role", cascade)


ROLE = NodeSpec(
    node_type=NodeType.ROLE,
    model=RoleWrite,
    to_input=lambda r: _fields(r, RoleWrite),
    links=_role_links,
    after_write=_role_after,
    dependents=_role_dependents,
    signal_props=frozenset({"kind", "postedAt", "closedAt"}),
    signal_links=frozenset({"occupationId"}),
)

# -- Person ---------------------------------------------------------------------------------

PERSON = NodeSpec(
    node_type=NodeType.PERSON,
    model=PersonWrite,
    to_input=lambda r: _fields(r, PersonWrite),
    # Outcomes count MATCHABLE and PUBLIC earners only.
    signal_props=frozenset({"visibility"}),
)

SPECS = {spec.node_type: spec for spec in [SKILL, PROVIDER, CREDENTIAL, ROLE, PERSON]}
