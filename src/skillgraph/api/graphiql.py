"""GraphiQL with a default query that works on the demo data (`make run`)."""

from __future__ import annotations

import json

__all__ = ["DEFAULT_QUERY", "with_default_query"]

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


def with_default_query(html: str) -> str:
    """Strawberry's GraphiQL page with its example query replaced by DEFAULT_QUERY."""
    start = html.find("const EXAMPLE_QUERY = `")
    if start < 0:
        return html
    end = html.find("`;", start + len("const EXAMPLE_QUERY = `"))
    if end < 0:
        return html
    return html[:start] + f"const EXAMPLE_QUERY = {json.dumps(DEFAULT_QUERY)};" + html[end + 2 :]
