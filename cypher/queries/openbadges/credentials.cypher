// Credentials from Open Badges achievements: only what an Achievement says is written, so
// cost, hours or format set in SkillGraph survive a re-import.
UNWIND $rows AS row
MERGE (n:Credential {uri: row.uri})
ON CREATE SET n.id = row.id, n.createdAt = datetime(),
              n.status = row.status, n.format = 'ONLINE', n.altLabels = []
SET n.name = row.name, n.description = row.description, n.kind = row.kind,
    n.url = coalesce(row.url, n.url), n.updatedAt = datetime(),
    n.sortKey = toLower(row.name)
WITH n, row
CALL (n, row) {
  WITH n, row WHERE row.providerUri IS NOT NULL
  MATCH (p:Provider {uri: row.providerUri})
  OPTIONAL MATCH (other:Provider)-[old:OFFERS]->(n) WHERE other <> p
  DELETE old
  MERGE (p)-[:OFFERS]->(n)
}
RETURN n.uri AS uri, n.id AS id
