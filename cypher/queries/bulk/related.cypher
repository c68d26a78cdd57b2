// Merge (Skill)-[:RELATED]->(Skill) by uri; $rows: [{fromUri, toUri, ...}].
UNWIND $rows AS row
MATCH (a:Skill {uri: row.fromUri})
MATCH (b:Skill {uri: row.toUri})
MERGE (a)-[r:RELATED]->(b)
ON CREATE SET r.createdAt = datetime(), r._new = true
SET r.updatedAt = datetime(), r.relationType = row.relationType
WITH r, r._new IS NOT NULL AS created
REMOVE r._new
RETURN sum(CASE WHEN created THEN 1 ELSE 0 END) AS created, count(*) AS total
