// Merge (Skill)-[:RELATED]->(Skill) by uri; $rows: [{fromUri, toUri, ...}].
UNWIND $rows AS row
MATCH (a:Skill {uri: row.fromUri})
MATCH (b:Skill {uri: row.toUri})
MERGE (a)-[x:RELATED]->(b)
ON CREATE SET x.createdAt = datetime(), x._new = true
WITH x, x._new IS NOT NULL AS created, {relationType: row.relationType} AS props
REMOVE x._new
// include: bulk/_apply
