// Merge (Person)-[:HAS_SKILL]->(Skill) by uri; $rows: [{personUri, skillUri, ...}].
UNWIND $rows AS row
MATCH (a:Person {uri: row.personUri})
MATCH (b:Skill {uri: row.skillUri})
MERGE (a)-[x:HAS_SKILL]->(b)
ON CREATE SET x.createdAt = datetime(), x._new = true
WITH x, x._new IS NOT NULL AS created, {level: coalesce(row.level, 1), source: coalesce(row.source, 'SELF')} AS props
REMOVE x._new
// include: bulk/_apply
