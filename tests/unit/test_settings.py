from __future__ import annotations

import pytest
from pydantic import ValidationError

from skillgraph.settings import Environment, Settings


def test_defaults_are_local_and_dev(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ["SKILLGRAPH_NEO4J_URI", "SKILLGRAPH_NEO4J_HOME"]:
        monkeypatch.delenv(name, raising=False)
    settings = Settings(_env_file=None)
    assert settings.environment is Environment.DEV
    assert settings.neo4j_uri == "bolt://127.0.0.1:7687"
    assert (settings.neo4j_host, settings.neo4j_port) == ("127.0.0.1", 7687)
    assert (settings.default_page_size, settings.max_page_size) == (20, 100)


def test_environment_variables_override(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SKILLGRAPH_NEO4J_URI", "neo4j://db.internal:7999")
    monkeypatch.setenv("SKILLGRAPH_ENVIRONMENT", "prod")
    settings = Settings(_env_file=None)
    assert settings.environment is Environment.PROD
    assert (settings.neo4j_host, settings.neo4j_port) == ("db.internal", 7999)


@pytest.mark.parametrize("uri", ["http://localhost:7474", "localhost:7687", "bolt://"])
def test_a_bad_neo4j_uri_is_refused_with_an_example(uri: str) -> None:
    with pytest.raises(ValidationError, match=r"bolt://127\.0\.0\.1:7687"):
        Settings(_env_file=None, neo4j_uri=uri)
