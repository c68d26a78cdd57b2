// Merge (Provider)-[:ENDORSES]->(Credential) by uri; $rows: [{providerUri, credentialUri}].
UNWIND $rows AS row
MATCH (a:Provider {uri: row.providerUri})
MATCH (b:Credential {uri: row.credentialUri})
MERGE (a)-[r:ENDORSES]->(b)
ON CREATE SET r.createdAt = datetime(), r._new = true
SET r.updatedAt = datetime()
WITH r, r._new IS NOT NULL AS created
REMOVE r._new
RETURN sum(CASE WHEN created THEN 1 ELSE 0 END) AS created, count(*) AS total
