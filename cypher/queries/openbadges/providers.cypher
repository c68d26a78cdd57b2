// Providers from Open Badges profiles. A bare profile id never erases what is known:
// a missing name falls back to the stored one (or the uri for a new provider). A row with
// createOnly (from a badge that failed verification) never changes an existing provider.
UNWIND $rows AS row
MERGE (n:Provider {uri: row.uri})
ON CREATE SET n.id = row.id, n.createdAt = datetime(), n._new = true,
              n.kind = row.kind, n.accredited = false, n.accreditations = [], n.altLabels = []
WITH n, row, n._new IS NOT NULL AS created
REMOVE n._new
FOREACH (_ IN CASE WHEN created OR NOT row.createOnly THEN [1] ELSE [] END |
  SET n.name = coalesce(row.name, n.name, row.uri), n.url = coalesce(row.url, n.url),
      n.updatedAt = datetime(), n.sortKey = toLower(coalesce(row.name, n.name, row.uri)))
RETURN count(*) AS total
