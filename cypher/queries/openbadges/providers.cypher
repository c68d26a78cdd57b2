// Providers from Open Badges profiles. A bare profile id never erases what is known:
// a missing name falls back to the stored one (or the uri for a new provider).
UNWIND $rows AS row
MERGE (n:Provider {uri: row.uri})
ON CREATE SET n.id = row.id, n.createdAt = datetime(),
              n.kind = row.kind, n.accredited = false, n.accreditations = [], n.altLabels = []
SET n.name = coalesce(row.name, n.name, row.uri), n.url = coalesce(row.url, n.url),
    n.updatedAt = datetime()
SET n.sortKey = toLower(n.name)
RETURN count(*) AS total
