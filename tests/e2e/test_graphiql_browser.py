"""GraphiQL in a real headless Chromium (Debian's package, installed by .ci/run), with every
request that leaves the API refused: the page must render, run its default query on the demo
data and show the answer without internet access.

``SKILLGRAPH_SCREENSHOTS=docs`` (``make screenshots``) also saves the screenshot there.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from playwright.async_api import Browser, Page, Route, async_playwright

from skillgraph.ingest.seed import seed_demo
from skillgraph.store.database import Database
from tests.e2e.conftest import RunningServer

# Flags that work on the 2-core CI machine (no GPU, no sandbox as root, no background traffic).
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
RESULT = "document.querySelector('.result-window .CodeMirror')?.CodeMirror.getValue() ?? ''"
QUERY = "document.querySelector('.graphiql-query-editor .CodeMirror')?.CodeMirror.getValue() ?? ''"


def chromium() -> str:
    path = os.environ.get("SKILLGRAPH_CHROMIUM") or shutil.which("chromium")
    if path is None:
        pytest.fail(
            "Chromium is missing: the GraphiQL test needs Debian's chromium package "
            "(apt-get install -y chromium; .ci/run installs it), or SKILLGRAPH_CHROMIUM=/path"
        )
    return path


@pytest.fixture
async def browser(tmp_path: Path) -> AsyncIterator[Browser]:
    async with async_playwright() as playwright:
        # Playwright gives each launch a fresh profile (a new --user-data-dir).
        launched = await playwright.chromium.launch(
            executable_path=chromium(), headless=True, args=CHROMIUM_FLAGS
        )
        try:
            yield launched
        finally:
            await launched.close()


async def offline_page(browser: Browser, origin: str) -> tuple[Page, list[str], list[str]]:
    """A page that may reach only ``origin``; returns it, the refused urls and the errors
    the page reported."""
    page = await browser.new_page(viewport={"width": 1440, "height": 900})
    refused: list[str] = []
    errors: list[str] = []

    async def only_the_api(route: Route) -> None:
        if route.request.url.startswith(origin + "/"):
            await route.continue_()
        else:
            refused.append(route.request.url)
            await route.abort("internetdisconnected")

    await page.route("**/*", only_the_api)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    return page, refused, errors


async def test_graphiql_renders_offline_and_runs_the_default_query_on_the_demo(
    server: RunningServer, db: Database, browser: Browser, tmp_path: Path
) -> None:
    await seed_demo(db)
    page, refused, errors = await offline_page(browser, server.url)

    await page.goto(f"{server.url}/graphql", wait_until="load")
    await page.wait_for_selector(".graphiql-execute-button", timeout=30_000)
    assert "posting-001" in await page.evaluate(QUERY)
    # The schema arrived by introspection: the documentation explorer can open.
    await page.click("button[aria-label='Show Documentation Explorer']")
    await page.wait_for_selector(".graphiql-doc-explorer-title", timeout=15_000)
    await page.click("button[aria-label='Hide Documentation Explorer']")

    await page.click(".graphiql-execute-button")
    await page.wait_for_function(f"() => ({RESULT}).includes('requirements')", timeout=30_000)
    answer: dict[str, Any] = json.loads(await page.evaluate(RESULT))
    assert "errors" not in answer, answer
    role = answer["data"]["role"]
    assert role["title"]
    assert role["requirements"]
    assert any(r["skill"]["taughtBy"]["edges"] for r in role["requirements"])

    assert refused == []
    assert errors == []
    shot = await page.screenshot(path=tmp_path / "graphiql.png")
    assert shot[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(shot) > 20_000  # a rendered page, not a blank one
    if target := os.environ.get("SKILLGRAPH_SCREENSHOTS"):
        await page.screenshot(path=Path(target, "graphiql.png"))


async def test_the_page_loads_nothing_from_elsewhere(server: RunningServer) -> None:
    import httpx

    async with httpx.AsyncClient(base_url=server.url, timeout=30) as client:
        page = (await client.get("/graphql", headers={"accept": "text/html"})).text
        sources = [
            part.split('"', 1)[0] for part in page.split('src="')[1:] + page.split('href="')[1:]
        ]
        assert sources, page
        assert all(s.startswith("/graphiql/") or s.startswith("data:") for s in sources), sources
        for source in sources:
            if source.startswith("/graphiql/"):
                response = await client.get(source)
                assert response.status_code == 200, source
                assert "immutable" in response.headers["cache-control"]
        assert (await client.get("/graphiql/../pyproject.toml")).status_code == 404
        assert (await client.get("/graphiql/assets.json")).status_code == 404
