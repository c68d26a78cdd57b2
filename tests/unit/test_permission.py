from __future__ import annotations

from pathlib import Path

from skillgraph.api import permission
from skillgraph.api.permission import PEOPLE_POLICY, Permissions
from skillgraph.api.principal import Principal, PrincipalRole


def test_admins_read_private_person_data() -> None:
    assert Permissions(Principal(PrincipalRole.ADMIN)).can_read_private({"id": "person_1"})


def test_a_person_reads_only_their_own_private_data() -> None:
    me = Permissions(Principal(PrincipalRole.PERSON, person_id="person_1"))
    assert me.can_read_private({"id": "person_1"})
    assert not me.can_read_private({"id": "person_2"})


def test_other_roles_do_not_read_private_data() -> None:
    for role in [PrincipalRole.EDITOR, PrincipalRole.JOB_BOARD, PrincipalRole.RESEARCHER]:
        assert not Permissions(Principal(role)).can_read_private({"id": "person_1"})


def test_a_person_never_reads_another_persons_email_even_when_visible() -> None:
    me = Permissions(Principal(PrincipalRole.PERSON, person_id="person_1"))
    public = {"id": "person_2", "visibility": "PUBLIC", "emailVisible": True}
    assert me.may_see_person(public)
    assert not me.can_read_private(public)


def test_a_job_board_sees_matchable_people_only_through_matching() -> None:
    board = Permissions(Principal(PrincipalRole.JOB_BOARD, key="key:b"))
    matchable = {"id": "person_2", "visibility": "MATCHABLE", "emailVisible": True}
    assert not board.may_see_person(matchable)
    assert board.matchable_people() == ["MATCHABLE", "PUBLIC"]
    assert board.can_read_private(matchable)
    assert not board.can_read_private({**matchable, "emailVisible": False})
    assert not board.can_read_private({**matchable, "visibility": "PRIVATE"})


def _words(text: str) -> str:
    return " ".join(text.split())


def test_the_people_policy_reads_the_same_in_code_readme_and_schema() -> None:
    root = Path(__file__).resolve().parents[2]
    texts = {
        "permission.py": _words(permission.__doc__ or ""),
        "README.md": _words((root / "README.md").read_text().replace("\n- ", "\n")),
        "schema.graphql": _words((root / "schema.graphql").read_text()),
    }
    for sentence in PEOPLE_POLICY:
        for name, text in texts.items():
            assert _words(sentence) in text, (name, sentence)
