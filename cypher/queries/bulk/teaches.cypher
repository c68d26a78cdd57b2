// Merge (Credential)-[:TEACHES]->(Skill) by uri; $rows: [{credentialUri, skillUri, ...}].
UNWIND $rows AS row
MATCH (a:Credential {uri: row.credentialUri})
MATCH (b:Skill {uri: row.skillUri})
MERGE (a)-[x:TEACHES]->(b)
ON CREATE SET x.createdAt = datetime(), x._new = true
WITH x, x._new IS NOT NULL AS created, {level: coalesce(row.level, 1)} AS props
REMOVE x._new
// include: bulk/_apply
