"""`skillgraph verify FILE --no-graph`: the checks are printed, the exit code says the worst."""

from __future__ import annotations

import json
from pathlib import Path

import jwt
import pytest

from skillgraph.cli import main
from tests.unit.verification.badges import FIXTURES, Issuer, tampered


def _write(tmp_path: Path, name: str, content: object) -> str:
    path = tmp_path / name
    path.write_text(content if isinstance(content, str) else json.dumps(content))
    return str(path)


def test_a_verified_badge_exits_0_and_prints_every_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    issuer = Issuer()
    path = _write(tmp_path, "badge.json", issuer.sign(issuer.badge()))
    # Without the graph ISSUER cannot be compared: the badge is UNVERIFIED (exit 3).
    assert main(["verify", "--no-graph", path]) == 3
    out = capsys.readouterr().err
    for name in ("PROOF", "ISSUER_KEY", "ISSUER", "VALIDITY", "STATUS"):
        assert name in out
    assert "signature valid" in out


def test_a_tampered_badge_exits_1_naming_the_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    issuer = Issuer()
    signed = issuer.sign(issuer.badge())
    path = _write(tmp_path, "badge.json", tampered(signed, ("name",), "Changed"))
    assert main(["verify", "--no-graph", path]) == 1
    out = capsys.readouterr().err
    assert "FAILED" in out
    assert "the signature does not match the document" in out


def test_a_vc_jwt_file_is_verified(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    issuer = Issuer()
    vc = issuer.badge()
    token = jwt.encode(
        {"vc": vc, "iss": issuer.uri, "jti": vc["id"]},
        issuer.private,
        algorithm="EdDSA",
        headers={"kid": issuer.method},
    )
    assert main(["verify", "--no-graph", _write(tmp_path, "badge.jwt", token)]) == 3
    assert "JWS valid (EdDSA)" in capsys.readouterr().err


def test_unreadable_and_oversized_files_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    issuer = Issuer()
    big = {**issuer.badge(), "description": "x" * 10_000_000}
    assert main(["verify", "--no-graph", _write(tmp_path, "big.json", big)]) == 2
    assert "bytes" in capsys.readouterr().err
    assert main(["verify", "--no-graph", _write(tmp_path, "junk.txt", "not json")]) == 2
    assert main(["verify", "--no-graph", str(tmp_path / "missing.json")]) == 2


def test_the_1edtech_sample_prints_what_to_do(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(FIXTURES / "1edtech" / "simple.json")
    assert main(["verify", "--no-graph", path]) == 3
    assert "SKILLGRAPH_VERIFY_FETCH" in capsys.readouterr().err
