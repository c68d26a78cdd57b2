"""Behaviours the fuzzing and injection runs turned up, pinned as small readable examples."""

from __future__ import annotations

from tests.e2e.conftest import Api

SEED = """mutation {
  s: createSkill(input: {id: "skill_a", name: "Python & Django"}) { id }
  p: createProvider(input: {id: "prov_a", name: "Provider"}) { id }
  c: createCredential(input: {id: "cred_a", name: "Course", providerId: "prov_a"}) { id }
  e: createPerson(input: {id: "person_a", name: "Ada"}) { id }
}"""


async def test_each_mutation_of_a_document_returns_what_it_wrote(api: Api) -> None:
    """Mutations run one after another; each result shows the graph after that mutation,
    not what an earlier one loaded in the same request."""
    await api.data(SEED)
    data = await api.data(
        """mutation {
          first: addPersonSkill(personId: "person_a", skillId: "skill_a", level: 1) {
            skills { level } }
          second: addPersonSkill(personId: "person_a", skillId: "skill_a", level: 4) {
            skills { level } }
        }"""
    )
    assert data["first"]["skills"] == [{"level": 1}]
    assert data["second"]["skills"] == [{"level": 4}]


async def test_a_renamed_provider_shows_in_a_later_mutations_result(api: Api) -> None:
    await api.data(SEED)
    data = await api.data(
        """mutation {
          before: updateCredential(id: "cred_a", input: {name: "one"}) { provider { name } }
          rename: updateProvider(id: "prov_a", input: {name: "Renamed"}) { name }
          after: updateCredential(id: "cred_a", input: {name: "two"}) { provider { name } }
        }"""
    )
    assert data["before"]["provider"]["name"] == "Provider"
    assert data["after"]["provider"]["name"] == "Renamed"


async def test_type_ahead_keeps_finding_while_a_symbol_is_typed(api: Api) -> None:
    """Typing "Python & Django": after "Python &" the skill must still be listed."""
    await api.data(SEED)
    for typed in ["Python", "Python &", "Python & Dj", "Python & Django"]:
        data = await api.data(
            "query($t: String) { skills(filter: {text: $t}) { edges { node { id } } } }",
            {"t": typed},
        )
        assert data["skills"]["edges"] == [{"node": {"id": "skill_a"}}], typed
