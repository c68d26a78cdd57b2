UNWIND $rows AS row
MERGE (n:Role {uri: row.uri})
ON CREATE SET n.id = row.id, n.createdAt = datetime(), n._new = true
SET n.title = row.title, n.description = row.description, n.kind = row.kind,
    n.iscoGroup = row.iscoGroup, n.employer = row.employer, n.location = row.location,
    n.remote = row.remote, n.altLabels = coalesce(row.altLabels, []), n.updatedAt = datetime(),
    n.sortKey = toLower(row.title)
WITH n, n._new IS NOT NULL AS created
REMOVE n._new
RETURN sum(CASE WHEN created THEN 1 ELSE 0 END) AS created, count(*) AS total
