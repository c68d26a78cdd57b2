// Merge (Person)-[:HAS_SKILL]->(Skill) by uri; $rows: [{personUri, skillUri, ...}].
UNWIND $rows AS row
MATCH (a:Person {uri: row.personUri})
MATCH (b:Skill {uri: row.skillUri})
MERGE (a)-[r:HAS_SKILL]->(b)
ON CREATE SET r.createdAt = datetime(), r._new = true
SET r.updatedAt = datetime(), r.level = coalesce(row.level, 1), r.source = coalesce(row.source, 'SELF')
WITH r, r._new IS NOT NULL AS created
REMOVE r._new
RETURN sum(CASE WHEN created THEN 1 ELSE 0 END) AS created, count(*) AS total
