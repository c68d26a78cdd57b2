// Merge (Skill)-[:BROADER]->(Skill) by uri; $rows: [{narrowerUri, broaderUri}].
UNWIND $rows AS row
MATCH (a:Skill {uri: row.narrowerUri})
MATCH (b:Skill {uri: row.broaderUri})
MERGE (a)-[r:BROADER]->(b)
ON CREATE SET r.createdAt = datetime(), r._new = true
SET r.updatedAt = datetime()
WITH r, r._new IS NOT NULL AS created
REMOVE r._new
RETURN sum(CASE WHEN created THEN 1 ELSE 0 END) AS created, count(*) AS total
