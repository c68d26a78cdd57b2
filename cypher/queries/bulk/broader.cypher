// Merge (Skill)-[:BROADER]->(Skill) by uri; $rows: [{narrowerUri, broaderUri}].
UNWIND $rows AS row
MATCH (a:Skill {uri: row.narrowerUri})
MATCH (b:Skill {uri: row.broaderUri})
MERGE (a)-[x:BROADER]->(b)
ON CREATE SET x.createdAt = datetime(), x._new = true
WITH x, x._new IS NOT NULL AS created, {} AS props
REMOVE x._new
// include: bulk/_apply
