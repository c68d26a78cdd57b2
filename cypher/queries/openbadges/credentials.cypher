// Credentials from Open Badges achievements: only what an Achievement says is written, so
// cost, hours or format set in SkillGraph survive a re-import. A bare Achievement (an
// editorial import) may move the credential to its creator; an achievement embedded in a
// credential document only attaches a credential that has no provider yet. A row with
// createOnly (from a badge that failed verification) never changes an existing credential.
// `openBadges` marks what an import wrote (a trust signal of value); every credential
// carries `valueScore` (0 until refreshed).
UNWIND $rows AS row
MERGE (n:Credential {uri: row.uri})
ON CREATE SET n.id = row.id, n.createdAt = datetime(), n._new = true,
              n.status = row.status, n.format = 'ONLINE', n.altLabels = []
WITH n, row, n._new IS NOT NULL AS created
REMOVE n._new
FOREACH (_ IN CASE WHEN created OR NOT row.createOnly THEN [1] ELSE [] END |
  SET n.name = row.name, n.description = row.description, n.kind = row.kind,
      n.url = coalesce(row.url, n.url), n.updatedAt = datetime(), n.sortKey = toLower(row.name),
      n.openBadges = true)
SET n.valueScore = coalesce(n.valueScore, 0.0)
WITH n, row, created
CALL (n, row, created) {
  WITH n, row, created WHERE row.providerUri IS NOT NULL
  MATCH (p:Provider {uri: row.providerUri})
  OPTIONAL MATCH (other:Provider)-[old:OFFERS]->(n) WHERE other <> p
  WITH n, p, row, created, collect(old) AS olds
  WHERE size(olds) = 0 OR (NOT row.embedded AND NOT row.createOnly)
  FOREACH (o IN olds | DELETE o)
  MERGE (p)-[:OFFERS]->(n)
}
RETURN n.uri AS uri, n.id AS id
