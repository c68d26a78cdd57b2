UNWIND $rows AS row
MERGE (n:Provider {uri: row.uri})
ON CREATE SET n.id = row.id, n.createdAt = datetime(), n._new = true
SET n.name = row.name, n.kind = row.kind, n.url = row.url, n.country = row.country,
    n.accredited = coalesce(row.accredited, false),
    n.accreditations = coalesce(row.accreditations, []),
    n.altLabels = coalesce(row.altLabels, []), n.updatedAt = datetime(),
    n.sortKey = toLower(row.name)
WITH n, n._new IS NOT NULL AS created
REMOVE n._new
RETURN sum(CASE WHEN created THEN 1 ELSE 0 END) AS created, count(*) AS total
