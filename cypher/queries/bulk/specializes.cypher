// Merge (Role)-[:SPECIALIZES]->(Role) by uri; $rows: [{postingUri, occupationUri}].
UNWIND $rows AS row
MATCH (a:Role {uri: row.postingUri})
MATCH (b:Role {uri: row.occupationUri})
MERGE (a)-[r:SPECIALIZES]->(b)
ON CREATE SET r.createdAt = datetime(), r._new = true
SET r.updatedAt = datetime()
WITH r, r._new IS NOT NULL AS created
REMOVE r._new
RETURN sum(CASE WHEN created THEN 1 ELSE 0 END) AS created, count(*) AS total
