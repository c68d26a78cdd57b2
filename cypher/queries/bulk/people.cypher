UNWIND $rows AS row
MERGE (n:Person {uri: row.uri})
ON CREATE SET n.id = row.id, n.createdAt = datetime(), n._new = true
SET n.name = row.name, n.email = row.email, n.headline = row.headline,
    n.visibility = row.visibility, n.updatedAt = datetime(),
    n.sortKey = toLower(row.name)
WITH n, n._new IS NOT NULL AS created
REMOVE n._new
RETURN sum(CASE WHEN created THEN 1 ELSE 0 END) AS created, count(*) AS total
