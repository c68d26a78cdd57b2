from __future__ import annotations

from skillgraph.api.permission import Permissions
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
