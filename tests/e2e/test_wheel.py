"""The package as a user installs it: a wheel in a clean virtualenv, run from a folder that
is not the checkout, finds its Cypher files, its bundled data and its GraphiQL assets."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import httpx

from skillgraph.settings import REPO_ROOT, Settings
from tests.ports import free_port


def run(*command: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        [str(c) for c in command], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, f"{command} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def source_copy(tmp_path: Path) -> Path:
    """What the Dockerfile copies: a clean tree, so no build/ folder of the checkout (whose
    stale files setuptools would package) takes part."""
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO_ROOT / name, source / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
    for name in ("src", "cypher"):
        shutil.copytree(REPO_ROOT / name, source / name, symlinks=True, ignore=ignore)
    return source


def install_wheel(tmp_path: Path) -> Path:
    """Build the wheel and install it, with its dependencies pinned to the versions of the
    running environment (from the shared pip cache), into a new venv. Returns its bin/."""
    pip = (sys.executable, "-m", "pip")
    run(*pip, "wheel", "--no-deps", "--quiet", "--wheel-dir", tmp_path / "dist",
        source_copy(tmp_path), cwd=tmp_path)  # fmt: skip
    (wheel,) = (tmp_path / "dist").glob("skillgraph-*.whl")
    constraints = tmp_path / "constraints.txt"
    constraints.write_text(run(*pip, "freeze", "--exclude-editable", cwd=tmp_path))
    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp_path)
    run(*pip, "--python", venv / "bin" / "python", "install", "--quiet", "--no-compile",
        "--constraint", constraints, wheel, cwd=tmp_path)  # fmt: skip
    return venv / "bin"


def clean_env(settings: Settings) -> dict[str, str]:
    """Only what a user would set: where Neo4j is. No SKILLGRAPH_CYPHER_DIR."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SKILLGRAPH_")}
    env.update(
        SKILLGRAPH_NEO4J_URI=settings.neo4j_uri,
        SKILLGRAPH_NEO4J_USER=settings.neo4j_user,
        SKILLGRAPH_NEO4J_PASSWORD=settings.neo4j_password,
        SKILLGRAPH_NEO4J_DATABASE=settings.neo4j_database,
    )
    return env


def test_the_wheel_works_from_a_clean_venv_outside_the_checkout(
    tmp_path: Path, settings: Settings
) -> None:
    bin_dir = install_wheel(tmp_path)
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = clean_env(settings)

    assert "import" in run(bin_dir / "skillgraph", "--help", cwd=work, env=env)
    where = run(
        bin_dir / "python",
        "-c",
        "import skillgraph, skillgraph.settings as s; "
        "print(skillgraph.__file__); print(s.get_settings().cypher_dir)",
        cwd=work,
        env=env,
    ).split()
    assert all(Path(p).is_relative_to(tmp_path / "venv") for p in where), where
    assert "type Query" in run(
        bin_dir / "skillgraph", "export-schema", "--output", "-", cwd=work, env=env
    )

    run(bin_dir / "skillgraph", "import", "esco", "bundled", cwd=work, env=env)
    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        [str(bin_dir / "skillgraph"), "serve", "--port", str(port)],
        cwd=work,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{url}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert server.poll() is None, (tmp_path / "serve.log").read_text()
            assert time.monotonic() < deadline, (tmp_path / "serve.log").read_text()
            time.sleep(0.2)
        answer = httpx.post(
            f"{url}/graphql",
            json={"query": '{ skills(filter: {text: "python"}) { totalCount } }'},
            timeout=10,
        ).json()
        assert answer["data"] == {"skills": {"totalCount": 1}}, answer
        page = httpx.get(f"{url}/graphql", headers={"accept": "text/html"}, timeout=10)
        assert page.status_code == 200
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
