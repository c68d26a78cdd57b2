// Merge (Role)-[:SPECIALIZES]->(Role) by uri; $rows: [{postingUri, occupationUri}].
UNWIND $rows AS row
MATCH (a:Role {uri: row.postingUri})
MATCH (b:Role {uri: row.occupationUri})
MERGE (a)-[x:SPECIALIZES]->(b)
ON CREATE SET x.createdAt = datetime(), x._new = true
WITH x, x._new IS NOT NULL AS created, {} AS props
REMOVE x._new
// include: bulk/_apply
