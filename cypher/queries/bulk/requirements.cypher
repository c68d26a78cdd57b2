// Merge (Role)-[:REQUIRES]->(Skill) by uri; $rows: [{roleUri, skillUri, ...}].
UNWIND $rows AS row
MATCH (a:Role {uri: row.roleUri})
MATCH (b:Skill {uri: row.skillUri})
MERGE (a)-[r:REQUIRES]->(b)
ON CREATE SET r.createdAt = datetime(), r._new = true
SET r.updatedAt = datetime(), r.importance = row.importance, r.level = coalesce(row.level, 1)
WITH r, r._new IS NOT NULL AS created
REMOVE r._new
RETURN sum(CASE WHEN created THEN 1 ELSE 0 END) AS created, count(*) AS total
