"""GraphiQL served from the package: the page and its JS/CSS (``static/graphiql/``, vendored
from npm at pinned versions by ``tools/graphiql/vendor.py``), so ``/graphql`` works offline.
The page opens on a query that works on the demo data (``make run``)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

__all__ = ["ASSETS_PATH", "DEFAULT_QUERY", "Asset", "assets", "page", "serve_asset"]

ASSETS_PATH = "/graphiql/"

DEFAULT_QUERY = """# SkillGraph demo. This query runs without a key (catalogue reads are public).
# Gaps, plans and matching need a key: create one with
#   skillgraph keys create --role ADMIN --name me
# and add the header {"Authorization": "Bearer <key>"} below. Then try:
#   { credentialPlan(personId: "person_fbd7ff7c0c2e505b98509c5250823a85",
#                    roleId: "role_43d85b3190b95c67a8e032fa37d59795") {
#       steps { position credential { name cost { amount currency } } covers { name } }
#       totalCost { amount currency } coverageBefore coverageAfter optimal } }

# A job posting of the demo, its effective requirements (inherited from its ESCO occupation
# and its own), and the credentials that teach each skill, with their providers.
{
  role(uri: "https://demo.skillgraph.dev/roles/posting-001") {
    title
    employer
    occupation { title }
    requirements {
      importance
      level
      inherited
      skill {
        name
        taughtBy(first: 2) {
          edges { level node { name cost { amount currency } provider { name } } }
        }
      }
    }
  }
}
"""

# Load order matters: React first, GraphiQL's bundle, then the explorer plugin that uses it.
_SCRIPTS = (
    "react-18.2.0.production.min.js",
    "react-dom-18.2.0.production.min.js",
    "graphiql-3.8.3.min.js",
    "graphiql-plugin-explorer-1.0.2.umd.js",
)
_STYLES = ("graphiql-3.8.3.min.css", "graphiql-plugin-explorer-1.0.2.css")
_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}

_PAGE = """<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>SkillGraph GraphiQL</title>
    <link rel="icon" href="data:,">
    <style>
      body {{ height: 100%; margin: 0; width: 100%; overflow: hidden; }}
      #graphiql {{ height: 100vh; display: flex; }}
    </style>
{styles}
  </head>
  <body>
    <div id="graphiql">Loading GraphiQL...</div>
{scripts}
    <script>
      const DEFAULT_QUERY = {query};
      const parameters = new URLSearchParams(window.location.search);
      const url = window.location.href.split("?")[0];

      function remember(name, value) {{
        if (value) parameters.set(name, value); else parameters.delete(name);
        const search = parameters.toString();
        history.replaceState(null, "", search ? "?" + search : window.location.pathname);
      }}

      function SkillGraphGraphiQL() {{
        const explorer = React.useMemo(() => GraphiQLPluginExplorer.explorerPlugin(), []);
        return React.createElement(GraphiQL, {{
          fetcher: GraphiQL.createFetcher({{ url }}),
          defaultQuery: DEFAULT_QUERY,
          query: parameters.get("query") || DEFAULT_QUERY,
          variables: parameters.get("variables") || undefined,
          onEditQuery: (query) => remember("query", query),
          onEditVariables: (variables) => remember("variables", variables),
          plugins: [explorer],
          defaultEditorToolsVisibility: true,
          isHeadersEditorEnabled: true,
          shouldPersistHeaders: true,
          inputValueDeprecation: true,
        }});
      }}

      ReactDOM.createRoot(document.getElementById("graphiql"))
        .render(React.createElement(SkillGraphGraphiQL));
    </script>
  </body>
</html>
"""


@dataclass(frozen=True)
class Asset:
    name: str
    body: bytes
    media_type: str
    integrity: str  # the browser's subresource-integrity hash, sha384-...


@cache
def assets() -> dict[str, Asset]:
    """The vendored files by name, as listed in ``assets.json``; read once."""
    folder = resources.files("skillgraph") / "static" / "graphiql"
    manifest: dict[str, dict[str, Any]] = json.loads((folder / "assets.json").read_text())
    return {
        name: Asset(
            name=name,
            body=(folder / name).read_bytes(),
            media_type=_TYPES[name[name.rindex(".") :]],
            integrity=entry["integrity"],
        )
        for name, entry in manifest.items()
    }


@cache
def page() -> str:
    """The GraphiQL page: every script and style from ``ASSETS_PATH`` with its integrity."""
    files = assets()
    styles = "\n".join(
        f'    <link rel="stylesheet" href="{ASSETS_PATH}{n}" integrity="{files[n].integrity}">'
        for n in _STYLES
    )
    scripts = "\n".join(
        f'    <script src="{ASSETS_PATH}{n}" integrity="{files[n].integrity}"></script>'
        for n in _SCRIPTS
    )
    # json.dumps makes a JS string literal; "</" is escaped so the text cannot end the script.
    query = json.dumps(DEFAULT_QUERY).replace("</", "<\\/")
    return _PAGE.format(styles=styles, scripts=scripts, query=query)


async def serve_asset(request: Request) -> Response:
    """GET /graphiql/{name}: one of the vendored files, cached for a year (names carry their
    version); any other name is 404."""
    asset = assets().get(request.path_params["name"])
    if asset is None:
        return PlainTextResponse("not found", status_code=404)
    return Response(
        asset.body,
        media_type=asset.media_type,
        headers={"cache-control": "public, max-age=31536000, immutable"},
    )
