"""`make fuzz`: the e2e fuzz tests (tests/e2e/test_fuzz.py) with FUZZ_EXAMPLES new examples
each, 500 unless set. The real server and its fixtures come from tests/e2e/conftest.py.

This folder is collected only when named on the command line (`pytest tests/fuzz`), so the
whole suite (`pytest`, `make test`) does not run the long fuzz."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.e2e.conftest import admin_key, anonymous, api, clean_graph, db, server, settings

__all__ = ["admin_key", "anonymous", "api", "clean_graph", "db", "server", "settings"]

HERE = Path(__file__).parent.resolve()
# Enough for FUZZ_EXAMPLES slow examples per test; the suite's 300 s would stop a long run.
SECONDS_PER_EXAMPLE = 2


def _asked_for(config: pytest.Config) -> bool:
    paths = [Path(str(arg).split("::")[0]).resolve() for arg in config.args]
    return any(path == HERE or HERE in path.parents for path in paths)


def pytest_configure(config: pytest.Config) -> None:
    if _asked_for(config):
        os.environ.setdefault("FUZZ_EXAMPLES", "500")


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    return None if _asked_for(config) else True


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    budget = int(os.environ.get("FUZZ_EXAMPLES", "500")) * SECONDS_PER_EXAMPLE
    for item in items:
        if HERE in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.timeout(max(budget, 300)))
