// Merge (Person)-[:HOLDS]->(Role) by uri; $rows: [{personUri, roleUri}].
UNWIND $rows AS row
MATCH (a:Person {uri: row.personUri})
MATCH (b:Role {uri: row.roleUri})
MERGE (a)-[x:HOLDS]->(b)
ON CREATE SET x.createdAt = datetime(), x._new = true
WITH x, x._new IS NOT NULL AS created, {} AS props
REMOVE x._new
// include: bulk/_apply
