// Merge (Credential)-[:TEACHES]->(Skill) by uri; $rows: [{credentialUri, skillUri, ...}].
UNWIND $rows AS row
MATCH (a:Credential {uri: row.credentialUri})
MATCH (b:Skill {uri: row.skillUri})
MERGE (a)-[r:TEACHES]->(b)
ON CREATE SET r.createdAt = datetime(), r._new = true
SET r.updatedAt = datetime(), r.level = coalesce(row.level, 1)
WITH r, r._new IS NOT NULL AS created
REMOVE r._new
RETURN sum(CASE WHEN created THEN 1 ELSE 0 END) AS created, count(*) AS total
