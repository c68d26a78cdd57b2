// Merge (Person)-[:TARGETS]->(Role) by uri; $rows: [{personUri, roleUri}].
UNWIND $rows AS row
MATCH (a:Person {uri: row.personUri})
MATCH (b:Role {uri: row.roleUri})
MERGE (a)-[r:TARGETS]->(b)
ON CREATE SET r.createdAt = datetime(), r._new = true
SET r.updatedAt = datetime()
WITH r, r._new IS NOT NULL AS created
REMOVE r._new
RETURN sum(CASE WHEN created THEN 1 ELSE 0 END) AS created, count(*) AS total
