"""The vendored GraphiQL files are exactly what assets.json records (tools/graphiql/vendor.py
writes both), and the page loads only them, each with its integrity hash."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from importlib import resources

from skillgraph.api import graphiql


def manifest() -> dict[str, dict[str, str]]:
    folder = resources.files("skillgraph") / "static" / "graphiql"
    data: dict[str, dict[str, str]] = json.loads((folder / "assets.json").read_text())
    return data


def test_each_file_has_the_recorded_sha256_and_sri_hash() -> None:
    for name, entry in manifest().items():
        body = graphiql.assets()[name].body
        assert hashlib.sha256(body).hexdigest() == entry["sha256"], name
        sri = "sha384-" + base64.b64encode(hashlib.sha384(body).digest()).decode()
        assert sri == entry["integrity"], name
        assert re.fullmatch(r"\d+\.\d+\.\d+", entry["version"])
        assert entry["tarball_integrity"].startswith("sha512-")


def test_the_page_loads_every_asset_from_the_package_with_its_integrity() -> None:
    page = graphiql.page()
    for name, asset in graphiql.assets().items():
        assert f'"{graphiql.ASSETS_PATH}{name}" integrity="{asset.integrity}"' in page
    assert "https://" not in page.split("<script>")[0]
    assert "unpkg" not in page
    assert "cdn" not in page.lower()


def test_the_default_query_cannot_end_the_script_element() -> None:
    assert "</script>" not in graphiql.page().split("const DEFAULT_QUERY = ", 1)[1].split(";", 1)[0]
