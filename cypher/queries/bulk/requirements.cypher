// Merge (Role)-[:REQUIRES]->(Skill) by uri; $rows: [{roleUri, skillUri, ...}].
UNWIND $rows AS row
MATCH (a:Role {uri: row.roleUri})
MATCH (b:Skill {uri: row.skillUri})
MERGE (a)-[x:REQUIRES]->(b)
ON CREATE SET x.createdAt = datetime(), x._new = true
WITH x, x._new IS NOT NULL AS created, {importance: row.importance, level: coalesce(row.level, 1)} AS props
REMOVE x._new
// include: bulk/_apply
