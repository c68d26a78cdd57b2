"""extractSkills, upsertRole(extractRequirements), extracted TEACHES and CV skills, over HTTP."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from skillgraph.settings import Settings
from skillgraph.store.database import Database
from tests.e2e.conftest import Api, RunningServer, _running, make_key

pytestmark = pytest.mark.e2e

EXTRACT = """query($t: String!, $o: ExtractOptionsInput) {
  extractSkills(text: $t, options: $o) {
    skills { skill { id name } confidence suggestedLevel suggestedImportance cues
             evidence { kind start end text score label viaSkillId } }
    stages { stage ran reason }
    notes characters
  } }"""

POSTING = (
    "Data Engineer\n"
    "Requirements:\n"
    "- Expert in Python, 5+ years.\n"
    "- You manage databases and write SQL.\n"
    "Nice to have: Kafka.\n"
)

SKILLS = [
    ("skill_py", "Python (computer programming)", ["Python"], "KNOWLEDGE"),
    ("skill_db", "manage databases", ["database administration"], "SKILL"),
    ("skill_sql", "SQL", [], "KNOWLEDGE"),
    ("skill_kafka", "Apache Kafka", ["Kafka"], "KNOWLEDGE"),
    ("skill_bread", "bake bread", [], "SKILL"),
    ("skill_prog", "computer programming", [], "KNOWLEDGE"),
]


async def catalogue(api: Api) -> None:
    fields = [
        f'm{i}: createSkill(input: {{id: "{sid}", name: "{name}", altLabels: {alt!r}, '
        f"type: {kind}}}) {{ id }}".replace("'", '"')
        for i, (sid, name, alt, kind) in enumerate(SKILLS)
    ]
    await api.data("mutation { " + " ".join(fields) + " }")
    await api.data(
        'mutation { setBroaderSkill(skillId: "skill_py", broaderId: "skill_prog") { id } }'
    )


async def extract(api: Api, text: str, **options: Any) -> dict[str, Any]:
    data = await api.data(EXTRACT, {"t": text, "o": options or None})
    result: dict[str, Any] = data["extractSkills"]
    return result


def by_id(result: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {s["skill"]["id"]: s for s in result["skills"]}


async def test_skills_with_spans_kinds_and_suggestions(api: Api) -> None:
    await catalogue(api)
    result = await extract(api, POSTING)
    found = by_id(result)
    assert {"skill_py", "skill_db", "skill_sql", "skill_kafka"} <= set(found)
    assert "skill_bread" not in found
    python = found["skill_py"]
    top = python["evidence"][0]
    assert top["kind"] == "ALT_LABEL"
    assert top["label"] == "Python"
    assert POSTING[top["start"] : top["end"]] == top["text"] == "Python"
    assert python["suggestedLevel"] == 5
    assert python["suggestedImportance"] == "ESSENTIAL"
    assert found["skill_db"]["evidence"][0]["kind"] in ("EXACT_LABEL", "FUZZY")
    assert found["skill_kafka"]["suggestedImportance"] == "OPTIONAL"
    assert all(0 <= s["confidence"] <= 1 for s in result["skills"])
    confidences = [s["confidence"] for s in result["skills"]]
    assert confidences == sorted(confidences, reverse=True)
    assert [(s["stage"], s["ran"]) for s in result["stages"]] == [
        ("LEXICAL", True),
        ("SEMANTIC", True),
    ]
    assert result["characters"] == len(POSTING)


async def test_the_semantic_stage_finds_paraphrases(api: Api) -> None:
    await catalogue(api)
    result = await extract(api, "You will bake sourdough bread every morning.")
    skill = by_id(result)["skill_bread"]
    assert skill["evidence"][0]["kind"] == "SEMANTIC"
    lexical = await extract(api, "You will bake sourdough bread every morning.", semantic=False)
    assert "skill_bread" not in by_id(lexical)
    assert lexical["stages"][1] == {
        "stage": "SEMANTIC",
        "ran": False,
        "reason": "not asked for (options.semantic: false)",
    }


async def test_options_first_types_and_min_confidence(api: Api) -> None:
    await catalogue(api)
    assert len((await extract(api, POSTING, first=2))["skills"]) == 2
    knowledge = await extract(api, POSTING, types=["SKILL"])
    assert set(by_id(knowledge)) <= {"skill_db", "skill_bread"}
    strict = await extract(api, POSTING, minConfidence=0.99)
    assert all(s["confidence"] >= 0.99 for s in strict["skills"])


async def test_broader_concepts_on_request(api: Api) -> None:
    await catalogue(api)
    assert "skill_prog" not in by_id(await extract(api, "Python", semantic=False))
    result = by_id(await extract(api, "Python", semantic=False, broader=True))
    evidence = result["skill_prog"]["evidence"][0]
    assert evidence["kind"] == "BROADER"
    assert evidence["viaSkillId"] == "skill_py"
    assert result["skill_prog"]["confidence"] < result["skill_py"]["confidence"]


async def test_narrower_concepts_on_request(api: Api) -> None:
    await catalogue(api)
    text = "Computer programming"
    assert "skill_py" not in by_id(await extract(api, text, semantic=False))
    result = by_id(await extract(api, text, semantic=False, narrower=True))
    evidence = result["skill_py"]["evidence"][0]
    assert evidence["kind"] == "NARROWER"
    assert evidence["viaSkillId"] == "skill_prog"
    assert result["skill_py"]["confidence"] < result["skill_prog"]["confidence"]


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"first": 0}, "options.first"),
        ({"first": 101}, "options.first"),
        ({"minConfidence": 1.5}, "options.minConfidence"),
        ({"types": []}, "options.types"),
    ],
)
async def test_bad_options(api: Api, options: dict[str, Any], field: str) -> None:
    error = await api.error(EXTRACT, {"t": "Python", "o": options})
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["extensions"]["field"] == field


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "empty"),
        ("  \n ", "empty"),
        ("x" * 20_001, "at most 20,000"),
        ("Python " * 100_000, "at most 20,000"),
        ("PK\x03\x04\x00\x00binary", "binary"),
    ],
)
async def test_bad_text_is_bad_user_input(api: Api, text: str, words: str) -> None:
    error = await api.error(EXTRACT, {"t": text})
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert words in error["message"]


async def test_a_megabyte_is_refused_before_reading(server: RunningServer, admin_key: str) -> None:
    async with httpx.AsyncClient(base_url=server.url, timeout=30) as client:
        response = await client.post(
            "/graphql", json={"query": EXTRACT, "variables": {"t": "Python " * 150_000}}
        )
    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == "PAYLOAD_TOO_LARGE"


async def test_unknown_scripts_get_an_empty_answer_with_a_reason(api: Api) -> None:
    await catalogue(api)
    result = await extract(api, "我们正在寻找一名熟悉数据库管理和Python的软件工程师。")
    assert result["skills"] == []
    assert "English" in result["notes"][0]
    assert not any(s["ran"] for s in result["stages"])


async def test_other_languages_keep_only_the_lexical_stage(api: Api) -> None:
    await catalogue(api)
    result = await extract(
        api, "Wir suchen eine Entwicklerin mit Erfahrung in Python und mit Kafka für das Team."
    )
    assert {"skill_py", "skill_kafka"} <= set(by_id(result))
    assert result["stages"][1]["ran"] is False
    assert "German" in result["notes"][0]


async def test_a_language_without_a_name_here_keeps_only_the_lexical_stage(api: Api) -> None:
    await catalogue(api)
    result = await extract(
        api,
        "Poszukujemy programisty z doświadczeniem w Python i Kafka. Do twoich zadań będzie "
        "należało projektowanie usług oraz współpraca z zespołem analityków danych.",
    )
    assert {"skill_py", "skill_kafka"} <= set(by_id(result))
    assert result["stages"][1]["ran"] is False
    assert "not English" in result["notes"][0]


@pytest.mark.parametrize(
    ("update", "reason"),
    [
        ({"semantic_stage": False}, "switched off"),
        (
            {
                "embedding_model_path": Path("/nowhere/model.onnx"),
                "embedding_model_sha256": "0" * 64,
            },
            "/nowhere/model.onnx does not exist",
        ),
    ],
)
async def test_without_the_model_the_lexical_stage_answers_and_says_why(
    api: Api, settings: Settings, admin_key: str, update: dict[str, Any], reason: str
) -> None:
    await catalogue(api)
    for server in _running(settings, **update):
        async with httpx.AsyncClient(base_url=server.url, timeout=60) as client:
            result = await extract(Api(client=client, server=server), POSTING)
    assert {"skill_py", "skill_sql", "skill_kafka"} <= set(by_id(result))
    assert all(e["kind"] != "SEMANTIC" for s in result["skills"] for e in s["evidence"])
    lexical, semantic = result["stages"]
    assert lexical == {"stage": "LEXICAL", "ran": True, "reason": None}
    assert semantic["ran"] is False
    assert reason in semantic["reason"]
    assert any(reason in note for note in result["notes"])


UPSERT = """mutation($input: CreateRoleInput!) {
  upsertRole(uri: "https://jobs.example.org/1", input: $input) {
    id requirements { skill { id } importance level extracted confidence } } }"""


async def test_upsert_role_writes_reviewable_extracted_requirements(
    api: Api, server: RunningServer, db: Database
) -> None:
    await catalogue(api)
    key = await make_key(db, "JOB_BOARD")
    headers = {"authorization": f"Bearer {key}"}
    async with httpx.AsyncClient(base_url=server.url, timeout=30, headers=headers) as client:
        board = Api(client=client, server=server)
        plain = {"title": "Data Engineer", "kind": "JOB_POSTING", "description": POSTING}
        role = (await board.data(UPSERT, {"input": plain}))["upsertRole"]
        assert role["requirements"] == []  # nothing written unless asked
        asked = {**plain, "extractRequirements": True}
        role = (await board.data(UPSERT, {"input": asked}))["upsertRole"]
        reqs = {r["skill"]["id"]: r for r in role["requirements"]}
        assert {"skill_py", "skill_db", "skill_kafka"} <= set(reqs)
        assert all(r["extracted"] and 0 < r["confidence"] <= 1 for r in reqs.values())
        assert reqs["skill_py"]["level"] == 5
        assert reqs["skill_kafka"]["importance"] == "OPTIONAL"
        # Reviewing: accepting one makes it the board's own; re-extracting keeps it.
        await board.data(
            f'mutation {{ setRoleRequirement(roleId: "{role["id"]}", skillId: "skill_py", '
            "level: 3) { id } }"
        )
        again = (await board.data(UPSERT, {"input": asked}))["upsertRole"]
        reqs = {r["skill"]["id"]: r for r in again["requirements"]}
        assert reqs["skill_py"] == {
            "skill": {"id": "skill_py"},
            "importance": "ESSENTIAL",
            "level": 3,
            "extracted": False,
            "confidence": None,
        }
        assert reqs["skill_kafka"]["extracted"]


async def test_extraction_needs_a_description(api: Api) -> None:
    error = await api.error(
        UPSERT, {"input": {"title": "X", "kind": "JOB_POSTING", "extractRequirements": True}}
    )
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["extensions"]["field"] == "input.description"


async def test_bad_description_writes_nothing(api: Api) -> None:
    error = await api.error(
        UPSERT,
        {
            "input": {
                "title": "X",
                "description": "\x00\x01",
                "extractRequirements": True,
            }
        },
    )
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    missing = await api.error('{ role(uri: "https://jobs.example.org/1") { id } }')
    assert missing["extensions"]["code"] == "NOT_FOUND"


async def test_credential_teaches_are_extracted(api: Api) -> None:
    await catalogue(api)
    await api.data('mutation { createProvider(input: {id: "prov_1", name: "P"}) { id } }')
    data = await api.data(
        """mutation { createCredential(input: {id: "cred_1", name: "Data course",
        providerId: "prov_1", description: "Learn Python and SQL from scratch.",
        extractTeaches: true}) { teaches { skill { id } level extracted confidence } } }"""
    )
    taught = {t["skill"]["id"]: t for t in data["createCredential"]["teaches"]}
    assert {"skill_py", "skill_sql"} <= set(taught)
    assert all(t["extracted"] for t in taught.values())


CV = """mutation($p: ID!, $ids: [ID!]) {
  addPersonSkillsFromText(personId: $p, text: "I have advanced Python skills and know SQL.",
                          skillIds: $ids) {
    skills { skill { id } level extracted confidence } } }"""


async def test_cv_skills_need_the_person_or_an_admin(
    api: Api, server: RunningServer, db: Database
) -> None:
    await catalogue(api)
    await api.data('mutation { createPerson(input: {id: "person_a", name: "A"}) { id } }')
    board = await make_key(db, "JOB_BOARD")
    own = await make_key(db, "PERSON", "person_a")
    async with httpx.AsyncClient(base_url=server.url, timeout=30) as client:
        as_board = Api(client=client, server=server)
        client.headers["authorization"] = f"Bearer {board}"
        error = await as_board.error(CV, {"p": "person_a"})
        assert error["extensions"]["code"] == "FORBIDDEN"
        client.headers["authorization"] = f"Bearer {own}"
        data = await as_board.data(CV, {"p": "person_a", "ids": ["skill_py"]})
    skills = data["addPersonSkillsFromText"]["skills"]
    assert [s["skill"]["id"] for s in skills] == ["skill_py"]
    assert skills[0]["extracted"]
    assert skills[0]["level"] == 4


async def test_label_changes_refresh_the_embedding(api: Api) -> None:
    await catalogue(api)
    text = "You will bake sourdough bread every morning."
    assert "skill_bread" in by_id(await extract(api, text))
    await api.data(
        'mutation { updateSkill(id: "skill_bread", input: {name: "repair bicycles"}) { id } }'
    )
    assert "skill_bread" not in by_id(await extract(api, text))
